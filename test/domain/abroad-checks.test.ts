import { describe, expect, it } from "vitest";
import {
  abroadClaimDeadline,
  checkPatient,
  namesMatch,
  checkCountry,
  checkDeadline,
  checkPeriod,
  checkDuplicates,
  checkFrequency,
  checkInvoiceContents,
  checkLanguage,
  checkReferral,
  checkNeedles,
  type Referrer,
  checkRequiredDocuments,
  checkDocumentsAgree,
  claimKeys,
  runAbroadChecks,
  type CheckDocument,
} from "~/domain/abroad-checks";
import { addDays, isoDate } from "~/kernel/dates";
import { needleUse } from "~/domain/needles";
import type { IsoDate } from "~/kernel/types";

const invoice = (over: Partial<CheckDocument> = {}): CheckDocument => ({
  id: "inv1",
  documentType: "invoice",
  language: "de",
  providerName: "Physio Praxis Müller GmbH",
  therapists: [{ name: "Anna Müller", authorisationNumber: "DE-123" }],
  invoiceNumber: "2024-0042",
  diagnosis: { code: "M54.5", text: "Lumbago" },
  currency: "EUR",
  lines: [
    { date: "2024-05-06", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: 50 },
    { date: "2024-05-13", treatmentForm: "manuellterapi", durationMinutes: 40, amount: "65.00" },
  ],
  total: 115,
  checksum: "ABC123",
  paymentDate: "2024-05-16",
  ...over,
});
const authorisation = (name: string, number: string | null = null): CheckDocument => ({
  id: `auth-${name}`,
  documentType: "authorisation",
  language: "en",
  therapists: [{ name, authorisationNumber: number }],
});
const epikrise: CheckDocument = { id: "epi", documentType: "epikrise", language: "sv", treatmentPeriod: { from: "2024-05-01", to: "2024-05-31" } };

const codes = (rs: Array<{ code: string }>) => rs.map((r) => r.code);

describe("required documents", () => {
  it("all present: invoice, epikrise, authorisation for the therapist (name matched without accents)", () => {
    const rs = checkRequiredDocuments([invoice(), epikrise, authorisation("ANNA MULLER")]);
    expect(rs.every((r) => r.status === "ok")).toBe(true);
    expect(codes(rs)).toEqual(["documents.invoice.present", "documents.epikrise.present", "documents.authorisation.present"]);
  });

  it("matches authorisation by number", () => {
    const rs = checkRequiredDocuments([invoice(), epikrise, authorisation("A. M.", "DE-123")]);
    expect(codes(rs)).toContain("documents.authorisation.present");
  });

  it("reports each therapist without proof, the missing epikrise and the missing invoice", () => {
    const two = invoice({
      therapists: [
        { name: "Anna Müller", authorisationNumber: null },
        { name: "Jan Kowalski", authorisationNumber: null },
      ],
    });
    const rs = checkRequiredDocuments([two, authorisation("Anna Müller")]);
    expect(rs.filter((r) => r.status === "missing")).toEqual([
      { code: "documents.epikrise.missing", status: "missing", params: {} },
      { code: "documents.authorisation.missing", status: "missing", params: { therapist: "Jan Kowalski" }, documentId: "inv1" },
    ]);
    expect(codes(checkRequiredDocuments([epikrise]))).toContain("documents.invoice.missing");
  });
});

describe("invoice contents", () => {
  it("complete invoice passes", () => {
    expect(checkInvoiceContents(invoice()).every((r) => r.status === "ok")).toBe(true);
  });

  it("names the lines that lack date, duration, type or price, and a missing diagnosis", () => {
    const rs = checkInvoiceContents(
      invoice({
        diagnosis: { code: null, text: " " },
        lines: [
          { date: null, treatmentForm: "ovelsesbehandling", durationMinutes: null, amount: 50 },
          { date: "2024-05-13", treatmentForm: null, durationMinutes: 30, amount: 0 },
        ],
      }),
    );
    const missing = rs.filter((r) => r.status === "missing").map((r) => [r.code, r.params["lines"] ?? null]);
    expect(missing).toEqual([
      ["invoice.diagnosis.missing", null],
      ["invoice.line.treatment-type.missing", ["2"]],
      ["invoice.line.date.missing", ["1"]],
      ["invoice.line.duration.missing", ["1"]],
      ["invoice.line.price.missing", ["2"]],
    ]);
  });
});

