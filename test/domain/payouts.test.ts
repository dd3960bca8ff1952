import { describe, expect, it } from "vitest";
import { decideOpenPayout, mergeSmallRefunds, planSmallRefundRelease, type OpenPayoutInput } from "~/domain/payouts";
import { abroadNextSteps, expectedPayout, isPayoutRunDay, nextPayoutRun } from "~/domain/payout-timing";
import { kroner, ore } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";

const base: OpenPayoutInput = { year: 2024, owedOre: ore(0), paidOre: ore(0), hasAccount: true, reserved: false };

describe("decideOpenPayout", () => {
  it.each<[string, Partial<OpenPayoutInput>, ReturnType<typeof decideOpenPayout>]>([
    ["nothing above the ceiling: nothing to pay", { owedOre: ore(0) }, null],
    ["one øre above the ceiling in 2024 is paid (no minimum from 2022)", { owedOre: ore(1) }, { amountOre: ore(1), status: "pending", reason: null }],
    [
      "199.99 kr above in 2021 is withheld (200 kr minimum up to 2021)",
      { year: 2021, owedOre: ore(19_999) },
      { amountOre: ore(19_999), status: "withheld", reason: "below-minimum" },
    ],
    ["exactly 200 kr above in 2021 is paid", { year: 2021, owedOre: ore(20_000) }, { amountOre: ore(20_000), status: "pending", reason: null }],
    ["199.99 kr above in 2022 is paid", { year: 2022, owedOre: ore(19_999) }, { amountOre: ore(19_999), status: "pending", reason: null }],
    ["199.99 kr above in 2019 is withheld", { year: 2019, owedOre: ore(19_999) }, { amountOre: ore(19_999), status: "withheld", reason: "below-minimum" }],
    ["only the part not yet paid out stands open", { owedOre: ore(50_000), paidOre: ore(30_000) }, { amountOre: ore(20_000), status: "pending", reason: null }],
    [
      "an increment below 200 kr in 2020 is paid when the year's total is above it",
      { year: 2020, owedOre: ore(25_000), paidOre: ore(22_000) },
      { amountOre: ore(3_000), status: "pending", reason: null },
    ],
    ["all paid out already: nothing open", { owedOre: ore(30_000), paidOre: ore(30_000) }, null],
    ["a correction that lowers the total below what was paid: nothing open", { owedOre: ore(10_000), paidOre: ore(30_000) }, null],
    ["no account on file: withheld", { owedOre: ore(30_000), hasAccount: false }, { amountOre: ore(30_000), status: "withheld", reason: "no-account" }],
    ["reserved: withheld", { owedOre: ore(30_000), reserved: true }, { amountOre: ore(30_000), status: "withheld", reason: "reserved" }],
    ["below the minimum wins over a missing account", { year: 2018, owedOre: ore(100), hasAccount: false }, { amountOre: ore(100), status: "withheld", reason: "below-minimum" }],
  ])("%s", (_name, input, expected) => {
    expect(decideOpenPayout({ ...base, ...input })).toEqual(expected);
  });
});

describe("issue 18 item 4: small refunds under 200 kr merged within six months (2014–2021)", () => {
  const a = (id: string, arisenOn: IsoDate, kr: number) => ({ id, arisenOn, amountOre: kroner(kr) });

  it("2019: 120 kr on 1 March and 90 kr on 20 July (within six months) are paid together on 20 July", () => {
    expect(mergeSmallRefunds([a("m", "2019-03-01", 120), a("j", "2019-07-20", 90)], "2019-08-01")).toEqual([
      { id: "m", status: "pay", payOn: "2019-07-20", group: "m" },
      { id: "j", status: "pay", payOn: "2019-07-20", group: "m" },
    ]);
  });

  it("2019: 90 kr on 5 September is after 1 March's six months: 1 March's 120 kr is not paid, and 5 September's waits until 5 March 2020", () => {
    expect(mergeSmallRefunds([a("m", "2019-03-01", 120), a("s", "2019-09-05", 90)], "2019-10-01")).toEqual([
      { id: "m", status: "not-paid" },
      { id: "s", status: "waiting", until: "2020-03-05" },
    ]);
  });

  it("three amounts 80 + 70 + 60 kr in 2018 reach 200 kr on the third, and all three are paid that day", () => {
    const out = mergeSmallRefunds([a("1", "2018-01-10", 80), a("2", "2018-02-10", 70), a("3", "2018-05-10", 60)], "2018-06-01");
    expect(out.map((o) => (o.status === "pay" ? o.payOn : o.status))).toEqual(["2018-05-10", "2018-05-10", "2018-05-10"]);
  });

  it("an amount of 200 kr or more is paid alone the day it arises", () => {
    expect(mergeSmallRefunds([a("big", "2020-04-02", 250)], "2020-04-02")).toEqual([{ id: "big", status: "pay", payOn: "2020-04-02", group: "big" }]);
  });

  it("the merging ends with 2021: 150 kr from October 2021 is not joined by 100 kr in January 2022 and is not paid; the 2022 amount is paid (no minimum)", () => {
    expect(mergeSmallRefunds([a("o", "2021-10-01", 150), a("j", "2022-01-10", 100)], "2022-02-01")).toEqual([
      { id: "o", status: "not-paid" },
      { id: "j", status: "pay", payOn: "2022-01-10", group: "j" },
    ]);
    // while 2021 lasts it waits, at most to 31 December (not six months into 2022)
    expect(mergeSmallRefunds([a("o", "2021-10-01", 150)], "2021-11-01")).toEqual([{ id: "o", status: "waiting", until: "2021-12-31" }]);
  });
});

