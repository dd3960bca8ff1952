import type { TextLine, Word } from "../types";

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Joins words into a line string, inserting a wide gap marker ("  ") between distant words. */
export function lineText(words: Word[]): string {
  const h = median(words.map((w) => w.y1 - w.y0)) || 1;
  let out = "";
  words.forEach((w, i) => {
    if (i > 0) {
      const gap = w.x0 - words[i - 1]!.x1;
      out += gap > h * 1.2 ? "  " : " ";
    }
    out += w.text;
  });
  return out;
}

export function makeLine(page: number, words: Word[]): TextLine {
  const ws = [...words].sort((a, b) => a.x0 - b.x0);
  return {
    page,
    words: ws,
    text: lineText(ws),
    x0: Math.min(...ws.map((w) => w.x0)),
    y0: Math.min(...ws.map((w) => w.y0)),
    x1: Math.max(...ws.map((w) => w.x1)),
    y1: Math.max(...ws.map((w) => w.y1)),
  };
}

/**
 * Groups line fragments (or single words) into visual rows: fragments whose vertical extents overlap
 * by at least half of the smaller height and that do not overlap horizontally are merged. This joins a
 * table row that the OCR engine or the PDF producer emitted as separate column blocks.
 */
export function mergeRows(page: number, fragments: Word[][]): TextLine[] {
  const frags = fragments.filter((f) => f.length > 0).map((f) => makeLine(page, f));
  frags.sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const rows: TextLine[] = [];
  for (const f of frags) {
    let best: TextLine | undefined;
    let bestOverlap = 0;
    for (const r of rows.slice(-6)) {
      const ov = Math.min(r.y1, f.y1) - Math.max(r.y0, f.y0);
      const minH = Math.min(r.y1 - r.y0, f.y1 - f.y0);
      if (minH <= 0 || ov < minH * 0.5) continue;
      // centre distance must also be small relative to height (avoids joining a tall stamp with a row)
      const cd = Math.abs((r.y0 + r.y1) / 2 - (f.y0 + f.y1) / 2);
      const sameBaseline = Math.abs(r.y1 - f.y1) < minH * 0.25;
      if (cd > minH * 0.6 && !sameBaseline) continue;
      const hOverlap = r.words.some((w) => f.words.some((v) => Math.min(w.x1, v.x1) - Math.max(w.x0, v.x0) > 0.3 * Math.min(w.x1 - w.x0, v.x1 - v.x0)));
      const exactRow = Math.abs(r.y0 - f.y0) < minH * 0.1 && Math.abs(r.y1 - f.y1) < minH * 0.1;
      if (hOverlap && !exactRow) continue;
      if (ov / minH > bestOverlap) {
        bestOverlap = ov / minH;
        best = r;
      }
    }
    if (best) {
      const merged = makeLine(page, [...best.words, ...f.words]);
      rows[rows.indexOf(best)] = merged;
    } else rows.push(f);
  }
  rows.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return rows;
}
