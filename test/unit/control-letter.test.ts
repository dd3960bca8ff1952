/**
 * The letters of a control case in nb, nn and en (issue 20 part 5): each says what its rules
 * require (legal basis, purpose, deadline, right to complain; the amount per line and in total;
 * the appeal deadline), with no placeholder left unfilled and no character lost to the font.
 */
import { describe, expect, it } from "vitest";
import { assess, type ControlLine } from "~/domain/control-case";
import { LANGS } from "~/i18n";
import { renderControlAppealOutcome, renderControlLetter } from "~/services/control-letter-pdf.server";
import { pdfText } from "../support/pdf-read";
import { ore } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";

const line: ControlLine & { claimId: string; lineNo: number; startMinute: number; minutes: number } = {
  id: "l1",
  claimId: "regning-17",
  lineNo: 2,
  takst: "A2c",
  serviceDate: "2016-09-01" as IsoDate,
  startMinute: 7 * 60 + 30,
  minutes: 40,
  refusjonOre: ore(7900),
  egenandelDisposition: "registered",
};
const assessed = assess(["l1"], [{ lineId: "l1", result: "wrong-takst", correctTakst: "A2a" }], new Map([["l1", line]]));
if (!assessed.ok) throw new Error(assessed.error);
const base = { reference: "KK-2026-ABCDEF", on: "2026-11-23" as IsoDate, provider: { name: "Fysio Øst AS", orgnr: "974760673" }, therapistHpr: "9144889", lines: [line] };

describe.each(LANGS)("control letters in %s", (lang) => {
  it("innhenting: the lines, purpose, deadline, ftrl § 21-4 and the complaint about the order", async () => {
    const text = (await pdfText(await renderControlLetter({ ...base, lang, kind: "innhenting", deadline: "2026-12-14" as IsoDate }))).replace(/\s+/g, " ");
    expect(text).toContain("regning-17/2");
    expect(text).toContain("07:30");
    expect(text).toContain("§ 21-4");
    expect(text).toContain("§ 14");
    expect(text).toContain(lang === "en" ? "14 December 2026" : "14. desember 2026");
    expect(text).toContain("Fysio Øst AS");
    expect(text).not.toMatch(/[{}]|\?\?/);
  });

  it("varsel and vedtak: the amount per line and in total (79 − 36 = 43 kr), the basis and the deadline", async () => {
    const varsel = (
      await pdfText(await renderControlLetter({ ...base, lang, kind: "varsel", deadline: "2026-12-14" as IsoDate, assessed: assessed.assessment.lines, totalOre: ore(4300) }))
    ).replace(/\s+/g, " ");
    expect(varsel).toContain("§ 16");
    expect(varsel).toMatch(/43[,.]00/);
    const vedtak = (
      await pdfText(
        await renderControlLetter({
          ...base,
          lang,
          kind: "vedtak",
          assessed: assessed.assessment.lines,
          totalOre: ore(4300),
          appealBy: "2027-01-04",
          replaces: { decidedOn: "2026-11-01", reason: "Journal for one line" },
        }),
      )
    ).replace(/\s+/g, " ");
    expect(vedtak).toContain("§ 22-15");
    expect(vedtak).toContain("A2a");
    expect(vedtak).toContain(lang === "en" ? "4 January 2027" : "4. januar 2027");
    expect(vedtak).toContain(lang === "en" ? "1 November 2026" : "1. november 2026");
    expect(vedtak).toContain("§ 18");
    for (const t of [varsel, vedtak]) expect(t).not.toMatch(/[{}]|\?\?/);
  });
});

describe.each(LANGS)("the answer to a provider's appeal in %s (the shared appeal-outcome letter)", (lang) => {
  const appeal = {
    lang,
    reference: "KK-2026-ABCDEF",
    on: "2027-01-10" as IsoDate,
    provider: { name: "Fysio Øst AS", orgnr: "974760673" },
    vedtak: { decidedOn: "2026-11-23" as IsoDate, totalOre: ore(4300) },
  };
  it("upheld: the vedtak's date and amount stand, the appeal goes to the appeal body, the reasons are given", async () => {
    const text = (await pdfText(await renderControlAppealOutcome({ ...appeal, outcome: "upheld", reason: "Journalen manglet for behandlingen." }))).replace(/\s+/g, " ");
    expect(text).toContain("KK-2026-ABCDEF");
    expect(text).toContain("Fysio Øst AS (974760673)");
    expect(text).toContain(lang === "en" ? "23 November 2026" : "23. november 2026");
    expect(text).toMatch(/43,00|43\.00/);
    expect(text).toContain({ nb: "opprettholder", nn: "held fast", en: "upholds" }[lang]);
    expect(text).toContain({ nb: "klageinstansen", nn: "klageinstansen", en: "appeal body" }[lang]);
    expect(text).toContain("§ 42");
    expect(text).toContain("Journalen manglet for behandlingen.");
    // the legal basis of the appeal's handling
    expect(text).toContain("forvaltningsloven § 33");
    expect(text).toContain("folketrygdloven § 21-12");
    expect(text).not.toContain("Helseklage");
    expect(text).not.toMatch(/[{}]|\?\?/);
  }, 90_000);

  it("reversed: the vedtak is reversed and the claim cancelled", async () => {
    const text = (await pdfText(await renderControlAppealOutcome({ ...appeal, outcome: "reversed", reason: "Feil i vurderingen." }))).replace(/\s+/g, " ");
    expect(text).toContain({ nb: "omgjør vedtaket", nn: "gjer om vedtaket", en: "reverses the decision" }[lang]);
    expect(text).toContain({ nb: "kansellert", nn: "kansellert", en: "cancelled" }[lang]);
    expect(text).not.toContain({ nb: "klageinstansen", nn: "klageinstansen", en: "appeal body" }[lang]);
    expect(text).toContain("forvaltningsloven § 33");
    expect(text).not.toMatch(/[{}]|\?\?/);
  }, 90_000);

  it("says what was paid or set off: what is left when upheld, paid back when reversed", async () => {
    const upheld = (await pdfText(await renderControlAppealOutcome({ ...appeal, outcome: "upheld", reason: null, settledOre: ore(1000) }))).replace(/\s+/g, " ");
    expect(upheld).toMatch(/10[,.]00/);
    expect(upheld).toMatch(/33[,.]00/);
    expect(upheld).toContain({ nb: "motregnet", nn: "motrekna", en: "set off" }[lang]);
    const reversed = (await pdfText(await renderControlAppealOutcome({ ...appeal, outcome: "reversed", reason: null, settledOre: ore(1000) }))).replace(/\s+/g, " ");
    expect(reversed).toContain({ nb: "betaler Helfo tilbake", nn: "betaler Helfo tilbake", en: "pays back" }[lang]);
    expect(reversed).toMatch(/10[,.]00/);
    for (const t of [upheld, reversed]) expect(t).not.toMatch(/[{}]|\?\?/);
  }, 90_000);
});

