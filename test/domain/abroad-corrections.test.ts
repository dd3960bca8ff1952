/** The caseworker's corrections as pure functions (domain/abroad-corrections.ts): which fields, which values, in which order. */
import { describe, expect, it } from "vitest";
import { answerOf, ANSWER_PREFIX, applyCorrections, currentValue, normaliseCorrection, parseField, rateDateOf, reasonError } from "~/domain/abroad-corrections";
import type { InvoiceAnswers } from "~/domain/abroad-application";

const answers: InvoiceAnswers = {
  providerName: "Fisio",
  invoiceNumber: "F-1",
  invoiceDate: "2024-09-19",
  patientName: "Kari",
  diagnosisCode: "M17.1",
  diagnosisText: "",
  currency: "EUR",
  total: "78.50",
  paymentDate: "2024-12-23",
  amountsConfirmed: true,
  lines: [
    { date: "2024-09-03", treatmentForm: "gruppe", description: "", durationMinutes: null, amount: "59.00" },
    { date: "2024-09-04", treatmentForm: "elektroterapi", description: "", durationMinutes: 20, amount: "19.50" },
  ],
};

describe("field names", () => {
  it("knows invoice fields, line fields by index and the claim's rate date; nothing else", () => {
    expect(parseField("total")).toEqual({ kind: "invoice", field: "total" });
    expect(parseField("line.1.groupSize")).toEqual({ kind: "line", line: 1, field: "groupSize" });
    expect(parseField("rateDate")).toEqual({ kind: "claim", field: "rateDate" });
    for (const bad of ["patientName", "line.x.amount", "line.1.description", "line.1000.amount", "__proto__", "line.1.amount.x"]) expect(parseField(bad)).toBeNull();
  });
});

describe("values", () => {
  it("amount: comma or dot, at most two decimals, kept as 0.00", () => {
    expect(normaliseCorrection(parseField("line.0.amount")!, " 5,5 ")).toEqual({ ok: true, value: "5.50" });
    expect(normaliseCorrection(parseField("total")!, "-1")).toEqual({ ok: false, error: "value" });
    expect(normaliseCorrection(parseField("total")!, "1.234")).toEqual({ ok: false, error: "value" });
  });
  it("dates are ISO; the payment date cannot be emptied, the invoice date can", () => {
    expect(normaliseCorrection(parseField("paymentDate")!, "2024-02-30")).toEqual({ ok: false, error: "value" });
    expect(normaliseCorrection(parseField("paymentDate")!, "")).toEqual({ ok: false, error: "value" });
    expect(normaliseCorrection(parseField("invoiceDate")!, "")).toEqual({ ok: true, value: "" });
  });
  it("group size 1–100 and duration 1–600 minutes, or empty; rate date one of the three rules; a known treatment form", () => {
    expect(normaliseCorrection(parseField("line.0.groupSize")!, "8")).toEqual({ ok: true, value: "8" });
    expect(normaliseCorrection(parseField("line.0.groupSize")!, "0")).toEqual({ ok: false, error: "value" });
    expect(normaliseCorrection(parseField("line.0.durationMinutes")!, "")).toEqual({ ok: true, value: "" });
    expect(normaliseCorrection(parseField("line.0.durationMinutes")!, "601")).toEqual({ ok: false, error: "value" });
    expect(normaliseCorrection(parseField("rateDate")!, "treatment-date")).toEqual({ ok: true, value: "treatment-date" });
    expect(normaliseCorrection(parseField("rateDate")!, "today")).toEqual({ ok: false, error: "value" });
    expect(normaliseCorrection(parseField("line.0.treatmentForm")!, "massasje-spa")).toEqual({ ok: false, error: "value" });
  });
  it("a reason is required and at most 2000 characters", () => {
    expect(reasonError("  ")).toBe("reason");
    expect(reasonError("x".repeat(2001))).toBe("reason-long");
    expect(reasonError("Fakturaen viser 5 EUR")).toBeNull();
  });
});

describe("applying corrections", () => {
  it("the latest row per field wins, rows of other invoices are ignored, and the input is not changed", () => {
    const rows = [
      { documentId: "a", field: "line.0.amount", value: "5.00" },
      { documentId: "b", field: "line.0.amount", value: "1.00" },
      { documentId: "a", field: "line.0.groupSize", value: "8" },
      { documentId: "a", field: "line.0.amount", value: "6.00" },
      { documentId: "a", field: "line.1.durationMinutes", value: "" },
      { documentId: "a", field: "invoiceDate", value: "" },
      { documentId: "a", field: "line.7.amount", value: "9.00" },
    ];
    const out = applyCorrections(answers, "a", rows);
    expect(out.lines[0]).toMatchObject({ amount: "6.00", groupSize: 8 });
    expect(out.lines[1]!.durationMinutes).toBeNull();
    expect(out.invoiceDate).toBeNull();
    expect(out.lines).toHaveLength(2);
    expect(answers.lines[0]!.amount).toBe("59.00");
    expect(currentValue(out, parseField("line.0.amount")!)).toBe("6.00");
    expect(currentValue(out, parseField("line.5.amount")!)).toBeNull();
  });
  it("the rate-date rule is the last claim-wide row, or none", () => {
    expect(rateDateOf([])).toBeUndefined();
    expect(
      rateDateOf([
        { documentId: null, field: "rateDate", value: "treatment-date" },
        { documentId: null, field: "rateDate", value: "invoice-date" },
      ]),
    ).toBe("invoice-date");
  });
  it("a history note is the resident's answer only with the prefix", () => {
    expect(answerOf(`${ANSWER_PREFIX}Her er epikrisen.`)).toBe("Her er epikrisen.");
    expect(answerOf(ANSWER_PREFIX.trim())).toBe("");
    expect(answerOf("Send epikrisen.")).toBeNull();
  });
});
