import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isIsoDate, isoDate } from "~/kernel/dates";
import type { Parameter } from "~/rules/parameter";
import { buildRateTable, easterSunday, noRateDayReason, parseNorgesBankCsv, norgesBankRates, rateFor, type RateObservation } from "~/domain/exchange-rates";
import { rateDateRule, MAX_FALLBACK_DAYS, NORGES_BANK_SOURCES } from "~/rules/parameters/exchange-rates";
import { renderPhysioAbroadMarkdown, startedTenMinuteBlocksBeyond20, takstMappingFor } from "~/domain/physio-abroad";
import { physioAbroadParameters, TREATMENT_FORMS } from "~/rules/parameters/physio-abroad";
import { ESTIMATION_STEPS, findTakst, TAKST_ROWS, takstValidUntil, type TakstCode } from "~/rules/parameters/physio-takster";
import type { IsoDate } from "~/kernel/types";

const ALL_PARAMETERS: Array<Parameter<unknown>> = [...physioAbroadParameters, rateDateRule as Parameter<unknown>];
const LOADED_OBSERVATIONS: RateObservation[] = [...norgesBankRates().observations.values()].flatMap((m) => [...m.values()]);

describe("takst table invariants", () => {
  it("every row has a reference, a confidence, integer øre and honorar = refusjon + egenandel", () => {
    for (const r of TAKST_ROWS) {
      expect(r.reference.trim().length, `${r.code} ${r.from}`).toBeGreaterThan(10);
      expect(["C", "P", "U"]).toContain(r.confidence);
      for (const v of [r.honorarOre, r.refusjonOre, r.egenandelOre]) {
        expect(Number.isSafeInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
      expect(r.honorarOre).toBe(r.refusjonOre + r.egenandelOre);
      expect(isIsoDate(r.from)).toBe(true);
    }
  });

  it("estimated rows are U and explain how they were made; published rows are not U", () => {
    for (const r of TAKST_ROWS) {
      if (r.method === "estimated") {
        expect(r.confidence).toBe("U");
        expect(r.note).toMatch(/^Estimated/);
      } else expect(r.confidence).not.toBe("U");
    }
  });

  it("rows are sorted by code then date, with no two rows of a code on the same date (no overlapping validity)", () => {
    const keys = TAKST_ROWS.map((r) => `${r.code}|${r.from}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 1; i < TAKST_ROWS.length; i++) {
      const a = TAKST_ROWS[i - 1]!;
      const b = TAKST_ROWS[i]!;
      if (a.code === b.code) {
        expect(a.from < b.from).toBe(true);
        expect(takstValidUntil(a)! < b.from).toBe(true);
      }
    }
  });

  it("estimation steps are in date order after the last full table", () => {
    const dates = ESTIMATION_STEPS.map((s) => s.from);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]! > "2016-07-01").toBe(true);
  });
});

describe("takst lookup (OpenFisca style: name / period / input / output)", () => {
  const cases: Array<[string, { period: string; code: TakstCode }, { kr: [number, number, number]; confidence: string } | null]> = [
    ["before any table", { period: "2014-06-30", code: "A2b" }, null],
    ["1.7.2014 table (P)", { period: "2015-01-15", code: "A2b" }, { kr: [171, 49, 122], confidence: "P" }],
    ["last day of the 2014 table", { period: "2016-06-30", code: "A1a" }, { kr: [251, 96, 155], confidence: "P" }],
    ["first day of the 2016 table (C)", { period: "2016-07-01", code: "A1a" }, { kr: [266, 96, 170], confidence: "C" }],
    ["2016 table, last published day", { period: "2017-06-30", code: "A2e" }, { kr: [423, 181, 242], confidence: "C" }],
    ["carried forward from 1.7.2017 (U)", { period: "2017-07-01", code: "A2e" }, { kr: [423, 181, 242], confidence: "U" }],
    ["A1a published 1.7.2019 (C)", { period: "2019-07-01", code: "A1a" }, { kr: [309, 136, 173], confidence: "C" }],
    ["A2a with the poster egenandel from 1.7.2019", { period: "2019-12-01", code: "A2a" }, { kr: [159, 36, 123], confidence: "U" }],
    ["A2b after +6.85 % egenandel (1.7.2020)", { period: "2021-03-01", code: "A2b" }, { kr: [228, 57, 171], confidence: "U" }],
    ["A2b after +4.48 % honorar (1.7.2022)", { period: "2024-05-16", code: "A2b" }, { kr: [238, 67, 171], confidence: "U" }],
    ["A2b after 1.7.2024 (+2.74 % honorar, +4.35 % egenandel)", { period: "2026-01-01", code: "A2b" }, { kr: [245, 67, 178], confidence: "U" }],
    ["group of 6–10 has no refusjon", { period: "2016-08-01", code: "C34d" }, { kr: [97, 0, 97], confidence: "C" }],
  ];
  it.each(cases)("%s", (_name, { period, code }, output) => {
    const row = findTakst(code, isoDate(period));
    if (output === null) return expect(row).toBeNull();
    expect(row).not.toBeNull();
    expect([row!.honorarOre / 100, row!.refusjonOre / 100, row!.egenandelOre / 100]).toEqual(output.kr);
    expect(row!.confidence).toBe(output.confidence);
  });
});

describe("treatment form → takster", () => {
  const cases: Array<[string, { form: string; minutes: number | null; groupSize?: number }, unknown]> = [
    ["examination", { form: "undersokelse", minutes: 30 }, ["A1a×1"]],
    ["long examination adds A1c", { form: "undersokelse", minutes: 45 }, ["A1a×1", "A1c×1"]],
    ["exercise 30 min", { form: "ovelsesbehandling", minutes: 30 }, ["A2b×1"]],
    ["electrotherapy 40 min", { form: "elektroterapi", minutes: 40 }, ["A2c×1"]],
    ["individual 60 min", { form: "traksjon", minutes: 60 }, ["A2e×1"]],
    ["individual 50 min rounds down to 40", { form: "ultralyd", minutes: 50 }, ["A2c×1"]],
    ["manual therapy 20 min", { form: "manuellterapi", minutes: 20 }, ["A8a×1"]],
    ["manual therapy 21 min: one started block", { form: "manuellterapi", minutes: 21 }, ["A8a×1", "A8b×1"]],
    ["manual therapy 45 min", { form: "manuellterapi", minutes: 45 }, ["A8a×1", "A8b×3"]],
    ["psychomotor 60 min", { form: "psykomotorisk", minutes: 60 }, ["A9a×1", "A9b×4"]],
    ["active warm-up", { form: "aktiv-oppvarming", minutes: 15 }, ["B22×1"]],
    ["group 60 min, 4 persons", { form: "gruppe", minutes: 60, groupSize: 4 }, ["C34c×1"]],
    ["group 60 min, size unknown", { form: "gruppe", minutes: 60 }, ["C34d×1"]],
    ["pool 30 min, 5 persons", { form: "basseng", minutes: 30, groupSize: 5 }, ["C34a×1", "C34g×1"]],
    ["pool 90 min, 8 persons", { form: "basseng", minutes: 90, groupSize: 8 }, ["C34f×1", "C34g×1"]],
    ["acupuncture is not covered", { form: "akupunktur", minutes: 30 }, "not-covered"],
    ["not covered", { form: "ikke-dekket", minutes: 30 }, "not-covered"],
    ["unknown form", { form: "yoga", minutes: 30 }, "unknown-form"],
  ];
  it.each(cases)("%s", (_name, input, output) => {
    const m = takstMappingFor(input.form, input.minutes, { groupSize: input.groupSize ?? null });
    if (typeof output === "string") return expect(m).toEqual({ ok: false, reason: output });
    expect(m.ok).toBe(true);
    if (m.ok) expect(m.takster.map((t) => `${t.code}×${t.quantity}`)).toEqual(output);
  });

  it("every covered form of the schema maps to takster", () => {
    for (const form of TREATMENT_FORMS) {
      const m = takstMappingFor(form, 30, { groupSize: 3 });
      expect(m.ok).toBe(form !== "akupunktur" && form !== "ikke-dekket");
    }
  });

  it("a missing duration prices the minimum and says so", () => {
    const m = takstMappingFor("ovelsesbehandling", null);
    expect(m).toEqual({ ok: true, takster: [{ code: "A2a", quantity: 1 }], assumptions: ["duration-missing-priced-at-minimum"] });
  });

  it.each([
    [10, 0],
    [20, 0],
    [21, 1],
    [30, 1],
    [31, 2],
    [90, 7],
  ])("started 10-minute blocks beyond 20: %i min → %i", (minutes, blocks) => {
    expect(startedTenMinuteBlocksBeyond20(minutes)).toBe(blocks);
  });
});

describe.each(ALL_PARAMETERS.map((p) => [p.id, p] as const))("parameter %s", (_id, p) => {
  it("declares description, unit, legal basis and review date", () => {
    expect(p.description.trim().length).toBeGreaterThan(20);
    expect(p.unit.trim()).not.toBe("");
    expect(p.legalBasis.trim()).not.toBe("");
    expect(isIsoDate(p.lastReviewedOn)).toBe(true);
  });
  it("has sorted unique ISO dates; every value has a reference and confidence; U values explain themselves", () => {
    const dates = p.values.map((v) => v.from);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(dates).size).toBe(dates.length);
    for (const v of p.values) {
      expect(v.reference.trim().length).toBeGreaterThan(5);
      expect(["C", "P", "U"]).toContain(v.confidence);
      if (v.confidence === "U") expect(v.note?.trim()).toBeTruthy();
    }
  });
});

describe("Norges Bank calendar", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2019, "2019-04-21"],
    [2026, "2026-04-05"],
  ])("Easter %i is %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([
    ["2024-05-18", "weekend"],
    ["2024-05-17", "public-holiday"],
    ["2024-05-09", "public-holiday"], // Ascension Day
    ["2024-05-20", "public-holiday"], // Whit Monday
    ["2024-03-28", "public-holiday"], // Maundy Thursday
    ["2024-03-29", "public-holiday"], // Good Friday
    ["2024-04-01", "public-holiday"], // Easter Monday
    ["2024-12-24", "christmas-eve"],
    ["2024-12-26", "public-holiday"],
    ["2024-12-31", null],
    ["2024-05-16", null],
  ])("%s → %s", (date, reason) => {
    expect(noRateDayReason(isoDate(date))).toBe(reason);
  });

  it("the loaded rates have no observation on a day without publication (calendar and data agree)", () => {
    for (const o of LOADED_OBSERVATIONS) expect(noRateDayReason(o.date), `${o.currency} ${o.date}`).toBeNull();
  });

  it("every loaded observation has a known source with reference and confidence", () => {
    for (const o of LOADED_OBSERVATIONS) {
      const s = NORGES_BANK_SOURCES[o.sourceId];
      expect(s?.reference.length).toBeGreaterThan(10);
      expect(["C", "P", "U"]).toContain(s?.confidence);
    }
  });
});

describe("rateFor", () => {
  const cases: Array<[string, { currency: string; date: IsoDate }, { rateDate: IsoDate; nokPerUnit: string; skipped: number } | string]> = [
    ["a business day with a rate", { currency: "EUR", date: "2024-05-16" }, { rateDate: "2024-05-16", nokPerUnit: "11.642", skipped: 0 }],
    ["Saturday after 17 May falls back to Thursday", { currency: "EUR", date: "2024-05-18" }, { rateDate: "2024-05-16", nokPerUnit: "11.642", skipped: 2 }],
    ["Whit Monday walks back over the weekend and 17 May", { currency: "SEK", date: "2024-05-20" }, { rateDate: "2024-05-16", nokPerUnit: "1.0021", skipped: 4 }],
    ["Easter Monday falls back to the Wednesday before", { currency: "EUR", date: "2024-04-01" }, { rateDate: "2024-03-27", nokPerUnit: "11.6825", skipped: 5 }],
    ["Boxing Day falls back over Christmas Eve", { currency: "DKK", date: "2024-12-26" }, { rateDate: "2024-12-23", nokPerUnit: "1.5829", skipped: 3 }],
    ["New Year's Day 2025 uses 31 December", { currency: "PLN", date: "2025-01-01" }, { rateDate: "2024-12-31", nokPerUnit: "2.7591", skipped: 1 }],
    ["GBP per 1 unit", { currency: "GBP", date: "2024-05-21" }, { rateDate: "2024-05-21", nokPerUnit: "13.5569", skipped: 0 }],
    ["ISK per 100", { currency: "ISK", date: "2024-05-21" }, { rateDate: "2024-05-21", nokPerUnit: "0.0772", skipped: 0 }],
    ["NOK is 1", { currency: "NOK", date: "2024-05-18" }, { rateDate: "2024-05-18", nokPerUnit: "1", skipped: 0 }],
    ["a business day after the loaded data is open", { currency: "EUR", date: "2025-01-06" }, "not-yet-published"],
    ["ISK before Norges Bank published it", { currency: "ISK", date: "2017-06-01" }, "no-observation"],
    ["an unknown currency", { currency: "JPY", date: "2024-05-16" }, "unknown-currency"],
  ];
  it.each(cases)("%s", (_name, { currency, date }, output) => {
    const r = rateFor(currency, isoDate(date));
    if (typeof output === "string") {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe(output);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rateDate).toBe(output.rateDate);
    expect(Number(r.nokPerUnit.num) / Number(r.nokPerUnit.den)).toBeCloseTo(Number(output.nokPerUnit), 10);
    expect(r.skipped).toHaveLength(output.skipped);
  });

  it("a Saturday after the loaded data still uses the Friday it holds", () => {
    expect(rateFor("EUR", "2025-01-04")).toMatchObject({ ok: true, rateDate: "2025-01-03" });
  });
});

describe("Norges Bank CSV import", () => {
  it("reads the plain CSV", () => {
    const csv = "FREQ,BASE_CUR,QUOTE_CUR,TENOR,DECIMALS,CALCULATED,UNIT_MULT,COLLECTION,TIME_PERIOD,OBS_VALUE\nB,EUR,NOK,SP,4,false,0,C,2026-09-30,10.9015\n";
    expect(parseNorgesBankCsv(csv, "x")).toEqual([{ currency: "EUR", date: "2026-09-30", value: "10.9015", unitMultiplier: 0, sourceId: "x" }]);
  });

  it("reads the labelled semicolon CSV with decimal comma", () => {
    const csv =
      "FREQ;Frekvens;BASE_CUR;Basisvaluta;QUOTE_CUR;Kvoteringsvaluta;TENOR;Løpetid;DECIMALS;CALCULATED;UNIT_MULT;Multiplikator;COLLECTION;Innsamlingstidspunkt;TIME_PERIOD;OBS_VALUE\n" +
      "B;Virkedag;SEK;Svenske kroner;NOK;Norske kroner;SP;Spot;2;false;2;Hundre;C;x;2026-09-18;95,73\n";
    const obs = parseNorgesBankCsv(csv, "fixture");
    expect(obs).toEqual([{ currency: "SEK", date: "2026-09-18", value: "95.73", unitMultiplier: 2, sourceId: "fixture" }]);
    const table = buildRateTable(obs, { fixture: { reference: "test fixture", confidence: "U" } });
    const r = rateFor("SEK", "2026-09-20", table); // Sunday → Friday 18th
    expect(r).toMatchObject({ ok: true, rateDate: "2026-09-18", confidence: "U" });
  });

  it("rejects a file without the needed columns", () => {
    expect(() => parseNorgesBankCsv("A,B\n1,2\n", "x")).toThrow(/column/);
  });
});

const APPROVED = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/rules/physio-abroad.md");

describe("docs/rules/physio-abroad.md", () => {
  it("matches the tables (run with UPDATE_APPROVED=1 to regenerate)", () => {
    const rendered = `${renderPhysioAbroadMarkdown({
      takstRows: TAKST_ROWS,
      estimationSteps: ESTIMATION_STEPS,
      extraParameters: ALL_PARAMETERS,
      rateSources: NORGES_BANK_SOURCES,
      rateData: [...norgesBankRates().observations.entries()].map(([currency, byDate]) => {
        const dates = [...byDate.keys()].sort();
        return { currency, first: dates[0]!, last: dates[dates.length - 1]!, dates: dates.length, unitMultiplier: byDate.get(dates[0]!)!.unitMultiplier };
      }),
      rateBoundDays: MAX_FALLBACK_DAYS,
    })}\n`;
    if (process.env.UPDATE_APPROVED === "1") {
      mkdirSync(dirname(APPROVED), { recursive: true });
      writeFileSync(APPROVED, rendered);
    }
    expect(existsSync(APPROVED), `${APPROVED} is missing: run with UPDATE_APPROVED=1`).toBe(true);
    expect(readFileSync(APPROVED, "utf8")).toBe(rendered);
  });
});
