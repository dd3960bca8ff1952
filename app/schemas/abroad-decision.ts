/**
 * The caseworker's per-line decision form on a refund claim abroad (issue 19 item 4). Field names:
 * `o-{invoice}-{line}` (approve | approve-part | reject), `a-{invoice}-{line}` (the amount approved,
 * "1 234,50" or "1234.50"), `r-{invoice}-{line}` (reason codes, repeated), `note` (free text). The
 * rules behind the values (which reasons fit, amounts below the claim) are checked by
 * domain/abroad-decision.ts `validateDecision`.
 */
import { z } from "zod";
import { LINE_OUTCOMES, type AbroadDecisionInput } from "~/domain/abroad-decision";
import { cleanString } from "~/utils/text";
import { parseDecimalAmount } from "./abroad";

export const NOTE_MAX = 2000;
const note = cleanString("staff.decide.error.reasonLong").trim().max(NOTE_MAX, { error: "staff.decide.error.reasonLong" });
const reasonCode = z.string().regex(/^[a-z-]{1,40}$/);

/** The form as posted → the decision input, for the invoices' line counts (`lineCounts[i]` lines in invoice i). */
export function parseAbroadDecisionForm(form: FormData, lineCounts: readonly number[]): { ok: true; input: AbroadDecisionInput } | { ok: false; error: "note" } {
  const n = note.safeParse(String(form.get("note") ?? ""));
  if (!n.success) return { ok: false, error: "note" };
  const lines: AbroadDecisionInput["lines"] = [];
  lineCounts.forEach((count, invoiceNo) => {
    for (let lineNo = 0; lineNo < count; lineNo++) {
      const outcome = z.enum(LINE_OUTCOMES).safeParse(form.get(`o-${invoiceNo}-${lineNo}`));
      if (!outcome.success) continue; // no choice: validateDecision reports the line as missing
      const raw = String(form.get(`a-${invoiceNo}-${lineNo}`) ?? "");
      const reasons = form
        .getAll(`r-${invoiceNo}-${lineNo}`)
        .map(String)
        .filter((r) => reasonCode.safeParse(r).success);
      lines.push({
        invoiceNo,
        lineNo,
        outcome: outcome.data,
        ...(outcome.data === "approve-part" ? { approvedAmount: parseDecimalAmount(raw) ?? "invalid" } : {}),
        reasons: outcome.data === "approve" ? [] : [...new Set(reasons)],
      });
    }
  });
  return { ok: true, input: { lines, note: n.data } };
}
