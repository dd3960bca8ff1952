/**
 * The currency of a document from what the page prints (ISO codes, symbols, "kr" by country): never a guess from the
 * language.
 */
import { currencyOf } from "../layout/tokens";

/** ISO 4217 codes a page may print beside its amounts (evidence; a code not listed is not guessed). */
const ISO_CURRENCIES = "EUR|SEK|DKK|NOK|PLN|GBP|USD|CHF|CZK|HUF|RON|BGN|ISK|CAD|AUD|NZD|JPY|CNY|HKD|SGD|MYR|INR|ZAR|BRL|MXN|TRY|AED|THB|IDR|PHP|KRW";
const DOLLARS: Array<[RegExp, string]> = [
  [/\b(?:CA\$|C\$|CAD)/, "CAD"],
  [/\b(?:AU\$|A\$|AUD)/, "AUD"],
  [/\b(?:NZ\$|NZD)/, "NZD"],
  [/\b(?:HK\$|HKD)/, "HKD"],
  [/\b(?:S\$|SGD)/, "SGD"],
];

/**
 * Currencies printed on the page, once per occurrence: ISO codes, €, £, zł, and "$" (US dollars unless the page names another
 * dollar: "CA$", "AUD" …), "RM" before an amount (ringgit). Nothing here is inferred from the language or the country.
 */
export function currenciesOnPage(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(new RegExp(`\\b(${ISO_CURRENCIES})\\b|€|£|zł`, "g"))) out.push(currencyOf(m[0]) ?? m[0]);
  const otherDollar = DOLLARS.find(([re]) => re.test(text));
  const prefixed: Record<string, string> = { CA: "CAD", C: "CAD", AU: "AUD", A: "AUD", NZ: "NZD", HK: "HKD", S: "SGD", US: "USD" };
  for (const m of text.matchAll(/(?<![A-Za-z])(CA|C|AU|A|NZ|HK|S|US)?\$/g)) out.push(m[1] ? prefixed[m[1]]! : otherDollar ? otherDollar[1] : "USD");
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
    const byCountry: Record<string, string> = { SE: "SEK", DK: "DKK", NO: "NOK" };
    const byLang: Record<string, string> = { sv: "SEK", da: "DKK", nb: "NOK", nn: "NOK" };
    top = (country && byCountry[country]) ?? (language && byLang[language]) ?? null;
  }
  return top;
}
