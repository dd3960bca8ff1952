/**
 * The resident's cases with Helfo from the portal, and the caseworker queue behind them.
 * Every write is a transaction; creating a case is idempotent on the form's idempotency key, so a
 * double submit finds the case it already made.
 */
import { createHash, randomInt } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { caseEvents, cases, egenandelEvents, egenandeler, frikortChanges, frikortGrants, frikortStatus, payouts, persons, uploads } from "~/db/schema";
import { yearOf } from "~/kernel/dates";
import { sniff, type SniffReason } from "~/documents/text/sniff";
import { caseDataOf, type CaseData, type FrikortApplicationData, type ReportData } from "~/domain/case-data";
import { reservedApplicationDeadline } from "~/domain/deadlines";
import { grantsFromApplication } from "~/domain/frikort-application";
import type { RefusalCode, RegisterRequest, RegisterSource } from "~/domain/register";
import { revokeGrants, storeGrants } from "~/models/frikort-grants.server";
import { claimsOfCase } from "~/models/repayment-claims.server";
import { todayOslo } from "~/utils/clock.server";
import { recomputePersonYear } from "./engine.server";
import { notify, sendNotice } from "./notify.server";
import { applyRegisterRequestsInTx, registrationHash } from "./register.server";
import type { IsoDate } from "~/kernel/types";

export type CaseKind = "missing-egenandel" | "tip" | "reservation" | "lift-reservation" | "frikort-application" | "claim-report";
export type CaseStatus = "draft" | "received" | "checked" | "under-review" | "registered" | "rejected" | "upheld" | "dismissed" | "completed";
export type CaseRow = typeof cases.$inferSelect;

/** The provider under which Helfo registers egenandeler it approves from residents' reports. */
export const MANUAL_PROVIDER = { orgnr: "000000000", name: "Helfo (registrert etter melding fra deg)" };

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function newReference(year: number): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `FP-${year}-${s}`;
}

async function insertCase(
  tx: Db,
  v: { personId: string; kind: CaseKind; idempotencyKey: string; status: CaseStatus; data: CaseData; egenandelId?: string | null; uploadId?: string | null; today: IsoDate },
): Promise<{ row: CaseRow; created: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await tx
      .insert(cases)
      .values({
        personId: v.personId,
        kind: v.kind,
        reference: newReference(yearOf(v.today)),
        idempotencyKey: v.idempotencyKey,
        status: v.status,
        data: v.data,
        egenandelId: v.egenandelId ?? null,
        uploadId: v.uploadId ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) {
      await tx.insert(caseEvents).values({ caseId: inserted[0].id, status: v.status, actor: "resident" });
      return { row: inserted[0], created: true };
    }
    const [existing] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.personId, v.personId), eq(cases.idempotencyKey, v.idempotencyKey)));
    if (existing) return { row: existing, created: false };
    // else: the random reference collided; try another
  }
  throw new Error("could not allocate a case reference");
}

export async function getCase(db: Db, personId: string, caseId: string): Promise<CaseRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.personId, personId)));
  return row ?? null;
}

export async function caseHistory(db: Db, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
}

export async function listCases(db: Db, personId: string) {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.personId, personId), sql`${cases.status} <> 'draft'`))
    .orderBy(desc(cases.createdAt));
}

/** Saves (or updates) a draft; the same idempotency key always names the same case. */
export async function saveDraft(
  db: Db,
  v: {
    personId: string;
    kind: "missing-egenandel" | "tip" | "frikort-application";
    idempotencyKey: string;
    data: CaseData;
    egenandelId?: string | null;
    uploadId?: string | null;
    today: IsoDate;
  },
): Promise<CaseRow> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const { row, created } = await insertCase(tx, { ...v, status: "draft" });
    if (created || row.status !== "draft") return row;
    const [updated] = await tx
      .update(cases)
      .set({ data: v.data, egenandelId: v.egenandelId ?? row.egenandelId, uploadId: v.uploadId ?? row.uploadId, updatedAt: new Date() })
      .where(eq(cases.id, row.id))
      .returning();
    return updated!;
  });
}

