/**
 * The printed totals: rows whose words before their amount are a total label (not a subtotal, VAT or base row, and not a
 * treatment), each with its last amount; and a total row whose amount lost its decimal separator in OCR, accepted only
 * against the lines' sum.
 */
import { allLabels, classifyTreatment, exactWordRe } from "../lexicon";
import type { Row } from "../layout/rows";
import { findAmounts, joinWords, repairRowDigits } from "../layout/tokens";
import { findDates, fold, type NumberStyle } from "../parse";

export interface TotalCandidate {
  value: number;
  rowIndex: number;
  currency: string | null;
}

/** The printed totals and the indexes of their rows. */
export function printedTotals(rows: Row[], style: NumberStyle | undefined): { totalCands: TotalCandidate[]; totalRowIdx: Set<number> } {
  const totalLabels = allLabels("total");
  const notTotal = allLabels("notTotal");
  const totalRe = exactWordRe(totalLabels);
  const notTotalRe = exactWordRe(notTotal);
  const totalCands: TotalCandidate[] = [];
  const totalRowIdx = new Set<number>();
  rows.forEach((r, i) => {
    const words = repairRowDigits(r.words);
    const text = joinWords(words);
    const dates = findDates(text);
    const amounts = findAmounts(words, style, dates);
    if (!amounts.length) return;
    const lead = fold(text.slice(0, amounts[0]!.index));
    if (!totalRe.test(lead) || notTotalRe.test(lead) || classifyTreatment(lead.replace(totalRe, " "))) return;
    const a = amounts[amounts.length - 1]!;
    totalCands.push({ value: a.value, rowIndex: i, currency: a.currency });
    totalRowIdx.add(i);
  });
  return { totalCands, totalRowIdx };
}

/** A total row printing the lines' sum without its decimal separator ("Total EUR 24500" for 245,00). */
export function totalWithoutDecimals(rows: Row[], sum: number): boolean {
  const totalRe = exactWordRe(allLabels("total"));
  const notTotalRe = exactWordRe(allLabels("notTotal"));
  // a total row whose amount lost its decimal separator in OCR ("Total EUR 24500"): accepted only when its digits are exactly
  // those of the lines' sum printed with two decimals; anything else stays null (never a guessed total)
  // (or, for a whole sum, lost its decimals with it: "TOTAL  EUR  155" for 155,00)
  const wants = [sum.toFixed(2).replace(/\D/g, ""), ...(Number.isInteger(sum) ? [String(sum)] : [])];
  for (const r of rows) {
    if (!totalRe.test(r.folded) || notTotalRe.test(r.folded)) continue;
    if (r.words.some((w) => wants.includes(w.text.replace(/[^\d]/g, "")) && /^\D{0,4}\d[\d\s.,']*\D{0,4}$/.test(w.text))) {
      return true;
    }
  }
  return false;
}
