/**
 * The page image as the OCR stage sees it (a binary PGM): its rows, crops and halves, the blank gaps where a page is cut for
 * two workers or for the language-detection read, quarter turns, and which of its text bands a read's words cover.
 * Pure functions of the image, used by the OCR pool (./ocr.ts).
 */
import type { TBbox, TWord } from "./ocr-words";

export interface OcrImage {
  /** Encoded image (PNG/JPEG) or raw pixels as understood by tesseract.js. */
  data: Buffer;
  width: number;
  height: number;
  /**
   * A photo (or an image of unknown origin: the default): read in tesseract's single-column mode (`PHOTO_PARAMS`), which finds
   * the page's blocks and the skew of each itself. False for a page our preparation cleaned and deskewed as a scan.
   */
  photo?: boolean;
  /** Skew that preprocessing removed (radians), for diagnostics. */
  skewRadians?: number;
}

/** Quarter turns clockwise. */
export type Turns = 0 | 1 | 2 | 3;

function pgmHeader(data: Buffer): { w: number; h: number; off: number } | null {
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString("latin1"));
  return m ? { w: Number(m[1]), h: Number(m[2]), off: m[0].length } : null;
}

/** Rows [y0, y1) of a binary PGM (P5) page as a new PGM; other formats are returned whole. */
export function pgmRows(img: OcrImage, y0: number, y1: number): Buffer {
  const p = pgmHeader(img.data);
  if (!p) return img.data;
  const a = Math.max(0, Math.min(p.h, y0)),
    b = Math.max(a + 1, Math.min(p.h, y1));
  const header = Buffer.from(`P5\n${p.w} ${b - a}\n255\n`, "ascii");
  return Buffer.concat([header, img.data.subarray(p.off + p.w * a, p.off + p.w * b)]);
}

/** A rectangle of a binary PGM (clipped to the image) as a new PGM with its offset; null when not a PGM or empty. */
export function pgmCrop(image: Buffer, x0: number, y0: number, x1: number, y1: number): { data: Buffer; x: number; y: number } | null {
  const p = pgmHeader(image);
  if (!p) return null;
  const a = Math.max(0, Math.floor(x0)),
    b = Math.min(p.w, Math.ceil(x1)),
    c = Math.max(0, Math.floor(y0)),
    d = Math.min(p.h, Math.ceil(y1));
  if (b <= a || d <= c) return null;
  const w = b - a,
    out = Buffer.alloc(w * (d - c));
  for (let y = c; y < d; y++) image.copy(out, (y - c) * w, p.off + y * p.w + a, p.off + y * p.w + b);
  return { data: Buffer.concat([Buffer.from(`P5\n${w} ${d - c}\n255\n`, "ascii"), out]), x: a, y: c };
}

/** The top `frac` of a binary PGM (P5) page as a new PGM; other formats are returned whole. */
export function topPart(img: OcrImage, frac: number): Buffer {
  const p = pgmHeader(img.data);
  return p ? pgmRows(img, 0, Math.max(1, Math.round(p.h * frac))) : img.data;
}

/**
 * The text-row test of a binary PGM page that both kinds of cut use: a row has ink when at least 0.2 % of it (every other pixel
 * looked at) is dark; a gap between text blocks is at least MIN_GAP blank rows. Null when the page is not a PGM.
 */
function textRows(img: OcrImage): { w: number; h: number; off: number; ink: (y: number) => boolean; minInk: number; MIN_GAP: number } | null {
  const p = pgmHeader(img.data);
  if (!p) return null;
  const { w, h, off } = p;
  const d = img.data;
  const minInk = Math.max(2, Math.round(w * 0.002));
  const ink = (y: number) => {
    let n = 0;
    const r = off + y * w;
    for (let x = 0; x < w; x += 2) if (d[r + x]! < 128) n++;
    return n * 2 >= minInk;
  };
  return { w, h, off, ink, minInk, MIN_GAP: Math.max(6, Math.round(h / 400)) };
}

