/**
 * What the lines under an item row add to it (the older reader, ./older.ts): the session dates listed under a summary row, a
 * two-line item's date under it; and the minutes in an item's text.
 */
import { allWords, alternation, MINUTES_IN_TEXT, RANGE_BETWEEN_DATES } from "../lexicon";
import type { Row } from "../layout/rows";
import { findAmounts, joinWords, repairRowDigits } from "../layout/tokens";
import { findDates, fold, type DateMatch, type NumberStyle } from "../parse";

export const DURATION_IN_TEXT = MINUTES_IN_TEXT;
export const RANGE_SEP = RANGE_BETWEEN_DATES;

/** The row's first two dates are a period's start and end ("2025-04-26 – 2025-05-07", "29.04. bis 26.05.2025"), not a list. */
export const isPeriod = (text: string, dates: DateMatch[]) => RANGE_SEP.test(text.slice(dates[0]!.index + dates[0]!.length, dates[1]!.index));

/** A plausible session length in minutes: 15 to 120, in steps of five. */
const sessionMinutes = (m: number) => m >= 15 && m <= 120 && m % 5 === 0;

/**
 * The minutes in an item's text: "45 min", "(30 min.)", "45'"; a minute mark OCR read as "°" or "!" ("40°") or, with `bare`, a
 * number alone at the end ("inicial 60") only when it is a plausible session length.
 */
export function minutesIn(text: string, bare: boolean): number | null {
  const m = DURATION_IN_TEXT.exec(text);
  if (m) return Number(m[1] ?? m[2]);
  const misread = /(?:^|[\s(])(\d{2,3})[°!](?=[\s)]|$)/.exec(text) ?? (bare ? /(?:^|\s)(\d{2,3})\s*$/.exec(text) : null);
  return misread && sessionMinutes(Number(misread[1])) ? Number(misread[1]) : null;
}

