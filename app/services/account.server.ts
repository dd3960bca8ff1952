/**
 * The resident's payout account (kontonummer for frikort refunds). Saving one releases payouts
 * that were withheld for want of an account, in the same transaction, through the engine.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { payouts, persons } from "~/db/schema";
import { type AccountEligibility, canRegisterAccount } from "~/domain/frikort-proof";
import { lockPerson, recomputePersonYear } from "./engine.server";

export interface AccountState {
  account: string | null;
  eligibility: AccountEligibility;
  /** Open payouts waiting for an account (withheld, "no-account"). */
  waiting: { count: number; amountOre: number };
  /** Pending payouts that will go to the account on file. */
  pending: { count: number; amountOre: number };
}

export async function loadAccountState(db: Db, personId: string, today: string): Promise<AccountState | null> {
  const [p] = await db.select({ account: persons.payoutAccount, birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId)).limit(1);
  if (!p) return null;
  const sums = await db
    .select({
      status: payouts.status,
      count: sql<number>`count(*)`.mapWith(Number),
      amountOre: sql<number>`coalesce(sum(${payouts.amountOre}), 0)`.mapWith(Number),
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
    return { count: r?.count ?? 0, amountOre: r?.amountOre ?? 0 };
  };
  return { account: p.account, eligibility: canRegisterAccount(p.birthDate, today), waiting: of("withheld"), pending: of("pending") };
}

export type SaveAccountResult =
  { kind: "saved"; changed: boolean; released: number } | { kind: "not-allowed"; eligibility: Exclude<AccountEligibility, { allowed: true }> } | { kind: "not-found" };

/**
 * Saves `account` (11 digits, already validated) for the person. Idempotent: the same number again
 * changes nothing. Then, in the same transaction: every year with a withheld payout is recomputed
 * (a "no-account" payout becomes pending), and pending payouts go to the new account.
 */
export async function savePayoutAccount(db: Db, personId: string, account: string, today: string): Promise<SaveAccountResult> {
  if (!/^\d{11}$/.test(account)) throw new Error("account must be 11 digits");
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    let locked;
    try {
      locked = await lockPerson(tx, personId);
    } catch {
      return { kind: "not-found" } as const;
    }
    const eligibility = canRegisterAccount(locked.birthDate, today);
    if (!eligibility.allowed) return { kind: "not-allowed", eligibility } as const;
    const changed = locked.payoutAccount !== account;
    if (changed) await tx.update(persons).set({ payoutAccount: account }).where(eq(persons.id, personId));

    const withheldYears = await tx
      .selectDistinct({ year: payouts.year })
      .from(payouts)
      .where(and(eq(payouts.personId, personId), eq(payouts.status, "withheld")))
      .orderBy(asc(payouts.year));
    for (const { year } of withheldYears) {
      await recomputePersonYear(tx, personId, year, "payout account registered");
    }
    // A granted application's refund is not the engine's (ADR 0017): it waited for an account only.
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
    // Everything still waiting to be paid goes to the account on file now.
    const released = await tx
      .update(payouts)
      .set({ accountNumber: account, updatedAt: new Date() })
      .where(
        and(eq(payouts.personId, personId), eq(payouts.kind, "frikort-refund"), inArray(payouts.status, ["pending"]), sql`${payouts.accountNumber} is distinct from ${account}`),
      )
      .returning({ id: payouts.id });
    return { kind: "saved", changed, released: released.length } as const;
  });
}