describe("language", () => {
  it.each([
    ["nb", "language.ok"],
    ["nn", "language.ok"],
    ["sv", "language.ok"],
    ["da", "language.ok"],
    ["en", "language.ok"],
    ["de", "language.translation-may-be-required"],
    ["pl", "language.translation-may-be-required"],
    [null, "language.unknown"],
  ])("%s → %s", (language, code) => {
    expect(checkLanguage({ id: "d", documentType: "invoice", language }, "2024-06-01").code).toBe(code);
  });
});

describe("six-month deadline from the payment date", () => {
  const cases: Array<[string, { paymentDate: IsoDate; today: IsoDate }, { deadline: IsoDate; passed: boolean; daysLeft: number }]> = [
    ["the deadline day itself is in time", { paymentDate: "2024-05-16", today: "2024-11-16" }, { deadline: "2024-11-16", passed: false, daysLeft: 0 }],
    ["the day after is too late", { paymentDate: "2024-05-16", today: "2024-11-17" }, { deadline: "2024-11-16", passed: true, daysLeft: -1 }],
    ["31 August → end of February", { paymentDate: "2024-08-31", today: "2024-09-01" }, { deadline: "2025-02-28", passed: false, daysLeft: 180 }],
    ["29 February → 29 August", { paymentDate: "2024-02-29", today: "2024-08-30" }, { deadline: "2024-08-29", passed: true, daysLeft: -1 }],
  ];
  it.each(cases)("%s", (_name, { paymentDate, today }, output) => {
    expect(abroadClaimDeadline(isoDate(paymentDate), today)).toEqual({ paymentDate, ...output });
  });

  it("counts from the payment date, not the treatment date", () => {
    const r = checkDeadline(invoice({ paymentDate: "2024-07-01" as IsoDate }), "2024-12-20"); // treatments in May
    expect(r).toMatchObject({ code: "deadline.ok", params: { deadline: "2025-01-01" as IsoDate } });
    expect(checkDeadline(invoice({ paymentDate: null }), "2024-12-20").code).toBe("deadline.payment-date.missing");
  });
});

describe("referral for treatment before 2018", () => {
  it.each([
    ["2017-12-31 without referral: required", "2017-12-31", ["referral.missing"]],
    ["2018-01-01 without referral: not required", "2018-01-01", ["referral.not-required"]],
  ])("%s", (_name, date, expected) => {
    expect(codes(checkReferral({ treatments: [{ date: isoDate(date) }], referral: null }))).toEqual(expected);
  });

  it("a valid referral: ≤ 24 treatments, started within 6 months, no long gap", () => {
    const rs = checkReferral({ treatments: [{ date: "2017-03-01" }, { date: "2017-03-08", count: 2 }], referral: { date: "2017-01-15" } });
    expect(rs.every((r) => r.status === "ok")).toBe(true);
    expect(rs[0]!.params).toEqual({ count: 3, max: 24 });
  });

  it("25 treatments exceed the referral", () => {
    const treatments = Array.from({ length: 25 }, (_, i) => ({ date: addDays("2017-02-01", i * 3) }));
    expect(codes(checkReferral({ treatments, referral: { date: "2017-01-15" } }))).toContain("referral.too-many-treatments");
  });

  it("start after six months, and a gap of more than six months", () => {
    expect(codes(checkReferral({ treatments: [{ date: "2017-07-16" }], referral: { date: "2017-01-15" } }))).toContain("referral.late-start");
    expect(codes(checkReferral({ treatments: [{ date: "2017-07-15" }], referral: { date: "2017-01-15" } }))).toContain("referral.start");
    const gap = checkReferral({ treatments: [{ date: "2017-01-20" }, { date: "2017-07-21" }], referral: { date: "2017-01-15" } });
    expect(gap.find((r) => r.code === "referral.gap-too-long")?.params["gaps"]).toEqual(["2017-01-20/2017-07-21"]);
    const noGap = checkReferral({ treatments: [{ date: "2017-01-20" }, { date: "2017-07-20" }], referral: { date: "2017-01-15" } });
    expect(codes(noGap)).toContain("referral.no-long-gap");
  });

  it("only the treatments before 2018 count", () => {
    const rs = checkReferral({ treatments: [{ date: "2017-12-20" }, { date: "2018-09-01" }], referral: { date: "2017-12-01" } });
    expect(rs[0]!.params).toEqual({ count: 1, max: 24 });
    expect(codes(rs)).toContain("referral.no-long-gap");
  });
});

