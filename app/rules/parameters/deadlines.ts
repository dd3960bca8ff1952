/**
 * Deadlines in the egenandel scheme, as dated parameters with their sources
 * (rules-research.md §2).
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, valueAt } from "../parameter";

export const claimDeadlineMonths = defineParameter<number>({
  id: "deadlines.claim_months",
  description:
    "A claim to have an egenandel registered must be made within this many months of the date of treatment, journey or purchase.",
  unit: "months",
  legalBasis: "folketrygdloven § 22-13",
  lastReviewedOn: "2026-11-23",
  values: {
    "2017-01-01": {
      value: 6,
      reference:
        "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/generelle-kommentarer",
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
      reference:
        "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/generelle-kommentarer",
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
      reference:
        "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/generelle-kommentarer",
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