/** Submits a draft: received. Submitting again changes nothing. */
export async function submitCase(db: Db, personId: string, caseId: string): Promise<CaseRow | null> {
  const row = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.personId, personId)))
      .for("update");
    if (!c) return null;
    if (c.status !== "draft") return { ...c, fresh: false };
    const [u] = await tx.update(cases).set({ status: "received", updatedAt: new Date() }).where(eq(cases.id, c.id)).returning();
    await tx.insert(caseEvents).values({ caseId: c.id, status: "received", actor: "resident" });
    return { ...u!, fresh: true };
  });
  if (row?.fresh) await notify(db, personId, "case-status", { reference: row.reference, kind: row.kind, status: "received" }, `case:${row.id}:received`);
  return row;
}

/**
 * A patient reports that a physiotherapy claim line does not match what they got (issue 20, part 3):
 * a case for the controller with the claim behind it, received at once. Idempotent on the form's key.
 */
export async function submitClaimReport(db: Db, v: { personId: string; egenandelId: string; idempotencyKey: string; data: CaseData; today: IsoDate }): Promise<CaseRow> {
  const { row, created } = await db.transaction(async (txRaw) =>
    insertCase(txRaw as unknown as Db, {
      personId: v.personId,
      kind: "claim-report",
      idempotencyKey: v.idempotencyKey,
      status: "received",
      data: v.data,
      egenandelId: v.egenandelId,
      today: v.today,
    }),
  );
  if (created) await notify(db, v.personId, "case-status", { reference: row.reference, kind: row.kind, status: "received" }, `case:${row.id}:received`);
  return row;
}

/** Stores an uploaded file after checking its content; returns the reason when it is refused. */
export async function storeUpload(db: Db, personId: string, file: { name: string; bytes: Uint8Array }): Promise<{ ok: true; id: string } | { ok: false; reason: SniffReason }> {
  const checked = await sniff(file.bytes, { maxBytes: 10 * 1024 * 1024, maxPages: 20 });
  if (!checked.ok) return { ok: false, reason: checked.reason };
  const mime = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" }[checked.kind];
  const [row] = await db
    .insert(uploads)
    .values({
      personId,
      filename: file.name.slice(0, 200) || "vedlegg",
      mimeType: mime,
      sizeBytes: file.bytes.byteLength,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      content: Buffer.from(file.bytes),
    })
    .returning({ id: uploads.id });
  return { ok: true, id: row!.id };
}

/** The person's open (draft) application for frikort for `year`, if any. */
export async function findDraftApplication(db: Db, personId: string, year: number): Promise<CaseRow | null> {
  const rows = await db
    .select()
    .from(cases)
    .where(and(eq(cases.personId, personId), eq(cases.kind, "frikort-application"), eq(cases.status, "draft")))
    .orderBy(desc(cases.createdAt));
  return (
    rows.find((r) => {
      const d = caseDataOf(r);
      return d.kind === "frikort-application" && d.data.year === year;
    }) ?? null
  );
}

export async function getUploadMeta(db: Db, personId: string, uploadId: string) {
  // The id comes from a hidden form field: anything but a UUID is no upload of this person's (not a database error).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uploadId)) return null;
  const [u] = await db
    .select({ id: uploads.id, filename: uploads.filename, sizeBytes: uploads.sizeBytes, mimeType: uploads.mimeType })
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.personId, personId)));
  return u ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reservation against storage (docs/decisions/0007-reservation.md)

export interface ReservationEffects {
  deletedEgenandeler: number;
  year: number;
}

/**
 * Reserves the person against storage of egenandeler and automatic frikort, as the decision record
 * says: this year's stored egenandeler are deleted (with their engine results), earlier years are
 * kept, open refunds for this year are withheld, nothing new is stored, lookups answer "ukjent".
 */
