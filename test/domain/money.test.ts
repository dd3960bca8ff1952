import { describe, expect, it } from "vitest";
import { formatOre, NBSP, parseNokToOre } from "~/kernel/money";
import type { Ore } from "~/kernel/types";

const S = NBSP;

describe("formatOre", () => {
  it.each([
    [246050, "nb", `2${S}460,50${S}kr`],
    [246050, "nn", `2${S}460,50${S}kr`],
    [246050, "en", `NOK${S}2,460.50`],
    [0, "nb", `0,00${S}kr`],
    [0, "en", `NOK${S}0.00`],
    [1, "nb", `0,01${S}kr`],
    [99, "en", `NOK${S}0.99`],
    [100, "nb", `1,00${S}kr`],
    [99_999, "nb", `999,99${S}kr`],
    [100_000, "nb", `1${S}000,00${S}kr`],
    [327_800, "nb", `3${S}278,00${S}kr`],
    [123_456_789_01, "nb", `123${S}456${S}789,01${S}kr`],
    [123_456_789_01, "en", `NOK${S}123,456,789.01`],
    [-20_000, "nb", `-200,00${S}kr`],
    [-246_050, "en", `-NOK${S}2,460.50`],
    [Number.MAX_SAFE_INTEGER, "en", `NOK${S}90,071,992,547,409.91`],
  ] as const)("%d øre (%s) → %j", (ore, locale, expected) => {
    expect(formatOre(ore as Ore, locale)).toBe(expected);
  });

  it("throws on fractional øre", () => {
    // formatOre checks at run time too, for a value that bypassed the type
    expect(() => formatOre(10.5 as Ore, "nb")).toThrow(RangeError);
    expect(() => formatOre(Number.NaN as Ore, "nb")).toThrow(RangeError);
  });
});

describe("parseNokToOre", () => {
  it.each([
    ["2 460,50", 246050],
    [`2${S}460,50`, 246050],
    ["2460.5", 246050],
    ["2460,5", 246050],
    ["2460", 246000],
    ["2460,05", 246005],
    ["2.460,50", 246050],
    ["2,460.50", 246050],
    ["2,460", 246000],
    ["2.460", 246000],
    ["1 234 567", 123456700],
    ["kr 2460,-", 246000],
    ["2 460 kr", 246000],
    ["NOK 99.90", 9990],
    ["  0,01  ", 1],
    ["0", 0],
  ])("%j → %d", (input, expected) => {
    expect(parseNokToOre(input)).toBe(expected);
  });

  it.each(["", "abc", "2460,505", "-100", "24 60", "2.46.0", "1,2,3", "12e3", "2 460,50,1", "kr", "1.000.00"])("%j → null", (input) => {
    expect(parseNokToOre(input)).toBeNull();
  });

  it("round-trips formatOre output", () => {
    for (const ore of [0, 1, 99, 100, 246050, 100_000_00, 987_654_32]) {
      expect(parseNokToOre(formatOre(ore as Ore, "nb"))).toBe(ore);
      expect(parseNokToOre(formatOre(ore as Ore, "en"))).toBe(ore);
    }
  });
});