/**
 * Where to end the first (language-detecting) pass: the middle of the first blank gap after `minLines` text lines, between 15 %
 * and 60 % of the page height (a cut never goes through a text line). Null when the page is not a PGM or has no such gap.
 */
export function splitRow(img: OcrImage, minLines = 12): number | null {
  const rows = textRows(img);
  if (!rows) return null;
  const { h, ink, MIN_GAP } = rows;
  const lo = Math.round(h * 0.15),
    hi = Math.round(h * 0.6);
  let lines = 0,
    run = 0,
    gap = 0,
    lastCut: number | null = null;
  for (let y = 0; y < hi; y++) {
    if (ink(y)) {
      if (gap >= MIN_GAP && lines >= 1 && y - gap / 2 >= lo) {
        lastCut = y - Math.ceil(gap / 2);
        if (lines >= minLines) return lastCut;
      }
      run++;
      gap = 0;
    } else {
      if (run >= 4) lines++;
      run = 0;
      gap++;
    }
  }
  return lines >= 3 ? lastCut : null;
}

interface Gap {
  mid: number;
  len: number;
  frac: number;
}

/**
 * The blank gaps (at least MIN_GAP rows) between text rows of a page, each with the share of the page's recognition work above
 * it. Null when the page is not a PGM or has fewer than `minLines` text lines.
 *
 * The work of a band of text rows (between two gaps) is taken as the number of columns with ink in it: tesseract scales each
 * text line to a fixed height, so a line costs what its length costs, whatever its height or its ink. Measured on six scans,
 * each cut into two parts read on their own at six places: this share was within 0.05 of the parts' time share at most cuts
 * (0.12 at worst: a round seal reads slowly), the share of text rows up to 0.20 off (a letterhead and a paragraph are few
 * rows and much work; a signature and a stamp are many rows and little).
 */
interface InkBand {
  start: number;
  end: number;
  cols: number;
  runs: number;
  height: number;
}

/**
 * The page's text bands (inked rows between blank gaps of at least MIN_GAP rows), each with its columns (every other one) that
 * have ink and its vertical ink runs (a column crossing three strokes has three), the rows with ink, and the number of text lines
 * (runs of four inked rows or more). Null when the image is not a PGM.
 */
function inkBands(img: OcrImage): { bands: InkBand[]; ink: Uint8Array; lines: number; rows: NonNullable<ReturnType<typeof textRows>> } | null {
  const rows = textRows(img);
  if (!rows) return null;
  const { w, h, off, minInk, MIN_GAP } = rows;
  const d = img.data;
  // thin lines running down the page (a frame, a margin rule drawn at a slant in a photo) are not text: dark pixels in vertical
  // runs longer than any letter (1/40 of the page, ≥ 60 rows) do not count, or every row would have ink and the text lines
  // between them one band (a framed certificate photo was cut under all its text: halves 760 / 109 ms)
  const LONG = Math.max(60, Math.round(h / 40));
  // only the columns looked at (every other one)
  const cols = (w + 1) >> 1;
  const line = new Uint8Array(cols * h);
  for (let x = 0; x < w; x += 2) {
    for (let y = 0; y < h;) {
      if (d[off + y * w + x]! >= 128) {
        y++;
        continue;
      }
      let e = y;
      while (e < h && d[off + e * w + x]! < 128) e++;
      if (e - y >= LONG) for (let k = y; k < e; k++) line[k * cols + (x >> 1)] = 1;
      y = e;
    }
  }
  const dark = (y: number, x: number) => d[off + y * w + x]! < 128 && !line[y * cols + (x >> 1)];
  const ink = new Uint8Array(h);
  let lines = 0,
    run = 0;
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 0; x < w; x += 2) if (dark(y, x)) n++;
    if (n * 2 >= minInk) {
      ink[y] = 1;
      run++;
    } else {
      if (run >= 4) lines++;
      run = 0;
    }
  }
  if (run >= 4) lines++;
  const seen = new Int32Array(w).fill(-1);
  const bands: InkBand[] = [];
  let band = 0,
    blank = MIN_GAP,
    n = 0,
    runs = 0,
    start = -1,
    lastInk = -1;
  const close = () => {
    bands.push({ start, end: lastInk, cols: n, runs, height: lastInk - start + 1 });
    n = 0;
    runs = 0;
    band++;
  };
  for (let y = 0; y < h; y++) {
    if (!ink[y]) {
      if (++blank === MIN_GAP && lastInk >= 0) close();
      continue;
    }
    if (blank >= MIN_GAP) start = y;
    blank = 0;
    lastInk = y;
    for (let x = 0; x < w; x += 2) {
      if (!dark(y, x)) continue;
      if (seen[x] !== band) {
        seen[x] = band;
        n++;
      }
      if (y === start || !dark(y - 1, x)) runs++;
    }
  }
  if (n) close();
  return { bands, ink, lines, rows };
}

