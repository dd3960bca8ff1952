/** General table reading from positioned rows (ADR 0018). */
export { readTable, datesIn, type ReadOptions } from "./reader";
export { headerColumns, headerKind, columnOf, HEADER_WORDS, type Column } from "./columns";
export { moneyTokens, type MoneyToken } from "./money";
export type { TableCell, TableItem, TableReading, TableRow, ColumnKind } from "./types";
