/**
 * Currency words a page may print (evidence, never a guess from the language): ISO 4217 codes, the dollars named by their
 * prefix, and the krone ("kr"), which is SEK, DKK or NOK by the country the page shows or, failing that, its language.
 */

/** ISO 4217 codes a page may print beside its amounts (a code not listed is not guessed). */
export const ISO_CURRENCIES = [
  "EUR",
  "SEK",
  "DKK",
  "NOK",
  "PLN",
  "GBP",
  "USD",
  "CHF",
  "CZK",
  "HUF",
  "RON",
  "BGN",
  "ISK",
  "CAD",
  "AUD",
  "NZD",
  "JPY",
  "CNY",
  "HKD",
  "SGD",
  "MYR",
  "INR",
  "ZAR",
  "BRL",
  "MXN",
  "TRY",
  "AED",
  "THB",
  "IDR",
  "PHP",
  "KRW",
] as const;

/** A dollar sign's prefix and the dollar it names ("CA$", "AU$"); "$" alone is the US dollar unless the page names another. */
export const DOLLAR_PREFIXES: Record<string, string> = { CA: "CAD", C: "CAD", AU: "AUD", A: "AUD", NZ: "NZD", HK: "HKD", S: "SGD", US: "USD" };

/** "kr" by the country the page shows (phone, IBAN, domain, tax id). */
export const KRONE_BY_COUNTRY: Readonly<Record<string, string>> = { SE: "SEK", DK: "DKK", NO: "NOK" };
/** "kr" by the language the page is written in, where no country shows. */
export const KRONE_BY_LANGUAGE: Readonly<Record<string, string>> = { sv: "SEK", da: "DKK", nb: "NOK", nn: "NOK" };

/**
 * Signs a page prints for a currency (in lower case here; the cases a page may print them in are CURRENCY_MARK's), and the
 * currency each is: "kr" is a krone, which one the page says (`resolveMark`). "$" is a dollar: DOLLAR_PREFIXES.
 */
export const CURRENCY_SIGNS: Readonly<Record<string, string>> = { "€": "EUR", "£": "GBP", zł: "PLN", zl: "PLN", kč: "CZK", ft: "HUF", rm: "MYR", kr: "kr" };

const dollarPrefixes = Object.keys(DOLLAR_PREFIXES).sort((a, b) => b.length - a.length);

/**
 * One currency mark as printed, as a regular-expression fragment (flag "u"): an ISO code in capitals (so that "try" or "Ron" is
 * no currency), "€", "£", "kr." in any case, "zł" (and "zl", as OCR reads it), "Kč", "Ft", "RM" before an amount, or "$" with its
 * prefix ("CA$", "US$"). A mark is a word of its own: no letter touches it.
 */
export const CURRENCY_MARK = currencyMark(true);

/**
 * The marks read beside an amount: CURRENCY_MARK without a bare "$" ("CA$", "US$" stay). OCR reads the "S" of a code such as
 * the ICD-10 "S83.5" on a euro invoice as "$83.5", which beside the number read as an amount in dollars (two scans of
 * documents-more turned USD). A bare "$" is still the page's evidence (`currencyMarksIn`, weighed by `currencyEvidence`).
 */
export const AMOUNT_CURRENCY_MARK = currencyMark(false);

function currencyMark(bareDollar: boolean): string {
  const dollar = `(?<![\\p{L}])(?:${dollarPrefixes.join("|")})${bareDollar ? "?" : ""}\\$`;
  return `(?:${dollar}|€|£` + `|(?<![\\p{L}])(?:${ISO_CURRENCIES.join("|")}|[Kk][Rr]\\.?|[Zz][łŁ]|zl|ZL|Kč|Ft|RM(?=\\s?\\d))(?![\\p{L}]))`;
}

/**
 * A currency's name written out, in any letter case: evidence on the page as a mark is ("Slownie: sto złotych", "Importe en
 * euros"); "kroner" is a krone, which one the page says. Not read beside an amount (a mark is), only as the page's evidence.
 */
export const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  euro: "EUR",
  euros: "EUR",
  złoty: "PLN",
  złote: "PLN",
  złotych: "PLN",
  zloty: "PLN",
  zlote: "PLN",
  zlotych: "PLN",
  kronor: "SEK",
  kroner: "kr",
  sterling: "GBP",
};

/** A word in any letter case ("euro": "Euro", "EURO"), as a regex fragment. */
const anyCase = (word: string) => [...word].map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join("");
/** Every mark and currency name in a text, as printed. */
const MARKS_IN_TEXT = new RegExp(`${CURRENCY_MARK}|(?<![\\p{L}])(?:${Object.keys(CURRENCY_NAMES).map(anyCase).join("|")})(?![\\p{L}])`, "gu");

/**
 * The currency a printed mark names: an ISO code ("€" EUR, "zł" PLN, "CA$" CAD, "US$" USD), "kr" for a krone and "$" for a
 * dollar without a prefix (which krone and which dollar, the page says: `resolveMark`); null for anything else. This is the one
 * reading of a currency mark: every reader (amounts, table cells, the document's currency, a proof of payment, a receipt) asks it.
 */
export function currencyOfMark(mark: string | null | undefined): string | null {
  if (!mark) return null;
  const s = mark.trim().replace(/\.$/, "");
  const dollar = /^([A-Z]{0,2})\$$/.exec(s);
  if (dollar) return dollar[1] ? (DOLLAR_PREFIXES[dollar[1]] ?? null) : "$";
  if ((ISO_CURRENCIES as readonly string[]).includes(s)) return s;
  return CURRENCY_SIGNS[s.toLowerCase()] ?? null;
}

/**
 * The currency marks and names a text prints, each as `currencyOfMark` reads it ("kr" and "$" not yet resolved), once per
 * occurrence.
 */
export function currencyMarksIn(text: string): string[] {
  return [...text.matchAll(MARKS_IN_TEXT)].map((m) => CURRENCY_NAMES[m[0].toLowerCase()] ?? currencyOfMark(m[0])).filter((c): c is string => c !== null);
}

/** The dollar a page names besides the US dollar ("CA$", "AUD" …: its "$" is that one), else "USD". */
export function pageDollar(text: string): string {
  const named = new Set(currencyMarksIn(text));
  return [...new Set(Object.values(DOLLAR_PREFIXES))].find((c) => c !== "USD" && named.has(c)) ?? "USD";
}

/** What the page shows besides the marks: the dollar it names (`pageDollar`), its country and its language. */
export interface CurrencyEvidence {
  dollar: string;
  country: string | null;
  language: string | null;
}

/**
 * A mark's currency on a page: "$" is the page's dollar; "kr" is the krone of the page's country (SEK, DKK, NOK) or, failing that,
 * of its language (all three write "kr"), else null — unknown, never a guess; an ISO code is itself.
 */
export function resolveMark(mark: string, page: CurrencyEvidence): string | null {
  if (mark === "$") return page.dollar;
  if (mark === "kr") return (page.country && KRONE_BY_COUNTRY[page.country]) || (page.language && KRONE_BY_LANGUAGE[page.language]) || null;
  return mark;
}
