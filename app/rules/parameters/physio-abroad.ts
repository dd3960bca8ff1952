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
] as ReadonlyArray<Parameter<unknown>>;

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

/** Individual treatment tiers (minutes → takst): the largest tier not above the duration. */
export const INDIVIDUAL_TIERS: ReadonlyArray<readonly [number, TakstCode]> = [
  [20, "A2a"],
  [30, "A2b"],
  [40, "A2c"],
  [60, "A2e"],
  [90, "A2f"],
];
