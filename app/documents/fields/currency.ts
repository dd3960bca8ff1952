/**
 * The currency of a document from what the page prints (ISO codes, symbols, "kr" by country): never a guess from the
 * language.
 */
import { currencyOf } from "../layout/tokens";
import { DOLLAR_PREFIXES, ISO_CURRENCIES, KRONE_BY_COUNTRY, KRONE_BY_LANGUAGE } from "../lexicon/currencies";

const DOLLARS: Array<[RegExp, string]> = [
  [/\b(?:CA\$|C\$|CAD)/, "CAD"],
  [/\b(?:AU\$|A\$|AUD)/, "AUD"],
  [/\b(?:NZ\$|NZD)/, "NZD"],
  [/\b(?:HK\$|HKD)/, "HKD"],
  [/\b(?:S\$|SGD)/, "SGD"],
];

/** "$" with its prefix, if any ("CA$", "US$"). */
const DOLLAR_SIGN = new RegExp(
  `(?<![A-Za-z])(${Object.keys(DOLLAR_PREFIXES)
    .sort((a, b) => b.length - a.length)
    .join("|")})?\\$`,
  "g",
);

/**
 * Currencies printed on the page, once per occurrence: ISO codes, €, £, zł, and "$" (US dollars unless the page names another
 * dollar: "CA$", "AUD" …), "RM" before an amount (ringgit). Nothing here is inferred from the language or the country.
 */
export function currenciesOnPage(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(new RegExp(`\\b(${ISO_CURRENCIES.join("|")})\\b|€|£|zł`, "g"))) out.push(currencyOf(m[0]) ?? m[0]);
  const otherDollar = DOLLARS.find(([re]) => re.test(text));
  for (const m of text.matchAll(DOLLAR_SIGN)) out.push(m[1] ? DOLLAR_PREFIXES[m[1]]! : otherDollar ? otherDollar[1] : "USD");
  for (const _ of text.matchAll(/\bRM\s?\d/g)) out.push("MYR");
  return out;
}

/**
 * The invoice's currency from what the page prints. "kr" alone is SEK, DKK or NOK by the country the page shows (phone, IBAN,
 * domain, tax id) or, failing that, the language it is written in (all three use "kr"); no currency printed gives null — never
 * the currency of a country guessed from the language.
 */
export function resolveCurrency(found: Map<string, number>, country: string | null, language: string | null): string | null {
  const ranked = [...found].sort((a, b) => b[1] - a[1]);
  let top = ranked[0]?.[0] ?? null;
  if (top === "kr") {
    top = (country && KRONE_BY_COUNTRY[country]) ?? (language && KRONE_BY_LANGUAGE[language]) ?? null;
  }
  return top;
}
