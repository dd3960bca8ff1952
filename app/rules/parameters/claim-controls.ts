/**
 * The automatic controls a treatment claim (regning) from a physiotherapist meets at receipt
 * (issue 20, seed 000: "En regelmotor utfører enkelte automatiske kontroller når Helfo mottar
 * kravet"). Each control is a dated parameter: what it checks, with which values, and what a line
 * that fails it gets — `avvist` (rejected, not paid) or `til-kontroll` (held for a person to look
 * at before it is paid). The pure functions that apply them are in app/domain/claim-controls.ts.
 *
 * Helfo's own rule set is not published (rules-research.md §5, "not found"); each rule below rests
 * on the regulation or the takst text it names, and where it is our own judgement the confidence
 * is U and the note says so.
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, type Parameter } from "../parameter";
import type { TakstCode } from "./physio-takster";

const LAST_REVIEWED_ON: IsoDate = "2026-11-23";
const TAKSTFORSKRIFT = "forskrift om stønad til dekning av utgifter til fysioterapi m.m. (takstforskriften), merknader og takster";
const SEED_000 = "seeds/helfo-etterkontroll-fysioterapi.txt (Helfo kontroll, 2023/2025)";

/** What a line that fails a control gets. */
export type ControlAction = "avvist" | "til-kontroll";

export interface SimpleRule {
  action: ControlAction;
}

export const takstValidRule = defineParameter<SimpleRule>({
  id: "claim.takst-valid",
  description: "The takst must be a physiotherapy takst in force on the treatment date; an unknown or ended code is not paid.",
  unit: "rule",
  legalBasis: TAKSTFORSKRIFT,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2014-07-01": {
      value: { action: "avvist" },
      reference:
        "Folketrygdens stønad til fysioterapi gis i form av takster fastsatt i takstforskriften (seed 000, 'Regelverk om refusjon'); the dated takst table in physio-takster.ts",
      confidence: "C",
    },
  },
});

export const dateNotFutureRule = defineParameter<SimpleRule>({
  id: "claim.date-not-future",
  description: "A treatment date after the day the claim is received cannot have happened yet.",
  unit: "rule",
  legalBasis: "folketrygdloven § 5-8 (stønad for behandling som er gitt)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2014-07-01": { value: { action: "avvist" }, reference: "issue 20 (automatic controls at receipt); the register refuses future service dates the same way", confidence: "C" },
  },
});

export const dateAfterBirthRule = defineParameter<SimpleRule>({
  id: "claim.date-after-birth",
  description: "A treatment date before the patient was born is an error in the claim.",
  unit: "rule",
  legalBasis: "folketrygdloven § 5-8",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: { "2014-07-01": { value: { action: "avvist" }, reference: "issue 20 (automatic controls at receipt)", confidence: "C" } },
});

export const dateInTablesRule = defineParameter<SimpleRule>({
  id: "claim.date-in-tables",
  description: "The treatment date must lie in a year the egenandelstak tables cover, so the egenandel can be counted.",
  unit: "rule",
  legalBasis: "folketrygdloven § 5-3; forskrift om egenandelstak",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: { "2017-01-01": { value: { action: "avvist" }, reference: "app/rules/parameters/egenandelstak.ts (FIRST_SUPPORTED_YEAR, lastSupportedYear)", confidence: "C" } },
});

export const patientAliveRule = defineParameter<SimpleRule>({
  id: "claim.patient-alive",
  description: "No treatment can be given after the patient's date of death; a claim for one is not paid.",
  unit: "rule",
  legalBasis: "folketrygdloven § 5-8",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2014-07-01": {
      value: { action: "avvist" },
      reference: `${SEED_000}, 'Fiktive krav': "refusjonskrav for døde pasienter"`,
      confidence: "C",
      note: "Treatment on the day of death itself is allowed (it may have been given that morning).",
    },
  },
});

export const groupSizeRule = defineParameter<SimpleRule>({
  id: "claim.group-size",
  description:
    "A group takst is paid only with the number of patients in the group, and only for the group sizes its text names; an individual takst is not billed with a group of more than one.",
  unit: "rule",
  legalBasis: TAKSTFORSKRIFT,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2014-07-01": {
      value: { action: "avvist" },
      reference:
        "Takstplakat 2016 (C34a–f '(1-5 personer)'/'(6-10 personer)', C34h 'smågrupper, 2-4', C33a 'inntil 3 barn'); helsereiser.no/helfo.php (for groups, the number of participants is part of the documentation)",
      confidence: "C",
    },
  },
});

