import { describe, expect, it } from "vitest";
import { computeYearOverview, type OverviewLineStatus } from "~/domain/overview";
import type { EgenandelRow, IsoDate, ServiceType } from "~/kernel/types";
import { UnsupportedYearError } from "~/rules/parameters/egenandelstak";
import { ore } from "~/kernel/money";

function row(id: string, serviceDate: IsoDate, amountOre: number, opts: { type?: ServiceType; paid?: boolean; cancelled?: boolean } = {}): EgenandelRow {
  const paid = opts.paid ?? true;
  return {
    id,
    serviceDate,
    serviceType: opts.type ?? "lege",
    amountOre: ore(amountOre),
    providerName: "Storgata legesenter",
    paid,
    paidDate: paid ? serviceDate : null,
    cancelled: opts.cancelled ?? false,
  };
}

const statuses = (lines: Array<{ id: string; status: OverviewLineStatus }>) => Object.fromEntries(lines.map((l) => [l.id, l.status]));

// 2024: the single egenandelstak is 3 165 kr = 316 500 øre.
const C2024 = 316_500;

describe("computeYearOverview: crossing the ceiling (2024, felles 316 500 øre)", () => {
  it.each([
    {
      name: "exactly at the ceiling: frikort from that date, nothing over",
      rows: [row("a", "2024-03-01", 200_000), row("b", "2024-05-02", C2024 - 200_000)],
      expected: { registeredOre: C2024, remainingOre: 0, overCeilingOre: 0, progressPercent: 100, frikortFrom: "2024-05-02" },
    },
    {
      name: "one øre under: no frikort",
      rows: [row("a", "2024-03-01", 200_000), row("b", "2024-05-02", C2024 - 200_001)],
      expected: { registeredOre: C2024 - 1, remainingOre: 1, overCeilingOre: 0, progressPercent: 99, frikortFrom: null },
    },
    {
      name: "one øre over: frikort, 1 øre owed back",
      rows: [row("a", "2024-03-01", 200_000), row("b", "2024-05-02", C2024 - 199_999)],
      expected: { registeredOre: C2024 + 1, remainingOre: 0, overCeilingOre: 1, progressPercent: 100, frikortFrom: "2024-05-02" },
    },
    {
      name: "a single egenandel above the ceiling",
      rows: [row("a", "2024-12-31", C2024 + 50_000)],
      expected: { registeredOre: C2024 + 50_000, remainingOre: 0, overCeilingOre: 50_000, progressPercent: 100, frikortFrom: "2024-12-31" },
    },
    {
      name: "no rows",
      rows: [],
      expected: { registeredOre: 0, remainingOre: C2024, overCeilingOre: 0, progressPercent: 0, frikortFrom: null },
    },
    {
      name: "half-way rounds down (158 250 → 50 %, 158 249 → 49 %)",
      rows: [row("a", "2024-01-02", 158_249)],
      expected: { registeredOre: 158_249, remainingOre: C2024 - 158_249, overCeilingOre: 0, progressPercent: 49, frikortFrom: null },
    },
    {
      name: "unpaid and cancelled rows never count",
      rows: [
        row("a", "2024-03-01", 300_000),
        row("b", "2024-03-02", 100_000, { paid: false }),
        row("c", "2024-03-03", 100_000, { cancelled: true }),
        row("d", "2024-03-04", 100_000, { paid: true, cancelled: true }),
      ],
      expected: { registeredOre: 300_000, remainingOre: 16_500, overCeilingOre: 0, progressPercent: 94, frikortFrom: null },
    },
  ])("$name", ({ rows, expected }) => {
    const overview = computeYearOverview({ year: 2024, birthDate: "1980-01-01", rows });
    expect(overview.taks).toHaveLength(1);
    expect(overview.taks[0]).toMatchObject({ tak: "felles", ceilingOre: C2024, ...expected });
  });

  it("half-way is exactly 50 %", () => {
    const overview = computeYearOverview({ year: 2024, birthDate: null, rows: [row("a", "2024-01-02", 158_250)] });
    expect(overview.taks[0]?.progressPercent).toBe(50);
  });

  it("ties on the crossing date: the frikort date is that date; same-day rows stay counted, later days are after-frikort", () => {
    const rows = [
      row("d", "2024-06-11", 10_000),
      row("c", "2024-06-10", 10_000),
      row("b", "2024-06-10", 16_500), // 300 000 + 16 500 = ceiling, in id order a, b, c
      row("a", "2024-06-10", 0),
      row("base", "2024-01-15", 300_000),
    ];
    const overview = computeYearOverview({ year: 2024, birthDate: null, rows });
    expect(overview.lines.map((l) => l.id)).toEqual(["base", "a", "b", "c", "d"]);
    expect(statuses(overview.lines)).toEqual({
      base: "counted",
      a: "counted",
      b: "counted",
      c: "counted",
      d: "after-frikort",
    });
    expect(overview.taks[0]).toMatchObject({
      frikortFrom: "2024-06-10",
      registeredOre: C2024 + 20_000,
      overCeilingOre: 20_000,
    });
  });

  it("does not depend on the input order", () => {
    const rows = [row("x1", "2024-02-01", 150_000), row("x2", "2024-02-01", 150_000), row("x3", "2024-02-01", 16_500), row("x4", "2024-02-02", 500)];
    const a = computeYearOverview({ year: 2024, birthDate: null, rows });
    const b = computeYearOverview({ year: 2024, birthDate: null, rows: [...rows].reverse() });
    expect(b).toEqual(a);
    expect(a.taks[0]?.frikortFrom).toBe("2024-02-01");
  });

  it("unpaid rows after the frikort date are unpaid, not after-frikort", () => {
    const rows = [row("a", "2024-02-01", C2024), row("b", "2024-03-01", 5_000, { paid: false }), row("c", "2024-03-02", 5_000)];
    const overview = computeYearOverview({ year: 2024, birthDate: null, rows });
    expect(statuses(overview.lines)).toEqual({ a: "counted", b: "unpaid", c: "after-frikort" });
    expect(overview.taks[0]).toMatchObject({ registeredOre: C2024 + 5_000, overCeilingOre: 5_000 });
  });

  it("totalPaidOre sums paid, non-cancelled rows, including after-frikort rows", () => {
    const rows = [row("a", "2024-02-01", C2024), row("b", "2024-03-01", 5_000, { paid: false }), row("c", "2024-03-02", 7_000), row("d", "2024-03-03", 9_000, { cancelled: true })];
    expect(computeYearOverview({ year: 2024, birthDate: null, rows }).totalPaidOre).toBe(C2024 + 7_000);
  });

  it("only rows in the requested year are included", () => {
    const rows = [row("old", "2023-12-31", 100_000), row("new", "2025-01-01", 100_000), row("in", "2024-07-01", 100)];
    const overview = computeYearOverview({ year: 2024, birthDate: null, rows });
    expect(overview.lines.map((l) => l.id)).toEqual(["in"]);
    expect(overview.taks[0]?.registeredOre).toBe(100);
  });

  it("rejects a negative or fractional amount", () => {
    expect(() => computeYearOverview({ year: 2024, birthDate: null, rows: [row("a", "2024-01-01", -1)] })).toThrow(RangeError);
    expect(() => computeYearOverview({ year: 2024, birthDate: null, rows: [row("a", "2024-01-01", 1.5)] })).toThrow(RangeError);
  });
});

