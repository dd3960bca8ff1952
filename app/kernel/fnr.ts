/**
 * Norwegian identity numbers: fødselsnummer, D-nummer and H-nummer (rules-research.md §6a–c).
 *
 * Format DDMMYY III K1 K2. K1 accepts both the classic rule ((S1 + k1) mod 11 = 0) and the
 * rule for numbers issued from 2032 ((S1 + k1) mod 11 ∈ {0,1,2,3}); K2 is unchanged.
 */
import { isValidYmd, toIsoDate } from "./dates";
import type { Fnr, IsoDate } from "./types";

export type IdNumberKind = "fnr" | "dnr" | "hnr";

export type FnrValidation =
  | { valid: true; /** the 11 digits, trimmed */ fnr: Fnr; kind: IdNumberKind; birthDate: IsoDate | null; rule: "classic" | "2032" }
  | { valid: false; reason: "format" | "checksum" | "date" };

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0);
}

/** Classic mod-11 control digit; null when it would be 10. */
function controlDigit(digits: readonly number[], weights: readonly number[]): number | null {
  const k = (11 - (weightedSum(digits, weights) % 11)) % 11;
  return k === 10 ? null : k;
}

/**
 * The birth year for a two-digit year and an individnummer, by the classic ranges (§6a, [P]).
 * Null when no range matches (possible for numbers issued under the 2032 rules).
 */
export function centuryYear(yy: number, individ: number): number | null {
  if (individ <= 499) return 1900 + yy;
  if (individ <= 749 && yy >= 54) return 1800 + yy;
  if (individ >= 900 && yy >= 40) return 1900 + yy;
  if (individ >= 500 && yy <= 39) return 2000 + yy;
  return null;
}

export function validateFnr(input: string): FnrValidation {
  const s = input.trim();
  if (!/^\d{11}$/.test(s)) return { valid: false, reason: "format" };
  const d = [...s].map(Number);

  const k1Remainder = (weightedSum(d, K1_WEIGHTS) + d[9]!) % 11;
  const k2Ok = (weightedSum(d, K2_WEIGHTS) + d[10]!) % 11 === 0;
  if (k1Remainder > 3 || !k2Ok) return { valid: false, reason: "checksum" };
  const rule = k1Remainder === 0 ? "classic" : "2032";

  let day = d[0]! * 10 + d[1]!;
  let month = d[2]! * 10 + d[3]!;
  const yy = d[4]! * 10 + d[5]!;
  const individ = d[6]! * 100 + d[7]! * 10 + d[8]!;

  let kind: IdNumberKind = "fnr";
  if (day > 40) {
    kind = "dnr";
    day -= 40;
  }
  if (month > 40) {
    if (kind === "dnr") return { valid: false, reason: "date" };
    kind = "hnr";
    month -= 40;
  }

  // Under the 2032 rule the individnummer no longer tells the century.
  const year = rule === "classic" ? centuryYear(yy, individ) : null;
  if (year === null) {
    // Century unknown: accept any day that exists in some year (29 February included).
    if (!isValidYmd(2000, month, day)) return { valid: false, reason: "date" };
    return { valid: true, fnr: s as Fnr, kind, birthDate: null, rule };
  }
  if (!isValidYmd(year, month, day)) return { valid: false, reason: "date" };
  return { valid: true, fnr: s as Fnr, kind, birthDate: toIsoDate(year, month, day), rule };
}

export function isValidFnr(input: string): boolean {
  return validateFnr(input).valid;
}

/** True for exactly 11 digits that are a valid identity number (no spaces): a zod `.refine` with it brands the parsed value. */
export function isFnr(s: unknown): s is Fnr {
  return typeof s === "string" && /^\d{11}$/.test(s) && validateFnr(s).valid;
}

/** The identity number in `input` (surrounding spaces trimmed) as `Fnr`, or null when it is not a valid one. */
export function parseFnr(input: string): Fnr | null {
  const v = validateFnr(input);
  return v.valid ? v.fnr : null;
}

/**
 * A value that was validated when it came in and is read back (a column, a session) as `Fnr`.
 * Throws RangeError when it is not valid; the message never holds the number.
 */
export function fnrOf(stored: string): Fnr {
  const f = parseFnr(stored);
  if (f === null) throw new RangeError("Not a valid fødselsnummer (value withheld)");
  return f;
}

/**
 * A valid classic-rule identity number for a birth date and individnummer (0–999), for synthetic
 * demo data and tests. `kind` "dnr" adds 4 to the first digit, "hnr" adds 40 to the month.
 * Returns null when no such number exists: the control digit would be 10, or the individnummer
 * is outside the classic range for the birth year (so the number would decode to another century).
 */
export function generateFnr(birthDate: IsoDate, individ: number, kind: IdNumberKind = "fnr"): Fnr | null {
  if (!Number.isInteger(individ) || individ < 0 || individ > 999) {
    throw new RangeError(`individnummer must be an integer 0–999, got ${individ}`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || !isValidYmd(year, month, day)) throw new RangeError(`Not an ISO date: ${JSON.stringify(birthDate)}`);
  const yy = year % 100;
  if (centuryYear(yy, individ) !== year) return null;

  const dd = kind === "dnr" ? day + 40 : day;
  const mm = kind === "hnr" ? month + 40 : month;
  const base = [Math.floor(dd / 10), dd % 10, Math.floor(mm / 10), mm % 10, Math.floor(yy / 10), yy % 10, Math.floor(individ / 100), Math.floor(individ / 10) % 10, individ % 10];
  const k1 = controlDigit(base, K1_WEIGHTS);
  if (k1 === null) return null;
  const k2 = controlDigit([...base, k1], K2_WEIGHTS);
  if (k2 === null) return null;
  return [...base, k1, k2].join("") as Fnr;
}

/** For display: the first six digits, then five asterisks ("010190*****"). */
export function maskFnr(fnr: string): string {
  return `${fnr.trim().slice(0, 6)}*****`;
}