export async function reserve(db: Db, personId: string, idempotencyKey: string, today: IsoDate) {
  const year = yearOf(today);
  const out = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [p] = await tx.select({ reservedAt: persons.reservedAt }).from(persons).where(eq(persons.id, personId)).for("update");
    if (!p) throw new Error("person not found");
    const existing = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.personId, personId), eq(cases.idempotencyKey, idempotencyKey)));
    if (existing[0]) return { row: existing[0], fresh: false };
    if (p.reservedAt) return { row: null, fresh: false };
    const mine = await tx
      .select({ id: egenandeler.id })
      .from(egenandeler)
      .where(and(eq(egenandeler.personId, personId), sql`${egenandeler.serviceDate} >= ${`${year}-01-01`}`));
    const ids = mine.map((m) => m.id);
    if (ids.length) {
      await tx.update(cases).set({ egenandelId: null }).where(inArray(cases.egenandelId, ids));
      await tx.delete(egenandelEvents).where(inArray(egenandelEvents.egenandelId, ids));
      await tx.delete(egenandeler).where(inArray(egenandeler.id, ids));
    }
    await tx.delete(frikortStatus).where(and(eq(frikortStatus.personId, personId), eq(frikortStatus.year, year)));
    await tx.delete(frikortChanges).where(and(eq(frikortChanges.personId, personId), eq(frikortChanges.year, year)));
    // This year's refunds rested on the deleted egenandeler: they lapse. Earlier years' are withheld.
    await tx
      .update(payouts)
      .set({ status: "cancelled", statusReason: "reserved", updatedAt: new Date() })
      .where(and(eq(payouts.personId, personId), eq(payouts.kind, "frikort-refund"), eq(payouts.year, year), inArray(payouts.status, ["pending", "withheld"])));
    await tx
      .update(payouts)
      .set({ status: "withheld", statusReason: "reserved", updatedAt: new Date() })
      .where(and(eq(payouts.personId, personId), eq(payouts.kind, "frikort-refund"), inArray(payouts.status, ["pending", "withheld"])));
    await tx.update(persons).set({ reservedAt: new Date() }).where(eq(persons.id, personId));
    const effects: ReservationEffects = { deletedEgenandeler: ids.length, year };
    const { row } = await insertCase(tx, { personId, kind: "reservation", idempotencyKey, status: "completed", data: effects, today });
    return { row, fresh: true };
  });
  if (out.fresh && out.row) await notify(db, personId, "case-status", { reference: out.row.reference, kind: "reservation", status: "completed" }, `case:${out.row.id}:completed`);
  return out.row;
}

/** Lifts the reservation: storage and automatic frikort resume from today; withheld refunds are reconciled. */
export async function liftReservation(db: Db, personId: string, idempotencyKey: string, today: IsoDate) {
  const out = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [p] = await tx.select({ reservedAt: persons.reservedAt }).from(persons).where(eq(persons.id, personId)).for("update");
    if (!p) throw new Error("person not found");
    const existing = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.personId, personId), eq(cases.idempotencyKey, idempotencyKey)));
    if (existing[0]) return { row: existing[0], fresh: false };
    if (!p.reservedAt) return { row: null, fresh: false };
    await tx.update(persons).set({ reservedAt: null }).where(eq(persons.id, personId));
    const withheld = await tx
      .select({ year: payouts.year })
      .from(payouts)
      .where(and(eq(payouts.personId, personId), eq(payouts.status, "withheld")));
    for (const y of [...new Set(withheld.map((w) => w.year))]) await recomputePersonYear(tx, personId, y, "reservation lifted");
    const { row } = await insertCase(tx, { personId, kind: "lift-reservation", idempotencyKey, status: "completed", data: { liftedOn: today }, today });
    return { row, fresh: true };
  });
  if (out.fresh && out.row)
    await notify(db, personId, "case-status", { reference: out.row.reference, kind: "lift-reservation", status: "completed" }, `case:${out.row.id}:completed`);
  return out.row;
}

// ---------------------------------------------------------------------------------------------
// Caseworker queue (screens come with the caseworker issue; scripts/caseworker.ts uses these)

export async function listQueue(db: Db, kinds: CaseKind[] = ["missing-egenandel", "tip", "frikort-application", "claim-report"]) {
  return db
    .select({ id: cases.id, reference: cases.reference, kind: cases.kind, status: cases.status, createdAt: cases.createdAt, data: cases.data })
    .from(cases)
    .where(and(inArray(cases.kind, kinds), inArray(cases.status, ["received", "checked", "under-review"])))
    .orderBy(asc(cases.createdAt));
}

