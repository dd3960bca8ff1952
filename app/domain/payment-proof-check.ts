/**
 * Proof of payment in a refund claim abroad (issue 18 item 8), pure. Seed 004 lists what Helfo needs with the claim, among it
 * "Originale kvitteringer for alle utgifter" and "Dokumentasjon på at utgiftene er betalt". Two parts:
 *
 * - `classifyDocuments`: what each uploaded document counts as. A document the resident put among the invoices that is a card
 *   slip or a bank statement (signs of payment, no treatment lines), or the receipt of an invoice already uploaded (the same
 *   invoice number and total, with a paid mark), counts as proof of payment, not as a second invoice: the refund never doubles.
 * - `checkPaymentProof`: every invoice is proven paid, by its own paid mark ("Betalt", "Paid", "Pagado", a card approval) or by
 *   a payment on a proof in the same currency, dated on or after the invoice, whose amount is within the tolerance of
 *   `paymentMatchTolerance`; otherwise the payment is "not documented" (status "missing": it does not stop the claim being
 *   sent, the caseworker sees it). One payment proves one invoice.
 *
 * The signs and the payments are read by documents/payment-proof.ts when a document is read, and stored with it.
 */
import { valueAt } from "../rules/parameter";
import { CURRENCY_EXPONENT } from "../rules/parameters/exchange-rates";
import { paymentMatchTolerance } from "../rules/parameters/payment-proof";
import { isIsoDate } from "../kernel/dates";
import type { IsoDate } from "../kernel/types";
import type { CheckResult } from "./abroad-checks";

export type PaymentEvidenceKind = "card-slip" | "bank-transfer" | "paid-on-invoice";

/** What was read from a document about payment (stored with the extraction; absent on documents read before it was). */
export interface PaymentFacts {
  evidence: ReadonlyArray<{ kind: PaymentEvidenceKind }>;
  payments: ReadonlyArray<{ amount: number; currency: string | null; date: string | null }>;
}

// ---------------------------------------------------------------------------------------------
// What each document counts as.

export interface ClassifiableDocument {
  id: string;
  /** The upload field the resident used: "invoice", "payment", "authorisation", "epikrise". */
  kind: string;
  status: string;
  result: {
    documentType?: string;
    invoiceNumber?: string | null;
    total?: number | null;
    currency?: string | null;
    lines?: ReadonlyArray<{ treatmentForm: string }>;
    payment?: PaymentFacts;
  } | null;
}

/** Why an upload among the invoices counts as proof of payment. */
export type ReadAsPayment = "payment-slip" | "receipt-of-invoice";

export interface DocumentClass {
  /** What the document counts as in the claim. */
  kind: string;
  /** Set when it counts as proof of payment though it was uploaded as an invoice. */
  readAsPayment: ReadAsPayment | null;
  /** For a receipt: the invoice it is the receipt of. */
  receiptOf: string | null;
}

const evidenceOf = (d: ClassifiableDocument): PaymentEvidenceKind[] => (d.result?.payment?.evidence ?? []).map((e) => e.kind);
const hasTreatmentLines = (d: ClassifiableDocument) => (d.result?.lines ?? []).some((l) => l.treatmentForm !== "ikke-dekket");
const invoiceKey = (d: ClassifiableDocument): string | null => {
  const r = d.result;
  const number = (r?.invoiceNumber ?? "").replace(/[\s.\-/]/g, "").toUpperCase();
  if (!r || number === "" || r.total === null || r.total === undefined) return null;
  return `${number}|${r.total.toFixed(2)}|${(r.currency ?? "").toUpperCase()}`;
};

/**
 * What every document counts as, by id. Only documents uploaded as invoices can change: one with signs of payment and no
 * treatment line is a payment slip; among invoices with the same number and total, the first without a paid mark (else the
 * first) is the invoice and the others that show payment are its receipts. A document in any other field keeps its field.
 */
