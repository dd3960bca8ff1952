/**
 * Norges Bank exchange rates (NOK per unit of a foreign currency), as data, and a lookup that
 * falls back to the last day with a published rate when the requested day has none
 * (weekends, Norwegian public holidays, Christmas Eve). rules-research.md §7.
 *
 * Rates are exact rationals (bigint numerator / denominator) parsed from the decimal strings
 * Norges Bank publishes; no floating point touches money. Pure: no clock, no I/O.
 *
 * Import format (documented in docs/rules/physio-abroad.md): the CSV from
 *   https://data.norges-bank.no/api/data/EXR/B.EUR+SEK+DKK+PLN+GBP.NOK.SP?format=csv&startPeriod=YYYY-MM-DD&endPeriod=YYYY-MM-DD&locale=en
 * (header FREQ,BASE_CUR,QUOTE_CUR,TENOR,DECIMALS,CALCULATED,UNIT_MULT,COLLECTION,TIME_PERIOD,OBS_VALUE)
 * or the labelled semicolon variant (format=csv-no-utf8 / locale=no, decimal comma).
 * OBS_VALUE is NOK per 10^UNIT_MULT units of BASE_CUR. Parse with `parseNorgesBankCsv` and
 * build a table with `buildRateTable`; pass the table to `rateFor` (and to estimateRefund).
 */
import { addDays, daysBetween, isIsoDate, parseIsoDate, toIsoDate } from "../../kernel/dates";
import type { Confidence, IsoDate } from "../../kernel/types";
import { defineParameter } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-11-23";

/** An exact non-negative rational number. */
export interface Rational {
  num: bigint;
  den: bigint;
}

/** Parses "11.642", "95,73" or "1043" to an exact rational; null for anything else. */
export function parseDecimal(s: string): Rational | null {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(s.trim());
  if (!m) return null;
  const frac = m[2] ?? "";
  return { num: BigInt(`${m[1]}${frac}`), den: 10n ** BigInt(frac.length) };
}

/** A decimal string with up to `maxDecimals` places (trailing zeros trimmed, at least `minDecimals`). */
export function formatRational(r: Rational, maxDecimals = 6, minDecimals = 0): string {
  const scale = 10n ** BigInt(maxDecimals);
  const scaled = (r.num * scale * 2n + r.den) / (r.den * 2n); // half-up, display only
  const int = scaled / scale;
  let frac = (scaled % scale).toString().padStart(maxDecimals, "0");
  while (frac.length > minDecimals && frac.endsWith("0")) frac = frac.slice(0, -1);
  return frac.length > 0 ? `${int}.${frac}` : `${int}`;
}

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
});

export interface RateObservation {
  currency: string;
  date: IsoDate;
  /** OBS_VALUE exactly as published, e.g. "11.642" (NOK per 10^unitMultiplier units). */
  value: string;
  unitMultiplier: number;
  /** Which source the observation came from (key into `RateTable.sources`). */
  sourceId: string;
}

export interface RateSource {
  reference: string;
  confidence: Confidence;
  note?: string;
}

export interface RateTable {
  /** currency → date → observation */
  observations: ReadonlyMap<string, ReadonlyMap<IsoDate, RateObservation>>;
  sources: Readonly<Record<string, RateSource>>;
}

export class RateImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RateImportError";
  }
}

function splitCsvLine(line: string, sep: string): string[] {
  // Norges Bank CSV has no quoted separators in the columns we read, but labels may be quoted.
  return line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
}

/**
 * Parses Norges Bank's EXR CSV (`format=csv`, comma/decimal point, or `csv-no-utf8`/`locale=no`,
 * semicolon/decimal comma, with label columns). Columns are found by header name, so both
 * variants work. Rows for other quote currencies than NOK, or without a value, are skipped.
 */
