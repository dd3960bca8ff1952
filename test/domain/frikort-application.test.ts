import { describe, expect, it } from "vitest";
import { applicationYears, deadlinePassed, grantsFromApplication, questionReceipt, summariseApplication, withGrantedFrikort, type ReceiptLine } from "~/domain/frikort-application";
import { computeYearOverview } from "~/domain/overview";
import { ore } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";

const line = (id: string, serviceDate: IsoDate, amountOre: number, serviceType: ReceiptLine["serviceType"] = "lege"): ReceiptLine => ({
  id,
  providerName: "Legesenteret",
  serviceDate,
  serviceType,
  amountOre: ore(amountOre),
});

describe("application for frikort by receipts (reserved)", () => {
  it("below the ceiling: the running sum and what is left, no deadline yet", () => {
    const s = summariseApplication(2026, "1980-01-01", [line("a", "2026-01-10", 100_000)]);
    expect(s.taks[0]).toMatchObject({ tak: "felles", registeredOre: 100_000, remainingOre: 327_800 - 100_000, frikortFrom: null, deadline: null });
  });
  it("the receipt that reaches the ceiling sets the date, and the deadline is six months later", () => {
    const s = summariseApplication(2026, "1980-01-01", [line("a", "2026-01-10", 300_000), line("b", "2026-03-14", 27_800)]);
    expect(s.taks[0]).toMatchObject({ frikortFrom: "2026-03-14", deadline: "2026-09-14", overCeilingOre: 0 });
  });
  it("two ceilings before 2021", () => {
    const s = summariseApplication(2019, "1980-01-01", [line("a", "2019-02-01", 210_000, "fysioterapi")]);
    expect(s.taks.map((t) => [t.tak, t.frikortFrom])).toEqual([
      ["tak1", null],
      ["tak2", "2019-02-01"],
    ]);
  });
});

describe("what approving the application grants (ADR 0017)", () => {
  it("a frikort from the day the receipts reached the ceiling, and a refund of what was paid above it", () => {
    const g = grantsFromApplication(2026, "1980-01-01", [line("a", "2026-01-10", 300_000), line("b", "2026-03-14", 50_000), line("c", "2026-04-01", 10_000)], true);
    expect(g).toEqual([
      {
        tak: "felles",
        validFrom: "2026-03-14",
        ceilingOre: 327_800,
        totalOre: 360_000,
        overCeilingOre: 32_200,
        payout: { amountOre: 32_200, status: "pending", reason: null },
      },
    ]);
  });
  it("below the ceiling: nothing is granted", () => {
    expect(grantsFromApplication(2026, "1980-01-01", [line("a", "2026-01-10", 300_000)], true)).toEqual([]);
  });
  it("the reservation does not withhold the refund; a missing account does", () => {
    const [g] = grantsFromApplication(2026, "1980-01-01", [line("a", "2026-01-10", 400_000)], false);
    expect(g!.payout).toEqual({ amountOre: 400_000 - 327_800, status: "withheld", reason: "no-account" });
  });
  it("2019 (two taks, 200 kr minimum payout): each tak on its own; 131 kr above tak 1 is not paid out", () => {
    const g = grantsFromApplication(2019, "1980-01-01", [line("a", "2019-02-01", 235_000), line("b", "2019-03-01", 15_000)], true);
    expect(g.map((x) => [x.tak, x.validFrom, x.overCeilingOre, x.payout?.status, x.payout?.reason])).toEqual([
      ["tak1", "2019-03-01", 250_000 - 236_900, "withheld", "below-minimum"],
    ]);
  });
  it("the overview takes the earlier of the engine's and the granted frikort date", () => {
    const overview = computeYearOverview({ year: 2026, birthDate: "1980-01-01", rows: [] });
    expect(withGrantedFrikort(overview, new Map([["felles", "2026-05-20"]])).taks[0]!.frikortFrom).toBe("2026-05-20");
    expect(withGrantedFrikort(overview, new Map()).taks[0]!.frikortFrom).toBeNull();
  });
});

describe("the application while reserved (issue 22 item 3)", () => {
  it("questions a 3 000 kr blue-prescription receipt: above 520 kr per prescription (to 2025)", () => {
    expect(questionReceipt({ serviceType: "legemidler", serviceDate: "2025-06-01", amountOre: ore(300_000) })).toEqual({
      code: "above-blue-prescription-max",
      maxOre: 520_00,
      per: "prescription",
      from: "2017-01-01",
    });
  });
  it("from 2026 the usual maximum is 400 kr per dispensing: 450 kr is questioned, 400 kr is not", () => {
    expect(questionReceipt({ serviceType: "legemidler", serviceDate: "2026-02-01", amountOre: ore(450_00) })).toMatchObject({
      maxOre: ore(400_00),
      per: "dispensing",
      from: "2026-01-01",
    });
    expect(questionReceipt({ serviceType: "legemidler", serviceDate: "2026-02-01", amountOre: ore(400_00) })).toBeNull();
    expect(questionReceipt({ serviceType: "legemidler", serviceDate: "2025-12-31", amountOre: ore(450_00) })).toBeNull();
  });
  it("other services are not questioned by this rule", () => {
    expect(questionReceipt({ serviceType: "lege", serviceDate: "2026-02-01", amountOre: ore(300_000) })).toBeNull();
  });
  it("the resident can apply for this year and the one before", () => {
    expect(applicationYears(2026)).toEqual([2026, 2025]);
  });
  it("the deadline has passed the day after it", () => {
    const [tak] = summariseApplication(2026, "1980-01-01", [line("a", "2026-05-20", 330_000)]).taks;
    expect(tak!.deadline).toBe("2026-11-20");
    expect(deadlinePassed(tak!.deadline, "2026-11-20")).toBe(false);
    expect(deadlinePassed(tak!.deadline, "2026-11-21")).toBe(true);
    expect(deadlinePassed(null, "2026-12-06")).toBe(false);
  });
});
