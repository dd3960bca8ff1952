/**
 * Column headers of invoice tables: which words name which kind of column, in every supported language (folded, see parse.fold).
 * A header row has at least two kinds of these words and no date of its own.
 */
import { LEXICONS } from "../../lexicon";
import { fold } from "../../parse";
import type { ColumnKind, TableCell, TableRow } from "./types";

/** Header words per column kind, over every language's lexicon. */
export const HEADER_WORDS: Record<Exclude<ColumnKind, "other">, string[]> = Object.fromEntries(
  (["date", "period", "description", "duration", "quantity", "unitPrice", "amount", "vat"] as const).map((k) => [k, [...new Set(LEXICONS.flatMap((l) => l.columns[k]))]]),
) as Record<Exclude<ColumnKind, "other">, string[]>;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[\\s.\\-/]*");
/** Every header word with its kind, longest first: "Stk.pris" is a unit price before "Stk" is a quantity. */
const WORD_RES: Array<[ColumnKind, RegExp]> = (Object.keys(HEADER_WORDS) as Array<Exclude<ColumnKind, "other">>)
  .flatMap((k) => HEADER_WORDS[k].map((w) => [k, w] as const))
  .sort((a, b) => b[1].length - a[1].length)
  .map(([k, w]) => [k, new RegExp(`^${esc(w)}(?![\\p{L}])`, "u")]);

/** The kind of column a header cell names (its first words), or "other". */
export function headerKind(cellText: string): ColumnKind {
  const f = fold(cellText)
    .replace(/^[^\p{L}]+/u, "")
    .trim();
  for (const [k, re] of WORD_RES) if (re.test(f)) return k;
  return "other";
}

export interface Column {
  kind: ColumnKind;
  x0: number;
  x1: number;
  /** A column of dates named by its header cell (a calendar grid: treatment × date). */
  date?: string;
}

/**
 * Columns named by a header row, left to right. "Price" left of an amount column is the unit price; a lone price column is the
 * amount. Returns null when the row is no header (fewer than two kinds, or it carries amounts).
 */
export function headerColumns(row: TableRow, hasDates: boolean): Column[] | null {
  if (hasDates) return null;
  if (row.cells.some((c) => /\d[.,]\d{2}(?!\d)/.test(c.text))) return null;
  const cols: Column[] = row.cells.map((c: TableCell) => ({ kind: headerKind(c.text), x0: c.x0, x1: c.x1 }));
  const kinds = new Set(cols.map((c) => c.kind).filter((k) => k !== "other"));
  if (kinds.size < 2) return null;
  // the only money column is the amount, whatever its word ("Pris", "Price")
  const money = cols.filter((c) => c.kind === "unitPrice" || c.kind === "amount");
  if (money.length === 1) money[0]!.kind = "amount";
  // two amount-kind columns ("Preis" "Gesamt" read both as amount words): the left one is the unit price
  const amounts = cols.filter((c) => c.kind === "amount");
  if (amounts.length >= 2) for (const c of amounts.slice(0, -1)) c.kind = "unitPrice";
  if (!cols.some((c) => c.kind === "amount")) return null;
  return cols;
}

/**
 * The column a span of a body row belongs to: the header cell it overlaps most; otherwise (numbers are right-aligned under a
 * wider or narrower header) the nearest header cell by right edge for a number, by left edge for text.
 */
export function columnOf(cols: Column[], x0: number, x1: number, numeric: boolean): Column | null {
  let best: Column | null = null;
  let bestOv = 0;
  for (const c of cols) {
    const ov = Math.min(c.x1, x1) - Math.max(c.x0, x0);
    if (ov > bestOv) {
      bestOv = ov;
      best = c;
    }
  }
  if (best) return best;
  let nearest: Column | null = null;
  let dist = Infinity;
  for (const c of cols) {
    const d = numeric ? Math.abs(c.x1 - x1) : Math.abs(c.x0 - x0);
    if (d < dist) {
      dist = d;
      nearest = c;
    }
  }
  return nearest;
}