export function classifyDocuments(docs: readonly ClassifiableDocument[]): Map<string, DocumentClass> {
  const out = new Map<string, DocumentClass>();
  const keep = (d: ClassifiableDocument) => out.set(d.id, { kind: d.kind, readAsPayment: null, receiptOf: null });
  const invoices: ClassifiableDocument[] = [];
  for (const d of docs) {
    if (d.kind !== "invoice" || d.status !== "done" || !d.result) {
      keep(d);
      continue;
    }
    const ev = evidenceOf(d);
    const notAnInvoice = d.result.documentType !== "invoice";
    // a card terminal's or a bank's record of a payment: not an invoice by its words, or no treatment on it (a statement row
    // that names the clinic, "Fisioterapia …", is not a treatment); an invoice that prints the clinic's account stays one
    const record = ev.some((k) => k === "card-slip" || k === "bank-transfer");
    const slip = ev.length > 0 && (hasTreatmentLines(d) ? record && notAnInvoice : record || notAnInvoice);
    if (slip) out.set(d.id, { kind: "payment", readAsPayment: "payment-slip", receiptOf: null });
    else invoices.push(d);
  }
  const groups = new Map<string, ClassifiableDocument[]>();
  for (const d of invoices) {
    const k = invoiceKey(d);
    if (k === null) keep(d);
    else groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  for (const group of groups.values()) {
    const invoice = group.find((d) => evidenceOf(d).length === 0) ?? group[0]!;
    for (const d of group) {
      if (d !== invoice && evidenceOf(d).length > 0) out.set(d.id, { kind: "payment", readAsPayment: "receipt-of-invoice", receiptOf: invoice.id });
      else keep(d);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The check.

export interface InvoiceToProve {
  id: string;
  /** ISO 4217, as the resident confirmed it. */
  currency: string;
  /** The invoice total in major units ("120.00"), as the resident confirmed it; "" when unknown. */
  total: string;
  invoiceDate: IsoDate | null;
  /** Signs of payment on the invoice itself. */
  evidence: readonly PaymentEvidenceKind[];
}

export interface PaymentProof {
  id: string;
  /** The file name, for the sentence the resident and the caseworker read. */
  name: string;
  evidence: readonly PaymentEvidenceKind[];
  payments: PaymentFacts["payments"];
}

/** Signs on an invoice that prove it paid: a paid mark, or a card terminal's approval printed on it. A bank account is not one (it says where to pay). */
const PROVES_ITSELF: readonly PaymentEvidenceKind[] = ["paid-on-invoice", "card-slip"];

const decimal = (minor: number, exp: number) => (minor / 10 ** exp).toFixed(exp);

/** "120.00" (or "120,00") in minor units of the currency; null when it is not a plain amount. */
function totalMinor(total: string, currency: string): number | null {
  const exp = CURRENCY_EXPONENT[currency] ?? 2;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(total.trim().replace(",", "."));
  if (!m) return null;
  return Number(m[1]) * 10 ** exp + Number((m[2] ?? "").padEnd(exp, "0").slice(0, exp) || "0");
}

/** The largest difference between a payment and the invoice total that still matches, in minor units. */
export function toleranceMinor(totalMinorUnits: number, currency: string, on: IsoDate): number {
  const t = valueAt(paymentMatchTolerance, on);
  const exp = CURRENCY_EXPONENT[currency] ?? 2;
  return Math.max(Math.round((totalMinorUnits * t.percent) / 100), t.minimumUnits * 10 ** exp);
}

/**
 * One result per invoice: ok when the invoice shows it was paid ("payment.proof.on-invoice") or a payment on a proof matches it
 * ("payment.proof.matched"); otherwise "missing" — no proof uploaded ("payment.proof.missing"), or none of the uploaded ones
 * matches ("payment.proof.unmatched.<why>": unread, no-total, date, used — the payment already proves another invoice —,
 * amount, currency), with what was found, so the person
 * knows what to upload and the caseworker what to look at.
 */
export function checkPaymentProof(invoices: readonly InvoiceToProve[], proofs: readonly PaymentProof[], today: IsoDate): CheckResult[] {
  const used = new Set<string>();
  const candidates = proofs.flatMap((p) =>
    p.payments.map((pay, k) => ({
      key: `${p.id}#${k}`,
      proof: p,
      amount: pay.amount,
      currency: (pay.currency ?? "").toUpperCase(),
      date: pay.date && isIsoDate(pay.date) ? pay.date : null,
    })),
  );
  return invoices.map((inv): CheckResult => {
    const own = inv.evidence.filter((k) => PROVES_ITSELF.includes(k));
    if (own.length) return { code: "payment.proof.on-invoice", status: "ok", documentId: inv.id, params: { evidence: [...new Set(own)] } };
    if (proofs.length === 0) return { code: "payment.proof.missing", status: "missing", documentId: inv.id, params: {} };
    const unmatched = (why: string, params: CheckResult["params"] = {}): CheckResult => ({ code: `payment.proof.unmatched.${why}`, status: "missing", documentId: inv.id, params });
    if (candidates.length === 0) return unmatched("unread", { proof: proofs.map((p) => p.name) });
    const currency = inv.currency.toUpperCase();
    const exp = CURRENCY_EXPONENT[currency] ?? 2;
    const total = currency === "" ? null : totalMinor(inv.total, currency);
    if (total === null || total <= 0) return unmatched("no-total");
    const tol = toleranceMinor(total, currency, inv.invoiceDate ?? today);
    const minorOf = (amount: number) => Math.round(amount * 10 ** exp);
    const near = (amount: number) => Math.abs(minorOf(amount) - total) <= tol;
    const open = candidates.filter((c) => !used.has(c.key));
    const onTime = (c: (typeof open)[number]) => c.date === null || inv.invoiceDate === null || c.date >= inv.invoiceDate;
    const match = open
      .filter((c) => c.currency === currency && near(c.amount) && onTime(c))
      .sort((a, b) => Math.abs(minorOf(a.amount) - total) - Math.abs(minorOf(b.amount) - total))[0];
    const found = (c: (typeof open)[number]) => ({
      proof: c.proof.name,
      amount: c.currency === currency ? decimal(minorOf(c.amount), exp) : c.amount.toFixed(CURRENCY_EXPONENT[c.currency] ?? 2),
      currency: c.currency || "?",
      date: c.date,
      total: decimal(total, exp),
      invoiceCurrency: currency,
    });
    if (match) {
      used.add(match.key);
      return { code: "payment.proof.matched", status: "ok", documentId: inv.id, params: { ...found(match), evidence: [...match.proof.evidence] } };
    }
    // Why none matches, for the sentence: the nearest miss of each kind, in this order.
    const early = open.find((c) => c.currency === currency && near(c.amount) && !onTime(c));
    if (early) return unmatched("date", { ...found(early), invoiceDate: inv.invoiceDate });
    const taken = candidates.find((c) => used.has(c.key) && c.currency === currency && near(c.amount) && onTime(c));
    if (taken) return unmatched("used", found(taken));
    const otherCurrency = open.find((c) => c.currency !== currency);
    const sameCurrency = open.filter((c) => c.currency === currency).sort((a, b) => Math.abs(minorOf(a.amount) - total) - Math.abs(minorOf(b.amount) - total))[0];
    if (sameCurrency) return unmatched("amount", found(sameCurrency));
    if (otherCurrency) return unmatched("currency", found(otherCurrency));
    return unmatched("unread", { proof: proofs.map((p) => p.name) });
  });
}
