import { describe, expect, it } from "vitest";
import { decisionAmountOre, needsSecondApproval } from "~/domain/staff-roles";

describe("four eyes (ADR 0015)", () => {
  it("applies to granting decisions above the threshold only", () => {
    const limit = 500_000; // 5 000 kr
    expect(needsSecondApproval("missing-egenandel", "registered", 500_001, limit)).toBe(true);
    expect(needsSecondApproval("missing-egenandel", "registered", 500_000, limit)).toBe(false); // at the limit: one caseworker
    expect(needsSecondApproval("missing-egenandel", "rejected", 900_000, limit)).toBe(false); // a rejection pays nothing
    expect(needsSecondApproval("frikort-application", "completed", 600_000, limit)).toBe(true);
    expect(needsSecondApproval("tip", "upheld", 900_000, limit)).toBe(false);
  });
  it("takes the amount from the report, or the sum of the application's receipts", () => {
    expect(decisionAmountOre("missing-egenandel", { amountOre: 27_500 })).toBe(27_500);
    expect(decisionAmountOre("frikort-application", { lines: [{ amountOre: 100 }, { amountOre: 250 }] })).toBe(350);
    expect(decisionAmountOre("frikort-application", {})).toBe(0);
    expect(decisionAmountOre("tip", { amountOre: 5 })).toBe(0);
  });
});
