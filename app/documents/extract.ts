/**
 * Pure extraction: positioned text lines → the ExtractedDocument fields. No I/O, no OCR, no knowledge of particular clinics:
 * everything keys on per-language labels and treatment words (./lexicon), number/date formats (./parse) and on geometry
 * (cells split at wide gaps, columns inferred from a table header's positions).
 */
import { allLabels, classifyTreatment, detectLanguage, exactWordRe, LEXICONS, wordRe } from "./lexicon";
import { findDates, fold, type DateMatch, type NumberStyle } from "./parse";
import type { ExtractedDocument, ExtractionChecks, TreatmentForm, TreatmentLine } from "./schema";
import { findHeader } from "./layout/header";
import { toRows, type Cell, type Row } from "./layout/rows";
import { readTable, type TableItem } from "./layout/table";
import { CURRENCY_IN_TEXT, findAmounts, joinWords, numberStyle, repairRowDigits, wordAt } from "./layout/tokens";
import { readBirthDate } from "./fields/birth-date";
import { detectCountry } from "./fields/country";
import { currenciesOnPage, resolveCurrency } from "./fields/currency";
import { readDiagnosis } from "./fields/diagnosis";
import { detectDocType } from "./fields/doc-type";
import { readInvoiceDate } from "./fields/invoice-date";
import { readInvoiceNumber } from "./fields/invoice-number";
import { findLabel, isLabelText, labelValue } from "./fields/labels";
import { extractPeriod } from "./fields/period";
import { printedTotals, totalWithoutDecimals } from "./fields/totals";
import type { PageText, Word } from "./types";

// ---------------------------------------------------------------------------------------------------------------------------
// Names

/** A title before a name, alone or as a pair ("Pan/Pani", "Dott./Dott.ssa", "il/la"); in the prose patterns, any letter case. */
const TITLE_WORD =
  "(?:d\\.|dna\\.|dña\\.|don|dona|doña|sr\\.?|sra\\.?|mr\\.?|mrs\\.?|ms\\.?|dr\\.?|frau|herr|pan|pani|m\\.|mme\\.?|madame|monsieur|sig\\.(?:ra)?|sig\\.?|dott\\.(?:ssa)?|mgr)";
const TITLE_TOKEN = `(?:${TITLE_WORD}(?:\\/${TITLE_WORD})?|il\\/la|la\\/il)`;
const HONORIFIC = new RegExp(`^(?:${TITLE_TOKEN}\\s+)+`, "i");
/** Up to three title tokens in running text (case-insensitive letters, so that a name's capitals still anchor the name). */
const TITLES_IN_TEXT = `(?:${TITLE_TOKEN.replace(/\p{Ll}/gu, (c) => `[${c}${c.toUpperCase()}]`)}\\s+){0,3}`;

/** "Norway" in the languages of the documents: the last line of a Norwegian resident's address printed abroad. */
const NORWAY_RE = /^(?:norway|norge|noreg|noruega|norvegia|norwegen|norvege|norwegia|norja)$/;

/**
 * The patient's name where no label names it: the top line of the recipient's address block, the block a clinic abroad prints
 * for its Norwegian patient. Anchored on the line just under the name that says who it is — a birth-date line ("DOB 19/01/1959",
 * "nato/a il …") — or on the block's last line, "Norway" in any of the languages: walking up from it over the address lines
 * (street and number, postcode and town), the first line without digits is the name when it reads as one. Nothing else counts
 * (a clinic's or therapist's name has neither anchor under it).
 */
function recipientName(rows: Row[]): string | null {
  // the nearest line above in the same column (a line beside it, in the clinic's column or the invoice details, is passed over)
  const above = (i: number, cell: Cell): [number, Cell] | undefined => {
    const r = rows[i];
    for (let j = i - 1; r && j >= 0 && j >= i - 3; j--) {
      const up = rows[j]!;
      if (up.page !== r.page || r.y0 - up.y1 > r.height * (2.5 + 2 * (i - 1 - j))) return undefined;
      const c = up.cells.find((c) => Math.abs(c.x0 - cell.x0) < r.height * 2 && c.x0 < cell.x1 && c.x1 > cell.x0);
      if (c) return [j, c];
    }
    return undefined;
  };
  const nameIn = (c: Cell | undefined) => (c && !/\d/.test(c.text) && !isLabelText(c.folded) ? canonicalName(c.text) : null);
  for (const h of findLabel(rows, allLabels("birthDate"))) {
    const name = nameIn(above(h.rowIndex, h.cell)?.[1]);
    if (name) return name;
  }
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i]!.cells.find((c) => NORWAY_RE.test(c.folded.trim()));
    if (!cell) continue;
    let at: [number, Cell] | undefined = [i, cell];
    for (let steps = 0; steps < 4; steps++) {
      at = above(at[0], at[1]);
      if (!at) break;
      if (/\d/.test(at[1].text)) continue;
      const name = nameIn(at[1]);
      if (name) return name;
      break;
    }
  }
  return null;
}

