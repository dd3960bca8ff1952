/**
 * Deciding a refund claim abroad (issue 19 item 4): the refund recomputed by the estimate's own
 * function on the lines as approved, part approval, the reasons from the rules, four eyes, what a
 * superseding decision still pays, and the six-week appeal deadline.
 */
import { describe, expect, it } from "vitest";
import type { InvoiceAnswers } from "~/domain/abroad-application";
import {
  abroadAppealDeadline,
  abroadNeedsSecondApproval,
  appealOpen,
  computeDecision,
  payoutDue,
  rateOpenErrors,
  reasonsFor,
  validateDecision,
  type AbroadDecisionInput,
  type EstimateContext,
} from "~/domain/abroad-decision";
import { lastAppealOutcome } from "~/domain/appeal";
import { estimateRefund } from "~/domain/refund-estimate";
import { ore } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";
import { isoDate } from "~/kernel/dates";

const CTX: EstimateContext = { birthDate: "1980-01-01", yrkesskade: false, frikortFrom: {}, statedExemption: null };

function invoice(lines: Array<{ date: IsoDate; amount: string }>, over: Partial<InvoiceAnswers> = {}): InvoiceAnswers {
  return {
    providerName: "Fisio Madrid",
    invoiceNumber: "F-1",
    invoiceDate: lines[0]!.date,
    patientName: "Ola",
    diagnosisCode: "",
    diagnosisText: "",
    currency: "EUR",
    total: "0",
    paymentDate: "2024-05-16",
    amountsConfirmed: true,
    lines: lines.map((l) => ({ date: l.date, treatmentForm: "ovelsesbehandling", description: "Ejercicios", durationMinutes: 30, amount: l.amount })),
    ...over,
  };
}
const INV = invoice([
  { date: "2024-05-13" as IsoDate, amount: "50.00" },
  { date: "2024-05-14" as IsoDate, amount: "50.00" },
  { date: "2024-05-15" as IsoDate, amount: "50.00" },
]);
const invoices = [{ documentId: "doc-1", answers: INV }];
const decide = (lines: AbroadDecisionInput["lines"], note = ""): AbroadDecisionInput => ({ lines, note });
const all = (outcome: "approve" | "reject") => decide(INV.lines.map((_, lineNo) => ({ invoiceNo: 0, lineNo, outcome, reasons: outcome === "reject" ? ["not-documented"] : [] })));

describe("recompute by the estimate's functions", () => {
  it("approving every line gives exactly the resident's estimate", () => {
    const est = estimateRefund({ currency: "EUR", paymentDate: isoDate(INV.paymentDate), invoiceDate: INV.invoiceDate, ...CTX, lines: INV.lines });
    const d = computeDecision(invoices, all("approve"), CTX);
    expect(d.outcome).toBe("approved");
    expect(d.refundOre).toBe(est.totals.refundOre);
    expect(d.refundOre).toBeGreaterThan(0);
    expect(d.lines.map((l) => l.refundOre)).toEqual(est.lines.map((l) => l.refundOre));
  });
  it("a rejected line pays nothing and leaves the others as they were", () => {
    const full = computeDecision(invoices, all("approve"), CTX);
    const d = computeDecision(
      invoices,
      decide([
        { invoiceNo: 0, lineNo: 0, outcome: "approve", reasons: [] },
        { invoiceNo: 0, lineNo: 1, outcome: "reject", reasons: ["claimed-before"] },
        { invoiceNo: 0, lineNo: 2, outcome: "approve", reasons: [] },
      ]),
      CTX,
    );
    expect(d.outcome).toBe("partly-approved");
    expect(d.lines[1]).toMatchObject({ outcome: "reject", refundOre: 0, approvedAmount: "0.00", reasons: ["claimed-before"] });
    expect(d.lines[0]!.refundOre).toBe(full.lines[0]!.refundOre);
    expect(d.refundOre).toBe(full.refundOre - full.lines[1]!.refundOre);
  });
  it("a claim that crosses the ceiling (issue 18 item 9): lines after the frikort date carry no egenandel, in the decision as in the estimate", () => {
    const ctx: EstimateContext = { ...CTX, frikortFrom: { 2024: "2024-05-13" } };
    const est = estimateRefund({ currency: "EUR", paymentDate: isoDate(INV.paymentDate), invoiceDate: INV.invoiceDate, ...ctx, lines: INV.lines });
    const d = computeDecision(invoices, all("approve"), ctx);
    // 13 May is the day the ceiling was reached: its egenandel is paid; 14 and 15 May come after it
    expect(d.lines.map((l) => l.egenandelOre)).toEqual([17_100, 0, 0]);
    expect(est.lines.map((l) => l.egenandelDeductedOre)).toEqual([17_100, 0, 0]);
    expect(est.lines.map((l) => l.egenandelExemption)).toEqual([null, "frikort", "frikort"]);
    expect(d.lines.map((l) => l.refundOre)).toEqual(est.lines.map((l) => l.refundOre));
    expect(d.refundOre).toBe(est.totals.refundOre);
    expect(d.egenandelOre).toBe(17_100);
    // without the frikort every line carries it
    expect(computeDecision(invoices, all("approve"), CTX).egenandelOre).toBe(3 * 17_100);
  });
  it("a 50-minute treatment is priced in the decision as in the estimate: 20 min + 3 started 10-minute blocks (issue 18 item 9)", () => {
    const long = invoice([{ date: "2024-05-13" as IsoDate, amount: "80.00" }]);
    long.lines[0]!.durationMinutes = 50;
    const est = estimateRefund({ currency: "EUR", paymentDate: isoDate(long.paymentDate), invoiceDate: long.invoiceDate, ...CTX, lines: long.lines });
    expect(est.lines[0]!.blockPricing?.blocks).toBe(3);
    const d = computeDecision([{ documentId: "doc-2", answers: long }], decide([{ invoiceNo: 0, lineNo: 0, outcome: "approve", reasons: [] }]), CTX);
    expect(d.lines[0]).toMatchObject({ refundOre: est.lines[0]!.refundOre, egenandelOre: 25_100 });
  });
  it("rejecting every line is a rejection with no refund", () => {
    expect(computeDecision(invoices, all("reject"), CTX)).toMatchObject({ outcome: "rejected", refundOre: 0 });
  });
});