function pageGaps(img: OcrImage, minLines: number): Gap[] | null {
  const ib = inkBands(img);
  if (!ib || ib.lines < minLines) return null;
  const { bands, ink } = ib;
  const { h, MIN_GAP } = ib.rows;
  // a band more than twice as tall as a text line whose columns cross many strokes is more work than one line as wide (a text
  // line's columns cross 1.6-1.9 strokes): a round seal (3.2; measured on a certificate scan, 0.73 ms a column against
  // 0.21-0.24 in its text lines: its cut moved from above the paragraphs, halves 0.40 / 0.97 s, to between them), or the rows of
  // a photographed table that no blank pixel row separates (12 strokes a column: 17 rows read as one band). Scans only: on
  // photos the cuts this moved lost a table row (the first under a header that became a part's top line)
  const lineHeight = bands.map((b) => b.height).sort((a, b) => a - b)[bands.length >> 1] ?? 0;
  const work = new Float64Array(h);
  let total = 0;
  for (const b of bands) {
    const perCol = b.cols ? b.runs / b.cols : 0;
    const weight = img.photo === false && b.height > 2 * lineHeight ? Math.max(1, 1 + 1.4 * (perCol - 1.7)) : 1;
    work[b.end] = b.cols * weight;
    total += b.cols * weight;
  }
  const gaps: Gap[] = [];
  let above = 0,
    any = false;
  for (let y = 0; y < h;) {
    if (ink[y]) {
      above += work[y]!;
      any = true;
      y++;
      continue;
    }
    let e = y;
    while (e < h && !ink[e]) e++;
    if (e < h && any && e - y >= MIN_GAP) gaps.push({ mid: y + ((e - y) >> 1), len: e - y, frac: total ? above / total : 0 });
    y = e;
  }
  return gaps;
}

/**
 * The gap nearest `q` (share of the work above) within ±`tol`, among those at least 60 % as wide as the widest there: a break
 * between blocks rather than the space between a label and its value or between two rows of a table.
 */
function gapNear(gaps: Gap[], q: number, tol: number): Gap | undefined {
  const near = gaps.filter((g) => Math.abs(g.frac - q) <= tol);
  if (!near.length) return undefined;
  const widest = Math.max(...near.map((g) => g.len));
  return near.filter((g) => g.len >= 0.6 * widest).sort((a, b) => Math.abs(a.frac - q) - Math.abs(b.frac - q))[0];
}

/**
 * Where to cut a page into two halves that two workers read at once: the middle of a wide blank gap with 30–70 % of the page's
 * recognition work above it (`pageGaps`), nearest half of it. Null when the page is not a PGM, has fewer than 16 text lines,
 * or has no such gap. Measured against the share of text rows used before: the slower part took 0.1–0.45 s less on five of
 * six scans (0.04 s more on one with a seal), and one table row each was lost on a dev fixture and a held-out receipt (both
 * flagged by the total check). Where a page is cut changes what tesseract reads near the cut: dotted table rules and short
 * cell borders are removed in preparation because rows beside them read differently depending on what else is on the image.
 */
