/**
 * A caseworker's decision on a refund claim abroad (issue 19 item 4), pure: per invoice line
 * approve, approve in part (the amount approved, in the invoice currency) or reject, each rejection
 * or part approval with reasons from the rules (rules/parameters/abroad-decision.ts). The refund is
 * recomputed by the same `estimateRefund` the resident's estimate uses, on the lines as approved:
 * a rejected line is left out, a line approved in part counts with the approved amount.
 */
import { z } from "zod";
import { addDays, isoDate } from "~/kernel/dates";
import { maxOre, subOre, sumOre, ZERO_ORE } from "~/kernel/money";
import type { IsoDate, Ore } from "~/kernel/types";
import { valueAt } from "~/rules/parameter";
import { abroadDecisionReasons, type AbroadDecisionReason } from "~/rules/parameters/abroad-decision";
import { CURRENCY_EXPONENT } from "~/rules/parameters/exchange-rates";
import type { InvoiceAnswers } from "./abroad-application";
import { estimateRefund, parseAmountMinor, type RefundInput } from "./refund-estimate";

export const LINE_OUTCOMES = ["approve", "approve-part", "reject"] as const;
export type LineOutcomeKind = (typeof LINE_OUTCOMES)[number];
export type AbroadOutcome = "approved" | "partly-approved" | "rejected";

/** What the caseworker decided for one line (as posted, validated by `validateDecision`). */
export const lineDecisionSchema = z.object({
  invoiceNo: z.number().int().min(0),
  lineNo: z.number().int().min(0),
  outcome: z.enum(LINE_OUTCOMES),
  /** approve-part: the amount approved, a decimal with a dot in the invoice currency. */
  approvedAmount: z.string().optional(),
  reasons: z.array(z.string()),
});
export type LineDecision = z.infer<typeof lineDecisionSchema>;

export const abroadDecisionInputSchema = z.object({ lines: z.array(lineDecisionSchema), note: z.string() });
/** The whole decision as proposed (kept while it waits for a second caseworker). */
export type AbroadDecisionInput = z.infer<typeof abroadDecisionInputSchema>;

/** The person's situation the estimate needs (same as the resident's estimate). */
/** The person's situation and the estimate's settings (the stored Norges Bank rates, a fixed rate-date rule): a decision prices with the same. */
export type EstimateContext = Pick<RefundInput, "birthDate" | "yrkesskade" | "frikortFrom" | "statedExemption" | "settings">;

export interface DecidedLine {
  invoiceNo: number;
  lineNo: number;
  documentId: string;
  outcome: LineOutcomeKind;
  treatmentDate: IsoDate | null;
  description: string;
  currency: string;
  claimedAmount: string;
  approvedAmount: string;
  refundOre: Ore;
  egenandelOre: Ore;
  reasons: string[];
}

export interface ComputedDecision {
  outcome: AbroadOutcome;
  refundOre: Ore;
  egenandelOre: Ore;
  lines: DecidedLine[];
  /**
   * Lines approved (wholly or in part) whose exchange rate is not published yet (issue 18 item 3): the
   * "rate to be fixed". Their refund is unknown, not 0, so a decision with any of them cannot take effect.
   */
  rateOpen: Array<{ invoiceNo: number; lineNo: number; currency: string; requestedDate: IsoDate }>;
}

export type DecisionError =
  | { code: "line-missing"; invoiceNo: number; lineNo: number }
  | { code: "amount-invalid"; invoiceNo: number; lineNo: number }
  | { code: "amount-not-less"; invoiceNo: number; lineNo: number }
  | { code: "reason-missing"; invoiceNo: number; lineNo: number }
  | { code: "reason-unknown"; invoiceNo: number; lineNo: number; reason: string }
  | { code: "note-missing" }
  | { code: "payment-date-missing"; invoiceNo: number }
  | { code: "rate-open"; invoiceNo: number; lineNo: number };

/** A computed decision that would approve a line at an unknown rate is refused, line by line (never priced at 0). */
export function rateOpenErrors(d: Pick<ComputedDecision, "rateOpen">): DecisionError[] {
  return d.rateOpen.map((r) => ({ code: "rate-open", invoiceNo: r.invoiceNo, lineNo: r.lineNo }));
}

/** The reasons in force for a line dated `date` that suit `outcome`. */
export function reasonsFor(date: IsoDate, outcome: "reject" | "approve-part"): AbroadDecisionReason[] {
  return valueAt(abroadDecisionReasons, date).filter((r) => r.use === "both" || (outcome === "reject" ? r.use === "reject" : r.use === "part"));
}

export function reasonByCode(code: string, date: IsoDate): AbroadDecisionReason | null {
  return valueAt(abroadDecisionReasons, date).find((r) => r.code === code) ?? null;
}

const minorOf = (amount: string, currency: string) => parseAmountMinor(amount, CURRENCY_EXPONENT[currency] ?? 2);

/**
 * Checks a decision against the claim: every line decided once, a part approval below what was
 * claimed and above zero, reasons from the rules for every rejection and part approval, and free
 * text when the reason is "other".
 */