describe("approve in part", () => {
  it("the refund is recomputed on the amount approved: a small amount limits it to what was approved less the egenandel", () => {
    const full = computeDecision(invoices, all("approve"), CTX);
    const lines = INV.lines.map((_, lineNo) => ({ invoiceNo: 0, lineNo, outcome: "approve" as const, reasons: [] as string[] }));
    const part = decide([{ invoiceNo: 0, lineNo: 0, outcome: "approve-part", approvedAmount: "10.00", reasons: ["amount-not-paid"] }, lines[1]!, lines[2]!]);
    expect(validateDecision(invoices, part)).toEqual([]);
    const d = computeDecision(invoices, part, CTX);
    expect(d.outcome).toBe("partly-approved");
    expect(d.lines[0]).toMatchObject({ outcome: "approve-part", claimedAmount: "50.00", approvedAmount: "10.00" });
    expect(d.lines[0]!.refundOre).toBeLessThan(full.lines[0]!.refundOre);
    const alone = estimateRefund({ currency: "EUR", paymentDate: isoDate(INV.paymentDate), invoiceDate: INV.invoiceDate, ...CTX, lines: [{ ...INV.lines[0]!, amount: "10.00" }] });
    expect(d.lines[0]!.refundOre).toBe(alone.lines[0]!.refundOre);
  });
  it("the amount must be above zero and below what was claimed, with a reason", () => {
    const line = (approvedAmount: string, reasons: string[] = ["amount-not-paid"]) =>
      decide([{ invoiceNo: 0, lineNo: 0, outcome: "approve-part", approvedAmount, reasons }, ...all("approve").lines.slice(1)]);
    expect(validateDecision(invoices, line("50.00"))).toEqual([{ code: "amount-not-less", invoiceNo: 0, lineNo: 0 }]);
    expect(validateDecision(invoices, line("0.00"))).toEqual([{ code: "amount-invalid", invoiceNo: 0, lineNo: 0 }]);
    expect(validateDecision(invoices, line("invalid"))).toEqual([{ code: "amount-invalid", invoiceNo: 0, lineNo: 0 }]);
    expect(validateDecision(invoices, line("20.00", []))).toEqual([{ code: "reason-missing", invoiceNo: 0, lineNo: 0 }]);
  });
});

describe("reasons come from the dated rules", () => {
  it("every line needs an outcome; a reason must fit the outcome and the line's date", () => {
    expect(validateDecision(invoices, decide([]))).toHaveLength(3);
    const rejectWithPartReason = decide([{ invoiceNo: 0, lineNo: 0, outcome: "reject", reasons: ["amount-not-paid"] }, ...all("approve").lines.slice(1)]);
    expect(validateDecision(invoices, rejectWithPartReason)).toEqual([{ code: "reason-unknown", invoiceNo: 0, lineNo: 0, reason: "amount-not-paid" }]);
  });
  it("'no referral' is a reason for treatment before 2018 only", () => {
    expect(reasonsFor("2017-06-01", "reject").map((r) => r.code)).toContain("no-referral");
    expect(reasonsFor("2024-05-13", "reject").map((r) => r.code)).not.toContain("no-referral");
    const noReferral = decide([{ invoiceNo: 0, lineNo: 0, outcome: "reject", reasons: ["no-referral"] }, ...all("approve").lines.slice(1)]);
    expect(validateDecision(invoices, noReferral)).toEqual([{ code: "reason-unknown", invoiceNo: 0, lineNo: 0, reason: "no-referral" }]);
  });
  it("every reason names its legal basis", () => {
    for (const r of reasonsFor("2017-06-01", "reject")) expect(r.legalBasis).toMatch(/§/);
  });
  it("'another reason' needs free text", () => {
    const other = decide([{ invoiceNo: 0, lineNo: 0, outcome: "reject", reasons: ["other"] }, ...all("approve").lines.slice(1)]);
    expect(validateDecision(invoices, other)).toEqual([{ code: "note-missing" }]);
    expect(validateDecision(invoices, { ...other, note: "Fakturaen gjelder en annen person." })).toEqual([]);
  });
  it("an invoice without a payment date cannot be decided", () => {
    expect(validateDecision([{ answers: { ...INV, paymentDate: "" } }], all("approve"))).toContainEqual({ code: "payment-date-missing", invoiceNo: 0 });
  });
});

