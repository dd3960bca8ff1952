/**
 * Text lines → rows: each line's words cleaned of OCR noise (edge specks, glued amounts and labels, split decimals), lines of
 * one table row set at different heights joined again, a date wrapped in a narrow column put back together, and each row cut
 * into cells at wide gaps. What every later stage reads.
 */
import { allLabels } from "../lexicon";
import { findDates, fold } from "../parse";
import type { PageText, TextLine, Word } from "../types";
import { CURRENCY_WORD } from "./tokens";

export interface Cell {
  text: string;
  folded: string;
  x0: number;
  x1: number;
  words: Word[];
}
export interface Row {
  page: number;
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  text: string;
  folded: string;
  cells: Cell[];
  words: Word[];
  height: number;
}

const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

let totalWords: Set<string> | undefined;
const TOTAL_WORDS = () => (totalWords ??= new Set(allLabels("total").filter((l) => !l.includes(" "))));

/** OCR noise at the page edge (phone background, scanner shadow): tokens of 1–2 symbols with no letters/digits, or with low confidence. */
function isNoiseWord(w: Word, lineHeight: number): boolean {
  const t = w.text;
  if (/^[|\\/\][{}()_=—–\-~.,:;'"`‘’“”«»°*^+<>!?…]+$/.test(t)) return true;
  if (w.conf !== undefined && w.conf < 35 && t.length <= 2) return true;
  // stamps, handwriting (an amount whose box merged with a table rule is kept)
  // (a confidently read word whose box was stretched by a table-rule remnant is kept)
  // (and so is a total row's label: a stamp is not the word "Total", and a dropped label leaves the printed total unread)
  // (a short word read with high confidence, a column header's "min" or "Ant.", is kept too)
  const confident = (t.length >= 4 && (w.conf ?? 100) >= 60) || (t.length >= 3 && /^\p{L}+\.?$/u.test(t) && (w.conf ?? 100) >= 85);
  if (w.y1 - w.y0 > lineHeight * 2.5 && !/\d[.,]\d{2}/.test(t) && !confident && !TOTAL_WORDS().has(fold(t))) return true;
  return false;
}

function cleanToken(t: string): string {
  // (a minute mark after a session's minutes, "45'", stays: it says what the number is)
  let s = t.replace(/^[|[\]{}‘’'"`]+/, "").replace(/^(\d{1,3}['’′])[|[\]{}‘’'"`]*$|[|[\]{}‘’'"`]+$/, (m, minutes: string | undefined) => minutes ?? "");
  // dot leaders glued to a value (".......540,00kr." / "100,00.DKK" / "350,00.")
  s = s.replace(/^[.·…,:;\-+~_]{2,}(?=[\d€£])/, "").replace(/^[.·…]{3,}.*?(?=\d{1,3}(?:[.,\s]\d{3})*[.,]\d{2})/, "");
  s = s.replace(/(\d[.,]\d{2})\.(?=(?:[A-Za-zł€£]|$))/, "$1").replace(/(\d[.,]\d{2})(?=[A-Za-zł€£])/, "$1 ");
  s = s.replace(/\bK+kr\b/g, "kr").replace(/\.{3,}$/, "");
  // a minute mark glued to the amount after it ("45'140,00"): not a Swiss thousands group, which has a decimal point
  s = s.replace(/^(\d{1,3}['’])(?=\d{1,3},\d{2}$)/, "$1 ");
  // "Ø" read as "@" / "©" at the start of a word ("@velsesbehandling"), "ø" / "Ø" inside a name ("HOLM@Y,", "R@NNING": a word
  // of letters, not an e-mail address, which has a dot after its "@")
  s = s.replace(/^[@©](?=\p{Ll}{3,})/u, "Ø");
  if (/^\p{L}*[@©]\p{L}*[,;:]?$/u.test(s) && /\p{L}{2}/u.test(s)) {
    s = s.replace(/[@©]/gu, (_m, k: number) => (/\p{Lu}/u.test(s[k + 1] ?? s[k - 1] ?? "") && !/\p{Ll}/u.test(s[k + 1] ?? "") ? "Ø" : "ø"));
  }
  return s;
}

/** A cleaned token that came apart ("45' 140,00") becomes two words, each with its share of the box. */
function splitWord(w: Word): Word[] {
  const parts = w.text.split(" ").filter(Boolean);
  if (parts.length < 2) return [w];
  const per = (w.x1 - w.x0) / w.text.length;
  let x = w.x0;
  return parts.map((text) => {
    const part = { ...w, text, x0: x, x1: x + text.length * per };
    x = part.x1 + per;
    return part;
  });
}

export function toRows(pages: PageText[]): Row[] {
  const rows: Row[] = [];
  for (const p of pages) {
    const hs = p.lines.flatMap((l) => l.words.map((w) => w.y1 - w.y0));
    const typical = median(hs) || 10;
    for (const l of joinWrappedDates(joinStaggeredLines(p.lines))) rows.push(makeRow(l, typical));
  }
  return rows.filter((r) => r.words.length > 0);
}

/**
 * One table row whose cells are set at different heights (each cell centred on its own wrapped text: the description on two
 * lines, the date and the amount between them) comes out as lines that overlap each other vertically by a fifth of their height
 * or more without being one line. Such lines are one row again: their words in column order (a column is the words whose
 * x-ranges overlap across the lines), each column read top to bottom, so the date, description and amounts stay together.
 */
function joinStaggeredLines(lines: TextLine[]): TextLine[] {
  const hOf = (l: TextLine) => median(l.words.map((w) => w.y1 - w.y0)) || l.y1 - l.y0;
  const staggered = (a: TextLine, b: TextLine) => {
    const ha = hOf(a),
      hb = hOf(b),
      h = Math.min(ha, hb);
    if (Math.max(ha, hb) > h * 1.5) return false;
    // word against word (not the lines' boxes, which a slant makes taller): of a common height, side by side (not stacked),
    // overlapping in height by 20–80 %
    const plain = (w: Word) => w.y1 - w.y0 < h * 1.4;
    return a.words.some(
      (w) =>
        plain(w) &&
        b.words.some((v) => {
          if (!plain(v)) return false;
          const ov = Math.min(w.y1, v.y1) - Math.max(w.y0, v.y0);
          const gap = Math.max(w.x0, v.x0) - Math.min(w.x1, v.x1);
          return ov > h * 0.2 && ov < h * 0.8 && gap >= 0 && gap < h * 6;
        }),
    );
  };
  // a chain of more than five such lines is two blocks of text side by side with different line spacing, not a row …
  const out: TextLine[] = [];
  let group: TextLine[] = [];
  // … and a row of items carries a date and an amount (a header's stacked fields do not)
  const itemLike = (g: TextLine[]) => {
    const t = g.map((l) => l.text).join("  ");
    return findDates(t).length > 0 && /(?<![\d.,])\d{1,3}(?:[.\s\u00a0]\d{3})*[.,]\d{2}(?![\d.,])/.test(t);
  };
  const flush = () => {
    if (group.length >= 2 && group.length <= 5 && itemLike(group)) out.push(mergeStaggered(group, Math.min(...group.map(hOf))));
    else out.push(...group);
    group = [];
  };
  for (const l of lines) {
    const last = group[group.length - 1];
    if (last && last.page === l.page && staggered(last, l)) group.push(l);
    else {
      flush();
      group = [l];
    }
  }
  flush();
  return out;
}

function mergeStaggered(group: TextLine[], h: number): TextLine {
  // phrases: runs of words on one line closer than a column gap
  const phrases: Array<{ line: number; words: Word[]; x0: number; x1: number }> = [];
  group.forEach((l, li) => {
    for (const w of [...l.words].sort((a, b) => a.x0 - b.x0)) {
      const p = phrases[phrases.length - 1];
      if (p && p.line === li && w.x0 - p.x1 <= h * 1.3) {
        p.words.push(w);
        p.x1 = Math.max(p.x1, w.x1);
      } else phrases.push({ line: li, words: [w], x0: w.x0, x1: w.x1 });
    }
  });
  // columns: phrases whose x-ranges overlap, transitively
  const cols: Array<{ x0: number; x1: number; items: typeof phrases }> = [];
  for (const p of [...phrases].sort((a, b) => a.x0 - b.x0)) {
    const c = cols[cols.length - 1];
    if (c && p.x0 < c.x1) {
      c.items.push(p);
      c.x1 = Math.max(c.x1, p.x1);
    } else cols.push({ x0: p.x0, x1: p.x1, items: [p] });
  }
  const words = cols.flatMap((c) => [...c.items].sort((a, b) => a.line - b.line || a.x0 - b.x0).flatMap((p) => p.words));
  return {
    page: group[0]!.page,
    words,
    text: words.map((w) => w.text).join(" "),
    x0: Math.min(...words.map((w) => w.x0)),
    y0: Math.min(...group.map((l) => l.y0)),
    x1: Math.max(...words.map((w) => w.x1)),
    y1: Math.max(...group.map((l) => l.y1)),
  };
}

const DATE_HEAD = /^(?:\d{4}-\d{1,2}-|\d{1,2}[./-]\d{1,2}[./-])$/;
const RANGE_HEAD = /^(?:\d{1,2}[./]\d{1,2}[./]?(?:\d{4})?|\d{4}-\d{2}-\d{2})\s?[-–—]$/;

/** A date wrapped in a narrow column ("2024-08-" / "04" on the line under it) is put back together on its first line. */
function joinWrappedDates(lines: TextLine[]): TextLine[] {
  const out = lines.map((l) => ({ ...l, words: [...l.words] }));
  for (let i = 0; i + 1 < out.length; i++) {
    const line = out[i]!;
    for (let k = 0; k < line.words.length; k++) {
      const w = line.words[k]!;
      if (RANGE_HEAD.test(w.text)) {
        // a period's start wrapped above its end in a date cell ("29.04.–" over "26.05.2025"): the start goes down to the
        // end, on the row that carries the item
        const next = out[i + 1]!,
          h = w.y1 - w.y0;
        const j = next.words.findIndex((n) => Math.abs(n.x0 - w.x0) < h && findDates(n.text).length === 1);
        // (the line holds nothing else but the currency of its amounts' columns: "04.07.2025-   EUR   EUR")
        if (j >= 0 && next.y0 - line.y1 < h * 1.5 && line.words.filter((o) => /[\p{L}\d]/u.test(o.text) && !CURRENCY_WORD.test(o.text)).length === 1) {
          const tail = next.words[j]!;
          next.words[j] = { ...tail, text: w.text + tail.text, x0: Math.min(w.x0, tail.x0) };
          line.words.splice(k, 1);
          k--;
        }
        continue;
      }
      if (!DATE_HEAD.test(w.text)) continue;
      const h = w.y1 - w.y0;
      const next = out[i + 1]!;
      if (next.y0 - line.y1 > h * 1.5) continue;
      // the rest of the date starts under the broken word (a narrow column) or where its run of words starts (wrapped text)
      let runStart = k;
      while (runStart > 0 && line.words[runStart]!.x0 - line.words[runStart - 1]!.x1 < h * 1.3) runStart--;
      const starts = [w.x0, line.words[runStart]!.x0];
      const j = next.words.findIndex((n) => /^\d{2,4}$/.test(n.text) && starts.some((x) => Math.abs(n.x0 - x) < h));
      if (j < 0) continue;
      const tail = next.words[j]!;
      line.words[k] = { ...w, text: w.text + tail.text, x1: Math.max(w.x1, tail.x1) };
      next.words.splice(j, 1);
    }
  }
  return out.filter((l) => l.words.length > 0);
}

/** An amount OCR glued to the word before it ("Befunderhebung28,50"): a space between them, so `splitWord` makes two words. */
const GLUED_AMOUNT = /(?<=^|\s)(\p{L}{3,})(\d{1,3}(?:[.\u00a0]\d{3})*[.,]\d{2})(?=\s|$)/gu;

/** "551," and "00" read as two words (a space after the decimal comma): one amount, when nothing follows but a currency. */
function joinSplitDecimals(ws: Word[]): Word[] {
  const out: Word[] = [];
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k]!,
      n = ws[k + 1],
      after = ws[k + 2];
    const h = w.y1 - w.y0;
    if (n && /^\d{1,3}(?:[.\u00a0]\d{3})*,$/.test(w.text) && /^\d{2}$/.test(n.text) && n.x0 - w.x1 < h && (!after || CURRENCY_WORD.test(after.text))) {
      out.push({ ...w, text: w.text + n.text, x1: n.x1 });
      k++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** A label glued to the thousands group of the amount after it ("Att betala1 400,00 SEK"): the label and the digits apart. */
function unglueLabel(t: string, next: Word | undefined): string {
  if (!next || !/^\d{3}[.,]\d{2}(?!\d)/.test(next.text)) return t;
  const m = /^(\p{L}{4,}:?)(\d{1,3})$/u.exec(t);
  return m ? `${m[1]} ${m[2]}` : t;
}

function makeRow(l: TextLine, typicalHeight: number): Row {
  const kept = l.words.filter((w) => !isNoiseWord(w, typicalHeight));
  const words = joinSplitDecimals(
    kept
      .map((w, k) => ({ ...w, text: unglueLabel(cleanToken(w.text), kept[k + 1]) }))
      .flatMap((w) => splitWord({ ...w, text: w.text.replace(GLUED_AMOUNT, "$1 $2") }))
      .filter((w) => w.text.length > 0),
  );
  const h = median(words.map((w) => w.y1 - w.y0)) || typicalHeight;
  const cells: Cell[] = [];
  let cur: Word[] = [];
  const flush = () => {
    if (!cur.length) return;
    const text = cur.map((w) => w.text).join(" ");
    cells.push({ text, folded: fold(text), x0: cur[0]!.x0, x1: cur[cur.length - 1]!.x1, words: cur });
    cur = [];
  };
  for (const w of words) {
    const prev = cur[cur.length - 1];
    // (a word left of the one before it starts a text stacked in the same column: a row joined from staggered lines)
    if (prev && (w.x0 - prev.x1 > h * 1.3 || w.x0 < prev.x0)) flush();
    cur.push(w);
  }
  flush();
  const text = cells.map((c) => c.text).join("  ");
  return {
    page: l.page,
    y0: l.y0,
    y1: l.y1,
    x0: words[0]?.x0 ?? l.x0,
    x1: words[words.length - 1]?.x1 ?? l.x1,
    text,
    folded: fold(text),
    cells,
    words,
    height: h,
  };
}