describe("duplicates", () => {
  it("builds keys from the checksum and from provider + invoice number + amount", () => {
    expect(claimKeys(invoice())).toEqual({ fileKey: "file:abc123", invoiceKey: "invoice:physio praxis muller gmbh|2024-0042|11500EUR" });
    expect(claimKeys(invoice({ invoiceNumber: null })).invoiceKey).toBeNull();
  });

  it("flags a file or an invoice claimed before, and a repeat inside the claim", () => {
    const prev = { fileKeys: ["file:abc123"], invoiceKeys: [] };
    expect(codes(checkDuplicates([invoice()], prev))).toEqual(["duplicate.file.claimed-before"]);
    const samePaperNewScan = invoice({ id: "inv2", checksum: "other", total: "115.00", providerName: "PHYSIO PRAXIS MÜLLER GMBH" });
    expect(codes(checkDuplicates([samePaperNewScan], { fileKeys: [], invoiceKeys: [claimKeys(invoice()).invoiceKey!] }))).toEqual(["duplicate.invoice.claimed-before"]);
    expect(codes(checkDuplicates([invoice(), samePaperNewScan], { fileKeys: [], invoiceKeys: [] }))).toEqual(["duplicate.invoice.in-this-claim"]);
    expect(codes(checkDuplicates([invoice()], { fileKeys: [], invoiceKeys: [] }))).toEqual(["duplicate.none"]);
  });
});

describe("treatment frequency", () => {
  const weekly = (start: IsoDate, n: number, step: number) => Array.from({ length: n }, (_, i) => ({ date: addDays(isoDate(start), i * step) }));
  const cases: Array<[string, Array<{ date: IsoDate | null }>, string]> = [
    ["once a week for 8 weeks", weekly("2024-01-01", 8, 7), "frequency.ok"],
    ["two a week (Mon/Thu) for 4 weeks: average 2.0 > 1.5", [...weekly("2024-01-01", 4, 7), ...weekly("2024-01-04", 4, 7)], "frequency.high.average"],
    [
      "three in seven days, then a pause",
      [{ date: "2024-01-01" }, { date: "2024-01-03" }, { date: "2024-01-07" }, ...weekly("2024-03-01", 3, 14)],
      "frequency.high.rolling-7-days",
    ],
    ["daily for two weeks", weekly("2024-01-01", 14, 1), "frequency.high.both"],
    ["examination and treatment the same day count as one visit", [{ date: "2024-01-01" }, { date: "2024-01-01" }, { date: "2024-01-08" }], "frequency.ok"],
    ["no dated treatments", [{ date: null }], "frequency.ok"],
  ];
  it.each(cases)("%s", (_name, lines, code) => {
    expect(checkFrequency(lines).code).toBe(code);
  });

  it("returns the evidence", () => {
    const r = checkFrequency([{ date: "2024-01-01" }, { date: "2024-01-03" }, { date: "2024-01-07" }, { date: "2024-01-20" }]);
    expect(r.status).toBe("flag");
    expect(r.params).toMatchObject({
      treatmentDays: 4,
      firstDate: "2024-01-01",
      lastDate: "2024-01-20",
      periodDays: 20,
      weeks: 3,
      averagePerWeek: "1.33",
      densestWindowFrom: "2024-01-01",
      densestWindowTo: "2024-01-07",
      densestWindowDates: ["2024-01-01", "2024-01-03", "2024-01-07"],
    });
  });
});

