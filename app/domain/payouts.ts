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
import type { Ore } from "../kernel/types";

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
  const outstanding = input.owedOre - input.paidOre;
  if (outstanding <= 0) return null;
  if (input.owedOre < minimumPayoutForYear(input.year)) {
    return { amountOre: outstanding, status: "withheld", reason: "below-minimum" };
  }
  if (input.reserved) return { amountOre: outstanding, status: "withheld", reason: "reserved" };
  if (!input.hasAccount) return { amountOre: outstanding, status: "withheld", reason: "no-account" };
  return { amountOre: outstanding, status: "pending", reason: null };
}
