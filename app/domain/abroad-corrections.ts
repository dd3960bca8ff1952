/**
 * A caseworker's corrections of a refund claim abroad (issue 19 item 2), as pure data and functions.
 *
 * A correction is one immutable row (abroad_corrections): which field of which invoice, the new value
 * as text, the value before, a reason and who. The answers in force are the resident's answers with
 * every correction applied in order (the latest per field wins), so the history is never lost and the
 * refund is recomputed from the corrected answers by the same `estimateRefund` the resident's estimate
 * uses. What the estimate left open — the rate date, a group's size, a treatment's duration — is fixed
 * the same way: `rateDate` for the whole claim, `line.<n>.groupSize` / `line.<n>.durationMinutes` per line.
 */
import { isIsoDate, isoDateOrNull } from "~/kernel/dates";
import { TREATMENT_FORMS } from "~/kernel/treatment-forms";
import type { RateDateRule } from "~/rules/parameters/exchange-rates";
import type { InvoiceAnswers } from "./abroad-application";

export const INVOICE_FIELDS = ["providerName", "invoiceNumber", "invoiceDate", "paymentDate", "currency", "total", "diagnosisCode"] as const;
export const LINE_FIELDS = ["date", "treatmentForm", "amount", "durationMinutes", "groupSize"] as const;
export const RATE_DATE_RULES = ["payment-date", "treatment-date", "invoice-date"] as const satisfies readonly RateDateRule[];
/** The claim-wide setting: which day's exchange rate converts the amounts. */
export const CLAIM_FIELD = "rateDate" as const;

export type InvoiceField = (typeof INVOICE_FIELDS)[number];
export type LineField = (typeof LINE_FIELDS)[number];

/** Longest reason kept (as for a decision's reason). */
export const MAX_REASON = 2000;
/** Lines per invoice the field names may address (an invoice has far fewer). */
const MAX_LINE = 999;

export type ParsedField = { kind: "invoice"; field: InvoiceField } | { kind: "line"; line: number; field: LineField } | { kind: "claim"; field: typeof CLAIM_FIELD };

/** "total", "line.2.amount", "rateDate" → what it addresses; anything else is null. */
export function parseField(field: string): ParsedField | null {
  if (field === CLAIM_FIELD) return { kind: "claim", field };
  if ((INVOICE_FIELDS as readonly string[]).includes(field)) return { kind: "invoice", field: field as InvoiceField };
  const m = /^line\.(\d{1,3})\.([A-Za-z]+)$/.exec(field);
  if (m && (LINE_FIELDS as readonly string[]).includes(m[2]!)) {
    const line = Number(m[1]);
    if (line <= MAX_LINE) return { kind: "line", line, field: m[2] as LineField };
  }
  return null;
}

export type CorrectionError = "field" | "value" | "reason" | "reason-long" | "line";

/** A decimal amount as the answers keep it ("1234.50"): comma or dot, up to two decimals, not negative. */
function normDecimal(v: string): string | null {
  const s = v.replace(/\s/g, "").replace(",", ".");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return null;
  return Number(s).toFixed(2);
}

function normInt(v: string, min: number, max: number): string | null {
  const s = v.trim();
  if (s === "") return "";
  if (!/^\d{1,4}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? String(n) : null;
}

/**
 * Checks and normalises a correction's value for its field (pure): the value as it will be stored,
 * or an error key. An empty value clears an optional field (a line's duration or group size, the
 * invoice date); required fields cannot be emptied.
 */
export function normaliseCorrection(field: ParsedField, raw: string): { ok: true; value: string } | { ok: false; error: "value" } {
  const v = raw.trim();
  const bad = { ok: false, error: "value" } as const;
  const ok = (value: string | null) => (value === null ? bad : ({ ok: true, value } as const));
  if (field.kind === "claim") return (RATE_DATE_RULES as readonly string[]).includes(v) ? ok(v) : bad;
  if (field.kind === "line") {
    switch (field.field) {
      case "date":
        return isIsoDate(v) ? ok(v) : bad;
      case "treatmentForm":
        return (TREATMENT_FORMS as readonly string[]).includes(v) ? ok(v) : bad;
      case "amount":
        return ok(normDecimal(v));
      case "durationMinutes":
        return ok(normInt(v, 1, 600));
      case "groupSize":
        return ok(normInt(v, 1, 100));
    }
  }
  switch (field.field) {
    case "invoiceDate":
      return v === "" || isIsoDate(v) ? ok(v) : bad;
    case "paymentDate":
      return isIsoDate(v) ? ok(v) : bad;
    case "currency":
      return /^[A-Za-z]{3}$/.test(v) ? ok(v.toUpperCase()) : bad;
    case "total":
      return ok(normDecimal(v));
    default:
      return v.length > 0 && v.length <= 200 ? ok(v) : bad;
  }
}

export interface CorrectionRow {
  documentId: string | null;
  field: string;
  value: string;
}

/** The value a field has in these answers, as text (for `previous` and the form's current value). */
export function currentValue(answers: InvoiceAnswers, field: ParsedField): string | null {
  if (field.kind === "claim") return null;
  if (field.kind === "invoice") return answers[field.field] ?? "";
  const l = answers.lines[field.line];
  if (!l) return null;
  const v = l[field.field];
  return v === null || v === undefined ? "" : String(v);
}

/** The answers with these corrections applied in order (the latest per field wins). Rows of other invoices are ignored. */
export function applyCorrections(answers: InvoiceAnswers, documentId: string, rows: readonly CorrectionRow[]): InvoiceAnswers {
  const out: InvoiceAnswers = { ...answers, lines: answers.lines.map((l) => ({ ...l })) };
  for (const r of rows) {
    if (r.documentId !== documentId) continue;
    const f = parseField(r.field);
    if (!f || f.kind === "claim") continue;
    if (f.kind === "invoice") {
      if (f.field === "invoiceDate") out.invoiceDate = isoDateOrNull(r.value);
      else if (f.field === "paymentDate") out.paymentDate = isoDateOrNull(r.value) ?? "";
      else out[f.field] = r.value;
      continue;
    }
    const line = out.lines[f.line];
    if (!line) continue;
    if (f.field === "durationMinutes" || f.field === "groupSize") line[f.field] = r.value === "" ? null : Number(r.value);
    else if (f.field === "date") line.date = isoDateOrNull(r.value);
    else line[f.field] = r.value;
  }
  return out;
}

/** The claim-wide rate-date rule a caseworker set, or undefined (the parameter's default applies). */
export function rateDateOf(rows: readonly CorrectionRow[]): RateDateRule | undefined {
  const last = [...rows].reverse().find((r) => r.documentId === null && r.field === CLAIM_FIELD);
  return last && (RATE_DATE_RULES as readonly string[]).includes(last.value) ? (last.value as RateDateRule) : undefined;
}

/** Checks a reason: required, at most MAX_REASON characters. */
export function reasonError(reason: string): CorrectionError | null {
  const r = reason.trim();
  if (!r) return "reason";
  if (r.length > MAX_REASON) return "reason-long";
  return null;
}

/** Marks a status event's note as the resident's answer to a request for more information (shown with a label, not as typed). */
export const ANSWER_PREFIX = "resident-answer: ";

/** The resident's answer text of a history note, or null when the note is not an answer. */
export function answerOf(note: string | null | undefined): string | null {
  if (!note) return null;
  if (note === ANSWER_PREFIX.trim()) return "";
  return note.startsWith(ANSWER_PREFIX) ? note.slice(ANSWER_PREFIX.length) : null;
}
