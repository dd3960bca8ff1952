import { sql } from "drizzle-orm";
import type { AbroadData, AbroadStatus } from "~/domain/abroad-application";
import type { CaseData } from "~/domain/case-data";
import type { AbroadDecisionInput, AbroadOutcome, LineOutcomeKind } from "~/domain/abroad-decision";
import type { ClaimSnapshot } from "~/domain/register";
import type { StoredExtraction } from "~/documents/schema";
import type { Fnr, IsoDate, Ore, Orgnr } from "~/kernel/types";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

/** PostgreSQL bytea as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Residents known to the register. The fødselsnummer/D-nummer is personal data: it is only ever
 * used to look a person up and is never logged or put in a URL; everything else refers to `id`.
 */
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fnr: varchar("fnr", { length: 11 }).$type<Fnr>().notNull(),
    /** Name from the person record; null for someone who has logged in but is not in the register yet. */
    name: text("name"),
    /** From the person record; the number does not always carry it (2032 rule, some D-numbers). */
    birthDate: date("birth_date", { mode: "string" }).$type<IsoDate>(),
    yrkesskadeDescription: text("yrkesskade_description"),
    yrkesskadeApprovedOn: date("yrkesskade_approved_on", { mode: "string" }).$type<IsoDate>(),
    /** Norwegian kontonummer (11 digits) for refunds above the ceiling; null when none is on file. */
    payoutAccount: varchar("payout_account", { length: 11 }),
    /** A payout account abroad instead (IBAN, ISO 13616, and BIC, ISO 9362), for residents who live abroad; set only when payoutAccount is null. */
    payoutIban: varchar("payout_iban", { length: 34 }),
    payoutBic: varchar("payout_bic", { length: 11 }),
    /** Reserved against storage of egenandeler and automatic frikort (set/lifted in the portal). */
    reservedAt: timestamp("reserved_at", { withTimezone: true }),
    /** Date of death from the person record (demo data; later set by staff): claims for treatment after it are rejected. */
    diedOn: date("died_on", { mode: "string" }).$type<IsoDate>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("persons_fnr_uq").on(t.fnr)],
);

/**
 * Citizen login sessions (ADR 0002). The signed cookie holds only the session's random id, the
 * person's internal id, the expiry and the CSRF token; this row decides whether that session is
 * still alive, so logging out (or logging in again) ends it on the server: a copied cookie stops
 * working at once. Only a hash of the id is stored, so a copy of the table logs no one in.
 */
export const citizenSessions = pgTable(
  "citizen_sessions",
  {
    /** SHA-256 (hex) of the session id in the cookie. */
    idHash: varchar("id_hash", { length: 64 }).primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Set when the session was ended before it expired. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** Why it ended: "logout" or "new-login". */
    endReason: text("end_reason"),
    /**
     * Acting for another resident (a child under 16, or someone who gave a fullmakt): every resident page then shows that
     * person. Checked against the relation on every request (server/session-gate.ts); null is acting for oneself.
     */
    actingForPersonId: uuid("acting_for_person_id").references(() => persons.id),
  },
  (t) => [index("citizen_sessions_person_idx").on(t.personId), index("citizen_sessions_expires_idx").on(t.expiresAt)],
);

/** Provider organisations (behandlere/tjenesteytere) that report egenandeler. */
export const providers = pgTable("providers", {
  orgnr: varchar("orgnr", { length: 9 }).$type<Orgnr>().primaryKey(),
  /** A stable id for links and forms of the controller's console (the orgnr is the key everywhere else). */
  id: uuid("id").notNull().unique("providers_id_uq").defaultRandom(),
  name: text("name").notNull(),
  /**
   * The provider's kontonummer (11 digits) for what Helfo pays back to it: an overpayment on a control
   * case's receivable (ADR 0020 addendum 5). Recorded by the controller; null when none is on file.
   */
  payoutAccount: varchar("payout_account", { length: 11 }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The egenandel register: one row per approved egenandel reported by a provider. */
export const egenandeler = pgTable(
  "egenandeler",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    providerOrgnr: varchar("provider_orgnr", { length: 9 })
      .$type<Orgnr>()
      .notNull()
      .references(() => providers.orgnr),
    /** The provider's own id for the claim; unique per provider (idempotent registration). */
    claimId: text("claim_id").notNull(),
    providerName: text("provider_name").notNull(),
    serviceDate: date("service_date", { mode: "string" }).$type<IsoDate>().notNull(),
    serviceType: text("service_type").notNull(),
    amountOre: integer("amount_ore").$type<Ore>().notNull(),
    paid: boolean("paid").notNull().default(true),
    paidDate: date("paid_date", { mode: "string" }).$type<IsoDate>(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** SHA-256 of the registration as first sent: an identical retry is answered 200, a different body 409. */
    registrationHash: varchar("registration_hash", { length: 64 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("egenandeler_provider_claim_uq").on(t.providerOrgnr, t.claimId),
    index("egenandeler_person_date_idx").on(t.personId, t.serviceDate),
    check("egenandeler_amount_nonneg", sql`${t.amountOre} >= 0`),
  ],
);

/** API keys of provider organisations. Only a SHA-256 hash of the key is stored. */
export const providerApiKeys = pgTable(
  "provider_api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgnr: varchar("orgnr", { length: 9 })
      .$type<Orgnr>()
      .notNull()
      .references(() => providers.orgnr),
    keyHash: varchar("key_hash", { length: 64 }).notNull(),
    /** The first characters of the key, to tell keys apart in listings. */
    keyPrefix: varchar("key_prefix", { length: 16 }).notNull(),
    label: text("label").notNull(),
    scopes: text("scopes").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("provider_api_keys_hash_uq").on(t.keyHash)],
);

/** Append-only history of every egenandel: registered, corrected, paid, cancelled — and why. */
export const egenandelEvents = pgTable(
  "egenandel_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    egenandelId: uuid("egenandel_id")
      .notNull()
      .references(() => egenandeler.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** registered | corrected | paid | cancelled */
    kind: text("kind").notNull(),
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).$type<Orgnr>(),
    /** Who asked for it: provider | report | abroad | frikort-application | import (domain/register.ts). */
    source: text("source").notNull().default("provider"),
    /** The provider's orgnr, or the case or application reference. */
    sourceRef: text("source_ref"),
    before: jsonb("before").$type<ClaimSnapshot | null>(),
    after: jsonb("after").$type<ClaimSnapshot | null>(),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("egenandel_events_egenandel_idx").on(t.egenandelId)],
);

/** The engine's result per person, year and tak: recomputed from the register on every change. */
export const frikortStatus = pgTable(
  "frikort_status",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    year: smallint("year").notNull(),
    tak: text("tak").notNull(),
    ceilingOre: integer("ceiling_ore").$type<Ore>().notNull(),
    totalOre: integer("total_ore").$type<Ore>().notNull(),
    overCeilingOre: integer("over_ceiling_ore").$type<Ore>().notNull(),
    frikortFrom: date("frikort_from", { mode: "string" }).$type<IsoDate>(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year, t.tak] })],
);

