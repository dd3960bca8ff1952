/**
 * Proof of payment in a refund claim abroad (issue 18 item 8), pure. Seed 004 lists what Helfo needs with the claim, among it
 * "Originale kvitteringer for alle utgifter" and "Dokumentasjon på at utgiftene er betalt". Two parts:
 *
 * - `classifyDocuments`: what each uploaded document counts as. A document the resident put among the invoices that is a card
 *   slip or a bank statement (signs of payment, no treatment lines), or the receipt of an invoice already uploaded (the same
 *   invoice number and total, with a paid mark), counts as proof of payment, not as a second invoice: the refund never doubles.
 * - `checkPaymentProof`: every invoice is proven paid, by its own paid mark ("Betalt", "Paid", "Pagado", a card approval) or by
 *   a payment on a proof dated on or after the invoice: in the same currency within the tolerance of `paymentMatchTolerance`;
 *   in NOK (a Norwegian bank statement line or card slip) within `paymentConversionTolerance` of the total converted at Norges
 *   Bank's rate on the payment date; or one payment for several invoices whose totals add up to it. Otherwise the payment is
 *   "not documented" (status "missing": it does not stop the claim being sent, the caseworker sees it). A payment proves one
 *   invoice, or one set of invoices, never more.
 *
 * The signs and the payments are read by documents/payment-proof.ts when a document is read, and stored with it.
 */
import { valueAt } from "../rules/parameter";
import { CURRENCY_EXPONENT } from "../rules/parameters/exchange-rates";
import { paymentConversionTolerance, paymentMatchTolerance } from "../rules/parameters/payment-proof";
import { formatRational, norgesBankRates, rateFor, type RateTable } from "./exchange-rates";
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

/** The largest difference between a NOK payment and an invoice total converted to NOK (øre), by `paymentConversionTolerance`. */
export function conversionToleranceOre(convertedOre: number, on: IsoDate): number {
  const t = valueAt(paymentConversionTolerance, on);
  return Math.max(Math.round((convertedOre * t.percent) / 100), t.minimumNok * 100);
}

type Conversion = { ok: true; ore: number; rate: string; rateDate: IsoDate } | { ok: false };

/** `minor` units of `currency` in øre at Norges Bank's rate on `date` (the rule of ADR 0016), half-up; no rate, no conversion. */
function toNokOre(minor: number, currency: string, date: IsoDate | null, rates: RateTable): Conversion {
  const exp = CURRENCY_EXPONENT[currency];
  if (date === null || exp === undefined) return { ok: false };
  const r = rateFor(currency, date, rates);
  if (!r.ok) return { ok: false };
  const num = BigInt(minor) * r.nokPerUnit.num * 100n;
  const den = r.nokPerUnit.den * 10n ** BigInt(exp);
  return { ok: true, ore: Number((num * 2n + den) / (den * 2n)), rate: formatRational(r.nokPerUnit, 6), rateDate: r.rateDate };
}

/** How many invoices one payment may be tried against as a set (2^n subsets): more than a claim ever holds unpaid at once. */
const MAX_INVOICES_PER_PAYMENT = 12;

/**
 * One result per invoice: ok when the invoice shows it was paid ("payment.proof.on-invoice"), a payment on a proof matches it
 * ("payment.proof.matched"), a NOK payment matches its total converted at Norges Bank's rate on the payment date
 * ("payment.proof.matched-converted"), or one payment matches the sum of several invoices ("payment.proof.matched-several":
 * one bank transfer or card payment for a series of treatments); otherwise "missing" — no proof uploaded
 * ("payment.proof.missing"), or none of the uploaded ones matches ("payment.proof.unmatched.<why>": unread, no-total, date,
 * used — the payment already proves another invoice —, sum — larger than the invoice, and no set of invoices adds up to it —,
 * amount, converted-amount — a NOK payment that is not the converted total —, currency-no-rate — a NOK payment, but no
 * Norges Bank rate for the payment date (yet) —, currency), with what was found, so the person knows what to upload and
 * the caseworker what to look at. `rates`: Norges Bank's table (the services pass the stored one; default the embedded file).
 */
