/**
 * The resident's payout account (kontonummer for frikort refunds). Saving one releases payouts
 * that were withheld for want of an account, in the same transaction, through the engine.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { payouts, persons } from "~/db/schema";
import { type AccountEligibility, canRegisterAccount } from "~/domain/frikort-proof";
import { maskIban } from "~/domain/foreign-account";
import { lockPerson, recomputePersonYear } from "./engine.server";
import { notify } from "./notify.server";
import type { Iban, IsoDate, Kontonummer, Ore } from "~/kernel/types";
import { oreOf, ZERO_ORE } from "~/kernel/money";

export interface AccountState {
  account: string | null;
  /** An account abroad, when that is what the resident gave instead of a kontonummer. */
  foreign: { iban: string; bic: string } | null;
  eligibility: AccountEligibility;
  /** Open payouts waiting for an account (withheld, "no-account"). */
  waiting: { count: number; amountOre: Ore };
  /** Pending payouts that will go to the account on file. */
  pending: { count: number; amountOre: Ore };
}

export async function loadAccountState(db: Db, personId: string, today: IsoDate): Promise<AccountState | null> {
  const [p] = await db
    .select({ account: persons.payoutAccount, iban: persons.payoutIban, bic: persons.payoutBic, birthDate: persons.birthDate })
    .from(persons)
    .where(eq(persons.id, personId))
    .limit(1);
  if (!p) return null;
  const sums = await db
    .select({
      status: payouts.status,
      count: sql<number>`count(*)`.mapWith(Number),
      amountOre: sql<Ore>`coalesce(sum(${payouts.amountOre}), 0)`.mapWith(oreOf),
    })
    .from(payouts)
    .where(
      and(
        eq(payouts.personId, personId),
        eq(payouts.kind, "frikort-refund"),
        sql`(${payouts.status} = 'pending' or (${payouts.status} = 'withheld' and ${payouts.statusReason} = 'no-account'))`,
      ),
    )
    .groupBy(payouts.status);
  const of = (status: string) => {
    const r = sums.find((s) => s.status === status);
    return { count: r?.count ?? 0, amountOre: r?.amountOre ?? ZERO_ORE };
  };
  const foreign = p.iban && p.bic ? { iban: p.iban, bic: p.bic } : null;
  return { account: p.account, foreign, eligibility: canRegisterAccount(p.birthDate, today), waiting: of("withheld"), pending: of("pending") };
}

export type SaveAccountResult =
  { kind: "saved"; changed: boolean; released: number } | { kind: "not-allowed"; eligibility: Exclude<AccountEligibility, { allowed: true }> } | { kind: "not-found" };

/**
 * Saves `account` (11 digits, already validated) for the person. Idempotent: the same number again
 * changes nothing. Then, in the same transaction: every year with a withheld payout is recomputed
 * (a "no-account" payout becomes pending), and pending payouts go to the new account.
 */
export async function savePayoutAccount(db: Db, personId: string, account: Kontonummer, today: IsoDate, now: Date = new Date()): Promise<SaveAccountResult> {
  if (!/^\d{11}$/.test(account)) throw new Error("account must be 11 digits");
  const result = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    let locked;
    try {
      locked = await lockPerson(tx, personId);
    } catch {
      return { kind: "not-found" } as const;
    }
    const eligibility = canRegisterAccount(locked.birthDate, today);
    if (!eligibility.allowed) return { kind: "not-allowed", eligibility } as const;
    const [before] = await tx.select({ iban: persons.payoutIban }).from(persons).where(eq(persons.id, personId));
    // One payout account at a time: a kontonummer replaces an account abroad.
    const changed = locked.payoutAccount !== account || (before?.iban ?? null) !== null;
    if (changed) await tx.update(persons).set({ payoutAccount: account, payoutIban: null, payoutBic: null }).where(eq(persons.id, personId));

    const released = await releaseWaitingRefunds(tx, personId, { accountNumber: account, iban: null, bic: null });
    return { kind: "saved", changed, released: released.length } as const;
  });
  if (result.kind === "saved" && result.changed) await accountChanged(db, personId, `****.**.*${account.slice(-4)}`, now);
  return result;
}