/** The minutes of a session printed as a time range ("10:45-11:30" is 45), 5 to 180; null when the row has none. */
export function timeRangeMinutes(text: string): number | null {
  const m = /(?:^|[^\d:])([01]?\d|2[0-3]):([0-5]\d)\s*[-–—]\s*([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/.exec(text);
  if (!m) return null;
  const min = Number(m[3]) * 60 + Number(m[4]) - (Number(m[1]) * 60 + Number(m[2]));
  return min >= 5 && min <= 180 ? min : null;
}

/**
 * The session dates listed under a row that has no date of its own: the next line (close under it) carries two or more dates and
 * nothing else but a list label ("Fechas:", "Termine:", "Datoer:"), continued on the lines after it the same way. Null otherwise.
 */
export function dateListBelow(rows: Row[], i: number, style: NumberStyle | undefined, totalRowIdx: Set<number>): { dates: string[]; index: number } | null {
  const row = rows[i]!;
  const dates: string[] = [];
  let index = i;
  // a list line may also carry the price of one session ("Séances des 18/03/2024, 20/03/2024, …   45,00 €"): checked at the end
  const unitPrices: number[] = [];
  const rowAmounts = findAmounts(repairRowDigits(row.words), style, findDates(joinWords(repairRowDigits(row.words))));
  const rowAmount = rowAmounts[rowAmounts.length - 1]?.value;
  for (let j = i + 1; j < rows.length && j <= i + 6; j++) {
    const r = rows[j]!,
      prev = rows[j - 1]!;
    if (totalRowIdx.has(j) || r.page !== row.page || r.y0 - prev.y1 > row.height * 1.5) break;
    const words = repairRowDigits(r.words);
    const text = joinWords(words);
    const ds = findDates(text);
    const amounts = findAmounts(words, style, ds);
    if (amounts.length && !(amounts.length === 1 && ds.length >= 2)) break;
    let rest = text;
    for (const a of amounts) rest = rest.slice(0, a.index) + " ".repeat(a.end - a.index) + rest.slice(a.end);
    for (const d of [...ds].reverse()) rest = rest.slice(0, d.index) + rest.slice(d.index + d.length);
    const left = fold(rest).replace(/[^\p{L}]/gu, "");
    const first = j === i + 1;
    // the first line: two dates or more, or one after a list label (the list wrapped after it)
    if (first ? !((ds.length >= 2 && left === "") || (ds.length >= 1 && DATE_LIST_LABEL.test(left))) : !ds.length || left !== "") break;
    dates.push(...ds.map((d) => d.iso));
    unitPrices.push(...amounts.map((a) => a.value));
    index = j;
  }
  if (unitPrices.some((u) => rowAmount === undefined || Math.abs(u * dates.length - rowAmount) > 0.011)) return null;
  return dates.length >= 2 ? { dates, index } : null;
}

/** A weekday name alone (folded, letters only: what is left of a day heading once its date is taken out), in the nine languages. */
export const WEEKDAY_RE = new RegExp(`^(?:${alternation(allWords((l) => l.calendar.weekdays))})$`);

/** What is left of a session's heading once its date is taken out (folded, letters only): "Sesión", "Behandlung am", "Visit on". */
export const SESSION_HEADING = new RegExp(`^(?:${alternation(allWords((l) => l.table.sessionWords))})(?:${alternation(allWords((l) => l.table.sessionHeadingLinks))})?$`);

/** A label introducing a list of session dates (folded, letters only): "Fechas:", "Termine am", "Dates des". */
export const DATE_LIST_LABEL = new RegExp(`^(?:${alternation(allWords((l) => l.table.dateListWords))})(?:${alternation(allWords((l) => l.table.dateListLinks))})?$`);
/** "10 sesiones x 30,00 €", "4 aplicaciones × 15,00 €", "6 x": a count, at most two words, a times sign. */
export const COUNT_PHRASE = /^\s*(\d{1,3})\s*(?:\p{L}+\.?\s+){0,2}[x×]\s*/iu;

export interface SubLine {
  iso: string;
  index: number;
  rest: string;
}

/**
 * Two-line items: the description and amount on one line, the date (and often the duration) in smaller print under it
 * ("Krankengymnastik … 54,00 €" / "Datum 14.04.2025 · 45 Min."). The line below counts when it carries one date and no amount
 * and starts under the description; a bare date (no label, no duration) only where dates have not been headings of groups of
 * items so far, and only when it starts where the description starts (a group heading is set further left).
 */
export function dateLineBelow(rows: Row[], i: number, row: Row, style: NumberStyle | undefined, totalRowIdx: Set<number>, datesAsHeadings: boolean): SubLine | null {
  const descX0 = row.words.find((w) => /\p{L}{3,}/u.test(w.text))?.x0 ?? row.x0;
  for (let j = i + 1; j <= i + 2 && j < rows.length; j++) {
    if (totalRowIdx.has(j)) return null;
    const r = rows[j]!;
    const words = repairRowDigits(r.words);
    const text = joinWords(words);
    const dates = findDates(text);
    if (findAmounts(words, style, dates).length) return null;
    if (dates.length !== 1) continue; // a wrapped description line
    if (r.x0 < descX0 - row.height * 1.5 || r.x0 > descX0 + row.height * 6) return null;
    const rest = (text.slice(0, dates[0]!.index) + " " + text.slice(dates[0]!.index + dates[0]!.length)).trim();
    // where dates head groups of items, the next group's heading ("Behandlung am 10. Januar 2024") is not this item's date
    const restLetters = fold(rest).replace(/[^\p{L}]/gu, "");
    if (datesAsHeadings && (WEEKDAY_RE.test(restLetters) || SESSION_HEADING.test(restLetters))) return null;
    const labelled = /\p{L}{2,}/u.test(rest) || DURATION_IN_TEXT.test(rest);
    if (labelled || (!datesAsHeadings && Math.abs(r.x0 - descX0) < row.height * 0.6)) return { iso: dates[0]!.iso, index: j, rest };
    return null;
  }
  return null;
}
