import { describe, expect, it } from "vitest";
import { computeYearOverview } from "~/domain/overview";
import { findTakst } from "~/rules/parameters/physio-takster";
import { norgesBankRates } from "~/domain/exchange-rates";
import { estimateRefund, frikortFromOverviews, parseAmountMinor, toOreHalfUp, type RefundInput, type RefundLineInput } from "~/domain/refund-estimate";
import type { IsoDate } from "~/kernel/types";
import { isoDate } from "~/kernel/dates";
import { ore } from "~/kernel/money";

const ADULT: IsoDate = "1980-01-01";

function input(over: Partial<RefundInput> & { lines: RefundLineInput[] }): RefundInput {
  return { currency: "EUR", paymentDate: "2024-05-16", birthDate: ADULT, yrkesskade: false, ...over };
}

interface Expected {
  status?: string;
  reason?: string | null;
  takster?: string[];
  norwegianPriceOre?: number | null;
  paidOre?: number | null;
  rateDate?: IsoDate;
  egenandelDeductedOre?: number;
  egenandelExemption?: string | null;
  refundOre: number;
  limitedBy?: string | null;
}

// OpenFisca style: name / period (treatment and payment dates) / input / output.
// 2024-05-16: A2b = 238/67/171 kr (estimated, U); EUR 11.642 (Norges Bank, 16 May 2024).
const cases: Array<[string, { period: string; input: RefundInput }, Expected]> = [
  [
    "costs more abroad than in Norway: refund limited by the Norwegian price minus egenandel",
    { period: "2024-05-16", input: input({ lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50.00" }] }) },
    {
      status: "covered",
      // from 1.7.2019 priced as "inntil 20 min" (A2a) + 1 started 10-minute block (A2b − A2a): the same 238 kr as A2b
      takster: ["A2a×1"],
      norwegianPriceOre: 23_800,
      paidOre: 58_210, // 50 × 11.642
      rateDate: "2024-05-16",
      egenandelDeductedOre: 17_100,
      egenandelExemption: null,
      refundOre: 6_700,
      limitedBy: "norwegian-price",
    },
  ],
  [
    "costs less abroad than in Norway: refund limited by what was paid",
    { period: "2024-05-16", input: input({ lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "20" }] }) },
    { paidOre: 23_284, norwegianPriceOre: 23_800, egenandelDeductedOre: 17_100, refundOre: 6_184, limitedBy: "paid" },
  ],
  [
    "paid less than the egenandel: refund is 0, never negative",
    { period: "2024-05-16", input: input({ lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "10,00" }] }) },
    { paidOre: 11_642, refundOre: 0, limitedBy: "paid" },
  ],
  [
    "acupuncture line: not covered, nothing refunded, amount still converted",
    { period: "2024-05-16", input: input({ lines: [{ date: "2024-05-16", treatmentForm: "akupunktur", durationMinutes: 30, amount: "40" }] }) },
    { status: "not-covered", reason: "form-not-covered", takster: [], paidOre: 46_568, refundOre: 0 },
  ],
  [
    "unknown treatment form: not estimated",
    { period: "2024-05-16", input: input({ lines: [{ date: "2024-05-16", treatmentForm: "yoga", durationMinutes: 30, amount: "40" }] }) },
    { status: "not-estimated", reason: "unknown-form", refundOre: 0 },
  ],
  [
    "yrkesskade: no egenandel, refund up to the full Norwegian price",
    {
      period: "2024-05-16",
      input: input({ yrkesskade: true, lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }] }),
    },
    { egenandelDeductedOre: 0, egenandelExemption: "yrkesskade", refundOre: 23_800 },
  ],
  [
    "2016 table (C), NOK invoice, manual therapy 45 min = A8a + 3 × A8b",
    {
      period: "2017-03-01",
      input: input({ currency: "NOK", paymentDate: "2017-03-01", lines: [{ date: "2017-03-01", treatmentForm: "manuellterapi", durationMinutes: 45, amount: "600" }] }),
    },
    { takster: ["A8a×1", "A8b×3"], norwegianPriceOre: 56_200, paidOre: 60_000, egenandelDeductedOre: 33_400, refundOre: 22_800 },
  ],
  [
    "a row with count: five 30-minute treatments",
    {
      period: "2017-03-01",
      input: input({
        currency: "NOK",
        paymentDate: "2017-04-01",
        lines: [{ date: "2017-03-01", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: { minor: 150_000 }, count: 5 }],
      }),
    },
    { norwegianPriceOre: 105_500, paidOre: 150_000, egenandelDeductedOre: 77_000, refundOre: 28_500 },
  ],
  [
    "pool group 60 min, 4 participants = C34c + C34g",
    {
      period: "2017-03-01",
      input: input({
        currency: "NOK",
        paymentDate: "2017-03-01",
        lines: [{ date: "2017-03-01", treatmentForm: "basseng", durationMinutes: 60, amount: "300", groupSize: 4 }],
      }),
    },
    { takster: ["C34c×1", "C34g×1"], norwegianPriceOre: 16_300, egenandelDeductedOre: 11_800, refundOre: 4_500 },
  ],
  [
    "treatment before 2017: outside the supported period",
    {
      period: "2016-12-31",
      input: input({ currency: "NOK", paymentDate: "2017-01-05", lines: [{ date: "2016-12-31", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "300" }] }),
    },
    { status: "not-estimated", reason: "date-unsupported", refundOre: 0 },
  ],
  [
    "paid after the loaded rates: priced in Norway, but the rate and the refund stay open",
    { period: "2024-05-15", input: input({ paymentDate: "2025-06-02", lines: [{ date: "2024-05-15", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }] }) },
    { status: "not-estimated", reason: "rate-missing", norwegianPriceOre: 23_800, paidOre: null, refundOre: 0 },
  ],
  [
    "an amount with too many decimals is invalid",
    { period: "2024-05-16", input: input({ lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50.005" }] }) },
    { status: "not-estimated", reason: "amount-invalid", refundOre: 0 },
  ],
  [
    "an unknown currency",
    { period: "2024-05-16", input: input({ currency: "XYZ", lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }] }) },
    { status: "not-estimated", reason: "currency-unknown", refundOre: 0 },
  ],
];

