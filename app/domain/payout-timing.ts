/**
 * When a refund is paid out (issue 18 item 5), pure: the payout run follows the dated rhythm
 * (rules/parameters/payouts.ts: twice a month, later continuously), and the resident is told the
 * first run on or after the decision. Business days are the days Norwegian banks and Norges Bank work:
 * no weekends, Norwegian public holidays or 24 December (the calendar of the exchange rates).
 */
import { addDays, daysInMonth, parseIsoDate, toIsoDate } from "../kernel/dates";
import type { Confidence, IsoDate } from "../kernel/types";
import { entryAt } from "../rules/parameter";
import { noRateDayReason } from "./exchange-rates";
import { abroadProcessingMonths, payoutRhythm, type PayoutRhythm } from "../rules/parameters/payouts";

export function isBusinessDay(date: IsoDate): boolean {
  return noRateDayReason(date) === null;
}

/** The last business day on or before `date`. */
function businessDayOnOrBefore(date: IsoDate): IsoDate {
  let d = date;
  while (!isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

export function rhythmOn(date: IsoDate): { rhythm: PayoutRhythm; confidence: Confidence } {
  const e = entryAt(payoutRhythm, date);
  if (!e || e.value === null) throw new RangeError(`no payout rhythm on ${date}`);
  return { rhythm: e.value, confidence: e.confidence };
}

/**
 * Is `date` a payout day? Continuously: every business day. Twice a month: the 15th and the last day
 * of the month, or the business day before when that day is not one.
 */
export function isPayoutRunDay(date: IsoDate): boolean {
  if (!isBusinessDay(date)) return false;
  if (rhythmOn(date).rhythm === "continuous") return true;
  const { year, month } = parseIsoDate(date);
  return date === businessDayOnOrBefore(toIsoDate(year, month, 15)) || date === businessDayOnOrBefore(toIsoDate(year, month, daysInMonth(year, month)));
}

/** The first payout day on or after `date`. */
export function nextPayoutRun(date: IsoDate): IsoDate {
  let d = date;
  for (let i = 0; i < 40; i++, d = addDays(d, 1)) if (isPayoutRunDay(d)) return d;
  throw new RangeError(`no payout day within 40 days of ${date}`);
}

/** What the resident is told: the rhythm in force and the first payout run on or after the decision. */
export function expectedPayout(decidedOn: IsoDate): { rhythm: PayoutRhythm; runOn: IsoDate; uncertain: boolean } {
  const { rhythm, confidence } = rhythmOn(decidedOn);
  return { rhythm, runOn: nextPayoutRun(decidedOn), uncertain: confidence !== "C" };
}

/**
 * What the resident is told before sending an application for treatment abroad: Helfo's processing
 * time and how payouts run, each with whether it is uncertain; travel costs are claimed separately.
 */
export function abroadNextSteps(today: IsoDate): { processingMonths: number; processingUncertain: boolean; rhythm: PayoutRhythm; rhythmUncertain: boolean } {
  const p = entryAt(abroadProcessingMonths, today);
  if (!p || p.value === null) throw new RangeError(`no processing time on ${today}`);
  const r = rhythmOn(today);
  return { processingMonths: p.value, processingUncertain: p.confidence !== "C", rhythm: r.rhythm, rhythmUncertain: r.confidence !== "C" };
}
