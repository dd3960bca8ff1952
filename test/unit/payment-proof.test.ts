import { describe, expect, it } from "vitest";
import { readPaymentEvidence, readPaymentProof } from "~/documents/payment-proof";
import type { PageText, Word } from "~/documents/types";
import type { StoredExtraction } from "~/documents/schema";
import { checkDocuments, invoicesInForce, type DocumentFacts } from "~/domain/abroad-application";
import { runAbroadChecks } from "~/domain/abroad-checks";
import { checkPaymentProof, classifyDocuments, type InvoiceToProve, type PaymentProof } from "~/domain/payment-proof-check";
import { buildRateTable } from "~/domain/exchange-rates";
import { abroadCheckText } from "~/components/abroad-check-text";
import { LANGS, translator } from "~/i18n";

const kinds = (text: string) => readPaymentEvidence(text).map((e) => e.kind);

/** A page of text lines, words 6 units a character apart (as a text layer gives them). */
function page(text: string): PageText[] {
  const lines = text.split("\n").map((row, i) => {
    const y0 = 20 + i * 18;
    const words: Word[] = [];
    let x = 20;
    for (const w of row.split(" ").filter(Boolean)) {
      words.push({ text: w, x0: x, x1: x + w.length * 6, y0, y1: y0 + 10 });
      x += w.length * 6 + 5;
    }
    return { page: 1, words, text: words.map((w) => w.text).join(" "), x0: 20, y0, x1: x, y1: y0 + 10 };
  });
  return [{ page: 1, width: 600, height: 900, lines: lines.filter((l) => l.words.length), source: "text-layer" }];
}

describe("proof of payment read from a document (issue 18 item 8)", () => {
  it("recognises a card slip, a bank statement line and 'paid' on the invoice, in several languages", () => {
    expect(kinds("FISIO MADRID\nVISA ************1234\nIMPORTE 120,00 EUR\nAUTORIZADO 123456")).toEqual(["card-slip"]);
    expect(kinds("Kontoutskrift 01.10.2024\nOverføring til ES91 2100 0418 4502 0005 1332  -120,00")).toEqual(["bank-transfer"]);
    expect(kinds("Factura 2024-117\nTotal 120,00 €\nPAGADO")).toEqual(["paid-on-invoice"]);
    expect(kinds("Rechnung Nr. 55 – Betrag dankend bezahlt")).toEqual(["paid-on-invoice"]);
    expect(kinds("Faktura 12: Betalt med kort, godkjent")).toEqual(["card-slip", "paid-on-invoice"]);
  });

  it("does not take an unpaid or due invoice for a paid one", () => {
    expect(kinds("Invoice 7: UNPAID, please pay by 01.12.2024")).toEqual([]);
    expect(kinds("Faktura: ikke betalt. Betales innen 14 dager til konto 1234.56.78903")).toEqual([]);
    expect(kinds("Factura: no pagado")).toEqual([]);
    expect(kinds("Faktura for fysioterapi, kort behandling 20 min")).toEqual([]); // 'kort' (short) without an approval
  });

  it("reads a card slip's amount, currency and date, the currency printed apart from the amount", () => {
    const r = readPaymentProof(page("CLINICA FISIO SOL\n14/10/2024 10:32\nVISA ************4321\nEUR\nIMPORTE 355,50\nAUTORIZADO 482913"), {
      language: "es",
      country: "ES",
      currency: null,
    });
    expect(r.evidence.map((e) => e.kind)).toEqual(["card-slip"]);
    expect(r.payments).toEqual([{ amount: 355.5, currency: "EUR", date: "2024-10-14" }]);
  });

  it("reads each row of a bank statement with its own date, the foreign amount beside the kroner, and leaves the balance out", () => {
    const r = readPaymentProof(
      page(
        [
          "Kontoutskrift brukskonto 1234.56.78903",
          "Dato Tekst Beløp",
          "02.10.2024 Overføring til ES91 2100 0418 4502 0005 1332 Fisio Sol EUR 120,00 -1 410,00 kr",
          "05.10.2024 Matbutikk -312,40 kr",
          "Saldo 31.10.2024 12 500,00 kr",
        ].join("\n"),
      ),
      { language: "nb", country: "NO", currency: null },
    );
    expect(r.evidence.map((e) => e.kind)).toEqual(["bank-transfer"]);
    expect(r.payments).toContainEqual({ amount: 120, currency: "EUR", date: "2024-10-02" });
    expect(r.payments).toContainEqual({ amount: 1410, currency: "NOK", date: "2024-10-02" });
    expect(r.payments).toContainEqual({ amount: 312.4, currency: "NOK", date: "2024-10-05" });
    expect(r.payments.some((p) => p.amount === 12500)).toBe(false);
  });

  it("a Norwegian statement without an account number read is still a statement, and its unmarked amounts are kroner", () => {
    const r = readPaymentProof(page("Kontoutskrift brukskonto\n05.02.2025 Overføring Centro de Fisioterapia EUR 607,00 -7 102,45"), {
      language: null,
      country: null,
      currency: null,
    });
    expect(r.evidence.map((e) => e.kind)).toEqual(["bank-transfer"]);
    expect(r.payments).toEqual([
      { amount: 607, currency: "EUR", date: "2025-02-05" },
      { amount: 7102.45, currency: "NOK", date: "2025-02-05" },
    ]);
  });
});

