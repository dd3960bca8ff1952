/**
 * Exemptions and payout thresholds around the egenandelstak (rules-research.md §2).
 */
import { firstOfYear } from "../../kernel/dates";
import { ore } from "../../kernel/money";
import type { IsoDate, Ore } from "../../kernel/types";
import { defineParameter, valueAt } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-11-23";

/**
 * Children under this age pay no egenandel for services under the egenandelstak
 * and are therefore not part of the frikort scheme.
 */
export const childExemptionAge = defineParameter<number>({
  id: "fritak.barn.alder",
  description:
    "Children under this age pay no egenandel for services under the egenandelstak (doctor, psychologist, outpatient clinic, radiology, physiotherapy, patient travel, some blue-prescription items).",
  unit: "years",
  legalBasis: "folketrygdloven § 5-3; forskrift om egenandelstak",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: 16,
      reference:
        "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/egenandelstaket-og-rammene-for-frikortordningen (kap. 2: barn under 16 år betaler ikke egenandel); HDir asylum guide kap. 2.3",
      confidence: "C",
      note: "The table starts with the first supported year; the under-16 rule is older. Under 18 at a psychologist with driftstilskudd is a separate exemption (P) not modelled here.",
    },
  },
});

/** The age limit for the child exemption (16). */
export const CHILD_EXEMPTION_AGE: number = valueAt(childExemptionAge, "2017-01-01");

/**
 * Minimum payout (bagatellgrense) of the amount paid above the egenandelstak.
 * Governed by the year the egenandeler belong to: use 1 January of that year.
 */
export const minimumPayout = defineParameter<Ore>({
  id: "utbetaling.minstebelop",
  description: "An amount paid above the egenandelstak is paid back only when it is at least this amount; smaller amounts are not paid out.",
  unit: "NOK_ORE",
  legalBasis: "folketrygdloven § 22-19 andre ledd (minimum removed from 1.1.2022)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2002-01-01": {
      value: ore(50_00),
      reference: "dinside.no 2015 (quoting HOD: the threshold was 50 kr from 1.1.2002)",
      confidence: "C",
    },
    "2014-01-01": {
      value: ore(200_00),
      reference: 'dinside.no 2015 (quoting HOD: raised to 200 kr by the Storting in the 2014 budget); bt.no 2020; fysio.no 2019 ("dersom samlet beløp er minst 200 kroner")',
      confidence: "C",
      note: "Effective date taken as 1.1.2014 (the budget year); the exact day was not in the sources.",
    },
    "2022-01-01": {
      value: ore(0),
      reference:
        'sor-fron.kommune.no (citing Helfo, "Frikort – utbetalinger"): the minimum in ftrl § 22-19 andre ledd removed from 1.1.2022; amounts under 200 kr relating to years before 2022 are not paid; NTB 2021-10-12 (proposal)',
      confidence: "C",
    },
  },
});

/** The minimum payout for egenandeler belonging to a calendar year. */
export function minimumPayoutForYear(year: number): Ore {
  return valueAt(minimumPayout, firstOfYear(year));
}
