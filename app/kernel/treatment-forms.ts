/**
 * Folketrygden's treatment forms for physiotherapy abroad, plus examination (undersokelse), as the
 * document pipeline reports them (shared/schemas/extracted-document.schema.json). akupunktur and
 * ikke-dekket are never covered. One list for the pipeline, the rules and the pages.
 */
export const TREATMENT_FORMS = [
  "undersokelse",
  "ovelsesbehandling",
  "pulsator",
  "kortbolge-mikrobolge-laser",
  "elektroterapi",
  "ultralyd",
  "traksjon",
  "manuellterapi",
  "psykomotorisk",
  "medisinske-bad",
  "aktiv-oppvarming",
  "gruppe",
  "basseng",
  "akupunktur",
  "ikke-dekket",
] as const;
export type TreatmentForm = (typeof TREATMENT_FORMS)[number];