const inv = (o: Partial<InvoiceToProve> = {}): InvoiceToProve => ({ id: "i1", currency: "EUR", total: "355.50", invoiceDate: "2024-10-07", evidence: [], ...o });
const slip = (payments: PaymentProof["payments"], o: Partial<PaymentProof> = {}): PaymentProof => ({ id: "p1", name: "kort.pdf", evidence: ["card-slip"], payments, ...o });
const codes = (rs: ReturnType<typeof checkPaymentProof>) => rs.map((r) => `${r.status}:${r.code}`);
const TODAY = "2024-11-01";

describe("the proof-of-payment check", () => {
  it("an invoice marked paid passes on its own; a bank account printed on it (where to pay) does not", () => {
    expect(codes(checkPaymentProof([inv({ evidence: ["paid-on-invoice"] })], [], TODAY))).toEqual(["ok:payment.proof.on-invoice"]);
    expect(codes(checkPaymentProof([inv({ evidence: ["bank-transfer"] })], [], TODAY))).toEqual(["missing:payment.proof.missing"]);
  });

  it("a payment of the same amount and currency on or after the invoice date proves it, and says which proof", () => {
    const [r] = checkPaymentProof([inv()], [slip([{ amount: 355.5, currency: "EUR", date: "2024-10-07" }])], TODAY);
    expect(r).toMatchObject({ status: "ok", code: "payment.proof.matched", documentId: "i1", params: { proof: "kort.pdf", amount: "355.50", currency: "EUR" } });
  });

  it("the amount may differ by the tolerance: 1 % of the total, at least one whole unit", () => {
    const at = (amount: number, total = "355.50") => codes(checkPaymentProof([inv({ total })], [slip([{ amount, currency: "EUR", date: "2024-10-08" }])], TODAY))[0];
    expect(at(359.05)).toBe("ok:payment.proof.matched"); // 3.55 off: within 1 % (3.56)
    expect(at(359.1)).toBe("missing:payment.proof.unmatched.amount"); // 3.60 off
    expect(at(50.95, "50.00")).toBe("ok:payment.proof.matched"); // 1 % is 0.50: one whole unit applies
    expect(at(51.01, "50.00")).toBe("missing:payment.proof.unmatched.amount");
  });

  it("a payment in another foreign currency does not prove the invoice (no cross rate), and the sentence says what was found", () => {
    const [r] = checkPaymentProof([inv()], [slip([{ amount: 3_650, currency: "SEK", date: "2024-10-08" }])], TODAY);
    expect(r).toMatchObject({ status: "missing", code: "payment.proof.unmatched.currency", params: { amount: "3650.00", currency: "SEK", invoiceCurrency: "EUR" } });
  });

  it("a payment dated before the invoice is of something else", () => {
    const [r] = checkPaymentProof([inv()], [slip([{ amount: 355.5, currency: "EUR", date: "2024-10-01" }])], TODAY);
    expect(r).toMatchObject({ status: "missing", code: "payment.proof.unmatched.date", params: { date: "2024-10-01", invoiceDate: "2024-10-07" } });
  });

  it("one payment proves one invoice: two invoices of the same amount need two payments", () => {
    const two = [inv({ id: "a" }), inv({ id: "b" })];
    expect(codes(checkPaymentProof(two, [slip([{ amount: 355.5, currency: "EUR", date: "2024-10-07" }])], TODAY))).toEqual([
      "ok:payment.proof.matched",
      "missing:payment.proof.unmatched.used",
    ]);
    const both = slip([
      { amount: 355.5, currency: "EUR", date: "2024-10-07" },
      { amount: 355.5, currency: "EUR", date: "2024-10-09" },
    ]);
    expect(codes(checkPaymentProof(two, [both], TODAY))).toEqual(["ok:payment.proof.matched", "ok:payment.proof.matched"]);
  });

  it("without any proof, with a proof we could not read, or without the invoice's total, the payment is not documented", () => {
    expect(codes(checkPaymentProof([inv()], [], TODAY))).toEqual(["missing:payment.proof.missing"]);
    expect(codes(checkPaymentProof([inv()], [slip([])], TODAY))).toEqual(["missing:payment.proof.unmatched.unread"]);
    expect(codes(checkPaymentProof([inv({ total: "" })], [slip([{ amount: 1, currency: "EUR", date: null }])], TODAY))).toEqual(["missing:payment.proof.unmatched.no-total"]);
  });
});

