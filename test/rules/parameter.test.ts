import { describe, expect, it } from "vitest";
import { defineParameter, entryAt, MissingParameterError, valueAt } from "~/rules/parameter";
import { isoDate } from "~/kernel/dates";

const example = defineParameter<number>({
  id: "test.example",
  description: "An example parameter for the lookup engine.",
  unit: "NOK_ORE",
  legalBasis: "none (test)",
  lastReviewedOn: "2026-01-01",
  values: {
    "2022-01-01": { value: 200, reference: "ref B", confidence: "P" },
    "2020-01-01": { value: 100, reference: "ref A", confidence: "C", note: "first" },
    "2024-07-01": { value: null, reference: "ref C", confidence: "C", note: "ended" },
  },
});

describe("defineParameter", () => {
  it("sorts values newest first and keeps metadata", () => {
    expect(example.values.map((v) => v.from)).toEqual(["2024-07-01", "2022-01-01", "2020-01-01"]);
    expect(example).toMatchObject({ id: "test.example", unit: "NOK_ORE", lastReviewedOn: "2026-01-01" });
  });

  it.each([
    ["a bad date key", { "2020-13-01": { value: 1, reference: "x", confidence: "C" } }],
    ["an empty reference", { "2020-01-01": { value: 1, reference: " ", confidence: "C" } }],
    ["no values", {}],
  ] as const)("rejects %s", (_name, values) => {
    expect(() =>
      defineParameter<number>({
        id: "bad",
        description: "d",
        unit: "u",
        legalBasis: "l",
        lastReviewedOn: "2026-01-01",
        values: values as never,
      }),
    ).toThrow(/Invalid parameter bad/);
  });

  it("rejects a missing legal basis or review date", () => {
    const base = { id: "bad", description: "d", unit: "u", values: { "2020-01-01": { value: 1, reference: "x", confidence: "C" as const } } };
    expect(() => defineParameter({ ...base, legalBasis: "", lastReviewedOn: "2026-01-01" })).toThrow(/legalBasis/);
    expect(() => defineParameter({ ...base, legalBasis: "l", lastReviewedOn: "2026-1-1" })).toThrow(/lastReviewedOn/);
  });
});

describe("valueAt / entryAt", () => {
  it.each([
    ["2020-01-01", 100],
    ["2021-12-31", 100],
    ["2022-01-01", 200],
    ["2024-06-30", 200],
  ])("%s → %d", (date, expected) => {
    expect(valueAt(example, isoDate(date))).toBe(expected);
  });

  it.each(["2019-12-31", "2024-07-01", "2030-01-01"])("%s throws MissingParameterError", (date) => {
    expect(() => valueAt(example, isoDate(date))).toThrow(MissingParameterError);
    try {
      valueAt(example, isoDate(date));
    } catch (e) {
      expect(e).toBeInstanceOf(MissingParameterError);
      expect((e as MissingParameterError).parameterId).toBe("test.example");
      expect((e as MissingParameterError).date).toBe(date);
    }
  });

  it("entryAt returns the whole entry, the ending null entry, or null before the first", () => {
    expect(entryAt(example, "2021-05-05")).toEqual({ from: "2020-01-01", value: 100, reference: "ref A", confidence: "C", note: "first" });
    expect(entryAt(example, "2025-01-01")).toMatchObject({ from: "2024-07-01", value: null });
    expect(entryAt(example, "2019-01-01")).toBeNull();
  });

  it("rejects a malformed lookup date", () => {
    expect(() => valueAt(example, "2022-1-1")).toThrow(RangeError);
  });
});
