/**
 * What the staff case page shows and asks of a refund claim abroad's decision (issue 19 item 4):
 * the decisions so far (each kept, the last in force), the payouts, and the per-line form with the
 * reasons the rules allow for each line.
 */
import type { AbroadDecisionErrors } from "~/components/abroad-decision";
import { reasonsFor, type DecisionError } from "~/domain/abroad-decision";
import type { Lang } from "~/i18n";
import { abroadDecisionInputSchema } from "~/domain/abroad-decision";
import { listAbroadPayouts, listDecisions } from "~/models/abroad-decision.server";
import { claimsOfApplication } from "~/models/repayment-claims.server";
import { previewDecision } from "~/services/abroad-decision.server";
import type { ApplicationView } from "~/services/abroad-application.server";
import { osloDateTime } from "~/utils/format.server";
import type { IsoDate } from "~/kernel/types";

export async function abroadDecisionView(
  db: Parameters<typeof listDecisions>[0],
  applicationId: string,
  view: ApplicationView,
  lang: Lang,
  opts: { canDecide: boolean; today: IsoDate },
) {
  const decisions = await listDecisions(db, applicationId);
  const payouts = await listAbroadPayouts(db, applicationId);
  const repayments = await claimsOfApplication(db, applicationId);
  return {
    decisions: decisions
      .map((d) => ({
        seq: d.seq,
        outcome: d.outcome,
        refundOre: d.refundOre,
        decidedOn: d.decidedOn,
        decidedBy: d.decidedBy,
        approvedBy: d.approvedBy,
        note: d.note,
        at: osloDateTime(d.createdAt, lang),
        lines: d.lines.map((l) => ({
          invoiceNo: l.invoiceNo,
          lineNo: l.lineNo,
          outcome: l.outcome,
          treatmentDate: l.treatmentDate,
          description: l.description,
          currency: l.currency,
          claimedAmount: l.claimedAmount,
          approvedAmount: l.approvedAmount,
          refundOre: l.refundOre,
          reasons: l.reasons,
        })),
      }))
      .reverse(),
    payouts: payouts.map((p) => ({ amountOre: p.amountOre, status: p.status, paidOn: p.paidOn })),
    // claims for repayment: a decision lowered a refund already paid (the open one is what is owed now)
    repayments: repayments.map((r) => ({ amountOre: r.amountOre, paidOre: r.paidOre, refundOre: r.refundOre, status: r.status })),
    form: opts.canDecide
      ? view.invoices.map((inv, invoiceNo) => ({
          invoiceNo,
          currency: inv.answers.currency,
          lines: inv.answers.lines.map((l, lineNo) => {
            const date = l.date ?? (inv.answers.paymentDate || opts.today);
            const codes = (o: "reject" | "approve-part") => reasonsFor(date, o).map((r) => ({ code: r.code, legalBasis: r.legalBasis }));
            return { lineNo, date: l.date, description: l.description || l.treatmentForm, amount: l.amount, reject: codes("reject"), part: codes("approve-part") };
          }),
        }))
      : null,
  };
}

/** Decision errors keyed by the form's field ids (`o-i-j`, or `form`), as message keys. */
export function abroadDecisionErrors(errors: readonly DecisionError[] | "not-estimated"): AbroadDecisionErrors {
  if (errors === "not-estimated") return { form: "staff.abroadDecision.error.not-estimated" };
  const out: AbroadDecisionErrors = {};
  for (const e of errors) {
    const field = "invoiceNo" in e && "lineNo" in e ? `o-${e.invoiceNo}-${e.lineNo}` : e.code === "note-missing" ? "note" : "form";
    out[field] ??= `staff.abroadDecision.error.${e.code}`;
  }
  return out;
}

/** A proposal waiting for four eyes, recomputed as it would take effect now (null when it no longer computes). */
export async function proposedAbroadDecision(db: Parameters<typeof listDecisions>[0], applicationId: string, payload: unknown, today: IsoDate) {
  const input = abroadDecisionInputSchema.safeParse(payload);
  if (!input.success) return null;
  const p = await previewDecision(db, applicationId, input.data, today);
  if (p.kind !== "ok") return null;
  return {
    outcome: p.computed.outcome,
    refundOre: p.computed.refundOre,
    lines: p.computed.lines.map((l) => ({
      key: `${l.invoiceNo}-${l.lineNo}`,
      description: `${l.treatmentDate ?? ""} ${l.description}`.trim(),
      outcome: l.outcome,
      approvedAmount: l.approvedAmount,
      currency: l.currency,
      refundOre: l.refundOre,
    })),
  };
}
