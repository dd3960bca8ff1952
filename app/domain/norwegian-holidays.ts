/**
 * Norwegian public holidays (helligdager og høytidsdager, lov om helligdager og helligdagsfred § 2,
 * and 1 and 17 May by lov om 1. og 17. mai som høgtidsdagar), from the date-holidays library's
 * Norwegian calendar (type "public"; Easter and the days after it computed by the library).
 * Used by the risk signal "treatment on Saturdays, Sundays and public holidays".
 */
import Holidays from "date-holidays";
import { isoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

export const HOLIDAYS_REFERENCE = "lov om helligdager og helligdagsfred § 2; lov om 1. og 17. mai som høgtidsdagar; date-holidays (npm), country NO, type public";

const cache = new Map<number, readonly IsoDate[]>();

/** The public holidays of one year, sorted (Sundays among them only when the holiday itself is on a Sunday). */
export function norwegianPublicHolidays(year: number): readonly IsoDate[] {
  let days = cache.get(year);
  if (!days) {
    const hd = new Holidays("NO");
    days = Object.freeze(
      hd
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => isoDate(h.date.slice(0, 10)))
        .sort(),
    );
    cache.set(year, days);
  }
  return days;
}

/** Every public holiday from `fromYear` to `toYear`, both included. */
export function norwegianPublicHolidaysBetween(fromYear: number, toYear: number): IsoDate[] {
  const out: IsoDate[] = [];
  for (let y = fromYear; y <= toYear; y++) out.push(...norwegianPublicHolidays(y));
  return out;
}

export function isNorwegianPublicHoliday(date: IsoDate): boolean {
  return norwegianPublicHolidays(Number(date.slice(0, 4))).includes(date);
}
