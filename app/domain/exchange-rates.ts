/**
 * Norges Bank exchange rates (NOK per unit of a foreign currency): the rate rule,
 * the last rate Norges Bank published on or before the date, at most MAX_FALLBACK_DAYS days
 * earlier; no rate within that bound, or a date after the loaded data, leaves the rate open
 * (docs/decisions/0016-exchange-rates.md). The loaded data: app/rules/data/norges-bank-exr-daily-2017.csv
 * (every publication day 2017-01-02 … 2025-01-03), parsed once on first use.
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
import { addDays, daysBetween, isIsoDate, parseIsoDate, toIsoDate } from "~/kernel/dates";
import type { Confidence, IsoDate } from "~/kernel/types";
import { NORGES_BANK_EXR_DAILY_2017_CSV } from "~/rules/data/norges-bank-exr-daily-2017";
import { DAILY_FILE_HEADER, MAX_FALLBACK_DAYS, NORGES_BANK_DAILY_SOURCE_ID, NORGES_BANK_SOURCES, NORGES_BANK_UNIT_MULT, type RateSource } from "~/rules/parameters/exchange-rates";

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
export interface RateObservation {
  currency: string;
  date: IsoDate;
  /** OBS_VALUE exactly as published, e.g. "11.642" (NOK per 10^unitMultiplier units). */
  value: string;
  unitMultiplier: number;
  /** Which source the observation came from (key into `RateTable.sources`). */
  sourceId: string;
}
export interface RateTable {
  /** currency → date → observation */
  observations: ReadonlyMap<string, ReadonlyMap<IsoDate, RateObservation>>;
  sources: Readonly<Record<string, RateSource>>;
  /**
   * The last date the table is complete for: on or before it, a day without an observation is a
   * day Norges Bank published none; after it, the table cannot tell (the rate is not loaded yet).
   */
  publishedThrough: IsoDate | null;
}

export class RateImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RateImportError";
  }
}

/** Splits one CSV line; a field may be quoted ("…", with "" for a quote inside). */
function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === "") {
      quoted = true;
      cur = "";
    } else if (ch === sep) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** What a Norges Bank CSV answer held: the rates, and the cells it listed without a value. */
export interface NorgesBankCsvRead {
  observations: RateObservation[];
  /** Rows with an empty or NaN OBS_VALUE (no rate that day for that currency): skipped, counted. */
  missing: Array<{ currency: string; date: IsoDate }>;
  /** en: decimal point (thousands may be grouped with commas); no: decimal comma; plain: the unlabelled flat file. */
  locale: "en" | "no" | "plain";
}

/**
 * OBS_VALUE as a plain decimal with a point, or null. `en` takes "1,145.56" (grouped thousands) and
 * "11.7155"; `no` takes "1 145,56", "1.145,56" and "11,7155"; `plain` only "11.7155".
 */
function normaliseObsValue(raw: string, locale: NorgesBankCsvRead["locale"]): string | null {
  const v = raw.replace(/[\u00a0\u202f]/g, " ").trim();
  if (locale === "en") {
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(v)) return v.replace(/,/g, "");
    return /^\d+(\.\d+)?$/.test(v) ? v : null;
  }
  if (locale === "no") {
    if (/^\d{1,3}([ .]\d{3})+(,\d+)?$/.test(v)) return v.replace(/[ .]/g, "").replace(",", ".");
    return /^\d+(,\d+)?$/.test(v) ? v.replace(",", ".") : null;
  }
  return /^\d+(\.\d+)?$/.test(v) ? v : null;
}