describe("computeYearOverview: two taks before 2021", () => {
  it("2019 keeps separate running totals for tak 1 (236 900) and tak 2 (208 500)", () => {
    const rows = [
      row("f1", "2019-02-01", 200_000, { type: "fysioterapi" }),
      row("f2", "2019-03-01", 8_500, { type: "fysioterapi" }), // tak 2 reached
      row("f3", "2019-04-01", 19_100, { type: "fysioterapi" }),
      row("t1", "2019-03-15", 1_000, { type: "tannbehandling" }),
      row("l1", "2019-01-10", 236_899, { type: "legemidler" }), // one øre under tak 1
      row("p1", "2019-05-01", 0, { type: "pasientreiser" }),
    ];
    const overview = computeYearOverview({ year: 2019, birthDate: "1958-03-14", rows });
    expect(overview.taks.map((t) => t.tak)).toEqual(["tak1", "tak2"]);
    const [tak1, tak2] = overview.taks;
    expect(tak1).toMatchObject({ ceilingOre: 236_900, registeredOre: 236_899, remainingOre: 1, frikortFrom: null, ceilingConfidence: "U" });
    expect(tak1?.ceilingNote).toMatch(/2 365/);
    expect(tak2).toMatchObject({ ceilingOre: 208_500, registeredOre: 228_600, overCeilingOre: 20_100, frikortFrom: "2019-03-01", ceilingConfidence: "C" });
    expect(tak2?.ceilingNote).toBeUndefined();
    expect(statuses(overview.lines)).toEqual({
      l1: "counted",
      f1: "counted",
      f2: "counted",
      t1: "after-frikort",
      f3: "after-frikort",
      p1: "counted",
    });
    expect(overview.lines.find((l) => l.id === "p1")?.tak).toBe("tak1");
  });

  it.each([
    { name: "physio on 2020-12-31 counts to tak 2", year: 2020, date: "2020-12-31" as IsoDate, tak: "tak2" },
    { name: "physio on 2021-01-01 counts to the single tak", year: 2021, date: "2021-01-01" as IsoDate, tak: "felles" },
    { name: "a GP visit on 2020-12-31 counts to tak 1", year: 2020, date: "2020-12-31" as IsoDate, tak: "tak1", type: "lege" as const },
  ])("$name", ({ year, date, tak, type }) => {
    const rows = [row("x", date, 17_100, { type: type ?? "fysioterapi" }), row("other-year", year === 2020 ? "2021-01-01" : "2020-12-31", 99_999, { type: "fysioterapi" })];
    const overview = computeYearOverview({ year, birthDate: null, rows });
    expect(overview.lines).toHaveLength(1);
    expect(overview.lines[0]?.tak).toBe(tak);
    expect(overview.taks.find((t) => t.tak === tak)?.registeredOre).toBe(17_100);
    expect(overview.taks.reduce((s, t) => s + t.registeredOre, 0)).toBe(17_100);
  });

  it("the 2020 overview has tak1 2 460 kr and tak2 2 176 kr; 2021 has one tak of 2 460 kr", () => {
    expect(computeYearOverview({ year: 2020, birthDate: null, rows: [] }).taks.map((t) => [t.tak, t.ceilingOre])).toEqual([
      ["tak1", 246_000],
      ["tak2", 217_600],
    ]);
    expect(computeYearOverview({ year: 2021, birthDate: null, rows: [] }).taks.map((t) => [t.tak, t.ceilingOre])).toEqual([["felles", 246_000]]);
  });
});

