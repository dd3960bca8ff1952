/**
 * Rules for refunds of physiotherapy received in another EEA country (folketrygdloven § 5-24 a,
 * forskrift 22.11.2010 nr. 1466), as dated parameters with sources (rules-research.md §4), and
 * the tiers that price an invoice line (treatment form + duration) by the Norwegian takster. The mapping
 * and the human-readable rendering (docs/rules/physio-abroad.md): app/domain/physio-abroad.ts.
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, type Parameter } from "../parameter";
import { TREATMENT_FORMS, type TreatmentForm } from "../../kernel/treatment-forms";
import type { TakstCode } from "./physio-takster";
import { needlesAsTool } from "./needles";
import { paymentConversionTolerance, paymentMatchTolerance } from "./payment-proof";

const LAST_REVIEWED_ON: IsoDate = "2026-11-23";
const LEGAL_BASIS = "folketrygdloven § 5-24 a; forskrift 22.11.2010 nr. 1466 om stønad til helsetjenester mottatt i et annet EØS-land";

export { TREATMENT_FORMS, type TreatmentForm };

export function isTreatmentForm(s: unknown): s is TreatmentForm {
  return typeof s === "string" && (TREATMENT_FORMS as readonly string[]).includes(s);
}

export type CoveredForms = Readonly<Record<TreatmentForm, boolean>>;

export const coveredForms = defineParameter<CoveredForms>({
  id: "physio-abroad.covered-forms",
  description:
    "The treatment forms folketrygden covers for physiotherapy in another EEA country; acupuncture as a treatment form and anything else are not covered (needles only as a tool inside a covered form).",
  unit: "mapping TreatmentForm → covered",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: {
        undersokelse: true,
        ovelsesbehandling: true,
        pulsator: true,
        "kortbolge-mikrobolge-laser": true,
        elektroterapi: true,
        ultralyd: true,
        traksjon: true,
        manuellterapi: true,
        psykomotorisk: true,
        "medisinske-bad": true,
        "aktiv-oppvarming": true,
        gruppe: true,
        basseng: true,
        akupunktur: false,
        "ikke-dekket": false,
      },
      reference:
        "seeds/egenandelsordningen-fysioterapi.txt (Spondylitten 2017/2018: 'Dette er behandlingsformene som dekkes'; 'Akupunktur som behandlingsform faller ikke inn under folketrygdens refusjonsordning'); rules-research.md §4",
      confidence: "P",
      note: "Helfo's own current list was not found (revmatiker.no: 'En fullstendig liste oppgis på Helfo sine nettsider'). Examination (undersokelse) is priced as in Norway (A1a).",
    },
  },
});

/**
 * The share of the physiotherapist's driftstilskudd that counts in "what the treatment would have
 * cost the public in Norway", in basis points of the refusjon part (10 000 = 100 %).
 */
export const driftstilskuddShareBp = defineParameter<number>({
  id: "physio-abroad.driftstilskudd-share-bp",
  description:
    "The driftstilskudd share added to the Norwegian refusjon when pricing treatment abroad, in basis points of the refusjon; the default 0 makes the estimate a lower bound until the official formula is known.",
  unit: "basis points of refusjon",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: 0,
      reference:
        "naaf.no 'Refusjonsordning for fysioterapibehandling i utlandet' ('Beløpet inkluderer refusjonsdel og driftstilskuddsdel'); seeds/egenandelsordningen-fysioterapi.txt ('en beregnet andel av fysioterapeutens driftstilskudd'); rules-research.md §4 and open question 6",
      confidence: "U",
      note: "A share is included, but the official formula was not found. Default 0: the estimate never promises more than the takst part. Configure per call (settings.driftstilskuddShareBp) or add a dated value when the formula is known.",
    },
  },
});

