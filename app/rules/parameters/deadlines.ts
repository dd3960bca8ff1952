/**
 * Deadlines in the egenandel scheme, as dated parameters with their sources
 * (rules-research.md §2).
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, valueAt } from "../parameter";

export const claimDeadlineMonths = defineParameter<number>({
  id: "deadlines.claim_months",
  description: "A claim to have an egenandel registered must be made within this many months of the date of treatment, journey or purchase.",
  unit: "months",
  legalBasis: "folketrygdloven § 22-13",
  lastReviewedOn: "2026-11-23",
  values: {
    "2017-01-01": {
      value: 6,
      reference: "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/generelle-kommentarer",
      confidence: "C",
    },
  },
});

export const providerReportingDays = defineParameter<number>({
  id: "deadlines.provider_reporting_days",
  description: "Providers report approved egenandeler to Helfo at least this often, in days.",
  unit: "days",
  legalBasis: "egenandelsregisterforskriften",
  lastReviewedOn: "2026-11-23",
  values: {
    "2017-01-01": {
      value: 14,
      reference: "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/generelle-kommentarer",
      confidence: "C",
    },
  },
});

export const registrationWindowDays = defineParameter<number>({
  id: "deadlines.registration_window_days",
  description: "If an egenandel is not registered within this many days, the patient is told to contact Helfo.",
  unit: "days",
  legalBasis: "Helsedirektoratets rundskriv til ftrl § 5-3, kap. 8",
  lastReviewedOn: "2026-11-23",
  values: {
    "2017-01-01": {
      value: 21,
      reference: "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/generelle-kommentarer",
      confidence: "C",
    },
  },
});

export const reservedApplicationMonths = defineParameter<number>({
  id: "deadlines.reserved_application_months",
  description: "A person who has reserved against storage must apply for frikort within this many months of reaching the ceiling.",
  unit: "months",
  legalBasis: "folketrygdloven § 22-13",
  lastReviewedOn: "2026-11-23",
  values: {
    "2017-01-01": {
      value: 6,
      reference: "https://www.helsenorge.no/betaling-for-helsetjenester/reservasjon-mot-automatisk-frikort-for-helsetjenester/",
      confidence: "C",
    },
  },
});

export function monthsFor(p: typeof claimDeadlineMonths, date: IsoDate): number {
  return valueAt(p, date);
}

/**
 * Forvaltningsloven § 11 a third paragraph: in a case about an enkeltvedtak, when the application
 * cannot be answered within one month of its receipt, a provisional answer must be given saying
 * why and when a decision can be expected. The console shows when it is due (ADR 0015).
 */
export const provisionalAnswerMonths = defineParameter<number>({
  id: "deadlines.provisional_answer_months",
  description: "A provisional answer is due when an application has not been decided this many months after it was received.",
  unit: "months",
  legalBasis: "forvaltningsloven § 11 a tredje ledd",
  lastReviewedOn: "2026-12-06",
  values: {
    "1967-01-01": { value: 1, reference: "https://lovdata.no/lov/1967-02-10/§11a", confidence: "C" },
  },
});

/**
 * The console's own target for deciding a case, in days after receipt, by kind; the queue is sorted
 * by receipt + this. An internal service goal, not a legal deadline.
 */
export const caseTargetDays = defineParameter<Record<string, number>>({
  id: "deadlines.case_target_days",
  description: "The caseworker console sorts its queue by the date a case is received plus this many days for its kind (internal service goal).",
  unit: "mapping",
  legalBasis: "intern servicemål (ikke lovfestet)",
  lastReviewedOn: "2026-12-06",
  values: {
    "2017-01-01": {
      value: { "missing-egenandel": 21, "frikort-application": 21, "abroad-refund": 42, tip: 60, "claim-report": 60 },
      reference: "Helfo service goal assumed for the console; to be confirmed by the business owner",
      confidence: "U",
    },
  },
});
