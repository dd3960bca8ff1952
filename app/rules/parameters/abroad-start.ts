/**
 * What the resident is asked before uploading a refund claim for physiotherapy abroad
 * (ftrl § 5-24 a): which countries the scheme covers, from when, and which exemptions from the
 * egenandel a resident can state. Dated parameters with their sources (rules-research.md §2, §4).
 * Read by the pure functions in app/domain/abroad-start.ts.
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, type Parameter } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-12-01";
const LEGAL_BASIS = "folketrygdloven § 5-24 a; forskrift 22.11.2010 nr. 1466 om stønad til helsetjenester mottatt i et annet EØS-land";

/** ISO 3166-1 alpha-2: the 27 EU member states, then Iceland and Liechtenstein. */
export const EU_COUNTRIES = [
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
] as const;

export const coveredCountries = defineParameter<readonly string[]>({
  id: "physio-abroad.countries",
  description: "The countries where physiotherapy can be refunded under ftrl § 5-24 a: the EU countries, Iceland and Liechtenstein (not Switzerland, not Norway itself).",
  unit: "ISO 3166-1 alpha-2 codes",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: [...EU_COUNTRIES, "IS", "LI"],
      reference:
        "Helsedirektoratet, rundskriv til ftrl § 5-24 a, § 1 (changed 6/23): 'EU-land + Island og Liechtenstein', not Switzerland; helsenorge.no/en 'Physiotherapy in the EU/EEA': rules-research.md §4",
      confidence: "C",
      note: "Membership is not dated per country: Croatia (EU from 1.7.2013) and the United Kingdom (left the EU 31.1.2020) are not modelled by date. The UK is not in the list; the sources in the store do not say how Helfo treats UK treatment before 2021, so the resident is told to contact Helfo.",
    },
  },
});

/** Countries a resident may pick that the scheme does not cover, with why (the answer shown). */
export type UncoveredReason = "switzerland" | "united-kingdom" | "norway" | "outside-eea";

export const uncoveredCountries = defineParameter<Readonly<Record<string, UncoveredReason>>>({
  id: "physio-abroad.countries.not-covered",
  description: "Countries outside the scheme that residents commonly pick, with the reason shown to them; any other country is outside the EEA.",
  unit: "mapping ISO 3166-1 alpha-2 → reason",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: { CH: "switzerland", GB: "united-kingdom", NO: "norway" },
      reference: "Helsedirektoratet, rundskriv til ftrl § 5-24 a, § 1: Switzerland is handled under regulation (EC) 883/2004, not § 5-24 a; rules-research.md §4",
      confidence: "C",
      note: "United Kingdom: not an EEA country; its status before 2021 was not found in the sources (U).",
    },
  },
});

/** The first treatment date the scheme covers: the forskrift came into force 1.1.2011. */
export const schemeStart = defineParameter<IsoDate>({
  id: "physio-abroad.scheme-start",
  description: "Treatment before this date is not covered by forskrift 22.11.2010 nr. 1466 (in force from 1 January 2011).",
  unit: "ISO date",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: "2011-01-01",
      reference: "Lovdata FOR-2010-11-22-1466 (i kraft 1.1.2011); Helsedirektoratet rundskriv § 5-24 a kap. 2: rules-research.md §4",
      confidence: "C",
    },
  },
});

/**
 * Exemptions from the egenandel a resident can state for the treatment period. Children under 16
 * are not asked: that comes from the fødselsnummer. Each is verified by Helfo unless the register
 * shows it (frikort date, approved yrkesskade).
 */
export type StatedExemptionKind = "frikort" | "yrkesskade" | "other";

export const statedExemptionKinds = defineParameter<readonly StatedExemptionKind[]>({
  id: "physio-abroad.stated-exemptions",
  description:
    "What a resident can say exempts the treatment from the Norwegian egenandel: a frikort for the period, an approved yrkesskade (also an injury in førstegangstjeneste), or another exemption Helfo must assess.",
  unit: "list",
  legalBasis: "folketrygdloven § 5-24 a, § 5-3 (frikort), § 5-25 and kap. 13 (yrkesskade)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: ["frikort", "yrkesskade", "other"],
      reference:
        "helsenett.no Q&A and naaf.no ('unless the patient has a frikort or is exempt'); helsenorge.no/en 'User fees for physiotherapy' (yrkesskade, førstegangstjeneste); lommelegen.no (other exemptions, undated): rules-research.md §2, §4",
      confidence: "P",
      note: "'Other' rests on an undated third-party list (pregnancy, war injury, prisoners, allmennfarlig smittsom sykdom): confidence U; always for Helfo to verify.",
    },
  },
});

export const abroadStartParameters: ReadonlyArray<Parameter<unknown>> = [coveredCountries, uncoveredCountries, schemeStart, statedExemptionKinds] as ReadonlyArray<
  Parameter<unknown>
>;
