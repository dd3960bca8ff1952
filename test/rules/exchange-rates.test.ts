import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NORGES_BANK_EXR_DAILY_2017_CSV } from "~/rules/data/norges-bank-exr-daily-2017";
import { coverageThrough, formatRational, norgesBankRates, parseNorgesBankDailyFile, rateFor, RateImportError, readNorgesBankCsv } from "~/domain/exchange-rates";
import { isoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CSV_PATH = resolve(ROOT, "app/rules/data/norges-bank-exr-daily-2017.csv");
const SHARED_PATH = resolve(ROOT, "../shared/data/norges-bank-exr-daily-2017.csv");
const PER_100 = new Set(["BGN", "CHF", "CZK", "DKK", "HRK", "HUF", "ISK", "RON", "SEK"]);

/** NOK per 1 unit as a number, for comparing with the file. */
function perUnit(currency: string, date: IsoDate): number | null {
  const r = rateFor(currency, isoDate(date));
  if (!r.ok || r.rateDate !== date) return null;
  return Number(r.nokPerUnit.num) / Number(r.nokPerUnit.den);
}

describe("Norges Bank daily rates, loaded from app/rules/data", () => {
  const text = readFileSync(CSV_PATH, "utf8");
  const [header, ...rows] = text.trimEnd().split("\n");
  const currencies = header!.split(",").slice(1);

  it("the embedded string is the CSV file byte for byte (and the shared copy, where present)", () => {
    expect(NORGES_BANK_EXR_DAILY_2017_CSV).toBe(text);
    if (existsSync(SHARED_PATH)) expect(readFileSync(SHARED_PATH, "utf8")).toBe(text);
  });

  it("holds every row and every cell of the source file, per-100 currencies divided by 100", () => {
    expect(rows).toHaveLength(2014);
    const table = norgesBankRates();
    let cells = 0;
    for (const row of rows) {
      const [date, ...values] = row.split(",");
      for (const [i, currency] of currencies.entries()) {
        const v = values[i]!;
        const obs = table.observations.get(currency)?.get(isoDate(date!));
        if (v === "") {
          expect(obs, `${currency} ${date}`).toBeUndefined();
          continue;
        }
        cells++;
        expect(obs?.value, `${currency} ${date}`).toBe(v);
        expect(obs?.unitMultiplier, `${currency} ${date}`).toBe(PER_100.has(currency) ? 2 : 0);
      }
    }
    expect(cells).toBe([...table.observations.values()].reduce((n, m) => n + m.size, 0));
    expect(table.publishedThrough).toBe("2025-01-03");
  });

  it.each([
    ["SEK", "2024-05-16", 1.0021], // 100.21 per 100
    ["DKK", "2017-01-02", 1.2178], // 121.78 per 100
    ["CHF", "2025-01-03", 12.5112], // 1251.12 per 100
    ["HUF", "2019-03-01", null], // checked below against the file
    ["ISK", "2024-05-21", 0.0772], // 7.72 per 100
    ["EUR", "2025-01-02", 11.7173], // per 1
    ["GBP", "2019-03-01", null],
  ])("%s on %s is NOK per 1 unit", (currency, date, expected) => {
    const row = rows.find((r) => r.startsWith(`${date},`))!.split(",");
    const published = Number(row[currencies.indexOf(currency) + 1]);
    const want = expected ?? (PER_100.has(currency) ? published / 100 : published);
    expect(perUnit(currency, isoDate(date))).toBeCloseTo(want, 10);
  });

  it("PLN on 2025-01-03 is 2.7415 (the old embedded 2.7407 repeated 2 January)", () => {
    const r = rateFor("PLN", "2025-01-03");
    expect(r).toMatchObject({ ok: true, rateDate: "2025-01-03", published: { value: "2.7415", unitMultiplier: 0 } });
    expect(rateFor("PLN", "2025-01-02")).toMatchObject({ ok: true, published: { value: "2.7407" } });
  });

  it("the rule: the last published rate on or before the date, within the bound", () => {
    // Easter Monday 2019 (22 April) → Wednesday 17 April, 5 days back, each skipped day explained.
    const easter = rateFor("GBP", "2019-04-22");
    expect(easter).toMatchObject({ ok: true, rateDate: "2019-04-17" });
    if (easter.ok) expect(easter.skipped.map((s) => s.reason)).toEqual(["public-holiday", "weekend", "weekend", "public-holiday", "public-holiday"]);
    // HRK: Croatia adopted the euro; the last rate is 2022-12-30, so early January is within the bound, later is open.
    const hrk = rateFor("HRK", "2023-01-02");
    expect(hrk).toMatchObject({ ok: true, rateDate: "2022-12-30" });
    if (hrk.ok) expect(hrk.skipped[0]).toEqual({ date: "2023-01-02", reason: "not-published" });
    expect(rateFor("HRK", "2023-01-10")).toMatchObject({ ok: false, reason: "no-observation" });
    expect(rateFor("ISK", "2018-02-05")).toMatchObject({ ok: true, rateDate: "2018-02-05" });
    expect(rateFor("ISK", "2018-02-02")).toMatchObject({ ok: false, reason: "no-observation" });
  });

  it("a date after the data is open, never an old rate and never 0", () => {
    expect(rateFor("EUR", "2025-06-02")).toMatchObject({ ok: false, reason: "not-yet-published", publishedThrough: "2025-01-03" });
    expect(rateFor("SEK", "2025-01-06")).toMatchObject({ ok: false, reason: "not-yet-published" });
  });

  it("formats exact per-unit rates", () => {
    const r = rateFor("CZK", "2025-01-03");
    expect(r.ok && formatRational(r.nokPerUnit, 6)).toBe("0.46543");
  });
});

describe("the strict parser of the daily file", () => {
  const header = "date,BGN,CHF,CZK,DKK,EUR,GBP,HRK,HUF,ISK,PLN,RON,SEK,USD";
  const row = "2017-01-02,462.95,845.33,33.508,121.78,9.0543,10.635,119.85,2.9259,,2.0521,199.48,94.87,8.652";
  it.each([
    ["another header", `date,EUR\n2017-01-02,9.0543\n`, /header/],
    ["a short row", `${header}\n2017-01-02,1\n`, /cells/],
    ["a bad date", `${header}\n${row.replace("2017-01-02", "2017-02-30")}\n`, /bad date/],
    ["dates not ascending", `${header}\n${row}\n${row}\n`, /not after/],
    ["a decimal comma", `${header}\n${row.replace("9.0543", "9;0543")}\n`, /bad EUR/],
    ["a zero rate", `${header}\n${row.replace("9.0543", "0")}\n`, /bad EUR/],
    ["a negative rate", `${header}\n${row.replace("9.0543", "-9.0543")}\n`, /bad EUR/],
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseNorgesBankDailyFile(text, "x")).toThrow(RateImportError);
    expect(() => parseNorgesBankDailyFile(text, "x")).toThrow(message);
  });
});