describe("runAbroadChecks", () => {
  it("combines the checks; a complete German claim (the invoice marked paid) only warns about translation", () => {
    const paid = invoice({ payment: { evidence: [{ kind: "paid-on-invoice" }], payments: [] } });
    const rs = runAbroadChecks({ documents: [paid, epikrise, authorisation("Anna Müller")], today: "2024-06-01" });
    const notOk = rs.filter((r) => r.status !== "ok").map((r) => `${r.code}:${r.documentId ?? ""}`);
    expect(notOk).toEqual(["language.translation-may-be-required:inv1"]);
    expect(codes(rs)).toEqual(expect.arrayContaining(["deadline.ok", "referral.not-required", "duplicate.none", "frequency.ok", "payment.proof.on-invoice"]));
  });

  it("an invoice without a paid mark or a proof of payment is flagged: payment not documented", () => {
    const rs = runAbroadChecks({ documents: [invoice(), epikrise, authorisation("Anna Müller")], today: "2024-06-01" });
    expect(rs.filter((r) => r.code.startsWith("payment.")).map((r) => `${r.status}:${r.code}:${r.documentId}`)).toEqual(["missing:payment.proof.missing:inv1"]);
  });
});

describe("the resident's start answers against the documents", () => {
  const auth: CheckDocument = { id: "auth1", documentType: "authorisation", language: "de", therapists: [{ name: "Anna Müller", authorisationNumber: "DE-123" }], country: "DE" };
  const epikrise: CheckDocument = { id: "epi1", documentType: "epikrise", language: "nb", country: "NO" };

  it("flags an invoice or authorisation from another country than the one stated; the epikrise may come from Norway", () => {
    expect(checkCountry([invoice({ country: "DE" }), auth, epikrise], "DE")).toEqual([{ code: "country.matches", status: "ok", params: { stated: "DE" } }]);
    expect(checkCountry([invoice({ country: "AT" }), auth, epikrise], "de")).toEqual([
      { code: "country.differs", status: "flag", params: { stated: "DE", found: "AT" }, documentId: "inv1" },
    ]);
    expect(checkCountry([invoice({ country: "DE" }), { ...auth, country: "NO" }], "DE")[0]).toMatchObject({ code: "country.differs", documentId: "auth1" });
  });

  it("does not flag a document whose country was not read", () => {
    expect(checkCountry([invoice({ country: null })], "DE")[0]!.code).toBe("country.matches");
  });

  it("flags treatment lines outside the stated period, by line number", () => {
    expect(checkPeriod([invoice()], { from: "2024-05-06" as IsoDate, to: "2024-05-13" as IsoDate })[0]!.code).toBe("period.inside");
    expect(checkPeriod([invoice()], { from: "2024-05-07" as IsoDate, to: "2024-05-31" as IsoDate })).toEqual([
      { code: "period.outside", status: "flag", params: { from: "2024-05-07" as IsoDate, to: "2024-05-31" as IsoDate, lines: ["1"] }, documentId: "inv1" },
    ]);
  });

  it("runAbroadChecks runs them when the answers are given, and uses the referral date", () => {
    const codes = (r: ReturnType<typeof runAbroadChecks>) => r.map((c) => `${c.status}:${c.code}`);
    const base = {
      documents: [invoice({ country: "AT", lines: [{ date: "2017-11-06" as IsoDate, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: 50 }] })],
      today: "2018-01-10" as IsoDate,
    };
    expect(codes(runAbroadChecks(base))).not.toContain("flag:country.differs");
    const withAnswers = runAbroadChecks({
      ...base,
      statedCountry: "DE",
      statedPeriod: { from: "2017-11-01" as IsoDate, to: "2017-11-30" as IsoDate },
      referral: { date: "2017-10-01" as IsoDate },
    });
    expect(codes(withAnswers)).toEqual(expect.arrayContaining(["flag:country.differs", "ok:period.inside", "ok:referral.start", "ok:referral.treatment-count"]));
    expect(codes(runAbroadChecks({ ...base, referral: null }))).toContain("missing:referral.missing");
  });
});

