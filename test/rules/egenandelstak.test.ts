import { describe, expect, it } from "vitest";
import { MissingParameterError, valueAt } from "~/rules/parameter";
import { ceilingFor, ceilingParameters, FIRST_SUPPORTED_YEAR, isSupportedYear, lastSupportedYear, taksForYear, UnsupportedYearError } from "~/rules/parameters/egenandelstak";

describe("egenandelstak tables", () => {
  it.each([
    ["tak1", 2017, 220_500, "C"],
    ["tak1", 2018, 225_800, "C"],
    ["tak1", 2019, 236_900, "U"],
    ["tak1", 2020, 246_000, "C"],
    ["tak2", 2017, 199_000, "C"],
    ["tak2", 2018, 202_500, "C"],
    ["tak2", 2019, 208_500, "C"],
    ["tak2", 2020, 217_600, "C"],
    ["felles", 2021, 246_000, "C"],
    ["felles", 2022, 292_100, "C"],
    ["felles", 2023, 304_000, "C"],
    ["felles", 2024, 316_500, "C"],
    ["felles", 2025, 327_800, "P"],
    ["felles", 2026, 327_800, "U"],
  ] as const)("%s %d = %d øre (%s)", (tak, year, ceilingOre, confidence) => {
    expect(ceilingFor(tak, year)).toMatchObject({ ceilingOre, confidence });
    expect(ceilingFor(tak, year).reference).toMatch(/\S/);
  });

  it("notes the 2019 tak 1 conflict and the unverified 2026 figure", () => {
    expect(ceilingFor("tak1", 2019).note).toMatch(/2 365/);
    expect(ceilingFor("felles", 2026).note).toMatch(/Verify before use/);
    expect(ceilingFor("tak2", 2019).note).toBeUndefined();
  });

  it("tak1 and tak2 end on 2021-01-01; felles starts then", () => {
    expect(valueAt(ceilingParameters.tak1, "2020-12-31")).toBe(246_000);
    expect(() => valueAt(ceilingParameters.tak1, "2021-01-01")).toThrow(MissingParameterError);
    expect(() => valueAt(ceilingParameters.tak2, "2021-01-01")).toThrow(MissingParameterError);
    expect(() => valueAt(ceilingParameters.felles, "2020-12-31")).toThrow(MissingParameterError);
    expect(valueAt(ceilingParameters.felles, "2021-01-01")).toBe(246_000);
  });

  it("ceilingFor a tak that does not exist that year throws MissingParameterError", () => {
    expect(() => ceilingFor("tak1", 2021)).toThrow(MissingParameterError);
    expect(() => ceilingFor("felles", 2020)).toThrow(MissingParameterError);
  });
});

describe("supported years", () => {
  it("runs from 2017 to 2026", () => {
    expect(FIRST_SUPPORTED_YEAR).toBe(2017);
    expect(lastSupportedYear()).toBe(2026);
  });

  it.each([
    [2016, false],
    [2017, true],
    [2020, true],
    [2021, true],
    [2026, true],
    [2027, false],
    [2020.5, false],
    [Number.NaN, false],
  ])("isSupportedYear(%d) = %s", (year, expected) => {
    expect(isSupportedYear(year)).toBe(expected);
  });

  it.each([
    [2017, ["tak1", "tak2"]],
    [2020, ["tak1", "tak2"]],
    [2021, ["felles"]],
    [2026, ["felles"]],
  ])("taksForYear(%d) = %j", (year, taks) => {
    expect(taksForYear(year)).toEqual(taks);
  });

  it.each([2016, 2027])("%d throws UnsupportedYearError with the year", (year) => {
    expect(() => taksForYear(year)).toThrow(UnsupportedYearError);
    expect(() => ceilingFor("felles", year)).toThrow(UnsupportedYearError);
    const error = (() => {
      try {
        taksForYear(year);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnsupportedYearError);
    expect((error as UnsupportedYearError).year).toBe(year);
    expect((error as Error).message).toContain(String(year));
  });
});
