/**
 * Tesseract's result as words and lines: the word boxes of one or more recognised parts of a page, cut down, shifted, and
 * made into the positioned text lines of a page (`PageText`).
 */
import type { PageText, Word } from "../types";
import { mergeRows } from "./lines";
import type { Turns } from "./page-image";

export interface TBbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface TLine {
  words: TWord[];
}
export interface TPara {
  lines: TLine[];
}
export interface TBlock {
  paragraphs: TPara[];
}

/** How an OCR'd page was read (diagnostics, tests). */
export interface OcrRead {
  langs: string;
  /**
   * "single": no model switch — the detection read of the top named a loaded language (or none) and the page was read once with
   * the loaded languages; "switched": the top named another language, the worker switched and read the page; "reread": the whole
   * page had been read with the loaded languages before its language was known, and was read again after the switch;
   * "hinted": read once with the hinted language (+ English), and its words named that language (or none).
   */
  path: "single" | "switched" | "reread" | "hinted";
  /** Quarter turns clockwise the page was rotated by before it was read (0 = as given). */
  turns: Turns;
  /** Lexicon language detected from the first pass (null: unknown, or languages were fixed). */
  detected: string | null;
  /** Parts the page was recognised in: 2 when its halves were read on two workers at once. */
  parts?: number;
  /** The detection read ran on a second worker while the page was read (a page read whole with a worker idle). */
  aside?: boolean;
  /** A photo read turned by this residual angle (radians; `photoAngle`), word boxes in the turned page's coordinates. */
  angle?: number;
}

/** How a page's image is read: a scan in single-block mode, or a photo in single-column mode turned by its residual angle. */
export interface ReadMode {
  photo: boolean;
  angle: number;
}

export interface TWord {
  text: string;
  confidence: number;
  bbox: TBbox;
}

export type Parts = Array<[{ blocks: TBlock[] | null }, number]>;

export function partsWords(parts: Parts): TWord[] {
  return parts.flatMap(([d]) => wordsOf(d));
}

/**
 * The lines of `read` cut down to the words that lie on the given runs of text and overlap none of `taken`'s words: a block to
 * add to another read of the same image.
 */
export function wordsOn(read: { blocks: TBlock[] | null }, runs: TBbox[], taken: TWord[]): { block: TBlock; words: number } {
  const lines: TLine[] = [];
  let words = 0;
  for (const b of read.blocks ?? [])
    for (const p of b.paragraphs)
      for (const l of p.lines) {
        const ws = l.words.filter((w) => w.text.trim() && runs.some((r) => overlaps(w.bbox, r)) && !taken.some((t) => overlaps(w.bbox, t.bbox)));
        if (ws.length) {
          lines.push({ ...l, words: ws });
          words += ws.length;
        }
      }
  return { block: { paragraphs: [{ lines }] } as TBlock, words };
}

/** Two boxes share some area. */
export const overlaps = (a: TBbox, b: TBbox) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;

/** Words read on a cut-out part of an image, in the image's coordinates. */
export const shifted = (words: TWord[], at: { x: number; y: number }): TWord[] =>
  words.map((w) => ({ ...w, bbox: { x0: w.bbox.x0 + at.x, x1: w.bbox.x1 + at.x, y0: w.bbox.y0 + at.y, y1: w.bbox.y1 + at.y } }));

export function wordsOf(data: { blocks: TBlock[] | null }): TWord[] {
  const out: TWord[] = [];
  for (const b of data.blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) out.push(...l.words);
  return out;
}

/** Positioned lines from one or more recognised parts of a page (each with its y offset). */
export function toPageText(parts: Parts, page: number, width: number, height: number, read: OcrRead, mode: ReadMode): PageText {
  const fragments: Word[][] = [];
  const confs: number[] = [];
  for (const [data, dy] of parts)
    for (const b of data.blocks ?? [])
      for (const p of b.paragraphs)
        for (const l of p.lines) {
          const ws: Word[] = [];
          for (const w of l.words) {
            const text = w.text.trim();
            if (!text) continue;
            ws.push({ text, x0: w.bbox.x0, y0: w.bbox.y0 + dy, x1: w.bbox.x1, y1: w.bbox.y1 + dy, conf: w.confidence });
            confs.push(w.confidence);
          }
          if (ws.length) fragments.push(ws);
        }
  const lines = mergeRows(page, fragments);
  const confidence = confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : 0;
  const ocr = { ...read, parts: parts.length, ...(mode.angle ? { angle: mode.angle } : {}) };
  return { page, width, height, lines, source: "ocr", confidence, ocrLangs: read.langs, ocr };
}