/**
 * Saves an account abroad (IBAN + BIC, already checked by domain/foreign-account) in place of a
 * kontonummer. Idempotent like the kontonummer. Refunds withheld for want of an account become
 * pending to it, and pending ones move to it; the payout run pays them by IBAN + BIC.
 */
export async function saveForeignPayoutAccount(db: Db, personId: string, account: { iban: Iban; bic: string }, today: IsoDate, now: Date = new Date()): Promise<SaveAccountResult> {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(account.iban) || !/^[A-Z0-9]{8}(?:[A-Z0-9]{3})?$/.test(account.bic)) throw new Error("IBAN/BIC must be checked first");
  const result = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    let locked;
    try {
      locked = await lockPerson(tx, personId);
    } catch {
      return { kind: "not-found" } as const;
    }
    const eligibility = canRegisterAccount(locked.birthDate, today);
    if (!eligibility.allowed) return { kind: "not-allowed", eligibility } as const;
    const [before] = await tx.select({ iban: persons.payoutIban, bic: persons.payoutBic }).from(persons).where(eq(persons.id, personId));
    const changed = locked.payoutAccount !== null || before?.iban !== account.iban || before?.bic !== account.bic;
    if (changed) await tx.update(persons).set({ payoutAccount: null, payoutIban: account.iban, payoutBic: account.bic }).where(eq(persons.id, personId));
    const released = await releaseWaitingRefunds(tx, personId, { accountNumber: null, iban: account.iban, bic: account.bic });
    return { kind: "saved", changed, released: released.length } as const;
  });
  if (result.kind === "saved" && result.changed) await accountChanged(db, personId, `${maskIban(account.iban)} (${account.bic})`, now);
  return result;
}

/**
 * After a new payout account: refunds withheld for want of one are recomputed (and become pending to it), a granted
 * application's refund (not the engine's, ADR 0017) is released, and every pending frikort refund goes to the new account.
 */
async function releaseWaitingRefunds(tx: Db, personId: string, to: { accountNumber: string | null; iban: string | null; bic: string | null }) {
  const withheldYears = await tx
    .selectDistinct({ year: payouts.year })
    .from(payouts)
    .where(and(eq(payouts.personId, personId), eq(payouts.status, "withheld")))
    .orderBy(asc(payouts.year));
  for (const { year } of withheldYears) {
    await recomputePersonYear(tx, personId, year, "payout account registered");
  }
  await tx
    .update(payouts)
    .set({ status: "pending", statusReason: null, updatedAt: new Date() })
    .where(
      and(
        eq(payouts.personId, personId),
        eq(payouts.status, "withheld"),
        eq(payouts.statusReason, "no-account"),
        sql`exists (select 1 from frikort_grants g where g.payout_id = ${payouts.id})`,
      ),
    );
  const released = await tx
    .update(payouts)
    .set({ ...to, updatedAt: new Date() })
    .where(
      and(
        eq(payouts.personId, personId),
        eq(payouts.kind, "frikort-refund"),
        eq(payouts.status, "pending"),
        sql`(${payouts.accountNumber} is distinct from ${to.accountNumber} or ${payouts.iban} is distinct from ${to.iban} or ${payouts.bic} is distinct from ${to.bic})`,
      ),
    )
    .returning({ id: payouts.id });
  return released;
}

/**
 * Every change of the payout account is told to the resident in the inbox (and by a notice), so
 * a change they did not make is noticed. The message holds the masked account only.
 */
async function accountChanged(db: Db, personId: string, masked: string, now: Date) {
  await notify(db, personId, "account-changed", { account: masked, at: now.toISOString() }, `account-changed:${personId}:${now.toISOString()}`);
}
