/**
 * The kernel's money and date types (app/kernel/types.ts). The `@ts-expect-error` lines are the
 * type-level half of this test: `npm run typecheck` (tsc over test/**) fails if any of them stops
 * being an error, i.e. if kroner as a bare number, or a bare string, were accepted again.
 */
import { describe, expect, it } from "vitest";
import { decideOpenPayout } from "~/domain/payouts";
import { addDays, isoDate, isoDateOrNull } from "~/kernel/dates";
import { addOre, formatOre, kroner, maxOre, mulOre, ore, oreOf, percentOf, subOre, sumOre, ZERO_ORE } from "~/kernel/money";
import type { IsoDate, Ore } from "~/kernel/types";
import { ceilingFor } from "~/rules/parameters/egenandelstak";

describe("Ore: a bare number of kroner is refused where øre is expected", () => {
  it("the payout rule takes øre, made from kroner only through kroner()", () => {
    const typedKroner = 300; // what a form or a careless caller holds
    const base = { year: 2024, paidOre: ZERO_ORE, hasAccount: true, reserved: false };
    const refused = () => {
      // @ts-expect-error a number (here kroner) is not øre
      decideOpenPayout({ ...base, owedOre: typedKroner });
      // @ts-expect-error formatting takes øre, not a bare number
      formatOre(typedKroner, "nb");
      // @ts-expect-error neither is a variable of type Ore
      const owed: Ore = typedKroner;
      return owed;
    };
    expect(typeof refused).toBe("function");
    expect(decideOpenPayout({ ...base, owedOre: kroner(typedKroner) })).toEqual({ amountOre: 30_000, status: "pending", reason: null });
    expect(formatOre(kroner(typedKroner), "nb")).toBe("300,00\u00a0kr");
  });

  it("a rule table's amount is Ore, and arithmetic through the kernel keeps it Ore", () => {
    const ceiling: Ore = ceilingFor("felles", 2024).ceilingOre;
    expect(ceiling).toBe(3_165_00);
    const over: Ore = maxOre(ZERO_ORE, subOre(addOre(ceiling, ore(1_000)), ceiling));
    expect(over).toBe(1_000);
    expect(sumOre([ore(1), ore(2), ore(3)])).toBe(6);
    expect(sumOre([])).toBe(0);
    expect(mulOre(ore(12_50), 3)).toBe(37_50);
    // @ts-expect-error adding two Ore with + gives a bare number
    const plain: Ore = ceiling + ceiling;
    expect(plain).toBe(6_330_00);
  });

  it("percentOf rounds as stated", () => {
    expect(percentOf(ore(1_001), 50, "half-up")).toBe(501);
    expect(percentOf(ore(1_001), 50, "floor")).toBe(500);
    expect(percentOf(ore(1_001), 50, "ceil")).toBe(501);
    expect(percentOf(ore(-1_001), 50, "half-up")).toBe(-501);
    expect(percentOf(ore(999), 39, "half-up")).toBe(390); // 389.61
  });

  it("refuses what is not whole øre at run time", () => {
    expect(() => ore(12.5)).toThrow(RangeError);
    expect(() => ore(Number.NaN)).toThrow(RangeError);
    expect(() => kroner(1.5)).toThrow(RangeError);
    expect(() => mulOre(ore(100), 1.5)).toThrow(RangeError);
    expect(oreOf("246000")).toBe(246_000);
  });
});

describe("IsoDate: a bare string is refused where a date is expected", () => {
  it("a string from outside must be parsed; a date literal in the code is accepted", () => {
    const typed: string = "2026-12-06"; // a form field, a JSON body
    const refused = () => {
      // @ts-expect-error a string is not a date until it is parsed
      addDays(typed, 1);
      // @ts-expect-error a Norwegian-format date does not have the ISO shape
      addDays("06.12.2026", 1);
      // @ts-expect-error nor does a fødselsnummer
      const d: IsoDate = "14035823159";
      return d;
    };
    expect(typeof refused).toBe("function");
    expect(addDays(isoDate(typed), 1)).toBe("2026-12-07");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("the parser accepts only real calendar dates", () => {
    expect(isoDate("2024-02-29")).toBe("2024-02-29");
    expect(() => isoDate("2023-02-29")).toThrow(RangeError);
    expect(() => isoDate("2026-13-01")).toThrow(RangeError);
    expect(() => isoDate("06.12.2026")).toThrow(RangeError);
    expect(() => isoDate("2026-12-6")).toThrow(RangeError);
    expect(isoDateOrNull("2026-12-06")).toBe("2026-12-06");
    expect(isoDateOrNull("")).toBeNull();
    expect(isoDateOrNull(null)).toBeNull();
  });
});
