import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { egenandeler, persons, type Person } from "~/db/schema";
import { computeYearOverview, type YearOverview } from "~/domain/overview";
import type { EgenandelRow, Fnr, IsoDate, Ore, ServiceType } from "~/kernel/types";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";

/** Looks a person up by fødselsnummer (from a verified login), creating an empty record on first login. */
export async function findOrCreatePersonByFnr(db: Db, fnr: Fnr, birthDate: IsoDate | null): Promise<Person> {
  const [existing] = await db.select().from(persons).where(eq(persons.fnr, fnr)).limit(1);
  if (existing) return existing;
  const [created] = await db.insert(persons).values({ fnr, name: null, birthDate }).onConflictDoNothing({ target: persons.fnr }).returning();
  if (created) return created;
  const [raced] = await db.select().from(persons).where(eq(persons.fnr, fnr)).limit(1);
  return raced!;
}

export async function getPerson(db: Db, personId: string): Promise<Person | null> {
  const [p] = await db.select().from(persons).where(eq(persons.id, personId)).limit(1);
  return p ?? null;
}

/** The person's registered egenandeler with a service date in `year`. Always scoped by person. */
export async function listEgenandelerForYear(db: Db, personId: string, year: number): Promise<EgenandelRow[]> {
  const rows = await db
    .select({
      id: egenandeler.id,
      serviceDate: egenandeler.serviceDate,
      serviceType: egenandeler.serviceType,
      amountOre: egenandeler.amountOre,
      providerName: egenandeler.providerName,
      paid: egenandeler.paid,
      paidDate: egenandeler.paidDate,
      cancelledAt: egenandeler.cancelledAt,
    })
    .from(egenandeler)
    .where(and(eq(egenandeler.personId, personId), gte(egenandeler.serviceDate, `${year}-01-01`), lte(egenandeler.serviceDate, `${year}-12-31`)))
    .orderBy(asc(egenandeler.serviceDate), asc(egenandeler.id));
  return rows.map(toEgenandelRow);
}

/** A stored egenandel as the domain sees it. */
export function toEgenandelRow(r: {
  id: string;
  serviceDate: IsoDate;
  serviceType: string;
  amountOre: Ore;
  providerName: string;
  paid: boolean;
  paidDate: IsoDate | null;
  cancelledAt: Date | null;
}): EgenandelRow {
  return {
    id: r.id,
    serviceDate: r.serviceDate,
    serviceType: r.serviceType as ServiceType,
    amountOre: r.amountOre,
    providerName: r.providerName,
    paid: r.paid,
    paidDate: r.paidDate,
    cancelled: r.cancelledAt !== null,
  };
}

/** One of the person's own egenandeler (null for anyone else's). */
export async function listEgenandelById(db: Db, personId: string, egenandelId: string): Promise<EgenandelRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(egenandelId)) return null;
  const [r] = await db
    .select()
    .from(egenandeler)
    .where(and(eq(egenandeler.personId, personId), eq(egenandeler.id, egenandelId)));
  return r ? toEgenandelRow(r) : null;
}

/** Read-only: the person's year as the engine sees it now (no writes). */
export async function overviewForPersonYear(db: Db, personId: string, year: number): Promise<YearOverview | null> {
  if (!isSupportedYear(year)) return null;
  const [p] = await db.select({ birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId));
  if (!p) return null;
  return computeYearOverview({ year, birthDate: p.birthDate, rows: await listEgenandelerForYear(db, personId, year) });
}