/** Audit trail of every change the engine made to a frikort or a total, with its cause. */
export const frikortChanges = pgTable(
  "frikort_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    year: smallint("year").notNull(),
    tak: text("tak").notNull(),
    totalBefore: integer("total_before").$type<Ore>(),
    totalAfter: integer("total_after").$type<Ore>().notNull(),
    frikortFromBefore: date("frikort_from_before", { mode: "string" }).$type<IsoDate>(),
    frikortFromAfter: date("frikort_from_after", { mode: "string" }).$type<IsoDate>(),
    cause: text("cause").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("frikort_changes_person_idx").on(t.personId, t.year)],
);

/** Refunds of egenandeler paid above the ceiling. One open (pending/withheld) record per person, year and tak. */
export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    year: smallint("year").notNull(),
    tak: text("tak").notNull(),
    amountOre: integer("amount_ore").$type<Ore>().notNull(),
    /** pending | paid | withheld | cancelled */
    status: text("status").notNull(),
    /** below-minimum | no-account | reserved, when withheld; correction when cancelled */
    statusReason: text("status_reason"),
    accountNumber: varchar("account_number", { length: 11 }),
    /** frikort-refund (the engine's, per person, year and tak) | abroad-refund (an approved refund claim abroad: tak "abroad") */
    kind: text("kind").$type<"frikort-refund" | "abroad-refund">().notNull().default("frikort-refund"),
    /** abroad-refund: the application and the decision the payout pays. */
    applicationId: uuid("application_id").references(() => abroadApplications.id),
    decisionId: uuid("decision_id"),
    /** abroad-refund to an account abroad: IBAN and BIC (account_number is then null). */
    iban: varchar("iban", { length: 34 }),
    bic: varchar("bic", { length: 11 }),
    paidOn: date("paid_on", { mode: "string" }).$type<IsoDate>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("payouts_person_idx").on(t.personId, t.year), check("payouts_amount_pos", sql`${t.amountOre} > 0`)],
);

/** Every frikort status lookup by a provider: who asked, when, about whom. The resident can read it. */
export const statusLookups = pgTable(
  "status_lookups",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /**
     * Null when the number asked about is not in the register. Deliberately no foreign keys on this
     * append-only log (person_id, orgnr): PostgreSQL checks a foreign key by taking a KEY SHARE lock
     * on the referenced row, so every logged lookup dirtied (and WAL-logged) a random persons page
     * and made concurrent batches share a lock on the one provider row (a MultiXact). The values come
     * from the same lookup's join and from the authenticated key, and neither table deletes rows
     * (docs/decisions/0011-group-commit.md).
     */
    personId: uuid("person_id"),
    orgnr: varchar("orgnr", { length: 9 }).$type<Orgnr>().notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    serviceDate: date("service_date", { mode: "string" }).$type<IsoDate>().notNull(),
    serviceType: text("service_type").notNull(),
    result: text("result").notNull(),
    batch: boolean("batch").notNull().default(false),
  },
  (t) => [index("status_lookups_person_idx").on(t.personId, t.askedAt)],
);

/** The resident's inbox in the portal. `dedupeKey` makes each message idempotent. */
export const inboxMessages = pgTable(
  "inbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("inbox_messages_dedupe_uq").on(t.personId, t.dedupeKey), index("inbox_messages_person_idx").on(t.personId, t.createdAt)],
);

export type Person = typeof persons.$inferSelect;
export type EgenandelRecord = typeof egenandeler.$inferSelect;

/** Files a resident uploads (receipts, attachments to tips). Stored in the database with their SHA-256. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    filename: text("filename").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_person_idx").on(t.personId)],
);

/**
 * The resident's cases with Helfo from the portal: a missing egenandel, a tip about one they do not
 * recognise, a reservation or its lifting, an application for frikort while reserved. One table,
 * one reference series, one status history; `data` holds what the resident submitted.
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** missing-egenandel | tip | reservation | lift-reservation | frikort-application */
    kind: text("kind").notNull(),
    /** Shown to the resident, e.g. FP-2026-7K3M9Q. */
    reference: varchar("reference", { length: 20 }).notNull(),
    /** From the form: a double submit finds the case it already made. */
    idempotencyKey: varchar("idempotency_key", { length: 64 }).notNull(),
    /** received | checked | under-review | registered | rejected | upheld | dismissed | completed | granted */
    status: text("status").notNull(),
    statusReason: text("status_reason"),
    /** What the resident submitted, by kind (domain/case-data.ts; read with caseDataOf). */
    data: jsonb("data").$type<CaseData>().notNull(),
    egenandelId: uuid("egenandel_id").references(() => egenandeler.id, { onDelete: "set null" }),
    uploadId: uuid("upload_id").references(() => uploads.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cases_reference_uq").on(t.reference),
    uniqueIndex("cases_idempotency_uq").on(t.personId, t.idempotencyKey),
    index("cases_person_idx").on(t.personId, t.createdAt),
    index("cases_queue_idx").on(t.kind, t.status, t.createdAt),
  ],
);

