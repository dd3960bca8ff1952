import { describe, expect, it } from "vitest";
import { summariseApplication, type ReceiptLine } from "~/domain/frikort-application";

const line = (id: string, serviceDate: string, amountOre: number, serviceType: ReceiptLine["serviceType"] = "lege"): ReceiptLine => ({
  id,
  providerName: "Legesenteret",
  serviceDate,
  serviceType,
  amountOre,
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
