/**
 * Calendar-date helpers on ISO strings (YYYY-MM-DD).
 *
 * Pure string and integer arithmetic: no Date objects, no clock, no time zones.
 * Day arithmetic goes through a day number (days since 1970-01-01 in the proleptic
 * Gregorian calendar), so adding days never drifts with DST or the host's time zone.
 */
import type { IsoDate } from "./types";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when year/month/day form a real calendar date (year 1–9999). */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True for a well-formed ISO calendar date that exists (2023-02-29 is false). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== "string") return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  return isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Splits an ISO date; throws RangeError for anything that is not a real date. */
export function parseIsoDate(d: IsoDate): Ymd {
  if (!isIsoDate(d)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(d)}`);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

/** Builds an ISO date; throws RangeError when the parts do not form a real date. */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
  if (!isValidYmd(year, month, day)) throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as IsoDate;
}

/** A string as `IsoDate`: the one way in for a string (a column, a form field, a JSON value). Throws RangeError unless a real date YYYY-MM-DD. */
export function isoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return s;
}

/** The date, or null when the string is not a real date YYYY-MM-DD. */
export function isoDateOrNull(s: string | null | undefined): IsoDate | null {
  return isIsoDate(s) ? s : null;
}

/** 1 January of a year. */
export function firstOfYear(year: number): IsoDate {
  return toIsoDate(year, 1, 1);
}

export function yearOf(d: IsoDate): number {
  return parseIsoDate(d).year;
}

/** Negative when a is before b, 0 when equal, positive when after (usable as a sort comparator). */
export function compareIso(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

// Days-from-civil and its inverse (proleptic Gregorian), integer arithmetic only.
function toDayNumber({ year, month, day }: Ymd): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs an integer, got ${n}`);
  const { year, month, day } = fromDayNumber(toDayNumber(parseIsoDate(d)) + n);
  return toIsoDate(year, month, day);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(parseIsoDate(b)) - toDayNumber(parseIsoDate(a));
}

/**
 * The date of the n-th birthday. A 29 February birthday falls on 1 March in a
 * non-leap year (the person has not completed the year until 28 February has passed).
 */
export function nthBirthday(birthDate: IsoDate, n: number): IsoDate {
  const b = parseIsoDate(birthDate);
  const year = b.year + n;
  if (b.month === 2 && b.day === 29 && !isLeapYear(year)) return toIsoDate(year, 3, 1);
  return toIsoDate(year, b.month, b.day);
}

/** Completed years of age on `date` (0 on the birth date, negative before it). */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const b = parseIsoDate(birthDate);
  const d = parseIsoDate(date);
  let age = d.year - b.year;
  if (date < nthBirthday(birthDate, age)) age -= 1;
  return age;
}

export function minIso(a: IsoDate, b: IsoDate): IsoDate {
  return compareIso(a, b) <= 0 ? a : b;
}

export function maxIso(a: IsoDate, b: IsoDate): IsoDate {
  return compareIso(a, b) >= 0 ? a : b;
}