describe("a NOK bank line or card slip against an invoice in another currency (issue 18 item 8)", () => {
  // Norges Bank EUR: 11.687 on 8 October 2024, 11.7393 on Friday 11 October (embedded file). Tolerance: 3 % of the converted total, at least 5 kr (U).
  const bank = (amount: number, date: string | null) => slip([{ amount, currency: "NOK", date }], { name: "kontoutskrift.pdf", evidence: ["bank-transfer"] });

  it("converts the invoice total with the rate of the payment date: 355.50 EUR × 11.687 = 4 154.73 kr, and 4 200 kr proves it", () => {
    const [r] = checkPaymentProof([inv()], [bank(4_200, "2024-10-08")], TODAY);
    expect(r).toMatchObject({
      status: "ok",
      code: "payment.proof.matched-converted",
      params: {
        proof: "kontoutskrift.pdf",
        amount: "4200.00",
        currency: "NOK",
        total: "355.50",
        invoiceCurrency: "EUR",
        converted: "4154.73",
        rate: "11.687",
        rateDate: "2024-10-08",
        tolerancePercent: 3,
      },
    });
  });

  it("the tolerance is 3 % of the converted total: 4 279.37 kr matches, 4 279.38 kr does not, and the sentence gives the converted amount", () => {
    expect(codes(checkPaymentProof([inv()], [bank(4_279.37, "2024-10-08")], TODAY))).toEqual(["ok:payment.proof.matched-converted"]);
    const [r] = checkPaymentProof([inv()], [bank(4_279.38, "2024-10-08")], TODAY);
    expect(r).toMatchObject({ status: "missing", code: "payment.proof.unmatched.converted-amount", params: { converted: "4154.73", rate: "11.687" } });
  });

  it("a payment on a Saturday uses Friday's rate (the rate rule of the estimate)", () => {
    const [r] = checkPaymentProof([inv()], [bank(4_173.32, "2024-10-12")], TODAY);
    expect(r).toMatchObject({ status: "ok", code: "payment.proof.matched-converted", params: { rate: "11.7393", rateDate: "2024-10-11", converted: "4173.32" } });
  });

  it("refuses, and says why, when there is no rate for the payment date yet or the payment has no date", () => {
    const later = inv({ invoiceDate: "2025-03-01" });
    expect(checkPaymentProof([later], [bank(4_200, "2025-03-10")], "2025-04-01")[0]).toMatchObject({
      status: "missing",
      code: "payment.proof.unmatched.currency-no-rate",
      params: { amount: "4200.00", currency: "NOK", invoiceCurrency: "EUR" },
    });
    expect(codes(checkPaymentProof([inv()], [bank(4_200, null)], TODAY))).toEqual(["missing:payment.proof.unmatched.currency-no-rate"]);
  });

  it("uses the rates it is given (the stored table with the imported days), not only the embedded file", () => {
    const later = inv({ invoiceDate: "2025-03-01" });
    const table = buildRateTable([{ currency: "EUR", date: "2025-03-10", value: "11.80", unitMultiplier: 0, sourceId: "fixture" }], {
      fixture: { reference: "test", confidence: "C" },
    });
    expect(checkPaymentProof([later], [bank(4_200, "2025-03-10")], "2025-04-01", table)[0]).toMatchObject({
      code: "payment.proof.matched-converted",
      params: { converted: "4194.90" },
    });
  });
});

