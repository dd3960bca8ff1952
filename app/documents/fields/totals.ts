/**
 * The printed totals: rows whose words before their amount are a total label (not a subtotal, VAT or base row, and not a
 * treatment), each with its last amount; and a total row whose amount lost its decimal separator in OCR, accepted only
 * against the lines' sum.
 */
import { allLabels, CARRIED_FORWARD, classifyTreatment, exactWordRe } from "../lexicon";
import type { Row } from "../layout/rows";
import { findAmounts, joinWords, repairRowDigits } from "../layout/tokens";
import { findDates, fold, type NumberStyle } from "../parse";

export interface TotalCandidate {
  value: number;
  rowIndex: number;
  currency: string | null;
  /**
   * A reading of the row that OCR left in doubt (`strayOne`): taken as the total only when the lines add up to it, and never
   * used to correct the lines' amounts.
   */
  onlyWithSum?: true;
}

/**
 * A total label with a stray "l" or "i" at its end and nothing else before the amount: the amount's leading "1" read as a letter
 * and joined to the label ("Att betala 1 400,00 SEK" read "Att betalal 400,00 SEK", "Total 1.250,00" read "Totall 250,00").
 * Gives the label without it, and the amount with the "1" put back at the front of its integer part. Only a lead that is the
 * label alone (no other word: "Usługa wartości 50,00" is no total) is read so. ("total1", "betala|" already read as the label,
 * since a word boundary is only refused before a letter: their amount is taken as printed, as before.)
 */
function strayOne(lead: string, amount: { value: number }, totalRe: RegExp): { lead: string; value: number } | null {
  const m = /^(.*\S)[li]\s*$/u.exec(lead);
  if (!m || !totalRe.test(m[1]!) || !(amount.value > 0)) return null;
  if (/\p{L}/u.test(m[1]!.replace(new RegExp(totalRe.source, "gu"), " "))) return null;
  const [int, dec = ""] = amount.value.toFixed(2).split(".");
  return { lead: m[1]!, value: Number(`1${int}.${dec}`) };
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
    const a = amounts[amounts.length - 1]!;
    const stray = totalRe.test(lead) || amounts.length > 1 ? null : strayOne(lead, a, totalRe);
    const label = stray?.lead ?? lead;
    if (!totalRe.test(label) || notTotalRe.test(label) || CARRIED_FORWARD.test(label) || classifyTreatment(label.replace(totalRe, " "))) return;
    totalCands.push(stray ? { value: stray.value, rowIndex: i, currency: a.currency, onlyWithSum: true } : { value: a.value, rowIndex: i, currency: a.currency });
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
    if (!totalRe.test(r.folded) || notTotalRe.test(r.folded) || CARRIED_FORWARD.test(r.folded)) continue;
    if (r.words.some((w) => wants.includes(w.text.replace(/[^\d]/g, "")) && /^\D{0,4}\d[\d\s.,']*\D{0,4}$/.test(w.text))) {
      return true;
    }
  }
  return false;
}