/** Status history of each case, with dates, for the resident and the caseworker. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    status: text("status").notNull(),
    note: text("note"),
    actor: text("actor").notNull(),
    /** A file the resident sent with this step (an answer to a request for more information). */
    uploadId: uuid("upload_id").references(() => uploads.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_events_case_idx").on(t.caseId)],
);

/** Verification codes printed on the digital frikort proof; a provider checks one via the API. */
export const frikortProofs = pgTable(
  "frikort_proofs",
  {
    code: varchar("code", { length: 16 }).primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    year: smallint("year").notNull(),
    tak: text("tak").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("frikort_proofs_person_uq").on(t.personId, t.year, t.tak)],
);

/**
 * A frikort granted by a caseworker's decision on a reserved resident's application by receipts
 * (docs/decisions/0017-frikort-grants.md). The receipts are not stored in the register (ADR 0007);
 * this row is the frikort: the overview, the proof, the providers' status lookups and the proof
 * check read it beside the engine's `frikort_status`. One row per case and tak; a later rejection
 * of the same case (after an appeal) revokes it, and it is kept.
 */
export const frikortGrants = pgTable(
  "frikort_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    year: smallint("year").notNull(),
    tak: text("tak").notNull(),
    /** The service date of the receipt that brought the total to the ceiling. */
    validFrom: date("valid_from", { mode: "string" }).$type<IsoDate>().notNull(),
    ceilingOre: integer("ceiling_ore").$type<Ore>().notNull(),
    totalOre: integer("total_ore").$type<Ore>().notNull(),
    /** Paid above the ceiling by the receipts: what is refunded (payoutId). */
    overCeilingOre: integer("over_ceiling_ore").$type<Ore>().notNull(),
    /** The refund of what was paid above the ceiling; null when nothing is owed. Not the engine's: it never reconciles it. */
    payoutId: uuid("payout_id").references(() => payouts.id),
    grantedBy: varchar("granted_by", { length: 140 }).notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("frikort_grants_case_tak_uq").on(t.caseId, t.tak), index("frikort_grants_person_idx").on(t.personId, t.year, t.tak)],
);

/**
 * Applications for refund of physiotherapy received abroad (issue 5). One draft per person at a
 * time; `data` holds the answers the resident has given so far.
 */
export const abroadApplications = pgTable(
  "abroad_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** domain/abroad-application.ts ABROAD_STATUSES: draft | received | under-review | more-info | decided | paid */
    status: text("status").$type<AbroadStatus>().notNull().default("draft"),
    /** The resident's answers and, once sent, the frozen snapshot (domain/abroad-application.ts abroadDataSchema; parsed on read). */
    data: jsonb("data").$type<AbroadData>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("abroad_applications_person_idx").on(t.personId, t.status)],
);

/**
 * One document attached to an application (invoice, authorisation proof, epikrise) and the state of
 * its background reading: queued → reading → done | failed. A file rejected by the content check
 * before it was stored has no upload and is failed from the start, so its reason can be shown.
 */
export const abroadDocuments = pgTable(
  "abroad_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => abroadApplications.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** invoice | authorisation | epikrise */
    kind: text("kind").notNull(),
    filename: text("filename").notNull(),
    uploadId: uuid("upload_id").references(() => uploads.id),
    /** queued | reading | done | failed */
    status: text("status").notNull(),
    /** A SniffReason (empty, unsupported-type, …) or "error" when reading kept failing. */
    failureReason: text("failure_reason"),
    /** The extraction (extracted-document schema + pages/source/confidence/checks). */
    result: jsonb("result").$type<StoredExtraction>(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("abroad_documents_application_idx").on(t.applicationId, t.createdAt),
    index("abroad_documents_person_idx").on(t.personId),
    index("abroad_documents_status_idx").on(t.status, t.updatedAt),
  ],
);

/**
 * Treatment claims (regninger) from physiotherapists with direct settlement (issue 20): one per
 * (provider, claimId), idempotent like the egenandel endpoint. The claim's answer is rebuilt from
 * these rows, so a retry gets the same body. Kept for the controller's risk signals, which group
 * by provider, therapist, patient and date (see the indexes on claim_lines).
 */
export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerOrgnr: varchar("provider_orgnr", { length: 9 })
      .$type<Orgnr>()
      .notNull()
      .references(() => providers.orgnr),
    claimId: text("claim_id").notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** Helsepersonellregisteret number of the therapist who gave the treatment. */
    therapistHpr: varchar("therapist_hpr", { length: 9 }).notNull(),
    therapistName: text("therapist_name").notNull(),
    /** Whether the patient has paid the egenandel (as on the egenandel endpoint). */
    paid: boolean("paid").notNull(),
    /** godkjent | avvist | til-kontroll */
    outcome: text("outcome").notNull(),
    refusjonOre: integer("refusjon_ore").$type<Ore>().notNull(),
    /** SHA-256 of the request as first sent: the same again is answered 200, another body 409. */
    requestHash: varchar("request_hash", { length: 64 }).notNull(),
    receivedOn: date("received_on", { mode: "string" }).$type<IsoDate>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("claims_provider_claim_uq").on(t.providerOrgnr, t.claimId),
    index("claims_person_idx").on(t.personId),
    index("claims_outcome_idx").on(t.outcome, t.createdAt),
  ],
);

