/**
 * Money as integer øre (1 NOK = 100 øre). Formatting and parsing use integer arithmetic only.
 */
import type { Ore } from "./types";

export type MoneyLocale = "nb" | "nn" | "en";

/** U+00A0 no-break space: thousands separator and the space next to the currency. */
export const NBSP = "\u00a0";

function assertOre(ore: Ore): void {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Øre must be a safe integer, got ${ore}`);
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
    return Number.isSafeInteger(total) ? total : null;
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
