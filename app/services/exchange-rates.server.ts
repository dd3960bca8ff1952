/**
 * Norges Bank's exchange rates in PostgreSQL (issue 18 item 2, docs/decisions/0016-exchange-rates.md):
 * the importer from Norges Bank's open data API (SDMX REST, dataflow EXR, CSV), run daily by pg-boss
 * (app/jobs/rates.server.ts) and by `npm run rates -- import --from …` (scripts/rates.ts), and the rate
 * table every estimate reads: the embedded file (2017-01-02 … 2025-01-03) with the imported rows on
 * top, complete through the import runs' contiguous coverage. Every web process reads the same rows.
 *
 * An import is idempotent (upsert; the same answer twice changes nothing) and all-or-nothing: a failed
 * fetch or a malformed answer writes no rate and deletes none; the run is recorded as failed and the
 * error thrown, so pg-boss retries it.
 */
import type { Db } from "~/db/client.server";
import { addDays, daysBetween, isIsoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";
import { failImportRun, finishImportRun, startImportRun, storedRates, successfulImports, upsertRates, type StoredRate } from "~/models/exchange-rates.server";
import {
  buildRateTable,
  coverageThrough,
  norgesBankRates,
  parseDecimal,
  RateImportError,
  readNorgesBankCsv,
  type RateObservation,
  type RateTable,
  type Rational,
} from "~/domain/exchange-rates";
import { NORGES_BANK_SOURCES, NORGES_BANK_UNIT_MULT, type RateSource } from "~/rules/parameters/exchange-rates";
import { log } from "~/utils/log.server";

export const NORGES_BANK_API_SOURCE_ID = "norges-bank-api";

export const NORGES_BANK_API_SOURCE: RateSource = {
  reference: "Norges Bank, valutakurser (EXR, daily, spot), data.norges-bank.no open data API (NLOD 2.0), imported into exchange_rates",
  confidence: "C",
  note: "Imported daily from Norges Bank's own API; replaces the embedded copy where both hold a day.",
};

/** The currencies imported: those of the embedded file (EEA currencies, CHF, GBP, USD). HRK ended with the euro in Croatia. */
export const IMPORT_CURRENCIES: ReadonlyArray<{ code: string; until?: IsoDate }> = Object.keys(NORGES_BANK_UNIT_MULT).map((code) =>
  code === "HRK" ? { code, until: "2022-12-31" } : { code },
);

/** Days per request: one year of the 13 currencies is about 3 300 rows. */
export const MAX_DAYS_PER_REQUEST = 366;

/** The scheduled run fetches again this many days before the covered date (a late correction is taken in). */
export const REFETCH_DAYS = 7;

/** The first date an import may ask for (the estimate supports 2017 on). */
export const FIRST_IMPORT_DATE: IsoDate = "2017-01-01";

/** The request for one range: …/data/EXR/B.BGN+CHF+….NOK.SP?format=csv&startPeriod=…&endPeriod=…&locale=en */
export function norgesBankExrUrl(baseUrl: string, from: IsoDate, to: IsoDate): string {
  const codes = IMPORT_CURRENCIES.filter((c) => c.until === undefined || from <= c.until).map((c) => c.code);
  const q = new URLSearchParams({ format: "csv", startPeriod: from, endPeriod: to, locale: "en" });
  return `${baseUrl.replace(/\/+$/, "")}/data/EXR/B.${codes.join("+")}.NOK.SP?${q.toString()}`;
}

export class RateFetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "RateFetchError";
  }
}

export interface ImportOptions {
  baseUrl: string;
  from: IsoDate;
  to: IsoDate;
  trigger: "schedule" | "cli";
  /** Tests may pass their own fetch; default the global one. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ImportResult {
  runId: number;
  from: IsoDate;
  to: IsoDate;
  requests: number;
  observations: number;
  /** Rows new or changed in exchange_rates (0 when the same answer is imported again). */
  changed: number;
  /** Listed without a value (no rate that day for that currency). */
  missing: number;
  /** The last date Norges Bank answered with (null: no rates in the range). */
  coveredThrough: IsoDate | null;
  /** Days where Norges Bank's own value differs from the embedded copy (the copy is then overridden). */
  differsFromEmbedded: Array<{ currency: string; date: IsoDate; embedded: string; imported: string }>;
}