describe("computeYearOverview: children under 16", () => {
  it.each([
    { name: "turns 16 mid-year", birthDate: "2008-06-15" as IsoDate, year: 2024, childExempt: { until: "2024-06-14" as IsoDate } },
    { name: "under 16 on 31 December (16 on 1 January next year)", birthDate: "2010-01-01" as IsoDate, year: 2025, childExempt: "whole-year" },
    { name: "turns 16 on 31 December", birthDate: "2009-12-31" as IsoDate, year: 2025, childExempt: { until: "2025-12-30" as IsoDate } },
    { name: "turned 16 on 1 January (exempt until the previous year)", birthDate: "2009-01-01" as IsoDate, year: 2025, childExempt: null },
    { name: "turns 16 on 2 January", birthDate: "2009-01-02" as IsoDate, year: 2025, childExempt: { until: "2025-01-01" as IsoDate } },
    { name: "born during the year", birthDate: "2025-05-05" as IsoDate, year: 2025, childExempt: "whole-year" },
    { name: "adult", birthDate: "1980-05-05" as IsoDate, year: 2025, childExempt: null },
    { name: "unknown birth date", birthDate: null, year: 2025, childExempt: null },
    { name: "29 Feb birthday, 16th in a leap year", birthDate: "2008-02-29" as IsoDate, year: 2024, childExempt: { until: "2024-02-28" as IsoDate } },
  ])("$name", ({ birthDate, year, childExempt }) => {
    const overview = computeYearOverview({ year, birthDate, rows: [] });
    expect(overview.childExempt).toEqual(childExempt);
  });

  it("rows while under 16 are exempt and do not count; from the 16th birthday they count", () => {
    const rows = [
      row("a", "2024-01-10", 100_000),
      row("b", "2024-06-14", 100_000), // last day under 16
      row("c", "2024-06-15", 27_500), // 16th birthday
      row("d", "2024-06-20", 100_000, { paid: false }),
      row("e", "2024-03-01", 100_000, { cancelled: true }),
      row("f", "2024-03-02", 100_000, { paid: false }),
    ];
    const overview = computeYearOverview({ year: 2024, birthDate: "2008-06-15", rows });
    expect(statuses(overview.lines)).toEqual({ a: "exempt", e: "cancelled", f: "exempt", b: "exempt", c: "counted", d: "unpaid" });
    expect(overview.taks[0]).toMatchObject({ registeredOre: 27_500, frikortFrom: null });
    expect(overview.totalPaidOre).toBe(27_500); // exempt rows are not money the child paid
  });

  it("a child under 16 all year never reaches a frikort", () => {
    const rows = [row("a", "2024-02-01", 400_000), row("b", "2024-12-31", 400_000)];
    const overview = computeYearOverview({ year: 2024, birthDate: "2015-03-01", rows });
    expect(overview.childExempt).toBe("whole-year");
    expect(overview.lines.every((l) => l.status === "exempt")).toBe(true);
    expect(overview.taks[0]).toMatchObject({ registeredOre: 0, frikortFrom: null, progressPercent: 0 });
  });
});

