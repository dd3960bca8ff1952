/**
 * An epikrise's treatment period: by its label, two dates joined by a range sign on a row, or in a sentence.
 */
import { allLabels, allWords, alternation, RANGE_BETWEEN_DATES } from "../lexicon";
import type { Row } from "../layout/rows";
import { findDates, fold, repairDigits } from "../parse";
import { findLabel } from "./labels";

export function extractPeriod(rows: Row[], fullText: string): { from: string; to: string } | null {
  const pick = (s: string) => {
    const ds = findDates(repairDigits(s)).map((d) => d.iso);
    return ds.length >= 2 && ds[0]! <= ds[1]! ? { from: ds[0]!, to: ds[1]! } : null;
  };
  for (const h of findLabel(rows, allLabels("period"), { anywhere: true })) {
    for (let j = h.rowIndex; j < Math.min(rows.length, h.rowIndex + 3); j++) {
      const p = pick(j === h.rowIndex ? h.row.text.slice(h.row.text.toLowerCase().indexOf(h.cell.text.toLowerCase())) : rows[j]!.text);
      if (p) return p;
    }
  }
  for (const r of rows) {
    const ds = findDates(r.text);
    if (ds.length === 2) {
      const between = r.text.slice(ds[0]!.index + ds[0]!.length, ds[1]!.index);
      if (RANGE_BETWEEN_DATES.test(between)) return { from: ds[0]!.iso, to: ds[1]!.iso };
    }
  }
  // in a sentence, wrapped over lines: "… 18 sesiones entre el 10 de febrero de 2025 y el 2 de abril de 2025 …", "en el periodo
  // del 21/02/2023 al 14/04/2023": two dates joined by a range word (with its article), the first not after the second, within
  // two years
  const flat = rows
    .map((r) => r.text)
    .join(" ")
    .replace(/\s+/g, " ");
  const ds = findDates(flat);
  for (let k = 0; k + 1 < ds.length; k++) {
    const a = ds[k]!,
      b = ds[k + 1]!;
    const between = fold(flat.slice(a.index + a.length, b.index)).trim();
    if (!PROSE_RANGE.test(between) || a.iso > b.iso) continue;
    if (Date.parse(b.iso) - Date.parse(a.iso) > 2 * 366 * 86400e3) continue;
    return { from: a.iso, to: b.iso };
  }
  void fullText;
  return null;
}

/** What joins the two dates of a period in a sentence, folded: "-", "al", "y el", "au", "et le", "to", "bis", "till", "og", … */
const PROSE_RANGE = new RegExp(`^(?:[-–—]|${alternation(allWords((l) => [...l.calendar.rangeWords, ...l.calendar.proseRangeWords]))})$`);
