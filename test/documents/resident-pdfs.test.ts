/**
 * Issue 22, item 6: the residents' PDFs wrap and never cut, read back as text (pdfjs) and as a
 * rendered page (canvas + OCR): the year PDF with the ceiling of each line and the payouts, the
 * abroad receipt naming the applicant, the expired frikort proof saying so, no developer words.
 */
import { describe, expect, it } from "vitest";
import type { SentSnapshot } from "~/domain/abroad-application";
import { computeYearOverview } from "~/domain/overview";
import { isoDate } from "~/kernel/dates";
import type { EgenandelRow, IsoDate } from "~/kernel/types";
import { renderReceipt } from "~/services/abroad-receipt-pdf.server";
import { renderProofPdf } from "~/services/frikort-proof.server";
import { renderOverviewPdf } from "~/services/overview-pdf.server";
import { pdfText, renderAndRead } from "../support/pdf-read";
import { ore } from "~/kernel/money";

const LONG_PROVIDER = "Henriksen og Fjellstad Fysioterapi og Rehabilitering avdeling Grünerløkka";
const rows: EgenandelRow[] = Array.from({ length: 10 }, (_, i) => ({
  id: `r${i}`,
  serviceDate: isoDate(`2019-0${Math.min(9, 2 + Math.floor(i / 2))}-1${i % 10}`),
  serviceType: "fysioterapi",
  amountOre: ore(24_200),
  providerName: i === 9 ? LONG_PROVIDER : "Storgata fysioterapi",
  paid: true,
  paidDate: null,
  cancelled: false,
}));
const squash = (s: string) => s.replace(/\s+/g, " ");

describe("the year's PDF", () => {
  const overview = computeYearOverview({ year: 2019, birthDate: "1958-03-14" as IsoDate, rows });
  const payouts = [{ tak: "tak2" as const, status: "paid" as const, paidOn: "2020-01-15" as IsoDate, amountOre: ore(33_300), account: "1234.56.78903" }];

  it("says each line after the frikort was paid back, with the date, in full; names the ceiling each line counts toward; lists the payouts", async () => {
    const bytes = await renderOverviewPdf({ overview, name: "Ingrid Hansen", lang: "nb", today: "2026-12-06" as IsoDate, payouts });
    const text = squash(await pdfText(bytes));
    expect(text).toContain("Etter frikort –");
    expect(text).toContain("betalt tilbake 15. januar 2020");
    expect(text).not.toContain("betales tilbake");
    expect(text).not.toContain("…");
    // the long provider name is all there, over two lines
    for (const word of LONG_PROVIDER.split(" ")) expect(text).toContain(word);
    expect(text).toContain("Teller mot");
    expect(text).toContain("Tak 2");
    expect(text).toContain("Utbetalinger for 2019");
    expect(text).toContain("Utbetalt 15. januar 2020 til konto 1234.56.78903");
  });

  it("in English too, and the rendered page reads the same (OCR)", async () => {
    const bytes = await renderOverviewPdf({ overview, name: "Ingrid Hansen", lang: "en", today: "2026-12-06" as IsoDate, payouts });
    const text = squash(await pdfText(bytes));
    expect(text).toContain("refunded on 15 January 2020");
    expect(text).toContain("NOK 2,420.00");
    const { text: seen } = await renderAndRead(bytes, "eng");
    // The page as printed (columns interleave in OCR): the status and the long name wrap, the total is whole.
    expect(squash(seen)).toMatch(/refunded on 15 January/);
    expect(squash(seen)).toMatch(/avdeling Gr\S+/);
    expect(squash(seen)).toMatch(/Total paid NOK 2,420\.00/);
    expect(squash(seen)).toMatch(/Paid on 15 January 2020 to account 1234\.56\.78903/);
  });
});

describe("the frikort proof PDF", () => {
  const proof = { tak: "tak2" as const, code: "K7M29QXA3B", validFrom: "2019-05-02" as IsoDate, validTo: "2019-12-31" as IsoDate };
  it("an expired proof says it has expired and until when it was valid; no developer words", async () => {
    const bytes = await renderProofPdf({ year: 2019, name: "Ingrid Hansen", proofs: [proof], lang: "nb", today: "2026-12-06" as IsoDate });
    const text = squash(await pdfText(bytes));
    expect(text).toContain("utløpt");
    const { text: seen } = await renderAndRead(bytes, "nor");
    expect(squash(seen)).toMatch(/Utløpt\. Frikortet gjaldt til og med/);
    expect(text).toContain("Utløpt. Frikortet gjaldt til og med 31. desember 2019");
    expect(text).not.toMatch(/API|frikort\/bevis/);
    expect(text).toContain("Behandleren kan sjekke kontrollkoden hos Helfo");
  });
  it("a proof still valid does not say expired", async () => {
    const text = squash(
      await pdfText(
        await renderProofPdf({ year: 2026, name: "Ingrid Hansen", proofs: [{ ...proof, validFrom: "2026-05-02", validTo: "2026-12-31" }], lang: "en", today: "2026-12-06" }),
      ),
    );
    expect(text).not.toMatch(/expired/i);
    expect(text).not.toMatch(/API/);
  });
});

describe("the receipt of an application abroad", () => {
  const sent: SentSnapshot = {
    documents: [{ id: "d1", kind: "invoice", filename: "faktura-fisioterapia-benalmadena-diciembre-2024-escaneada.pdf", sha256: "ab".repeat(32) }],
    invoices: [
      {
        documentId: "d1",
        answers: {
          providerName: "Fisio Benalmádena Centro de Rehabilitación",
          invoiceNumber: "F-2024/0288",
          invoiceDate: "2024-12-20",
          patientName: "Henrik Andersen",
          diagnosisCode: "M54.5",
          diagnosisText: "Lumbago",
          currency: "EUR",
          total: "444.00",
          paymentDate: "2024-12-23",
          amountsConfirmed: true,
          lines: [
            {
              date: "2024-12-02",
              treatmentForm: "ovelsesbehandling",
              description: "Fisioterapia individual con ejercicios terapéuticos supervisados",
              durationMinutes: 60,
              amount: "59.00",
            },
          ],
        },
      },
    ],
    estimate: { refundOre: ore(123_400), paidOre: ore(400_000), indicative: false, rateMissing: false },
    account: { kind: "foreign" as const, iban: "ES9121000418450200051332", bic: "CAIXESBBXXX" },
    claimKeys: { fileKeys: [], invoiceKeys: [] },
  };
  it("names the applicant and wraps long descriptions instead of cutting them", async () => {
    const bytes = await renderReceipt({ reference: "FP-2026-ABCDEF", applicant: "Henrik Andersen", submittedAt: new Date("2026-12-05T23:30:00Z"), sent, lang: "nb" });
    const text = squash(await pdfText(bytes));
    expect(text).toContain("Søker: Henrik Andersen");
    expect(text).toContain("supervisados (60 min)");
    expect(text).toContain("Fisio Benalmádena Centro de Rehabilitación");
    // sent at 23:30 UTC is 6 December in Oslo
    expect(text).toContain("6. des. 2026");
    const { text: seen } = await renderAndRead(bytes, "nor");
    expect(squash(seen)).toMatch(/Søker: Henrik Andersen/);
    expect(squash(seen)).toMatch(/supervisados/);
  });
});