export const yrkesskadeExemption = defineParameter<boolean>({
  id: "physio-abroad.fritak.yrkesskade",
  description: "A person with an approved yrkesskade pays no egenandel for physiotherapy for that injury, also abroad.",
  unit: "boolean",
  legalBasis: "folketrygdloven kap. 13 and § 5-8; HDir rundskriv § 5-8",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: true,
      reference:
        "helsenorge.no/en 'User fees for physiotherapy'; seeds/egenandelsordningen-fysioterapi.txt ('De eneste som slipper egenandel er personer med godkjent yrkesskade og barn opp til 16 år'); rules-research.md §2",
      confidence: "C",
    },
  },
});

export const frikortAppliesAbroad = defineParameter<boolean>({
  id: "physio-abroad.frikort",
  description: "A Norwegian frikort applies to physiotherapy in the EEA on the same terms as at home: no egenandel is deducted after it.",
  unit: "boolean",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: true,
      reference: "helsenett.no Q&A; naaf.no; seeds/egenandelsordningen-fysioterapi.txt ('minus egenandelen, fram til du har fått frikort')",
      confidence: "P",
      note: "Applied from the day after the frikort date in the register (the overview's frikortFrom is the date the ceiling was reached).",
    },
  },
});

export const claimDeadlineMonthsAbroad = defineParameter<number>({
  id: "physio-abroad.deadline-months",
  description: "A refund claim for treatment abroad must reach Helfo within this many months, counted from the payment date.",
  unit: "months",
  legalBasis: "folketrygdloven § 22-13 andre ledd",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: 6,
      reference:
        "sivilombudet.no statement; Helsedirektoratet news 24.04.2024 (HOD: count from the payment date, also in earlier cases); helsenorge.no/en ('If you have not settled on the spot but paid later, we calculate the deadline from the payment date')",
      confidence: "C",
      note: "Counted from the payment date (practice since October 2023, applied to all earlier cases from April 2024).",
    },
  },
});

export interface ReferralRule {
  required: boolean;
  maxTreatments: number;
  startWithinMonths: number;
  maxGapMonths: number;
}

export const referralRule = defineParameter<ReferralRule>({
  id: "physio-abroad.referral",
  description:
    "Before 2018 physiotherapy needed a referral covering up to 24 treatments, started within 6 months and with no gap over 6 months; from 1 January 2018 no referral is needed.",
  unit: "rule",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi; ftrl § 5-24 a",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: { required: true, maxTreatments: 24, startWithinMonths: 6, maxGapMonths: 6 },
      reference: "Helsedirektoratet 'Endringer … fra 1. januar 2018'; helsenett.no Q&A; spafo.no (2011 rules): rules-research.md §4",
      confidence: "C",
      note: "Examination and treatment on the same day count as 2; takst A6 training came on top of the 24.",
    },
    "2018-01-01": {
      value: { required: false, maxTreatments: 0, startWithinMonths: 0, maxGapMonths: 0 },
      reference: "https://helfo.no/fysioterapeut/regelverk-og-takster-for-fysioterapeut/regelverk-for-fysioterapeut; helsereiser.no; seeds/egenandelsordningen-fysioterapi.txt",
      confidence: "C",
      note: "Ridefysioterapi still needs a referral (not a form handled here).",
    },
  },
});

/** Treatment forms that never needed a referral, also before 2018 (their dated lines do not count toward the referral's limit). */
export const referralExemptForms = defineParameter<readonly TreatmentForm[]>({
  id: "physio-abroad.referral-exempt-forms",
  description: "Treatment forms that need no referral even while physiotherapy did (before 2018): manual therapy.",
  unit: "list of TreatmentForm",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi; ftrl § 5-24 a",
  lastReviewedOn: "2026-12-06",
  values: {
    "2011-01-01": {
      value: ["manuellterapi"],
      reference:
        "seeds/egenandelsordningen-fysioterapi.txt (Spondylitten 2017/2018: 'Dersom du skal til utlandet for å motta manuellterapibehandling, trenger du ingen henvisning')",
      confidence: "P",
      note: "A patient could go to a manual therapist without a referral in Norway as well; not found in Helfo's own text for treatment abroad.",
    },
  },
});

