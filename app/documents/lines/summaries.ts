/**
 * The older reader's draft lines made final: a summary row ("8 × 66,00" with its dates) becomes one line per session; and the
 * amounts OCR may have misread, tried only when the lines do not add up to a printed total.
 */
import type { TreatmentLine } from "../schema";
import type { DraftLine } from "./older";

/** Summary rows become one line per listed session; also the other readings of single lines' amounts (by index into the lines). */
export function expandSummaries(drafts: DraftLine[]): { lines: TreatmentLine[]; alts: Map<number, number[]> } {
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