describe("one bank transfer or card payment for several invoices (issue 18 item 8)", () => {
  const three = [inv({ id: "a", total: "120.00", invoiceDate: "2024-10-02" }), inv({ id: "b", total: "60.00", invoiceDate: "2024-10-04" }), inv({ id: "c", total: "175.50" })];

  it("the sum of the invoices matches one payment: each of them is proven, and the sentence says how many", () => {
    const rs = checkPaymentProof(three, [slip([{ amount: 355.5, currency: "EUR", date: "2024-10-08" }], { name: "overforing.pdf" })], TODAY);
    expect(codes(rs)).toEqual(["ok:payment.proof.matched-several", "ok:payment.proof.matched-several", "ok:payment.proof.matched-several"]);
    expect(rs[0]).toMatchObject({ params: { proof: "overforing.pdf", amount: "355.50", currency: "EUR", count: 3, sum: "355.50" } });
  });

  it("a payment for some of them: the set that adds up is proven, the other invoice is not, and is told the payment is taken", () => {
    const rs = checkPaymentProof(three, [slip([{ amount: 180, currency: "EUR", date: "2024-10-08" }])], TODAY);
    expect(codes(rs)).toEqual(["ok:payment.proof.matched-several", "ok:payment.proof.matched-several", "missing:payment.proof.unmatched.used"]);
    expect(rs[0]!.params).toMatchObject({ count: 2, sum: "180.00" });
  });

  it("within the tolerance on the sum (1 % of 355.50 = 3.56)", () => {
    expect(codes(checkPaymentProof(three, [slip([{ amount: 359, currency: "EUR", date: "2024-10-08" }])], TODAY))).toEqual(Array(3).fill("ok:payment.proof.matched-several"));
    expect(codes(checkPaymentProof(three, [slip([{ amount: 359.1, currency: "EUR", date: "2024-10-08" }])], TODAY))).toEqual(Array(3).fill("missing:payment.proof.unmatched.sum"));
  });

  it("refuses when the sum does not match: the payment is larger than the invoice, and no set of invoices adds up to it", () => {
    const two = three.slice(0, 2);
    const rs = checkPaymentProof(two, [slip([{ amount: 200, currency: "EUR", date: "2024-10-08" }])], TODAY);
    expect(codes(rs)).toEqual(["missing:payment.proof.unmatched.sum", "missing:payment.proof.unmatched.sum"]);
    expect(rs[0]).toMatchObject({ params: { amount: "200.00", total: "120.00", count: 2, sum: "180.00" } });
  });

  it("a payment dated before one of the invoices pays only the ones before it", () => {
    const rs = checkPaymentProof(three, [slip([{ amount: 180, currency: "EUR", date: "2024-10-05" }])], TODAY);
    expect(codes(rs).slice(0, 2)).toEqual(["ok:payment.proof.matched-several", "ok:payment.proof.matched-several"]);
    expect(codes(checkPaymentProof(three, [slip([{ amount: 355.5, currency: "EUR", date: "2024-10-05" }])], TODAY))).not.toContain("ok:payment.proof.matched-several");
  });

  it("a NOK transfer for two EUR invoices: their totals converted at the payment date's rate add up to it (1 402.44 + 701.22 = 2 103.66 kr)", () => {
    const rs = checkPaymentProof(three.slice(0, 2), [slip([{ amount: 2_110, currency: "NOK", date: "2024-10-08" }], { evidence: ["bank-transfer"] })], TODAY);
    expect(codes(rs)).toEqual(["ok:payment.proof.matched-several", "ok:payment.proof.matched-several"]);
    expect(rs[1]).toMatchObject({ params: { currency: "NOK", count: 2, sum: "2103.66", invoiceCurrency: "EUR" } });
  });

  it("an invoice that is proven by its own payment is not counted again in a set", () => {
    const rs = checkPaymentProof(
      three,
      [
        slip([
          { amount: 175.5, currency: "EUR", date: "2024-10-08" },
          { amount: 180, currency: "EUR", date: "2024-10-08" },
        ]),
      ],
      TODAY,
    );
    expect(codes(rs)).toEqual(["ok:payment.proof.matched-several", "ok:payment.proof.matched-several", "ok:payment.proof.matched"]);
  });
});

