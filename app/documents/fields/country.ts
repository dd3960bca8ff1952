/**
 * The country a document comes from, by evidence on the page: phone prefixes, web domains, IBANs, tax ids; the language
 * only for a language spoken in one country.
 */

import { LEXICONS, wordRe, type Lexicon } from "../lexicon";

const LANG_COUNTRY: Record<string, string> = { es: "ES", sv: "SE", da: "DK", de: "DE", fr: "FR", it: "IT", pl: "PL", en: "GB", nb: "NO", nn: "NO" };

/** Each language's marks of its country, as [words, country]. */
const marksOf = (pick: (l: Lexicon) => readonly string[]): Array<[RegExp, string]> =>
  LEXICONS.filter((l) => pick(l).length > 0 && LANG_COUNTRY[l.code]).map((l) => [wordRe([...pick(l)]), LANG_COUNTRY[l.code]!]);
const COUNTRY_MARKS = marksOf((l) => l.fields.countryMarks);
const AUTHORITY_COUNTRY_MARKS = marksOf((l) => l.fields.authorityCountryMarks);

export function detectCountry(text: string, folded: string, language: string | null, docType: string): string | null {
  const score = new Map<string, number>();
  const add = (c: string, n: number) => score.set(c, (score.get(c) ?? 0) + n);
  const phone: Array<[string, string]> = [
    ["34", "ES"],
    ["45", "DK"],
    ["46", "SE"],
    ["47", "NO"],
    ["48", "PL"],
    ["49", "DE"],
    ["33", "FR"],
    ["39", "IT"],
    ["44", "GB"],
    ["353", "IE"],
    ["351", "PT"],
    ["30", "GR"],
    ["31", "NL"],
    ["32", "BE"],
    ["43", "AT"],
    ["358", "FI"],
  ];
  for (const m of text.matchAll(/(?:\+|00)(\d{2,3})[\s-]?\d/g)) {
    const p = phone.find(([code]) => m[1]!.startsWith(code) && (code.length === 3 || !phone.some(([c2]) => c2.length === 3 && m[1]!.startsWith(c2))));
    if (p) add(p[1], 3);
  }
  for (const m of text.matchAll(/\b(?:www\.|@)[\w.-]+\.(es|dk|se|no|pl|de|fr|it|ie|co\.uk|uk|at|nl|be|pt|fi)\b/gi)) {
    const tld = m[1]!.toLowerCase();
    add(tld === "co.uk" || tld === "uk" ? "GB" : tld.toUpperCase(), 3);
  }
  for (const m of text.matchAll(/\bIBAN[:\s]*([A-Z]{2})\d{2}/g)) add(m[1]!, 3);
  for (const m of text.matchAll(/\b(ES|DK|SE|NO|PL|DE|FR|IT|IE|GB|AT|NL|BE|PT|FI)\d{2}(?:\s?[\dA-Z]{4}){3,}/g)) add(m[1]!, 2);
  // tax ids, registers and authorities of a language's country (./lexicon: fields.countryMarks, fields.authorityCountryMarks)
  for (const [re, c] of COUNTRY_MARKS) if (re.test(folded)) add(c, 2);
  if (docType === "authorisation") for (const [re, c] of AUTHORITY_COUNTRY_MARKS) if (re.test(folded)) add(c, 3);
  if (language && LANG_COUNTRY[language] && language !== "nb" && language !== "en") add(LANG_COUNTRY[language]!, 1);
  const best = [...score].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  // without evidence, only a language spoken in one of these countries alone names it (English is not GB, and a Norwegian
  // clinic may be in Spain)
  return language && language !== "en" && language !== "nb" && language !== "nn" ? (LANG_COUNTRY[language] ?? null) : null;
}
