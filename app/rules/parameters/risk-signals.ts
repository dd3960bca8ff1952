/**
 * Risk signals for post-payment control of physiotherapy claims (issue 20, part 4; seed 000,
 * "Helfo kontroll": the list of what makes Helfo look closer at a provider). Each signal is a dated
 * parameter: the metric it reads (computed from the claims, see app/models/risk-signals.server.ts),
 * how its threshold is set, and its weight in the score (app/domain/risk-signals.ts).
 *
 * NO PUBLISHED THRESHOLDS EXIST. Helfo names the patterns but not where "high" starts
 * (rules-research.md §5: Helfo's control criteria are not published). Every threshold below is
 * therefore our own (confidence U): by default the 99th percentile of the metric over all providers
 * (or all therapists) in the data itself, never below a floor that keeps a quiet population from
 * flagging noise. A controller reads the value, the threshold and the part each signal adds; the
 * score is the sum of the parts, never a black box.
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, type Parameter } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-12-06";
const SEED_000 = "seeds/helfo-etterkontroll-fysioterapi.txt (Helfo kontroll, presentation 2023/2025)";
const OWN = "Our own threshold: no published threshold exists; the default is the data's own distribution.";

export const RISK_SIGNAL_IDS = [
  "refund-total",
  "refund-takst",
  "few-patients-long-series",
  "many-patients-short-series",
  "long-series-patient",
  "early-late",
  "off-days",
  "frikort-increase",
  "no-gaps",
  "same-takst-series",
  "overlap",
  "after-death",
  "patient-reports",
  "examinations-in-a-row",
] as const;
export type RiskSignalId = (typeof RISK_SIGNAL_IDS)[number];

/** How a signal's threshold is set: a percentile of the population's values, never below `floor`. */
export interface RiskSignalRule {
  /** Points added when the value reaches the threshold; the part grows with value/threshold up to `cap` times the weight. */
  weight: number;
  cap: number;
  /** 0–1: the percentile of the metric over all subjects of the same level (providers, or therapists) with support. */
  percentile: number;
  /** The threshold is never below this (in the metric's unit). */
  floor: number;
  /** A subject needs at least this many patients (or qualifying series, see the metric) for a share to mean anything. */
  minSupport: number;
}

function signal(id: RiskSignalId, description: string, unit: string, seedQuote: string, value: RiskSignalRule, note?: string): Parameter<RiskSignalRule> {
  return defineParameter<RiskSignalRule>({
    id: `risk.${id}`,
    description,
    unit,
    legalBasis: "folketrygdloven § 22-15 (tilbakekreving) and § 21-4 (innhenting av opplysninger); the direct settlement agreement (Mønsteravtalen)",
    lastReviewedOn: LAST_REVIEWED_ON,
    values: { "2017-01-01": { value, reference: `${SEED_000}: "${seedQuote}"`, confidence: "U", note: note ? `${OWN} ${note}` : OWN } },
  });
}