describe("what the resident and the caseworker read about these payments", () => {
  it("every new outcome is a whole sentence in nb, nn and en, with the amounts as the language writes them", () => {
    const three = [inv({ id: "a", total: "120.00", invoiceDate: "2024-10-02" }), inv({ id: "b", total: "60.00", invoiceDate: "2024-10-04" })];
    const nokLine = slip([{ amount: 4_200, currency: "NOK", date: "2024-10-08" }], { name: "kontoutskrift.pdf" });
    const results = [
      ...checkPaymentProof([inv()], [nokLine], TODAY),
      ...checkPaymentProof([inv()], [slip([{ amount: 5_000, currency: "NOK", date: "2024-10-08" }])], TODAY),
      ...checkPaymentProof([inv()], [slip([{ amount: 4_200, currency: "NOK", date: null }])], TODAY),
      ...checkPaymentProof(three, [slip([{ amount: 180, currency: "EUR", date: "2024-10-08" }])], TODAY),
      ...checkPaymentProof(three, [slip([{ amount: 200, currency: "EUR", date: "2024-10-08" }])], TODAY),
    ];
    expect(new Set(results.map((r) => r.code))).toEqual(
      new Set([
        "payment.proof.matched-converted",
        "payment.proof.unmatched.converted-amount",
        "payment.proof.unmatched.currency-no-rate",
        "payment.proof.matched-several",
        "payment.proof.unmatched.sum",
      ]),
    );
    for (const lang of LANGS) {
      for (const r of results) {
        const text = abroadCheckText({ code: r.code, params: r.params, documentName: null }, translator(lang), lang);
        expect(text, `${lang} ${r.code}`).not.toMatch(/abroad\.|\{\w+\}/);
        expect(text.length).toBeGreaterThan(30);
      }
    }
    const nb = abroadCheckText({ code: results[0]!.code, params: results[0]!.params, documentName: null }, translator("nb"), "nb");
    expect(nb).toBe("Betalingen er dokumentert: kontoutskrift.pdf viser 4200,00 NOK, og fakturaen på 355,50 EUR er 4154,73 kr etter Norges Banks kurs 11,687 fra 8. oktober 2024.");
  });
});

// ---------------------------------------------------------------------------------------------
// What an upload counts as, and the claim as a whole.

const extraction = (o: Partial<StoredExtraction>): StoredExtraction => ({
  documentType: "invoice",
  language: "es",
  country: "ES",
  providerName: "Fisio Sol",
  therapists: [],
  patientName: "Kari Nordby",
  patientBirthDate: null,
  invoiceNumber: null,
  invoiceDate: null,
  diagnosis: null,
  currency: "EUR",
  lines: [],
  total: null,
  issuingAuthority: null,
  treatmentPeriod: null,
  pages: 1,
  source: "text-layer",
  ...o,
});
const line = { date: "2024-10-02", treatmentForm: "ovelsesbehandling" as const, description: "Fisioterapia 30 min", durationMinutes: 30, amount: 60 };
const invoiceResult = (o: Partial<StoredExtraction> = {}) =>
  extraction({ invoiceNumber: "2024-117", invoiceDate: "2024-10-07", total: 120, lines: [line, { ...line, date: "2024-10-04" }], ...o });
