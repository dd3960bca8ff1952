/**
 * What an egenandel line says about its refund (issue 22, item 5). A line registered after the
 * frikort is paid back through the tak's payout, so its words follow that payout: "betales
 * tilbake" while nothing is paid, "betalt tilbake <date>" once it is, never the first after the
 * second. Pure: the payouts come from the register.
 */
import type { IsoDate, TakId } from "../kernel/types";
import type { OverviewLineStatus } from "./overview";

export interface PayoutState {
  tak: TakId;
  status: "paid" | "pending" | "withheld" | "cancelled";
  paidOn: IsoDate | null;
}

export type LineWords =
  | { key: "counted" | "unpaid" | "cancelled" | "exempt" | "after-frikort" }
  | { key: "after-frikort.pending" }
  | { key: "after-frikort.withheld" }
  | { key: "after-frikort.paid"; date: IsoDate };

/**
 * The words for one line. A pending payout for the tak wins (money is still on its way, e.g. after
 * a correction); otherwise the latest paid payout names its date; a withheld one says so; with no
 * payout yet the line keeps "after frikort – to be refunded". Cancelled payouts say nothing.
 */
export function lineWords(status: OverviewLineStatus, tak: TakId, payouts: readonly PayoutState[]): LineWords {
  if (status !== "after-frikort") return { key: status };
  const mine = payouts.filter((p) => p.tak === tak && p.status !== "cancelled");
  if (mine.some((p) => p.status === "pending")) return { key: "after-frikort.pending" };
  const paid = mine
    .filter((p): p is PayoutState & { paidOn: IsoDate } => p.status === "paid" && p.paidOn !== null)
    .sort((a, b) => (a.paidOn < b.paidOn ? 1 : a.paidOn > b.paidOn ? -1 : 0));
  if (paid[0]) return { key: "after-frikort.paid", date: paid[0].paidOn };
  if (mine.some((p) => p.status === "withheld")) return { key: "after-frikort.withheld" };
  return { key: "after-frikort" };
}
