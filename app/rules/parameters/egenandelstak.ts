/**
 * Egenandelstak (the annual co-payment ceiling), folketrygdloven § 5-3.
 *
 * 2017–2020: two ceilings, egenandelstak 1 and egenandelstak 2.
 * From 1 January 2021: one merged ceiling ("felles" in code).
 * Values in øre. Sources and confidence per figure: /work/shared/domain/rules-research.md §1a,
 * rendered for people in docs/rules/egenandelstak.md.
 */
import { firstOfYear } from "../../kernel/dates";
import { ore } from "../../kernel/money";
import type { Confidence, IsoDate, Ore, TakId } from "../../kernel/types";
import { defineParameter, entryAt, MissingParameterError, type Parameter } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-11-23";

const HELFO_REGELVERK = "https://helfo-helsenett-xpqa.enonic.cloud/regelverk/egenandeler-for-helsetjenester";
const HN_FRIKORT_2017 = "https://helsenorge.no/betaling-for-helsetjenester/frikort-for-helsetjenester";
const STATSBUDSJETTET_2018 = "https://www.statsbudsjettet.no/Statsbudsjettet-2018/Statsbudsjettet-fra-A-til-A/Egenandeler/";
const REGJERINGEN_MERGER = "https://www.regjeringen.no/no/aktuelt/forenkler-frikortordningen-slar-sammen-egenandelstak-1-og-22/id2815238/";

export const egenandelstak1 = defineParameter<Ore>({
  id: "egenandelstak.tak1",
  description:
    "Egenandelstak 1 limits the approved egenandeler a person pays per calendar year for doctors, psychologists, outpatient clinics, laboratories and radiology, patient travel and blue-prescription items.",
  unit: "NOK_ORE",
  legalBasis: "folketrygdloven § 5-3 (egenandelstak 1, until 31.12.2020)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: ore(2_205_00),
      reference: `${HN_FRIKORT_2017} (2017 version: "Egenandelstak: 2 205 kroner / 1 990 kroner")`,
      confidence: "C",
    },
    "2018-01-01": {
      value: ore(2_258_00),
      reference: `${STATSBUDSJETTET_2018} ("øke egenandelstak 1 med 53 kroner til 2 258")`,
      confidence: "C",
    },
    "2019-01-01": {
      value: ore(2_369_00),
      reference: `${HELFO_REGELVERK} ("Beløpsgrensen var 2369 i 2019")`,
      confidence: "U",
      note: "Sources conflict: Helsedirektoratet's palliasjon guideline says 2 365 kr for 2019 (https://www.helsedirektoratet.no/retningslinjer/palliasjon-i-kreftomsorgen-handlingsprogram/okonomiske-ytelser/egenandeler-og-frikort). The Helfo figure 2 369 is used as the more likely value.",
    },
    "2020-01-01": {
      value: ore(2_460_00),
      reference: `${HELFO_REGELVERK} ("Egenandelstak 1 for 2020: 2460")`,
      confidence: "C",
    },
    "2021-01-01": {
      value: null,
      reference: `${REGJERINGEN_MERGER} ("Fra 1. januar 2021 slås egenandelstak 1 og 2 sammen")`,
      confidence: "C",
      note: "Ended: merged with egenandelstak 2 into one egenandelstak.",
    },
  },
});

export const egenandelstak2 = defineParameter<Ore>({
  id: "egenandelstak.tak2",
  description:
    "Egenandelstak 2 limits the approved egenandeler a person pays per calendar year for physiotherapy, certain dental treatment, stays at rehabilitation institutions and treatment trips abroad.",
  unit: "NOK_ORE",
  legalBasis: "folketrygdloven § 5-3 (egenandelstak 2, until 31.12.2020)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: ore(1_990_00),
      reference: `${HN_FRIKORT_2017} (2017 version: "Egenandelstak: 2 205 kroner / 1 990 kroner")`,
      confidence: "C",
    },
    "2018-01-01": {
      value: ore(2_025_00),
      reference: `${STATSBUDSJETTET_2018} ("tak 2 … 2 025")`,
      confidence: "C",
    },
    "2019-01-01": {
      value: ore(2_085_00),
      reference: `${HELFO_REGELVERK} ("2085 kroner i 2019"); nhi.no confirms`,
      confidence: "C",
    },
    "2020-01-01": {
      value: ore(2_176_00),
      reference: `${HELFO_REGELVERK} ("Egenandelstak 2 for 2020: 2176")`,
      confidence: "C",
    },
    "2021-01-01": {
      value: null,
      reference: `${REGJERINGEN_MERGER} ("Fra 1. januar 2021 slås egenandelstak 1 og 2 sammen")`,
      confidence: "C",
      note: "Ended: merged with egenandelstak 1 into one egenandelstak.",
    },
  },
});