function ranges(from: IsoDate, to: IsoDate): Array<[IsoDate, IsoDate]> {
  const out: Array<[IsoDate, IsoDate]> = [];
  for (let start = from; start <= to; start = addDays(start, MAX_DAYS_PER_REQUEST)) {
    const end = addDays(start, MAX_DAYS_PER_REQUEST - 1);
    out.push([start, end < to ? end : to]);
  }
  return out;
}

/** One request; Norges Bank answers 404 "No Results Found" for a range without rates (an empty answer, not a failure). */
async function fetchCsv(url: string, f: typeof fetch, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await f(url, { headers: { Accept: "text/csv, */*;q=0.1" }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new RateFetchError(`Norges Bank did not answer: ${(err as Error).message}`, null);
  }
  const body = await res.text();
  if (res.status === 404 && /no\s*results?\s*found/i.test(body)) return "";
  if (!res.ok) throw new RateFetchError(`Norges Bank answered HTTP ${res.status}`, res.status);
  return body;
}

function perUnit(o: { value: string; unitMultiplier: number }): Rational {
  const r = parseDecimal(o.value)!;
  return { num: r.num, den: r.den * 10n ** BigInt(o.unitMultiplier) };
}

/** a / b as a number (for a plausibility ratio only, never for money). */
function ratio(a: Rational, b: Rational): number {
  return Number((a.num * b.den * 1_000_000n) / (a.den * b.num)) / 1_000_000;
}

/**
 * A wrong unit (per 1 read as per 100) or decimal separator moves a rate by a factor of 10 or more;
 * a real daily move is a few per cent. Each rate is compared with the one before it (stored or in the
 * answer): outside [0.5, 2] the whole answer is refused.
 */
export const PLAUSIBLE_DAY_RATIO: readonly [number, number] = [0.5, 2];

function checkPlausible(obs: readonly RateObservation[], known: RateTable): void {
  const byCurrency = new Map<string, RateObservation[]>();
  for (const o of obs) byCurrency.set(o.currency, [...(byCurrency.get(o.currency) ?? []), o]);
  for (const [currency, list] of byCurrency) {
    list.sort((a, b) => (a.date < b.date ? -1 : 1));
    const knownDates = [...(known.observations.get(currency)?.keys() ?? [])].filter((d) => d < list[0]!.date).sort();
    const lastKnown = knownDates.length ? known.observations.get(currency)!.get(knownDates[knownDates.length - 1]!)! : null;
    let prev: RateObservation | null = lastKnown;
    for (const o of list) {
      if (prev !== null) {
        const q = ratio(perUnit(o), perUnit(prev));
        if (q < PLAUSIBLE_DAY_RATIO[0] || q > PLAUSIBLE_DAY_RATIO[1]) {
          throw new RateImportError(`${currency} ${o.date}: ${o.value} per 10^${o.unitMultiplier} is ${q.toFixed(3)} × the rate of ${prev.date}: wrong unit or decimal separator?`);
        }
      }
      prev = o;
    }
  }
}

/**
 * Imports Norges Bank's daily rates for [from, to] into exchange_rates. All requests are made and
 * checked before anything is written; the rows are then upserted and the run recorded in one
 * transaction. A failure records the run as failed and throws (the stored rates are untouched).
 */
export async function importNorgesBankRates(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const { from, to } = opts;
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) throw new RangeError(`import range must be two ISO dates, from ≤ to: ${from} … ${to}`);
  if (from < FIRST_IMPORT_DATE) throw new RangeError(`import from ${FIRST_IMPORT_DATE} on (asked ${from})`);
  const f = opts.fetch ?? fetch;
  const runId = await startImportRun(db, { trigger: opts.trigger, requestedFrom: from, requestedTo: to });
  try {
    const observations: RateObservation[] = [];
    let missing = 0;
    const parts = ranges(from, to);
    for (const [a, b] of parts) {
      const text = await fetchCsv(norgesBankExrUrl(opts.baseUrl, a, b), f, opts.timeoutMs ?? 30_000);
      const read = readNorgesBankCsv(text, NORGES_BANK_API_SOURCE_ID);
      for (const o of read.observations) {
        if (o.date < a || o.date > b) throw new RateImportError(`${o.currency} ${o.date} is outside the range asked for (${a} … ${b})`);
      }
      observations.push(...read.observations);
      missing += read.missing.length;
    }
    const known = await exchangeRateTable(db, [...new Set(observations.map((o) => o.currency))]);
    checkPlausible(observations, known);
    const embedded = norgesBankRates();
    const differsFromEmbedded: ImportResult["differsFromEmbedded"] = [];
    for (const o of observations) {
      const e = embedded.observations.get(o.currency)?.get(o.date);
      if (e && ratio(perUnit(o), perUnit(e)) !== 1) differsFromEmbedded.push({ currency: o.currency, date: o.date, embedded: e.value, imported: o.value });
    }
    const coveredThrough = observations.reduce<IsoDate | null>((m, o) => (m === null || o.date > m ? o.date : m), null);
    const rows: StoredRate[] = observations.map((o) => ({ currency: o.currency, rateDate: o.date, value: o.value, unitMult: o.unitMultiplier, source: NORGES_BANK_API_SOURCE_ID }));
    const changed = await db.transaction(async (tx) => {
      const n = await upsertRates(tx as unknown as Db, rows);
      await finishImportRun(tx as unknown as Db, runId, { coveredThrough, observations: observations.length, changed: n });
      return n;
    });
    const result: ImportResult = { runId, from, to, requests: parts.length, observations: observations.length, changed, missing, coveredThrough, differsFromEmbedded };
    log.info("exchange rates imported", { from, to, observations: observations.length, changed, missing, coveredThrough, differsFromEmbedded: differsFromEmbedded.length });
    return result;
  } catch (err) {
    await failImportRun(db, runId, (err as Error).message).catch(() => undefined);
    log.warn("exchange rate import failed", { from, to, err });
    throw err;
  }
}