export function parseNorgesBankCsv(text: string, sourceId: string): RateObservation[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0];
  if (header === undefined) return [];
  const sep = header.includes(";") ? ";" : ",";
  const cols = splitCsvLine(header, sep);
  const idx = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new RateImportError(`Norges Bank CSV: column ${name} is missing`);
    return i;
  };
  const iBase = idx("BASE_CUR");
  const iQuote = idx("QUOTE_CUR");
  const iMult = idx("UNIT_MULT");
  const iDate = idx("TIME_PERIOD");
  const iValue = idx("OBS_VALUE");
  const out: RateObservation[] = [];
  for (const [n, line] of lines.slice(1).entries()) {
    const c = splitCsvLine(line, sep);
    const currency = c[iBase] ?? "";
    if ((c[iQuote] ?? "") !== "NOK") continue;
    const value = (c[iValue] ?? "").replace(",", ".");
    if (value === "" || value === "NaN") continue;
    const date = c[iDate] ?? "";
    const mult = Number(c[iMult]);
    if (!/^[A-Z]{3}$/.test(currency)) throw new RateImportError(`line ${n + 2}: bad currency ${currency}`);
    if (!isIsoDate(date)) throw new RateImportError(`line ${n + 2}: bad date ${date}`);
    if (!Number.isInteger(mult) || mult < 0 || mult > 6) throw new RateImportError(`line ${n + 2}: bad UNIT_MULT`);
    if (parseDecimal(value) === null) throw new RateImportError(`line ${n + 2}: bad OBS_VALUE ${value}`);
    out.push({ currency, date, value, unitMultiplier: mult, sourceId });
  }
  return out;
}

/** Builds a lookup table; a later observation for the same currency and date replaces an earlier one. */
export function buildRateTable(observations: RateObservation[], sources: Record<string, RateSource>): RateTable {
  const map = new Map<string, Map<IsoDate, RateObservation>>();
  for (const o of observations) {
    if (sources[o.sourceId] === undefined) throw new RateImportError(`unknown source ${o.sourceId}`);
    let byDate = map.get(o.currency);
    if (!byDate) map.set(o.currency, (byDate = new Map()));
    byDate.set(o.date, o);
  }
  return { observations: map, sources: { ...sources } };
}

/** Merges tables; observations in later tables win. */
export function mergeRateTables(...tables: RateTable[]): RateTable {
  const obs: RateObservation[] = [];
  const sources: Record<string, RateSource> = {};
  for (const t of tables) {
    Object.assign(sources, t.sources);
    for (const byDate of t.observations.values()) obs.push(...byDate.values());
  }
  return buildRateTable(obs, sources);
}

// ---------------------------------------------------------------------------------------------
// Calendar: days on which Norges Bank publishes no rate.

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIsoDate(year, month, day);
}

export type NoRateDayReason = "weekend" | "public-holiday" | "christmas-eve";

/**
 * Why Norges Bank publishes no rate on `date`, or null on an ordinary business day.
 * Norwegian public holidays (helligdager + 1 and 17 May), weekends, and 24 December
 * ("not published on Christmas Eve", norges-bank.no FAQ).
 */
export function noRateDayReason(date: IsoDate): NoRateDayReason | null {
  const { year, month, day } = parseIsoDate(date);
  // 1970-01-01 was a Thursday; day of week from the day count.
  const dow = (((daysSinceEpoch(date) + 4) % 7) + 7) % 7; // 0 = Sunday
  if (dow === 0 || dow === 6) return "weekend";
  if (month === 12 && day === 24) return "christmas-eve";
  const fixed = ["01-01", "05-01", "05-17", "12-25", "12-26"];
  if (fixed.includes(date.slice(5))) return "public-holiday";
  const easter = easterSunday(year);
  for (const offset of [-3, -2, 1, 39, 50]) {
    if (addDays(easter, offset) === date) return "public-holiday";
  }
  return null;
}

