import { describe, expect, it } from "vitest";
import { decideOpenPayout, type OpenPayoutInput } from "~/domain/payouts";

const base: OpenPayoutInput = { year: 2024, owedOre: 0, paidOre: 0, hasAccount: true, reserved: false };

describe("decideOpenPayout", () => {
  it.each<[string, Partial<OpenPayoutInput>, ReturnType<typeof decideOpenPayout>]>([
    ["nothing above the ceiling: nothing to pay", { owedOre: 0 }, null],
    ["one øre above the ceiling in 2024 is paid (no minimum from 2022)", { owedOre: 1 }, { amountOre: 1, status: "pending", reason: null }],
    ["199.99 kr above in 2021 is withheld (200 kr minimum up to 2021)", { year: 2021, owedOre: 19_999 }, { amountOre: 19_999, status: "withheld", reason: "below-minimum" }],
    ["exactly 200 kr above in 2021 is paid", { year: 2021, owedOre: 20_000 }, { amountOre: 20_000, status: "pending", reason: null }],
    ["199.99 kr above in 2022 is paid", { year: 2022, owedOre: 19_999 }, { amountOre: 19_999, status: "pending", reason: null }],
    ["199.99 kr above in 2019 is withheld", { year: 2019, owedOre: 19_999 }, { amountOre: 19_999, status: "withheld", reason: "below-minimum" }],
    ["only the part not yet paid out stands open", { owedOre: 50_000, paidOre: 30_000 }, { amountOre: 20_000, status: "pending", reason: null }],
    [
      "an increment below 200 kr in 2020 is paid when the year's total is above it",
      { year: 2020, owedOre: 25_000, paidOre: 22_000 },
      { amountOre: 3_000, status: "pending", reason: null },
    ],
    ["all paid out already: nothing open", { owedOre: 30_000, paidOre: 30_000 }, null],
    ["a correction that lowers the total below what was paid: nothing open", { owedOre: 10_000, paidOre: 30_000 }, null],
    ["no account on file: withheld", { owedOre: 30_000, hasAccount: false }, { amountOre: 30_000, status: "withheld", reason: "no-account" }],
    ["reserved: withheld", { owedOre: 30_000, reserved: true }, { amountOre: 30_000, status: "withheld", reason: "reserved" }],
    ["below the minimum wins over a missing account", { year: 2018, owedOre: 100, hasAccount: false }, { amountOre: 100, status: "withheld", reason: "below-minimum" }],
  ])("%s", (_name, input, expected) => {
    expect(decideOpenPayout({ ...base, ...input })).toEqual(expected);
  });
});