/** One treatment line of a claim, with the result of every automatic control. */
export const claimLines = pgTable(
  "claim_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimRef: uuid("claim_ref")
      .notNull()
      .references(() => claims.id),
    lineNo: smallint("line_no").notNull(),
    /** Copied from the claim, so the controls and the risk signals read one table. */
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).$type<Orgnr>().notNull(),
    therapistHpr: varchar("therapist_hpr", { length: 9 }).notNull(),
    takst: varchar("takst", { length: 8 }).notNull(),
    serviceDate: date("service_date", { mode: "string" }).$type<IsoDate>().notNull(),
    /** Minutes after midnight (Europe/Oslo) the treatment started. */
    startMinute: smallint("start_minute").notNull(),
    minutes: smallint("minutes").notNull(),
    groupSize: smallint("group_size"),
    /** godkjent | avvist | til-kontroll */
    outcome: text("outcome").notNull(),
    /** Every control's result: [{ rule, result, reason?, detail? }] (domain/claim-controls.ts). */
    controls: jsonb("controls").notNull(),
    honorarOre: integer("honorar_ore").$type<Ore>().notNull(),
    refusjonOre: integer("refusjon_ore").$type<Ore>().notNull(),
    egenandelOre: integer("egenandel_ore").$type<Ore>().notNull(),
    /** registered | reserved | frikort | exempt-child | none | held | rejected | not-stored (domain/claims.ts). */
    egenandelDisposition: text("egenandel_disposition").notNull(),
    /** The egenandel the register stored for this line, when it did. */
    egenandelId: uuid("egenandel_id").references(() => egenandeler.id),
    /** When the patient confirmed in the portal that this is what they got (a discrepancy is a `claim-report` case). */
    patientConfirmedAt: timestamp("patient_confirmed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("claim_lines_claim_line_uq").on(t.claimRef, t.lineNo),
    index("claim_lines_therapist_date_idx").on(t.therapistHpr, t.serviceDate),
    index("claim_lines_person_date_idx").on(t.personId, t.serviceDate),
    index("claim_lines_provider_date_idx").on(t.providerOrgnr, t.serviceDate),
    index("claim_lines_egenandel_idx").on(t.egenandelId),
  ],
);

/**
 * A caseworker's or controller's review of a claim line held for control (issue 20): approved (the
 * line is paid and its egenandel registered through the one writer) or rejected, with the reason.
 * One review per line; the line's own row then carries the new outcome.
 */
export const claimLineReviews = pgTable(
  "claim_line_reviews",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    lineId: uuid("line_id")
      .notNull()
      .references(() => claimLines.id),
    /** godkjent | avvist */
    decision: text("decision").notNull(),
    reason: text("reason").notNull(),
    staffIdent: varchar("staff_ident", { length: 64 }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("claim_line_reviews_line_uq").on(t.lineId)],
);

/**
 * Changes staff make to a person's record (issue 20: the date of death), with who, when and why.
 * The staff audit log has the same change as an action; this row keeps the before, after and reason.
 */
export const personChanges = pgTable(
  "person_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** died_on */
    field: text("field").notNull(),
    before: text("before"),
    after: text("after"),
    reason: text("reason").notNull(),
    staffIdent: varchar("staff_ident", { length: 64 }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("person_changes_person_idx").on(t.personId, t.at)],
);

/**
 * Risk signals for post-payment control (issue 20, part 4): running aggregates of the claim lines,
 * kept current when a claim arrives (app/models/risk-signals.server.ts) and rebuildable from
 * claim_lines at any time. Nothing here is the source of truth; each row can be recomputed.
 *
 * risk_series: one patient's series with one therapist at one provider (approved and held lines).
 */
export const riskSeries = pgTable(
  "risk_series",
  {
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).$type<Orgnr>().notNull(),
    therapistHpr: varchar("therapist_hpr", { length: 9 }).notNull(),
    personId: uuid("person_id").notNull(),
    lines: integer("lines").notNull(),
    refusjonOre: bigint("refusjon_ore", { mode: "number" }).$type<Ore>().notNull(),
    firstDate: date("first_date", { mode: "string" }).$type<IsoDate>().notNull(),
    lastDate: date("last_date", { mode: "string" }).$type<IsoDate>().notNull(),
    /** Lines with an egenandel (before the frikort) and lines waived by the frikort (after it). */
    beforeLines: integer("before_lines").notNull(),
    beforeMinutes: integer("before_minutes").notNull(),
    beforeFirst: date("before_first", { mode: "string" }).$type<IsoDate>(),
    beforeLast: date("before_last", { mode: "string" }).$type<IsoDate>(),
    afterLines: integer("after_lines").notNull(),
    afterMinutes: integer("after_minutes").notNull(),
    afterFirst: date("after_first", { mode: "string" }).$type<IsoDate>(),
    afterLast: date("after_last", { mode: "string" }).$type<IsoDate>(),
    /** The first takster of the series (risk.metric-settings patternLength). */
    takstPattern: text("takst_pattern").array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.providerOrgnr, t.therapistHpr, t.personId] }),
    // A patient's series with every therapist of a provider (the provider's own series, kept incrementally).
    index("risk_series_provider_person").on(t.providerOrgnr, t.personId),
  ],
);

/** risk_days: one therapist's working day at one provider. */
export const riskDays = pgTable(
  "risk_days",
  {
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).$type<Orgnr>().notNull(),
    therapistHpr: varchar("therapist_hpr", { length: 9 }).notNull(),
    serviceDate: date("service_date", { mode: "string" }).$type<IsoDate>().notNull(),
    lines: integer("lines").notNull(),
    minutes: integer("minutes").notNull(),
    firstStart: smallint("first_start").notNull(),
    lastEnd: smallint("last_end").notNull(),
    earlyLate: integer("early_late").notNull(),
    /** Saturday, Sunday or a Norwegian public holiday. */
    offDay: boolean("off_day").notNull(),
    overlap: integer("overlap").notNull(),
    afterDeath: integer("after_death").notNull(),
    examinationsHeld: integer("examinations_held").notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerOrgnr, t.therapistHpr, t.serviceDate] })],
);

/** risk_takst: lines and refusjon per takst of one therapist at one provider. */
export const riskTakst = pgTable(
  "risk_takst",
  {
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).$type<Orgnr>().notNull(),
    therapistHpr: varchar("therapist_hpr", { length: 9 }).notNull(),
    takst: varchar("takst", { length: 8 }).notNull(),
    lines: integer("lines").notNull(),
    refusjonOre: bigint("refusjon_ore", { mode: "number" }).$type<Ore>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerOrgnr, t.therapistHpr, t.takst] })],
);

/**
 * risk_patterns: how many series of a subject (a provider as a whole: therapist_hpr '') begin with the same takster
 * (patternLength of them), so the most common pattern's count follows a claim without counting every series again.
 */
export const riskPatterns = pgTable(
  "risk_patterns",
  {
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).$type<Orgnr>().notNull(),
    therapistHpr: varchar("therapist_hpr", { length: 9 }).notNull(),
    takstPattern: text("takst_pattern").array().notNull(),
    patients: integer("patients").notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerOrgnr, t.therapistHpr, t.takstPattern] })],
);

