/**
 * A general reader of invoice tables from positioned rows (ADR 0018). It knows no clinic and no layout: columns come from a
 * header row's geometry, rows are told apart by what they carry (an item has a description and an amount; a date heading has only
 * a date; a date list has only dates; a continuation has only text), context is carried down the page, and the arithmetic that
 * ties the amounts (quantity × unit price = amount, items = total) decides what a number is. Pure; imports only parse and lexicon.
 */
import { allLabels, allWords, alternation, CARRIED_FORWARD, classifyTreatment, exactWordRe, MINUTES_IN_TEXT, RANGE_BETWEEN_DATES, type Lexicon } from "../../lexicon";
import { findDates, fold, monthFromName, parseDate, type NumberStyle } from "../../parse";
import type { Word } from "../../types";
import { columnOf, headerColumns, type Column } from "./columns";
import { isCurrencyWord, moneyTokens, type MoneyToken } from "./money";
import type { TableItem, TableReading, TableRow } from "./types";

export interface ReadOptions {
  style?: NumberStyle;
  /** Amounts printed as the document's total: the witness the items are checked against. */
  totals: number[];
}

interface Draft extends TableItem {
  unitPrice: number | null;
  quantity: number | null;
  dates: string[];
  /** The row's dates came from a list under it ("Termine: …"). */
  listed: boolean;
  /** The row's listed dates are a period's first and last day. */
  period?: boolean;
  listRow: number;
  y1: number;
  page: number;
  descX0: number;
}

const wordsOf = (pick: (l: Lexicon) => readonly string[]) => alternation(allWords(pick));
/** A weekday, in full or short ("Mon", "tir"), alone in a heading's words. */
const WEEKDAYS = new RegExp(`^(?:${wordsOf((l) => [...l.calendar.weekdays, ...l.calendar.weekdayAbbreviations])})$`);
/** Words of a session's heading ("SESIÓN 02/04/2025", "Behandlung am 8. Januar 2024", "Visit 3 – 12/03/2025"). */
const SESSION_WORD = new RegExp(`^(?:${wordsOf((l) => [...l.table.sessionWords, ...l.table.dayWords, ...l.table.headingSmallWords])})$`);
/** Words that introduce a list of session dates under an item. */
const LIST_LABEL = new RegExp(`^(?:${wordsOf((l) => [...l.table.dateListWords, ...l.table.dateListLinks])})$`);
/** Rows that carry a sum over from one page to the next: a subtotal, never an item. */
const DURATION = MINUTES_IN_TEXT;
const COUNT_PREFIX = /^\s*(\d{1,2})\s?[x×]\s*/i;
const COUNT_SUFFIX = /\s[x×]\s?(\d{1,2})\s*$/i;
/** The signs a calendar grid marks a session with: a letter x, a multiplication sign, a tick, a cross, a dot, a box. */
const MARK_SIGNS = "×✗✘☒☑✓✔•●■*";
const MARK = new RegExp(`^(?:x|X|1|[${MARK_SIGNS}])$`, "u");
/** OCR's specks before or after a mark ("-X", "„X"). */
const SPECKS = new RegExp(`^[^\\p{L}\\p{N}${MARK_SIGNS}]+|[^\\p{L}\\p{N}${MARK_SIGNS}]+$`, "gu");

let birthRe: RegExp | undefined;
const BIRTH = () => (birthRe ??= exactWordRe(allLabels("birthDate")));
let totalRe: RegExp | undefined;
let notTotalRe: RegExp | undefined;
const TOTAL = () => (totalRe ??= exactWordRe(allLabels("total")));
const NOT_TOTAL = () => (notTotalRe ??= exactWordRe(allLabels("notTotal")));