export const RISK_SIGNAL_RULES: Readonly<Record<RiskSignalId, Parameter<RiskSignalRule>>> = {
  "refund-total": signal("refund-total", "Total refusjon paid for the subject's claims is among the highest.", "NOK_ORE", "Høy refusjon (total eller på enkelttakster)", {
    weight: 10,
    cap: 3,
    percentile: 0.99,
    floor: 100_000_00,
    minSupport: 1,
  }),
  "refund-takst": signal(
    "refund-takst",
    "Refusjon for a single takst is among the highest for that takst (the takst where it is highest counts).",
    "ratio",
    "Høy refusjon (total eller på enkelttakster)",
    { weight: 10, cap: 3, percentile: 0.99, floor: 20_000_00, minSupport: 1 },
    "The threshold is set per takst over the subjects that bill it; the value is refusjon for the takst divided by that threshold.",
  ),
  "few-patients-long-series": signal(
    "few-patients-long-series",
    "Few patients, each with a long series: claim lines per patient.",
    "lines per patient",
    "Få pasienter og lange behandlinger",
    { weight: 10, cap: 3, percentile: 0.99, floor: 25, minSupport: 3 },
  ),
  "many-patients-short-series": signal(
    "many-patients-short-series",
    "Many patients with short series: the share of patients with at most the short-series number of lines.",
    "share",
    "Mange pasienter og korte behandlinger",
    { weight: 10, cap: 2, percentile: 0.99, floor: 0.5, minSupport: 20 },
  ),
  "long-series-patient": signal(
    "long-series-patient",
    "The longest series of one patient (claim lines for the same patient), as in 'one patient 614 of 615 working days'.",
    "lines",
    "Lange behandlingsforløp (antall regninger per pasient / høy refusjon per pasient); Eksempel 4: 614 av 615 virkedager",
    { weight: 10, cap: 3, percentile: 0.99, floor: 60, minSupport: 1 },
  ),
  "early-late": signal(
    "early-late",
    "The share of treatments starting before the early hour or ending after the late hour.",
    "share",
    "Behandlinger svært tidlig om morgenen og/eller sent på kvelden/natten",
    { weight: 10, cap: 3, percentile: 0.99, floor: 0.05, minSupport: 1 },
  ),
  "off-days": signal("off-days", "The share of treatments on Saturdays, Sundays and Norwegian public holidays.", "share", "Behandlinger lør/søn/helligdager", {
    weight: 10,
    cap: 3,
    percentile: 0.99,
    floor: 0.05,
    minSupport: 1,
  }),
  "frikort-increase": signal(
    "frikort-increase",
    "Treatments per week times minutes per treatment after the patient's frikort, against before (mean over the patients with enough lines on both sides).",
    "ratio",
    "Økt lengde og hyppighet på behandlingene når pasienter får frikort",
    { weight: 10, cap: 3, percentile: 0.99, floor: 1.5, minSupport: 3 },
  ),
  "no-gaps": signal("no-gaps", "The share of working days with at least the full-day number of treatments and no gap between them.", "share", "Ingen hull i timebok", {
    weight: 10,
    cap: 3,
    percentile: 0.99,
    floor: 0.2,
    minSupport: 1,
  }),
  "same-takst-series": signal(
    "same-takst-series",
    "The share of patients whose first takster are exactly the most common sequence of the subject.",
    "share",
    "Lik takstrekke for samtlige pasienter",
    { weight: 10, cap: 2, percentile: 0.99, floor: 0.5, minSupport: 8 },
  ),
  overlap: signal(
    "overlap",
    "Individual treatments billed while the same therapist was treating someone else (rejected at receipt by claim.overlap).",
    "lines",
    "Overlappende behandling … behandleren har krevd takst for individuell behandling (merknad A1)",
    { weight: 10, cap: 3, percentile: 0.99, floor: 3, minSupport: 1 },
  ),
  "after-death": signal(
    "after-death",
    "Claims for treatment after the patient's death (rejected at receipt by claim.patient-alive).",
    "lines",
    "refusjonskrav for døde pasienter",
    { weight: 20, cap: 3, percentile: 0.99, floor: 1, minSupport: 1 },
    "Any such claim is a signal (floor 1).",
  ),
  "patient-reports": signal(
    "patient-reports",
    "Patients' reports that a billed treatment does not match what they got (claim-report cases).",
    "reports",
    "Avvik mellom hva pasientene opplyser og hva regningsinnsendingene viser",
    { weight: 15, cap: 3, percentile: 0.99, floor: 2, minSupport: 1 },
  ),
  "examinations-in-a-row": signal(
    "examinations-in-a-row",
    "Examination lines held at receipt because the same patient had another examination within days or too many in the year (claim.examination-*).",
    "lines",
    "Eksempel 5: undersøkelsestakst med tidstillegg fire påfølgende dager",
    { weight: 10, cap: 3, percentile: 0.99, floor: 2, minSupport: 1 },
  ),
};

/** The settings the metrics are computed with (what "early", "short" or "a full day" is). */
export interface RiskMetricSettings {
  /** A treatment starting before this minute of the day (Europe/Oslo) is early. */
  earlyBeforeMinute: number;
  /** A treatment ending after this minute of the day is late. */
  lateAfterMinute: number;
  /** A series of at most this many lines is short. */
  shortSeriesMaxLines: number;
  /** A day with at least this many treatments and no gap between them is "no gaps in the day". */
  fullDayMinLines: number;
  /** How many of a patient's first takster make the "takst series". */
  patternLength: number;
  /** Lines needed before and after the frikort for a patient to count in the frikort comparison. */
  frikortMinLines: number;
}

export const riskMetricSettings = defineParameter<RiskMetricSettings>({
  id: "risk.metric-settings",
  description: "What the risk metrics count as early, late, a short series, a full day without gaps, the takst series, and enough lines around a frikort.",
  unit: "settings",
  legalBasis: "none (internal working definitions for post-payment control)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: { earlyBeforeMinute: 7 * 60, lateAfterMinute: 21 * 60, shortSeriesMaxLines: 2, fullDayMinLines: 10, patternLength: 5, frikortMinLines: 3 },
      reference: `${SEED_000} (the patterns named); the values are ours`,
      confidence: "U",
      note: "Ordinary opening hours 07–21 cover the clinics we know of; a series of 1–2 lines is an examination with at most one follow-up; ten back-to-back treatments fill a working day.",
    },
  },
});
