/**
 * The frikort engine's imperative shell: after any change to a person's egenandeler in a year,
 * recompute that person-year from the register (never incrementally, so it cannot drift), store
 * the result per tak, record what changed and why, reconcile payouts, and tell the resident when
 * a frikort is granted. Always runs inside the transaction that made the change.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { payouts, persons } from "~/db/schema";
import type { YearOverview } from "~/domain/overview";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";
import { todayOslo } from "~/utils/clock.server";
import { releaseMergedSmallRefunds } from "~/models/small-refunds.server";
import { notify } from "./notify.server";
import { applyRegisterRequestsInTx } from "./register.server";
import type { Fnr, IsoDate } from "~/kernel/types";

export interface LockedPerson {
  id: string;
  birthDate: IsoDate | null;
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

export async function lockPersonByFnr(tx: Db, fnr: Fnr): Promise<LockedPerson | null> {
  const [p] = await tx
    .select({ id: persons.id, birthDate: persons.birthDate, payoutAccount: persons.payoutAccount, reservedAt: persons.reservedAt })
    .from(persons)
    .where(eq(persons.fnr, fnr))
    .for("no key update");
  return p ?? null;
}

/** Read-only: the person's year as the engine sees it now (no writes). */
export { overviewForPersonYear } from "~/models/person.server";

export interface RecomputeResult {
  overview: YearOverview | null;
  frikortGranted: Array<{ tak: string; from: string }>;
}

/**
 * Recomputes one person-year through the register's one writer (a "recompute" request: no row
 * changes, the engine's results brought up to date). Runs in the caller's transaction.
 */
export async function recomputePersonYear(tx: Db, personId: string, year: number, cause: string): Promise<RecomputeResult> {
  if (!isSupportedYear(year)) return { overview: null, frikortGranted: [] };
  const plan = await applyRegisterRequestsInTx(tx, [{ op: "recompute", source: { kind: "system", reference: cause }, personId, year }], todayOslo());
  const y = plan.years.find((w) => w.personId === personId && w.year === year);
  return { overview: y?.plan.overview ?? null, frikortGranted: y?.plan.frikortGranted ?? [] };
}

/**
 * The payout run: every pending payout is paid to the account on file (in production this is where
 * the payment file to the bank would be made). Returns how many were paid. Idempotent.
 */
export async function runPayouts(db: Db, paidOn: IsoDate): Promise<number> {
  const rows = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // small refunds whose group within six months reached the minimum are paid in this run (issue 18 item 4)
    await releaseMergedSmallRefunds(tx, paidOn, new Date());
    return tx
      .update(payouts)
      .set({ status: "paid", paidOn, updatedAt: new Date() })
      .where(and(eq(payouts.status, "pending"), eq(payouts.kind, "frikort-refund"), sql`${payouts.accountNumber} is not null`))
      .returning({ id: payouts.id, personId: payouts.personId, amountOre: payouts.amountOre, year: payouts.year });
  });
  for (const r of rows) {
    await notify(db, r.personId, "payout-paid", { year: r.year, amountOre: r.amountOre, paidOn }, `payout-paid:${r.id}`);
  }
  return rows.length;
}