/** Dates of a text, including day.month. without a year ("14.05.") when the year is known from the page. */
export function datesIn(text: string, year: number | null): Array<{ iso: string; index: number; length: number }> {
  const full = findDates(text);
  if (year === null) return full;
  const out: Array<{ iso: string; index: number; length: number }> = [...full];
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?!\d)/g)) {
    const at = m.index;
    if (full.some((d) => at < d.index + d.length && at + m[0].length > d.index)) continue;
    const d = Number(m[1]),
      mo = Number(m[2]);
    if (d < 1 || d > 31 || mo < 1 || mo > 12) continue;
    out.push({ iso: `${year}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`, index: at, length: m[0].length });
  }
  // a day-first date one of whose points OCR lost or read as another mark ("14.022025", "1402.2025", "17:02.2025"), in the page's
  // year or the one next to it
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})(?:[.:,]?(\d{2})\.((?:19|20)\d{2})|\.(\d{2})((?:19|20)\d{2}))(?![\d.])/g)) {
    if (m[2] !== undefined && /^\d{1,2}\.\d{2}\./.test(m[0])) continue; // a date as printed, found above
    const iso = nearYear(Number(m[3] ?? m[5]), Number(m[2] ?? m[4]), Number(m[1]), year);
    if (iso && !out.some((o) => o.index === m.index)) out.push({ iso, index: m.index, length: m[0].length });
  }
  // an ISO date one of whose hyphens OCR lost ("2024-1202", "202412-02"), in the page's year or the one next to it
  // (only as the row's first word, where a table's date stands: "2025-0312" elsewhere is a reference number's shape)
  for (const m of text.matchAll(/^\W{0,3}((?:19|20)\d{2})(?:-(\d{2})(\d{2})|(\d{2})-(\d{2}))(?![\d-])/g)) {
    const iso = nearYear(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]), year);
    if (iso) out.push({ iso, index: m.index, length: m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** A date OCR printed wrong, when it is a real date in the page's year or the one next to it (parseDate checks the day). */
function nearYear(y: number, month: number, day: number, year: number): string | null {
  return Math.abs(y - year) > 1 ? null : parseDate(`${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
}

const cellText = (ws: Word[]) => ws.map((w) => w.text).join(" ");
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The most common year among the page's full dates (for dates printed without one). */
function pageYear(rows: TableRow[]): number | null {
  const count = new Map<number, number>();
  for (const r of rows) {
    const text = r.cells.map((c) => c.text).join("  ");
    // (a birth date's year is no year of the table: the first date after a birth date's label is left out)
    const birthAt = fold(text).search(BIRTH());
    const ds = findDates(text);
    const birth = birthAt >= 0 ? ds.find((d) => d.index >= birthAt) : undefined;
    for (const d of ds) if (d !== birth) count.set(Number(d.iso.slice(0, 4)), (count.get(Number(d.iso.slice(0, 4))) ?? 0) + 1);
  }
  // the most frequent; on a tie the earliest (treatments come before the invoice's date, its due date, a validity's end)
  return [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
}

/** A calendar grid's header: three or more cells that are each a date → date columns (treatment × date). */
function calendarColumns(row: TableRow, year: number | null): Column[] | null {
  const cols: Column[] = [];
  for (const c of row.cells) {
    // a cell may hold several dates set close together ("13.01  14.01  16.01" read as one cell): one column per word
    for (const w of c.words) {
      const t = w.text.replace(/[.]$/, ".");
      // a day and month set apart as a column's head: "16.09." or "16.09", and "02/12" in the page's year
      const slash = year !== null && /^\d{1,2}\/\d{1,2}$/.test(t) ? `${t}/${year}` : null;
      const ds = slash ? findDates(slash).map((d) => ({ ...d, length: t.length })) : datesIn(/^\d{1,2}\.\d{1,2}$/.test(t) ? `${t}.` : t, year);
      if (ds.length === 1 && ds[0]!.length >= t.length - 1) cols.push({ kind: "date", x0: w.x0, x1: w.x1, date: ds[0]!.iso });
    }
  }
  if (cols.length < 3) return null;
  // a list of dates ("Termine: 14.05.2025, 15.05.2025, …") is no header: a header's dates stand apart, without commas or a label
  if (row.cells.some((c) => c.words.some((w) => /\d,$/.test(w.text)))) return null;
  if (row.cells.some((c) => c.words.some((w) => LIST_LABEL.test(fold(w.text).replace(/[^\p{L}]/gu, ""))))) return null;
  // the rest of the header names the description and price columns
  const named = headerColumns({ ...row, cells: row.cells.filter((c) => !cols.some((d) => d.x0 >= c.x0 && d.x1 <= c.x1)) }, false);
  return [...cols, ...(named ?? [])].sort((a, b) => a.x0 - b.x0);
}

/** Whether a row carries money in the amount column: an item's row (or a total's). */
function hasAmount(row: TableRow, cols: Column[], style?: NumberStyle): boolean {
  return moneyTokens(
    row.cells.flatMap((c) => c.words),
    style,
  ).some((m) => !m.paren && columnOf(cols, m.x0, m.x1, true)?.kind === "amount");
}

const isTotalRow = (row: TableRow) => {
  const f = fold(row.cells.map((c) => c.text).join("  "));
  return CARRIED_FORWARD.test(f) || ((TOTAL().test(f) || NOT_TOTAL().test(f)) && !classifyTreatment(f));
};

/**
 * A ruled table whose cells wrap over several lines, its text set in the middle of each cell: the item's description starts on
 * the line above its amount and goes on under it, its dates stand over three lines ("23.01.2023," / "30.01.2023," /
 * "01.02.2023"). Such a table shows its rows by the space between them: the lines of one cell touch, the rows stand apart.
 * Where a table's gaps fall in two groups (the biggest jump between them at least a third of the text's height), every band between the
 * wide gaps holds at most one amount, and some band has a line above its amount, each such band is read as one row: its lines'
 * cells together, in reading order, on the amount's row (the other rows of the band left empty, so row indices stay). A band
 * with lines only under its amount is left to the reader's own wrapped-line rule, and a lone date over an item that has none
 * (a date heading) stays a heading. Returns the rows and which rows each joined row took in.
 */
export function joinWrappedRows(rows: TableRow[], year: number | null, style?: NumberStyle): { rows: TableRow[]; joined: Map<number, number[]> } {
  const out = [...rows];
  const joined = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const head = rows[i]!;
    const cols = headerColumns(head, datesIn(head.cells.map((c) => c.text).join("  "), year).length > 0);
    if (!cols) continue;
    // the table's body: the rows under its header on the same page, to its total, the next header or a calendar
    let j = i + 1;
    while (
      j < rows.length &&
      rows[j]!.page === head.page &&
      !isTotalRow(rows[j]!) &&
      !headerColumns(rows[j]!, datesIn(rows[j]!.cells.map((c) => c.text).join("  "), year).length > 0)
    )
      j++;
    const body = Array.from({ length: j - i - 1 }, (_, k) => i + 1 + k);
    i = j - 1;
    if (body.length < 3) continue;
    const gaps = body.slice(1).map((r, k) => rows[r]!.y0 - rows[body[k]!]!.y1);
    // the text's height, from its words (a line's box may take in a rule's remnant)
    const hs = body.flatMap((r) => rows[r]!.cells.flatMap((c) => c.words.map((w) => w.y1 - w.y0))).sort((a, b) => a - b);
    if (!hs.length) continue;
    const lineH = hs[Math.floor(hs.length / 2)]!;
    const sorted = [...gaps].sort((a, b) => a - b);
    let jump = 0,
      cut = Infinity;
    for (let k = 1; k < sorted.length; k++)
      if (sorted[k]! - sorted[k - 1]! > jump) {
        jump = sorted[k]! - sorted[k - 1]!;
        cut = sorted[k]!;
      }
    if (jump < lineH / 3) continue;
    const bands: number[][] = [[body[0]!]];
    gaps.forEach((g, k) => (g >= cut ? bands.push([body[k + 1]!]) : bands[bands.length - 1]!.push(body[k + 1]!)));
    const anchors = bands.map((b) => b.filter((r) => hasAmount(rows[r]!, cols, style)));
    if (anchors.some((a) => a.length > 1)) continue;
    const above = (b: number[], a: number) => b[0]! < a;
    if (!bands.some((b, k) => anchors[k]!.length === 1 && above(b, anchors[k]![0]!))) continue;
    bands.forEach((b, k) => {
      const a = anchors[k]![0];
      if (a === undefined || !above(b, a)) return;
      const anchorHasDate = datesIn(rows[a]!.cells.map((c) => c.text).join("  "), year).length > 0;
      const members = b.filter((r) => {
        if (r === a || r > a) return true;
        const t = rows[r]!.cells.map((c) => c.text).join("  ");
        // a date heading over an item without a date of its own: the items under it take its date
        const onlyDate = datesIn(t, year).length === 1 && !/\p{L}{2,}/u.test(t) && !/\d,\s*\S{0,3}\s*$/.test(t);
        return !(onlyDate && !anchorHasDate);
      });
      if (members.length < 2) return;
      out[a] = {
        page: rows[a]!.page,
        y0: Math.min(...members.map((r) => rows[r]!.y0)),
        y1: Math.max(...members.map((r) => rows[r]!.y1)),
        height: rows[a]!.height,
        cells: members.flatMap((r) => rows[r]!.cells),
      };
      for (const r of members) if (r !== a) out[r] = { ...rows[r]!, cells: [] };
      joined.set(
        a,
        members.filter((r) => r !== a),
      );
    });
  }
  return { rows: out, joined };
}

/** Reads every item of the page's tables. */
export function readTable(input: TableRow[], opts: ReadOptions): TableReading {
  // (joining keeps every row's text, so the page's year is the same before and after)
  const year = pageYear(input);
  const { rows, joined } = joinWrappedRows(input, year, opts.style);
  const drafts: Draft[] = [];
  const used = new Set<number>();
  let cols: Column[] | null = null;
  let calendar: Column[] | null = null;
  let ctxDate: string | null = null;
  let ctxRow = -1;
  // inside a table (after a header, before its total); a page without any header is read whole, by its rows' content alone
  const anyHeader = rows.some((r) => calendarColumns(r, year) || headerColumns(r, datesIn(r.cells.map((c) => c.text).join("  "), year).length > 0));
  let open = !anyHeader;
  let pending: { text: string; row: number; y1: number; x0: number } | null = null;
  let pendingDates: { dates: string[]; row: number } | null = null;
  /** The page whose sum was carried after its items: its rows after that are items only with a date and a treatment. */
  let strictOnPage = -1;

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const words = row.cells.flatMap((c) => c.words);
    const text = row.cells.map((c) => c.text).join("  ");
    const folded = fold(text);
    const dates = datesIn(text, year);

    const cal = calendarColumns(row, year);
    if (cal) {
      calendar = cal;
      cols = null;
      open = true;
      used.add(i);
      continue;
    }
    const hc = headerColumns(row, dates.length > 0);
    if (hc) {
      cols = hc;
      calendar = null;
      open = true;
      ctxDate = null;
      used.add(i);
      continue;
    }
    // a sum carried over a page break: after items of its page, what follows on that page is an item only with a date and a
    // treatment of its own (the page's footer under it is none); before any item of its page, it opens the table again (with
    // its header repeated or not)
    if (CARRIED_FORWARD.test(folded) && (open || cols || calendar)) {
      used.add(i);
      if (drafts.some((d) => d.page === row.page)) strictOnPage = row.page;
      else open = true;
      continue;
    }
    if (!open) continue;

    const moneys = moneyTokens(words, opts.style);
    const vatCol = cols?.find((c) => c.kind === "vat");
    const real = moneys.filter((m) => !m.paren && !(vatCol && columnOf(cols!, m.x0, m.x1, true) === vatCol));
    const firstMoneyX = real[0]?.x0 ?? Infinity;
    const lead = fold(cellText(words.filter((w) => w.x1 <= firstMoneyX)));
    const leadNoDate = dates.reduce((s, d) => s.replace(fold(text.slice(d.index, d.index + d.length)), " "), lead);

    // totals, subtotals and VAT rows (a carried sum was taken above)
    if (real.length && !classifyTreatment(leadNoDate) && (TOTAL().test(leadNoDate) || NOT_TOTAL().test(leadNoDate))) {
      used.add(i);
      if (!NOT_TOTAL().test(leadNoDate)) open = false; // the table ends at its total; a header on the next page opens it again
      continue;
    }

    if (calendar) {
      const item = calendarRow(row, words, calendar, real, i);
      if (item.length) {
        used.add(i);
        drafts.push(...item);
      } else if (!real.length && drafts.length && drafts[drafts.length - 1]!.listRow === i - 1 && /\p{L}/u.test(text) && !dates.length) {
        // the treatment's name wrapped onto the line under its row ("Massage thérapeutique (30" / "min)"): every line of that row
        const more = text.replace(/\s+/g, " ").trim();
        for (const d of drafts)
          if (d.listRow === i - 1) {
            d.description = `${d.description} ${more}`;
            d.durationMinutes ??= minutes(d.description);
            d.listRow = i;
          }
        used.add(i);
      }
      continue;
    }

    if (!real.length) {
      const rest = fold(text)
        .replace(/\([^)]*\)/g, " ")
        .split(/[^\p{L}]+/u)
        .filter(Boolean);
      // (a cell right of the dates' cells belongs to another column: a therapist's name set beside the list)
      const dateCells = row.cells.filter((c) => datesIn(c.text, year).length > 0);
      const ownText = dateCells.length
        ? row.cells
            .filter((c) => c.x0 <= dateCells[dateCells.length - 1]!.x1)
            .map((c) => c.text)
            .join("  ")
        : text;
      const ownDates = datesIn(ownText, year);
      const dateFree = ownDates.reduce((s, d) => s.replace(ownText.slice(d.index, d.index + d.length), " "), ownText);
      const letters = fold(dateFree)
        .replace(/\([^)]*\)/g, " ")
        .split(/[^\p{L}]+/u)
        // (a lone letter is OCR's noise of a ruling or a mark, "a Mo, 17.02.2025 | |", never a word of a heading)
        .filter((t) => t.length > 1 && !isCurrencyWord(t) && !WEEKDAYS.test(t) && !LIST_LABEL.test(t) && !SESSION_WORD.test(t) && monthFromName(t) === null);
      // "Fecha: 28/04/2025", "Invoice date: …": a field of the document, not a heading of the rows under it
      const field = dates.length === 1 && /:\s*$/.test(text.slice(0, dates[0]!.index)) && !rest.some((t) => LIST_LABEL.test(t) && t.length > 3);
      const last = drafts[drafts.length - 1];
      if (dates.length && letters.length === 0) {
        // (a list's label is a word such as "Termine", "Fechas", "Dates": not an article of a date in words, "14 de mayo")
        const labelled = rest.some((t) => LIST_LABEL.test(t) && t.length > 3 && !WEEKDAYS.test(t));
        const nearLast = last && last.page === row.page && i - last.listRow <= 2;
        // the item's own list of dates goes on (its quantity says how many there are)
        const continues = !!nearLast && last.dates.length >= 2 && last.quantity !== null && last.dates.length + dates.length <= last.quantity;
        // a list of session dates under an item: "Termine: 14.05.2025, 15.05.2025, …" (and its continuation lines)
        if (nearLast && (continues || labelled || dates.length >= 2 || last.listed) && !(dates.length === 1 && !labelled && !last.listed && !continues)) {
          if (!last.listed && !continues) last.dates = [];
          last.dates.push(...dates.map((d) => d.iso));
          last.listed = true;
          // two dates joined by a dash or a range word ("Behandlungszeitraum: 01.03.2025 - 28.03.2025", "… to …") are a
          // period, its first and last session, never two sessions
          if (dates.length === 2 && RANGE_BETWEEN_DATES.test(text.slice(dates[0]!.index + dates[0]!.length, dates[1]!.index)) && !continues) last.period = true;
          last.listRow = i;
          used.add(i);
          continue;
        }
        // a list that starts on the line above its item ("06.06.2025, 09.06.2025," over the row): kept for the next item
        if (dates.length >= 2 || /\d,\s*$/.test(text)) {
          pendingDates = { dates: dates.map((d) => d.iso), row: i };
          used.add(i);
          continue;
        }
        if (dates.length === 1 && !field) {
          // a date heading: applies to the items under it until the next heading
          ctxDate = dates[0]!.iso;
          ctxRow = i;
          used.add(i);
          pending = null;
          continue;
        }
      }
      if (!dates.length && /\p{L}{2,}/u.test(text)) {
        const x0 = row.cells[0]!.x0;
        const close = last && last.page === row.page && row.y0 - last.y1 < row.height * 1.2 && i - last.rowIndex <= 2;
        // the item's text wrapped onto the line under it
        if (close && Math.abs(x0 - last.descX0) < row.height * 3 && !COUNT_PREFIX.test(text)) {
          const more = text.replace(/\s+/g, " ").trim();
          if (!DURATION.test(last.description) || !/^\p{Lu}/u.test(more)) {
            last.description = `${last.description} ${more}`.trim();
            if (last.durationMinutes === null) last.durationMinutes = minutes(more);
            last.y1 = row.y1;
            used.add(i);
            continue;
          }
        }
        pending = { text: text.replace(/\s+/g, " ").trim(), row: i, y1: row.y1, x0 };
      }
      continue;
    }

    // an item: what each number is, by its column (or, without a header, by its place and arithmetic)
    const inCol = (m: { x0: number; x1: number }, kind: Column["kind"]) => !!cols && columnOf(cols, m.x0, m.x1, true)?.kind === kind;
    let amountTok: MoneyToken = real[real.length - 1]!;
    if (cols) amountTok = [...real].reverse().find((m) => inCol(m, "amount")) ?? amountTok;
    let unit: number | null = null;
    // the unit price: its column's money, else the money left of the amount (checked by quantity × unit = amount below)
    const leftOfAmount = real.filter((m) => m !== amountTok && m.x1 <= amountTok.x0);
    const unitTok = (cols ? real.find((m) => m !== amountTok && inCol(m, "unitPrice")) : undefined) ?? leftOfAmount[leftOfAmount.length - 1];
    if (unitTok) unit = unitTok.value;

    const skip = new Set<Word>(moneys.flatMap((m) => m.words));
    for (const w of words) if (isCurrencyWord(w.text)) skip.add(w);
    let quantity: number | null = null;
    let duration: number | null = null;
    const descWords: Word[] = [];
    // (a column per cell: a description's "45 min" stays in the description's cell, whatever header lies nearest to it)
    const colOfCell = new Map(row.cells.map((c) => [c, cols ? columnOf(cols, c.x0, c.x1, /^\d/.test(c.text)) : null]));
    for (const w of words) {
      if (skip.has(w)) continue;
      const cell = row.cells.find((c) => c.words.includes(w));
      const col = cell ? (colOfCell.get(cell) ?? null) : null;
      if (col?.kind === "quantity" && /^\d{1,3}(?:[.,]0+)?$/.test(w.text)) {
        quantity = Number(w.text.replace(/[.,]0+$/, ""));
        continue;
      }
      // minutes with their mark ("45'", "20’") are the session's minutes in whatever column they stand
      const marked = /^(\d{1,3})['’′]$/.exec(w.text);
      if (marked && col?.kind !== "date" && col?.kind !== "period") {
        duration ??= Number(marked[1]);
        continue;
      }
      if (col?.kind === "duration" && /^\d{1,3}$/.test(w.text)) {
        duration = Number(w.text);
        continue;
      }
      if (col?.kind === "duration" && /^min/i.test(w.text)) continue;
      if (col?.kind === "vat" || col?.kind === "amount" || col?.kind === "unitPrice") continue;
      if (col?.kind === "date" || col?.kind === "period") continue;
      // a column no header word names: its words join the description when its cell is text (a description under a header
      // such as "Specifikation": "besök 45 min" keeps its 45), not a code or a number of its own ("T01", "1")
      if (col?.kind === "other" && !/\p{L}{3,}/u.test(w.text) && !cell?.words.some((x) => /\p{L}{3,}/u.test(x.text))) continue;
      descWords.push(w);
    }
    let description = cellText(descWords);
    // dates, times and codes are not description
    for (const d of datesIn(description, year)) description = description.replace(description.slice(d.index, d.index + d.length), " ");
    description = description
      .replace(/\b\d{1,2}[:.]\d{2}\s*[-–]\s*\d{1,2}[:.]\d{2}\b/g, " ")
      .replace(/\b\d{1,2}:\d{2}\b/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    // "5 x Massage" / "Massage x 5": the quantity, then a row number or code before the text ("T01", "3.")
    const cp = COUNT_PREFIX.exec(description) ?? COUNT_SUFFIX.exec(description);
    if (cp) {
      quantity ??= Number(cp[1]);
      description = description.replace(cp[0], " ").trim();
    } else description = description.replace(/^\s*(?:\p{Lu}{0,2}\d{1,3}|\d{1,3}[.)])\s+/u, "");
    // trailing bare integers (a quantity or duration column without a header word)
    while (/\s\d{1,3}$/.test(description)) description = description.replace(/\s\d{1,3}$/, "");
    description = description.replace(/^[\s|:;,.\-–—]+|[\s|:;,\-–—]+$/g, "").trim();
    // quantity × unit price = amount: a small integer printed in the row that ties the two is the quantity
    if (quantity === null && unit !== null && unit > 0) {
      const k = Math.round(amountTok.value / unit);
      if (k >= 2 && k <= 60 && Math.abs(k * unit - amountTok.value) < 0.005 && words.some((w) => !skip.has(w) && w.text === String(k))) quantity = k;
    }
    if (!/\p{L}{3,}/u.test(description) && pending && i - pending.row <= 1) description = pending.text;
    if (!/\p{L}{3,}/u.test(description)) continue;
    duration ??= minutes(description) ?? timeRange(text);
    const ownRaw = dates.filter((d) => !description.includes(text.slice(d.index, d.index + d.length)));
    const before = pendingDates && i - pendingDates.row <= 1 && ownRaw.length ? pendingDates.dates : [];
    pendingDates = null;
    const own = [...before.map((iso) => ({ iso, index: -1, length: 0 })), ...ownRaw];
    let date = own[0]?.iso ?? null;
    // dates under a "period" header are a first and a last session, never a list of sessions
    const periodCol = cols?.find((c) => c.kind === "period");
    const inPeriod = !!periodCol && row.cells.some((c) => datesIn(c.text, year).length > 0 && columnOf(cols!, c.x0, c.x1, true) === periodCol);
    if (!date && ctxDate && i > ctxRow) date = ctxDate;
    // without a header, only rows that name a treatment and have a date are items (an address or a bank line is not)
    if ((!cols || strictOnPage === row.page) && (!date || !classifyTreatment(fold(description)))) continue;
    // a row of nothing, undated and naming no treatment, is no item: a VAT row whose label OCR ran into its rate ("TVAO%  0,00 €")
    if (amountTok.value === 0 && !date && !classifyTreatment(fold(description))) continue;
    pending = null;
    used.add(i);
    drafts.push({
      rowIndex: i,
      date,
      description,
      durationMinutes: duration,
      amount: amountTok.value,
      unitPrice: unit,
      quantity,
      dates: own.length >= 2 && !inPeriod ? own.map((d) => d.iso) : [],
      listed: false,
      listRow: i,
      y1: row.y1,
      page: row.page,
      descX0: descWords[0]?.x0 ?? row.cells[0]!.x0,
    });
  }

  const items = expand(drafts);
  // a total whose label OCR broke ("R" / "azem: 700,00" for "Razem: zł 700,00"): the last item, undated and naming no treatment,
  // whose amount is both the sum of the items above it and a printed total, is that total
  const lastItem = items[items.length - 1];
  if (items.length >= 2 && lastItem && lastItem.date === null && !classifyTreatment(fold(lastItem.description))) {
    const above = r2(items.slice(0, -1).reduce((s, it) => s + it.amount, 0));
    if (Math.abs(above - lastItem.amount) < 0.005 && opts.totals.some((t) => Math.abs(t - above) < 0.005)) {
      items.pop();
      used.delete(lastItem.rowIndex);
    }
  }
  const sum = r2(items.reduce((s, it) => s + it.amount, 0));
  for (const [a, members] of joined) if (used.has(a)) for (const r of members) used.add(r);
  return { items, sum, matchesTotal: items.length > 0 && opts.totals.some((t) => Math.abs(t - sum) < 0.005), usedRows: used };
}

/** A session's time range printed on its row ("10:45-11:30") gives its minutes. */
function timeRange(text: string): number | null {
  const m = /(?<!\d)(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})(?!\d)/.exec(text);
  if (!m) return null;
  const n = Number(m[3]) * 60 + Number(m[4]) - (Number(m[1]) * 60 + Number(m[2]));
  return n >= 5 && n <= 180 ? n : null;
}

function minutes(text: string): number | null {
  const m = DURATION.exec(text);
  const n = m ? Number(m[1] ?? m[2]) : NaN;
  return n >= 5 && n <= 180 ? n : null;
}

/** One calendar row: a treatment with marks under date columns, priced per session (or as a row total of all its sessions). */
function calendarRow(row: TableRow, words: Word[], cols: Column[], real: MoneyToken[], i: number): Draft[] {
  const dateCols = cols.filter((c) => c.date);
  const marked: string[] = [];
  const descWords: Word[] = [];
  for (const w of words) {
    if (real.some((m) => m.words.includes(w))) continue;
    const col = columnOf(cols, w.x0, w.x1, true);
    // (a mark with OCR's specks beside it: "-X", "„X")
    if (col?.date && MARK.test(w.text.replace(SPECKS, ""))) marked.push(col.date);
    // the treatment's words left of the dates, its minutes with them ("Massage thérapeutique (30" over "min)")
    else if (w.x1 <= dateCols[0]!.x0 && !isCurrencyWord(w.text) && (/\p{L}{2,}/u.test(w.text) || /^\(?\d{1,3}\)?$/.test(w.text))) descWords.push(w);
  }
  if (!marked.length || !real.length) return [];
  const description = cellText(descWords).trim();
  if (!/\p{L}{3,}/u.test(description)) return [];
  // the row's numbers: a unit price and a row total (unit × sessions), or one of them
  const values = real.map((m) => m.value);
  const total = values.find((v) => values.some((u) => Math.abs(u * marked.length - v) < 0.005 && u !== v));
  const unit = total !== undefined ? total / marked.length : values[0]!;
  return marked.map((d) => ({
    rowIndex: i,
    date: d,
    description,
    durationMinutes: minutes(description),
    amount: r2(unit),
    unitPrice: unit,
    quantity: 1,
    dates: [],
    listed: false,
    listRow: i,
    y1: row.y1,
    page: row.page,
    descX0: descWords[0]?.x0 ?? row.cells[0]!.x0,
  }));
}

/**
 * An item with its sessions' dates printed (in its row or listed under it) is one line per date at the unit price; a quantity
 * without dates is one line with its count. The unit price is the printed one when quantity × unit = amount, else amount ÷ dates.
 */
function expand(drafts: Draft[]): TableItem[] {
  const out: TableItem[] = [];
  for (const d of drafts) {
    const base = { rowIndex: d.rowIndex, description: d.description, durationMinutes: d.durationMinutes };
    const n = d.dates.length;
    const q = d.quantity;
    // two dates in the item's own row without a quantity that says two sessions are a period ("20.01.2025 – 27.01.2025")
    const period = (!d.listed || !!d.period) && n === 2 && q !== 2;
    if (n >= 2 && !period && (q === null || q === n)) {
      let unit = d.unitPrice !== null && Math.abs(d.unitPrice * n - d.amount) < 0.005 ? d.unitPrice : d.amount / n;
      if (Math.abs(r2(unit) * n - d.amount) >= 0.005 && d.unitPrice !== null && Math.abs(d.unitPrice - d.amount) < 0.005) unit = d.amount; // "per session" column
      for (const date of d.dates) out.push({ ...base, date, amount: r2(unit) });
      continue;
    }
    if (q !== null && q >= 2) {
      // quantity × unit price = amount: the row is N sessions whose dates are not printed
      out.push({ ...base, date: d.dates[0] ?? d.date, amount: d.amount, count: q });
      continue;
    }
    out.push({ ...base, date: d.dates[0] ?? d.date, amount: d.amount });
  }
  return out;
}
