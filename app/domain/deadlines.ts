/**
 * Deadlines a resident meets when reporting a missing egenandel or applying while reserved (pure).
 */
import { claimDeadlineMonths, providerReportingDays, registrationWindowDays, reservedApplicationMonths } from "../rules/parameters/deadlines";
import { valueAt } from "../rules/parameter";
import { addDays, daysInMonth, parseIsoDate, toIsoDate } from "../kernel/dates";
import type { IsoDate } from "../kernel/types";

/** The same day n months later; the month's last day when that day does not exist (31 Aug + 6 → 28/29 Feb). */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseIsoDate(d);
  const m0 = month - 1 + n;
  const y = year + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  return toIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export interface MissingEgenandelDeadlines {
  /** Last day to claim registration (6 months from the service date, ftrl § 22-13). */
  claimDeadline: IsoDate;
  /** Providers report at least every 14 days; by this day it should be in the register. */
  expectedRegisteredBy: IsoDate;
  /** After this many days without registration the patient is told to contact Helfo (3 weeks). */
  registrationWindowEnds: IsoDate;
  /** The claim can still be made today. */
  withinDeadline: boolean;
  /** Today is still inside the 3-week window: the provider may yet report it. */
  providerMayStillReport: boolean;
}

export function missingEgenandelDeadlines(serviceDate: IsoDate, today: IsoDate): MissingEgenandelDeadlines {
  const claimDeadline = addMonths(serviceDate, valueAt(claimDeadlineMonths, serviceDate));
  const registrationWindowEnds = addDays(serviceDate, valueAt(registrationWindowDays, serviceDate));
  return {
    claimDeadline,
    expectedRegisteredBy: addDays(serviceDate, valueAt(providerReportingDays, serviceDate)),
    registrationWindowEnds,
    withinDeadline: today <= claimDeadline,
    providerMayStillReport: today <= registrationWindowEnds,
  };
}

/** Deadline for applying for frikort while reserved: 6 months from the day the ceiling was reached. */
export function reservedApplicationDeadline(ceilingReachedOn: IsoDate): IsoDate {
  return addMonths(ceilingReachedOn, valueAt(reservedApplicationMonths, ceilingReachedOn));
}
