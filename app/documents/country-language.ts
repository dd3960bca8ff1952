/**
 * The language a clinic in a country most likely writes in, as a hint for reading its scanned pages (`ExtractOptions.languageHint`):
 * the page is then read at once in that language instead of first reading its top to find the language. Only a hint: the
 * language is still checked on the page's words, and a page in another language (a Norwegian clinic in Spain) is read again.
 * Countries whose language the pipeline has no model for (Dutch, Portuguese, Finnish, …) give no hint.
 */
const LANGUAGE_OF: Record<string, string> = {
  ES: "es",
  SE: "sv",
  DK: "da",
  DE: "de",
  AT: "de",
  LI: "de",
  PL: "pl",
  GB: "en",
  IE: "en",
  MT: "en",
  FR: "fr",
  LU: "fr",
  IT: "it",
  SM: "it",
  NO: "nb",
};

/** The lexicon code for an ISO 3166 alpha-2 country code, or undefined. */
export function languageOfCountry(country: string | null | undefined): string | undefined {
  return country ? LANGUAGE_OF[country.toUpperCase()] : undefined;
}
