/**
 * An application for frikort by receipts, for a person reserved against storage (pure): the running
 * sum against the year's ceiling(s), the day the ceiling was reached, and the application deadline.
 */
import { bluePrescriptionMaxOn } from "../rules/parameters/blue-prescription";
import { reservedApplicationDeadline } from "./deadlines";
import { computeYearOverview, type TakOverview, type YearOverview } from "./overview";
import { decideOpenPayout, type OpenPayoutDecision } from "./payouts";
import { ZERO_ORE } from "../kernel/money";
import type { IsoDate, Ore, ServiceType } from "../kernel/types";

export interface ReceiptLine {
  id: string;
  providerName: string;
  serviceDate: IsoDate;
  serviceType: ServiceType;
  amountOre: Ore;
}

export interface ApplicationSummary {
  taks: Array<TakOverview & { deadline: IsoDate | null }>;
  totalOre: Ore;
}

export function summariseApplication(year: number, birthDate: IsoDate | null, lines: ReceiptLine[]): ApplicationSummary {
  const overview = computeYearOverview({
    year,
    birthDate,
    rows: lines.map((l) => ({ ...l, paid: true, paidDate: l.serviceDate, cancelled: false })),
  });
  return {
    taks: overview.taks.map((t) => ({ ...t, deadline: t.frikortFrom ? reservedApplicationDeadline(t.frikortFrom) : null })),
    totalOre: overview.totalPaidOre,
  };
}

/** What approving a reserved resident's application grants for one tak (docs/decisions/0017-frikort-grants.md). */
export interface ApplicationGrant {
  tak: TakOverview["tak"];
  /** The service date of the receipt that brought the total to the ceiling. */
  validFrom: IsoDate;
  ceilingOre: Ore;
  totalOre: Ore;
  /** Paid above the ceiling by the receipts (the part of the crossing receipt above it, and every receipt after). */
  overCeilingOre: Ore;
  /** The refund to stand open for it, by the same rule as the engine's refunds; null when nothing is owed. */
  payout: OpenPayoutDecision | null;
}

/**
 * The frikort an approved application grants: one per tak whose receipts reached the ceiling, from
 * the day they did, with the refund of what was paid above it. The resident applied by receipts, so
 * the reservation does not withhold this refund (ADR 0007 withholds the engine's refunds only).
 */
export function grantsFromApplication(year: number, birthDate: IsoDate | null, lines: ReceiptLine[], hasAccount: boolean): ApplicationGrant[] {
  const summary = summariseApplication(year, birthDate, lines);
  return summary.taks.flatMap((t) =>
    t.frikortFrom
      ? [
          {
            tak: t.tak,
            validFrom: t.frikortFrom,
            ceilingOre: t.ceilingOre,
            totalOre: t.registeredOre,
            overCeilingOre: t.overCeilingOre,
            payout: decideOpenPayout({ year, owedOre: t.overCeilingOre, paidOre: ZERO_ORE, hasAccount, reserved: false }),
          },
        ]
      : [],
  );
}

/**
 * The year's overview with the frikort granted on applications (ADR 0017) laid over the engine's:
 * a tak's frikort applies from the earlier of the two dates. The totals stay the register's.
 */
export function withGrantedFrikort(overview: YearOverview, granted: ReadonlyMap<string, IsoDate>): YearOverview {
  if (granted.size === 0) return overview;
  return {
    ...overview,
    taks: overview.taks.map((t) => {
      const g = granted.get(t.tak);
      return g && (!t.frikortFrom || g < t.frikortFrom) ? { ...t, frikortFrom: g } : t;
    }),
  };
}

/** Why a receipt is questioned before it is added: above the usual maximum for blue prescription. */
export interface ReceiptQuestion {
  code: "above-blue-prescription-max";
  maxOre: Ore;
  per: "prescription" | "dispensing";
  /** The date the maximum has applied from (the rule table's row). */
  from: IsoDate;
}

/**
 * A receipt for medicines (blue prescription) above the usual maximum egenandel of its date is
 * questioned: the resident checks the amount and confirms it, or corrects it (issue 22 item 3).
 */
export function questionReceipt(line: Pick<ReceiptLine, "serviceType" | "serviceDate" | "amountOre">): ReceiptQuestion | null {
  if (line.serviceType !== "legemidler") return null;
  const max = bluePrescriptionMaxOn(line.serviceDate);
  if (!max || line.amountOre <= max.maxOre) return null;
  return { code: "above-blue-prescription-max", maxOre: max.maxOre, per: max.per, from: max.from };
}

/** The years a reserved resident can apply for: this year and the one before (the deadline is six months after the ceiling, so never later). */
export function applicationYears(thisYear: number): number[] {
  return [thisYear, thisYear - 1];
}

/** Whether the six-month deadline after the ceiling has passed on `today`. */
export function deadlinePassed(deadline: IsoDate | null, today: IsoDate): boolean {
  return deadline !== null && today > deadline;
}