describe("the invoice is made out to the applicant", () => {
  it.each([
    ["Bjørn Løvås", "Bjørn Løvås", true],
    ["Bjern Levas", "Bjørn Løvås", true], // ø read as e by OCR on a Spanish page
    ["Bjorn Lovas", "Bjørn Løvås", true],
    ["Ingrid Hansen", "Ingrid Marie Hansen", true], // middle name left out
    ["INGRID HANSEN", "Ingrid Hansen", true],
    ["Ola Hansen", "Ingrid Hansen", false], // a relative
    ["Ingrid Olsen", "Ingrid Hansen", false],
    ["Ingrid", "Ingrid Hansen", false], // no family name
  ])("%s on the invoice, %s in the register → %s", (found, applicant, same) => {
    expect(namesMatch(found, applicant)).toBe(same);
  });

  it("flags an invoice made out to someone else, and says so when all match", () => {
    const inv = (id: string, patientName: string | null): CheckDocument => ({ id, documentType: "invoice", language: "es", patientName });
    expect(checkPatient([inv("a", "Ola Hansen"), inv("b", "Ingrid Hansen")], "Ingrid Hansen")).toEqual([
      { code: "patient.differs", status: "flag", documentId: "a", params: { found: "Ola Hansen", applicant: "Ingrid Hansen" } },
    ]);
    expect(checkPatient([inv("b", "Ingrid Hansen")], "Ingrid Hansen").map((r) => [r.code, r.status])).toEqual([["patient.matches", "ok"]]);
    expect(checkPatient([inv("c", null)], "Ingrid Hansen")).toEqual([]);
  });
});

describe("issue 18 item 6: manual therapy needs no referral, and who may refer", () => {
  it("manual therapy before 2018 needs no referral: its lines do not count toward the 24 treatments", () => {
    const manual = Array.from({ length: 30 }, (_, i) => ({ date: addDays("2017-01-02", i * 7), treatmentForm: "manuellterapi" }));
    expect(checkReferral({ treatments: manual, referral: null })).toEqual([expect.objectContaining({ code: "referral.not-required-form", status: "ok" })]);
    // with 20 physiotherapy lines beside them, the referral covers 20, not 50
    const physio = Array.from({ length: 20 }, (_, i) => ({ date: addDays("2017-01-03", i * 7), treatmentForm: "ovelsesbehandling" }));
    const out = checkReferral({ treatments: [...manual, ...physio], referral: { date: "2016-12-20" as IsoDate } });
    expect(out).toContainEqual(expect.objectContaining({ code: "referral.treatment-count", params: { count: 20, max: 24 } }));
  });

  it("a doctor, chiropractor or manual therapist in Norway may refer; a doctor abroad only when the illness arose there", () => {
    const treatments = [{ date: "2017-03-01" as IsoDate, treatmentForm: "ovelsesbehandling" }];
    const codes = (referrer: Referrer | null) => checkReferral({ treatments, referral: { date: "2017-02-01" as IsoDate, referrer } }).map((r) => `${r.status}:${r.code}`);
    expect(codes({ kind: "kiropraktor", inNorway: true })).toContain("ok:referral.referrer-ok");
    expect(codes({ kind: "annen", inNorway: true })).toContain("warning:referral.referrer-not-accepted");
    expect(codes({ kind: "lege", inNorway: false, illnessAroseAbroad: true })).toContain("ok:referral.referrer-foreign-ok");
    expect(codes({ kind: "lege", inNorway: false, illnessAroseAbroad: false })).toContain("warning:referral.referrer-foreign-not-accepted");
    expect(codes({ kind: "manuellterapeut", inNorway: false })).toContain("warning:referral.referrer-not-accepted");
    // not asked: no referrer check at all
    expect(codes(null).some((c) => c.includes("referrer"))).toBe(false);
  });
});