export const minutesRule = defineParameter<SimpleRule>({
  id: "claim.minutes",
  description: "A time takst stands for a treatment of at least its minutes ('i 40 min', 'minst 30 min'); a shorter treatment billed with it is not paid.",
  unit: "rule",
  legalBasis: TAKSTFORSKRIFT,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2014-07-01": {
      value: { action: "avvist" },
      reference: `Takstplakat 2016 (the minutes in each takst's text); ${SEED_000}: "Refusjonskrav for lengre behandlinger enn det som er utført"`,
      confidence: "C",
    },
  },
});

export interface OverlapRule {
  action: ControlAction;
  /** Minutes two treatments may share (a change of rooms) before they count as overlapping. */
  toleranceMinutes: number;
}

export const overlapRule = defineParameter<OverlapRule>({
  id: "claim.overlap",
  description:
    "The patient has the therapist's full attention for the whole treatment: an individual treatment that overlaps in time another individual or group treatment billed by the same therapist (HPR number) is not paid.",
  unit: "rule",
  legalBasis: `${TAKSTFORSKRIFT}, merknad A1`,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2014-07-01": {
      value: { action: "avvist", toleranceMinutes: 0 },
      reference: `${SEED_000}: "Pasienten skal ha fysioterapeutens fulle oppmerksomhet i hele behandlingstiden og overlapping i tid av pasientbehandlinger honoreres ikke, jf. merknad A1 i takstforskriften"`,
      confidence: "C",
      note: "The line that arrives second is the one rejected; the first was already paid. Tolerance 0: a treatment may start the minute the other ends.",
    },
  },
});

export interface ExaminationCountRule {
  action: ControlAction;
  /** The examination takster counted together. */
  codes: TakstCode[];
  /** At most this many per patient per calendar year (all providers). */
  maxPerYear: number;
}

export const examinationCountRule = defineParameter<ExaminationCountRule>({
  id: "claim.examination-count",
  description:
    "At most a set number of examination takster per patient per calendar year; a line beyond it is held for control (the limit is per illness or injury, which the claim does not say).",
  unit: "rule",
  legalBasis: `${TAKSTFORSKRIFT} (A1a/A1d)`,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: { action: "til-kontroll", codes: ["A1a", "A1d"], maxPerYear: 4 },
      reference: `${SEED_000}: a therapist's words "Det er lov å ta undersøkelsestaksten 4 ganger i året"`,
      confidence: "U",
      note: "Before 1.7.2024 only a therapist's statement quoted by Helfo was found; treat the limit as uncertain.",
    },
    "2024-07-01": {
      value: { action: "til-kontroll", codes: ["A1a", "A1d"], maxPerYear: 4 },
      reference: "arko.no quoting Helsedirektoratet, 26.06.2024: 'A1a+B0a max 4 ganger per sykdom/skade per år' (rules-research.md §3c)",
      confidence: "P",
      note: "Per sykdom/skade: the claim carries no diagnosis, so a line over the limit is held for control, not rejected.",
    },
  },
});

export interface ExaminationIntervalRule {
  action: ControlAction;
  codes: TakstCode[];
  /** A second examination of the same patient within this many days of another is held. */
  minDaysBetween: number;
}

export const examinationIntervalRule = defineParameter<ExaminationIntervalRule>({
  id: "claim.examination-interval",
  description: "An examination opens a course of treatment: a second examination of the same patient within a few days of another is held for control.",
  unit: "rule",
  legalBasis: `${TAKSTFORSKRIFT} (A1a/A1d)`,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: { action: "til-kontroll", codes: ["A1a", "A1d"], minDaysBetween: 7 },
      reference: `${SEED_000}, example 5: "Behandler hadde krevd undersøkelsestakst med tidstillegg fire påfølgende dager"; "Refusjonskrav med takst for undersøkelse når pasienten har fått behandling"`,
      confidence: "U",
      note: "Our own threshold, not a published rule: no source gives a minimum interval. It only holds a line for a person to look at; change or end it here.",
    },
  },
});

/** Every control, in the order a line's results are listed. */
export const CLAIM_CONTROLS: ReadonlyArray<Parameter<{ action: ControlAction }>> = [
  takstValidRule,
  dateNotFutureRule,
  dateAfterBirthRule,
  dateInTablesRule,
  patientAliveRule,
  groupSizeRule,
  minutesRule,
  overlapRule,
  examinationCountRule,
  examinationIntervalRule,
];

export type ClaimRuleId =
  | "claim.takst-valid"
  | "claim.date-not-future"
  | "claim.date-after-birth"
  | "claim.date-in-tables"
  | "claim.patient-alive"
  | "claim.group-size"
  | "claim.minutes"
  | "claim.overlap"
  | "claim.examination-count"
  | "claim.examination-interval";
