/**
 * The frikort engine's imperative shell: after any change to a person's egenandeler in a year,
 * recompute that person-year from the register (never incrementally, so it cannot drift), store
 * the result per tak, record what changed and why, reconcile payouts, and tell the resident when
 * a frikort is granted. Always runs inside the transaction that made the change.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { frikortChanges, frikortStatus, inboxMessages, payouts, persons } from "~/db/schema";
import { computeYearOverview, type YearOverview } from "~/domain/overview";
import { decideOpenPayout } from "~/domain/payouts";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";
import { listEgenandelerForYear } from "~/models/person.server";
import { notify } from "./notify.server";

export interface RecomputeResult {
  overview: YearOverview | null;
  frikortGranted: Array<{ tak: string; from: string }>;
}

export interface LockedPerson {
  id: string;
  birthDate: string | null;
  payoutAccount: string | null;
  reservedAt: Date | null;
}

/**
 * Locks the person's row for the rest of the transaction, so that changes to one person are
 * serialised. FOR NO KEY UPDATE does not conflict with the KEY SHARE lock a foreign-key check takes
 * when an egenandel is inserted for the person, so concurrent registrations cannot deadlock.
 */
export async function lockPerson(tx: Db, personId: string): Promise<LockedPerson> {
  const [p] = await tx
    .select({ id: persons.id, birthDate: persons.birthDate, payoutAccount: persons.payoutAccount, reservedAt: persons.reservedAt })
    .from(persons)
    .where(eq(persons.id, personId))
    .for("no key update");
  if (!p) throw new Error("person not found");
  return p;
}

export async function lockPersonByFnr(tx: Db, fnr: string): Promise<LockedPerson | null> {
  const [p] = await tx
    .select({ id: persons.id, birthDate: persons.birthDate, payoutAccount: persons.payoutAccount, reservedAt: persons.reservedAt })
    .from(persons)
    .where(eq(persons.fnr, fnr))
    .for("no key update");
  return p ?? null;
}

/** Read-only: the person's year as the engine sees it now (no writes). */
export async function overviewForPersonYear(db: Db, personId: string, year: number): Promise<YearOverview | null> {
  if (!isSupportedYear(year)) return null;
  const [p] = await db.select({ birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId));
  if (!p) return null;
  return computeYearOverview({ year, birthDate: p.birthDate, rows: await listEgenandelerForYear(db, personId, year) });
}

/** Recomputes one person-year. Pass the person when the caller holds its lock already. */
export async function recomputePersonYear(tx: Db, personId: string, year: number, cause: string, locked?: LockedPerson): Promise<RecomputeResult> {
  if (!isSupportedYear(year)) return { overview: null, frikortGranted: [] };
  const person = locked ?? (await lockPerson(tx, personId));
  const rows = await listEgenandelerForYear(tx, personId, year);
  const overview = computeYearOverview({ year, birthDate: person.birthDate, rows });
  const before = await tx.select().from(frikortStatus).where(and(eq(frikortStatus.personId, personId), eq(frikortStatus.year, year)));
  const prevByTak = new Map(before.map((b) => [b.tak, b]));
  const granted: RecomputeResult["frikortGranted"] = [];

  for (const tak of overview.taks) {
    const prev = prevByTak.get(tak.tak);
    const changed =
      !prev ||
      prev.totalOre !== tak.registeredOre ||
      prev.frikortFrom !== tak.frikortFrom ||
      prev.ceilingOre !== tak.ceilingOre ||
      prev.overCeilingOre !== tak.overCeilingOre;
    // The audit trail records every change to the frikort date or to what is owed back; a total that
    // moves below the ceiling is traceable from the egenandel events and needs no row of its own.
    const material = !prev || prev.frikortFrom !== tak.frikortFrom || prev.overCeilingOre !== tak.overCeilingOre || prev.ceilingOre !== tak.ceilingOre;
    if (changed) {
      const values = {
        personId,
        year,
        tak: tak.tak,
        ceilingOre: tak.ceilingOre,
        totalOre: tak.registeredOre,
        overCeilingOre: tak.overCeilingOre,
        frikortFrom: tak.frikortFrom,
        computedAt: new Date(),
      };
      await tx
        .insert(frikortStatus)
        .values(values)
        .onConflictDoUpdate({ target: [frikortStatus.personId, frikortStatus.year, frikortStatus.tak], set: values });
      if (material) await tx.insert(frikortChanges).values({
        personId,
        year,
        tak: tak.tak,
        totalBefore: prev?.totalOre ?? null,
        totalAfter: tak.registeredOre,
        frikortFromBefore: prev?.frikortFrom ?? null,
        frikortFromAfter: tak.frikortFrom,
        cause,
      });
      if (tak.frikortFrom && !prev?.frikortFrom) {
        granted.push({ tak: tak.tak, from: tak.frikortFrom });
        await tx
          .insert(inboxMessages)
          .values({
            personId,
            kind: "frikort-granted",
            payload: { year, tak: tak.tak, from: tak.frikortFrom },
            dedupeKey: `frikort-granted:${year}:${tak.tak}`,
          })
          .onConflictDoNothing();
      }
    }
    // Payouts can only change when something is (or was) owed back.
    if (tak.overCeilingOre > 0 || (prev?.overCeilingOre ?? 0) > 0) await reconcilePayout(tx, person, year, tak.tak, tak.overCeilingOre);
  }
  return { overview, frikortGranted: granted };
}

