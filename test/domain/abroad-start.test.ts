import { describe, expect, it } from "vitest";
import {
  childForWholePeriod,
  countryChoices,
  countryStatus,
  earliestPaymentInTime,
  firstUnansweredStart,
  REFERRAL_NOT_NEEDED_FROM,
  referralQuestionNeeded,
  validatePeriod,
} from "~/domain/abroad-start";
import { abroadStartParameters, coveredCountries, EU_COUNTRIES } from "~/rules/parameters/abroad-start";
import type { IsoDate } from "~/kernel/types";

const TODAY: IsoDate = "2026-11-23";

describe("which countries the scheme covers (ftrl § 5-24 a)", () => {
  it("covers the 27 EU countries, Iceland and Liechtenstein", () => {
    const { covered } = countryChoices(TODAY);
    expect(covered).toHaveLength(29);
    expect(EU_COUNTRIES).toHaveLength(27);
    for (const c of ["ES", "SE", "DE", "PL", "IS", "LI", "HR"]) expect(countryStatus(c, TODAY)).toEqual({ covered: true });
  });

  it("does not cover Switzerland, the United Kingdom, Norway or a country outside the EEA, and says why", () => {
    expect(countryStatus("CH", TODAY)).toEqual({ covered: false, reason: "switzerland" });
    expect(countryStatus("GB", TODAY)).toEqual({ covered: false, reason: "united-kingdom" });
    expect(countryStatus("NO", TODAY)).toEqual({ covered: false, reason: "norway" });
    expect(countryStatus("OTHER", TODAY)).toEqual({ covered: false, reason: "outside-eea" });
    expect(countryStatus("US", TODAY)).toEqual({ covered: false, reason: "outside-eea" });
    expect(countryChoices(TODAY).notCovered).toEqual(["CH", "GB", "NO"]);
  });

  it("every parameter names its source", () => {
    for (const p of abroadStartParameters) for (const v of p.values) expect(v.reference.length).toBeGreaterThan(20);
    expect(coveredCountries.values[0]!.confidence).toBe("C");
  });
});

describe("treatment period", () => {
  const ok = (from: IsoDate, to: IsoDate, paidRecently?: boolean) => validatePeriod({ from, to, paidRecently }, TODAY);

  it("accepts a period that ended within six months", () => {
    expect(ok("2026-10-01", "2026-11-23")).toEqual([]);
    expect(ok("2026-05-23", "2026-05-23")).toEqual([]);
  });

  it("to ≥ from, neither in the future", () => {
    expect(ok("2026-11-10", "2026-11-01")).toEqual([{ field: "to", code: "before-from" }]);
    expect(ok("2026-11-20", "2026-11-24")).toEqual([{ field: "to", code: "future" }]);
    expect(ok("2026-11-24", "2026-11-25")).toEqual([
      { field: "from", code: "future" },
      { field: "to", code: "future" },
    ]);
  });

  it("not before the scheme came into force on 1 January 2011", () => {
    expect(ok("2010-12-31", "2026-11-01")).toEqual([{ field: "from", code: "before-scheme", schemeStart: "2011-01-01" }]);
  });

  it("a period that ended more than six months ago asks whether the payment was within the deadline; either answer is accepted", () => {
    expect(earliestPaymentInTime(TODAY)).toBe("2026-05-23");
    expect(ok("2024-09-03", "2024-09-18")).toEqual([{ field: "paidRecently", code: "deadline", paidOnOrAfter: "2026-05-23", deadlineMonths: 6 }]);
    expect(ok("2026-05-01", "2026-05-22")).toHaveLength(1);
    expect(ok("2024-09-03", "2024-09-18", false)).toEqual([]);
    expect(ok("2024-09-03", "2024-09-18", true)).toEqual([]);
  });
});

describe("referral before 2018", () => {
  it("the cut-off comes from the referral rule: 1 January 2018", () => {
    expect(REFERRAL_NOT_NEEDED_FROM).toBe("2018-01-01");
  });

  it("is asked when a treatment line is before the cut-off", () => {
    expect(referralQuestionNeeded(["2024-09-03", "2017-12-31"])).toBe(true);
    expect(referralQuestionNeeded(["2018-01-01", "2024-09-03"])).toBe(false);
    expect(referralQuestionNeeded([null])).toBe(false);
  });

  it("without dated lines, the stated period decides", () => {
    expect(referralQuestionNeeded([], { from: "2017-06-01" as IsoDate })).toBe(true);
    expect(referralQuestionNeeded([null], { from: "2018-02-01" as IsoDate })).toBe(false);
  });
});

describe("the first start question not answered", () => {
  const period = { from: "2026-10-01" as IsoDate, to: "2026-11-01" as IsoDate };
  it("goes country → period → exemption", () => {
    expect(firstUnansweredStart({}, "1980-01-01", TODAY)).toBe("land");
    expect(firstUnansweredStart({ country: "CH" }, "1980-01-01", TODAY)).toBe("land");
    expect(firstUnansweredStart({ country: "ES" }, "1980-01-01", TODAY)).toBe("periode");
    expect(firstUnansweredStart({ country: "ES", period }, "1980-01-01", TODAY)).toBe("fritak");
    expect(firstUnansweredStart({ country: "ES", period, exemption: { kind: "none" } }, "1980-01-01", TODAY)).toBeNull();
  });

  it("does not ask a child under 16 for the whole period about exemptions", () => {
    expect(childForWholePeriod("2015-03-01", period)).toBe(true);
    expect(firstUnansweredStart({ country: "ES", period }, "2015-03-01", TODAY)).toBeNull();
    // turned 16 during the period: asked
    expect(childForWholePeriod("2010-10-15", period)).toBe(false);
    expect(childForWholePeriod(null, period)).toBe(false);
  });
});
