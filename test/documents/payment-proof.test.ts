/**
 * Proof of payment through the real pipeline (issue 18 item 8): a card slip photographed (a generated PNG, read by OCR), a
 * bank statement (a generated PDF with a text layer) and a scanned receipt from the shared fixtures that is printed
 * "PAGADO". None of the shared fixtures is a card slip or a bank statement (their ground truth has invoices, authorisations
 * and epikriser only), so those two are made here.
 */
import { readFileSync } from "node:fs";
import { createCanvas } from "@napi-rs/canvas";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument, OcrPool } from "~/documents/pipeline";
import { StoredExtractionSchema } from "~/documents/schema";
import { classifyDocuments } from "~/domain/payment-proof-check";

const dir = new URL("../fixtures/documents/", import.meta.url).pathname;

/** A card terminal's slip as a phone would photograph it: narrow paper, monospaced print, on a grey table. */
function cardSlipPng(): Uint8Array {
  const c = createCanvas(1000, 1400);
  const g = c.getContext("2d");
  g.fillStyle = "#8a8a8a";
  g.fillRect(0, 0, 1000, 1400);
  g.fillStyle = "#ffffff";
  g.fillRect(200, 80, 600, 1240);
  g.fillStyle = "#111111";
  g.font = "30px DejaVu Sans Mono";
  const rows = [
    "CLINICA FISIO SOL",
    "C/ Mayor 12, Malaga",
    "",
    "VENTA",
    "14/10/2024  10:32",
    "VISA ************4321",
    "",
    "IMPORTE   355,50 EUR",
    "",
    "AUTORIZADO",
    "COD. AUT. 482913",
    "",
    "COPIA CLIENTE",
  ];
  rows.forEach((r, i) => g.fillText(r, 240, 160 + i * 52));
  return new Uint8Array(c.toBuffer("image/png"));
}

/** A Norwegian bank statement with the transfer to the clinic among other rows, as the bank's PDF (text layer). */
async function bankStatementPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const rows: Array<[number, string, number?]> = [
    [60, "Kontoutskrift brukskonto 1234.56.78903"],
    [60, "Periode 01.10.2024 - 31.10.2024"],
    [60, "Dato"],
    [60, "02.10.2024"],
    [60, "05.10.2024"],
    [60, "18.10.2024"],
    [60, "Saldo 31.10.2024"],
  ];
  const cells: Array<[number, number, string]> = [
    [2, 140, "Tekst"],
    [2, 470, "Beløp"],
    [3, 140, "Overføring til ES91 2100 0418 4502 0005 1332 Fisio Sol"],
    [3, 470, "-4 171,40"],
    [4, 140, "Matbutikk"],
    [4, 470, "-312,40"],
    [5, 140, "Overføring Fisio Sol EUR 355,50"],
    [5, 470, "-4 171,40"],
    [6, 470, "12 500,00"],
  ];
  const y = (i: number) => 780 - i * 24;
  rows.forEach(([x, text], i) => page.drawText(text, { x, y: y(i), size: 10, font }));
  for (const [i, x, text] of cells) page.drawText(text, { x, y: y(i), size: 10, font });
  return pdf.save();
}

describe("proof of payment read by the pipeline", () => {
  const pool = new OcrPool({ size: 1 });
  afterAll(() => pool.terminate());

  it("a photographed card slip: a card payment of 355,50 EUR on 14.10.2024, counted as proof of payment, not as an invoice", async () => {
    const r = await extractDocument(cardSlipPng(), { ocr: pool });
    expect(r.source).toBe("ocr");
    expect(r.payment.evidence.map((e) => e.kind)).toContain("card-slip");
    expect(r.payment.payments).toContainEqual({ amount: 355.5, currency: "EUR", date: "2024-10-14" });
    // as the job stores it, and what it counts as when the resident put it among the invoices
    const stored = StoredExtractionSchema.parse(r);
    expect(classifyDocuments([{ id: "slip", kind: "invoice", status: "done", result: stored }]).get("slip")).toMatchObject({ kind: "payment", readAsPayment: "payment-slip" });
  });

  it("a bank statement: the transfer's foreign amount with its date, and not the balance", async () => {
    const r = await extractDocument(await bankStatementPdf(), { ocr: pool });
    expect(r.source).toBe("text-layer");
    expect(r.payment.evidence.map((e) => e.kind)).toContain("bank-transfer");
    expect(r.payment.payments).toContainEqual({ amount: 355.5, currency: "EUR", date: "2024-10-18" });
    expect(r.payment.payments).toContainEqual({ amount: 4171.4, currency: "NOK", date: "2024-10-02" });
    expect(r.payment.payments.some((p) => p.amount === 12500)).toBe(false);
    const stored = StoredExtractionSchema.parse(r);
    expect(classifyDocuments([{ id: "bank", kind: "invoice", status: "done", result: stored }]).get("bank")?.kind).toBe("payment");
  });

  it("a scanned receipt printed 'PAGADO (tarjeta)' (shared fixture inv12) proves itself paid and stays an invoice", async () => {
    const f = "inv12-es-es-scan-pdf.pdf";
    const truth = JSON.parse(readFileSync(`${dir}${f.replace(/\.pdf$/, ".json")}`, "utf8"));
    const r = await extractDocument(new Uint8Array(readFileSync(dir + f)), { ocr: pool });
    expect(truth.documentType).toBe("invoice");
    expect(r.payment.evidence.map((e) => e.kind)).toContain("paid-on-invoice");
    expect(r.total).toBe(truth.total);
    expect(classifyDocuments([{ id: "inv", kind: "invoice", status: "done", result: StoredExtractionSchema.parse(r) }]).get("inv")?.kind).toBe("invoice");
  });
});