export const egenandelstakFelles = defineParameter<Ore>({
  id: "egenandelstak.felles",
  description:
    "The egenandelstak limits the approved egenandeler a person pays per calendar year for all services that were under egenandelstak 1 and 2; above it the person gets a frikort and the excess is paid back.",
  unit: "NOK_ORE",
  legalBasis: "folketrygdloven § 5-3; forskrift om egenandelstak (from 1.1.2021)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2021-01-01": {
      value: ore(2_460_00),
      reference: `${REGJERINGEN_MERGER} ("fastsettes til 2460 kroner")`,
      confidence: "C",
    },
    "2022-01-01": {
      value: ore(2_921_00),
      reference: 'NTB 2021-10-12 (altaposten.no, fjordabladet.no): raised to 2 921; tokke.kommune.no ("For 2022 er eigendelstaket 2921 kroner")',
      confidence: "C",
    },
    "2023-01-01": {
      value: ore(3_040_00),
      reference:
        'https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/egenandelstaket-og-rammene-for-frikortordningen ("Egenandelstaket for 2023 er 3040 kroner")',
      confidence: "C",
    },
    "2024-01-01": {
      value: ore(3_165_00),
      reference: 'https://www.helsenorge.no/nn/betaling-for-helsetjenester/frikort-for-helsetjenester/ ("over 3165 kroner"); unicare.no/helsefort',
      confidence: "C",
    },
    "2025-01-01": {
      value: ore(3_278_00),
      reference: 'https://helsenorge.no/en/payment-for-health-services/user-fees-for-physiotherapy ("maximum limit of NOK 3,278"; stored copy undated)',
      confidence: "P",
      note: "No official text found that ties 3 278 to 2025 explicitly.",
    },
    "2026-01-01": {
      value: ore(3_278_00),
      reference: 'unicare.no/landaasen ("Egenandelstaket for 2026 er kr 3278"; third-party only)',
      confidence: "U",
      note: "Not confirmed by any official source. Verify before use.",
    },
  },
});

export const ceilingParameters: Record<TakId, Parameter<Ore>> = {
  tak1: egenandelstak1,
  tak2: egenandelstak2,
  felles: egenandelstakFelles,
};

export class UnsupportedYearError extends Error {
  readonly year: number;
  constructor(year: number) {
    super(`No egenandelstak is known for ${year} (supported: ${FIRST_SUPPORTED_YEAR}–${lastSupportedYear()})`);
    this.name = "UnsupportedYearError";
    this.year = year;
  }
}

export const FIRST_SUPPORTED_YEAR = 2017;
/** The year the single (merged) egenandelstak starts. */
export const FELLES_TAK_FROM_YEAR = 2021;

/** The last year that has a ceiling of its own in the tables (a value valid from 1 January of that year). */
export function lastSupportedYear(): number {
  let last = FIRST_SUPPORTED_YEAR;
  for (const p of Object.values(ceilingParameters)) {
    for (const v of p.values) {
      if (v.value !== null) last = Math.max(last, Number(v.from.slice(0, 4)));
    }
  }
  return last;
}

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_SUPPORTED_YEAR && year <= lastSupportedYear();
}

/** The ceilings that apply in a calendar year; throws UnsupportedYearError outside the tables. */
export function taksForYear(year: number): TakId[] {
  if (!isSupportedYear(year)) throw new UnsupportedYearError(year);
  return year < FELLES_TAK_FROM_YEAR ? ["tak1", "tak2"] : ["felles"];
}

export interface CeilingInfo {
  ceilingOre: Ore;
  reference: string;
  confidence: Confidence;
  note?: string;
}

/**
 * The ceiling for one tak in one calendar year (the value valid on 1 January).
 * Throws UnsupportedYearError outside the tables and MissingParameterError when the tak
 * does not exist that year (e.g. tak1 in 2021).
 */
export function ceilingFor(tak: TakId, year: number): CeilingInfo {
  if (!isSupportedYear(year)) throw new UnsupportedYearError(year);
  const p = ceilingParameters[tak];
  const date = firstOfYear(year);
  const entry = entryAt(p, date);
  if (entry === null || entry.value === null) throw new MissingParameterError(p.id, date);
  const info: CeilingInfo = { ceilingOre: entry.value, reference: entry.reference, confidence: entry.confidence };
  if (entry.note !== undefined) info.note = entry.note;
  return info;
}
