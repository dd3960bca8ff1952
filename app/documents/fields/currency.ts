/**
 * The currency of a document from what the page prints (ISO codes, signs, "kr" by country): never a guess from the language.
 * Every mark is read by the one reading of ../lexicon/currencies.ts (`currencyOfMark`, `resolveMark`).
 */
import { currencyMarksIn, pageDollar, resolveMark } from "../lexicon/currencies";

/**
 * Currencies printed on the page, once per occurrence: ISO codes, €, £, zł, "kr" (a krone, which one the page's country or
 * language says: `resolveCurrency`), "$" (US dollars unless the page names another dollar: "CA$", "AUD" …), "RM" before an
 * amount (ringgit). Nothing here is inferred from the language or the country.
 */
export function currenciesOnPage(text: string): string[] {
  const marks = currencyMarksIn(text);
  const dollar = marks.includes("$") ? pageDollar(text) : "USD";
  return marks.map((m) => (m === "$" ? dollar : m));
}

/**
 * The invoice's currency from the marks the page prints, counted (`found`: mark → weight). Each mark is read on the page
 * (`resolveMark`: "kr" is SEK, DKK or NOK by the country the page shows — phone, IBAN, domain, tax id — or, failing that, the
 * language it is written in; "$" is the dollar the page names, else USD) and the currency with the most weight is the
 * document's; no currency printed, or a krone of no known country or language, gives null — never a currency guessed from the
 * language.
 */
export function resolveCurrency(found: Map<string, number>, country: string | null, language: string | null, dollar = "USD"): string | null {
  const counts = new Map<string | null, number>();
  for (const [mark, n] of found) {
    const c = resolveMark(mark, { dollar, country, language });
    counts.set(c, (counts.get(c) ?? 0) + n);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