/**
 * Reads Norges Bank's EXR CSV (data.norges-bank.no/api/data/EXR/…?format=csv), strictly. The
 * answer's quirks, each handled:
 * - semicolon-separated, each code column followed by its label column (FREQ;Frequency;BASE_CUR;Base
 *   Currency;…;TIME_PERIOD;OBS_VALUE), the labels in English (locale=en, decimal point) or Norwegian
 *   (locale=no, decimal comma); the older flat variant is comma-separated without labels. Columns
 *   are found by name, never by position;
 * - an optional UTF-8 byte-order mark (bom=include) and CRLF line ends;
 * - rows grouped by series (currency), not by date;
 * - OBS_VALUE is NOK per 10^UNIT_MULT units (UNIT_MULT 2, label "Hundreds": per 100 SEK, DKK, …),
 *   with at most DECIMALS decimals (a check on the decimal separator);
 * - days without publication (weekends, holidays, 24 December) have no row; a listed day with
 *   an empty or NaN value is "no rate", reported in `missing`, never 0.
 * Only daily (FREQ B), spot (TENOR SP) rates against NOK are accepted; any other row, a bad date,
 * a zero rate or two different values for one currency and day throws RateImportError naming the line.
 */
export function readNorgesBankCsv(text: string, sourceId: string): NorgesBankCsvRead {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = lines[0];
  if (header === undefined) return { observations: [], missing: [], locale: "plain" };
  const sep = header.includes(";") ? ";" : ",";
  const cols = splitCsvLine(header, sep);
  const idx = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new RateImportError(`Norges Bank CSV: column ${name} is missing`);
    return i;
  };
  const iFreq = cols.indexOf("FREQ");
  const iTenor = cols.indexOf("TENOR");
  const iDecimals = cols.indexOf("DECIMALS");
  const iBase = idx("BASE_CUR");
  const iQuote = idx("QUOTE_CUR");
  const iMult = idx("UNIT_MULT");
  const iDate = idx("TIME_PERIOD");
  const iValue = idx("OBS_VALUE");
  const baseLabel = cols[iBase + 1];
  const locale: NorgesBankCsvRead["locale"] = baseLabel === undefined || /^[A-Z_]+$/.test(baseLabel) ? "plain" : /^base currency$/i.test(baseLabel) ? "en" : "no";
  const observations: RateObservation[] = [];
  const missing: NorgesBankCsvRead["missing"] = [];
  const seen = new Map<string, string>();
  for (const [n, line] of lines.slice(1).entries()) {
    const at = `line ${n + 2}`;
    const c = splitCsvLine(line, sep);
    if (c.length !== cols.length) throw new RateImportError(`${at}: expected ${cols.length} fields, got ${c.length}`);
    if (iFreq >= 0 && c[iFreq] !== "B") throw new RateImportError(`${at}: frequency ${c[iFreq]} is not daily (B)`);
    if (iTenor >= 0 && c[iTenor] !== "SP") throw new RateImportError(`${at}: tenor ${c[iTenor]} is not spot (SP)`);
    if (c[iQuote] !== "NOK") throw new RateImportError(`${at}: quote currency ${c[iQuote]} is not NOK`);
    const currency = c[iBase]!;
    const date = c[iDate]!;
    if (!/^[A-Z]{3}$/.test(currency)) throw new RateImportError(`${at}: bad currency ${currency}`);
    if (!isIsoDate(date)) throw new RateImportError(`${at}: bad date ${date}`);
    const raw = c[iValue]!;
    if (raw === "" || /^nan$/i.test(raw)) {
      missing.push({ currency, date });
      continue;
    }
    const mult = Number(c[iMult]);
    if (c[iMult] === "" || !Number.isInteger(mult) || mult < 0 || mult > 6) throw new RateImportError(`${at}: bad UNIT_MULT ${c[iMult]}`);
    const value = normaliseObsValue(raw, locale);
    const r = value === null ? null : parseDecimal(value);
    if (value === null || r === null || r.num === 0n) throw new RateImportError(`${at}: bad OBS_VALUE ${raw}`);
    if (iDecimals >= 0 && c[iDecimals] !== "") {
      const decimals = Number(c[iDecimals]);
      const places = value.split(".")[1]?.length ?? 0;
      if (Number.isInteger(decimals) && places > decimals)
        throw new RateImportError(`${at}: OBS_VALUE ${raw} has more than DECIMALS ${decimals} decimals (wrong decimal separator?)`);
    }
    const key = `${currency} ${date}`;
    const before = seen.get(key);
    if (before !== undefined) {
      if (before !== `${value}e${mult}`) throw new RateImportError(`${at}: ${currency} ${date} appears twice with different values`);
      continue;
    }
    seen.set(key, `${value}e${mult}`);
    observations.push({ currency, date, value, unitMultiplier: mult, sourceId });
  }
  return { observations, missing, locale };
}