const ALLOWED: Record<string, CaseStatus[]> = {
  "missing-egenandel": ["checked", "registered", "rejected"],
  tip: ["under-review", "upheld", "dismissed"],
  "frikort-application": ["checked", "completed", "rejected"],
};

/** A decision the register refused (the reason is the register's refusal code). */
export class CaseDecisionError extends Error {
  constructor(readonly code: RefusalCode) {
    super(`the register refused it: ${code}`);
  }
}

/** What a decision asks of the register: a registered report, or an approved application's receipts. */
function registerRequestsOf(c: CaseRow, status: CaseStatus): RegisterRequest[] {
  const person = { personId: c.personId };
  const request = (source: RegisterSource, orgnr: string, orgName: string, claimId: string, d: Omit<ReportData, "providerOrgnr">): RegisterRequest => {
    const claim = {
      orgnr,
      claimId,
      providerName: d.providerName,
      serviceDate: d.serviceDate,
      serviceType: d.serviceType,
      amountOre: d.amountOre,
      paid: true,
      paidDate: d.serviceDate,
    };
    const hash = registrationHash({ ...claim, person: c.personId });
    return { op: "register", source, person, claim, hash, provider: { orgnr, name: orgName } };
  };
  const typed = caseDataOf(c);
  if (typed.kind === "missing-egenandel" && status === "registered") {
    const d = typed.data;
    const orgnr = d.providerOrgnr || MANUAL_PROVIDER.orgnr;
    return [request({ kind: "report", reference: c.reference }, orgnr, d.providerOrgnr ? d.providerName : MANUAL_PROVIDER.name, c.reference, d)];
  }
  if (typed.kind === "frikort-application" && status === "completed") {
    const d = typed.data;
    return d.lines.map((l, i) => request({ kind: "frikort-application", reference: c.reference }, MANUAL_PROVIDER.orgnr, MANUAL_PROVIDER.name, `${c.reference}-${i + 1}`, l));
  }
  return [];
}

/**
 * A caseworker moves a case on. Registering a missing egenandel puts it in the register, where it
 * counts towards the ceiling like any other. The resident is told of every change.
 */
export async function decideCase(db: Db, caseId: string, decision: { status: CaseStatus; reason?: string; actor: string }) {
  let granted = false;
  let repaymentOre = 0;
  let grantNotices: Array<{ year: number; tak: string; from: string }> = [];
  const finish = async (tx: Db, c: CaseRow, egenandelId: string | null) => {
    const [u] = await tx
      .update(cases)
      .set({ status: decision.status, statusReason: decision.reason ?? null, egenandelId, updatedAt: new Date() })
      .where(eq(cases.id, c.id))
      .returning();
    await tx.insert(caseEvents).values({ caseId: c.id, status: decision.status, note: decision.reason ?? null, actor: decision.actor });
    return { ...u!, fresh: true };
  };
  const row = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for("update");
    if (!c) throw new Error("no such case");
    if (!ALLOWED[c.kind]?.includes(decision.status)) throw new Error(`status ${decision.status} is not allowed for ${c.kind}`);
    if (c.status === decision.status) return { ...c, fresh: false };
    let egenandelId = c.egenandelId;
    if (c.kind === "frikort-application") {
      const [person] = await tx
        .select({ reservedAt: persons.reservedAt, birthDate: persons.birthDate, account: persons.payoutAccount })
        .from(persons)
        .where(eq(persons.id, c.personId))
        .for("no key update");
      // A rejection (also after an appeal reversed an approval) takes a granted frikort away.
      // A refund of it already paid is claimed back (a claim for repayment in the same transaction).
      if (decision.status === "rejected") repaymentOre = (await revokeGrants(tx, c.id)).repaymentOre;
      // A reserved resident's receipts are not stored (ADR 0007): the approval itself is the
      // frikort, from the day the receipts reached the ceiling, with the refund of what was paid
      // above it (ADR 0017). A resident who has lifted the reservation since gets the receipts
      // registered through the one writer below, and the engine grants the frikort as for anyone.
      if (decision.status === "completed" && person?.reservedAt) {
        const typed = caseDataOf(c);
        if (typed.kind !== "frikort-application") throw new Error("the application's data is not in its shape");
        const d = typed.data;
        const grants = grantsFromApplication(d.year, person.birthDate, d.lines ?? [], person.account !== null);
        const stored = await storeGrants(tx, { personId: c.personId, caseId: c.id, year: d.year, grants, grantedBy: decision.actor, account: person.account });
        grantNotices = stored.map((g) => ({ year: g.year, tak: g.tak, from: g.validFrom }));
        return finish(tx, c, egenandelId);
      }
    }
    // Registering a report, or approving a frikort application by receipts, goes through the
    // register's one writer: the same checks, reservation rule and history as a provider's.
    const requests = registerRequestsOf(c, decision.status);
    if (requests.length) {
      const plan = await applyRegisterRequestsInTx(tx, requests, todayOslo());
      const refused = plan.outcomes.find((o) => !o.ok);
      // A report that cannot be registered (the resident is reserved, the date is outside the rules)
      // is not "registered": the caseworker must reject it with a reason instead. A frikort
      // application of a reserved resident stores nothing; its frikort is the decision itself.
      if (refused && !refused.ok && c.kind === "missing-egenandel") throw new CaseDecisionError(refused.refusal.code);
      const first = plan.outcomes.find((o) => o.ok && "claim" in o);
      if (first && first.ok && "claim" in first && c.kind === "missing-egenandel") egenandelId = first.claim.id;
      granted = plan.frikortGranted.length > 0;
    }
    return finish(tx, c, egenandelId);
  });
  if (row.fresh) {
    await notify(
      db,
      row.personId,
      "case-status",
      { reference: row.reference, kind: row.kind, status: row.status, reason: row.statusReason ?? "", caseId: row.id, ...(repaymentOre > 0 ? { repaymentOre } : {}) },
      `case:${row.id}:${row.status}`,
    );
  }
  if (granted) sendNotice(row.personId, "frikort-granted");
  // The same inbox message the engine writes when it grants a frikort (one per year and tak).
  if (row.fresh) for (const g of grantNotices) await notify(db, row.personId, "frikort-granted", g, `frikort-granted:${g.year}:${g.tak}`);
  return row;
}