describe.each(LANGS)("a late appeal dismissed (forvaltningsloven § 31) in %s", (lang) => {
  const dismissal = {
    lang,
    outcome: "dismissed" as const,
    reference: "KK-2026-ABCDEF",
    on: "2027-02-10" as IsoDate,
    provider: { name: "Fysio Øst AS", orgnr: "974760673" },
    reason: "Ingen grunn til forsinkelsen er oppgitt.",
    vedtak: { decidedOn: "2026-11-23" as IsoDate, totalOre: ore(4300) },
    late: { appealBy: "2027-01-04" as IsoDate, receivedOn: "2027-02-01" as IsoDate, pastLimit: false, complaintBy: "2027-03-24" as IsoDate },
  };
  it("says the appeal came after the deadline, why it is not considered, that the vedtak stands, and the right to appeal the dismissal with its date", async () => {
    const text = (await pdfText(await renderControlAppealOutcome(dismissal))).replace(/\s+/g, " ");
    expect(text).toContain("KK-2026-ABCDEF");
    expect(text).toContain(lang === "en" ? "4 January 2027" : "4. januar 2027"); // the deadline missed
    expect(text).toContain(lang === "en" ? "1 February 2027" : "1. februar 2027"); // the day it arrived
    expect(text).toContain(lang === "en" ? "24 March 2027" : "24. mars 2027"); // the last day to appeal the dismissal
    expect(text).toMatch(/43[,.]00/);
    expect(text).toContain("§ 31");
    expect(text).toContain("§ 2");
    expect(text).toContain("§ 28");
    expect(text).toContain("33");
    expect(text).toContain("Ingen grunn til forsinkelsen er oppgitt.");
    expect(text).not.toContain("§ 31 tredje"); // within the year: the first paragraph's conditions, not the absolute limit
    expect(text).not.toMatch(/[{}]|\?\?/);
  }, 90_000);

  it("more than a year after the vedtak: the absolute limit of § 31 third paragraph", async () => {
    const text = (await pdfText(await renderControlAppealOutcome({ ...dismissal, late: { ...dismissal.late, pastLimit: true }, settledOre: ore(1000) }))).replace(/\s+/g, " ");
    expect(text).toContain({ nb: "§ 31 tredje ledd", nn: "§ 31 tredje ledd", en: "§ 31 third paragraph" }[lang]);
    // what was paid counts, and what is left is still owed
    expect(text).toMatch(/33[,.]00/);
    expect(text).not.toMatch(/[{}]|\?\?/);
  }, 90_000);
});

describe.each(LANGS)("a vedtak an appeal changed (partly upheld) in %s", (lang) => {
  const changed = {
    ...base,
    lang,
    kind: "vedtak" as const,
    assessed: assessed.assessment.lines,
    totalOre: ore(4300),
    appealBy: "2027-01-04" as IsoDate,
    replaces: { decidedOn: "2026-11-01" as IsoDate, reason: "Journal for one line" },
  };
  it("claims only the difference: what was paid under the old vedtak counts, and an overpayment is paid back", async () => {
    const left = (await pdfText(await renderControlLetter({ ...changed, settledOre: ore(1000) }))).replace(/\s+/g, " ");
    expect(left).toMatch(/33[,.]00/);
    const over = (await pdfText(await renderControlLetter({ ...changed, settledOre: ore(5000) }))).replace(/\s+/g, " ");
    expect(over).toMatch(/(?<!\d)7[,.]00/);
    expect(over).toContain({ nb: "betaler Helfo tilbake", nn: "betaler Helfo tilbake", en: "pays that back" }[lang]);
    for (const t of [left, over]) expect(t).not.toMatch(/[{}]|\?\?/);
  }, 90_000);
});