describe("estimateRefund: one line", () => {
  it.each(cases)("%s", (_name, { input: inp }, out) => {
    const e = estimateRefund(inp);
    const line = e.lines[0]!;
    if (out.status !== undefined) expect(line.status).toBe(out.status);
    if (out.reason !== undefined) expect(line.reason).toBe(out.reason);
    if (out.takster !== undefined) expect(line.takster.map((t) => `${t.code}×${t.quantity}`)).toEqual(out.takster);
    if (out.norwegianPriceOre !== undefined) expect(line.norwegianPriceOre).toBe(out.norwegianPriceOre);
    if (out.paidOre !== undefined) expect(line.paidOre).toBe(out.paidOre);
    if (out.rateDate !== undefined) expect(line.rate?.rateDate).toBe(out.rateDate);
    if (out.egenandelDeductedOre !== undefined) expect(line.egenandelDeductedOre).toBe(out.egenandelDeductedOre);
    if (out.egenandelExemption !== undefined) expect(line.egenandelExemption).toBe(out.egenandelExemption);
    if (out.limitedBy !== undefined) expect(line.limitedBy).toBe(out.limitedBy);
    expect(line.refundOre).toBe(out.refundOre);
    expect(e.totals.refundOre).toBe(out.refundOre);
  });
});

