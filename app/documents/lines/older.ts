/**
 * The older per-layout line reader: treatment lines read row by row with one rule per layout seen (date headings, summary rows
 * with their dates listed under them, two-line items, a quantity or duration column under a header). Its lines stand only where
 * the general table reader's (../layout/table/) do not add up to a printed total (ADR 0018).
 */
import { allLabels, classifyTreatment, exactWordRe } from "../lexicon";
import { findHeader } from "../layout/header";
import type { Row } from "../layout/rows";
import { CURRENCY_IN_TEXT, findAmounts, joinWords, repairRowDigits, wordAt } from "../layout/tokens";
import { findDates, fold, type NumberStyle } from "../parse";
import type { TreatmentForm, TreatmentLine } from "../schema";
import type { Word } from "../types";
import { COUNT_PHRASE, DATE_LIST_LABEL, dateLineBelow, dateListBelow, isPeriod, minutesIn, RANGE_SEP, SESSION_HEADING, type SubLine, timeRangeMinutes, WEEKDAY_RE } from "./below";

function integerUnder(words: Word[], col: { x0: number; x1: number }, h: number): { value: number; word: Word } | null {
  const cx = (col.x0 + col.x1) / 2;
  for (const w of words) {
    if (!/^\d{1,3}$/.test(w.text)) continue;
    const wx = (w.x0 + w.x1) / 2;
    if (Math.abs(wx - cx) < Math.max(h * 2.5, col.x1 - col.x0)) return { value: Number(w.text), word: w };
  }
  return null;
}

const COUNT_PREFIX = /^\s*(\d{1,2})\s?[x×]\s+/i;

export interface DraftLine extends TreatmentLine {
  rowIndex: number;
  unitPrice?: number;
  datesBelow?: string[];
  listRow?: number;
  countFromList?: boolean;
  alts?: number[];
}

