/**
 * The start questions of a refund claim for physiotherapy abroad, as pure functions: is the
 * country covered, is the treatment period valid, is a referral question needed, and which
 * question is the first one not answered. No clock: `today` is passed in. Rules and sources:
 * app/rules/parameters/abroad-start.ts and physio-abroad.ts.
 */
import { valueAt } from "../rules/parameter";
import { coveredCountries, schemeStart, statedExemptionKinds, uncoveredCountries, type StatedExemptionKind, type UncoveredReason } from "../rules/parameters/abroad-start";
import { childExemptUntil } from "./child-exemption";
import { claimDeadlineMonthsAbroad, referralRule } from "../rules/parameters/physio-abroad";
import { isIsoDate, maxIso } from "../kernel/dates";
import { addMonths } from "./deadlines";
import type { IsoDate } from "../kernel/types";

export type { StatedExemptionKind, UncoveredReason };

/** Every country the resident can choose: the covered ones, then the common ones outside. */
export function countryChoices(today: IsoDate): { covered: readonly string[]; notCovered: readonly string[] } {
  return { covered: valueAt(coveredCountries, today), notCovered: Object.keys(valueAt(uncoveredCountries, today)) };
}

export type CountryStatus = { covered: true } | { covered: false; reason: UncoveredReason };

/** "OTHER" (or any code not listed) is a country outside the EEA. */
export function countryStatus(code: string, today: IsoDate): CountryStatus {
  const c = code.trim().toUpperCase();
  if (valueAt(coveredCountries, today).includes(c)) return { covered: true };
  return { covered: false, reason: valueAt(uncoveredCountries, today)[c] ?? "outside-eea" };
}

export interface PeriodAnswer {
  from: IsoDate;
  to: IsoDate;
  /**
   * Asked only when the period ended more than six months ago: did the resident pay on or after
   * today − 6 months (then the deadline, counted from the payment date, has not passed)?
   */
  paidRecently?: boolean;
}

export type PeriodError =
  | { field: "from" | "to"; code: "future" }
  | { field: "to"; code: "before-from" }
  | { field: "from"; code: "before-scheme"; schemeStart: IsoDate }
  | { field: "paidRecently"; code: "deadline"; paidOnOrAfter: IsoDate; deadlineMonths: number };

/**
 * to ≥ from; neither in the future; not before the scheme. The deadline is six months from the
 * payment date (ftrl § 22-13), which we do not know yet: when the period ended more than six months
 * ago, the resident is told and must answer whether they paid on or after today − 6 months. Either
 * answer is accepted (a late claim is not refused here: Helfo decides, the deadline check warns).
 */
export function periodNeedsPaymentQuestion(to: IsoDate, today: IsoDate): boolean {
  return to < earliestPaymentInTime(today);
}

export function validatePeriod(p: { from: IsoDate; to: IsoDate; paidRecently?: boolean | undefined }, today: IsoDate): PeriodError[] {
  const errors: PeriodError[] = [];
  if (p.from > today) errors.push({ field: "from", code: "future" });
  if (p.to > today) errors.push({ field: "to", code: "future" });
  else if (p.to < p.from) errors.push({ field: "to", code: "before-from" });
  const start = valueAt(schemeStart, today);
  if (p.from < start) errors.push({ field: "from", code: "before-scheme", schemeStart: start });
  if (errors.length === 0 && periodNeedsPaymentQuestion(p.to, today) && p.paidRecently === undefined) {
    errors.push({ field: "paidRecently", code: "deadline", paidOnOrAfter: earliestPaymentInTime(today), deadlineMonths: valueAt(claimDeadlineMonthsAbroad, today) });
  }
  return errors;
}

/** The earliest payment date still within the deadline today (shown beside the checkbox). */
export function earliestPaymentInTime(today: IsoDate): IsoDate {
  return addMonths(today, -valueAt(claimDeadlineMonthsAbroad, today));
}

export function isStatedExemptionKind(v: unknown, today: IsoDate): v is StatedExemptionKind {
  return typeof v === "string" && (valueAt(statedExemptionKinds, today) as readonly string[]).includes(v);
}

/** Children under 16 for the whole period are not asked about exemptions: the fødselsnummer says it. */
export function childForWholePeriod(birthDate: IsoDate | null, period: { to: IsoDate } | undefined): boolean {
  return birthDate !== null && period !== undefined && period.to <= childExemptUntil(birthDate);
}

/** The cut-off: the first date from which no referral is needed (1.1.2018). */
export const REFERRAL_NOT_NEEDED_FROM: IsoDate = referralRule.values.find((v) => v.value && !v.value.required)!.from;

/** A referral question is needed when a treatment date (or the stated period) falls before the cut-off. */
export function referralQuestionNeeded(treatmentDates: ReadonlyArray<IsoDate | null>, period?: { from: IsoDate }): boolean {
  const dates = treatmentDates.filter((d): d is IsoDate => d !== null && isIsoDate(d));
  const firstRuleFrom = referralRule.values[referralRule.values.length - 1]!.from;
  const needs = (d: IsoDate) => valueAt(referralRule, maxIso(d, firstRuleFrom)).required;
  if (dates.length > 0) return dates.some(needs);
  return period !== undefined && needs(period.from);
}

/** The answers the start questions store in abroad_applications.data. */
export interface StartAnswers {
  country?: string;
  period?: PeriodAnswer;
  exemption?: { kind: "none" | StatedExemptionKind; otherText?: string };
  referral?: { had: false } | { had: true; date: IsoDate; referrer?: ReferralWriter };
}

/**
 * Who wrote the referral, as the resident answered (issue 18 item 6): a doctor, chiropractor or manual
 * therapist in Norway, a doctor abroad (then: did the illness or injury arise while they were there), or
 * someone else. Older drafts have no answer; the check then says nothing.
 */
export type ReferralWriter = { kind: "lege" | "kiropraktor" | "manuellterapeut" | "annen"; inNorway: true } | { kind: "lege"; inNorway: false; illnessAroseAbroad: boolean };

export type StartStep = "land" | "periode" | "fritak";

/** The first start question not answered (null when all are), in the order they are asked. */
export function firstUnansweredStart(a: StartAnswers, birthDate: IsoDate | null, today: IsoDate): StartStep | null {
  if (!a.country || !countryStatus(a.country, today).covered) return "land";
  if (!a.period) return "periode";
  if (!a.exemption && !childForWholePeriod(birthDate, a.period)) return "fritak";
  return null;
}
