/**
 * IBAN length per country, for the countries whose residents most often have a Norwegian
 * egenandel refund to receive (EEA, Switzerland and the United Kingdom). A country not listed is
 * checked by the ISO 13616 format and check digits alone.
 * Source: SWIFT, "IBAN Registry" (release 99, 2024), https://www.swift.com/standards/data-standards/iban-international-bank-account-number
 */
export const IBAN_SOURCE = "https://www.swift.com/standards/data-standards/iban-international-bank-account-number";

export const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
};
