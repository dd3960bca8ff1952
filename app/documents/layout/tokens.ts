/**
 * The tokens of a row: its words joined with the gaps between columns kept, and the money amounts in it (with their currency
 * marks), dates, times, percentages and codes left out.
 */
import { allWords, alternation } from "../lexicon";
import { AMOUNT_CURRENCY_MARK, CURRENCY_MARK, currencyOfMark } from "../lexicon/currencies";
import { parseAmount, repairDigits, type DateMatch, type NumberStyle } from "../parse";
import type { Word } from "../types";

export interface AmountToken {
  value: number;
  x0: number;
  x1: number;
  index: number;
  end: number;
  text: string;
  currency: string | null;
  hasDecimals: boolean;
}

/**
 * What makes the number before it a quantity or a duration, not an amount: a minute unit of three letters or more ("45 min",
 * "30 minutos"; a bare "m" could be a currency's or VAT's), a count's unit ("5 stk", "3 szt", "2 x"), or "×". From ../lexicon.
 */
const QUANTITY_AFTER = new RegExp(
  `^\\s?(?:(?:${alternation([...allWords((l) => l.calendar.minuteUnits).filter((w) => w.length >= 3), ...allWords((l) => l.table.countUnits)])})(?![\\p{L}])|×)`,
  "iu",
);

const AMOUNT_RE = new RegExp(
  `(?<pre>${AMOUNT_CURRENCY_MARK}\\s?)?(?<num>-?\\d{1,3}(?:[ .,'\u00a0]\\d{3})+(?:[.,]\\d{1,2})?|-?\\d+(?:[.,]\\d{1,2})?)(?![\\d:./-]\\d)(?<post>\\s?${AMOUNT_CURRENCY_MARK})?(?![\\p{L}\\d])`,
  "gu",
);

/** A word that is only a currency mark ("EUR", "zł", "kr."), and currency marks in text (../lexicon/currencies.ts). */
export const CURRENCY_WORD = new RegExp(`^${CURRENCY_MARK}$`, "u");
export const CURRENCY_IN_TEXT = new RegExp(CURRENCY_MARK, "gu");

/** Separator between two words: one space, or two when the gap is wide (a column boundary), so numbers never join across columns. */
function sepBetween(a: Word, b: Word): string {
  const h = Math.max(4, Math.min(a.y1 - a.y0, b.y1 - b.y0));
  const gap = b.x0 - a.x1;
  if (gap <= h * 0.9) return " ";
  // A space as thousands separator ("1 066,50") in a monospaced or wide font: a group of 1–3 digits, then exactly three digits
  // with decimals, less than ~1.5 digit widths apart (a quantity column is further away; an amount never starts with "0").
  if (/^\d{1,3}$/.test(a.text) && /^\d{3}[.,]\d{2}\b/.test(b.text)) {
    const digitWidth = (b.x1 - b.x0) / b.text.length;
    if (gap < digitWidth * (b.text.startsWith("0") ? 3 : 1.5)) return " ";
  }
  return "  ";
}
export function joinWords(words: Word[]): string {
  let s = "";
  words.forEach((w, i) => {
    if (i) s += sepBetween(words[i - 1]!, w);
    s += w.text;
  });
  return s;
}
/** Positions of characters of joinWords(words) → words. */
export function wordAt(words: Word[]): Array<{ start: number; end: number; w: Word }> {
  const out: Array<{ start: number; end: number; w: Word }> = [];
  let pos = 0;
  words.forEach((w, i) => {
    if (i) pos += sepBetween(words[i - 1]!, w).length;
    out.push({ start: pos, end: pos + w.text.length, w });
    pos += w.text.length;
  });
  return out;
}

/**
 * Money-looking tokens of a row, excluding dates, times, percentages and codes. A token counts as an amount when it has decimals
 * (",00" / ".50") or an adjacent currency marker.
 */
export function findAmounts(words: Word[], style?: NumberStyle, dates: DateMatch[] = []): AmountToken[] {
  const text = joinWords(words);
  const map = wordAt(words);
  const out: AmountToken[] = [];
  const re = new RegExp(AMOUNT_RE.source, "gu");
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    const num = g.num!;
    const numStart = start + (g.pre?.length ?? 0);
    const hitDate = dates.find((d) => numStart < d.index + d.length && numStart + num.length > d.index);
    if (hitDate) {
      re.lastIndex = Math.max(start + 1, hitDate.index + hitDate.length);
      continue;
    }
    const before = text.slice(Math.max(0, start - 1), start);
    const after = text.slice(end, end + 2);
    if (/[\p{L}\d\-/:.]/u.test(before) && !g.pre) continue; // part of a code (M17.1, T01, A-25-0266)
    if (/^\s?%/.test(after) || /^[:]\d/.test(after)) continue;
    if (QUANTITY_AFTER.test(text.slice(end, end + 12))) continue;
    const hasDecimals = /[.,]\d{1,2}$/.test(num) && !/[.,]\d{3}$/.test(num);
    // an ISO code, or "kr" and "$" for the page to resolve (../lexicon/currencies.ts)
    const cur = currencyOfMark(g.pre) ?? currencyOfMark(g.post);
    if (!hasDecimals && !cur) continue;
    const value = parseAmount(num.replace(/\u00a0/g, " "), style);
    if (value === null) continue;
    const ws = map.filter((x) => x.start < end && x.end > start).map((x) => x.w);
    out.push({ value, x0: ws[0]?.x0 ?? 0, x1: ws[ws.length - 1]?.x1 ?? 0, index: start, end, text: m[0], currency: cur, hasDecimals });
  }
  return out;
}

export function repairRowDigits(words: Word[]): Word[] {
  return words.map((w) => ({ ...w, text: repairDigits(w.text) }));
}

/** The document's number style: decimal commas or decimal points, whichever its money-like tokens use more (none: undecided). */
export function numberStyle(fullText: string): NumberStyle | undefined {
  // count decimal commas vs decimal points in money-like tokens
  const commaDec = (fullText.match(/\d[.\s]?\d{0,3},\d{2}(?!\d)/g) ?? []).length;
  const dotDec = (fullText.match(/\d,?\d{0,3}\.\d{2}(?!\d)/g) ?? []).length;
  return commaDec > dotDec ? "comma-decimal" : dotDec > commaDec ? "dot-decimal" : undefined;
}