/**
 * What the caseworker sees of a frikort application before and after deciding it: the receipts,
 * whether the resident is still reserved, what approving grants (the same pure computation the
 * decision uses), and the grants standing for this case (ADR 0017).
 */
export async function applicationDecisionView(db: Db, c: { id: string; personId: string; data: unknown }) {
  const typed = caseDataOf({ kind: "frikort-application", data: c.data });
  const d: Partial<FrikortApplicationData> = typed.kind === "frikort-application" ? typed.data : {};
  const year = typeof d.year === "number" ? d.year : null;
  const lines = Array.isArray(d.lines) ? d.lines : [];
  const [person] = await db
    .select({ reservedAt: persons.reservedAt, birthDate: persons.birthDate, account: persons.payoutAccount })
    .from(persons)
    .where(eq(persons.id, c.personId));
  const standing = await db
    .select({ tak: frikortGrants.tak, validFrom: frikortGrants.validFrom, overCeilingOre: frikortGrants.overCeilingOre, revokedAt: frikortGrants.revokedAt })
    .from(frikortGrants)
    .where(eq(frikortGrants.caseId, c.id));
  let wouldGrant: ReturnType<typeof grantsFromApplication> = [];
  try {
    if (year !== null) wouldGrant = grantsFromApplication(year, person?.birthDate ?? null, lines, (person?.account ?? null) !== null);
  } catch {
    wouldGrant = []; // a year outside the rule tables grants nothing
  }
  return {
    year,
    lines,
    reserved: Boolean(person?.reservedAt),
    // the six-month deadline after the ceiling (the resident's page says when it has passed)
    wouldGrant: wouldGrant.map((g) => ({ ...g, deadline: reservedApplicationDeadline(g.validFrom) })),
    grants: standing.map((g) => ({ tak: g.tak, validFrom: g.validFrom, overCeilingOre: g.overCeilingOre, revoked: g.revokedAt !== null })),
    // a revoked grant whose refund was paid: the claim for repayment (ADR 0017)
    repayments: (await claimsOfCase(db, c.id)).map((r) => ({ amountOre: r.amountOre, paidOre: r.paidOre, refundOre: r.refundOre, status: r.status })),
  };
}