describe("issue 18 item 7: needles as a tool inside a covered form, acupuncture not covered", () => {
  it.each([
    ["Dry needling (30 min)", "needles-in-soft-tissue"],
    ["Tørrnåling", "needles-in-soft-tissue"],
    ["Punción seca + masaje", "needles-in-soft-tissue"],
    ["Triggerpunkt-Nadelung", "needles-in-soft-tissue"],
    ["Electropunción 15 min", "needles-in-electrotherapy"],
    ["Acupuntura", "acupuncture"],
    ["Akupunktur med dry needling", "acupuncture"],
    ["Massasje", null],
  ])("%s → %s", (text, use) => {
    expect(needleUse(text)?.use ?? null).toBe(use);
  });

  it("the resident and the caseworker see per line why: the tool is covered as its form, acupuncture is not", () => {
    const doc = invoice({
      lines: [
        { date: "2024-03-01", treatmentForm: "ovelsesbehandling", description: "Punción seca", durationMinutes: 30, amount: 40 },
        { date: "2024-03-08", treatmentForm: "akupunktur", description: "Acupuntura", durationMinutes: 30, amount: 40 },
        { date: "2024-03-15", treatmentForm: "ovelsesbehandling", description: "Masaje", durationMinutes: 30, amount: 40 },
      ],
    });
    expect(checkNeedles([doc]).map((r) => [r.status, r.code, r.params])).toEqual([
      ["ok", "needles.needles-in-soft-tissue", { line: "1", term: "puncion seca" }],
      ["warning", "needles.acupuncture", { line: "2", term: "acupuntura" }],
    ]);
    expect(runAbroadChecks({ documents: [doc], today: "2024-04-01" }).map((r) => r.code)).toContain("needles.acupuncture");
  });
});