/** "FAMILY, Given" → "Given Family"; ALL CAPS → Title Case. */
export function canonicalName(raw: string): string | null {
  let s = raw
    .replace(/\s+/g, " ")
    .replace(HONORIFIC, "")
    .replace(/[,;:.]+$/, "")
    .trim();
  if (!s) return null;
  const comma = s.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) s = `${comma[2]!.trim()} ${comma[1]!.trim()}`;
  // words printed in capitals (surname in caps, or the whole name) → Title Case
  s = s
    .split(" ")
    .map((w) => (w.length >= 2 && w === w.toUpperCase() && /\p{Lu}/u.test(w) ? w.toLowerCase().replace(/(^|[-'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()) : w))
    .join(" ");
  const words = s.split(" ");
  if (words.length < 2 || words.length > 6) return null;
  if (!words.every((w) => /^\p{Lu}[\p{L}'’\-.]*$/u.test(w) || /^(?:de|del|la|van|von|der|da|di|le|y|i)$/.test(w))) return null;
  return s;
}

// ---------------------------------------------------------------------------------------------------------------------------
function integerUnder(words: Word[], col: { x0: number; x1: number }, h: number): { value: number; word: Word } | null {
  const cx = (col.x0 + col.x1) / 2;
  for (const w of words) {
    if (!/^\d{1,3}$/.test(w.text)) continue;
    const wx = (w.x0 + w.x1) / 2;
    if (Math.abs(wx - cx) < Math.max(h * 2.5, col.x1 - col.x0)) return { value: Number(w.text), word: w };
  }
  return null;
}

const DURATION_IN_TEXT = /(?:^|[\s(])(\d{1,3})\s?(?:min(?:utes|uter|uten|uti|utos|ut)?|mins|m)\b\.?\)?|(\d{1,3})['’′]/i;
const COUNT_PREFIX = /^\s*(\d{1,2})\s?[x×]\s+/i;
const RANGE_SEP = /^\s*(?:[-–—]|to|til|till|bis|al|au|a|do|al)\s*$/i;

interface DraftLine extends TreatmentLine {
  rowIndex: number;
  unitPrice?: number;
  datesBelow?: string[];
  listRow?: number;
  countFromList?: boolean;
  descX0?: number;
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

function extractLines(rows: Row[], style: NumberStyle | undefined, totalRowIdx: Set<number>): { lines: DraftLine[]; currencies: Map<string, number> } {
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
      const rest = fold(text.slice(0, dates[0]!.index) + text.slice(dates[dates.length - 1]!.index + dates[dates.length - 1]!.length))
        .replace(CURRENCY_IN_TEXT, "")
        .replace(/[^\p{L}]/gu, "");
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
    // a fee row of the table with no date of its own ("Imposta di bollo  € 2,00"): kept, undated, so the lines add up to the total
    // (set where the items' descriptions start: a summary row under the table is set elsewhere)
    const prevLine = lines[lines.length - 1];
    const firstText = words.find((w) => /\p{L}{3,}/u.test(w.text));
    const undatedFee =
      !date &&
      inTable &&
      !!prevLine &&
      prevLine.descX0 !== undefined &&
      !!firstText &&
      Math.abs(firstText.x0 - prevLine.descX0) < row.height * 2 &&
      classifyTreatment(leadNoDate) === "ikke-dekket";
    if (!date && !undatedFee) continue;
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
    // trailing bare integers after the description (quantity / duration columns without a recognised header) are not description
    const trailing: number[] = [];
    for (let k = words.length - 1; k > descStartIdx; k--) {
      const w = words[k]!;
      if (skip.has(w)) continue;
      if (/^\d{1,3}$/.test(w.text)) {
        skip.add(w);
        trailing.push(Number(w.text));
        continue;
      }
      break;
    }
    let description = describe(row, words, skip);
    // the item's text continued on the line under it ("Hidroterapia en piscina" / "(grupo) 45 min."): it carries the duration
    const continued = wrappedDescription(rows, i, words[descStartIdx]!, style, totalRowIdx);
    const continuedMinutes = continued ? minutesIn(continued, true) : null;
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
    let fd = fold(description);
    let form = classifyTreatment(fd);
    let wrapped = -1;
    if (!form) {
      // a description wrapped in a narrow column ("Physiotherapeutische" / "Befunderhebung" on the line under it)
      const joined = continued && classifyTreatment(fold(`${description} ${continued}`));
      if (joined) {
        description = `${description} ${continued}`;
        fd = fold(description);
        form = joined;
        wrapped = i + 1;
      }
    }
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
    if (duration === null && continuedMinutes !== null && form) {
      duration = continuedMinutes;
      if (wrapped < 0) {
        description = `${description} ${continued}`;
        wrapped = i + 1;
      }
    }
    // one bare number after the description, no quantity column: minutes when it looks like a session's length and is not the
    // count that times a unit price gives the amount
    if (
      duration === null &&
      !count &&
      trailing.length === 1 &&
      sessionMinutes(trailing[0]!) &&
      !amounts.some((a) => a !== amount && Math.abs(a.value * trailing[0]! - amount.value) < 0.011)
    )
      duration = trailing[0]!;
    // several session dates on the row and no legible quantity: the dates are the sessions when a second amount on the row times
    // their number is the row's amount ("Ultradźwięki  08.04.2024, 15.04.2024  2 usł.  35,00 zł  70,00 zł")
    if (!count && dates.length >= 2 && !isPeriod(text, dates) && amounts.some((a) => a !== amount && Math.abs(a.value * dates.length - amount.value) < 0.011)) count = dates.length;
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
      descX0: words[descStartIdx]!.x0,
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
        // … or begun on the line above, the row's quantity and amounts centred on the list ("06.06.2025, 09.06.2025," over
        // "Masaż leczniczy  17.06.2025, 19.06.2025,  7 usł  165,00  1155,00"): a line of dates only, starting where the row's
        // dates start, that no earlier item took
        const up = rows[i - 1],
          first = dates[0]!;
        const firstX = wordAt(words).find((x) => x.end > first.index)?.w.x0;
        const before = lines[lines.length - 1];
        if (up && firstX !== undefined && up.page === row.page && row.y0 - up.y1 < row.height * 1.5 && i - 1 > (before?.listRow ?? before?.rowIndex ?? -1)) {
          const upText = joinWords(repairRowDigits(up.words));
          const upDates = findDates(upText);
          const rest = upDates.reduce((t, d) => t.replace(d.text, ""), upText).replace(/[\s,;.]/g, "");
          if (upDates.length && rest === "" && Math.abs(up.x0 - firstX) < row.height * 2 && upDates.length + dates.length <= count) {
            line.datesBelow = [...upDates.map((d) => d.iso), ...line.datesBelow];
            line.date = line.datesBelow[0]!;
          }
        }
      }
    }
    lines.push(line);
    if (list)
      i = list.index; // the dates listed under the summary row belong to it
    else if (sub)
      i = sub.index; // the date line under the item belongs to it
    else if (wrapped > i) i = wrapped;
  }
  return { lines, currencies };
}

/**
 * The text of the line under item row `i` when it continues the item's description: no date, no amount, not a total, close
 * under the row and starting where the description starts (within two line heights). Null otherwise.
 */
function wrappedDescription(rows: Row[], i: number, first: Word, style: NumberStyle | undefined, totalRowIdx: Set<number>): string | null {
  const row = rows[i]!,
    next = rows[i + 1];
  if (!next || totalRowIdx.has(i + 1) || next.page !== row.page || next.y0 - row.y1 > row.height * 1.2) return null;
  const words = repairRowDigits(next.words);
  const text = joinWords(words);
  const dates = findDates(text);
  if (dates.length || findAmounts(words, style, dates).length) return null;
  if (Math.abs(next.x0 - first.x0) > row.height * 2 || !/\p{L}{3,}/u.test(text)) return null;
  return text.replace(/\s+/g, " ").trim();
}

/** The row's first two dates are a period's start and end ("2025-04-26 – 2025-05-07", "29.04. bis 26.05.2025"), not a list. */
const isPeriod = (text: string, dates: DateMatch[]) => RANGE_SEP.test(text.slice(dates[0]!.index + dates[0]!.length, dates[1]!.index));

/** A plausible session length in minutes: 15 to 120, in steps of five. */
const sessionMinutes = (m: number) => m >= 15 && m <= 120 && m % 5 === 0;

/**
 * The minutes in an item's text: "45 min", "(30 min.)", "45'"; a minute mark OCR read as "°" or "!" ("40°") or, with `bare`, a
 * number alone at the end ("inicial 60") only when it is a plausible session length.
 */
function minutesIn(text: string, bare: boolean): number | null {
  const m = DURATION_IN_TEXT.exec(text);
  if (m) return Number(m[1] ?? m[2]);
  const misread = /(?:^|[\s(])(\d{2,3})[°!](?=[\s)]|$)/.exec(text) ?? (bare ? /(?:^|\s)(\d{2,3})\s*$/.exec(text) : null);
  return misread && sessionMinutes(Number(misread[1])) ? Number(misread[1]) : null;
}

/** The minutes of a session printed as a time range ("10:45-11:30" is 45), 5 to 180; null when the row has none. */
function timeRangeMinutes(text: string): number | null {
  const m = /(?:^|[^\d:])([01]?\d|2[0-3]):([0-5]\d)\s*[-–—]\s*([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/.exec(text);
  if (!m) return null;
  const min = Number(m[3]) * 60 + Number(m[4]) - (Number(m[1]) * 60 + Number(m[2]));
  return min >= 5 && min <= 180 ? min : null;
}

/**
 * The session dates listed under a row that has no date of its own: the next line (close under it) carries two or more dates and
 * nothing else but a list label ("Fechas:", "Termine:", "Datoer:"), continued on the lines after it the same way. Null otherwise.
 */
function dateListBelow(rows: Row[], i: number, style: NumberStyle | undefined, totalRowIdx: Set<number>): { dates: string[]; index: number } | null {
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
const WEEKDAY_RE =
  /^(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mandag|tisdag|tirsdag|onsdag|torsdag|fredag|lordag|sondag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|poniedzialek|wtorek|sroda|czwartek|piatek|sobota|niedziela)$/;

/** What is left of a session's heading once its date is taken out (folded, letters only): "Sesión", "Behandlung am", "Visit on". */
const SESSION_HEADING =
  /^(?:sesion|sesja|seance|seduta|session|visit|visita|cita|appointment|treatment|behandlung|sitzung|termin|behandling|besok|besog|konsultation|konsultasjon|wizyta|zabieg|trattamento|rendezvous)(?:am|vom|den|on|of|del|du|le|il|dnia|dia|pa|fran)?$/;

const DATE_LIST_LABEL = /^(?:fechas?|dates?|datum|datumer|datoer|dato|dage|termine?|terminy|daty|dati|sessions?|sesiones|seances)(?:des|du|de|del|am|den|on|dnia|il)?$/;
/** "10 sesiones x 30,00 €", "4 aplicaciones × 15,00 €", "6 x": a count, at most two words, a times sign. */
const COUNT_PHRASE = /^\s*(\d{1,3})\s*(?:\p{L}+\.?\s+){0,2}[x×]\s*/iu;

interface SubLine {
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
function dateLineBelow(rows: Row[], i: number, row: Row, style: NumberStyle | undefined, totalRowIdx: Set<number>, datesAsHeadings: boolean): SubLine | null {
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

/** Summary rows become one line per listed session; also the other readings of single lines' amounts (by index into the lines). */
function expandSummaries(drafts: DraftLine[]): { lines: TreatmentLine[]; alts: Map<number, number[]> } {
  const out: TreatmentLine[] = [];
  const altsOf = new Map<number, number[]>();
  for (const d of drafts) {
    const { rowIndex: _r, unitPrice, datesBelow, listRow: _l, countFromList, descX0: _x, alts, ...line } = d;
    if (countFromList && datesBelow && datesBelow.length >= 2) line.count = datesBelow.length;
    if (line.count && datesBelow && datesBelow.length === line.count) {
      const unit = unitPrice ?? Math.round((line.amount / line.count) * 100) / 100;
      for (const dt of datesBelow) {
        const { count: _c, ...single } = line;
        out.push({ ...single, date: dt, amount: unit });
      }
      continue;
    }
    if (alts && !line.count) altsOf.set(out.length, alts);
    out.push(line);
  }
  return { lines: out, alts: altsOf };
}

/**
 * Lines that do not add up to a printed total: the fewest amounts (at most three) to read otherwise (`alts`: a lost decimal
 * separator, the row's price × quantity) for the lines to add up to one of the totals exactly. Taken only when exactly one such
 * choice exists; null otherwise, and the amounts stay as read (the lines-vs-total check then flags the document). Integer øre.
 */
export function repairAmounts(amounts: number[], alts: Map<number, number[]>, totals: number[]): Map<number, number> | null {
  const ore = (v: number) => Math.round(v * 100);
  const sum = amounts.reduce((s, a) => s + ore(a), 0);
  const cands = [...alts].slice(0, 12).flatMap(([k, vs]) => vs.map((v) => ({ k, v, d: ore(v) - ore(amounts[k]!) })));
  for (let size = 1; size <= 3; size++) {
    const found: Array<Map<number, number>> = [];
    const pick = (from: number, chosen: typeof cands) => {
      if (chosen.length === size) {
        const s = sum + chosen.reduce((t, c) => t + c.d, 0);
        if (totals.some((t) => ore(t) === s)) found.push(new Map(chosen.map((c) => [c.k, c.v])));
        return;
      }
      for (let i = from; i < cands.length; i++) if (!chosen.some((c) => c.k === cands[i]!.k)) pick(i + 1, [...chosen, cands[i]!]);
    };
    pick(0, []);
    const distinct = new Set(found.map((m) => JSON.stringify([...m].sort((a, b) => a[0] - b[0]))));
    if (distinct.size === 1) return found[0]!;
    if (distinct.size > 1) return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------------
// Main

export type Extracted = ExtractedDocument & { checks: ExtractionChecks };

export function extractFromPages(pages: PageText[]): Extracted {
  const rows = toRows(pages);
  const fullText = rows.map((r) => r.text).join("\n");
  const folded = fold(fullText);
  const language = detectLanguage(folded);

  const style = numberStyle(fullText);

  // totals
  const { totalCands, totalRowIdx } = printedTotals(rows, style);

  const { lines: drafts, currencies } = extractLines(rows, style, totalRowIdx);
  const { lines, alts } = expandSummaries(drafts);
  for (const c of totalCands) if (c.currency) currencies.set(c.currency, (currencies.get(c.currency) ?? 0) + 2);
  for (const c of currenciesOnPage(fullText)) currencies.set(c, (currencies.get(c) ?? 0) + 1);
  if (/\bkr\b\.?/i.test(fullText)) currencies.set("kr", (currencies.get("kr") ?? 0) + 1);

  let sum = Math.round(lines.reduce((s, l) => s + l.amount, 0) * 100) / 100;
  if (totalCands.length && !totalCands.some((c) => Math.abs(c.value - sum) < 0.005)) {
    const fix = repairAmounts(
      lines.map((l) => l.amount),
      alts,
      totalCands.map((c) => c.value),
    );
    if (fix) {
      for (const [k, v] of fix) lines[k]!.amount = v;
      sum = Math.round(lines.reduce((s, l) => s + l.amount, 0) * 100) / 100;
    }
  }
  let linesFrom: ExtractionChecks["linesFrom"] = lines.length ? "older" : null;
  // The general table reader (ADR 0018): its lines replace the older reader's whenever they add up to a printed total (the
  // witness); the older reader stands only where the general one cannot make the lines and the total agree.
  {
    const totals = totalCands.map((c) => c.value);
    const reading = readTable(rows, { style, totals });
    // (an item whose date OCR lost is not made up: a treatment line needs its date; only a fee may stand undated)
    const tableLines = reading.items.map(tableLine);
    if (reading.matchesTotal && tableLines.every((l) => l.date !== null || l.treatmentForm === "ikke-dekket")) {
      linesFrom = "table";
      lines.splice(0, lines.length, ...tableLines);
      alts.clear();
      sum = reading.sum;
    }
  }
  let total: number | null = null;
  if (totalCands.length) {
    const match = totalCands.find((c) => Math.abs(c.value - sum) < 0.005);
    total = match ? match.value : totalCands.reduce((a, b) => (b.value > a.value ? b : a)).value;
  }
  if (total === null && lines.length && totalWithoutDecimals(rows, sum)) total = sum;

  // Lines read from a page the OCR was unsure of (handwriting: mean word confidence under 75) that do not add up to the printed
  // total are not offered: the resident types them, rather than correcting invented ones. (Printed pages read at 78 or more.)
  const ocrConfidence = pages.filter((p) => p.source === "ocr" && p.confidence !== undefined).map((p) => p.confidence!);
  const unsure = ocrConfidence.length > 0 && ocrConfidence.reduce((a, b) => a + b, 0) / ocrConfidence.length < 75;
  if (unsure && lines.length && !(total !== null && Math.abs(sum - total) < 0.005)) {
    lines.splice(0, lines.length);
    sum = 0;
  }
  // (priced, dated treatment lines are an invoice's, also when OCR lost its total)
  const docType = detectDocType(folded, (lines.length >= 1 && total !== null) || lines.length >= 3);
  const country = detectCountry(fullText, folded, language, docType);
  const isInvoice = docType === "invoice";
  const currency = isInvoice ? resolveCurrency(currencies, country, language) : null;

  // fields
  const birthDate = readBirthDate(rows, fullText, folded);

  // a heading beside the patient's ("DATOS DEL PACIENTE" | "DATOS DE LA FACTURA") is no name
  const docWordRe = exactWordRe(LEXICONS.flatMap((l) => l.docType.invoice));
  const patientName = (() => {
    for (const h of findLabel(rows, allLabels("patient"))) {
      const v = labelValue(
        rows,
        h,
        (s) =>
          !docWordRe.test(fold(s)) &&
          canonicalName(
            s
              .split(/\s{2,}/)[0]!
              .split(BORN_AFTER_NAME)[0]!
              .replace(/\s*\d.*$/, ""),
          ) !== null,
      );
      if (v) return canonicalName(v.text.split(BORN_AFTER_NAME)[0]!.replace(/\s*\d.*$/, ""));
    }
    return recipientName(rows);
  })();

  const diagnosis = readDiagnosis(rows);

  const { invoiceNumber, invoiceNumberRow } = isInvoice ? readInvoiceNumber(rows) : { invoiceNumber: null, invoiceNumberRow: -1 };

  const invoiceDate = isInvoice ? readInvoiceDate(rows, invoiceNumberRow) : null;

  const therapists = extractTherapists(rows, fullText, folded, docType);
  const issuingAuthority = docType === "authorisation" ? extractIssuer(rows) : null;
  const treatmentPeriod = docType === "epikrise" ? extractPeriod(rows, fullText) : null;
  const providerName = docType === "authorisation" ? null : extractProvider(rows);

  const checks: ExtractionChecks = {
    linesMatchTotal: lines.length && total !== null ? Math.abs(sum - total) < 0.005 : null,
    linesSum: lines.length ? sum : null,
    linesFrom: lines.length ? linesFrom : null,
  };

  return {
    documentType: docType,
    language,
    country,
    providerName,
    therapists,
    patientName: docType === "authorisation" ? null : patientName,
    patientBirthDate: docType === "authorisation" ? null : birthDate,
    invoiceNumber,
    invoiceDate,
    diagnosis: docType === "authorisation" ? null : diagnosis,
    currency,
    lines: isInvoice ? lines : [],
    total: isInvoice ? total : null,
    issuingAuthority,
    treatmentPeriod,
    checks,
  };
}

/** A table item as a treatment line: its form from the words of its description (anything unknown is not covered). */
function tableLine(it: TableItem): TreatmentLine {
  const form = classifyTreatment(fold(it.description));
  return {
    date: it.date,
    treatmentForm: (form ?? "ikke-dekket") as TreatmentForm,
    description: it.description,
    durationMinutes: it.durationMinutes,
    amount: it.amount,
    ...(it.count && it.count >= 2 ? { count: it.count } : {}),
  };
}

/** A birth marker or field after a name on the patient's line ("Nygård, Terje, geb. 10.03.1960", "Terje Vestbø  Fecha nac.: …"). */
const BORN_AFTER_NAME =
  /(?:,\s*|\s+)\(?(?:f\.|født|fødd|född|dob|d\.o\.b\.|born|geb\.|geboren|ur\.|urodzon[ay]|nato\/a|nata|nato|née?|nacid[oa]|fecha (?:de )?nac|date of birth|date de naissance|data (?:di nascita|urodzenia)|geburtsdatum|fødselsdato|födelsedatum)(?![\p{L}])/iu;

/** Family-name and given-name field labels (folded), for names printed in two fields. */
const FAMILY_NAME_LABELS = [
  "efternamn",
  "etternavn",
  "efternavn",
  "nachname",
  "familienname",
  "surname",
  "family name",
  "last name",
  "apellidos",
  "nom de famille",
  "nom",
  "cognome",
  "nazwisko",
];
const GIVEN_NAME_LABELS = [
  "fornamn",
  "fornavn",
  "vorname",
  "vornamen",
  "first name",
  "first names",
  "given name",
  "given names",
  "forename",
  "forenames",
  "nombre",
  "prenom",
  "nome",
  "imie",
  "imiona",
];

function extractTherapists(rows: Row[], fullText: string, folded: string, docType: string): Array<{ name: string; authorisationNumber: string | null }> {
  const out: Array<{ name: string; authorisationNumber: string | null }> = [];
  const authLabels = allLabels("authNumber");
  const numRe = new RegExp(
    `(?:${authLabels.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[\\s.\\-]*")).join("|")})(?:[\\s.\\-]*(?:nummer|number|no|nr|n|numero|de colegiad[oa](?:\\/a)?))?[\\s.:#°º?]*([A-Z]{0,3}[\\s-]?\\d[\\d\\-./A-Z ]{2,20}[\\dA-Z]|[A-Z]{0,3}\\d{3,})`,
    "i",
  );
  // the number ends before the words that follow it ("nº 5259 desde el 15 de marzo"): a space then a word of two letters or more
  const clip = (n: string) => n.replace(/\s+(?:\p{L}{2,}|\p{L}(?=\s))[\s\S]*$/u, "").trim();
  const findNumber = (s: string): string | null => {
    const m = numRe.exec(s);
    if (!m) {
      const f = numRe.exec(fold(s));
      return f ? clip(f[1]!).toUpperCase() : null;
    }
    return clip(m[1]!);
  };
  const push = (name: string | null, num: string | null) => {
    if (!name) return;
    if (out.some((t) => fold(t.name) === fold(name))) return;
    out.push({ name, authorisationNumber: num });
  };
  if (docType === "authorisation") {
    // name: an explicit name field, or "… that NAME is registered", "Que Dña. NAME, con DNI", "meddelat NAME, född", "Frau NAME, geboren"
    let name: string | null = null;
    // a register extract's name in two fields: "Efternamn  Håkansson" / "Förnamn  Elin", "Nachname" / "Vorname", "Nom" / "Prénom"
    const field = (labels: string[]) => {
      for (const h of findLabel(rows, labels)) {
        const v = labelValue(rows, h, (s) => /^\p{Lu}[\p{L}'’\- ]+$/u.test(s.trim()) && !isLabelText(fold(s)));
        if (v) return v.text.trim();
      }
      return null;
    };
    const family = field(FAMILY_NAME_LABELS),
      given = family ? field(GIVEN_NAME_LABELS) : null;
    if (family && given) name = canonicalName(`${given} ${family}`);
    if (!name)
      for (const h of findLabel(rows, ["nombre y apellidos", "name", "namn", "navn", "nom", "nome", "imie i nazwisko", "nombre"])) {
        const v = labelValue(rows, h, (s) => canonicalName(s) !== null);
        if (v) {
          name = canonicalName(v.text);
          break;
        }
      }
    if (!name) {
      const pats = [
        new RegExp(`(?:[Tt]hat|[Qq]ue|[Dd]ass|[Aa]tt|[Aa]t|[Cc]he|[Zz]e|że)\\s+${TITLES_IN_TEXT}((?:\\p{Lu}[\\p{L}'’\\-]+\\s+){1,4}\\p{Lu}[\\p{L}'’\\-]+)`, "u"),
        /(?:meddelat|gitt|givet|erteilt|granted to|conferito a)\s+((?:\p{Lu}[\p{L}'’-]+\s+){1,4}\p{Lu}[\p{L}'’-]+)/u,
        new RegExp(
          `${TITLES_IN_TEXT.replace("{0,3}", "{1,3}")}((?:\\p{Lu}[\\p{L}'’\\-]+\\s+){1,4}\\p{Lu}[\\p{L}'’\\-]+)\\s*,?\\s*(?:geboren|con DNI|born|född|født|ur\\.|nato\\/a|nata|nato|née?|nacid[oa])(?![\\p{L}])`,
          "u",
        ),
      ];
      const flat = fullText.replace(/\s+/g, " ");
      for (const re of pats) {
        const m = re.exec(flat);
        if (m) {
          name = canonicalName(m[1]!);
          if (name) break;
        }
      }
    }
    let num: string | null = null;
    for (const r of rows) {
      num = findNumber(r.text);
      if (num) break;
    }
    // the label at the end of one line, the number at the start of the next ("… zawodu fizjoterapeuty nr" / "32618, …")
    // (a scanner's margin marks before a line, "3  32618, …", are left out)
    if (!num) {
      const body = (r: Row) => r.words.filter((w, k) => !(k === 0 && /^[^\p{L}]{1,2}$/u.test(w.text) && r.words[1] && r.words[1].x0 - w.x1 > r.height * 3));
      num = findNumber(
        rows
          .map((r) =>
            body(r)
              .map((w) => w.text)
              .join(" "),
          )
          .join(" ")
          .replace(/\s+/g, " "),
      );
    }
    if (!num) {
      const m = /(?:numero|número|number|nummer|nr\.?|no\.?)\s+de\s+colegiad[oa]\s+(\d{2,})|colegiad[oa](?:\/a)?\s+(\d{2,})/iu.exec(fullText.replace(/\s+/g, " "));
      if (m) num = m[1] ?? m[2] ?? null;
    }
    push(name, num ? num.replace(/\s+/g, " ") : null);
    return out;
  }
  const labels = allLabels("therapist");
  for (const h of findLabel(rows, labels, { anywhere: false })) {
    const v = labelValue(rows, h, (s) => /\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(s));
    if (!v) continue;
    const parts = v.text.split(/\s*(?:;|,(?![^()]*\))|\s(?:og|och|and|y|e|i|und|et|oraz)\s)\s*/);
    for (const p of parts) {
      const num = /\(([^)]*\d[^)]*)\)/.exec(p);
      const nameText = p.replace(/\([^)]*\)/g, "").trim();
      let authNo: string | null = null;
      if (num)
        authNo = num[1]!
          .replace(new RegExp(`^(?:${authLabels.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})[\\s.:#-]*(?:nr\\.?|no\\.?|n[º°])?[\\s.:]*`, "i"), "")
          .trim();
      push(canonicalName(nameText), authNo || null);
    }
    if (out.length) break;
  }
  // "Name (HPR-nr. 8458090)" without a label; or a signature followed by a line with a registration number
  if (!out.length) {
    for (let i = 0; i < rows.length; i++) {
      const m = /^((?:\p{Lu}[\p{L}'’-]+\s+){1,3}\p{Lu}[\p{L}'’-]+)\s*\(([^)]*\d[^)]*)\)/u.exec(rows[i]!.text);
      if (m && findNumber(`(${m[2]})`.replace(/[()]/g, ""))) push(canonicalName(m[1]!), findNumber(m[2]!));
    }
  }
  if (!out.length) {
    for (let i = 1; i < rows.length; i++) {
      const num = findNumber(rows[i]!.text);
      if (!num) continue;
      const prev = rows[i - 1]!;
      const name = canonicalName(prev.cells[0]?.text ?? "");
      if (name) push(name, num);
    }
  }
  // numbers printed elsewhere for a named therapist
  for (const t of out) {
    if (t.authorisationNumber) continue;
    const idx = fullText.indexOf(t.name);
    if (idx >= 0) {
      const n = findNumber(fullText.slice(idx, idx + t.name.length + 60));
      if (n) t.authorisationNumber = n;
    }
  }
  void folded;
  return out;
}

function extractIssuer(rows: Row[]): string | null {
  const issuers = allLabels("issuer");
  const re = wordRe(issuers);
  const cand = rows.slice(0, 12).find((r) => re.test(r.folded));
  if (!cand) return null;
  const cell = cand.cells.find((c) => re.test(c.folded)) ?? cand.cells[0]!;
  let t = cell.text.replace(/^.*?(?=(?:Ilustre|Colegio|Consejo|Behörde|Ordine|Ordre|Conseil|Krajowa|Health|Helsedirektoratet|Socialstyrelsen|Styrelsen|Sundhedsstyrelsen))/iu, "");
  t = t
    .replace(/^CERTIFICADO DE COLEGIACI[OÓ]N\s*[-–]\s*/i, "")
    .replace(/^URKUNDE\s*[-–]\s*/i, "")
    .trim();
  if (t === t.toUpperCase()) {
    // printed in capitals: prefer a mixed-case occurrence of the same words elsewhere
    const other = rows.find((r) => fold(r.text).includes(fold(t)) && r.text !== r.text.toUpperCase());
    if (other) {
      const i = fold(other.text).indexOf(fold(t));
      return other.text.slice(i, i + t.length).trim();
    }
    const small = new Set(["de", "del", "la", "las", "los", "y", "of", "and", "the", "for", "und", "der", "des", "dei", "di", "og", "och"]);
    return t
      .toLowerCase()
      .split(" ")
      .map((w, i) => (i > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(" ");
  }
  return t.split(/\s+[·•]\s+|\s+[-–]\s+(?=\p{Lu}\p{Ll}+$)/u)[0]!.trim();
}

function extractProvider(rows: Row[]): string | null {
  const docWords = LEXICONS.flatMap((l) => [...l.docType.invoice, ...l.docType.epikrise]);
  const docRe = exactWordRe(docWords);
  const top = rows.filter((r) => r.page === rows[0]?.page).slice(0, 8);
  const hint = /(fisio|fysio|physio|kinesi|kine|therap|terapi|praxis|clinic|klinik|klinikk|centr|cabinet|studio|gabinet|rehab|salud|helse)/i;
  for (const r of top) {
    for (const c of r.cells) {
      if (!hint.test(c.text) || /\d|@|www\./.test(c.text) || (docRe.test(c.folded) && c.text === c.text.toUpperCase() && c.text.split(" ").length <= 2)) continue;
      // a name wrapped onto the next line at the same x
      const idx = rows.indexOf(r);
      const next = rows[idx + 1];
      const cont = next?.cells.find(
        (n) => Math.abs(n.x0 - c.x0) < r.height && !/\d|@/.test(n.text) && n.text.split(" ").length <= 2 && /^\p{Lu}/u.test(n.text) && next.y0 - r.y1 < r.height * 1.2,
      );
      let name = c.text.replace(/^(?:informe cl[ií]nico de fisioterapia|therapiebericht|physiotherapy report)\s*/i, "");
      if (cont && !hint.test(cont.text) && !findDates(cont.text).length) name += " " + cont.text;
      if (name.length >= 4) return name.trim();
    }
  }
  return null;
}