function daysSinceEpoch(date: IsoDate): number {
  return daysBetween("1970-01-01", date);
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

/** How far back the fallback walks over days without a published rate (Easter is the longest run: 5 days). */
export const MAX_FALLBACK_DAYS = 10;

export type RateLookup =
  | {
      ok: true;
      currency: string;
      requestedDate: IsoDate;
      /** The date whose rate was used: the requested date or the last publication day before it. */
      rateDate: IsoDate;
      /** NOK per 1 unit of the currency, exact. */
      nokPerUnit: Rational;
      /** As published: "11.642" per 1, or "100.21" per 100. */
      published: { value: string; unitMultiplier: number };
      /** The days skipped and why (empty when the requested date had a rate). */
      skipped: Array<{ date: IsoDate; reason: NoRateDayReason }>;
      reference: string;
      confidence: Confidence;
    }
  | {
      ok: false;
      currency: string;
      requestedDate: IsoDate;
      /**
       * unknown-currency: no rates for it at all; no-observation: the table has no rate for the
       * date or the publication day it falls back to (load the CSV for that period).
       */
      reason: "unknown-currency" | "no-observation";
      /** The business day whose rate is missing from the table. */
      missingDate?: IsoDate;
    };

const NOK_IDENTITY_REFERENCE = "NOK needs no conversion";

/**
 * The Norges Bank rate for `currency` on `date`. When the date has no observation and is a
 * weekend, a Norwegian public holiday or Christmas Eve, walks back to the last day with a
 * published rate. A missing observation on an ordinary business day is reported as
 * `no-observation` (a gap in the loaded data), never silently bridged.
 */
export function rateFor(currency: string, date: IsoDate, table: RateTable = SAMPLE_RATES): RateLookup {
  parseIsoDate(date);
  const cur = currency.toUpperCase();
  if (cur === "NOK") {
    return {
      ok: true,
      currency: cur,
      requestedDate: date,
      rateDate: date,
      nokPerUnit: { num: 1n, den: 1n },
      published: { value: "1", unitMultiplier: 0 },
      skipped: [],
      reference: NOK_IDENTITY_REFERENCE,
      confidence: "C",
    };
  }
  const byDate = table.observations.get(cur);
  if (!byDate || byDate.size === 0) return { ok: false, currency: cur, requestedDate: date, reason: "unknown-currency" };
  const skipped: Array<{ date: IsoDate; reason: NoRateDayReason }> = [];
  let d = date;
  for (let i = 0; i <= MAX_FALLBACK_DAYS; i++) {
    const obs = byDate.get(d);
    if (obs) {
      const r = parseDecimal(obs.value)!;
      const source = table.sources[obs.sourceId]!;
      return {
        ok: true,
        currency: cur,
        requestedDate: date,
        rateDate: d,
        nokPerUnit: { num: r.num, den: r.den * 10n ** BigInt(obs.unitMultiplier) },
        published: { value: obs.value, unitMultiplier: obs.unitMultiplier },
        skipped,
        reference: source.reference,
        confidence: source.confidence,
      };
    }
    const why = noRateDayReason(d);
    if (why === null) return { ok: false, currency: cur, requestedDate: date, reason: "no-observation", missingDate: d };
    skipped.push({ date: d, reason: why });
    d = addDays(d, -1);
  }
  return { ok: false, currency: cur, requestedDate: date, reason: "no-observation" };
}

// ---------------------------------------------------------------------------------------------
// Embedded sample. Real use: load the CSV for the claim's dates (see the header comment).

export const SAMPLE_SOURCES: Record<string, RateSource> = {
  "nb-research-example": {
    reference:
      "rules-research.md §7: observed Norges Bank response 'B,EUR,NOK,SP,4,false,0,C,2026-09-30,10.9015' (data.norges-bank.no/api/data/EXR, NLOD 2.0)",
    confidence: "C",
  },
  "nb-copy-frefrik": {
    reference:
      "Norges Bank EXR daily rates (data.norges-bank.no, NLOD 2.0) as mirrored in github.com/frefrik/norway-finance-statistics data/no_exchangeRates.csv (commit 000137e5); re-keyed into Norges Bank's CSV format",
    confidence: "P",
    note: "A third-party copy of official data; verify against data.norges-bank.no before relying on it. Per-100 currencies (SEK, DKK, CZK, HUF, ISK, CHF, RON, BGN) carry UNIT_MULT 2.",
  },
};

const HEADER = "FREQ,BASE_CUR,QUOTE_CUR,TENOR,DECIMALS,CALCULATED,UNIT_MULT,COLLECTION,TIME_PERIOD,OBS_VALUE";

const SAMPLE_RESEARCH_CSV = `${HEADER}
B,EUR,NOK,SP,4,false,0,C,2026-09-30,10.9015
`;

/** 2022-12-23/27 (Christmas), 2024-03-26 … 04-02 (Easter), 2024-04-30 … 05-21 (May holidays), 2024-12-20 … 2025-01-03. */
const SAMPLE_COPY_CSV = `${HEADER}
B,EUR,NOK,SP,4,false,0,C,2022-12-23,10.4448
B,EUR,NOK,SP,4,false,0,C,2022-12-27,10.4895
B,EUR,NOK,SP,4,false,0,C,2024-03-26,11.626
B,EUR,NOK,SP,4,false,0,C,2024-03-27,11.6825
B,EUR,NOK,SP,4,false,0,C,2024-04-02,11.708
B,EUR,NOK,SP,4,false,0,C,2024-04-30,11.815
B,EUR,NOK,SP,4,false,0,C,2024-05-02,11.843
B,EUR,NOK,SP,4,false,0,C,2024-05-08,11.757
B,EUR,NOK,SP,4,false,0,C,2024-05-10,11.6735
B,EUR,NOK,SP,4,false,0,C,2024-05-16,11.642
B,EUR,NOK,SP,4,false,0,C,2024-05-21,11.583
B,EUR,NOK,SP,4,false,0,C,2024-12-20,11.8685
B,EUR,NOK,SP,4,false,0,C,2024-12-23,11.807
B,EUR,NOK,SP,4,false,0,C,2024-12-27,11.8435
B,EUR,NOK,SP,4,false,0,C,2024-12-30,11.8455
B,EUR,NOK,SP,4,false,0,C,2024-12-31,11.795
B,EUR,NOK,SP,4,false,0,C,2025-01-02,11.7173
B,EUR,NOK,SP,4,false,0,C,2025-01-03,11.713
B,SEK,NOK,SP,2,false,2,C,2022-12-23,94.06
B,SEK,NOK,SP,2,false,2,C,2022-12-27,94.26
B,SEK,NOK,SP,2,false,2,C,2024-03-26,101.51
B,SEK,NOK,SP,2,false,2,C,2024-03-27,101.53
B,SEK,NOK,SP,2,false,2,C,2024-04-02,101.3
B,SEK,NOK,SP,2,false,2,C,2024-04-30,100.53
B,SEK,NOK,SP,2,false,2,C,2024-05-02,101.38
B,SEK,NOK,SP,2,false,2,C,2024-05-08,100.2
B,SEK,NOK,SP,2,false,2,C,2024-05-10,99.89
B,SEK,NOK,SP,2,false,2,C,2024-05-16,100.21
B,SEK,NOK,SP,2,false,2,C,2024-05-21,100.02
B,SEK,NOK,SP,2,false,2,C,2024-12-20,103.42
B,SEK,NOK,SP,2,false,2,C,2024-12-23,102.81
B,SEK,NOK,SP,2,false,2,C,2024-12-27,103.17
B,SEK,NOK,SP,2,false,2,C,2024-12-30,103.13
B,SEK,NOK,SP,2,false,2,C,2024-12-31,102.93
B,SEK,NOK,SP,2,false,2,C,2025-01-02,102.58
B,SEK,NOK,SP,2,false,2,C,2025-01-03,102.39
B,DKK,NOK,SP,2,false,2,C,2022-12-23,140.46
B,DKK,NOK,SP,2,false,2,C,2022-12-27,141.05
B,DKK,NOK,SP,2,false,2,C,2024-03-26,155.87
B,DKK,NOK,SP,2,false,2,C,2024-03-27,156.64
B,DKK,NOK,SP,2,false,2,C,2024-04-02,156.98
B,DKK,NOK,SP,2,false,2,C,2024-04-30,158.41
B,DKK,NOK,SP,2,false,2,C,2024-05-02,158.78
B,DKK,NOK,SP,2,false,2,C,2024-05-08,157.6
B,DKK,NOK,SP,2,false,2,C,2024-05-10,156.47
B,DKK,NOK,SP,2,false,2,C,2024-05-16,156.03
B,DKK,NOK,SP,2,false,2,C,2024-05-21,155.23
B,DKK,NOK,SP,2,false,2,C,2024-12-20,159.07
B,DKK,NOK,SP,2,false,2,C,2024-12-23,158.29
B,DKK,NOK,SP,2,false,2,C,2024-12-27,158.76
B,DKK,NOK,SP,2,false,2,C,2024-12-30,158.79
B,DKK,NOK,SP,2,false,2,C,2024-12-31,158.16
B,DKK,NOK,SP,2,false,2,C,2025-01-02,157.1
B,DKK,NOK,SP,2,false,2,C,2025-01-03,157.01
B,PLN,NOK,SP,4,false,0,C,2022-12-23,2.2499
B,PLN,NOK,SP,4,false,0,C,2022-12-27,2.247
B,PLN,NOK,SP,4,false,0,C,2024-03-26,2.6979
B,PLN,NOK,SP,4,false,0,C,2024-03-27,2.7075
B,PLN,NOK,SP,4,false,0,C,2024-04-02,2.7267
B,PLN,NOK,SP,4,false,0,C,2024-04-30,2.7363
B,PLN,NOK,SP,4,false,0,C,2024-05-02,2.7365
B,PLN,NOK,SP,4,false,0,C,2024-05-08,2.7294
B,PLN,NOK,SP,4,false,0,C,2024-05-10,2.7168
B,PLN,NOK,SP,4,false,0,C,2024-05-16,2.7298
B,PLN,NOK,SP,4,false,0,C,2024-05-21,2.722
B,PLN,NOK,SP,4,false,0,C,2024-12-20,2.7845
B,PLN,NOK,SP,4,false,0,C,2024-12-23,2.7617
B,PLN,NOK,SP,4,false,0,C,2024-12-27,2.7702
B,PLN,NOK,SP,4,false,0,C,2024-12-30,2.777
B,PLN,NOK,SP,4,false,0,C,2024-12-31,2.7591
B,PLN,NOK,SP,4,false,0,C,2025-01-02,2.7407
B,PLN,NOK,SP,4,false,0,C,2025-01-03,2.7407
B,GBP,NOK,SP,4,false,0,C,2022-12-23,11.865
B,GBP,NOK,SP,4,false,0,C,2022-12-27,11.875
B,GBP,NOK,SP,4,false,0,C,2024-03-26,13.5429
B,GBP,NOK,SP,4,false,0,C,2024-03-27,13.621
B,GBP,NOK,SP,4,false,0,C,2024-04-02,13.692
B,GBP,NOK,SP,4,false,0,C,2024-04-30,13.8223
B,GBP,NOK,SP,4,false,0,C,2024-05-02,13.8453
B,GBP,NOK,SP,4,false,0,C,2024-05-08,13.6577
B,GBP,NOK,SP,4,false,0,C,2024-05-10,13.5652
B,GBP,NOK,SP,4,false,0,C,2024-05-16,13.5609
B,GBP,NOK,SP,4,false,0,C,2024-05-21,13.5569
B,GBP,NOK,SP,4,false,0,C,2024-12-20,14.3054
B,GBP,NOK,SP,4,false,0,C,2024-12-23,14.2262
B,GBP,NOK,SP,4,false,0,C,2024-12-27,14.2524
B,GBP,NOK,SP,4,false,0,C,2024-12-30,14.2803
B,GBP,NOK,SP,4,false,0,C,2024-12-31,14.2249
B,GBP,NOK,SP,4,false,0,C,2025-01-02,14.0972
B,GBP,NOK,SP,4,false,0,C,2025-01-03,14.1132
B,CZK,NOK,SP,3,false,2,C,2022-12-23,43.077
B,CZK,NOK,SP,3,false,2,C,2022-12-27,43.238
B,CZK,NOK,SP,3,false,2,C,2024-03-26,45.994
B,CZK,NOK,SP,3,false,2,C,2024-03-27,46.141
B,CZK,NOK,SP,3,false,2,C,2024-04-02,46.165
B,CZK,NOK,SP,3,false,2,C,2024-04-30,46.997
B,CZK,NOK,SP,3,false,2,C,2024-05-02,47.202
B,CZK,NOK,SP,3,false,2,C,2024-05-08,46.96
B,CZK,NOK,SP,3,false,2,C,2024-05-10,46.814
B,CZK,NOK,SP,3,false,2,C,2024-05-16,47.116
B,CZK,NOK,SP,3,false,2,C,2024-05-21,46.929
B,CZK,NOK,SP,3,false,2,C,2024-12-20,47.245
B,CZK,NOK,SP,3,false,2,C,2024-12-23,46.918
B,CZK,NOK,SP,3,false,2,C,2024-12-27,46.996
B,CZK,NOK,SP,3,false,2,C,2024-12-30,46.958
B,CZK,NOK,SP,3,false,2,C,2024-12-31,46.833
B,CZK,NOK,SP,3,false,2,C,2025-01-02,46.54
B,CZK,NOK,SP,3,false,2,C,2025-01-03,46.543
B,HUF,NOK,SP,4,false,2,C,2022-12-23,2.6068
B,HUF,NOK,SP,4,false,2,C,2022-12-27,2.6116
B,HUF,NOK,SP,4,false,2,C,2024-03-26,2.9399
B,HUF,NOK,SP,4,false,2,C,2024-03-27,2.9546
B,HUF,NOK,SP,4,false,2,C,2024-04-02,2.9593
B,HUF,NOK,SP,4,false,2,C,2024-04-30,3.0242
B,HUF,NOK,SP,4,false,2,C,2024-05-02,3.0446
B,HUF,NOK,SP,4,false,2,C,2024-05-08,3.0233
B,HUF,NOK,SP,4,false,2,C,2024-05-10,3.0108
B,HUF,NOK,SP,4,false,2,C,2024-05-16,3.0147
B,HUF,NOK,SP,4,false,2,C,2024-05-21,3.0052
B,HUF,NOK,SP,4,false,2,C,2024-12-20,2.8655
B,HUF,NOK,SP,4,false,2,C,2024-12-23,2.8471
B,HUF,NOK,SP,4,false,2,C,2024-12-27,2.8785
B,HUF,NOK,SP,4,false,2,C,2024-12-30,2.8784
B,HUF,NOK,SP,4,false,2,C,2024-12-31,2.8674
B,HUF,NOK,SP,4,false,2,C,2025-01-02,2.8378
B,HUF,NOK,SP,4,false,2,C,2025-01-03,2.8229
B,ISK,NOK,SP,2,false,2,C,2022-12-23,6.86
B,ISK,NOK,SP,2,false,2,C,2022-12-27,6.89
B,ISK,NOK,SP,2,false,2,C,2024-03-26,7.79
B,ISK,NOK,SP,2,false,2,C,2024-03-27,7.79
B,ISK,NOK,SP,2,false,2,C,2024-04-02,7.8
B,ISK,NOK,SP,2,false,2,C,2024-04-30,7.86
B,ISK,NOK,SP,2,false,2,C,2024-05-02,7.89
B,ISK,NOK,SP,2,false,2,C,2024-05-08,7.83
B,ISK,NOK,SP,2,false,2,C,2024-05-10,7.77
B,ISK,NOK,SP,2,false,2,C,2024-05-16,7.75
B,ISK,NOK,SP,2,false,2,C,2024-05-21,7.72
B,ISK,NOK,SP,2,false,2,C,2024-12-20,8.2
B,ISK,NOK,SP,2,false,2,C,2024-12-23,8.14
B,ISK,NOK,SP,2,false,2,C,2024-12-27,8.16
B,ISK,NOK,SP,2,false,2,C,2024-12-30,8.23
B,ISK,NOK,SP,2,false,2,C,2024-12-31,8.2
B,ISK,NOK,SP,2,false,2,C,2025-01-02,8.14
B,ISK,NOK,SP,2,false,2,C,2025-01-03,8.13
B,CHF,NOK,SP,2,false,2,C,2022-12-23,1058.56
B,CHF,NOK,SP,2,false,2,C,2022-12-27,1061.15
B,CHF,NOK,SP,2,false,2,C,2024-03-26,1185.12
B,CHF,NOK,SP,2,false,2,C,2024-03-27,1190.76
B,CHF,NOK,SP,2,false,2,C,2024-04-02,1198.98
B,CHF,NOK,SP,2,false,2,C,2024-04-30,1207.21
B,CHF,NOK,SP,2,false,2,C,2024-05-02,1213.55
B,CHF,NOK,SP,2,false,2,C,2024-05-08,1203.38
B,CHF,NOK,SP,2,false,2,C,2024-05-10,1193.73
B,CHF,NOK,SP,2,false,2,C,2024-05-16,1185.3
B,CHF,NOK,SP,2,false,2,C,2024-05-21,1171.89
B,CHF,NOK,SP,2,false,2,C,2024-12-20,1276.59
B,CHF,NOK,SP,2,false,2,C,2024-12-23,1264.67
B,CHF,NOK,SP,2,false,2,C,2024-12-27,1260.48
B,CHF,NOK,SP,2,false,2,C,2024-12-30,1255.48
B,CHF,NOK,SP,2,false,2,C,2024-12-31,1253.19
B,CHF,NOK,SP,2,false,2,C,2025-01-02,1250.38
B,CHF,NOK,SP,2,false,2,C,2025-01-03,1251.12
B,RON,NOK,SP,2,false,2,C,2022-12-23,212.92
B,RON,NOK,SP,2,false,2,C,2022-12-27,212.9
B,RON,NOK,SP,2,false,2,C,2024-03-26,233.91
B,RON,NOK,SP,2,false,2,C,2024-03-27,234.96
B,RON,NOK,SP,2,false,2,C,2024-04-02,235.58
B,RON,NOK,SP,2,false,2,C,2024-04-30,237.44
B,RON,NOK,SP,2,false,2,C,2024-05-02,237.99
B,RON,NOK,SP,2,false,2,C,2024-05-08,236.29
B,RON,NOK,SP,2,false,2,C,2024-05-10,234.61
B,RON,NOK,SP,2,false,2,C,2024-05-16,233.99
B,RON,NOK,SP,2,false,2,C,2024-05-21,232.86
B,RON,NOK,SP,2,false,2,C,2024-12-20,238.51
B,RON,NOK,SP,2,false,2,C,2024-12-23,237.26
B,RON,NOK,SP,2,false,2,C,2024-12-27,237.97
B,RON,NOK,SP,2,false,2,C,2024-12-30,238.03
B,RON,NOK,SP,2,false,2,C,2024-12-31,237.12
B,RON,NOK,SP,2,false,2,C,2025-01-02,235.56
B,RON,NOK,SP,2,false,2,C,2025-01-03,235.43
B,BGN,NOK,SP,2,false,2,C,2022-12-23,534.04
B,BGN,NOK,SP,2,false,2,C,2022-12-27,536.33
B,BGN,NOK,SP,2,false,2,C,2024-03-26,594.44
B,BGN,NOK,SP,2,false,2,C,2024-03-27,597.33
B,BGN,NOK,SP,2,false,2,C,2024-04-02,598.63
B,BGN,NOK,SP,2,false,2,C,2024-04-30,604.1
B,BGN,NOK,SP,2,false,2,C,2024-05-02,605.53
B,BGN,NOK,SP,2,false,2,C,2024-05-08,601.14
B,BGN,NOK,SP,2,false,2,C,2024-05-10,596.87
B,BGN,NOK,SP,2,false,2,C,2024-05-16,595.26
B,BGN,NOK,SP,2,false,2,C,2024-05-21,592.24
B,BGN,NOK,SP,2,false,2,C,2024-12-20,606.84
B,BGN,NOK,SP,2,false,2,C,2024-12-23,603.69
B,BGN,NOK,SP,2,false,2,C,2024-12-27,605.56
B,BGN,NOK,SP,2,false,2,C,2024-12-30,605.66
B,BGN,NOK,SP,2,false,2,C,2024-12-31,603.08
B,BGN,NOK,SP,2,false,2,C,2025-01-02,599.11
B,BGN,NOK,SP,2,false,2,C,2025-01-03,598.89
`;

/** The embedded sample table (a few dates around holidays). Not a substitute for loading real data. */
export const SAMPLE_RATES: RateTable = buildRateTable(
  [
    ...parseNorgesBankCsv(SAMPLE_COPY_CSV, "nb-copy-frefrik"),
    ...parseNorgesBankCsv(SAMPLE_RESEARCH_CSV, "nb-research-example"),
  ],
  SAMPLE_SOURCES,
);