describe("exchange-rate date", () => {
  it.each([
    ["Saturday 18 May 2024 → Thursday 16 May (17 May is a holiday)", "2024-05-18", "2024-05-16", 58_210],
    ["Whit Monday 20 May 2024 → Thursday 16 May", "2024-05-20", "2024-05-16", 58_210],
    ["Easter Monday 1 April 2024 → Wednesday 27 March (11.6825)", "2024-04-01", "2024-03-27", 58_413],
    ["Boxing Day 2024 → 23 December (11.807)", "2024-12-26", "2024-12-23", 59_035],
  ])("%s", (_name, paymentDate, rateDate, paidOre) => {
    const e = estimateRefund(
      input({ paymentDate: isoDate(paymentDate), lines: [{ date: "2024-03-20" as IsoDate, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }] }),
    );
    const line = e.lines[0]!;
    expect(line.rate).toMatchObject({ requestedDate: paymentDate, rateDate });
    expect(line.notes).toContain("rate-from-earlier-day");
    expect(line.paidOre).toBe(paidOre);
  });

  it("uses the payment date by default; the treatment date when set", () => {
    const lines: RefundLineInput[] = [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }];
    expect(estimateRefund(input({ paymentDate: "2024-05-21", lines })).lines[0]!.rate?.rateDate).toBe("2024-05-21");
    const byTreatment = estimateRefund(input({ paymentDate: "2024-05-21", lines, settings: { rateDate: "treatment-date" } }));
    expect(byTreatment.rateDateRule).toBe("treatment-date");
    expect(byTreatment.lines[0]!.rate?.rateDate).toBe("2024-05-16");
  });

  it("rounds the converted amount once, half-up to whole øre", () => {
    // 0.01 EUR × 11.642 = 0.11642 NOK = 11.642 øre → 12 øre; 1.23 EUR × 11.6825 = 14.369475 NOK → 1 437 øre
    expect(toOreHalfUp({ num: 11_642n, den: 100_000n })).toBe(12);
    expect(toOreHalfUp({ num: 5n, den: 1000n })).toBe(1); // 0.5 øre → 1
    expect(toOreHalfUp({ num: 4n, den: 1000n })).toBe(0);
    const e = estimateRefund(input({ paymentDate: "2024-03-27", lines: [{ date: "2024-03-20", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "1.23" }] }));
    expect(e.lines[0]!.paidOre).toBe(1_437);
  });
});