describe("issue 21 item 4: authorisations and epikriser read against the invoices", () => {
  const applicant = "Kari Elisabeth Nordby";
  const inv = invoice({ patientName: "Kari Nordby", therapists: [{ name: "Anna Müller", authorisationNumber: null }] });
  const epi = (over: Partial<CheckDocument> = {}): CheckDocument => ({
    id: "epi",
    documentType: "epikrise",
    language: "de",
    patientName: "Kari Elisabeth Nordby",
    treatmentPeriod: { from: "2024-05-01", to: "2024-05-31" },
    ...over,
  });
  const flagged = (rs: ReturnType<typeof checkDocumentsAgree>) => rs.filter((r) => r.status !== "ok").map((r) => `${r.code}:${r.documentId ?? ""}`);

  it("an authorisation and an epikrise that fit the invoice pass, and say what they matched", () => {
    const rs = checkDocumentsAgree([inv, epi(), authorisation("Anna Muller", "DE-123")], applicant);
    expect(flagged(rs)).toEqual([]);
    expect(codes(rs)).toEqual(["authorisation.matches-invoice", "epikrise.patient-matches", "epikrise.period-covers"]);
  });

  it("an authorisation for a therapist on none of the invoices is flagged, not passed as in order", () => {
    const rs = checkDocumentsAgree([inv, epi(), authorisation("Anna Müller"), authorisation("Jan Kowalski", "PL-77")], applicant);
    expect(flagged(rs)).toEqual(["authorisation.not-on-invoice:auth-Jan Kowalski"]);
    expect(rs.find((r) => r.code === "authorisation.not-on-invoice")!.params).toEqual({ therapist: "Jan Kowalski", number: "PL-77" });
  });

  it("an invoice therapist without an authorisation is missing in the whole run", () => {
    const rs = runAbroadChecks({ documents: [inv, epi(), authorisation("Jan Kowalski")], today: "2024-06-01", applicantName: applicant });
    const notOk = rs.filter((r) => r.status !== "ok").map((r) => r.code);
    expect(notOk).toContain("documents.authorisation.missing");
    expect(notOk).toContain("authorisation.not-on-invoice");
  });

  it("the same therapist under another authorisation number on the invoice than on the proof is flagged", () => {
    const withNumber = invoice({ therapists: [{ name: "Anna Müller", authorisationNumber: "DE-999" }] });
    expect(flagged(checkDocumentsAgree([withNumber, epi(), authorisation("Anna Müller", "DE-123")], applicant))).toEqual(["authorisation.number-differs:auth-Anna Müller"]);
  });

  it('a therapist name read with an OCR slip still matches ("Anna Mvller")', () => {
    expect(flagged(checkDocumentsAgree([inv, epi(), authorisation("Anna Mvller")], applicant))).toEqual([]);
  });

  it("an epikrise for another patient is flagged", () => {
    const rs = checkDocumentsAgree([inv, epi({ patientName: "Bjørn Åsmund Lie" }), authorisation("Anna Müller")], applicant);
    expect(flagged(rs)).toEqual(["epikrise.patient-differs:epi"]);
    expect(rs.find((r) => r.code === "epikrise.patient-differs")!.params).toEqual({ found: "Bjørn Åsmund Lie", expected: applicant });
  });

  it("without the applicant's name the epikrise's patient is compared with the invoices'", () => {
    expect(flagged(checkDocumentsAgree([inv, epi({ patientName: "Per Olav Hagen" })]))).toEqual(["epikrise.patient-differs:epi"]);
    expect(flagged(checkDocumentsAgree([inv, epi({ patientName: "Kari E. Nordby" })]))).toEqual([]);
  });

  it("an epikrise whose period does not cover the invoice dates is flagged with the dates outside it", () => {
    const rs = checkDocumentsAgree([inv, epi({ treatmentPeriod: { from: "2024-05-10", to: "2024-06-30" } }), authorisation("Anna Müller")], applicant);
    expect(flagged(rs)).toEqual(["epikrise.period-not-covering:epi"]);
    expect(rs.find((r) => r.code === "epikrise.period-not-covering")!.params).toEqual({ from: "2024-05-10", to: "2024-06-30", dates: ["2024-05-06"], count: 1 });
  });

  it("two epikriser together may cover the invoice; an epikrise whose period was not read is a warning", () => {
    const a = epi({ id: "e1", treatmentPeriod: { from: "2024-05-01", to: "2024-05-07" } });
    const b = epi({ id: "e2", treatmentPeriod: { from: "2024-05-08", to: "2024-05-20" } });
    expect(flagged(checkDocumentsAgree([inv, a, b], applicant))).toEqual([]);
    const rs = checkDocumentsAgree([inv, epi({ treatmentPeriod: null })], applicant);
    expect(rs.filter((r) => r.status !== "ok").map((r) => [r.code, r.status])).toEqual([["epikrise.period-unread", "warning"]]);
  });

  it("an authorisation whose therapist was not read is a warning", () => {
    const empty: CheckDocument = { id: "a0", documentType: "authorisation", language: "en", therapists: [] };
    expect(checkDocumentsAgree([inv, empty]).map((r) => [r.code, r.status])).toEqual([["authorisation.unread", "warning"]]);
  });
});
