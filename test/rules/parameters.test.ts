import { describe, expect, it } from "vitest";
import { isIsoDate } from "~/kernel/dates";
import type { Parameter } from "~/rules/parameter";
import { ceilingParameters } from "~/rules/parameters/egenandelstak";
import { childExemptionAge, minimumPayout } from "~/rules/parameters/exemptions";
import { takMapping } from "~/rules/parameters/tak-mapping";
import { abroadStartParameters } from "~/rules/parameters/abroad-start";
import {
  appealWeeks,
  documentationDeadlineDays,
  informationOrderAppealDays,
  lateAppealLimitYears,
  letterBasis,
  noticeAnswerDays,
  repaymentDueDays,
  setOffSharePercent,
} from "~/rules/parameters/control-cases";
import { bluePrescriptionMaxEgenandel } from "~/rules/parameters/blue-prescription";
import { abroadProcessingMonths, payoutRhythm, smallRefundMergeMonths } from "~/rules/parameters/payouts";

const ALL: Array<Parameter<unknown>> = [
  ...Object.values(ceilingParameters),
  takMapping,
  childExemptionAge,
  minimumPayout,
  ...abroadStartParameters,
  bluePrescriptionMaxEgenandel,
  documentationDeadlineDays,
  noticeAnswerDays,
  repaymentDueDays,
  setOffSharePercent,
  appealWeeks,
  informationOrderAppealDays,
  lateAppealLimitYears,
  letterBasis,
  payoutRhythm,
  smallRefundMergeMonths,
  abroadProcessingMonths,
] as Array<Parameter<unknown>>;

describe.each(ALL.map((p) => [p.id, p] as const))("parameter %s", (_id, p) => {
  it("declares description, unit, legal basis and a review date", () => {
    expect(p.description.trim().length).toBeGreaterThan(20);
    expect(p.unit.trim()).not.toBe("");
    expect(p.legalBasis.trim()).not.toBe("");
    expect(isIsoDate(p.lastReviewedOn)).toBe(true);
  });

  it("has ISO dates sorted newest first, without duplicates", () => {
    const dates = p.values.map((v) => v.from);
    for (const d of dates) expect(isIsoDate(d)).toBe(true);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(dates).size).toBe(dates.length);
  });

  it("gives every value a reference and a confidence; uncertain values explain themselves", () => {
    for (const v of p.values) {
      expect(v.reference.trim().length).toBeGreaterThan(5);
      expect(["C", "P", "U"]).toContain(v.confidence);
      if (v.confidence === "U") expect(v.note?.trim()).toBeTruthy();
      if (v.value === null) expect(v.note?.trim()).toBeTruthy();
    }
  });

  it("uses integer øre for money", () => {
    if (p.unit !== "NOK_ORE") return;
    for (const v of p.values) if (v.value !== null) expect(Number.isSafeInteger(v.value)).toBe(true);
  });
});
