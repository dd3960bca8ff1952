import { describe, expect, it } from "vitest";
import { readPaymentEvidence } from "~/documents/payment-proof";
import { checkPaymentProof } from "~/domain/payment-proof-check";

const kinds = (text: string) => readPaymentEvidence(text).map((e) => e.kind);

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

  it("the check: an invoice marked paid or a proof uploaded passes; otherwise the proof is missing", () => {
    expect(checkPaymentProof([{ id: "i1", evidence: ["paid-on-invoice"] }], []).map((r) => `${r.status}:${r.code}`)).toEqual(["ok:payment.proof.on-invoice"]);
    expect(checkPaymentProof([{ id: "i1", evidence: [] }], [{ id: "p1", evidence: ["card-slip"] }])[0]).toMatchObject({
      status: "ok",
      code: "payment.proof.uploaded",
      params: { evidence: ["card-slip"] },
    });
    expect(checkPaymentProof([{ id: "i1", evidence: [] }], [{ id: "p1", evidence: [] }]).map((r) => `${r.status}:${r.code}`)).toEqual(["missing:payment.proof.missing"]);
  });
});
