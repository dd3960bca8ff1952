/**
 * An application for frikort by receipts, for a person reserved against storage (pure): the running
 * sum against the year's ceiling(s), the day the ceiling was reached, and the application deadline.
 */
import { reservedApplicationDeadline } from "./deadlines";
import { computeYearOverview, type TakOverview } from "./overview";
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