/**
 * risk_subjects: the metrics of each provider (therapist_hpr '') and each therapist at a provider,
 * derived from the three tables above; the console scores them (app/domain/risk-signals.ts).
 */
export const riskSubjects = pgTable(
  "risk_subjects",
  {
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).$type<Orgnr>().notNull(),
    therapistHpr: varchar("therapist_hpr", { length: 9 }).notNull(),
    /** The therapist's name as on a claim (null for the provider as a whole). */
    therapistName: text("therapist_name"),
    lines: integer("lines").notNull(),
    patients: integer("patients").notNull(),
    refusjonOre: bigint("refusjon_ore", { mode: "number" }).$type<Ore>().notNull(),
    /** The metric of each signal and its support (domain/risk-signals.ts, RiskMetrics). */
    metrics: jsonb("metrics").notNull(),
    /** Refusjon per takst, øre. */
    takstRefusjon: jsonb("takst_refusjon").notNull(),
    /**
     * The sum of the qualifying series' frikort ratios (metrics.frikortRatio is this ÷ frikortPatients), as an exact
     * decimal so a claim's delta (minus the series' old ratio, plus its new one) gives the same figure as a full recompute.
     */
    frikortRatioSum: numeric("frikort_ratio_sum").notNull().default("0"),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerOrgnr, t.therapistHpr] })],
);

/**
 * Staff (caseworker console) login sessions (ADR 0015): like `citizen_sessions`, a row per login
 * holding only the hash of the cookie's random id. The roles and the unit come from the staff
 * identity provider's claims at login and are read from this row on every staff request, so a
 * cookie cannot claim a role.
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    idHash: varchar("id_hash", { length: 64 }).primaryKey(),
    /** The staff member's ident from the identity provider (e.g. Z990001). Never a resident's number. */
    ident: varchar("ident", { length: 64 }).notNull(),
    name: text("name"),
    /** caseworker | controller | read-only */
    roles: jsonb("roles").$type<string[]>().notNull(),
    /** The unit shown to residents in the audit trail (never the person's name). */
    unit: text("unit").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
  },
  (t) => [index("staff_sessions_ident_idx").on(t.ident), index("staff_sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Every read of a resident's data by staff (ADR 0015). Append-only: a trigger (hand-written
 * migration) refuses UPDATE and DELETE. `subjectKind` says which table `subjectId` is in:
 * "case" (cases) or "abroad" (abroad_applications).
 */
export const staffAuditLog = pgTable(
  "staff_audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    staffIdent: varchar("staff_ident", { length: 64 }).notNull(),
    unit: text("unit").notNull(),
    /** What was read, e.g. "case.view", "case.document". */
    action: text("action").notNull(),
    subjectKind: text("subject_kind").notNull(),
    subjectId: uuid("subject_id").notNull(),
    /** The resident whose data was read; null for a staff action on a subject that is no resident's (a control case against a provider). */
    personId: uuid("person_id").references(() => persons.id),
  },
  (t) => [index("staff_audit_subject_idx").on(t.subjectKind, t.subjectId, t.at), index("staff_audit_person_idx").on(t.personId, t.at)],
);

/**
 * The console's own state of a case of any kind (a `cases` row or an abroad application): who has
 * taken it, and the provisional answer of forvaltningsloven § 11 a once it was sent.
 */
export const staffCaseState = pgTable(
  "staff_case_state",
  {
    subjectKind: text("subject_kind").notNull(),
    subjectId: uuid("subject_id").notNull(),
    assignedTo: varchar("assigned_to", { length: 64 }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    provisionalSentAt: timestamp("provisional_sent_at", { withTimezone: true }),
    /** The date the provisional answer told the resident to expect a decision by. */
    provisionalExpectedBy: date("provisional_expected_by", { mode: "string" }).$type<IsoDate>(),
    /** Four eyes: a decision above the threshold waits here until a second caseworker approves it. */
    proposedStatus: text("proposed_status"),
    proposedReason: text("proposed_reason"),
    proposedBy: varchar("proposed_by", { length: 64 }),
    proposedAt: timestamp("proposed_at", { withTimezone: true }),
    /** A refund claim abroad: the whole proposed decision (per line), recomputed when it is approved. */
    proposedPayload: jsonb("proposed_payload").$type<AbroadDecisionInput>(),
  },
  (t) => [primaryKey({ columns: [t.subjectKind, t.subjectId] })],
);

/**
 * Shared counters of the rate limits (app/services/rate-limit.server.ts, rate-limiter-flexible's
 * Drizzle store): one row per limit and hashed key (IP address, person id or API key id), with the
 * points used in the window that ends at `expire`.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});

/**
 * Audit of reads of one person's data (issue 16, item 11): a provider reading one egenandel through
 * the API, a resident downloading one of their documents. Who (actor), what (action, object), when
 * (at), why (purpose), and the request id. Append-only: a trigger (migration
 * 0009_read_audit_append_only.sql) refuses UPDATE, DELETE and TRUNCATE. No foreign keys, as on
 * status_lookups: an audit row must outlive what it points at, and must not lock it.
 */
export const readAudit = pgTable(
  "read_audit",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Whose data was read. */
    personId: uuid("person_id").notNull(),
    /** provider | resident */
    actorKind: text("actor_kind").notNull(),
    actorOrgnr: varchar("actor_orgnr", { length: 9 }),
    actorKeyId: uuid("actor_key_id"),
    actorPersonId: uuid("actor_person_id"),
    /** egenandel.read | document.download */
    action: text("action").notNull(),
    objectId: uuid("object_id").notNull(),
    /** Why, as a code the resident's page translates: egenandel-check | own-document */
    purpose: text("purpose").notNull(),
    requestId: text("request_id"),
  },
  (t) => [index("read_audit_person_idx").on(t.personId, t.at)],
);

/**
 * Parental responsibility (foreldreansvar) as the person register (Folkeregisteret) records it: the parent may act for the
 * child in this portal while the child is under 16 (app/domain/representation.ts). Demo data in app/db/demo-data.ts.
 */
