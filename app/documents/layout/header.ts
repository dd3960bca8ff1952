/**
 * A table's header row: the first row without a date that names two kinds of column (date, description, amount), and where its
 * quantity, duration and amount columns are.
 */
import { allLabels, allWords, exactWordRe } from "../lexicon";
import { findDates, fold } from "../parse";
import type { Row } from "./rows";

export interface HeaderInfo {
  rowIndex: number;
  qty?: { x0: number; x1: number };
  dur?: { x0: number; x1: number };
  amountX?: number;
}

/** The words of a header row's date, description and amount columns, over every language (./lexicon: table.headerRow). */
const DATE_HDR = allWords((l) => l.table.headerRow.date);
const DESC_HDR = allWords((l) => l.table.headerRow.description);
const AMOUNT_HDR = allWords((l) => l.table.headerRow.amount);

export function findHeader(rows: Row[]): HeaderInfo | null {
  const qtyLabels = allLabels("quantity");
  const durLabels = allLabels("duration");
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (findDates(r.text).length) continue;
    let kinds = 0;
    if (r.cells.some((c) => exactWordRe(DATE_HDR).test(c.folded))) kinds++;
    if (r.cells.some((c) => exactWordRe(DESC_HDR).test(c.folded))) kinds++;
    if (r.cells.some((c) => exactWordRe(AMOUNT_HDR).test(c.folded))) kinds++;
    if (kinds < 2) continue;
    const info: HeaderInfo = { rowIndex: i };
    for (const w of r.words) {
      const f = fold(w.text).replace(/[.:]$/, "");
      if (!info.qty && qtyLabels.includes(f) && f !== "n") info.qty = { x0: w.x0, x1: w.x1 };
      if (!info.dur && durLabels.includes(f) && f !== "tid") info.dur = { x0: w.x0, x1: w.x1 };
    }
    const amountCell = [...r.cells].reverse().find((c) => exactWordRe(AMOUNT_HDR).test(c.folded));
    if (amountCell) info.amountX = amountCell.x1;
    return info;
  }
  return null;
}