/** The rates of a Norges Bank EXR CSV (see readNorgesBankCsv). */
export function parseNorgesBankCsv(text: string, sourceId: string): RateObservation[] {
  return readNorgesBankCsv(text, sourceId).observations;
}

/**
 * Builds a lookup table; a later observation for the same currency and date replaces an earlier one.
 * `publishedThrough` defaults to the last observed date.
 */
export function buildRateTable(observations: RateObservation[], sources: Record<string, RateSource>, publishedThrough?: IsoDate | null): RateTable {
  const map = new Map<string, Map<IsoDate, RateObservation>>();
  let last: IsoDate | null = null;
  for (const o of observations) {
    if (last === null || o.date > last) last = o.date;
    if (sources[o.sourceId] === undefined) throw new RateImportError(`unknown source ${o.sourceId}`);
    let byDate = map.get(o.currency);
    if (!byDate) map.set(o.currency, (byDate = new Map()));
    byDate.set(o.date, o);
  }
  return { observations: map, sources: { ...sources }, publishedThrough: publishedThrough === undefined ? last : publishedThrough };
}

/** Merges tables; observations in later tables win. */
export function mergeRateTables(...tables: RateTable[]): RateTable {
  const obs: RateObservation[] = [];
  const sources: Record<string, RateSource> = {};
  let through: IsoDate | null = null;
  for (const t of tables) {
    if (t.publishedThrough !== null && (through === null || t.publishedThrough > through)) through = t.publishedThrough;
    Object.assign(sources, t.sources);
    for (const byDate of t.observations.values()) obs.push(...byDate.values());
  }
  return buildRateTable(obs, sources, through);
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

/** not-published: absent from the source on a day the calendar does not explain. */
export type NoRateDayReason = "weekend" | "public-holiday" | "christmas-eve" | "not-published";

/**
 * Why Norges Bank publishes no rate on `date`, or null on an ordinary business day.
 * Norwegian public holidays (helligdager + 1 and 17 May), weekends, and 24 December
 * ("not published on Christmas Eve", norges-bank.no FAQ).
 */
export function noRateDayReason(date: IsoDate): Exclude<NoRateDayReason, "not-published"> | null {
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

/** True when every day strictly between `after` and `before` is a day Norges Bank publishes no rate on. */
export function noBusinessDayBetween(after: IsoDate, before: IsoDate): boolean {
  for (let d = addDays(after, 1); d < before; d = addDays(d, 1)) {
    if (noRateDayReason(d) === null) return false;
  }
  return true;
}

/**
 * How far the rates are complete: from `start` (the embedded file's last date), each successful
 * import run that begins no later than the next business day extends it to the last date Norges
 * Bank answered with. A run after a gap (a business day never fetched) extends nothing: the days in
 * the gap are "not yet published", never "no rate that day".
 */
export function coverageThrough(start: IsoDate | null, runs: ReadonlyArray<{ requestedFrom: IsoDate; coveredThrough: IsoDate | null }>): IsoDate | null {
  let through = start;
  const sorted = [...runs].sort((a, b) => (a.requestedFrom < b.requestedFrom ? -1 : a.requestedFrom > b.requestedFrom ? 1 : 0));
  for (const r of sorted) {
    if (r.coveredThrough === null) continue;
    if (through !== null && r.requestedFrom > through && !noBusinessDayBetween(through, r.requestedFrom)) break;
    if (through === null || r.coveredThrough > through) through = r.coveredThrough;
  }
  return through;
}

// ---------------------------------------------------------------------------------------------
// Lookup.

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
       * unknown-currency: no rates for it at all; not-yet-published: the date is after the loaded
       * data (publishedThrough) and may have a rate the table does not hold yet; no-observation:
       * Norges Bank published no rate for the currency within MAX_FALLBACK_DAYS days before the date
       * (ISK before 2018-02-05, HRK after 2022-12-30).
       */
      reason: "unknown-currency" | "not-yet-published" | "no-observation";
      /** The last date the loaded data covers (for not-yet-published). */
      publishedThrough?: IsoDate | null;
    };

const NOK_IDENTITY_REFERENCE = "NOK needs no conversion";

/**
 * The rate rule: the last Norges Bank rate for `currency` published on or before `date`, at most
 * MAX_FALLBACK_DAYS days earlier. When the date is after the data the table holds and any day in
 * between could have had a rate (an ordinary business day), the rate is open: `not-yet-published`.
 * Never a guess, never 0.
 */
export function rateFor(currency: string, date: IsoDate, table: RateTable = norgesBankRates()): RateLookup {
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
  const through = table.publishedThrough;
  if (through !== null && date > through) {
    for (let d = date; d > through; d = addDays(d, -1)) {
      if (noRateDayReason(d) === null) return { ok: false, currency: cur, requestedDate: date, reason: "not-yet-published", publishedThrough: through };
    }
  }
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
    skipped.push({ date: d, reason: noRateDayReason(d) ?? "not-published" });
    d = addDays(d, -1);
  }
  return { ok: false, currency: cur, requestedDate: date, reason: "no-observation", publishedThrough: through };
}