export function balancedSplitRow(img: OcrImage, minLines = 16): number | null {
  const gaps = pageGaps(img, minLines);
  // no wide gap near the middle (most of the work in one block): an uneven cut still takes that much off the page's time
  return (gaps && (gapNear(gaps, 0.5, 0.2) ?? gapNear(gaps, 0.5, 0.42))?.mid) ?? null;
}

/** Text lines the language-detection read covers. */
const DETECT_LINES = 10;

/**
 * The image of the language-detection read: the top of the page down to a blank gap after about ten text lines (`splitRow`),
 * at half resolution (block average; tesseract is told 150 DPI). Measured: half the cost of the full-resolution top, and the
 * same language and orientation judgement on the fixtures. Null when the page has no such gap (it is then read whole at once).
 */
export function detectionImage(img: OcrImage): { data: Buffer; width: number; height: number; params: Record<string, string> } | null {
  const cut = pgmHeader(img.data) ? splitRow(img, DETECT_LINES) : null;
  const small = cut ? halfResolution(img, cut) : null;
  return small && { ...small, params: { user_defined_dpi: "150" } };
}

/** The top `rows` rows of a PGM page at half resolution (2×2 block average); null when the page is not a PGM. */
export function halfResolution(img: OcrImage, rows: number): { data: Buffer; width: number; height: number } | null {
  const p = pgmHeader(img.data);
  if (!p) return null;
  const w = p.w,
    W = w >> 1,
    H = Math.min(rows, p.h) >> 1;
  if (!W || !H) return null;
  const header = Buffer.from(`P5\n${W} ${H}\n255\n`, "ascii");
  const out = Buffer.allocUnsafe(header.length + W * H);
  header.copy(out);
  const d = img.data;
  for (let y = 0; y < H; y++) {
    const r = p.off + 2 * y * w,
      o = header.length + y * W;
    for (let x = 0; x < W; x++) {
      const i = r + 2 * x;
      out[o + x] = (d[i]! + d[i + 1]! + d[i + w]! + d[i + w + 1]! + 2) >> 2;
    }
  }
  return { data: out, width: W, height: H };
}

/** The page turned by `turns` quarter turns clockwise (a binary PGM; other formats are returned unchanged). */
export function rotatePgm(img: OcrImage, turns: Turns): OcrImage {
  const p = pgmHeader(img.data);
  if (!p || !turns) return img;
  const { w, h, off } = p;
  const src = img.data.subarray(off, off + w * h);
  const W = turns === 2 ? w : h,
    H = turns === 2 ? h : w;
  const out = new Uint8Array(W * H);
  if (turns === 2) for (let i = 0, n = w * h; i < n; i++) out[n - 1 - i] = src[i]!;
  else if (turns === 1) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * W + (h - 1 - y)] = src[y * w + x]!;
  else for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[(w - 1 - x) * W + y] = src[y * w + x]!;
  const header = Buffer.from(`P5\n${W} ${H}\n255\n`, "ascii");
  return { ...img, data: Buffer.concat([header, out]), width: W, height: H };
}

/**
 * How much a pass's words look like text read the right way up: the confidence-weighted share of characters in words of 3+
 * letters (an upside-down or sideways page is read as short, low-confidence fragments).
 */
export function uprightScore(words: TWord[]): number {
  let good = 0,
    all = 0;
  for (const w of words) {
    const t = w.text.trim();
    if (!t) continue;
    all += t.length;
    if (/\p{L}{3,}/u.test(t)) good += (t.length * Math.max(0, w.confidence)) / 100;
  }
  return all ? good / all : 0;
}

