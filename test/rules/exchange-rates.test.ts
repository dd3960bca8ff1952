import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NORGES_BANK_EXR_DAILY_2017_CSV } from "~/rules/data/norges-bank-exr-daily-2017";
import { formatRational, norgesBankRates, parseNorgesBankDailyFile, rateFor, RateImportError } from "~/rules/parameters/exchange-rates";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CSV_PATH = resolve(ROOT, "app/rules/data/norges-bank-exr-daily-2017.csv");
const SHARED_PATH = resolve(ROOT, "../shared/data/norges-bank-exr-daily-2017.csv");
const PER_100 = new Set(["BGN", "CHF", "CZK", "DKK", "HRK", "HUF", "ISK", "RON", "SEK"]);

/** NOK per 1 unit as a number, for comparing with the file. */
function perUnit(currency: string, date: string): number | null {
  const r = rateFor(currency, date);
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
        const obs = table.observations.get(currency)?.get(date!);
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
    expect(perUnit(currency, date)).toBeCloseTo(want, 10);
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
