/**
 * The words on a Norwegian receipt for an egenandel that name the service it was paid for (issue 21, item 5): one list per
 * service type of the register (app/kernel/types.ts SERVICE_TYPES). Matched as whole words (a prefix for the words ending in
 * "*") on diacritic-folded, lower-case text; the first service type in this order with a word on the receipt wins, so the
 * specific ones (a physiotherapist, an X-ray) come before the general ones (a doctor's office, a hospital).
 */
import type { ServiceType } from "../../kernel/types";

export const NB_SERVICE_WORDS: ReadonlyArray<readonly [ServiceType, readonly string[]]> = [
  ["fysioterapi", ["fysioterapi*", "fysioterapeut*", "manuellterapi*", "manuellterapeut*", "psykomotorisk", "fysikalsk behandling"]],
  ["psykolog", ["psykolog*", "psykologspesialist"]],
  ["tannbehandling", ["tannlege*", "tannklinikk*", "tannbehandling", "kjeveortoped*"]],
  ["radiologi", ["rontgen*", "radiolog*", "mr-undersokelse", "ct-undersokelse", "ultralydundersokelse", "bildediagnostikk"]],
  ["laboratorium", ["laboratori*", "blodprove*", "provetaking", "medisinsk biokjemi"]],
  ["legemidler", ["apotek*", "blaresept", "legemiddel", "legemidler", "resept"]],
  ["pasientreiser", ["pasientreise*", "pasientreiser"]],
  ["opptrening", ["opptreningsinstitusjon", "opptreningssenter", "rehabiliteringssenter", "opptrening"]],
  ["behandlingsreise", ["behandlingsreise*"]],
  ["poliklinikk", ["poliklinikk*", "poliklinisk", "sykehus*", "helseforetak", "spesialisthelsetjenesten"]],
  ["lege", ["legekontor*", "legesenter*", "legevakt*", "fastlege*", "legetime", "legekonsultasjon", "allmennlege", "lege", "legen"]],
];

/** The other words of a Norwegian egenandel receipt (app/documents/receipt.ts), folded. */
export const NB_RECEIPT_WORDS = {
  /** The labels of the amount paid, most specific first: a row labelled "Egenandel" is taken before one labelled "Sum". */
  amountLabels: [["egenandel"], ["a betale", "betalt", "innbetalt", "totalt", "total", "sum"]],
  /** A row with one of these is not the amount paid (the frikort's limit, what remains of it, VAT). */
  notAmount: ["frikort", "tak", "gjenstar", "mva"],
  /** The label of the service's date ("Behandlingsdato", "Dato for time"). */
  serviceDate: ["behandlingsdato", "timedato", "dato for time", "dato for behandling", "konsultasjon", "time"],
  /**
   * The labels of the provider's organisation number ("Org.nr.", "Organisasjonsnummer", "Foretaksnr", the "NO" of "NO 912 345 678
   * MVA"); a point in a label is optional and a space may stand between its parts.
   */
  orgnrLabels: ["org.nr", "org.nummer", "orgnr", "organisasjonsnr", "organisasjonsnummer", "foretaksnr", "foretaksnummer", "no"],
  /** The start of a birth date's label: a date on its line is no service date. */
  birthDate: ["fodt", "fodsels"],
} as const;
