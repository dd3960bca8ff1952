/**
 * The check that each invoice is paid (issue 18 item 8), pure: seed 004 requires original receipts and
 * documentation that the expenses are paid. An invoice passes when it says "paid" itself, or when a
 * proof of payment (card slip, bank statement line) was uploaded; otherwise the proof is missing and
 * Helfo may ask for it. The evidence is read by documents/payment-proof.ts.
 */
import type { CheckResult } from "./abroad-checks";

export interface PaidInvoice {
  id: string;
  /** Kinds of evidence found on the invoice itself (usually "paid-on-invoice"). */
  evidence: ReadonlyArray<"card-slip" | "bank-transfer" | "paid-on-invoice">;
}

export function checkPaymentProof(invoices: readonly PaidInvoice[], proofs: ReadonlyArray<{ id: string; evidence: ReadonlyArray<string> }>): CheckResult[] {
  const uploaded = proofs.filter((p) => p.evidence.length > 0);
  return invoices.map((inv): CheckResult => {
    if (inv.evidence.length > 0) return { code: "payment.proof.on-invoice", status: "ok", documentId: inv.id, params: { evidence: [...inv.evidence] } };
    if (uploaded.length > 0) return { code: "payment.proof.uploaded", status: "ok", documentId: inv.id, params: { evidence: [...new Set(uploaded.flatMap((p) => p.evidence))] } };
    return { code: "payment.proof.missing", status: "missing", documentId: inv.id, params: {} };
  });
}