export const parentalResponsibility = pgTable(
  "parental_responsibility",
  {
    parentPersonId: uuid("parent_person_id")
      .notNull()
      .references(() => persons.id),
    childPersonId: uuid("child_person_id")
      .notNull()
      .references(() => persons.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parentPersonId, t.childPersonId] }), index("parental_responsibility_child_idx").on(t.childPersonId)],
);

/**
 * A fullmakt one resident gives another for this portal's services. Withdrawn by the giver (the row stays, with when); at
 * most one live fullmakt per pair. The holder acts for the giver by choosing them (by this row's id, never a fødselsnummer).
 */
export const fullmakter = pgTable(
  "fullmakter",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    giverPersonId: uuid("giver_person_id")
      .notNull()
      .references(() => persons.id),
    holderPersonId: uuid("holder_person_id")
      .notNull()
      .references(() => persons.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    /** The services it covers (domain/representation.ts FULLMAKT_SCOPES); rows from before scopes cover all of them. */
    scopes: text("scopes")
      .array()
      .notNull()
      .default(sql`'{innsyn,melde,frikort,utland,konto}'::text[]`),
    /** The last day it can be used (an Oslo date); null only on rows from before end dates, which last until withdrawn. */
    validUntil: date("valid_until", { mode: "string" }).$type<IsoDate>(),
  },
  (t) => [
    uniqueIndex("fullmakter_live_pair_uq")
      .on(t.giverPersonId, t.holderPersonId)
      .where(sql`${t.withdrawnAt} is null`),
    index("fullmakter_holder_idx").on(t.holderPersonId),
    check("fullmakter_not_self", sql`${t.giverPersonId} <> ${t.holderPersonId}`),
  ],
);

/**
 * What was done in a resident's name by someone acting for them (both identities), shown to the represented person on
 * /mine/representasjon. `action` is a code (the page's path without ids, or "start"/"stop"); never personal data.
 */
export const representationLog = pgTable(
  "representation_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorPersonId: uuid("actor_person_id")
      .notNull()
      .references(() => persons.id),
    subjectPersonId: uuid("subject_person_id")
      .notNull()
      .references(() => persons.id),
    basis: text("basis").notNull(),
    action: text("action").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("representation_log_subject_idx").on(t.subjectPersonId, t.at), index("representation_log_actor_idx").on(t.actorPersonId, t.at)],
);

/**
 * How a resident wants to hear that a new message is in the inbox (issue 22 item 11). The notice itself never says more than
 * "you have a new message in Frikortportalen", in `lang`. Both channels off (or no row) means no notice.
 */
export const noticeSettings = pgTable("notice_settings", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => persons.id),
  email: text("email"),
  phone: varchar("phone", { length: 16 }),
  emailOn: boolean("email_on").notNull().default(false),
  smsOn: boolean("sms_on").notNull().default(false),
  lang: varchar("lang", { length: 2 }).notNull().default("nb"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Control cases against a provider (etterkontroll, issue 20 part 5; app/domain/control-case.ts).
 * `state` is the state after the case's last event (a copy for lists; the events are the record),
 * `version` the number of events, so two controllers acting at once cannot both move it.
 */
export const controlCases = pgTable(
  "control_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Shown in letters, e.g. KK-2026-7K3M9Q. */
    reference: varchar("reference", { length: 20 }).notNull(),
    providerOrgnr: varchar("provider_orgnr", { length: 9 })
      .$type<Orgnr>()
      .notNull()
      .references(() => providers.orgnr),
    therapistHpr: varchar("therapist_hpr", { length: 9 }),
    /** The risk signal (a code) the case was opened from. */
    signal: varchar("signal", { length: 64 }).notNull(),
    openedBy: varchar("opened_by", { length: 64 }).notNull(),
    openedOn: date("opened_on", { mode: "string" }).$type<IsoDate>().notNull(),
    stateTag: text("state_tag").notNull(),
    state: jsonb("state").notNull(),
    version: integer("version").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("control_cases_reference_uq").on(t.reference),
    index("control_cases_provider_idx").on(t.providerOrgnr),
    index("control_cases_state_idx").on(t.stateTag, t.updatedAt),
  ],
);