const doc = (id: string, kind: string, result: StoredExtraction): DocumentFacts => ({ id, kind, status: "done", filename: `${id}.pdf`, result });
const cardSlip = extraction({
  documentType: "unknown",
  payment: { evidence: [{ kind: "card-slip", matched: ["visa", "autorizado"] }], payments: [{ amount: 120, currency: "EUR", date: "2024-10-07" }] },
});

describe("what an upload counts as", () => {
  it("a card slip uploaded among the invoices is proof of payment, not a second invoice, so the refund is not doubled", () => {
    const docs = [doc("inv", "invoice", invoiceResult()), doc("slip", "invoice", cardSlip)];
    expect(classifyDocuments(docs).get("slip")).toEqual({ kind: "payment", readAsPayment: "payment-slip", receiptOf: null });
    expect(invoicesInForce({}, docs).map((i) => i.doc.id)).toEqual(["inv"]);
    const view = { data: {}, documents: docs.map((d) => ({ doc: d, sha256: null })), invoices: invoicesInForce({}, docs) };
    const checks = runAbroadChecks({ documents: checkDocuments(view), today: "2024-11-01" });
    expect(checks.find((c) => c.code === "documents.invoice.present")?.params).toEqual({ count: 1 });
    expect(checks.find((c) => c.code.startsWith("payment.proof."))).toMatchObject({ status: "ok", code: "payment.proof.matched", documentId: "inv" });
    // a card slip in Spanish needs no translation
    expect(checks.some((c) => c.code.startsWith("language.") && c.documentId === "slip")).toBe(false);
  });

  it("the clinic's receipt of an invoice already uploaded (same number and total, marked paid) proves that invoice", () => {
    const receipt = invoiceResult({ payment: { evidence: [{ kind: "paid-on-invoice", matched: ["pagado"] }], payments: [{ amount: 120, currency: "EUR", date: "2024-10-07" }] } });
    const docs = [doc("receipt", "invoice", receipt), doc("inv", "invoice", invoiceResult())];
    const classes = classifyDocuments(docs);
    expect(classes.get("inv")?.kind).toBe("invoice");
    expect(classes.get("receipt")).toEqual({ kind: "payment", readAsPayment: "receipt-of-invoice", receiptOf: "inv" });
    expect(invoicesInForce({}, docs).map((i) => i.doc.id)).toEqual(["inv"]);
  });

  it("a bank statement whose row names the clinic ('Fisioterapia …', read as a treatment) is still proof of payment", () => {
    const statement = extraction({
      documentType: "unknown",
      lines: [line],
      payment: { evidence: [{ kind: "bank-transfer", matched: ["kontoutskrift"] }], payments: [{ amount: 120, currency: "EUR", date: "2024-10-08" }] },
    });
    expect(classifyDocuments([doc("bank", "invoice", statement)]).get("bank")?.kind).toBe("payment");
  });

  it("an invoice with treatment lines stays an invoice even when it prints the clinic's IBAN and 'transfer'", () => {
    const withIban = invoiceResult({ payment: { evidence: [{ kind: "bank-transfer", matched: ["transferencia", "es23"] }], payments: [] } });
    expect(classifyDocuments([doc("inv", "invoice", withIban)]).get("inv")?.kind).toBe("invoice");
  });

  it("a receipt with treatment lines marked paid whose title was not read stays an invoice", () => {
    const receipt = invoiceResult({ documentType: "unknown", payment: { evidence: [{ kind: "paid-on-invoice", matched: ["pagado"] }], payments: [] } });
    expect(classifyDocuments([doc("r", "invoice", receipt)]).get("r")?.kind).toBe("invoice");
  });

  it("a document in the proof-of-payment field is proof of payment whatever it looks like", () => {
    expect(classifyDocuments([doc("p", "payment", invoiceResult())]).get("p")?.kind).toBe("payment");
  });
});