describe("Norges Bank API CSV (readNorgesBankCsv): the answer's quirks", () => {
  const EN =
    "FREQ;Frequency;BASE_CUR;Base Currency;QUOTE_CUR;Quote Currency;TENOR;Tenor;DECIMALS;CALCULATED;UNIT_MULT;Unit Multiplier;COLLECTION;Collection Indicator;TIME_PERIOD;OBS_VALUE";
  const row = (cur: string, mult: number, decimals: number, date: string, value: string, freq = "B") =>
    `${freq};Business;${cur};x;NOK;Norwegian krone;SP;Spot;${decimals};false;${mult};${mult ? "Hundreds" : "Units"};C;"ECB concertation time 14:15 CET";${date};${value}`;

  it("takes a BOM, CRLF, quoted labels, grouped thousands (en) and reports listed days without a value", () => {
    const text = `\uFEFF${[EN, row("CHF", 2, 2, "2025-06-02", "1,270.50"), row("ISK", 2, 2, "2025-06-02", ""), row("ISK", 2, 2, "2025-06-03", "NaN"), row("EUR", 0, 4, "2025-06-02", "11.5")].join("\r\n")}\r\n`;
    const r = readNorgesBankCsv(text, "api");
    expect(r.locale).toBe("en");
    expect(r.observations.map((o) => [o.currency, o.value, o.unitMultiplier])).toEqual([
      ["CHF", "1270.50", 2],
      ["EUR", "11.5", 0],
    ]);
    expect(r.missing).toEqual([
      { currency: "ISK", date: "2025-06-02" },
      { currency: "ISK", date: "2025-06-03" as IsoDate },
    ]);
  });

  it("reads Norwegian labels with decimal comma and grouped thousands", () => {
    const NO = EN.replace("Base Currency", "Basisvaluta");
    const r = readNorgesBankCsv([NO, row("CHF", 2, 2, "2025-06-02", "1 270,50"), row("EUR", 0, 4, "2025-06-02", "11,5123")].join("\n"), "api");
    expect(r.locale).toBe("no");
    expect(r.observations.map((o) => o.value)).toEqual(["1270.50", "11.5123"]);
  });

  it("refuses monthly rows, a zero rate, more decimals than DECIMALS, and one day with two values", () => {
    expect(() => readNorgesBankCsv([EN, row("EUR", 0, 4, "2025-06", "11.5", "M")].join("\n"), "api")).toThrow(RateImportError);
    expect(() => readNorgesBankCsv([EN, row("EUR", 0, 4, "2025-06-02", "0")].join("\n"), "api")).toThrow(/OBS_VALUE/);
    expect(() => readNorgesBankCsv([EN, row("SEK", 2, 2, "2025-06-02", "1.0234")].join("\n"), "api")).toThrow(/DECIMALS/);
    expect(() => readNorgesBankCsv([EN, row("EUR", 0, 4, "2025-06-02", "11.5"), row("EUR", 0, 4, "2025-06-02", "11.6")].join("\n"), "api")).toThrow(/twice/);
  });
});

describe("coverageThrough: how far the rates are complete", () => {
  it("extends over runs that start by the next business day, and stops at a gap", () => {
    // Friday 2025-01-03; a run from Monday the 6th is contiguous (the weekend between has no rates)
    expect(coverageThrough("2025-01-03", [{ requestedFrom: "2025-01-06", coveredThrough: "2025-01-10" }])).toBe("2025-01-10");
    // a run from Tuesday the 7th leaves Monday unfetched: nothing after it counts
    expect(coverageThrough("2025-01-03", [{ requestedFrom: "2025-01-07", coveredThrough: "2025-01-10" }])).toBe("2025-01-03");
    // runs are taken in order of their start: a later run fills the gap and the earlier-stored one then counts
    expect(
      coverageThrough("2025-01-03", [
        { requestedFrom: "2025-01-20", coveredThrough: "2025-01-31" },
        { requestedFrom: "2024-12-30", coveredThrough: "2025-01-17" },
      ]),
    ).toBe("2025-01-31");
    // a run with no rates in its answer covers nothing
    expect(coverageThrough("2025-01-03", [{ requestedFrom: "2025-01-04", coveredThrough: null }])).toBe("2025-01-03");
  });
});
