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