export function checkPaymentProof(invoices: readonly InvoiceToProve[], proofs: readonly PaymentProof[], today: IsoDate, rates: RateTable = norgesBankRates()): CheckResult[] {
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
  type Candidate = (typeof candidates)[number];
  const prepared = invoices.map((inv) => {
    const currency = inv.currency.toUpperCase();
    const total = currency === "" ? null : totalMinor(inv.total, currency);
    return { inv, currency, exp: CURRENCY_EXPONENT[currency] ?? 2, total: total !== null && total > 0 ? total : null };
  });
  type Prepared = (typeof prepared)[number];
  const minorOf = (amount: number, currency: string) => Math.round(amount * 10 ** (CURRENCY_EXPONENT[currency] ?? 2));
  const onTime = (c: Candidate, inv: InvoiceToProve) => c.date === null || inv.invoiceDate === null || c.date >= inv.invoiceDate;
  const found = (c: Candidate, p: Prepared) => ({
    proof: c.proof.name,
    amount: c.amount.toFixed(CURRENCY_EXPONENT[c.currency] ?? 2),
    currency: c.currency || "?",
    date: c.date,
    total: decimal(p.total ?? 0, p.exp),
    invoiceCurrency: p.currency,
  });
  /** A NOK payment against an invoice in another currency: the total in øre at the payment date's rate. */
  const converted = (c: Candidate, p: Prepared): Conversion =>
    c.currency === "NOK" && p.currency !== "NOK" && p.total !== null ? toNokOre(p.total, p.currency, c.date, rates) : { ok: false };
  const convertedParams = (c: Candidate, p: Prepared, conv: Extract<Conversion, { ok: true }>) => ({
    ...found(c, p),
    converted: (conv.ore / 100).toFixed(2),
    rate: conv.rate,
    rateDate: conv.rateDate,
    tolerancePercent: valueAt(paymentConversionTolerance, c.date ?? today).percent,
  });

  const results: Array<CheckResult | null> = prepared.map(() => null);
  // 1. Each invoice by itself, in order: its own paid mark, one payment in its currency, or one NOK payment at the rate.
  prepared.forEach((p, i) => {
    const inv = p.inv;
    const own = inv.evidence.filter((k) => PROVES_ITSELF.includes(k));
    const unmatched = (why: string, params: CheckResult["params"] = {}): CheckResult => ({ code: `payment.proof.unmatched.${why}`, status: "missing", documentId: inv.id, params });
    if (own.length) results[i] = { code: "payment.proof.on-invoice", status: "ok", documentId: inv.id, params: { evidence: [...new Set(own)] } };
    else if (proofs.length === 0) results[i] = { code: "payment.proof.missing", status: "missing", documentId: inv.id, params: {} };
    else if (candidates.length === 0) results[i] = unmatched("unread", { proof: proofs.map((x) => x.name) });
    else if (p.total === null) results[i] = unmatched("no-total");
    if (results[i] !== null || p.total === null) return;
    const total = p.total;
    const tol = toleranceMinor(total, p.currency, inv.invoiceDate ?? today);
    const open = candidates.filter((c) => !used.has(c.key) && onTime(c, inv));
    const same = open
      .filter((c) => c.currency === p.currency && Math.abs(minorOf(c.amount, c.currency) - total) <= tol)
      .sort((a, b) => Math.abs(minorOf(a.amount, a.currency) - total) - Math.abs(minorOf(b.amount, b.currency) - total))[0];
    if (same) {
      used.add(same.key);
      results[i] = { code: "payment.proof.matched", status: "ok", documentId: inv.id, params: { ...found(same, p), evidence: [...same.proof.evidence] } };
      return;
    }
    const nok = open
      .map((c) => ({ c, conv: converted(c, p) }))
      .filter((x): x is { c: Candidate; conv: Extract<Conversion, { ok: true }> } => x.conv.ok)
      .map((x) => ({ ...x, diff: Math.abs(minorOf(x.c.amount, "NOK") - x.conv.ore) }))
      .filter((x) => x.diff <= conversionToleranceOre(x.conv.ore, x.c.date ?? today))
      .sort((a, b) => a.diff - b.diff)[0];
    if (nok) {
      used.add(nok.c.key);
      results[i] = {
        code: "payment.proof.matched-converted",
        status: "ok",
        documentId: inv.id,
        params: { ...convertedParams(nok.c, p, nok.conv), evidence: [...nok.c.proof.evidence] },
      };
    }
  });

  // 2. One payment for several invoices: the set of still unproven invoices whose totals (converted at the payment date's
  // rate for a NOK payment) add up to it within the tolerance; the closest set wins, the earlier invoices on a tie.
  for (const c of candidates) {
    if (used.has(c.key)) continue;
    const eligible: Array<{ i: number; value: number; convertedOre: boolean }> = [];
    prepared.forEach((p, i) => {
      if (results[i] !== null || p.total === null || !onTime(c, p.inv) || eligible.length >= MAX_INVOICES_PER_PAYMENT) return;
      if (p.currency === c.currency) eligible.push({ i, value: p.total, convertedOre: false });
      else {
        const conv = converted(c, p);
        if (conv.ok) eligible.push({ i, value: conv.ore, convertedOre: true });
      }
    });
    if (eligible.length < 2) continue;
    const paid = minorOf(c.amount, c.currency);
    let best: { mask: number; diff: number } | null = null;
    for (let mask = 1; mask < 1 << eligible.length; mask++) {
      let sum = 0;
      let anyConverted = false;
      let n = 0;
      eligible.forEach((e, k) => {
        if (mask & (1 << k)) {
          sum += e.value;
          anyConverted ||= e.convertedOre;
          n++;
        }
      });
      if (n < 2) continue;
      const on = c.date ?? today;
      const tol = anyConverted ? conversionToleranceOre(sum, on) : toleranceMinor(sum, c.currency, on);
      const diff = Math.abs(paid - sum);
      if (diff <= tol && (best === null || diff < best.diff)) best = { mask, diff };
    }
    if (best === null) continue;
    used.add(c.key);
    const members = eligible.filter((_, k) => best.mask & (1 << k));
    const sum = members.reduce((a, e) => a + e.value, 0);
    for (const e of members) {
      const p = prepared[e.i]!;
      results[e.i] = {
        code: "payment.proof.matched-several",
        status: "ok",
        documentId: p.inv.id,
        params: { ...found(c, p), count: members.length, sum: decimal(sum, CURRENCY_EXPONENT[c.currency] ?? 2), evidence: [...c.proof.evidence] },
      };
    }
  }

  // 3. Why none matches, for the sentence: the nearest miss of each kind, in this order.
  return prepared.map((p, i): CheckResult => {
    const done = results[i];
    if (done) return done;
    const inv = p.inv;
    const total = p.total!;
    const unmatched = (why: string, params: CheckResult["params"] = {}): CheckResult => ({ code: `payment.proof.unmatched.${why}`, status: "missing", documentId: inv.id, params });
    const tol = toleranceMinor(total, p.currency, inv.invoiceDate ?? today);
    const near = (c: Candidate) => c.currency === p.currency && Math.abs(minorOf(c.amount, c.currency) - total) <= tol;
    const open = candidates.filter((c) => !used.has(c.key));
    const early = open.find((c) => near(c) && !onTime(c, inv));
    if (early) return unmatched("date", { ...found(early, p), invoiceDate: inv.invoiceDate });
    // a used payment of this amount, or, when every payment already proves other invoices, the first of them
    const taken = candidates.find((c) => used.has(c.key) && near(c) && onTime(c, inv)) ?? (open.length === 0 ? candidates.find((c) => used.has(c.key)) : undefined);
    if (taken) return unmatched("used", found(taken, p));
    const sameCurrency = open
      .filter((c) => c.currency === p.currency)
      .sort((a, b) => Math.abs(minorOf(a.amount, a.currency) - total) - Math.abs(minorOf(b.amount, b.currency) - total))[0];
    if (sameCurrency) {
      // larger than this invoice while others in the currency are open too: a payment for several whose sum does not match
      const others = prepared.filter((q, j) => j !== i && results[j] === null && q.total !== null && q.currency === p.currency);
      if (minorOf(sameCurrency.amount, sameCurrency.currency) > total + tol && others.length > 0) {
        const sum = others.reduce((a, q) => a + q.total!, total);
        return unmatched("sum", { ...found(sameCurrency, p), count: others.length + 1, sum: decimal(sum, p.exp) });
      }
      return unmatched("amount", found(sameCurrency, p));
    }
    const nok = open.find((c) => c.currency === "NOK" && p.currency !== "NOK");
    if (nok) {
      const conv = converted(nok, p);
      return conv.ok ? unmatched("converted-amount", convertedParams(nok, p, conv)) : unmatched("currency-no-rate", found(nok, p));
    }
    const otherCurrency = open.find((c) => c.currency !== p.currency);
    if (otherCurrency) return unmatched("currency", found(otherCurrency, p));
    return unmatched("unread", { proof: proofs.map((x) => x.name) });
  });
}
