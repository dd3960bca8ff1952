/**
 * The printed total as the witness of the lines (ADR 0018): the older reader's amounts read otherwise where that makes them add
 * up; the general table reader's lines instead whenever theirs add up; the total chosen; lines from a page the OCR was unsure of
 * that do not add up withdrawn; and the checks shown with the document (lines vs total, which reader gave them).
 */
import type { Row } from "../layout/rows";
import { readTable } from "../layout/table";
import { totalWithoutDecimals, type TotalCandidate } from "../fields/totals";
import { repairAmounts } from "../lines/summaries";
import { tableLine } from "../lines/table-lines";
import type { NumberStyle } from "../parse";
import type { ExtractionChecks, TreatmentLine } from "../schema";
import type { PageText } from "../types";

/** Settles `lines` (changed in place) against the printed totals: their sum, the total, and which reader gave them. */
export function settleLines(
  pages: PageText[],
  rows: Row[],
  style: NumberStyle | undefined,
  totalCands: TotalCandidate[],
  lines: TreatmentLine[],
  alts: Map<number, number[]>,
): { sum: number; total: number | null; linesFrom: ExtractionChecks["linesFrom"] } {
  let sum = Math.round(lines.reduce((s, l) => s + l.amount, 0) * 100) / 100;
  // A total read in doubt (`onlyWithSum`) counts only on a page with no total read plainly, and then stands only when the
  // lines add up to it: it never corrects their amounts.
  const sure = totalCands.filter((c) => !c.onlyWithSum);
  const cands = sure.length ? sure : totalCands;
  if (sure.length && !sure.some((c) => Math.abs(c.value - sum) < 0.005)) {
    const fix = repairAmounts(
      lines.map((l) => l.amount),
      alts,
      sure.map((c) => c.value),
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
    const totals = cands.map((c) => c.value);
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
  const match = cands.find((c) => Math.abs(c.value - sum) < 0.005);
  if (match) total = match.value;
  else if (sure.length) total = sure.reduce((a, b) => (b.value > a.value ? b : a)).value;
  if (total === null && lines.length && totalWithoutDecimals(rows, sum)) total = sum;

  // Lines read from a page the OCR was unsure of (handwriting: mean word confidence under 75) that do not add up to the printed
  // total are not offered: the resident types them, rather than correcting invented ones. (Printed pages read at 78 or more.)
  const ocrConfidence = pages.filter((p) => p.source === "ocr" && p.confidence !== undefined).map((p) => p.confidence!);
  const unsure = ocrConfidence.length > 0 && ocrConfidence.reduce((a, b) => a + b, 0) / ocrConfidence.length < 75;
  if (unsure && lines.length && !(total !== null && Math.abs(sum - total) < 0.005)) {
    lines.splice(0, lines.length);
    sum = 0;
  }
  return { sum, total, linesFrom };
}

/** The checks shown with the document. */
export function extractionChecks(lines: TreatmentLine[], sum: number, total: number | null, linesFrom: ExtractionChecks["linesFrom"]): ExtractionChecks {
  return {
    linesMatchTotal: lines.length && total !== null ? Math.abs(sum - total) < 0.005 : null,
    linesSum: lines.length ? sum : null,
    linesFrom: lines.length ? linesFrom : null,
  };
}