describe("egenandel over a period", () => {
  it("a child turning 16 mid-period pays no egenandel up to the day before the birthday", () => {
    // Born 2008-05-20: exempt until 2024-05-19.
    const e = estimateRefund(
      input({
        birthDate: "2008-05-20",
        paymentDate: "2024-05-21",
        lines: [
          { date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" },
          { date: "2024-05-21", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" },
        ],
      }),
    );
    const [before, after] = e.lines;
    expect(before!.egenandelExemption).toBe("child-under-16");
    expect(before!.egenandelDeductedOre).toBe(0);
    expect(before!.refundOre).toBe(23_800); // full Norwegian price (paid 57 915 øre at 11.583)
    expect(after!.egenandelExemption).toBeNull();
    expect(after!.refundOre).toBe(6_700);
    expect(e.totals.refundOre).toBe(30_500);
    expect(e.appliedRules.map((r) => r.parameterId)).toContain("fritak.barn.alder");
  });

  it("a frikort reached mid-period: egenandel on the crossing day, none after", () => {
    const e = estimateRefund(
      input({
        paymentDate: "2024-05-21",
        frikortFrom: { 2024: "2024-05-16" },
        lines: [
          { date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" },
          { date: "2024-05-17", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" },
        ],
      }),
    );
    expect(e.lines[0]!.egenandelDeductedOre).toBe(17_100);
    expect(e.lines[0]!.egenandelExemption).toBeNull();
    expect(e.lines[1]!.egenandelDeductedOre).toBe(0);
    expect(e.lines[1]!.egenandelExemption).toBe("frikort");
    expect(e.lines[1]!.refundOre).toBe(23_800);
  });

  it("a frikort from another year does not apply", () => {
    const e = estimateRefund(
      input({ frikortFrom: { 2023: "2023-03-01" }, lines: [{ date: "2024-05-16" as IsoDate, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }] }),
    );
    expect(e.lines[0]!.egenandelDeductedOre).toBe(17_100);
  });

  it("takes the frikort date from the yearly overview (tak 2 up to 2020, the single tak from 2021)", () => {
    const rows = [
      {
        id: "a",
        serviceDate: "2020-02-01" as IsoDate,
        serviceType: "fysioterapi" as const,
        amountOre: ore(2_176_00),
        providerName: "x",
        paid: true,
        paidDate: "2020-02-01" as IsoDate,
        cancelled: false,
      },
      {
        id: "b",
        serviceDate: "2024-03-01" as IsoDate,
        serviceType: "lege" as const,
        amountOre: ore(3_165_00),
        providerName: "x",
        paid: true,
        paidDate: "2024-03-01" as IsoDate,
        cancelled: false,
      },
    ];
    const overviews = [2020, 2024].map((year) => computeYearOverview({ year, birthDate: ADULT, rows }));
    expect(frikortFromOverviews(overviews)).toEqual({ 2020: "2020-02-01", 2024: "2024-03-01" });
  });
});

describe("driftstilskudd share, applied rules and the indicative flag", () => {
  const line: RefundLineInput = { date: "2017-03-01", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "400" };

  it("adds a configured share of the refusjon to the Norwegian price", () => {
    // A2b 2017: refusjon 57 kr; 50 % = 28.50 kr
    const e = estimateRefund(input({ currency: "NOK", paymentDate: "2017-03-01", lines: [line], settings: { driftstilskuddShareBp: 5_000 } }));
    expect(e.lines[0]!.driftstilskuddShareOre).toBe(2_850);
    expect(e.lines[0]!.norwegianPriceOre).toBe(23_950);
    expect(e.lines[0]!.refundOre).toBe(23_950 - 15_400);
  });

  it("rejects a share that is not whole basis points", () => {
    expect(() => estimateRefund(input({ currency: "NOK", paymentDate: "2017-03-01", lines: [line], settings: { driftstilskuddShareBp: 1.5 } }))).toThrow(RangeError);
  });

  it("lists every rule behind the numbers, with reference and confidence", () => {
    const e = estimateRefund(input({ lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }] }));
    const ids = e.appliedRules.map((r) => r.parameterId);
    expect(ids).toEqual(
      expect.arrayContaining([
        "physio-abroad.rate-date-rule",
        "norges-bank.exr.EUR.2024-05-16",
        "physio-abroad.covered-forms",
        "physio.takst.A2a",
        "physio.takst-block.A2a",
        "physio.individual-treatment-structure",
        "physio-abroad.driftstilskudd-share-bp",
      ]),
    );
    for (const r of e.appliedRules) {
      expect(r.reference.length).toBeGreaterThan(5);
      expect(["C", "P", "U"]).toContain(r.confidence);
    }
    for (const key of e.lines[0]!.ruleKeys) expect(e.appliedRules.some((r) => r.key === key)).toBe(true);
    expect(e.appliedRules.find((r) => r.parameterId === "norges-bank.exr.EUR.2024-05-16")?.value).toBe("11.642 NOK per 1 EUR");
  });

  it("is indicative with an estimated takst and the default (uncertain) share", () => {
    const e = estimateRefund(input({ lines: [{ date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }] }));
    expect(e.indicative).toBe(true);
    expect(e.indicativeReasons).toEqual(expect.arrayContaining(["estimated-takst", "driftstilskudd-share-uncertain"]));
    expect(e.lines[0]!.notes).toContain("estimated-takst");
  });

  it("is indicative even on the published 2016 table while the share and rate date are uncertain", () => {
    const e = estimateRefund(input({ currency: "NOK", paymentDate: "2017-03-01", lines: [line] }));
    expect(e.lines[0]!.takster[0]!.confidence).toBe("C");
    expect(e.indicativeReasons).not.toContain("estimated-takst");
    expect(e.indicative).toBe(true);
  });

  it("adds up totals over covered lines only", () => {
    const e = estimateRefund(
      input({
        lines: [
          { date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" },
          { date: "2024-05-16", treatmentForm: "akupunktur", durationMinutes: 30, amount: "40" },
          { date: "2024-05-16", treatmentForm: "yoga", durationMinutes: 30, amount: "40" },
        ],
      }),
    );
    expect(e.totals).toMatchObject({ coveredLines: 1, notCoveredLines: 1, notEstimatedLines: 1, refundOre: 6_700, paidOre: 58_210 + 46_568 + 46_568 });
    expect(e.indicativeReasons).toContain("lines-not-estimated");
  });

  it("a summary row without a date is priced on the payment date and says so", () => {
    const e = estimateRefund(input({ lines: [{ date: null, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "100", count: 2 }] }));
    expect(e.lines[0]!.priceDate).toBe("2024-05-16");
    expect(e.lines[0]!.notes).toContain("treatment-date-missing-used-payment-date");
    expect(e.lines[0]!.refundOre).toBe(2 * 6_700);
  });
});

describe("invariants", () => {
  const forms = ["undersokelse", "ovelsesbehandling", "manuellterapi", "psykomotorisk", "gruppe", "basseng", "aktiv-oppvarming"];
  const amounts = ["0", "5", "20", "50", "500"];
  const dates: IsoDate[] = ["2017-03-01", "2019-08-01", "2021-02-01", "2024-05-16"];
  it("the refund is never negative and never above what was paid or the Norwegian price", () => {
    for (const form of forms)
      for (const amount of amounts)
        for (const date of dates) {
          const e = estimateRefund(input({ currency: "NOK", paymentDate: date, lines: [{ date, treatmentForm: form, durationMinutes: 45, amount }] }));
          const l = e.lines[0]!;
          expect(l.refundOre).toBeGreaterThanOrEqual(0);
          expect(l.refundOre).toBeLessThanOrEqual(l.paidOre!);
          expect(l.refundOre).toBeLessThanOrEqual(l.norwegianPriceOre!);
          expect(Number.isSafeInteger(l.refundOre)).toBe(true);
        }
  });
});

describe("parseAmountMinor", () => {
  it.each([
    ["45.50", 2, 4_550],
    ["45,5", 2, 4_550],
    ["1 234,00", 2, 123_400],
    ["45", 2, 4_500],
    ["45.500", 2, 4_550],
    ["45.505", 2, null],
    ["-5", 2, null],
    ["1000", 0, 1_000],
    ["1000.5", 0, null],
  ])("%s (exponent %i) → %s", (s, exp, minor) => {
    expect(parseAmountMinor(s, exp)).toBe(minor);
  });
});

describe("an exemption the resident stated (start question)", () => {
  const line: RefundLineInput = { date: "2024-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50.00" };

  it("deducts no egenandel, marks the line for Helfo to verify and makes the estimate indicative", () => {
    const e = estimateRefund(input({ statedExemption: "frikort", lines: [line] }));
    const l = e.lines[0]!;
    expect(l.egenandelDeductedOre).toBe(0);
    expect(l.egenandelExemption).toBe("frikort");
    expect(l.exemptionToVerify).toBe(true);
    expect(l.refundOre).toBe(23_800);
    expect(e.indicativeReasons).toContain("exemption-to-verify");
  });

  it("is not needed where the register shows the exemption: a frikort date before the treatment", () => {
    const e = estimateRefund(input({ statedExemption: "frikort", frikortFrom: { 2024: "2024-03-01" }, lines: [line] }));
    expect(e.lines[0]!.egenandelExemption).toBe("frikort");
    expect(e.lines[0]!.exemptionToVerify).toBe(false);
    expect(e.indicativeReasons).not.toContain("exemption-to-verify");
  });

  it("does not override the child exemption from the birth date", () => {
    const e = estimateRefund(input({ birthDate: "2015-01-01", statedExemption: "other", lines: [line] }));
    expect(e.lines[0]!.egenandelExemption).toBe("child-under-16");
    expect(e.lines[0]!.exemptionToVerify).toBe(false);
  });

  it("without a statement the egenandel is deducted as before", () => {
    const e = estimateRefund(input({ statedExemption: null, lines: [line] }));
    expect(e.lines[0]!.egenandelDeductedOre).toBe(17_100);
    expect(e.lines[0]!.exemptionToVerify).toBe(false);
  });
});

describe("real claims on any publication day, priced with Norges Bank's loaded daily rates", () => {
  const line = (date: IsoDate, amount: string): RefundLineInput => ({ date, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount });
  const one = (currency: string, date: IsoDate, amount: string) => estimateRefund(input({ currency, paymentDate: date, lines: [line(date, amount)] }));

  it("a 2019 GBP invoice: 40 GBP × 11.3144 (1 March 2019) = 452.58 kr, and a refund above 0", () => {
    const e = one("GBP", "2019-03-01", "40");
    expect(e.lines[0]).toMatchObject({ status: "covered", paidOre: 45_258, rate: { rateDate: "2019-03-01", nokPerUnit: "11.3144" } });
    expect(e.totals.refundOre).toBeGreaterThan(0);
    expect(e.totals.refundOpen).toBe(false);
  });

  it("SEK is published per 100: 500 SEK × 96.20/100 (15 September 2023) = 481.00 kr", () => {
    const e = one("SEK", "2023-09-15", "500");
    expect(e.lines[0]).toMatchObject({ status: "covered", paidOre: 48_100, rate: { nokPerUnit: "0.962" } });
    expect(e.totals.refundOre).toBeGreaterThan(0);
  });

  it("a 2025-01-02 EUR invoice: 50 EUR × 11.7173 = 585.87 kr; PLN on 3 January uses 2.7415", () => {
    expect(one("EUR", "2025-01-02", "50").lines[0]).toMatchObject({ status: "covered", paidOre: 58_587, rate: { rateDate: "2025-01-02" } });
    expect(one("PLN", "2025-01-03", "100").lines[0]).toMatchObject({ paidOre: 27_415, rate: { rateDate: "2025-01-03", nokPerUnit: "2.7415" } });
  });

  it("Easter Monday 2019 uses the rate of the Wednesday before, and says which days were skipped", () => {
    const e = one("EUR", "2019-04-22", "50");
    expect(e.lines[0]).toMatchObject({ status: "covered", paidOre: 47_889, rate: { requestedDate: "2019-04-22", rateDate: "2019-04-17" } });
    expect(e.lines[0]!.notes).toContain("rate-from-earlier-day");
    expect(e.lines[0]!.rate!.skipped).toHaveLength(5);
  });

  it("a date with no rate yet: the line says why, the refund is open (not 0 kr as a result)", () => {
    const e = one("EUR", "2025-03-03", "50");
    expect(e.lines[0]).toMatchObject({
      status: "not-estimated",
      reason: "rate-missing",
      paidOre: null,
      norwegianPriceOre: 24_500,
      rateOpen: { currency: "EUR", requestedDate: "2025-03-03", why: "not-yet-published", publishedThrough: "2025-01-03" },
    });
    expect(e.totals.refundOpen).toBe(true);
    expect(e.indicativeReasons).toContain("lines-not-estimated");
  });

  it("Done when (issue 18): every publication day in the data, 2 January 2017 to 3 January 2025, in every currency Norges Bank published that day, a covered line gets a refund above 0", () => {
    // about 1 000 kr in each currency, so the amount paid is above the egenandel
    const AMOUNT: Record<string, string> = { EUR: "100", CHF: "100", GBP: "90", USD: "110", BGN: "200", PLN: "450", RON: "500", DKK: "750", SEK: "1100", HRK: "750" };
    Object.assign(AMOUNT, { CZK: "2500", HUF: "40000", ISK: "15000" });
    const table = norgesBankRates();
    const days = [...table.observations.get("EUR")!.keys()].sort();
    expect(days[0]).toBe("2017-01-02");
    expect(days[days.length - 1]).toBe("2025-01-03");
    let checked = 0;
    for (const day of days) {
      for (const [currency, byDate] of table.observations) {
        if (!byDate.has(day)) continue;
        const e = one(currency, day, AMOUNT[currency]!);
        if (e.totals.refundOpen || !(e.totals.refundOre > 0)) expect.fail(`${currency} ${day}: open ${e.totals.refundOpen}, refund ${e.totals.refundOre}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(24_000);
  });
});

describe("issue 18 item 9: group size and durations between tiers", () => {
  it("group treatment for 6–10 people carries refusjon 0 in every year (the 2016 table's 0 is never raised by the estimation), so nothing is refunded", () => {
    for (let year = 2017; year <= 2025; year++) {
      for (const day of [`${year}-01-15`, `${year}-08-15`]) {
        for (const code of ["C34b", "C34d", "C34f"] as const) {
          const row = findTakst(code, isoDate(day));
          expect(row?.refusjonOre, `${code} ${day}`).toBe(0);
          expect(row?.honorarOre).toBe(row?.egenandelOre);
        }
      }
    }
    const e = estimateRefund(input({ lines: [{ date: "2024-05-16", treatmentForm: "gruppe", durationMinutes: 60, groupSize: 8, amount: "40.00" }] }));
    expect(e.lines[0]).toMatchObject({ status: "covered", takster: [expect.objectContaining({ code: "C34d", refusjonOre: 0 })], refundOre: 0 });
  });

  it("in the years of fixed tiers (before 1.7.2019), 50 minutes is priced as 40, and the line says which tier it used", () => {
    const e = estimateRefund(input({ paymentDate: "2018-05-16", lines: [{ date: "2018-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 50, amount: "50.00" }] }));
    expect(e.lines[0]).toMatchObject({ takster: [expect.objectContaining({ code: "A2c" })], pricedAsMinutes: 40, blockPricing: null });
    expect(e.lines[0]!.notes).toContain("duration-between-tiers-rounded-down");
    const exact = estimateRefund(input({ paymentDate: "2018-05-16", lines: [{ date: "2018-05-16", treatmentForm: "ovelsesbehandling", durationMinutes: 40, amount: "50.00" }] }));
    expect(exact.lines[0]!.pricedAsMinutes).toBeNull();
  });
});

describe("issue 18 item 9: 'inntil 20 min + per påbegynte 10 min' for the years a source gives it", () => {
  // 1.7.2019 rows (estimated from the 2019/2020 poster): A2a 159/36/123, A2b 217/57/160 → one block 58/21/37 kr.
  const priced = (date: IsoDate, minutes: number | null) =>
    estimateRefund(input({ currency: "NOK", paymentDate: date, lines: [{ date, treatmentForm: "ovelsesbehandling", durationMinutes: minutes, amount: "2000" }] })).lines[0]!;

  it.each([
    // minutes, started blocks, honorar, egenandel (kroner)
    [20, 0, 159, 123],
    [21, 1, 217, 160],
    [30, 1, 217, 160],
    [31, 2, 275, 197],
    [50, 3, 333, 234],
  ])("from 1.7.2019, %i minutes = 20 min + %i started 10-minute blocks: honorar %i kr, egenandel %i kr", (minutes, blocks, honorarKr, egenandelKr) => {
    const l = priced("2019-07-01", minutes);
    expect(l.takster.map((t) => `${t.code}×${t.quantity}`)).toEqual(["A2a×1"]);
    expect(l.blockPricing).toMatchObject({ baseMinutes: 20, blockMinutes: 10, blocks, perBlock: { honorarOre: 5_800, refusjonOre: 2_100, egenandelOre: 3_700 }, confidence: "U" });
    expect(l.honorarOre).toBe(honorarKr * 100);
    expect(l.egenandelOre).toBe(egenandelKr * 100);
    expect(l.pricedAsMinutes).toBeNull();
    expect(l.notes).not.toContain("duration-between-tiers-rounded-down");
    expect(l.refundOre).toBe((honorarKr - egenandelKr) * 100); // paid 2000 kr: limited by the Norwegian price
  });

  it.each([
    // minutes, tier code, tier minutes (null = exact), honorar, egenandel (kroner): the 2017-07-01 rows = the 2016 table
    [20, "A2a", null, 134, 98],
    [21, "A2a", 20, 134, 98],
    [30, "A2b", null, 211, 154],
    [31, "A2b", 30, 211, 154],
    [50, "A2c", 40, 270, 191],
  ] as const)("before the change (30.6.2019), %i minutes is the tier %s", (minutes, code, tier, honorarKr, egenandelKr) => {
    const l = priced("2019-06-30", minutes);
    expect(l.takster.map((t) => t.code)).toEqual([code]);
    expect(l.blockPricing).toBeNull();
    expect(l.pricedAsMinutes).toBe(tier);
    expect(l.honorarOre).toBe(honorarKr * 100);
    expect(l.egenandelOre).toBe(egenandelKr * 100);
  });

  it("the poster's egenandeler come out of the structure: 20/30/40/60/90 min = 123/160/197/271/382 kr", () => {
    expect([20, 30, 40, 60, 90].map((m) => (priced("2019-09-02", m).egenandelOre ?? 0) / 100)).toEqual([123, 160, 197, 271, 382]);
  });

  it("the change date is uncertain and says so: the structure is a dated rule with confidence U on both sides of 1.7.2019", () => {
    for (const [date, kind] of [
      ["2019-06-30", "tiers"],
      ["2019-07-01", "base-plus-blocks"],
      ["2024-05-16", "base-plus-blocks"],
    ] as const) {
      const e = estimateRefund(input({ currency: "NOK", paymentDate: date, lines: [{ date, treatmentForm: "ovelsesbehandling", durationMinutes: 50, amount: "500" }] }));
      const rule = e.appliedRules.find((r) => r.parameterId === "physio.individual-treatment-structure");
      expect(rule, date).toMatchObject({ value: kind, confidence: "U" });
      expect(e.lines[0]!.ruleKeys).toContain(rule!.key);
      expect(e.indicativeReasons).toContain("uncertain-rule");
    }
    // the published 2016 table's period: tiers, certain
    const e2017 = estimateRefund(
      input({ currency: "NOK", paymentDate: "2017-03-01", lines: [{ date: "2017-03-01", treatmentForm: "ovelsesbehandling", durationMinutes: 50, amount: "500" }] }),
    );
    expect(e2017.appliedRules.find((r) => r.parameterId === "physio.individual-treatment-structure")).toMatchObject({ value: "tiers", confidence: "C" });
  });

  it("a later year: 50 minutes on 16.5.2024 = A2a 174/43/131 + 3 × (A2b − A2a) 64/24/40 = 366 kr honorar, 251 kr egenandel", () => {
    const l = priced("2024-05-16", 50);
    expect(l.blockPricing?.blocks).toBe(3);
    expect(l.honorarOre).toBe(36_600);
    expect(l.egenandelOre).toBe(25_100);
  });

  it("without a duration: priced as up to 20 minutes, and the line says so", () => {
    const l = priced("2019-07-01", null);
    expect(l.blockPricing?.blocks).toBe(0);
    expect(l.honorarOre).toBe(15_900);
    expect(l.notes).toContain("duration-missing-priced-at-minimum");
  });

  it("manual therapy and group treatment keep their own takster (A8a + A8b, C34 tiers) and no structure rule", () => {
    const e = estimateRefund(
      input({
        currency: "NOK",
        paymentDate: "2019-09-02",
        lines: [
          { date: "2019-09-02", treatmentForm: "manuellterapi", durationMinutes: 50, amount: "900" },
          { date: "2019-09-02", treatmentForm: "gruppe", durationMinutes: 50, groupSize: 4, amount: "300" },
        ],
      }),
    );
    expect(e.lines[0]!.takster.map((t) => `${t.code}×${t.quantity}`)).toEqual(["A8a×1", "A8b×3"]);
    expect(e.lines[1]!.takster.map((t) => t.code)).toEqual(["C34a"]);
    expect(e.lines.every((l) => l.blockPricing === null)).toBe(true);
    expect(e.appliedRules.some((r) => r.parameterId === "physio.individual-treatment-structure")).toBe(false);
  });
});
