import { describe, expect, it } from "vitest";
import { addDays, ageOn, compareIso, daysBetween, isIsoDate, isoDate, nthBirthday, parseIsoDate, toIsoDate, yearOf } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

describe("isIsoDate", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2000-02-29", true],
    ["1900-02-29", false],
    ["2024-12-31", true],
    ["2024-13-01", false],
    ["2024-00-10", false],
    ["2024-04-31", false],
    ["2024-4-01", false],
    ["2024-04-01T00:00", false],
    [" 2024-04-01", false],
    ["", false],
  ])("%s → %s", (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });

  it("rejects non-strings", () => {
    expect(isIsoDate(20240101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe("addDays", () => {
  it.each([
    ["2024-01-31", 1, "2024-02-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2020-12-31", 1, "2021-01-01"],
    ["2021-01-01", -1, "2020-12-31"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2019-01-01", 365, "2020-01-01"],
    ["2020-01-01", 366, "2021-01-01"],
    ["2026-03-29", 0, "2026-03-29"],
    ["1899-12-31", 1, "1900-01-01"],
    ["2000-02-28", 2, "2000-03-01"],
  ])("%s %+d → %s", (d, n, expected) => {
    expect(addDays(isoDate(d), n)).toBe(expected);
  });

  it("round-trips over a long range", () => {
    let d: IsoDate = "1896-01-01";
    for (let i = 0; i < 60_000; i += 37) {
      const next = addDays(d, 37);
      expect(daysBetween(d, next)).toBe(37);
      d = next;
    }
  });

  it("throws on a bad date or a fractional day count", () => {
    expect(() => addDays("2023-02-29", 1)).toThrow(RangeError);
    expect(() => addDays("2023-02-01", 1.5)).toThrow(RangeError);
  });
});

describe("ageOn", () => {
  it.each([
    ["2010-05-10", "2026-05-09", 15],
    ["2010-05-10", "2026-05-10", 16],
    ["2010-05-10", "2010-05-10", 0],
    ["2010-05-10", "2010-05-09", -1],
    ["2008-02-29", "2024-02-28", 15],
    ["2008-02-29", "2024-02-29", 16],
    ["2004-02-29", "2021-02-28", 16],
    ["2004-02-29", "2021-03-01", 17],
    ["2004-02-29", "2020-02-28", 15],
    ["1958-12-31", "2019-01-01", 60],
  ])("born %s, on %s → %d", (birth, date, expected) => {
    expect(ageOn(isoDate(birth), isoDate(date))).toBe(expected);
  });
});

describe("nthBirthday", () => {
  it("moves 29 February to 1 March in non-leap years", () => {
    expect(nthBirthday("2008-02-29", 16)).toBe("2024-02-29");
    expect(nthBirthday("2005-02-28", 16)).toBe("2021-02-28");
    expect(nthBirthday("1884-02-29", 16)).toBe("1900-03-01");
    expect(nthBirthday("2004-02-29", 17)).toBe("2021-03-01");
  });
});

describe("small helpers", () => {
  it("compareIso orders dates", () => {
    expect(compareIso("2020-12-31", "2021-01-01")).toBe(-1);
    expect(compareIso("2021-01-01", "2021-01-01")).toBe(0);
    expect(compareIso("2021-01-02", "2021-01-01")).toBe(1);
    expect((["2021-03-01", "2019-12-31", "2020-06-15"] as IsoDate[]).sort(compareIso)).toEqual(["2019-12-31", "2020-06-15", "2021-03-01"]);
  });

  it("yearOf, parseIsoDate and toIsoDate", () => {
    expect(yearOf("2019-07-01")).toBe(2019);
    expect(parseIsoDate("2019-07-01")).toEqual({ year: 2019, month: 7, day: 1 });
    expect(toIsoDate(2019, 7, 1)).toBe("2019-07-01");
    expect(() => toIsoDate(2019, 2, 29)).toThrow(RangeError);
    expect(() => yearOf("2019-7-1")).toThrow(RangeError);
  });
});
