/**
 * The "Mine egenandeler og frikort" overview for one calendar year: pure and explainable.
 *
 * Per tak, paid and non-cancelled egenandeler are added up in service-date order (ties by id).
 * The frikort applies from the service date of the egenandel that brings the total to the ceiling
 * or above. Amounts registered after that still count in `registeredOre`; the part above the
 * ceiling (`overCeilingOre`) is what is owed back. Children under 16 pay no egenandel: their rows
 * are shown as "exempt" and never count.
 */
import { childExemptUntil } from "./child-exemption";
import { ceilingFor, taksForYear } from "../rules/parameters/egenandelstak";
import { takForService } from "../rules/parameters/tak-mapping";
import { parseIsoDate } from "../kernel/dates";
import { addOre, maxOre, subOre, ZERO_ORE } from "../kernel/money";
import type { Confidence, EgenandelRow, IsoDate, Ore, TakId } from "../kernel/types";

export interface TakOverview {
  tak: TakId;
  ceilingOre: Ore;
  registeredOre: Ore;
  remainingOre: Ore;
  overCeilingOre: Ore;
  /** Integer 0–100, rounded down; 100 from the ceiling upwards. */
  progressPercent: number;
  frikortFrom: IsoDate | null;
  ceilingReference: string;
  ceilingConfidence: Confidence;
  ceilingNote?: string;
}

export type OverviewLineStatus = "counted" | "unpaid" | "cancelled" | "exempt" | "after-frikort";

export interface OverviewLine extends EgenandelRow {
  tak: TakId;
  status: OverviewLineStatus;
}

export interface YearOverview {
  year: number;
  childExempt: "whole-year" | { until: IsoDate } | null;
  taks: TakOverview[];
  /** Sorted by serviceDate, then id. */
  lines: OverviewLine[];
  /**
   * What the person paid in egenandeler that year: paid, non-cancelled rows, after-frikort rows
   * included. Rows from while a child was under 16 are not included: a child pays nothing.
   */
  totalPaidOre: Ore;
}

export interface YearOverviewInput {
  year: number;
  /** Null when unknown (no child exemption is applied). */
  birthDate: IsoDate | null;
  rows: EgenandelRow[];
}

function byServiceDateThenId(a: EgenandelRow, b: EgenandelRow): number {
  if (a.serviceDate !== b.serviceDate) return a.serviceDate < b.serviceDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function childExemptionForYear(year: number, birthDate: IsoDate | null): YearOverview["childExempt"] {
  if (birthDate === null) return null;
  const until = childExemptUntil(birthDate);
  if (until >= `${year}-12-31`) return "whole-year";
  if (until < `${year}-01-01`) return null;
  return { until };
}

/** Throws UnsupportedYearError for years outside the ceiling tables. */
export function computeYearOverview(input: YearOverviewInput): YearOverview {
  const { year, birthDate } = input;
  const taks = taksForYear(year);
  const exemptUntil = birthDate === null ? null : childExemptUntil(birthDate);

  const rows = input.rows.filter((row) => parseIsoDate(row.serviceDate).year === year).sort(byServiceDateThenId);

  const running = new Map<TakId, Ore>();
  const frikortFrom = new Map<TakId, IsoDate>();
  const ceilings = new Map(taks.map((tak) => [tak, ceilingFor(tak, year)] as const));
  let totalPaidOre = ZERO_ORE;

  const lines: OverviewLine[] = rows.map((row) => {
    if (!Number.isSafeInteger(row.amountOre) || row.amountOre < 0) {
      throw new RangeError(`Egenandel ${row.id} has an invalid amount: ${row.amountOre}`);
    }
    const tak = takForService(row.serviceType, row.serviceDate);

    let status: OverviewLineStatus;
    if (row.cancelled) status = "cancelled";
    else if (exemptUntil !== null && row.serviceDate <= exemptUntil) status = "exempt";
    else if (!row.paid) status = "unpaid";
    else {
      const from = frikortFrom.get(tak);
      status = from !== undefined && row.serviceDate > from ? "after-frikort" : "counted";
      totalPaidOre = addOre(totalPaidOre, row.amountOre);
      const total = addOre(running.get(tak) ?? ZERO_ORE, row.amountOre);
      running.set(tak, total);
      const ceiling = ceilings.get(tak);
      if (from === undefined && ceiling !== undefined && total >= ceiling.ceilingOre) {
        frikortFrom.set(tak, row.serviceDate);
      }
    }
    return { ...row, tak, status };
  });

  const takOverviews = taks.map((tak): TakOverview => {
    const ceiling = ceilings.get(tak)!;
    const registeredOre = running.get(tak) ?? ZERO_ORE;
    const overview: TakOverview = {
      tak,
      ceilingOre: ceiling.ceilingOre,
      registeredOre,
      remainingOre: maxOre(ZERO_ORE, subOre(ceiling.ceilingOre, registeredOre)),
      overCeilingOre: maxOre(ZERO_ORE, subOre(registeredOre, ceiling.ceilingOre)),
      progressPercent: Math.min(100, Math.floor((registeredOre * 100) / ceiling.ceilingOre)),
      frikortFrom: frikortFrom.get(tak) ?? null,
      ceilingReference: ceiling.reference,
      ceilingConfidence: ceiling.confidence,
    };
    if (ceiling.note !== undefined) overview.ceilingNote = ceiling.note;
    return overview;
  });

  return {
    year,
    childExempt: childExemptionForYear(year, birthDate),
    taks: takOverviews,
    lines,
    totalPaidOre,
  };
}