/** Who may write the referral, while one was needed (before 2018). */
export interface ReferrerRule {
  /** Norwegian health personnel whose referral counts. */
  norwegian: readonly ("lege" | "kiropraktor" | "manuellterapeut")[];
  /** A doctor abroad counts only when the illness or injury arose while the person was there. */
  foreignDoctorOnlyWhenIllnessAroseAbroad: boolean;
}

export const referrerRule = defineParameter<ReferrerRule>({
  id: "physio-abroad.referrer",
  description:
    "Who may refer to physiotherapy abroad (while a referral was needed): a doctor, chiropractor or manual therapist in Norway; a doctor abroad only when the need arose from an illness or injury that happened there.",
  unit: "rule",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi; ftrl § 5-24 a",
  lastReviewedOn: "2026-12-06",
  values: {
    "2011-01-01": {
      value: { norwegian: ["lege", "kiropraktor", "manuellterapeut"], foreignDoctorOnlyWhenIllnessAroseAbroad: true },
      reference:
        "seeds/egenandelsordningen-fysioterapi.txt ('må du først få henvisning fra lege, kiropraktor eller manuellterapeut i Norge … ikke … fra lege i utlandet, med mindre ditt behov for behandling skyldes en skade eller sykdom som har oppstått mens du var der'); rules-research.md §4 (lege, kiropraktor or manuellterapeut, C)",
      confidence: "C",
    },
  },
});

export interface FrequencyRule {
  /** Flag when more than this many treatment days fall in any 7 consecutive days. */
  maxDaysInRolling7: number;
  /** Flag when the average over the period exceeds num/den treatment days per week. */
  maxAveragePerWeek: { num: number; den: number };
}

export const frequencyRule = defineParameter<FrequencyRule>({
  id: "physio-abroad.frequency-flag",
  description: "A claim is flagged for the caseworker when treatment is far more frequent than Norway would cover (on average up to one a week, rarely more than two).",
  unit: "rule",
  legalBasis: "folketrygdloven § 5-24 a (only treatment that would be covered in Norway); Helfo practice from autumn 2017",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: { maxDaysInRolling7: 2, maxAveragePerWeek: { num: 3, den: 2 } },
      reference: "revmatiker.no 24.4.2018 and 6.9.2018 ('pasienter i gjennomsnitt mottar opp til én behandling i uka, og sjeldent mer enn to'): rules-research.md §4–5",
      confidence: "U",
      note: "Thresholds are our own reading of a third-party quote; a flag is a prompt for the caseworker, never a refusal.",
    },
  },
});

export const acceptedLanguages = defineParameter<readonly string[]>({
  id: "physio-abroad.languages",
  description: "Documentation in these languages needs no translation; in any other language Helfo may require a translation by a state-authorised translator.",
  unit: "ISO 639-1 codes",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: ["nb", "nn", "no", "sv", "da", "en"],
      reference: "helsenorge.no/en 'Medical assistance in the EU/EEA'; helsenett.no: rules-research.md §4",
      confidence: "C",
    },
  },
});

// ---------------------------------------------------------------------------------------------
// The tiers that price a treatment form by duration (the mapping itself: app/domain/physio-abroad.ts).

/** The forms priced as individual treatment (A2a–A2f by duration). */
export const INDIVIDUAL_FORMS: ReadonlySet<TreatmentForm> = new Set([
  "ovelsesbehandling",
  "pulsator",
  "kortbolge-mikrobolge-laser",
  "elektroterapi",
  "ultralyd",
  "traksjon",
  "medisinske-bad",
]);

/**
 * How individual treatment (the A2 takster) is priced by its duration (issue 18 item 9):
 * - `tiers`: fixed takster for 20, 30, 40, 60 and 90 minutes (Takstplakat 2016); a duration between two tiers is priced at
 *   the tier below (50 minutes as 40), and the line says so.
 * - `base-plus-blocks`: "inntil 20 min" plus a supplement "per påbegynte 10 min" beyond it (the 2019/2020 patient poster:
 *   123 kr + 37 kr per started 10 minutes; A8b/A9b have had this form since 2014). A 50-minute treatment is 20 min + 3 blocks.
 *   No takst text for the A2 supplement was found, so one block is priced as the 30-minute takst minus the 20-minute takst
 *   (a 30-minute treatment is 20 min + 1 started block): on the poster that is exactly 160 − 123 = 37 kr egenandel.
 * The date of the change was not found (rules-research.md §3c: "probably between 1.7.2017 and 1.7.2019", U): the structure is
 * taken to change on 1.7.2019, the date the estimation method already gives the poster, and both the last tier period and the
 * change are confidence U, so the resident reads "uncertain" in words.
 */
