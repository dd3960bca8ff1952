/**
 * Refunds of egenandeler paid above the ceiling (pure). The engine knows, per person, year and
 * tak, how much was paid above the ceiling (`owedOre`); this decides what should stand open for
 * payout, given what has already been paid out.
 *
 * Minimum payout (ftrl § 22-19 andre ledd, dated parameter): up to 2021 an amount above the
 * ceiling below 200 kr was not paid out; from 2022 every krone is. The rule is applied to the
 * year's total above the ceiling for that tak ("samlet beløp"), not to each increment.
 */
import { minimumPayoutForYear } from "../rules/parameters/exemptions";
import { smallRefundMergeMonths } from "../rules/parameters/payouts";
import { entryAt } from "../rules/parameter";
import type { IsoDate, Ore } from "../kernel/types";
import { addDays } from "../kernel/dates";
import { addOre, subOre } from "../kernel/money";
import { addMonths } from "./deadlines";

export type PayoutStatus = "pending" | "paid" | "withheld" | "cancelled";
export type PayoutReason = "below-minimum" | "no-account" | "reserved" | "correction";

export interface OpenPayoutDecision {
  amountOre: Ore;
  status: "pending" | "withheld";
  reason: PayoutReason | null;
}

export interface OpenPayoutInput {
  year: number;
  /** Paid above the ceiling in that year and tak, as the engine computes it now. */
  owedOre: Ore;
  /** Already paid out for that year and tak. */
  paidOre: Ore;
  hasAccount: boolean;
  reserved: boolean;
}

/** What should stand open (pending or withheld) for one person, year and tak; null when nothing is owed. */
export function decideOpenPayout(input: OpenPayoutInput): OpenPayoutDecision | null {
  const outstanding = subOre(input.owedOre, input.paidOre);
  if (outstanding <= 0) return null;
  if (input.owedOre < minimumPayoutForYear(input.year)) {
    return { amountOre: outstanding, status: "withheld", reason: "below-minimum" };
  }
  if (input.reserved) return { amountOre: outstanding, status: "withheld", reason: "reserved" };
  if (!input.hasAccount) return { amountOre: outstanding, status: "withheld", reason: "no-account" };
  return { amountOre: outstanding, status: "pending", reason: null };
}

// ---------------------------------------------------------------------------------------------
// Merging small refunds (issue 18 item 4).

export interface SmallAmount {
  id: string;
  /** The day the person became entitled to the amount. */
  arisenOn: IsoDate;
  amountOre: Ore;
}

export type MergeOutcome =
  /** Paid on `payOn` with the others of its group (alone when it reached the minimum by itself). */
  | { id: string; status: "pay"; payOn: IsoDate; group: string }
  /** Under the minimum, its six months not yet over: further amounts may still join it. */
  | { id: string; status: "waiting"; until: IsoDate }
  /** Under the minimum, and nothing joined it within the six months (or after the minimum ended): not paid. */
  | { id: string; status: "not-paid" };

/**
 * While the minimum payout applied (to 2021), an amount under it could be merged with further amounts
 * arising within six months (utbetaling.sammenslaing-maneder, counted from the first amount) and paid
 * when the sum reached the minimum; from 2022 there is no minimum and every amount is paid at once.
 * Amounts are taken in the order they arose (ties in the order given); an amount that reaches the minimum alone is paid alone.
 * A group whose window closed short of the minimum is not paid, and the next amount starts a new one.
 */
export function mergeSmallRefunds(amounts: readonly SmallAmount[], today: IsoDate): MergeOutcome[] {
  // amounts that arose the same day keep the order given (the payout run gives them in the order they were made)
  const sorted = [...amounts].sort((a, b) => (a.arisenOn < b.arisenOn ? -1 : a.arisenOn > b.arisenOn ? 1 : 0));
  const out = new Map<string, MergeOutcome>();
  let group: { first: SmallAmount; until: IsoDate; minimum: Ore; members: SmallAmount[]; sum: Ore } | null = null;
  const close = () => {
    if (!group) return;
    for (const m of group.members) out.set(m.id, group.until < today ? { id: m.id, status: "not-paid" } : { id: m.id, status: "waiting", until: group.until });
    group = null;
  };
  for (const a of sorted) {
    const minimum = minimumPayoutForYear(Number(a.arisenOn.slice(0, 4)));
    const months = entryAt(smallRefundMergeMonths, a.arisenOn)?.value ?? null;
    if (group && (a.arisenOn > group.until || months === null)) close();
    if (group) {
      group.members.push(a);
      group.sum = addOre(group.sum, a.amountOre);
      if (group.sum >= group.minimum) {
        for (const m of group.members) out.set(m.id, { id: m.id, status: "pay", payOn: a.arisenOn, group: group.first.id });
        group = null;
      }
      continue;
    }
    if (a.amountOre >= minimum) {
      out.set(a.id, { id: a.id, status: "pay", payOn: a.arisenOn, group: a.id });
      continue;
    }
    if (months === null) {
      out.set(a.id, { id: a.id, status: "not-paid" });
      continue;
    }
    // the window is six months, but never past the day the merging ended (31.12.2021)
    let until = addMonths(a.arisenOn, months);
    for (const v of smallRefundMergeMonths.values) {
      if (v.from > a.arisenOn && v.value === null && addDays(v.from, -1) < until) until = addDays(v.from, -1);
    }
    group = { first: a, until, minimum, members: [a], sum: a.amountOre };
  }
  close();
  return amounts.map((a) => out.get(a.id)!);
}

/** One of a person's refunds as the payout run sees it when merging small ones (issue 18 item 4). */
export interface RunRefund {
  id: string;
  arisenOn: IsoDate;
  amountOre: Ore;
  status: PayoutStatus;
  statusReason: string | null;
}

export interface SmallRefundRelease {
  /** Withheld under the minimum, now part of a group that reached it: to be paid in this run. */
  release: string[];
  /** Every payout (paid before, pending or released) in a merged group of two or more, by the group's first id: paid as one. */
  groupOf: Map<string, string>;
}

/**
 * What the payout run does with a person's small refunds (pure): every refund that is not cancelled
 * takes part in the merge (a refund paid or pending is a "further amount" too, as the seed says of any
 * stønadsbeløp from Helfo); a refund withheld as under the minimum whose group reached the minimum is
 * released. Those still waiting or whose window closed short stay withheld.
 */
export function planSmallRefundRelease(refunds: readonly RunRefund[], today: IsoDate): SmallRefundRelease {
  const live = refunds.filter((r) => r.status !== "cancelled");
  const outcomes = mergeSmallRefunds(live, today);
  const release: string[] = [];
  const members = new Map<string, string[]>();
  live.forEach((r, i) => {
    const o = outcomes[i]!;
    if (o.status !== "pay") return;
    members.set(o.group, [...(members.get(o.group) ?? []), r.id]);
    if (r.status === "withheld" && r.statusReason === "below-minimum") release.push(r.id);
  });
  const groupOf = new Map<string, string>();
  for (const [group, ids] of members) if (ids.length > 1) for (const id of ids) groupOf.set(id, group);
  return { release, groupOf };
}