// ---------------------------------------------------------------------------------------------
// The loaded data: Norges Bank's daily rates 2017-01-02 … 2025-01-03 (app/rules/data).

/**
 * Parses the one fixed format of app/rules/data/norges-bank-exr-daily-2017.csv, strictly: the exact
 * header, ISO dates strictly ascending, 14 cells a row, each rate empty or a plain decimal > 0.
 * Anything else throws RateImportError naming the line.
 */
export function parseNorgesBankDailyFile(text: string, sourceId: string): RateObservation[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines[0] !== DAILY_FILE_HEADER) throw new RateImportError(`line 1: expected the header ${DAILY_FILE_HEADER}`);
  const currencies = DAILY_FILE_HEADER.split(",").slice(1);
  const out: RateObservation[] = [];
  let previous = "";
  for (let n = 1; n < lines.length; n++) {
    const cells = lines[n]!.split(",");
    if (cells.length !== currencies.length + 1) throw new RateImportError(`line ${n + 1}: expected ${currencies.length + 1} cells, got ${cells.length}`);
    const date = cells[0]!;
    if (!isIsoDate(date)) throw new RateImportError(`line ${n + 1}: bad date ${date}`);
    if (date <= previous) throw new RateImportError(`line ${n + 1}: date ${date} is not after ${previous}`);
    previous = date;
    for (const [i, currency] of currencies.entries()) {
      const value = cells[i + 1]!;
      if (value === "") continue;
      const r = /^\d+(\.\d+)?$/.test(value) ? parseDecimal(value) : null;
      if (r === null || r.num === 0n) throw new RateImportError(`line ${n + 1}: bad ${currency} rate ${value}`);
      out.push({ currency, date, value, unitMultiplier: NORGES_BANK_UNIT_MULT[currency]!, sourceId });
    }
  }
  return out;
}

let loaded: RateTable | null = null;

/** Norges Bank's daily rates from the file in app/rules/data, parsed on first use and kept. */
export function norgesBankRates(): RateTable {
  loaded ??= buildRateTable(parseNorgesBankDailyFile(NORGES_BANK_EXR_DAILY_2017_CSV, NORGES_BANK_DAILY_SOURCE_ID), NORGES_BANK_SOURCES);
  return loaded;
}
