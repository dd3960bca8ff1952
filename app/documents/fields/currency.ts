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
  return marksOnPage(text).map((m) => m.currency);
}

/** Each mark the page prints as its currency, and whether it was a bare "$" (resolved to the page's dollar). */
function marksOnPage(text: string): Array<{ currency: string; bareDollar: boolean }> {
  const marks = currencyMarksIn(text);
  const dollar = marks.includes("$") ? pageDollar(text) : "USD";
  return marks.map((m) => ({ currency: m === "$" ? dollar : m, bareDollar: m === "$" }));
}

/**
 * What the page prints for a currency, weighed: each ISO code, sign, prefixed dollar or written name counts 1, a bare "$" ½.
 * OCR reads a capital S as "$" (the ICD-10 code "S83.5" on a euro invoice came out as "$83.5"), so one stray "$" must not
 * outweigh one "EUR"; a dollar invoice prints its "$" beside every amount, or "USD", and still wins.
 */
export function currencyEvidence(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const { currency, bareDollar } of marksOnPage(text)) out.set(currency, (out.get(currency) ?? 0) + (bareDollar ? 0.5 : 1));
  return out;
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
