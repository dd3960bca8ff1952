import { describe, expect, it } from "vitest";
import { type AbroadVedtakInput, appealDeadline, renderAbroadVedtakPdf, renderAppealOutcomePdf, renderVedtakPdf, type VedtakInput } from "~/services/vedtak-pdf.server";
import { pdfText, renderAndRead } from "../support/pdf-read";
import { ore } from "~/kernel/money";

const base: VedtakInput = {
  lang: "nb",
  reference: "FP-2026-ABC234",
  kind: "missing-egenandel",
  outcome: "registered",
  decidedOn: "2026-11-23",
  name: "Kari Nordmann",
  reason: null,
  lines: [{ providerName: "Storgata legesenter", serviceDate: "2026-11-02", serviceType: "lege", amountOre: ore(27_500) }],
};

describe("vedtak letter (ADR 0015)", () => {
  it("gives six weeks to appeal from the decision date", () => {
    expect(appealDeadline("2026-11-23")).toBe("2027-01-04");
    expect(appealDeadline("2026-12-31")).toBe("2027-02-11");
  });

  it("states the outcome, the amounts per line, the rules with legal basis and the right to appeal, in nb, nn and en", async () => {
    const nb = await pdfText(await renderVedtakPdf(base));
    expect(nb).toContain("Vedtak i sak FP-2026-ABC234");
    expect(nb).toContain("Helfo har registrert egenandelen");
    expect(nb).toContain("2. november 2026 · Storgata legesenter");
    expect(nb).toContain("275,00 kr");
    expect(nb).toContain("folketrygdloven § 22-13");
    expect(nb).toContain("innen 6 uker");
    expect(nb).toContain("senest 4. januar 2027");
    expect(nb).toContain("forvaltningsloven §§ 28 og 29");
    const nn = await pdfText(await renderVedtakPdf({ ...base, lang: "nn", outcome: "rejected", reason: "Behandlinga var for meir enn seks månader sidan." }));
    expect(nn).toContain("Helfo har avslått å registrere eigendelen");
    expect(nn).toContain("Grunngiving");
    expect(nn).toContain("Behandlinga var for meir enn seks månader sidan.");
    expect(nn).toContain("innan 6 veker");
    const en = await pdfText(await renderVedtakPdf({ ...base, lang: "en", kind: "frikort-application", outcome: "completed" }));
    expect(en).toContain("Decision in case FP-2026-ABC234");
    expect(en).toContain("granted your application for an exemption card");
    expect(en).toContain("Public Administration Act §§ 28 and 29");
    expect(en).toContain("by 4 January 2027");
  });

  it("reads back from the rendered page: a printed letter says the same", async () => {
    const { png, text } = await renderAndRead(await renderVedtakPdf(base));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Vedtak i sak FP-2026-ABC234");
    expect(flat).toMatch(/275,00 kr/);
    expect(flat).toMatch(/klage p[åa] vedtaket innen 6 uker/);
  }, 60_000);

  it("a refund claim abroad: per line what was claimed, decided and refunded, each reason with its legal basis, in nn and en", async () => {
    const abroad: AbroadVedtakInput = {
      lang: "nn",
      reference: "FP-2026-UTL234",
      outcome: "partly-approved",
      decidedOn: "2026-11-23",
      supersedesDecidedOn: "2026-10-01",
      name: "Kari Nordmann",
      refundOre: ore(9_100),
      note: null,
      account: "ES91 **** 1332 (CAIXESBBXXX)",
      lines: [
        {
          treatmentDate: "2024-11-01",
          description: "Fisioterapia",
          currency: "EUR",
          claimedAmount: "90.00",
          approvedAmount: "45.00",
          outcome: "approve-part",
          refundOre: ore(9_100),
          reasons: [],
        },
        {
          treatmentDate: "2024-11-02",
          description: "Gimnasio",
          currency: "EUR",
          claimedAmount: "30.00",
          approvedAmount: "0.00",
          outcome: "reject",
          refundOre: ore(0),
          reasons: [{ code: "deadline-passed", legalBasis: "folketrygdloven § 22-13 andre ledd" }],
        },
      ],
    };
    const nn = await pdfText(await renderAbroadVedtakPdf(abroad));
    expect(nn).toContain("Dette vedtaket erstattar vedtaket av 1. oktober 2026.");
    expect(nn).toContain("innvilga søknaden din om refusjon for fysioterapi i utlandet delvis");
    expect(nn).toContain("Delvis godkjend (45.00 EUR)");
    expect(nn).toContain("Kravet kom fram meir enn seks månader etter at du betalte. (folketrygdloven § 22-13 andre ledd)");
    expect(nn).toContain("ES91 **** 1332");
    const en = await pdfText(await renderAbroadVedtakPdf({ ...abroad, lang: "en" }));
    expect(en).toContain("approved your claim for a refund of physiotherapy abroad in part");
    expect(en).toContain("Rejected");
    expect(en).toMatch(/within 6 weeks/);
  }, 90_000);

  it("the letters after an appeal: reversed (decided again) or upheld and sent to the appeal body", async () => {
    const forward = await pdfText(
      await renderAppealOutcomePdf({ lang: "nb", reference: "FP-2026-KLG234", outcome: "forward", on: "2026-11-23", name: null, reason: "Vedtaket er riktig." }),
    );
    expect(forward).toContain("Svar på klagen din i sak FP-2026-KLG234");
    expect(forward).toContain("opprettholder vedtaket");
    expect(forward).toContain("Helseklage");
    expect(forward).toContain("Vedtaket er riktig.");
    const reverse = await pdfText(await renderAppealOutcomePdf({ lang: "en", reference: "FP-2026-KLG234", outcome: "reverse", on: "2026-11-23", name: null, reason: null }));
    expect(reverse).toContain("will assess the case again");
  }, 90_000);
});
