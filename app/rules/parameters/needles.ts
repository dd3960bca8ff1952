/**
 * Needles as a tool inside a covered treatment form, or acupuncture as a treatment (issue 18 item 7):
 * trigger-point treatment with needles within soft-tissue treatment (øvelsesbehandling, which covers
 * bløtvevsbehandling) and electrotherapy through needles are covered; acupuncture as a treatment form is
 * not. The line's own words decide; the words are data here, per language, folded (lower case,
 * no diacritics, ø → o, ł → l).
 */
import type { IsoDate } from "../../kernel/types";
import type { TreatmentForm } from "../../kernel/treatment-forms";
import { defineParameter } from "../parameter";

export type NeedleUse = "acupuncture" | "needles-in-soft-tissue" | "needles-in-electrotherapy";

export const needlesAsTool = defineParameter<{ softTissue: TreatmentForm; electrotherapy: TreatmentForm; acupunctureCovered: boolean }>({
  id: "physio-abroad.needles-as-tool",
  description:
    "Needles used as a tool inside a covered form count as that form: trigger-point treatment with needles as soft-tissue treatment (øvelsesbehandling), electrotherapy through needles as elektroterapi. Acupuncture as a treatment form is not covered.",
  unit: "mapping needle use → treatment form",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi § 5-8 with its rundskriv; ftrl § 5-24 a",
  lastReviewedOn: "2026-12-06" as IsoDate,
  values: {
    "2017-01-01": {
      value: { softTissue: "ovelsesbehandling", electrotherapy: "elektroterapi", acupunctureCovered: false },
      reference:
        "seeds/egenandelsordningen-fysioterapi.txt (Spondylitten 2017/2018, citing the rundskriv to § 5-8: 'Nåler kan imidlertid brukes som et hjelpemiddel eller «verktøy» innenfor enkelte godkjente behandlingsformer … triggerpunktbehandling, som inngår i bløtvevsbehandlingen og elektroterapi'); rules-research.md §4 (acupuncture not covered, needles only as a tool)",
      confidence: "P",
      note: "The rundskriv itself was not in the stored sources; the article quotes it. Which words name each use is the portal's reading (NEEDLE_TERMS).",
    },
  },
});

/** The words (folded) that say how needles were used, checked in this order: electrotherapy, soft tissue, acupuncture. */
export const NEEDLE_TERMS: Readonly<Record<NeedleUse, readonly string[]>> = {
  "needles-in-electrotherapy": ["electropuncion", "electropunction", "elektropunktur", "electro needling", "electrical needling"],
  "needles-in-soft-tissue": [
    "dry needling",
    "torrnaling",
    "tornaling",
    "puncion seca",
    "nadelung",
    "triggerpunktnadel",
    "trigger point needling",
    "triggerpunkt med nal",
    "needling",
    "suche iglowanie",
    "puncture seche",
    "puntura secca",
    "torrnalning",
  ],
  acupuncture: ["akupunktur", "acupuncture", "acupuntura", "agopuntura", "akupunktura", "electroacupuncture", "elektroakupunktur"],
};
