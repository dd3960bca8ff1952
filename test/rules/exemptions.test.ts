import { describe, expect, it } from "vitest";
import { addDays, ageOn, isoDate } from "~/kernel/dates";
import { valueAt } from "~/rules/parameter";
import { childExemptUntil } from "~/domain/child-exemption";
import { CHILD_EXEMPTION_AGE, childExemptionAge, minimumPayout, minimumPayoutForYear } from "~/rules/parameters/exemptions";

describe("child exemption", () => {
  it("is under 16", () => {
    expect(CHILD_EXEMPTION_AGE).toBe(16);
    expect(valueAt(childExemptionAge, "2026-01-01")).toBe(16);
  });

  it.each([
    ["2008-06-15", "2024-06-14"],
    ["2010-01-01", "2025-12-31"],
    ["2009-03-01", "2025-02-28"],
    ["2008-03-01", "2024-02-29"],
    ["2008-02-29", "2024-02-28"], // 16th birthday in a leap year: 29 Feb
    ["1884-02-29", "1900-02-28"], // 16th birthday in a non-leap year: 1 March
    ["2084-02-29", "2100-02-28"],
  ])("born %s → exempt until %s", (birthDate, until) => {
    expect(childExemptUntil(isoDate(birthDate))).toBe(until);
    expect(ageOn(isoDate(birthDate), isoDate(until))).toBe(15);
  });

  it.each(["2008-06-15", "2008-02-29", "1884-02-29", "2009-12-31", "2009-01-01"])("born %s: 16 years old on the day after the exemption ends", (birthDate) => {
    expect(ageOn(isoDate(birthDate), addDays(childExemptUntil(isoDate(birthDate)), 1))).toBe(16);
  });

  it("rejects a bad birth date", () => {
    expect(() => childExemptUntil("2008-02-30")).toThrow(RangeError);
  });
});

describe("minimum payout (bagatellgrense)", () => {
  it.each([
    [2013, 50_00],
    [2014, 200_00],
    [2019, 200_00],
    [2021, 200_00],
    [2022, 0],
    [2026, 0],
  ])("%d → %d øre", (year, ore) => {
    expect(minimumPayoutForYear(year)).toBe(ore);
  });

  it("changes on 2022-01-01", () => {
    expect(valueAt(minimumPayout, "2021-12-31")).toBe(200_00);
    expect(valueAt(minimumPayout, "2022-01-01")).toBe(0);
  });
});