/**
 * Cheap upright check on a read (no extra OCR). A read of fewer than five words counts as upright only on a page with little
 * ink (blank, a few lines): in single-column mode (photos) tesseract gives no words at all for a sideways page.
 */
export function looksUpright(words: TWord[], img?: OcrImage): boolean {
  if (words.length >= 5) return uprightScore(words) >= UPRIGHT_MIN;
  return !img || inkedRowShare(img) < SPARSE_PAGE;
}
/** A page with ink on fewer of its rows than this is sparse (a sideways text page has ink on most rows). */
const SPARSE_PAGE = 0.15;

/** The share of a PGM page's rows that have ink (`textRows`); 0 for other formats. */
export function inkedRowShare(img: OcrImage): number {
  const rows = textRows(img);
  if (!rows) return 0;
  let n = 0;
  for (let y = 0; y < rows.h; y += 2) if (rows.ink(y)) n++;
  return (2 * n) / rows.h;
}
export const UPRIGHT_MIN = 0.4;

/**
 * How much of an image's text some word covers: its text bands (`inkBands`: frame lines left out), weighted by their inked
 * columns, and the share of that weight in bands that a word's box overlaps. Null when the image is not a PGM.
 */
export function bandsCovered(image: Buffer, words: TWord[]): { bands: number; covered: number; share: number } | null {
  const ib = inkBands({ data: image, width: 0, height: 0 });
  if (!ib) return null;
  const text = ib.bands.filter((b) => b.height >= 4);
  let all = 0,
    hit = 0,
    covered = 0;
  for (const b of text) {
    all += b.cols;
    if (words.some((w) => w.bbox.y0 <= b.end && w.bbox.y1 > b.start)) {
      hit += b.cols;
      covered++;
    }
  }
  return { bands: text.length, covered, share: all ? hit / all : 1 };
}

/**
 * Text a read passed over: in each text band (`inkBands`), runs of inked columns (gaps under the band's height bridged) at least
 * twice as wide as the band is tall (a word or more, not a speck or a rule's end) whose inked columns are mostly under no word. Returned with
 * their boxes (image coordinates); null when the image is not a PGM.
 */
export function uncoveredInk(image: Buffer, words: TWord[]): TBbox[] | null {
  const ib = inkBands({ data: image, width: 0, height: 0 });
  const p = pgmHeader(image);
  if (!ib || !p) return null;
  const { w, off } = p;
  const heights = ib.bands
    .filter((b) => b.height >= 8)
    .map((b) => b.height)
    .sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  const out: TBbox[] = [];
  for (const b of ib.bands) {
    // text lines only: not specks or rules' remnants, not a logo, photo or a block of lines the gaps did not separate
    if (b.height < Math.max(8, typical * 0.5) || b.height > typical * 2.5) continue;
    const inBand = words.filter((v) => v.bbox.y0 <= b.end && v.bbox.y1 > b.start);
    const isCovered = (x: number) => inBand.some((v) => v.bbox.x0 <= x && v.bbox.x1 >= x);
    let runStart = -1,
      lastInk = -1,
      inked = 0,
      covered = 0;
    const flush = () => {
      // passed over: a word's width or more, and most of its inked columns under no word ("€" read, "180,00" after it not)
      if (runStart >= 0 && lastInk - runStart + 2 >= b.height * 2 && covered * 2 < inked) out.push({ x0: runStart, x1: lastInk + 1, y0: b.start, y1: b.end + 1 });
      runStart = -1;
      inked = 0;
      covered = 0;
    };
    for (let x = 0; x < w; x += 2) {
      let dark = false;
      for (let y = b.start; y <= b.end && !dark; y++) if (image[off + y * w + x]! < 128) dark = true;
      if (!dark) {
        if (runStart >= 0 && x - lastInk > b.height) flush();
        continue;
      }
      if (runStart < 0) runStart = x;
      lastInk = x;
      inked++;
      if (isCovered(x)) covered++;
    }
    flush();
  }
  return out;
}
