/**
 * Money as integer øre (1 NOK = 100 øre). Formatting and parsing use integer arithmetic only.
 */
import type { Ore } from "./types";

export type MoneyLocale = "nb" | "nn" | "en";

/** U+00A0 no-break space: thousands separator and the space next to the currency. */
export const NBSP = "\u00a0";

function assertOre(ore: number): void {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Øre must be a safe integer, got ${ore}`);
}

/** A number of øre as `Ore`: the one way in for a number (a column, a form's parsed value, a literal). Throws RangeError unless a safe integer. */
export function ore(n: number): Ore {
  assertOre(n);
  return n as Ore;
}

/** True for a safe integer: a number that may stand for øre (as a zod `.refine` it brands the parsed value). */
export function isOre(n: unknown): n is Ore {
  return typeof n === "number" && Number.isSafeInteger(n);
}

export const ZERO_ORE = 0 as Ore;

/** A sum read from the database (PostgreSQL's bigint arrives as text) as `Ore`. */
export function oreOf(v: string | number): Ore {
  return ore(Number(v));
}

/** Whole kroner as øre: kroner(2_460) is 246 000 øre. Throws RangeError for a fraction of a krone. */
export function kroner(kr: number): Ore {
  if (!Number.isSafeInteger(kr)) throw new RangeError(`Kroner must be a whole number here, got ${kr}`);
  return ore(kr * 100);
}

/** The sum of amounts (0 for none). */
export function sumOre(amounts: Iterable<Ore>): Ore {
  let total = 0;
  for (const a of amounts) total += a;
  return ore(total);
}

export function addOre(a: Ore, b: Ore): Ore {
  return ore(a + b);
}

/** a − b (may be negative). */
export function subOre(a: Ore, b: Ore): Ore {
  return ore(a - b);
}

/** An amount times a whole number (a count of sessions, −1). */
export function mulOre(a: Ore, times: number): Ore {
  if (!Number.isSafeInteger(times)) throw new RangeError(`mulOre needs a whole number, got ${times}`);
  return ore(a * times);
}

export function minOre(a: Ore, b: Ore): Ore {
  return a <= b ? a : b;
}

export function maxOre(a: Ore, b: Ore): Ore {
  return a >= b ? a : b;
}

/**
 * `percent` per cent of an amount, rounded to whole øre as stated: "half-up" (half an øre away
 * from zero), "floor" or "ceil". percentOf(ore(1_001), 50, "half-up") is 501 øre.
 */
export function percentOf(a: Ore, percent: number, rounding: "half-up" | "floor" | "ceil"): Ore {
  const exact = (a * percent) / 100;
  if (rounding === "floor") return ore(Math.floor(exact));
  if (rounding === "ceil") return ore(Math.ceil(exact));
  return ore(Math.sign(exact) * Math.round(Math.abs(exact)));
}

function groupThousands(digits: string, separator: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/**
 * nb/nn: "2 460,50 kr"; en: "NOK 2,460.50". Always two decimals. The spaces are U+00A0.
 * Negative amounts get a leading hyphen-minus: "-2 460,50 kr", "-NOK 2,460.50".
 */
export function formatOre(ore: Ore, locale: MoneyLocale): string {
  assertOre(ore);
  const sign = ore < 0 ? "-" : "";
  const abs = Math.abs(ore);
  const orePart = abs % 100;
  const kroner = (abs - orePart) / 100; // exact: abs - orePart is a multiple of 100
  const decimals = String(orePart).padStart(2, "0");
  if (locale === "en") return `${sign}NOK${NBSP}${groupThousands(String(kroner), ",")}.${decimals}`;
  return `${sign}${groupThousands(String(kroner), NBSP)},${decimals}${NBSP}kr`;
}

const PLAIN = /^(\d+)(?:[.,](\d{1,2}))?$/;
const SPACE_GROUPED = /^(\d{1,3}(?: \d{3})+)(?:[.,](\d{1,2}))?$/;
const DOT_GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/;
const COMMA_GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

/**
 * Parses an amount in kroner as typed in a form: "2 460,50", "2460.5", "2460", "2.460,50",
 * "2,460.50", "kr 2460,-", "NOK 99". Returns null for anything else, for negative amounts and
 * for more than two decimals. Three digits after a single separator are read as thousands
 * ("2.460" and "2,460" are 2 460 kr).
 */
export function parseNokToOre(input: string): Ore | null {
  let s = input.replace(/[\s\u00a0\u202f\u2009]+/g, " ").trim();
  s = s.replace(/^(?:kr\.?|nok)\s*/i, "").replace(/\s*(?:kr\.?|nok)$/i, "");
  s = s.replace(/[.,]-$/, "").trim();
  for (const pattern of [PLAIN, SPACE_GROUPED, DOT_GROUPED, COMMA_GROUPED]) {
    const m = pattern.exec(s);
    if (!m) continue;
    const kroner = Number((m[1] ?? "").replace(/[ .,]/g, ""));
    const ore = Number((m[2] ?? "").padEnd(2, "0"));
    const total = kroner * 100 + ore;
    return Number.isSafeInteger(total) ? (total as Ore) : null;
  }
  return null;
}

/** A decimal amount with a dot in a currency ("1234.50", "EUR") as a resident reads it: "1 234,50 EUR" (nb/nn) or "EUR 1,234.50" (en), with no-break spaces. */
export function formatDecimalAmount(amount: string, currency: string, locale: MoneyLocale): string {
  const [int = "0", frac = ""] = amount.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "en" ? "," : "\u00a0");
  const num = frac ? `${grouped}${locale === "en" ? "." : ","}${frac}` : grouped;
  return locale === "en" ? `${currency}\u00a0${num}` : `${num}\u00a0${currency}`;
}
