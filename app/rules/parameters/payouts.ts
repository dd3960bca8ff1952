/**
 * When and how Helfo pays out refunds, as dated parameters with their sources (issue 18 items 4–5):
 * - how often payouts run (twice a month in the 2017/2018 seed article; "fortløpende" on helsenorge);
 * - the merging of small refunds: while the 200 kr minimum applied (exemptions.ts, to 2021), amounts
 *   under it could be merged with further amounts arising within six months and paid once the sum
 *   reached 200 kr;
 * - Helfo's processing time for a refund of treatment abroad (up to six months, seed article).
 * Rendered in docs/rules/egenandelstak.md (app/domain/rule-docs.ts).
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-12-06";
const SEED = "seeds/egenandelsordningen-fysioterapi.txt (Spondylitten 2017/2018, quoting Helfo)";

export type PayoutRhythm = "twice-monthly" | "continuous";

export const payoutRhythm = defineParameter<PayoutRhythm>({
  id: "utbetaling.rytme",
  description:
    "How often Helfo pays out refunds (of egenandeler above the ceiling, and of treatment abroad). The payout run follows it (domain/payout-timing.ts), and the resident is told when to expect the money.",
  unit: "enum twice-monthly | continuous",
  legalBasis: "none stated: Helfo's practice",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: "twice-monthly",
      reference: `${SEED}: 'HELFO gjør frikortutbetalinger to ganger i måneden'`,
      confidence: "P",
      note: "Not found in an official source (rules-research.md §2 'Twice a month: not found'). The days are not stated: the run takes the 15th and the last day of the month, or the business day before (assumed).",
    },
    "2022-01-01": {
      value: "continuous",
      reference: "helsenorge.no 'Endring av kontonummer for frikort-utbetalinger': payouts happen 'fortløpende' and no letter is sent (rules-research.md §2)",
      confidence: "U",
      note: "helsenorge's statement is undated; the day Helfo changed from twice a month is not known. 1.1.2022 (when the 200 kr minimum ended) is assumed.",
    },
  },
});

export const smallRefundMergeMonths = defineParameter<number>({
  id: "utbetaling.sammenslaing-maneder",
  description:
    "While the minimum payout applied, an amount under it could be merged with further amounts the person became entitled to within this many months of it, and paid once the sum reached the minimum. Ended with the minimum on 1.1.2022.",
  unit: "months",
  legalBasis: "folketrygdloven § 22-19 andre ledd (as it read to 31.12.2021)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2014-01-01": {
      value: 6,
      reference: `${SEED}: 'Dersom du innen seks måneder får rett til ytterligere stønadsbeløp fra HELFO, og summen av beløpene utgjør minst 200 kroner, kan du kreve at beløpene slås sammen og utbetales under ett'`,
      confidence: "P",
      note: "Not found in an official source (rules-research.md §2). The six months are counted from the day the first amount arose. The seed says the person 'kan kreve' it; the portal merges without a request.",
    },
    "2022-01-01": {
      value: null,
      reference: "sor-fron.kommune.no (citing Helfo, 'Frikort – utbetalinger'): the minimum in ftrl § 22-19 andre ledd removed from 1.1.2022, so nothing is left to merge",
      confidence: "C",
      note: "Ended: from 2022 every amount is paid, so there is nothing to merge. Amounts under 200 kr from before 2022 that were not merged by then are not paid.",
    },
  },
});

export const abroadProcessingMonths = defineParameter<number>({
  id: "utland.saksbehandlingstid-maneder",
  description: "How long Helfo may take to decide a refund of treatment received in another EEA country, as told to the resident.",
  unit: "months",
  legalBasis: "none stated: Helfo's practice",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: 6,
      reference: `${SEED}: 'Saksbehandlingstiden hos HELFO er inntil seks måneder'`,
      confidence: "U",
      note: "One third-party article from 2017/2018; Helfo's own figure was not found (rules-research.md §4 'Helfo processing time: not found'). Shown to residents as uncertain.",
    },
  },
});
