/**
 * Norges Bank exchange rates (NOK per unit of a foreign currency): the settings of the rate rule,
 * the sources and the shape of the loaded data (docs/decisions/0016-exchange-rates.md). The data:
 * app/rules/data/norges-bank-exr-daily-2017.csv (every publication day 2017-01-02 … 2025-01-03).
 * The rule itself (which day's rate, parsing Norges Bank's files, the tables): app/domain/exchange-rates.ts.
 */
import type { Confidence, IsoDate } from "../../kernel/types";
import { defineParameter } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-11-23";

/** ISO 4217 minor-unit exponent for the currencies we expect on invoices from the EEA (and GBP). */
export const CURRENCY_EXPONENT: Readonly<Record<string, number>> = Object.freeze({
  NOK: 2,
  EUR: 2,
  SEK: 2,
  DKK: 2,
  PLN: 2,
  GBP: 2,
  CZK: 2,
  HUF: 2,
  ISK: 0,
  CHF: 2,
  RON: 2,
  BGN: 2,
  USD: 2,
  // the Croatian kuna (ISO 4217: 2 decimals), in use until Croatia adopted the euro on 1 January 2023: Norges Bank's rates
  // for it are loaded, so a kuna invoice from 2017–2022 is converted like any other (it was "currency unknown" before)
  HRK: 2,
});
export interface RateSource {
  reference: string;
  confidence: Confidence;
  note?: string;
}
// ---------------------------------------------------------------------------------------------
// Lookup.

/** Which date's rate the conversion uses (Helfo's practice is not found: a setting). */
export type RateDateRule = "payment-date" | "treatment-date" | "invoice-date";

export const rateDateRule = defineParameter<RateDateRule>({
  id: "physio-abroad.rate-date-rule",
  description:
    "The date whose Norges Bank rate converts an invoice amount in foreign currency to NOK: the payment date by default, following the issue text; Helfo's own practice was not found.",
  unit: "enum payment-date | treatment-date | invoice-date",
  legalBasis: "folketrygdloven § 5-24 a; forskrift 22.11.2010 nr. 1466 (conversion date not stated in the stored sources)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: "payment-date",
      reference: "rules-research.md §4 ('Exchange rate (which date, Norges Bank): not found') and §7 portal advice; issue 5 text",
      confidence: "U",
      note: "Not found which day's rate Helfo uses. Payment date chosen because the person's cost arises then and the deadline also counts from it. Change the setting when Helfo's practice is known.",
    },
  },
});

/**
 * The bound of the rate rule: the rate used is at most this many days older than the date it
 * converts for. The longest run without publication in Norges Bank's data 2017–2025 is Easter
 * (Thursday to Monday: Easter Monday uses the Wednesday rate, 5 days back), so 7 covers every
 * holiday and never reaches into a previous week's business days.
 */
export const MAX_FALLBACK_DAYS = 7;

/** Norges Bank's public page for its exchange rates (shown to residents as the source). */
export const NORGES_BANK_RATES_URL = "https://www.norges-bank.no/tema/Statistikk/Valutakurser/";

// ---------------------------------------------------------------------------------------------
// The loaded data: Norges Bank's daily rates 2017-01-02 … 2025-01-03 (app/rules/data).

export const NORGES_BANK_DAILY_SOURCE_ID = "norges-bank-exr-daily-2017";

export const NORGES_BANK_SOURCES: Record<string, RateSource> = {
  [NORGES_BANK_DAILY_SOURCE_ID]: {
    reference:
      "Norges Bank, valutakurser (EXR, daily, NLOD 2.0, data.norges-bank.no), via the mirror github.com/frefrik/norway-finance-statistics data/no_exchangeRates.csv (commit 000137e5), rounded to Norges Bank's published decimals: app/rules/data/norges-bank-exr-daily-2017.csv",
    confidence: "P",
    note: "A third-party copy of official data (see app/rules/data/norges-bank-exr-daily-2017.README.md); per-100 currencies carry UNIT_MULT 2.",
  },
};

/** Norges Bank's unit per currency in the daily file: 10^n units (2 = per 100). */
export const NORGES_BANK_UNIT_MULT: Readonly<Record<string, number>> = Object.freeze({
  BGN: 2,
  CHF: 2,
  CZK: 2,
  DKK: 2,
  EUR: 0,
  GBP: 0,
  HRK: 2,
  HUF: 2,
  ISK: 2,
  PLN: 0,
  RON: 2,
  SEK: 2,
  USD: 0,
});

export const DAILY_FILE_HEADER = "date,BGN,CHF,CZK,DKK,EUR,GBP,HRK,HUF,ISK,PLN,RON,SEK,USD";
