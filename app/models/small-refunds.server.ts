/**
 * Small refunds merged within six months (issue 18 item 4), as the payout run reads them: a person's
 * refunds with the day each arose, so the pure merge (domain/payouts.ts) can release those withheld
 * under the 200 kr minimum once further amounts within six months bring their sum to it.
 *
 * The day a refund arose: a frikort refund (the engine's) on the day the year's total crossed the
 * ceiling (frikort_status.frikort_from); one on a granted application on the grant's valid_from; a
 * refund abroad on its decision's date. A frikort refund with neither falls back to 31 December of its year.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { payouts, persons } from "~/db/schema";
import { planSmallRefundRelease, type RunRefund, type SmallRefundRelease } from "~/domain/payouts";
import type { IsoDate } from "~/kernel/types";

/** Every refund (not cancelled) of these persons with the day it arose. */
export async function refundsWithDates(tx: Db, personIds: readonly string[]): Promise<Map<string, RunRefund[]>> {
  const out = new Map<string, RunRefund[]>();
  if (personIds.length === 0) return out;
  const rows = await tx
    .select({
      id: payouts.id,
      personId: payouts.personId,
      amountOre: payouts.amountOre,
      status: payouts.status,
      statusReason: payouts.statusReason,
      // qualified by hand: inside the subqueries a bare column name would be the inner table's
      arisenOn: sql<string>`coalesce(
        (select d.decided_on::text from abroad_decisions d where d.id = payouts.decision_id),
        (select g.valid_from::text from frikort_grants g where g.payout_id = payouts.id),
        (select s.frikort_from::text from frikort_status s where s.person_id = payouts.person_id and s.year = payouts.year and s.tak = payouts.tak),
        make_date(payouts.year::int, 12, 31)::text)`,
    })
    .from(payouts)
    .where(and(inArray(payouts.personId, [...personIds]), sql`${payouts.status} <> 'cancelled'`))
    // the order they were made: of two refunds that arose the same day, the earlier one is merged first
    .orderBy(asc(payouts.createdAt), asc(payouts.id));
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ id: r.id, arisenOn: r.arisenOn as IsoDate, amountOre: r.amountOre, status: r.status as RunRefund["status"], statusReason: r.statusReason });
    out.set(r.personId, list);
  }
  return out;
}

/**
 * Inside the payout run's transaction: small refunds whose group reached the minimum become pending
 * to the person's account (when there is one and the person is not reserved), so this run pays them.
 * Returns, per payout, the merged group it belongs to, so the run pays each group as one transfer.
 */
export async function releaseMergedSmallRefunds(tx: Db, today: IsoDate, now: Date): Promise<Map<string, string>> {
  const waiting = await tx
    .selectDistinct({ personId: payouts.personId, account: persons.payoutAccount, iban: persons.payoutIban, bic: persons.payoutBic, reservedAt: persons.reservedAt })
    .from(payouts)
    .innerJoin(persons, eq(persons.id, payouts.personId))
    .where(and(eq(payouts.status, "withheld"), eq(payouts.statusReason, "below-minimum")));
  const groupOf = new Map<string, string>();
  if (waiting.length === 0) return groupOf;
  const refunds = await refundsWithDates(
    tx,
    waiting.map((w) => w.personId),
  );
  for (const w of waiting) {
    const plan: SmallRefundRelease = planSmallRefundRelease(refunds.get(w.personId) ?? [], today);
    for (const [id, g] of plan.groupOf) groupOf.set(id, g);
    const hasAccount = w.account !== null || (w.iban !== null && w.bic !== null);
    if (plan.release.length === 0 || !hasAccount || w.reservedAt !== null) continue;
    await tx
      .update(payouts)
      .set({
        status: "pending",
        statusReason: null,
        accountNumber: w.account,
        iban: w.account === null ? w.iban : null,
        bic: w.account === null ? w.bic : null,
        updatedAt: now,
      })
      .where(and(inArray(payouts.id, plan.release), eq(payouts.status, "withheld")));
  }
  return groupOf;
}