async function reconcilePayout(
  tx: Db,
  person: { id: string; payoutAccount: string | null; reservedAt: Date | null },
  year: number,
  tak: string,
  owedOre: number,
) {
  const existing = await tx
    .select()
    .from(payouts)
    .where(and(eq(payouts.personId, person.id), eq(payouts.year, year), eq(payouts.tak, tak), inArray(payouts.status, ["paid", "pending", "withheld"])));
  const paidOre = existing.filter((p) => p.status === "paid").reduce((s, p) => s + p.amountOre, 0);
  const open = existing.find((p) => p.status === "pending" || p.status === "withheld");
  const decision = decideOpenPayout({
    year,
    owedOre,
    paidOre,
    hasAccount: person.payoutAccount !== null,
    reserved: person.reservedAt !== null,
  });
  if (!decision) {
    if (open) {
      await tx
        .update(payouts)
        .set({ status: "cancelled", statusReason: "correction", updatedAt: new Date() })
        .where(eq(payouts.id, open.id));
    }
    return;
  }
  if (open) {
    if (open.amountOre !== decision.amountOre || open.status !== decision.status || open.statusReason !== decision.reason) {
      await tx
        .update(payouts)
        .set({ amountOre: decision.amountOre, status: decision.status, statusReason: decision.reason, accountNumber: person.payoutAccount, updatedAt: new Date() })
        .where(eq(payouts.id, open.id));
    }
    return;
  }
  await tx.insert(payouts).values({
    personId: person.id,
    year,
    tak,
    amountOre: decision.amountOre,
    status: decision.status,
    statusReason: decision.reason,
    accountNumber: person.payoutAccount,
  });
}

/**
 * The payout run: every pending payout is paid to the account on file (in production this is where
 * the payment file to the bank would be made). Returns how many were paid. Idempotent.
 */
export async function runPayouts(db: Db, paidOn: string): Promise<number> {
  const rows = await db
    .update(payouts)
    .set({ status: "paid", paidOn, updatedAt: new Date() })
    .where(and(eq(payouts.status, "pending"), sql`${payouts.accountNumber} is not null`))
    .returning({ id: payouts.id, personId: payouts.personId, amountOre: payouts.amountOre, year: payouts.year });
  for (const r of rows) {
    await notify(db, r.personId, "payout-paid", { year: r.year, amountOre: r.amountOre, paidOn }, `payout-paid:${r.id}`);
  }
  return rows.length;
}