/** A file in a control case (the provider's tilsvar), content-checked like every upload; append-only. */
export const controlCaseFiles = pgTable("control_case_files", {
  id: uuid("id").primaryKey().defaultRandom(),
  caseId: uuid("case_id")
    .notNull()
    .references(() => controlCases.id),
  filename: text("filename").notNull(),
  mimeType: text("mime_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  sha256: varchar("sha256", { length: 64 }).notNull(),
  content: bytea("content").notNull(),
  uploadedBy: varchar("uploaded_by", { length: 64 }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every step of a control case, dated, with who did it, what was given and the state after it; append-only. */
export const controlCaseEvents = pgTable(
  "control_case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => controlCases.id),
    /** 1, 2, 3 … per case: a second writer of the same number fails on the unique index. */
    seq: integer("seq").notNull(),
    /** opened | innhenting | vurdering | varsel | tilsvar | ny-vurdering | vedtak | henlegg | klage | klage-behandling */
    kind: text("kind").notNull(),
    /** The day the step happened (Europe/Oslo). */
    on: date("on", { mode: "string" }).$type<IsoDate>().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: varchar("actor", { length: 64 }).notNull(),
    /** What the controller gave: the command (lines, assessments, deadline, note, reason …). */
    data: jsonb("data").notNull(),
    stateAfter: jsonb("state_after").notNull(),
    fileId: uuid("file_id").references(() => controlCaseFiles.id),
  },
  (t) => [uniqueIndex("control_case_events_seq_uq").on(t.caseId, t.seq)],
);

/**
 * What a provider owes back after a vedtak om tilbakekreving in a control case (issue 20): one row
 * per vedtak (the first, or the new one an appeal changed), created in the step's transaction and
 * unique per (case, event), so a repeated step cannot owe twice. A changed vedtak replaces the
 * open row; a reversed one cancels it (status, never deleted). Amounts in øre.
 */
export const providerReceivables = pgTable(
  "provider_receivables",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerOrgnr: varchar("provider_orgnr", { length: 9 })
      .$type<Orgnr>()
      .notNull()
      .references(() => providers.orgnr),
    caseId: uuid("case_id")
      .notNull()
      .references(() => controlCases.id),
    /** The event (control_case_events.seq) whose vedtak created it. */
    eventSeq: integer("event_seq").notNull(),
    amountOre: integer("amount_ore").$type<Ore>().notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** open | replaced (a changed vedtak took its place) | cancelled (the vedtak was reversed) */
    status: text("status").notNull(),
    /** The day the status last changed. */
    statusOn: date("status_on", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("provider_receivables_case_event_uq").on(t.caseId, t.eventSeq),
    index("provider_receivables_provider_idx").on(t.providerOrgnr, t.status),
    check("provider_receivables_amount_pos", sql`${t.amountOre} > 0`),
    check("provider_receivables_status", sql`${t.status} in ('open', 'replaced', 'cancelled')`),
  ],
);

/**
 * How a provider's receivable from a control case is paid off (issue 20, ADR 0020 addendum 2): a set-off
 * (motregning) against the refusjon of a claim it sent later, or a payment it made; and what Helfo paid
 * back (tilbakebetaling, addendum 5) when a changed or reversed vedtak left the provider overpaid. Append-only
 * (a trigger refuses UPDATE, DELETE and TRUNCATE): a mistake is put right by what follows, never by an
 * edit. A settlement belongs to the case's debt, not to one vedtak: when an appeal changes the vedtak,
 * what was settled counts against the new amount (app/domain/provider-receivables.ts). Amounts in øre.
 */
export const receivableSettlements = pgTable(
  "receivable_settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The receivable that was open when it was settled (a repayment: the case's latest, also when cancelled). */
    receivableId: uuid("receivable_id")
      .notNull()
      .references(() => providerReceivables.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => controlCases.id),
    providerOrgnr: varchar("provider_orgnr", { length: 9 }).notNull(),
    /**
     * motregning (set off against a later claim's refusjon) | innbetaling (a payment registered by the controller) |
     * tilbakebetaling (an overpayment paid back to the provider by the payout run)
     */
    kind: text("kind").$type<"motregning" | "innbetaling" | "tilbakebetaling">().notNull(),
    amountOre: integer("amount_ore").$type<Ore>().notNull(),
    /** The day it was settled: the set-off's day, the day the payment was made, or the payout run's day. */
    on: date("on", { mode: "string" }).$type<IsoDate>().notNull(),
    /** motregning: the claim whose refusjon was held back. */
    claimRef: uuid("claim_ref").references(() => claims.id),
    /** innbetaling: the payment's reference (KID or bank reference), as given; tilbakebetaling: the transfer's end-to-end id in the bank file. */
    paymentReference: text("payment_reference"),
    /** tilbakebetaling: the kontonummer it was paid to. */
    accountNumber: varchar("account_number", { length: 11 }),
    actor: varchar("actor", { length: 64 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("receivable_settlements_case_idx").on(t.caseId),
    index("receivable_settlements_provider_idx").on(t.providerOrgnr),
    uniqueIndex("receivable_settlements_case_claim_uq").on(t.caseId, t.claimRef),
    // a repayment's end-to-end id is made from the case and its settlements so far: the same overpayment cannot be paid twice
    uniqueIndex("receivable_settlements_refund_uq")
      .on(t.caseId, t.paymentReference)
      .where(sql`${t.kind} = 'tilbakebetaling'`),
    check("receivable_settlements_amount_pos", sql`${t.amountOre} > 0`),
    check("receivable_settlements_kind", sql`${t.kind} in ('motregning', 'innbetaling', 'tilbakebetaling')`),
    check("receivable_settlements_source", sql`(${t.kind} = 'motregning') = (${t.claimRef} is not null)`),
    check("receivable_settlements_refund_account", sql`(${t.kind} = 'tilbakebetaling') = (${t.accountNumber} is not null)`),
  ],
);

/**
 * Norges Bank's daily exchange rates imported from its open data API (EXR, issue 18 item 2;
 * docs/decisions/0016-exchange-rates.md). One row per currency and publication day, the value
 * exactly as published (NOK per 10^unit_mult units). The embedded file in app/rules/data holds
 * 2017-01-02 … 2025-01-03; rows here extend it (and win where both hold a day). Upserted, never
 * deleted: a failed import changes nothing.
 */
export const exchangeRates = pgTable(
  "exchange_rates",
  {
    currency: varchar("currency", { length: 3 }).notNull(),
    rateDate: date("rate_date", { mode: "string" }).$type<IsoDate>().notNull(),
    /** OBS_VALUE as published, decimal point, e.g. "11.7155" or "95.95" (per 100). */
    value: text("value").notNull(),
    unitMult: smallint("unit_mult").notNull(),
    /** Where the row came from, e.g. "norges-bank-api". */
    source: text("source").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.currency, t.rateDate] }),
    check("exchange_rates_value_decimal", sql`${t.value} ~ '^[0-9]+(\\.[0-9]+)?$' and ${t.value} !~ '^0+(\\.0+)?$'`),
    check("exchange_rates_unit_mult", sql`${t.unitMult} between 0 and 6`),
    check("exchange_rates_currency", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * Every import run (the daily schedule or the CLI): what was asked, what Norges Bank answered
 * (the last date it had rates for), and how many rows were new or changed. A failed run keeps its
 * error and covers nothing. The rate lookup counts a day as published only inside the runs' contiguous
 * coverage, so a range never fetched is "not yet published", not "no rate that day".
 */
export const exchangeRateImports = pgTable(
  "exchange_rate_imports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** schedule | cli */
    trigger: text("trigger").notNull(),
    requestedFrom: date("requested_from", { mode: "string" }).$type<IsoDate>().notNull(),
    requestedTo: date("requested_to", { mode: "string" }).$type<IsoDate>().notNull(),
    /** ok | failed */
    status: text("status").notNull(),
    /** The last date in the answer (null: no rates in the range, or failed). */
    coveredThrough: date("covered_through", { mode: "string" }).$type<IsoDate>(),
    observations: integer("observations").notNull().default(0),
    changed: integer("changed").notNull().default(0),
    error: text("error"),
  },
  (t) => [index("exchange_rate_imports_ok_idx").on(t.status, t.requestedFrom)],
);

/**
 * Decisions on refund claims abroad (issue 19 item 4). Immutable: a trigger refuses UPDATE and
 * DELETE. A new decision (after an appeal, or a change) is a new row with the next `seq` that
 * supersedes the one before; both are kept and shown. `approvedBy` is the second caseworker when
 * the refund was above the four-eyes threshold.
 */
export const abroadDecisions = pgTable(
  "abroad_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => abroadApplications.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    seq: smallint("seq").notNull(),
    /** approved | partly-approved | rejected */
    outcome: text("outcome").$type<AbroadOutcome>().notNull(),
    refundOre: integer("refund_ore").$type<Ore>().notNull(),
    egenandelOre: integer("egenandel_ore").$type<Ore>().notNull(),
    /** The caseworker's free text beside the reasons chosen from the rules. */
    note: text("note"),
    decidedBy: varchar("decided_by", { length: 64 }).notNull(),
    approvedBy: varchar("approved_by", { length: 64 }),
    supersedes: uuid("supersedes"),
    decidedOn: date("decided_on", { mode: "string" }).$type<IsoDate>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("abroad_decisions_seq_uq").on(t.applicationId, t.seq), check("abroad_decisions_refund_nonneg", sql`${t.refundOre} >= 0`)],
);

/** One invoice line of a decision: what was claimed, what was approved, the refund and the reasons (rule codes). */
export const abroadDecisionLines = pgTable(
  "abroad_decision_lines",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => abroadDecisions.id),
    invoiceNo: smallint("invoice_no").notNull(),
    lineNo: smallint("line_no").notNull(),
    documentId: uuid("document_id").notNull(),
    /** approve | approve-part | reject */
    outcome: text("outcome").$type<LineOutcomeKind>().notNull(),
    treatmentDate: date("treatment_date", { mode: "string" }).$type<IsoDate>(),
    description: text("description").notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    /** Decimal in the invoice currency, as claimed and as approved ("0.00" when rejected). */
    claimedAmount: text("claimed_amount").notNull(),
    approvedAmount: text("approved_amount").notNull(),
    refundOre: integer("refund_ore").$type<Ore>().notNull(),
    egenandelOre: integer("egenandel_ore").$type<Ore>().notNull(),
    /** Reason codes from rules/parameters/abroad-decision.ts. */
    reasons: jsonb("reasons").$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.invoiceNo, t.lineNo] })],
);