describe("issue 18 item 5: when payouts happen (dated rhythm)", () => {
  it("twice a month (2019, seed article): the 15th and the month's last day, or the business day before", () => {
    // 15 June 2019 is a Saturday, 30 June a Sunday
    expect(isPayoutRunDay("2019-06-14")).toBe(true);
    expect(isPayoutRunDay("2019-06-17")).toBe(false);
    expect(nextPayoutRun("2019-06-17")).toBe("2019-06-28");
    expect(expectedPayout("2019-06-17")).toEqual({ rhythm: "twice-monthly", runOn: "2019-06-28", uncertain: true });
  });

  it("continuously (helsenorge, from 2022): every business day; a decision on a Saturday is paid on Monday, and after Easter on the Tuesday", () => {
    expect(expectedPayout("2024-06-15")).toEqual({ rhythm: "continuous", runOn: "2024-06-17", uncertain: true });
    expect(isPayoutRunDay("2024-06-18")).toBe(true);
    // Easter 2025: Thursday 17 April to Monday 21 April
    expect(nextPayoutRun("2025-04-17")).toBe("2025-04-22");
  });
});

describe("issue 18 items 5 and 9: what the resident is told before sending an application abroad", () => {
  it("processing time up to six months and the payout rhythm of the day, each marked uncertain (no official source found)", () => {
    expect(abroadNextSteps("2026-12-06")).toEqual({ processingMonths: 6, processingUncertain: true, rhythm: "continuous", rhythmUncertain: true });
    expect(abroadNextSteps("2019-06-17").rhythm).toBe("twice-monthly");
  });
});

describe("planSmallRefundRelease (the payout run's merge, issue 18 item 4)", () => {
  it("releases a withheld small refund once a refund already paid within six months brings the sum to 200 kr, and leaves a cancelled one out", () => {
    const plan = planSmallRefundRelease(
      [
        { id: "small", arisenOn: "2019-02-01", amountOre: ore(9_000), status: "withheld", statusReason: "below-minimum" },
        { id: "gone", arisenOn: "2019-03-01", amountOre: ore(50_000), status: "cancelled", statusReason: "correction" },
        { id: "abroad", arisenOn: "2019-06-20", amountOre: ore(11_000), status: "paid", statusReason: null },
        { id: "lone", arisenOn: "2020-05-01", amountOre: ore(3_000), status: "withheld", statusReason: "below-minimum" },
      ],
      "2026-11-27",
    );
    expect(plan.release).toEqual(["small"]);
    expect([...plan.groupOf]).toEqual([
      ["small", "small"],
      ["abroad", "small"],
    ]);
  });

  it("releases nothing while the sum is short of 200 kr", () => {
    const plan = planSmallRefundRelease(
      [
        { id: "a", arisenOn: "2021-08-01", amountOre: ore(9_000), status: "withheld", statusReason: "below-minimum" },
        { id: "b", arisenOn: "2021-09-01", amountOre: ore(10_999), status: "withheld", statusReason: "below-minimum" },
      ],
      "2021-10-01",
    );
    expect(plan).toEqual({ release: [], groupOf: new Map() });
  });
});
