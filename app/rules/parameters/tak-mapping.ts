/**
 * Which egenandelstak a service type counts towards, by the date of the service.
 * Sources: rules-research.md §1c (2017–2020) and §1b (the 2021 merger).
 */
import type { IsoDate, ServiceType, TakId } from "../../kernel/types";
import { defineParameter, valueAt } from "../parameter";

export type TakMapping = Readonly<Record<ServiceType, TakId>>;

const UNTIL_2020: TakMapping = {
  lege: "tak1",
  psykolog: "tak1",
  poliklinikk: "tak1",
  radiologi: "tak1",
  laboratorium: "tak1",
  pasientreiser: "tak1",
  legemidler: "tak1",
  fysioterapi: "tak2",
  tannbehandling: "tak2",
  opptrening: "tak2",
  behandlingsreise: "tak2",
};

const FROM_2021: TakMapping = {
  lege: "felles",
  psykolog: "felles",
  poliklinikk: "felles",
  radiologi: "felles",
  laboratorium: "felles",
  pasientreiser: "felles",
  legemidler: "felles",
  fysioterapi: "felles",
  tannbehandling: "felles",
  opptrening: "felles",
  behandlingsreise: "felles",
};

export const takMapping = defineParameter<TakMapping>({
  id: "egenandelstak.tjenester",
  description: "The tak mapping says which egenandelstak an approved egenandel counts towards, by the type of service and the date the service was given.",
  unit: "mapping ServiceType → TakId",
  legalBasis: "folketrygdloven § 5-3; forskrift om egenandelstak (from 1.1.2021)",
  lastReviewedOn: "2026-11-23",
  values: {
    "2017-01-01": {
      value: UNTIL_2020,
      reference:
        "https://helsenorge.no/betaling-for-helsetjenester/frikort-for-helsetjenester (2017 version); https://helfo-helsenett-xpqa.enonic.cloud/regelverk/egenandeler-for-helsetjenester; nhi.no/…/egenandelstak-2; iveland.kommune.no",
      confidence: "C",
      note: "The table starts with the first supported year; the split is older. Tannbehandling under tak 2 covers only certain treatment (sykdommer og anomalier i munn og kjeve, marginal periodontitt, undersøkelse før kjeveortopedi).",
    },
    "2021-01-01": {
      value: FROM_2021,
      reference: 'https://www.regjeringen.no/no/aktuelt/forenkler-frikortordningen-slar-sammen-egenandelstak-1-og-22/id2815238/ ("alle tjenester som inngikk i tidligere tak")',
      confidence: "C",
    },
  },
});

/** The tak a service counts towards on the service date; throws MissingParameterError before 2017. */
export function takForService(serviceType: ServiceType, date: IsoDate): TakId {
  return valueAt(takMapping, date)[serviceType];
}
