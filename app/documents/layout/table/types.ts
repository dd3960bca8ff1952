import type { Word } from "../../types";

/** A cell: words of one row that sit close together (split at gaps wider than ~1.3 word heights). */
export interface TableCell {
  text: string;
  x0: number;
  x1: number;
  words: Word[];
}

/** A visual row of a page, its cells left to right. The extractor's Row has this shape. */
export interface TableRow {
  page: number;
  y0: number;
  y1: number;
  height: number;
  cells: TableCell[];
}

export type ColumnKind = "date" | "period" | "description" | "duration" | "quantity" | "unitPrice" | "amount" | "vat" | "other";

/** One priced item of a table, before its treatment form is decided. */
export interface TableItem {
  /** Index of the row the item's amount was read from. */
  rowIndex: number;
  date: string | null;
  description: string;
  durationMinutes: number | null;
  amount: number;
  /** Present only for a summary row whose individual dates are not printed: N sessions in one line. */
  count?: number;
}

export interface TableReading {
  items: TableItem[];
  /** Sum of the items' amounts (2 decimals). */
  sum: number;
  /** Whether the sum equals one of the printed totals given to the reader. */
  matchesTotal: boolean;
  /** Row indexes the reader used as items, headings, lists or totals. */
  usedRows: Set<number>;
}