function describe(row: Row, words: Word[], skip: Set<Word>): string {
  return words
    .filter((w) => !skip.has(w))
    .map((w) => w.text)
    .join(" ")
    .replace(COUNT_PREFIX, "")
    .replace(/^[\s|:;,.\-–—]+|[\s|:;,\-–—]+$/g, "")
    .replace(/\s*\.{3,}.*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function extractLines(rows: Row[], style: NumberStyle | undefined, totalRowIdx: Set<number>): { lines: DraftLine[]; currencies: Map<string, number> } {
  const header = findHeader(rows);
  // rows above a table's header count too, when they name a treatment: summary blocks ("Terapia manual" / "7 sesiones x …" /
  // "Fechas: …") printed before a table of other items
  const start = 0;
  const notTotal = allLabels("notTotal");
  const totalLabels = allLabels("total");
  const lines: DraftLine[] = [];
  const currencies = new Map<string, number>();
  let dateContext: string | null = null;
  let dateContextRow = -1;
  let datesAsHeadings = false; // items so far took their date from a heading above them
  for (let i = start; i < rows.length; i++) {
    const row = rows[i]!;
    // a date above the header (the invoice date) is no table row's date
    if (header && i === header.rowIndex) {
      dateContext = null;
      continue;
    }
    const inTable = !!header && i > header.rowIndex;
    if (totalRowIdx.has(i)) {
      if (lines.length) break;
      else continue;
    }
    const words = repairRowDigits(row.words);
    const text = joinWords(words);
    const dates = findDates(text);
    const amounts = findAmounts(words, style, dates);
    for (const a of amounts) if (a.currency) currencies.set(a.currency, (currencies.get(a.currency) ?? 0) + 1);
    // a row that only carries a date: group header for the following rows (receipts)
    if (dates.length && !amounts.length) {
      // (currency marks of the amount columns, "25.06.2025   zł   zł", are not words of a heading)
      const around = text.slice(0, dates[0]!.index) + text.slice(dates[dates.length - 1]!.index + dates[dates.length - 1]!.length);
      const rest = fold(around.replace(CURRENCY_IN_TEXT, "")).replace(/[^\p{L}]/gu, "");
      const listLabel = DATE_LIST_LABEL.test(rest) || rest === "";
      // a receipt's day heading: "Miércoles, 14 de mayo de 2025", "Torsdag 22. maj 2025"; a session heading: "SESIÓN 02/04/2025",
      // "Behandlung am 8. Januar 2024"
      const weekday = WEEKDAY_RE.test(rest) || (dates.length === 1 && SESSION_HEADING.test(rest));
      if (rest.length <= 3 || listLabel || weekday) {
        const prev = lines[lines.length - 1];
        const explicitList = rest.length > 0 && listLabel && !weekday;
        if (prev && !prev.count && explicitList && i - prev.rowIndex <= 2 && !prev.datesBelow) {
          // a dates list under a row whose quantity was not legible: the list gives the sessions
          prev.datesBelow = dates.map((d) => d.iso);
          prev.listRow = i;
          prev.countFromList = true;
          continue;
        }
        if (prev && prev.countFromList && (prev.datesBelow?.length ?? 0) > 0 && i - (prev.listRow ?? prev.rowIndex) <= 2) {
          prev.datesBelow = [...prev.datesBelow!, ...dates.map((d) => d.iso)];
          prev.listRow = i;
          continue;
        }
        if (
          prev &&
          prev.count &&
          prev.count >= 2 &&
          (listLabel || (prev.datesBelow?.length ?? 0) > 0) &&
          i - (prev.listRow ?? prev.rowIndex) <= 2 &&
          (prev.datesBelow?.length ?? 0) < prev.count
        ) {
          // "Fechas: 19/02/2025, 20/02/2025 …" under a summary row (the row's own first date is repeated in the list)
          const listed = prev.datesBelow ?? [];
          const own = listLabel && listed.length === 1 ? [] : listed;
          prev.datesBelow = [...own, ...dates.map((d) => d.iso)];
          prev.listRow = i;
          continue;
        }
        if (dates.length === 1) {
          dateContext = dates[0]!.iso;
          dateContextRow = i;
        }
        continue;
      }
    }
    if (!amounts.length) continue;
    // skip totals, subtotals, VAT, base rows
    const lead = fold(text.slice(0, amounts[0]!.index));
    const leadNoDate = dates.reduce((s, d) => s.replace(fold(d.text), " "), lead);
    const form0 = classifyTreatment(leadNoDate);
    if (!form0 && (exactWordRe(notTotal).test(leadNoDate) || exactWordRe(totalLabels).test(leadNoDate))) continue;
    const amount = amounts[amounts.length - 1]!;
    let date: string | null = dates[0]?.iso ?? null;
    // A date heading between the previous line and this one applies to this one (items grouped under a date).
    const freshContext = dateContext !== null && i - dateContextRow <= 12 && dateContextRow > (lines[lines.length - 1]?.rowIndex ?? -1);
    let sub: SubLine | null = null;
    // "10 sesiones x 30,00 €   300,00 €" over "Fechas: 22/02/2023, 01/03/2023, …": a summary row whose dates are listed under it
    const list = !date ? dateListBelow(rows, i, style, totalRowIdx) : null;
    if (list) date = list.dates[0]!;
    if (!date && !freshContext) {
      sub = dateLineBelow(rows, i, row, style, totalRowIdx, datesAsHeadings);
      if (sub) date = sub.iso;
    }
    if (!date && freshContext) datesAsHeadings = true;
    if (!date && dateContext && i - dateContextRow <= 12) date = dateContext;
    if (!date) continue;
    const skip = new Set<Word>();
    const tokenWords = (idx: number, len: number) =>
      wordAt(words)
        .filter((x) => x.start < idx + len && x.end > idx)
        .map((x) => x.w);
    for (const d of dates) tokenWords(d.index, d.length).forEach((w) => skip.add(w));
    for (const a of amounts) tokenWords(a.index, a.end - a.index).forEach((w) => skip.add(w));
    // times, row numbers / codes before the description, range separators
    const descStartIdx = words.findIndex((w) => !skip.has(w) && /\p{L}{3,}/u.test(w.text) && !/^\p{Lu}{1,2}\d+$/u.test(w.text));
    words.forEach((w, k) => {
      if (/^\d{1,2}[:.]\d{2}$/.test(w.text) && !dates.length) skip.add(w);
      if (/^\d{1,2}:\d{2}$/.test(w.text)) skip.add(w);
      if (k < descStartIdx && !skip.has(w)) skip.add(w);
      if (RANGE_SEP.test(w.text) && k > 0 && skip.has(words[k - 1]!) && k + 1 < words.length && skip.has(words[k + 1]!)) skip.add(w);
    });
    if (descStartIdx < 0) continue;
    let count: number | undefined;
    let duration: number | null = null;
    if (inTable && header?.qty) {
      const q = integerUnder(
        words.filter((w) => !skip.has(w)),
        header.qty,
        row.height,
      );
      if (q) {
        if (q.value >= 2) count = q.value;
        skip.add(q.word);
      }
    }
    if (inTable && header?.dur) {
      const d = integerUnder(
        words.filter((w) => !skip.has(w)),
        header.dur,
        row.height,
      );
      if (d && d.value >= 5 && d.value <= 180) {
        duration = d.value;
        skip.add(d.word);
      }
    }
    let description = describe(row, words, skip);
    // the summary row says only how many and at what price ("4 aplicaciones x 15,00 €"): the treatment is the line above it
    const countOnly = list ? COUNT_PHRASE.exec(text) : null;
    if (countOnly && fold(text.slice(countOnly[0].length, amounts[0]!.index)).replace(/[^\p{L}]/gu, "").length < 3) {
      const above = rows[i - 1];
      const aboveWords = above ? repairRowDigits(above.words) : [];
      const aboveText = joinWords(aboveWords);
      if (above && above.page === row.page && !findDates(aboveText).length && !findAmounts(aboveWords, style, []).length && /\p{L}{3,}/u.test(aboveText)) {
        description = aboveText.replace(/\s+/g, " ").trim();
      }
    }
    const fd = fold(description);
    const form = classifyTreatment(fd);
    if (!form) {
      // unknown text: only inside a recognised table, with a date on the row itself
      if (!inTable || !dates.length || fd.replace(/[^\p{L}]/gu, "").length < 4) continue;
    }
    if (!count) {
      const m = COUNT_PREFIX.exec(
        words
          .filter((w) => !skip.has(w))
          .map((w) => w.text)
          .join(" "),
      );
      if (m && Number(m[1]) >= 2) count = Number(m[1]);
    }
    if (!count && countOnly && Number(countOnly[1]) >= 2) count = Number(countOnly[1]);
    // (a description taken from the line above a summary row may end in its minutes without the minute mark: "Masaje … 45")
    if (duration === null) duration = minutesIn(description, countOnly !== null && description !== describe(row, words, skip));
    if (duration === null && sub) duration = minutesIn(sub.rest, false);
    if (duration === null) duration = timeRangeMinutes(text);
    // unit price: a second amount whose multiple by the count (or the number of listed dates) equals the row amount
    let unitPrice: number | undefined;
    const units = count ?? list?.dates.length;
    if (units && amounts.length >= 2) {
      const u = amounts.find((a) => a !== amount && Math.abs(a.value * units - amount.value) < 0.011);
      if (u) unitPrice = u.value;
    }
    // what OCR may have misread in the amount, tried only if the lines do not add up to the printed total (`repairAmounts`):
    // its decimal separator lost ("45,00 €  4500 €"), or a digit where the row's price times its quantity says otherwise
    // ("1  60,00 €  560,00 €")
    const alts: number[] = [];
    if (!amount.hasDecimals && Number.isInteger(amount.value) && amount.value >= 100 && (style || amounts.some((a) => a.hasDecimals))) alts.push(amount.value / 100);
    const others = amounts.filter((a) => a !== amount);
    if (others.length === 1 && !list) {
      const expected = Math.round(others[0]!.value * (count ?? 1) * 100) / 100;
      if (Math.abs(expected - amount.value) >= 0.005 && expected > 0 && !alts.some((a) => Math.abs(a - expected) < 0.005)) alts.push(expected);
    }
    const line: DraftLine = {
      date,
      treatmentForm: (form ?? "ikke-dekket") as TreatmentForm,
      description,
      durationMinutes: duration,
      amount: amount.value,
      rowIndex: i,
      ...(alts.length ? { alts } : {}),
      ...(count ? { count } : {}),
      ...(unitPrice !== undefined ? { unitPrice } : {}),
      ...(form ? {} : { unrecognised: true }),
    };
    if (list) {
      line.datesBelow = list.dates;
      line.listRow = list.index;
      if (!count) line.countFromList = true;
    }
    if (dates.length >= 2 && count) {
      // "4 × … 2025-04-26 – 2025-05-07" is a period; "9 … 29-05-2025, 30-05-2025, …" lists session dates (possibly continued below)
      if (!isPeriod(text, dates)) {
        line.datesBelow = dates.map((d) => d.iso);
      }
    }
    lines.push(line);
    if (list)
      i = list.index; // the dates listed under the summary row belong to it
    else if (sub) i = sub.index; // the date line under the item belongs to it
  }
  return { lines, currencies };
}