export function validateDecision(invoices: ReadonlyArray<{ answers: InvoiceAnswers }>, input: AbroadDecisionInput): DecisionError[] {
  const errors: DecisionError[] = [];
  const byKey = new Map(input.lines.map((l) => [`${l.invoiceNo}:${l.lineNo}`, l]));
  invoices.forEach((inv, invoiceNo) => {
    if (!inv.answers.paymentDate) errors.push({ code: "payment-date-missing", invoiceNo });
    inv.answers.lines.forEach((line, lineNo) => {
      const d = byKey.get(`${invoiceNo}:${lineNo}`);
      if (!d) return errors.push({ code: "line-missing", invoiceNo, lineNo });
      if (d.outcome === "approve") return;
      if (d.outcome === "approve-part") {
        const approved = minorOf(d.approvedAmount ?? "", inv.answers.currency);
        const claimed = minorOf(line.amount, inv.answers.currency);
        if (approved === null || approved <= 0) errors.push({ code: "amount-invalid", invoiceNo, lineNo });
        else if (claimed !== null && approved >= claimed) errors.push({ code: "amount-not-less", invoiceNo, lineNo });
      }
      if (!d.reasons.length) errors.push({ code: "reason-missing", invoiceNo, lineNo });
      const date = line.date ?? inv.answers.paymentDate;
      const allowed = new Set(date ? reasonsFor(date, d.outcome).map((r) => r.code) : []);
      for (const r of d.reasons) if (!allowed.has(r)) errors.push({ code: "reason-unknown", invoiceNo, lineNo, reason: r });
    });
  });
  if (input.lines.some((l) => l.outcome !== "approve" && l.reasons.includes("other")) && !input.note.trim()) errors.push({ code: "note-missing" });
  return errors;
}

/** The decision's outcome and amounts, with the refund recomputed on the lines as approved. Call after `validateDecision`. */
export function computeDecision(invoices: ReadonlyArray<{ documentId: string; answers: InvoiceAnswers }>, input: AbroadDecisionInput, ctx: EstimateContext): ComputedDecision {
  const byKey = new Map(input.lines.map((l) => [`${l.invoiceNo}:${l.lineNo}`, l]));
  const lines: DecidedLine[] = [];
  const rateOpen: ComputedDecision["rateOpen"] = [];
  invoices.forEach(({ documentId, answers }, invoiceNo) => {
    const decided = answers.lines.map((line, lineNo) => ({ line, lineNo, d: byKey.get(`${invoiceNo}:${lineNo}`) }));
    const counted = decided.filter((x) => x.d && x.d.outcome !== "reject");
    const estimate = counted.length
      ? estimateRefund({
          currency: answers.currency,
          paymentDate: isoDate(answers.paymentDate),
          invoiceDate: answers.invoiceDate,
          ...ctx,
          lines: counted.map(({ line, d }) => ({
            date: line.date,
            treatmentForm: line.treatmentForm,
            durationMinutes: line.durationMinutes,
            amount: d!.outcome === "approve-part" ? d!.approvedAmount! : line.amount,
            ...(line.count ? { count: line.count } : {}),
            ...(line.groupSize ? { groupSize: line.groupSize } : {}),
          })),
        })
      : null;
    for (const { line, lineNo, d } of decided) {
      const at = counted.findIndex((x) => x.lineNo === lineNo);
      const e = at >= 0 ? (estimate?.lines.find((l) => l.index === at) ?? null) : null;
      const outcome = d?.outcome ?? "reject";
      if (outcome !== "reject" && e?.rateOpen) rateOpen.push({ invoiceNo, lineNo, currency: e.rateOpen.currency, requestedDate: e.rateOpen.requestedDate });
      lines.push({
        invoiceNo,
        lineNo,
        documentId,
        outcome,
        treatmentDate: line.date,
        description: line.description || line.treatmentForm,
        currency: answers.currency,
        claimedAmount: line.amount,
        approvedAmount: outcome === "reject" ? "0.00" : outcome === "approve-part" ? d!.approvedAmount! : line.amount,
        refundOre: e?.refundOre ?? ZERO_ORE,
        egenandelOre: e?.egenandelDeductedOre ?? ZERO_ORE,
        reasons: outcome === "approve" ? [] : (d?.reasons ?? []),
      });
    }
  });
  const refundOre = sumOre(lines.map((l) => l.refundOre));
  const egenandelOre = sumOre(lines.map((l) => l.egenandelOre));
  const all = (o: LineOutcomeKind) => lines.length > 0 && lines.every((l) => l.outcome === o);
  const outcome: AbroadOutcome = all("reject") ? "rejected" : all("approve") ? "approved" : "partly-approved";
  return { outcome, refundOre, egenandelOre, lines, rateOpen };
}

/** Four eyes (as for the other case kinds): a decision that pays more than the threshold waits for a second caseworker. */
export function abroadNeedsSecondApproval(d: Pick<ComputedDecision, "outcome" | "refundOre">, thresholdOre: Ore): boolean {
  return d.outcome !== "rejected" && d.refundOre > thresholdOre;
}

/** What is still to be paid when a decision supersedes an earlier one: the new refund less what was already paid (never below zero). */
export function payoutDue(refundOre: Ore, alreadyPaidOre: Ore): Ore {
  return maxOre(ZERO_ORE, subOre(refundOre, alreadyPaidOre));
}

/**
 * What the resident owes back when a decision supersedes an earlier one that was paid: what was
 * already paid less the new refund (never below zero). A decision gives either a payout
 * (`payoutDue`) or a claim for repayment, never both; an open claim of an earlier decision gives
 * way to the new one, so the claim standing is always this difference.
 */
export function repaymentDue(refundOre: Ore, alreadyPaidOre: Ore): Ore {
  return maxOre(ZERO_ORE, subOre(alreadyPaidOre, refundOre));
}

/** Forvaltningsloven § 29: six weeks, counted (here) from the decision day. */
export const APPEAL_WEEKS = 6;
export function abroadAppealDeadline(decidedOn: IsoDate): IsoDate {
  return addDays(decidedOn, APPEAL_WEEKS * 7);
}
export function appealOpen(decidedOn: IsoDate, today: IsoDate): boolean {
  return today <= abroadAppealDeadline(decidedOn);
}