describe("computeYearOverview: supported years and ceiling metadata", () => {
  it.each([2016, 2027, 1999, 2100])("%d throws UnsupportedYearError", (year) => {
    expect(() => computeYearOverview({ year, birthDate: null, rows: [] })).toThrow(UnsupportedYearError);
    try {
      computeYearOverview({ year, birthDate: null, rows: [] });
    } catch (e) {
      expect((e as UnsupportedYearError).year).toBe(year);
    }
  });

  it.each([
    [2017, ["tak1", "tak2"], [220_500, 199_000]],
    [2018, ["tak1", "tak2"], [225_800, 202_500]],
    [2019, ["tak1", "tak2"], [236_900, 208_500]],
    [2020, ["tak1", "tak2"], [246_000, 217_600]],
    [2021, ["felles"], [246_000]],
    [2022, ["felles"], [292_100]],
    [2023, ["felles"], [304_000]],
    [2024, ["felles"], [316_500]],
    [2025, ["felles"], [327_800]],
    [2026, ["felles"], [327_800]],
  ])("%d has taks %j with ceilings %j", (year, taks, ceilings) => {
    const overview = computeYearOverview({ year, birthDate: null, rows: [] });
    expect(overview.taks.map((t) => t.tak)).toEqual(taks);
    expect(overview.taks.map((t) => t.ceilingOre)).toEqual(ceilings);
    for (const t of overview.taks) expect(t.ceilingReference.length).toBeGreaterThan(10);
  });

  it("2026 carries the unconfirmed-figure warning", () => {
    const t = computeYearOverview({ year: 2026, birthDate: null, rows: [] }).taks[0];
    expect(t?.ceilingConfidence).toBe("U");
    expect(t?.ceilingNote).toMatch(/Verify before use/);
  });
});