/** The last date the rates are complete for (the embedded file's, extended by the import runs). */
export async function ratesCoveredThrough(db: Db): Promise<IsoDate | null> {
  return coverageThrough(norgesBankRates().publishedThrough, await successfulImports(db));
}

/**
 * The scheduled run: from REFETCH_DAYS before the covered date (or `from`) to today. Norges Bank's
 * later corrections are taken in; a run that was missed is caught up by the next.
 */
export async function importLatestRates(db: Db, opts: { baseUrl: string; today: IsoDate; trigger: "schedule" | "cli"; fetch?: typeof fetch }): Promise<ImportResult> {
  const through = (await ratesCoveredThrough(db)) ?? FIRST_IMPORT_DATE;
  let from = addDays(through, -REFETCH_DAYS);
  if (from > opts.today) from = opts.today;
  return importNorgesBankRates(db, { baseUrl: opts.baseUrl, from, to: opts.today, trigger: opts.trigger, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
}

/**
 * The rate table the estimate reads (rateFor stays pure and takes it as input): the embedded rates
 * with the imported rows on top, for the named currencies (all when none are named), complete
 * through the runs' contiguous coverage.
 */
export async function exchangeRateTable(db: Db, currencies?: readonly string[]): Promise<RateTable> {
  const wanted = currencies === undefined ? null : new Set(currencies.map((c) => c.toUpperCase()));
  const embedded = norgesBankRates();
  const obs: RateObservation[] = [];
  for (const [currency, byDate] of embedded.observations) {
    if (wanted === null || wanted.has(currency)) obs.push(...byDate.values());
  }
  const [rows, runs] = await Promise.all([storedRates(db, wanted === null ? undefined : [...wanted]), successfulImports(db)]);
  for (const r of rows) obs.push({ currency: r.currency, date: r.rateDate, value: r.value, unitMultiplier: r.unitMult, sourceId: NORGES_BANK_API_SOURCE_ID });
  const through = coverageThrough(embedded.publishedThrough, runs);
  return buildRateTable(obs, { ...NORGES_BANK_SOURCES, [NORGES_BANK_API_SOURCE_ID]: NORGES_BANK_API_SOURCE }, through);
}

/** Days from the covered date to today (for the CLI's status and the log). */
export function daysBehind(through: IsoDate | null, today: IsoDate): number | null {
  return through === null ? null : daysBetween(through, today);
}