describe("four eyes", () => {
  it("applies to a refund above the threshold, not at it, and never to a rejection", () => {
    expect(abroadNeedsSecondApproval({ outcome: "approved", refundOre: ore(500_001) }, ore(500_000))).toBe(true);
    expect(abroadNeedsSecondApproval({ outcome: "partly-approved", refundOre: ore(500_000) }, ore(500_000))).toBe(false);
    expect(abroadNeedsSecondApproval({ outcome: "rejected", refundOre: ore(0) }, ore(0))).toBe(false);
  });
});

describe("superseding decisions", () => {
  it("pay what the new decision leaves after what was paid, never less than nothing", () => {
    expect(payoutDue(ore(30_000), ore(0))).toBe(30_000);
    expect(payoutDue(ore(30_000), ore(20_000))).toBe(10_000);
    expect(payoutDue(ore(10_000), ore(20_000))).toBe(0);
  });
});

describe("appeal deadline", () => {
  it("is six weeks after the decision day, that day included", () => {
    expect(abroadAppealDeadline("2026-11-02")).toBe("2026-12-14");
    expect(appealOpen("2026-11-02", "2026-12-14")).toBe(true);
    expect(appealOpen("2026-11-02", "2026-12-15")).toBe(false);
  });
});

describe("the letter after an appeal", () => {
  it("names the last appeal's outcome: decided again (reverse) or upheld and sent on (forward); none without a handled appeal", () => {
    const at = "2026-11-01T10:00:00Z";
    expect(
      lastAppealOutcome([
        { status: "decided", at },
        { status: "appealed", at },
      ]),
    ).toBeNull();
    expect(
      lastAppealOutcome([
        { status: "decided", at },
        { status: "appealed", at },
        { status: "under-review", at, note: "Ny vurdering." },
      ]),
    ).toEqual({ outcome: "reverse", at, reason: "Ny vurdering." });
    expect(
      lastAppealOutcome([
        { status: "received", at },
        { status: "under-review", at },
      ]),
    ).toBeNull();
    expect(
      lastAppealOutcome([
        { status: "appealed", at },
        { status: "under-review", at },
        { status: "decided", at },
        { status: "appealed", at },
        { status: "appeal-forwarded", at, note: null },
      ]),
    ).toEqual({ outcome: "forward", at, reason: null });
  });
});

describe("rate to be fixed (issue 18 item 3)", () => {
  // paid on a day after the last published rate in the data (none stored): the rate is open
  const LATE = [
    {
      documentId: "doc-late",
      answers: invoice(
        [
          { date: "2026-11-20", amount: "50.00" },
          { date: "2026-11-21", amount: "50.00" },
        ],
        { paymentDate: "2026-11-30" },
      ),
    },
  ];

  it("an approved line at an unknown rate is named, never priced at 0 kr silently", () => {
    const d = computeDecision(
      LATE,
      decide([
        { invoiceNo: 0, lineNo: 0, outcome: "approve", reasons: [] },
        { invoiceNo: 0, lineNo: 1, outcome: "reject", reasons: ["not-documented"] },
      ]),
      CTX,
    );
    expect(d.rateOpen).toEqual([{ invoiceNo: 0, lineNo: 0, currency: "EUR", requestedDate: "2026-11-30" }]);
    expect(rateOpenErrors(d)).toEqual([{ code: "rate-open", invoiceNo: 0, lineNo: 0 }]);
  });

  it("rejecting every line needs no rate, and a claim with rates has none open", () => {
    const rejected = computeDecision(LATE, decide([0, 1].map((lineNo) => ({ invoiceNo: 0, lineNo, outcome: "reject" as const, reasons: ["not-documented"] }))), CTX);
    expect(rateOpenErrors(rejected)).toEqual([]);
    expect(computeDecision(invoices, all("approve"), CTX).rateOpen).toEqual([]);
  });
});