/**
 * A caseworker's correction of a refund claim abroad (issue 19 item 2): one immutable row per change,
 * never updated or deleted (a trigger refuses it), so the history of every field is kept. `field` names
 * what was changed (domain/abroad-corrections.ts CORRECTABLE_FIELDS: an invoice field, a line's field
 * `line.<n>.<field>`, or the claim's `rateDate` rule); the latest row per (document, field) is in force.
 */
export const abroadCorrections = pgTable(
  "abroad_corrections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => abroadApplications.id),
    /** The invoice (abroad document) the field belongs to; null for a setting of the whole claim. */
    documentId: uuid("document_id"),
    field: text("field").notNull(),
    /** The value in force after this row, as text (ISO date, decimal with a dot, integer, enum). */
    value: text("value").notNull(),
    /** The value before (what was read, or the previous correction), for the history. */
    previous: text("previous"),
    reason: text("reason").notNull(),
    staffIdent: varchar("staff_ident", { length: 64 }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("abroad_corrections_application_idx").on(t.applicationId, t.id)],
);

/**
 * PNG renderings of the pages of an abroad document, for the caseworker's application view (issue 19
 * item 1): rendered once by the isolated renderer and kept, so a case opens without rendering.
 * `size` is "page" (the view beside the fields) or "large" (the zoomed view).
 */
export const abroadPageImages = pgTable(
  "abroad_page_images",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => abroadDocuments.id, { onDelete: "cascade" }),
    page: smallint("page").notNull(),
    size: text("size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    png: bytea("png").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.page, t.size] })],
);

/**
 * A claim for repayment (issue 19, ADR 0015/0017): a refund was paid, and a later decision lowered it
 * (a superseding decision on a refund claim abroad) or took it away (a revoked frikort grant). The
 * resident owes back `amountOre` = what was paid (net of earlier claims that stand) less what the
 * decision now gives. `open` until a later decision replaces it (`cancelled`, reason `superseded`
 * or `granted-again`). `sourceKey` makes each claim once per decision or revocation (idempotent).
 */
export const repaymentClaims = pgTable(
  "repayment_claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    /** abroad-refund (a lowered refund abroad) | frikort-grant (a revoked grant whose refund was paid) */
    kind: text("kind").$type<"abroad-refund" | "frikort-grant">().notNull(),
    applicationId: uuid("application_id").references(() => abroadApplications.id),
    /** abroad-refund: the decision that lowered the refund. */
    decisionId: uuid("decision_id"),
    caseId: uuid("case_id").references(() => cases.id),
    grantId: uuid("grant_id").references(() => frikortGrants.id),
    /** What had been paid (net of claims standing) when the claim was made, and what the decision now gives. */
    paidOre: integer("paid_ore").$type<Ore>().notNull(),
    refundOre: integer("refund_ore").$type<Ore>().notNull(),
    amountOre: integer("amount_ore").$type<Ore>().notNull(),
    /** open | cancelled */
    status: text("status").$type<"open" | "cancelled">().notNull().default("open"),
    statusReason: text("status_reason"),
    sourceKey: text("source_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("repayment_claims_source_uq").on(t.sourceKey),
    index("repayment_claims_person_idx").on(t.personId),
    index("repayment_claims_application_idx").on(t.applicationId),
    index("repayment_claims_case_idx").on(t.caseId),
    check("repayment_claims_amount_pos", sql`${t.amountOre} > 0`),
  ],
);
