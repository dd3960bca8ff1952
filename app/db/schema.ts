import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

/**
 * Residents known to the register. The fødselsnummer/D-nummer is personal data: it is only ever
 * used to look a person up and is never logged or put in a URL; everything else refers to `id`.
 */
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fnr: varchar("fnr", { length: 11 }).notNull(),
    /** Name from the person record; null for someone who has logged in but is not in the register yet. */
    name: text("name"),
    /** From the person record; the number does not always carry it (2032 rule, some D-numbers). */
    birthDate: date("birth_date", { mode: "string" }),
    yrkesskadeDescription: text("yrkesskade_description"),
    yrkesskadeApprovedOn: date("yrkesskade_approved_on", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("persons_fnr_uq").on(t.fnr)],
);

/** Provider organisations (behandlere/tjenesteytere) that report egenandeler. */
export const providers = pgTable("providers", {
  orgnr: varchar("orgnr", { length: 9 }).primaryKey(),
  name: text("name").notNull(),
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
      .notNull()
      .references(() => providers.orgnr),
    /** The provider's own id for the claim; unique per provider (idempotent registration). */
    claimId: text("claim_id").notNull(),
    providerName: text("provider_name").notNull(),
    serviceDate: date("service_date", { mode: "string" }).notNull(),
    serviceType: text("service_type").notNull(),
    amountOre: integer("amount_ore").notNull(),
    paid: boolean("paid").notNull().default(true),
    paidDate: date("paid_date", { mode: "string" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("egenandeler_provider_claim_uq").on(t.providerOrgnr, t.claimId),
    index("egenandeler_person_date_idx").on(t.personId, t.serviceDate),
    check("egenandeler_amount_nonneg", sql`${t.amountOre} >= 0`),
  ],
);

export type Person = typeof persons.$inferSelect;
export type EgenandelRecord = typeof egenandeler.$inferSelect;
