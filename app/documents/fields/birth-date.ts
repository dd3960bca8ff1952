/**
 * The patient's birth date: by its label, or after a birth marker in running text ("f.", "geb.", "DOB", "née le").
 */
import { allLabels, allWords, alternation } from "../lexicon";
import type { Row } from "../layout/rows";
import { findDates, repairDigits } from "../parse";
import { findLabel, labelValue } from "./labels";

/** A birth marker in running text, over every language (./lexicon: fields.bornMarkers). */
const BORN = new RegExp(`\\b(?:${alternation(allWords((l) => l.fields.bornMarkers))})\\s*:?\\s*`);

export function readBirthDate(rows: Row[], fullText: string, folded: string): string | null {
  for (const h of findLabel(rows, allLabels("birthDate"), { anywhere: true })) {
    const v = labelValue(rows, h, (s) => findDates(repairDigits(s)).length > 0);
    if (v) return findDates(v.text)[0]?.iso ?? null;
  }
  const m = BORN.exec(folded);
  if (m) {
    const ds = findDates(fullText.slice(m.index, m.index + 40));
    if (ds[0]) return ds[0].iso;
  }
  return null;
}