export type IndividualTreatmentStructure =
  | { kind: "tiers" }
  | { kind: "base-plus-blocks"; baseMinutes: number; blockMinutes: number; base: TakstCode; /** one block = longer − base */ blockAs: { longer: TakstCode; base: TakstCode } };

export const individualTreatmentStructure = defineParameter<IndividualTreatmentStructure>({
  id: "physio.individual-treatment-structure",
  description:
    "How individual physiotherapy treatment is priced by its duration: fixed 20/30/40/60/90-minute takster (a duration between two is priced at the tier below), or 'inntil 20 min' plus a supplement per started 10 minutes beyond 20.",
  unit: "structure",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi m.m., kapittel II (takster); ftrl § 5-24 a (priced as in Norway)",
  lastReviewedOn: "2026-12-06",
  values: {
    "2014-07-01": {
      value: { kind: "tiers" },
      reference: "oslofysikalskeinstitutt.no/priser (takster from 1.7.2014: A2a 20 min … A2f 90 min), rules-research.md §3b",
      confidence: "P",
    },
    "2016-07-01": {
      value: { kind: "tiers" },
      reference: 'Takstplakat 2016, "Takster for fysioterapi fra 1. juli 2016" (A2a 20 min, A2b 30, A2c 40, A2e 60, A2f 90 min), rules-research.md §3a',
      confidence: "C",
    },
    "2017-07-01": {
      value: { kind: "tiers" },
      reference:
        "rules-research.md §3c ('The exact date when the fixed 20/30/40/60/90-minute takster were replaced by \"inntil 20 min + per påbegynte 10 min\"' not found; probably between 1.7.2017 and 1.7.2019, U)",
      confidence: "U",
      note: "Carried forward from 1.7.2016: the takster of 1.7.2017 and 1.7.2018 were not found, and the change to 20 min + per started 10 min may fall in this period.",
    },
    "2019-07-01": {
      value: { kind: "base-plus-blocks", baseMinutes: 20, blockMinutes: 10, base: "A2a", blockAs: { longer: "A2b", base: "A2a" } },
      reference:
        "gafysio.no/priser (patient poster 2019/early 2020: 'behandling hos fysioterapeut inntil 20 min 123 + 37 per påbegynte 10 min', P); rules-research.md §3c (date of the change not found, U); the supplement's form as A8b/A9b 'Tillegg ut over 20 min, per påbegynte 10 min' (Takstplakat 2016)",
      confidence: "U",
      note: "The structure is on the poster (P); the date is ours: the poster's own date (before 1.7.2020) taken as 1.7.2019, as in the estimation method. One block = the 30-minute takst minus the 20-minute takst.",
    },
  },
});

/** Individual treatment tiers (minutes → takst): the largest tier not above the duration. */
export const INDIVIDUAL_TIERS: ReadonlyArray<readonly [number, TakstCode]> = [
  [20, "A2a"],
  [30, "A2b"],
  [40, "A2c"],
  [60, "A2e"],
  [90, "A2f"],
];

/** All parameters of this module (for invariant tests and docs). */
export const physioAbroadParameters: ReadonlyArray<Parameter<unknown>> = [
  coveredForms,
  driftstilskuddShareBp,
  yrkesskadeExemption,
  frikortAppliesAbroad,
  claimDeadlineMonthsAbroad,
  referralRule,
  referralExemptForms,
  referrerRule,
  needlesAsTool,
  frequencyRule,
  acceptedLanguages,
  individualTreatmentStructure,
  paymentMatchTolerance,
  paymentConversionTolerance,
] as ReadonlyArray<Parameter<unknown>>;
