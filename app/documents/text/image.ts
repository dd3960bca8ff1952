/**
 * Image preparation for OCR: decode, grayscale (in bands), upscale small/low-resolution images, crop to the paper, deskew, invert
 * reverse-video boxes, flatten uneven lighting, remove table rules, and ramp the contrast around the page's ink threshold.
 * The result is handed to tesseract as a binary PGM (no PNG encoding cost; leptonica reads PNM natively).
 */
import { type createCanvas, loadImage } from "@napi-rs/canvas";
import { boundedCanvas, checkCanvasSize } from "./limits";
import type { OcrImage } from "./ocr";
import { detectKind, jpegDimensions, pngDimensions } from "./formats";
import { prepHelper, type PrepHelper } from "./prep-helper";

export interface PrepareOptions {
  /** Target width of an A4-like page in pixels (≈ 290 DPI). Smaller images are upscaled up to 2×. Default 2400. */
  targetWidth?: number;
  /**
   * Text height to upscale a page to (`scaleForText`), in pixels of `textHeight`'s measure: a page whose text is that high already
   * is read as it is, however narrow. 0: by width alone. Default TEXT_HEIGHT (0). Photos are always upscaled by their width.
   */
  textHeight?: number;
  /** Erase long horizontal/vertical rules (table grids confuse tesseract's layout analysis). Default true. */
  removeRules?: boolean;
  /**
   * Ink threshold after the background is flattened (0 = hand tesseract the flattened grey image as is). Tesseract's own
   * binarisation broke up whole rows of ruled noisy scans. Default: Otsu over the page (clamped to 90–215).
   */
  threshold?: number;
  /** Half-width of the grey ramp around the threshold (0 = hard black/white). Default 40. */
  softness?: number;
}

const DEFAULT_SOFT = 40;

/** Otsu's threshold over the ink-ish part of a flattened page (pixels below 250), scaled by `bias`. */
export function inkThreshold(g: Uint8Array, bias = 1): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < g.length; i += 2) hist[g[i]!]!++;
  let n = 0,
    sum = 0;
  for (let v = 0; v < 256; v++) {
    n += hist[v]!;
    sum += v * hist[v]!;
  }
  let wB = 0,
    sB = 0,
    best = -1,
    thr = 170;
  for (let t = 0; t < 255; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = n - wB;
    if (!wF) break;
    sB += t * hist[t]!;
    const v = wB * wF * (sB / wB - (sum - sB) / wF) ** 2;
    if (v > best) {
      best = v;
      thr = t;
    }
  }
  return Math.max(90, Math.min(215, Math.round(thr * bias)));
}

export function scaleFor(w: number, h: number, targetWidth = 2400): number {
  const effective = Math.max(w, h * 0.707);
  const s = effective < targetWidth ? Math.min(2, targetWidth / effective) : 1;
  // within 8 % of the target the resampling costs more than it gives (a 2 390-px scan was scaled by 1.004)
  return s < 1.08 ? 1 : s;
}

/**
 * Text height (`textHeight`, in pixels of the page as read) an upscaled scan is read at; 0: off, every page by its width. Off
 * because the scorer lost a field on a document at every target tried (docs/bench/results.md, tenth session): 18 and 20 read
 * durations far better on the ruled scans of documents-more (0.59 → 0.94 of matched lines) but lost one diagnosis (inv09) and
 * one invoice number (doc-012, a degraded scan); 22 lost doc-012's currency, total and type.
 */
export const TEXT_HEIGHT = 0;

/**
 * The scale of a page whose text is `textPx` high in its own pixels, given the scale its width asks for (`scaleFor`): no more
 * than the text needs to reach `target`, never less than 1 (a page is not scaled down) and never more than the width asks. A page
 * without text to measure (`textPx` 0) keeps the width's scale; `target` 0 turns the measure off.
 */
export function scaleForText(textPx: number, widthScale: number, target = TEXT_HEIGHT): number {
  if (!(textPx > 0) || !(target > 0) || widthScale <= 1) return widthScale;
  const s = Math.min(widthScale, target / textPx);
  // the same 8 % as scaleFor: a page that nearly has the size is read as it is, and one the width scales nearly as far is
  // scaled as by the width
  if (s * 1.08 > widthScale) return widthScale;
  return s < 1.08 ? 1 : s;
}

/**
 * The page's typical text height in pixels of `g` (w × h grey, dark ink on light paper): the median height of the letter-sized
 * connected components of ink (8-connected; ink darker than 0.6 × the mean grey, as for the skew). A component counts when it
 * is 3 px high or more (not a dot or a speck), at most 1/8 of the page high (not a logo, a frame, a photo's background) and at
 * most 4 × as wide as it is high (not a rule, an underline or touching words). The median over running text lies between the
 * x-height and the cap height (here the mean of the middle half of the heights, finer than whole pixels). 0 when fewer than 30
 * components count (no text to measure).
 */
export function textHeight(g: Uint8Array, w: number, h: number): number {
  let sum = 0;
  for (let i = 0; i < g.length; i += 3) sum += g[i]!;
  const thr = (sum / Math.ceil(g.length / 3)) * 0.6;
  // components from runs of ink along rows (union-find over runs: a run joins the runs of the row above that touch it, corners
  // included); a component's box is kept at its root
  const parent: number[] = [],
    bx0: number[] = [],
    bx1: number[] = [],
    by0: number[] = [],
    by1: number[] = [];
  const find = (k: number) => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  let prev: number[] = [],
    cur: number[] = []; // [x0, x1, id] triples of the row above and of this row
  for (let y = 0; y < h; y++) {
    cur.length = 0;
    const row = y * w;
    let j = 0;
    for (let x = 0; x < w; x++) {
      if (g[row + x]! >= thr) continue;
      const s = x;
      while (x + 1 < w && g[row + x + 1]! < thr) x++;
      const id = parent.length;
      parent.push(id);
      bx0.push(s);
      bx1.push(x);
      by0.push(y);
      by1.push(y);
      while (j < prev.length && prev[j + 1]! < s - 1) j += 3;
      for (let k = j; k < prev.length && prev[k]! <= x + 1; k += 3) {
        const r = find(prev[k + 2]!),
          me = find(id);
        if (r === me) continue;
        parent[r] = me;
        if (bx0[r]! < bx0[me]!) bx0[me] = bx0[r]!;
        if (bx1[r]! > bx1[me]!) bx1[me] = bx1[r]!;
        if (by0[r]! < by0[me]!) by0[me] = by0[r]!;
      }
      cur.push(s, x, id);
    }
    [prev, cur] = [cur, prev];
  }
  const maxH = Math.max(4, Math.floor(h / 8));
  const heights: number[] = [];
  for (let k = 0; k < parent.length; k++) {
    if (parent[k] !== k) continue;
    const ch = by1[k]! - by0[k]! + 1,
      cw = bx1[k]! - bx0[k]! + 1;
    if (ch >= 3 && ch <= maxH && cw <= 4 * ch) heights.push(ch);
  }
  if (heights.length < 30) return 0;
  heights.sort((a, b) => a - b);
  // the mean of the middle half: finer than the median of whole pixels (components fall across the pixel grid differently)
  const a = heights.length >> 2,
    b = heights.length - a;
  let s = 0;
  for (let i = a; i < b; i++) s += heights[i]!;
  return s / (b - a);
}

/**
 * Decodes and prepares an encoded image. With the preparation helper running (`prep-helper.ts`), the row-range steps are split
 * between this thread and the helper (the same bytes come out); without it, or when it fails, on this thread alone.
 */
export async function prepareImageForOcr(bytes: Uint8Array, opts: PrepareOptions & { helper?: PrepHelper | null } = {}): Promise<OcrImage> {
  // the decoded size, from the header, before anything is decoded (the content check did this too; this holds for any caller)
  const kind = detectKind(bytes);
  const dim = kind === "png" ? pngDimensions(bytes) : kind === "jpeg" ? jpegDimensions(bytes) : null;
  if (dim) checkCanvasSize(dim.width, dim.height);
  const job = (opts.helper === undefined ? prepHelper() : (opts.helper ?? undefined))?.open(bytes);
  let img: Awaited<ReturnType<typeof loadImage>>;
  try {
    img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    job?.close(); // an image that does not decode: the helper lets go of it too
    throw e;
  }
  if (!job) return prepareDrawableForOcr(img, img.width, img.height, opts);
  try {
    const steps = prepSteps(img, img.width, img.height, opts, true);
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      const s = r.value;
      if (!s.op || s.n < 2) {
        s.run(0, s.n);
        continue;
      }
      // the helper takes the second half (posted first, so both work at once)
      const k = Math.ceil(s.n / 2);
      const there = job.run(s.op, s.args!, k, s.n);
      there.catch(() => undefined); // awaited below; not unhandled if this thread's half throws first
      s.run(0, k);
      await there;
    }
  } catch (e) {
    // the steps work in place on shared buffers: start again from the decoded image, on this thread
    process.stderr.write(`[prep] two-thread preparation failed, preparing on one thread: ${String(e)}\n`);
    return prepareDrawableForOcr(img, img.width, img.height, opts);
  } finally {
    job.close();
  }
}

type Canvas = ReturnType<typeof createCanvas>;
type Ctx = ReturnType<Canvas["getContext"]>;
type Drawable = Parameters<Ctx["drawImage"]>[0];

const BAND = 256;
/** Width of the preview the paper box and the skew are estimated on. */
const PREVIEW_WIDTH = 800;
/** Paper-box block size in working pixels. */
const BOX_BLOCK = 24;

/**
 * Scales, crops to the paper, deskews and cleans any drawable (decoded image, or a rendered PDF page canvas).
 *
 * The paper box and the skew angle are estimated on a small preview (≈ 800 px wide); a decoded image is then drawn once, in
 * 256-row bands, with scale, rotation and crop in one canvas transform (native resampling; before, the scaled page was drawn,
 * then rotated again in JS). A canvas at its own size (a rendered PDF page) is read directly and rotated on the grey array
 * (drawing a canvas makes the canvas library snapshot the whole source for every band).
 */
export function prepareDrawableForOcr(src: Drawable, w0: number, h0: number, opts: PrepareOptions = {}): OcrImage {
  return runSteps(prepSteps(src, w0, h0, opts));
}

/** Runs preparation steps on this thread alone, each for all its units. */
function runSteps<T>(steps: Generator<PrepSplit, T, void>): T {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    r.value.run(0, r.value.n);
  }
}

/**
 * One step of a page's preparation that is split by rows (or bands of rows): `run(a, b)` does units [a, b) on this thread; the
 * same step can be done for other units on the preparation helper (`prep-helper.ts`) as `op` with `args` (typed arrays on shared
 * memory), with the same result. A step without `op` runs here whole.
 */
export interface PrepSplit {
  n: number;
  run: (a: number, b: number) => void;
  op?: PrepOp;
  args?: Record<string, unknown>;
}
export type PrepOp = keyof typeof PREP_KERNELS;

/**
 * The preparation as a sequence of steps (a generator, so that the one-thread path and the two-thread path run the same code):
 * each yielded step must be done for all its units before the next is taken. Buffers that a step shares with the helper are
 * allocated on shared memory when `shared` is set.
 */
export function* prepSteps(src: Drawable, w0: number, h0: number, opts: PrepareOptions = {}, shared = false): Generator<PrepSplit, OcrImage, void> {
  const bytes = (n: number) => (shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n));
  const look = (scale: number) => {
    const w = Math.round(w0 * scale),
      h = Math.round(h0 * scale);
    const srcCtx = scale === 1 && typeof (src as { getContext?: unknown }).getContext === "function" ? (src as unknown as Canvas).getContext("2d") : null;
    const pf = Math.max(1, Math.round(w / PREVIEW_WIDTH));
    const pw = Math.floor(w / pf),
      ph = Math.floor(h / pf);
    let full: Uint8Array | null = null;
    let preview: Uint8Array;
    if (srcCtx) {
      full = bytes(w * h);
      for (let y0 = 0; y0 < h; y0 += BAND) {
        const bh = Math.min(BAND, h - y0);
        rgbaToGray(srcCtx.getImageData(0, y0, w, bh).data, w, bh, full.subarray(y0 * w, (y0 + bh) * w));
      }
      preview = shrink(full, w, h, pf);
    } else {
      const c = boundedCanvas(pw, ph);
      const ctx = c.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, pw, ph);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "medium";
      ctx.drawImage(src, 0, 0, w / pf, h / pf);
      preview = rgbaToGray(ctx.getImageData(0, 0, pw, ph).data, pw, ph);
    }
    const paper = paperBlocks(preview, pw, ph, Math.max(4, Math.round(BOX_BLOCK / pf)), 1);
    return { scale, w, h, pf, pw, ph, full, preview, paper };
  };
  let v = look(scaleFor(w0, h0, opts.targetWidth));
  if (v.scale > 1 && !v.paper.inkBelow && (opts.textHeight ?? TEXT_HEIGHT) > 0) {
    // an upscaled scan: only as far as its text needs (measured on the preview, inside the paper). Not a photo (its paper found
    // against a darker background): its print is small, and photos read at their own size lost rows (ADR 0006)
    const pb = v.paper.box;
    const th = (textHeight(crop(v.preview, v.pw, pb), pb.w, pb.h) * v.pf) / v.scale;
    const s = scaleForText(th, v.scale, opts.textHeight);
    if (s !== v.scale) v = look(s);
  }
  const { scale, w, h, pf, pw, ph, preview, paper } = v;
  let full = v.full;
  const pb = paper.box;
  const box =
    pb.w === pw && pb.h === ph
      ? { x: 0, y: 0, w, h }
      : { x: pb.x * pf, y: pb.y * pf, w: Math.min(w, (pb.x + pb.w) * pf) - pb.x * pf, h: Math.min(h, (pb.y + pb.h) * pf) - pb.y * pf };
  const skew = estimateSkew(crop(preview, pw, pb), pb.w, pb.h, paper.inkBelow && ((x, y) => paper.inkBelow!(x + pb.x, y + pb.y)));
  const rotate = Math.abs(skew) > 0.0015;
  // the page is built inside the PGM buffer that goes to tesseract (no copy at the end; on shared memory for two threads:
  // tesseract.js copies what it is given)
  const header = Buffer.from(`P5\n${box.w} ${box.h}\n255\n`, "ascii");
  const pgm = shared ? Buffer.from(new SharedArrayBuffer(header.length + box.w * box.h)) : Buffer.allocUnsafe(header.length + box.w * box.h);
  header.copy(pgm);
  const gray = pgm.subarray(header.length);
  if (!full && rotate && scale !== 1) {
    // an upscaled page: drawn scaled ("high": cubic), then rotated on the grey array (bilinear). Measured: scaling and rotating
    // in one cubic draw gave a sharper page on which tesseract lost tinted table rows (a scan 8/14 lines, a phone total); a
    // bilinear single pass lost rows too (see ADR 0006).
    const f = bytes(w * h);
    const args = { w, h, full: f };
    yield { n: Math.ceil(h / BAND), op: "drawScaled", args, run: (a, b) => PREP_KERNELS.drawScaled(src, args, a, b) };
    full = f;
  }
  if (full) {
    const args = { full, w, h, angle: -skew, box, gray };
    if (rotate) yield { n: box.h, op: "rotate", args, run: (a, b) => PREP_KERNELS.rotate(null, args, a, b) };
    else for (let y = 0; y < box.h; y++) gray.set(full.subarray((box.y + y) * w + box.x, (box.y + y) * w + box.x + box.w), y * box.w);
    full = null;
  } else {
    // drawn once, cropped (and at its own size rotated: one bilinear interpolation) by the canvas transform
    const args = { w, h, box, rotate, skew, high: scale !== 1, gray };
    yield { n: Math.ceil(box.h / BAND), op: "drawBox", args, run: (a, b) => PREP_KERNELS.drawBox(src, args, a, b) };
  }
  yield* cleanSteps(gray, box.w, box.h, opts);
  // a photo (its paper was found against a darker background) is read in tesseract's single-column mode (`photo`), which fits
  // the residual angle perspective leaves per block (measured: 0.4–1.6° on three of seven phone fixtures after our deskew). On a
  // scan our angle leaves tesseract nothing to correct (its residual below 0.005 rad on all 18).
  return { data: pgm, width: box.w, height: box.h, photo: !!paper.inkBelow, skewRadians: skew };
}

let band: { w: number; h: number; ctx: Ctx } | undefined;
/** The band canvas the draw kernels draw into, kept for the next page of the same width (one per thread; kernels are synchronous). */
function bandContext(w: number, h: number): Ctx {
  if (band?.w !== w || band.h !== h) band = { w, h, ctx: boundedCanvas(w, h).getContext("2d") };
  band.ctx.setTransform(1, 0, 0, 1, 0, 0);
  return band.ctx;
}

/**
 * The row-range work of the preparation, run on this thread or on the helper (the same function either way). Draw kernels take
 * the decoded image; the others only typed arrays.
 */
export const PREP_KERNELS = {
  /** Bands [b0, b1) of the page scaled to w × h ("high" smoothing: cubic) into `full`. */
  drawScaled(src: Drawable, a: { w: number; h: number; full: Uint8Array }, b0: number, b1: number): void {
    const { w, h, full } = a;
    const ctx = bandContext(w, Math.min(BAND, h));
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    for (let y0 = b0 * BAND; y0 < Math.min(h, b1 * BAND); y0 += BAND) {
      const bh = Math.min(BAND, h - y0);
      ctx.setTransform(1, 0, 0, 1, 0, -y0);
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, y0, w, BAND);
      ctx.drawImage(src, 0, 0, w, h);
      rgbaToGray(ctx.getImageData(0, 0, w, bh).data, w, bh, full.subarray(y0 * w, (y0 + bh) * w));
    }
  },
  /** Bands [b0, b1) of the paper box, drawn scaled, rotated and cropped in one canvas transform, into `gray`. */
  drawBox(src: Drawable, a: { w: number; h: number; box: Box; rotate: boolean; skew: number; high: boolean; gray: Uint8Array }, b0: number, b1: number): void {
    const { w, h, box, rotate, skew, gray } = a;
    const ctx = bandContext(box.w, Math.min(BAND, box.h));
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = a.high ? "high" : "low";
    for (let y0 = b0 * BAND; y0 < Math.min(box.h, b1 * BAND); y0 += BAND) {
      const bh = Math.min(BAND, box.h - y0);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, box.w, BAND);
      ctx.setTransform(1, 0, 0, 1, -box.x, -box.y - y0);
      if (rotate) {
        ctx.translate(w / 2, h / 2);
        ctx.rotate(-skew);
        ctx.translate(-w / 2, -h / 2);
      }
      ctx.drawImage(src, 0, 0, w, h);
      rgbaToGray(ctx.getImageData(0, 0, box.w, bh).data, box.w, bh, gray.subarray(y0 * box.w, (y0 + bh) * box.w));
    }
  },
  /** Rows [y0, y1) of `box` of the rotated page. */
  rotate(_: unknown, a: { full: Uint8Array; w: number; h: number; angle: number; box: Box; gray: Uint8Array }, y0: number, y1: number): void {
    rotateGrayInto(a.full, a.w, a.h, a.angle, a.box, a.gray, y0, y1);
  },
  /** Rows [y0, y1) divided by the background estimate. */
  flatten(_: unknown, a: { g: Uint8Array; w: number; h: number; bg: Float32Array }, y0: number, y1: number): void {
    flattenRows(a.g, a.w, a.h, a.bg, y0, y1);
  },
  /** Rows [y0, y1) through a lookup table (the contrast ramp). */
  lut(_: unknown, a: { g: Uint8Array; w: number; lut: Uint8Array }, y0: number, y1: number): void {
    const { g, lut } = a;
    for (let i = y0 * a.w, e = y1 * a.w; i < e; i++) g[i] = lut[g[i]!]!;
  },
};

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Block-average downscale by an integer factor (the preview of a page that is already in memory). */
export function shrink(g: Uint8Array, w: number, h: number, f: number): Uint8Array {
  if (f === 1) return g;
  const sw = Math.floor(w / f),
    sh = Math.floor(h / f);
  const out = new Uint8Array(sw * sh);
  const acc = new Uint32Array(sw);
  const n = f * f;
  for (let y = 0; y < sh; y++) {
    acc.fill(0);
    for (let dy = 0; dy < f; dy++) {
      const row = (y * f + dy) * w;
      for (let x = 0, i = row; x < sw; x++) {
        let s = 0;
        for (let dx = 0; dx < f; dx++) s += g[i++]!;
        acc[x]! += s;
      }
    }
    for (let x = 0; x < sw; x++) out[y * sw + x] = (acc[x]! + (n >> 1)) / n;
  }
  return out;
}

/** Rotates a grey image by `angle` radians about its centre (as canvas rotate() would draw it), bilinear, white outside. */
export function rotateGray(g: Uint8Array, w: number, h: number, angle: number): Uint8Array {
  const out = new Uint8Array(w * h);
  rotateGrayInto(g, w, h, angle, { x: 0, y: 0, w, h }, out);
  return out;
}

/** As rotateGray, but only the pixels of `box` (of the rotated image) are computed, into `out` (box.w × box.h); rows [ya, yb) of it. */
function rotateGrayInto(g: Uint8Array, w: number, h: number, angle: number, box: Box, out: Uint8Array, ya = 0, yb = box.h): void {
  const c = Math.cos(angle),
    s = Math.sin(angle);
  const cx = w / 2,
    cy = h / 2;
  // 16.16 fixed point along a row
  const FX = 65536;
  const dxs = Math.round(c * FX),
    dys = Math.round(-s * FX);
  const maxX = (w - 1) * FX,
    maxY = (h - 1) * FX;
  for (let y = ya; y < yb; y++) {
    const dy = box.y + y + 0.5 - cy;
    const dx = box.x + 0.5 - cx;
    // source = centre + R(-angle)·(destination - centre)
    let sx = Math.round((cx + c * dx + s * dy - 0.5) * FX);
    let sy = Math.round((cy - s * dx + c * dy - 0.5) * FX);
    const row = y * box.w;
    for (let x = 0; x < box.w; x++, sx += dxs, sy += dys) {
      if (sx < 0 || sy < 0 || sx >= maxX || sy >= maxY) {
        out[row + x] = 255;
        continue;
      }
      const x0 = sx >> 16,
        y0 = sy >> 16;
      const fx = sx & 0xffff,
        fy = sy & 0xffff;
      const i = y0 * w + x0;
      const a = g[i]!,
        b = g[i + 1]!,
        cc = g[i + w]!,
        d = g[i + w + 1]!;
      const top = a * FX + (b - a) * fx,
        bot = cc * FX + (d - cc) * fx; // × 2^16
      out[row + x] = (top * FX + (bot - top) * fy + 0x80000000) / 4294967296; // (× 2^32, rounded) / 2^32
    }
  }
}

function crop(g: Uint8Array, w: number, b: Box): Uint8Array {
  if (b.x === 0 && b.y === 0 && b.w === w) return g.subarray(0, b.w * b.h);
  const out = new Uint8Array(b.w * b.h);
  for (let y = 0; y < b.h; y++) out.set(g.subarray((b.y + y) * w + b.x, (b.y + y) * w + b.x + b.w), y * b.w);
  return out;
}

/**
 * The paper's bounding box in a photo: blocks brighter than an Otsu threshold over block means are "paper"; rows/columns that are
 * mostly paper bound it. Returns the full image when no darker background is found (scans).
 */
export function pageBox(g: Uint8Array, w: number, h: number, B = BOX_BLOCK, step = 3): Box {
  return paperBlocks(g, w, h, B, step).box;
}

/**
 * pageBox, plus (when a darker background was found) an ink test for the skew estimate that only counts pixels well inside
 * the paper: a photo's background, and the paper's slanted edge against it, otherwise dominate the projection profile.
 */
function paperBlocks(g: Uint8Array, w: number, h: number, B: number, step: number): { box: Box; inkBelow?: (x: number, y: number) => number } {
  const all = { box: { x: 0, y: 0, w, h } };
  const bw = Math.floor(w / B),
    bh = Math.floor(h / B);
  if (bw < 4 || bh < 4) return all;
  const means = new Float32Array(bw * bh);
  const maxes = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let s = 0,
        n = 0,
        mx = 0;
      for (let y = by * B; y < (by + 1) * B; y += step)
        for (let x = bx * B; x < (bx + 1) * B; x += step) {
          const v = g[y * w + x]!;
          s += v;
          n++;
          if (v > mx) mx = v;
        }
      means[by * bw + bx] = s / n;
      maxes[by * bw + bx] = mx;
    }
  // Otsu on block means
  const hist = new Float64Array(256);
  for (const m of means) hist[Math.min(255, Math.round(m))]!++;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i]!;
  let wB = 0,
    sumB = 0,
    best = 0,
    thr = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = means.length - wB;
    if (!wF) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB,
      mF = (sumAll - sumB) / wF;
    const v = wB * wF * (mB - mF) ** 2;
    if (v > best) {
      best = v;
      thr = t;
    }
  }
  let bright = 0;
  for (const m of means) if (m > thr) bright++;
  const frac = bright / means.length;
  if (frac > 0.93 || frac < 0.25) return all;
  const rowOk = (by: number) => {
    let n = 0;
    for (let bx = 0; bx < bw; bx++) if (means[by * bw + bx]! > thr) n++;
    return n / bw > 0.4;
  };
  const colOk = (bx: number) => {
    let n = 0;
    for (let by = 0; by < bh; by++) if (means[by * bw + bx]! > thr) n++;
    return n / bh > 0.4;
  };
  let y0 = 0;
  while (y0 < bh && !rowOk(y0)) y0++;
  let y1 = bh - 1;
  while (y1 > y0 && !rowOk(y1)) y1--;
  let x0 = 0;
  while (x0 < bw && !colOk(x0)) x0++;
  let x1 = bw - 1;
  while (x1 > x0 && !colOk(x1)) x1--;
  const m = 1;
  const bx0 = Math.max(0, (x0 - m) * B),
    by0 = Math.max(0, (y0 - m) * B);
  const bx1 = Math.min(w, (x1 + 1 + m) * B),
    by1 = Math.min(h, (y1 + 1 + m) * B);
  if ((bx1 - bx0) * (by1 - by0) < w * h * 0.2) return all;
  const box = { x: bx0, y: by0, w: bx1 - bx0, h: by1 - by0 };
  // the background: dark blocks connected to the image's border (dark blocks inside the paper are text, a logo, a filled box)
  const bg = new Uint8Array(bw * bh);
  const stack = new Int32Array(bw * bh);
  let sp = 0,
    nBg = 0;
  const push = (k: number) => {
    if (!bg[k] && !(means[k]! > thr)) {
      bg[k] = 1;
      stack[sp++] = k;
      nBg++;
    }
  };
  for (let bx = 0; bx < bw; bx++) {
    push(bx);
    push((bh - 1) * bw + bx);
  }
  for (let by = 0; by < bh; by++) {
    push(by * bw);
    push(by * bw + bw - 1);
  }
  while (sp) {
    const k = stack[--sp]!,
      x = k % bw;
    if (x + 1 < bw) push(k + 1);
    if (x > 0) push(k - 1);
    if (k + bw < bw * bh) push(k + bw);
    if (k >= bw) push(k - bw);
  }
  if (nBg < bw * bh * 0.03) return { box };
  // a photo: only blocks with no background among their 8 neighbours count (not the paper's edge); ink is darker than
  // 0.6 × the block's brightest pixel (the light falls off across a photo)
  const inner = new Uint8Array(bw * bh);
  for (let by = 1; by < bh - 1; by++)
    for (let bx = 1; bx < bw - 1; bx++) {
      let ok = 1;
      for (let dy = -1; dy <= 1 && ok; dy++)
        for (let dx = -1; dx <= 1; dx++)
          if (bg[(by + dy) * bw + bx + dx]) {
            ok = 0;
            break;
          }
      inner[by * bw + bx] = ok;
    }
  const inkBelow = (x: number, y: number) => {
    const bx = Math.min(bw - 1, (x / B) | 0),
      by = Math.min(bh - 1, (y / B) | 0);
    return inner[by * bw + bx] ? maxes[by * bw + bx]! * 0.6 : -1;
  };
  return { box, inkBelow };
}

/**
 * Estimates the text skew angle (radians, positive = text lines rise to the right... in image coordinates y grows downwards)
 * by maximising the sharpness of the horizontal projection profile over candidate angles in ±4°. `inkBelow(x, y)` (optional)
 * gives the ink threshold at a pixel, or -1 where pixels must not count (outside the paper of a photo); default: 0.6 × the
 * mean grey of the image.
 */
export function estimateSkew(gray: Uint8Array, w: number, h: number, inkBelow?: (x: number, y: number) => number): number {
  const f = Math.max(1, Math.round(w / 700));
  const sw = Math.floor(w / f),
    sh = Math.floor(h / f);
  let sum = 0;
  const small = new Uint8Array(sw * sh);
  for (let y = 0; y < sh; y++)
    for (let x = 0; x < sw; x++) {
      const v = gray[y * f * w + x * f]!;
      small[y * sw + x] = v;
      sum += v;
    }
  const thr = (sum / small.length) * 0.6;
  const ink = new Uint8Array(sw * sh);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) if (small[y * sw + x]! < (inkBelow ? inkBelow(x * f, y * f) : thr)) ink[y * sw + x] = 1;
  // only text counts: long horizontal and vertical runs (rules, frames, a photo's paper edge) are dropped — a frame drawn in
  // perspective pulled the estimate 2° away from the text lines
  const maxH = Math.max(30, Math.round(sw / 14)),
    maxV = Math.max(15, Math.round(sw / 40));
  const keep = ink.slice();
  for (let y = 0; y < sh; y++) {
    let x = 0;
    while (x < sw) {
      if (!ink[y * sw + x]) {
        x++;
        continue;
      }
      let e = x;
      while (e < sw && ink[y * sw + e]) e++;
      if (e - x > maxH) keep.fill(0, y * sw + x, y * sw + e);
      x = e;
    }
  }
  for (let x = 0; x < sw; x++) {
    let y = 0;
    while (y < sh) {
      if (!ink[y * sw + x]) {
        y++;
        continue;
      }
      let e = y;
      while (e < sh && ink[e * sw + x]) e++;
      if (e - y > maxV) for (let k = y; k < e; k++) keep[k * sw + x] = 0;
      y = e;
    }
  }
  const xs: number[] = [],
    ys: number[] = [];
  for (let y = 0; y < sh; y++)
    for (let x = 0; x < sw; x++)
      if (keep[y * sw + x]) {
        xs.push(x);
        ys.push(y);
      }
  if (xs.length < 200) return 0;
  const score = (a: number) => {
    const t = Math.tan(a);
    const off = Math.ceil(sw * Math.abs(t)) + 1;
    const hist = new Float64Array(sh + 2 * off);
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round(ys[i]! - xs[i]! * t) + off;
      hist[r]!++;
    }
    let s = 0;
    for (let i = 1; i < hist.length; i++) {
      const d = hist[i]! - hist[i - 1]!;
      s += d * d;
    }
    return s;
  };
  let best = 0,
    bestS = -1;
  for (let deg = -4; deg <= 4.0001; deg += 0.25) {
    const s = score((deg * Math.PI) / 180);
    if (s > bestS) {
      bestS = s;
      best = deg;
    }
  }
  const coarse = best;
  for (let deg = coarse - 0.25; deg <= coarse + 0.25; deg += 0.05) {
    const s = score((deg * Math.PI) / 180);
    if (s > bestS) {
      bestS = s;
      best = deg;
    }
  }
  return (best * Math.PI) / 180;
}

/** Luminance of RGBA pixels (into `out` when given). */
export function rgbaToGray(d: Uint8ClampedArray | Uint8Array, w: number, h: number, out: Uint8Array = new Uint8Array(w * h)): Uint8Array {
  const n = w * h;
  if (d.byteOffset % 4 === 0) {
    // one 32-bit load per pixel (little-endian: R is the low byte)
    const u = new Uint32Array(d.buffer, d.byteOffset, n);
    for (let j = 0; j < n; j++) {
      const p = u[j]!;
      out[j] = ((p & 255) * 77 + ((p >>> 8) & 255) * 150 + ((p >>> 16) & 255) * 29) >> 8;
    }
  } else for (let i = 0, j = 0; j < n; i += 4, j++) out[j] = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29) >> 8;
  return out;
}

/** The clean-up of a deskewed, cropped grey page, in place: reverse video, background, rules, contrast ramp. */
function cleanGray(gray: Uint8Array, w: number, h: number, opts: PrepareOptions): void {
  runSteps(cleanSteps(gray, w, h, opts));
}

/** cleanGray as steps (`prepSteps`): the background division and the contrast ramp are split by rows. */
function* cleanSteps(gray: Uint8Array, w: number, h: number, opts: PrepareOptions): Generator<PrepSplit, void, void> {
  invertFilledBoxes(gray, w, h);
  const fl = { g: gray, w, h, bg: backgroundEstimate(gray, w, h) };
  yield { n: h, op: "flatten", args: fl, run: (a, b) => PREP_KERNELS.flatten(null, fl, a, b) };
  if (opts.removeRules ?? true) removeRules(gray, w, h);
  const t = opts.threshold ?? inkThreshold(gray);
  const soft = opts.softness ?? DEFAULT_SOFT;
  if (t > 0) {
    // contrast stretch around the threshold: background noise and tinted rows go white, ink black, stroke edges keep their grey
    // (softness 0: hard black/white)
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = soft > 0 ? Math.max(0, Math.min(255, Math.round(((v - (t - soft)) / (2 * soft)) * 255))) : v < t ? 0 : 255;
    const args = { g: gray, w, lut };
    yield { n: h, op: "lut", args, run: (a, b) => PREP_KERNELS.lut(null, args, a, b) };
  }
  // after the ramp: a rule too light for the pass above can come out of the ramp grey, and tesseract sees it
  if (opts.removeRules ?? true) removeDottedRules(gray, w, h, 250);
}

export function grayToOcrImage(gray: Uint8Array, w: number, h: number, opts: PrepareOptions = {}): OcrImage {
  cleanGray(gray, w, h, opts);
  return { data: toPgm(gray, w, h), width: w, height: h, photo: false };
}

export function toPgm(gray: Uint8Array, w: number, h: number): Buffer {
  const header = Buffer.from(`P5\n${w} ${h}\n255\n`, "ascii");
  return Buffer.concat([header, Buffer.from(gray.buffer, gray.byteOffset, gray.byteLength)]);
}

/**
 * Divides the image by an estimate of its background (block-wise maximum, dilated and smoothed), so uneven lighting, shadows and
 * grey paper become a flat white page before tesseract's global threshold.
 */
export function flattenBackground(g: Uint8Array, w: number, h: number): void {
  flattenRows(g, w, h, backgroundEstimate(g, w, h), 0, h);
}

const FLAT_BLOCK = 32;

/** The background per 32-px block (flattenBackground's estimate). */
function backgroundEstimate(g: Uint8Array, w: number, h: number): Float32Array {
  const B = FLAT_BLOCK;
  const bw = Math.ceil(w / B),
    bh = Math.ceil(h / B);
  const bg = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    const y1 = Math.min(h, (by + 1) * B);
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      const x1 = Math.min(w, (bx + 1) * B);
      for (let y = by * B; y < y1; y += 2) {
        const row = y * w;
        for (let x = bx * B; x < x1; x += 2) {
          const v = g[row + x]!;
          if (v > m) m = v;
        }
      }
      bg[by * bw + bx] = m;
    }
  }
  const tmp = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = by + dy,
            xx = bx + dx;
          if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) {
            const v = bg[yy * bw + xx]!;
            if (v > m) m = v;
          }
        }
      tmp[by * bw + bx] = m;
    }
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let s = 0,
        n = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = by + dy,
            xx = bx + dx;
          if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) {
            s += tmp[yy * bw + xx]!;
            n++;
          }
        }
      bg[by * bw + bx] = Math.max(40, s / n);
    }
  return bg;
}

/** Rows [ya, yb) of `g` divided by the background `bg` (interpolated between block centres). */
function flattenRows(g: Uint8Array, w: number, h: number, bg: Float32Array, ya: number, yb: number): void {
  const B = FLAT_BLOCK;
  const bw = Math.ceil(w / B),
    bh = Math.ceil(h / B);
  // per column: the two block columns to interpolate between and the weight (the same for every row)
  const X0 = new Int32Array(w),
    X1 = new Int32Array(w),
    TX = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const fx = Math.min(bw - 1, Math.max(0, x / B - 0.5));
    X0[x] = Math.floor(fx);
    X1[x] = Math.min(bw - 1, X0[x]! + 1);
    TX[x] = fx - X0[x]!;
  }
  const rowBg = new Float32Array(bw);
  for (let y = ya; y < yb; y++) {
    const fy = Math.min(bh - 1, Math.max(0, y / B - 0.5));
    const y0 = Math.floor(fy),
      y1 = Math.min(bh - 1, y0 + 1),
      ty = fy - y0;
    for (let bx = 0; bx < bw; bx++) rowBg[bx] = bg[y0 * bw + bx]! * (1 - ty) + bg[y1 * bw + bx]! * ty;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const tx = TX[x]!;
      const b = rowBg[X0[x]!]! * (1 - tx) + rowBg[X1[x]!]! * tx;
      const v = (g[row + x]! * 255) / b;
      g[row + x] = v > 255 ? 255 : v;
    }
  }
}

/**
 * Reverse video (light text in a dark filled box, typical for a "Total" bar) is turned into dark-on-light: otherwise rule removal
 * erases the fill around the letters and tesseract reads outlines. Works on a deskewed page: boxes are found as rectangles of dark
 * 8-px blocks at least 40 px high and 128 px wide, refined to the pixel rows/columns that are mostly dark, and inverted.
 */
export function invertFilledBoxes(g: Uint8Array, w: number, h: number): number {
  const B = 8;
  const bw = Math.floor(w / B),
    bh = Math.floor(h / B);
  if (bw < 16 || bh < 5) return 0;
  const dark = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let s = 0;
      for (let y = by * B; y < by * B + B; y += 2) for (let x = bx * B; x < bx * B + B; x += 2) s += g[y * w + x]!;
      dark[by * bw + bx] = s / 16 < 110 ? 1 : 0;
    }
  const seen = new Uint8Array(bw * bh);
  const stack = new Int32Array(bw * bh); // every block is pushed at most once
  let boxes = 0;
  for (let i = 0; i < dark.length; i++) {
    if (!dark[i] || seen[i]) continue;
    let n = 0,
      x0 = bw,
      x1 = 0,
      y0 = bh,
      y1 = 0,
      sp = 0;
    stack[sp++] = i;
    seen[i] = 1;
    while (sp) {
      const k = stack[--sp]!;
      const x = k % bw,
        y = (k - x) / bw;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x + 1 < bw && dark[k + 1] && !seen[k + 1]) {
        seen[k + 1] = 1;
        stack[sp++] = k + 1;
      }
      if (x > 0 && dark[k - 1] && !seen[k - 1]) {
        seen[k - 1] = 1;
        stack[sp++] = k - 1;
      }
      if (y + 1 < bh && dark[k + bw] && !seen[k + bw]) {
        seen[k + bw] = 1;
        stack[sp++] = k + bw;
      }
      if (y > 0 && dark[k - bw] && !seen[k - bw]) {
        seen[k - bw] = 1;
        stack[sp++] = k - bw;
      }
    }
    const cw = x1 - x0 + 1,
      ch = y1 - y0 + 1;
    if (ch < 5 || cw < 16 || n < cw * ch * 0.5 || cw * ch > bw * bh * 0.3 || ch > 40) continue;
    // pixel-exact extent: rows / columns (inside the block box, with one block of slack) that are mostly dark
    const px0 = Math.max(0, (x0 - 1) * B),
      px1 = Math.min(w, (x1 + 2) * B),
      py0 = Math.max(0, (y0 - 1) * B),
      py1 = Math.min(h, (y1 + 2) * B);
    const rowDark = (y: number) => {
      let d = 0;
      for (let x = px0; x < px1; x++) if (g[y * w + x]! < 128) d++;
      return d / (px1 - px0);
    };
    const colDark = (x: number, ya: number, yb: number) => {
      let d = 0;
      for (let y = ya; y < yb; y++) if (g[y * w + x]! < 128) d++;
      return d / Math.max(1, yb - ya);
    };
    let ry0 = py0;
    while (ry0 < py1 && rowDark(ry0) < 0.4) ry0++;
    let ry1 = py1 - 1;
    while (ry1 > ry0 && rowDark(ry1) < 0.4) ry1--;
    let rx0 = px0;
    while (rx0 < px1 && colDark(rx0, ry0, ry1 + 1) < 0.6) rx0++;
    let rx1 = px1 - 1;
    while (rx1 > rx0 && colDark(rx1, ry0, ry1 + 1) < 0.6) rx1--;
    if (ry1 - ry0 < 30 || rx1 - rx0 < 100) continue;
    // invert, and scale so the (former) fill becomes paper white: its median is the fill level
    const hist = new Uint32Array(256);
    for (let y = ry0; y <= ry1; y++) for (let x = rx0; x <= rx1; x++) hist[255 - g[y * w + x]!]!++;
    const half = ((ry1 - ry0 + 1) * (rx1 - rx0 + 1)) / 2;
    let med = 0;
    for (let acc = 0; med < 255 && acc + hist[med]! < half; med++) acc += hist[med]!;
    const k = 255 / Math.max(64, med);
    for (let y = ry0; y <= ry1; y++)
      for (let x = rx0; x <= rx1; x++) {
        const v = (255 - g[y * w + x]!) * k;
        g[y * w + x] = v > 255 ? 255 : v;
      }
    boxes++;
  }
  return boxes;
}

/** Whitens dark runs longer than a threshold along rows and columns (table rules, box borders). */
export function removeRules(g: Uint8Array, w: number, h: number, dark = 185): void {
  const minH = Math.max(60, Math.round(w / 28));
  const minV = Math.max(60, Math.round(h / 30));
  const STUB_MIN = 50,
    STUB_REACH = 14;
  const GAP = 2; // a rule may be broken by a pixel or two (scan noise, anti-aliasing after deskew)
  const mark = new Uint8Array(w * h); // 1 = horizontal rule, 2 = vertical rule
  const hRuns: number[] = [],
    vRuns: number[] = []; // [row/column, start, end] triples
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let start = -1,
      last = -1;
    for (let x = 0; x <= w; x++) {
      const isDark = x < w && g[row + x]! < dark;
      if (isDark) {
        if (start < 0) start = x;
        last = x;
      } else if (start >= 0 && (x - last > GAP || x === w)) {
        if (last + 1 - start >= minH) {
          mark.fill(1, row + start, row + last + 1);
          hRuns.push(y, start, last);
        }
        start = -1;
      }
    }
  }
  // vertical runs, scanned row by row (cache-friendly) with a run state per column
  const vStart = new Int32Array(w).fill(-1),
    vLast = new Int32Array(w).fill(-1);
  const stubs: number[] = []; // [column, start, end] of vertical runs too short for a rule on their own
  const endRun = (x: number) => {
    const start = vStart[x]!,
      last = vLast[x]!;
    if (last + 1 - start >= minV) {
      for (let k = start; k <= last; k++) mark[k * w + x] = 2;
      vRuns.push(x, start, last);
    } else if (last + 1 - start >= STUB_MIN) stubs.push(x, start, last);
    vStart[x] = -1;
  };
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (g[row + x]! < dark) {
        if (vStart[x]! < 0) vStart[x] = y;
        vLast[x] = y;
      } else if (vStart[x]! >= 0 && y - vLast[x]! > GAP) endRun(x);
    }
  }
  for (let x = 0; x < w; x++) if (vStart[x]! >= 0) endRun(x);
  // a cell border between two boxes of a form (shorter than a rule on its own): a thin vertical run with nothing beside it that
  // ends at a horizontal rule. Left standing, it was read as "1" or "|" in front of the value beside it ("17/2/2025" for 7/2).
  const thinAt = (x: number, y0: number, y1: number) => {
    if (x < 3 || x >= w - 3) return false;
    let clear = 0;
    for (let y = y0; y <= y1; y++) if (g[y * w + x - 3]! >= dark && g[y * w + x + 3]! >= dark) clear++;
    return clear >= (y1 + 1 - y0) * 0.9;
  };
  const ruleNear = (x: number, y: number, dir: number) => {
    for (let d = 0; d <= STUB_REACH; d++) {
      const yy = y + dir * d;
      if (yy < 0 || yy >= h) return false;
      for (let xx = Math.max(0, x - 3); xx <= Math.min(w - 1, x + 3); xx++) if (mark[yy * w + xx] === 1) return true;
    }
    return false;
  };
  for (let i = 0; i < stubs.length; i += 3) {
    const x = stubs[i]!,
      y0 = stubs[i + 1]!,
      y1 = stubs[i + 2]!;
    if (!thinAt(x, y0, y1)) continue;
    if (!ruleNear(x, y0, -1) && !ruleNear(x, y1, 1)) continue;
    for (let k = y0; k <= y1; k++) mark[k * w + x] = 2;
    vRuns.push(x, y0, y1);
  }
  // the rule's faint edges (anti-aliasing) go too: OCR reads them as 1-px "words" and stretches neighbouring word boxes
  const whiten = (y: number, x: number) => {
    const m = mark[y * w + x];
    if (!m) return;
    g[y * w + x] = 255;
    for (let d = -2; d <= 2; d++) {
      if (!d) continue;
      const yy = m === 1 ? y + d : y,
        xx = m === 1 ? x : x + d;
      if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
      const k = yy * w + xx;
      if (!mark[k] && g[k]! > 110) g[k] = 255;
    }
  };
  for (let i = 0; i < hRuns.length; i += 3) for (let x = hRuns[i + 1]!; x <= hRuns[i + 2]!; x++) whiten(hRuns[i]!, x);
  for (let i = 0; i < vRuns.length; i += 3) for (let y = vRuns[i + 1]!; y <= vRuns[i + 2]!; y++) whiten(y, vRuns[i]!);
}

/**
 * Whitens dotted and dashed horizontal rules (the dotted line between two table rows, dot leaders between an item and its
 * amount), which the solid-rule pass keeps because their gaps are wider than a pixel or two. A dotted rule is a row of thin marks
 * (at most THIN px tall down their column) no more than DOT_GAP apart over at least `minLen`, with nothing dark THIN + 3 px above
 * and below it: text has thin strokes too (the arcs of "o", the bar of "e"), but always with vertical strokes next to them.
 * Measured: a ruled scan's rows under dotted rules were read as "200082024 … e850" when tesseract segmented the page differently
 * (read in two halves), and correctly once the dots were gone.
 */
export function removeDottedRules(g: Uint8Array, w: number, h: number, dark = 185): number {
  const THIN = 5,
    DOT_GAP = 10,
    CLEAR = THIN + 3;
  const minLen = Math.max(150, Math.round(w / 12));
  // thin[y*w+x] = 1 where the dark run down column x through (x, y) is at most THIN px long (row-by-row scan, per-column state)
  const thin = new Uint8Array(w * h);
  const marksIn = new Int32Array(h); // thin marks per row: a row with fewer than a rule's least is not looked at below
  const start = new Int32Array(w).fill(-1);
  const close = (x: number, end: number) => {
    const s = start[x]!;
    if (end - s <= THIN)
      for (let y = s; y < end; y++) {
        thin[y * w + x] = 1;
        marksIn[y]!++;
      }
    start[x] = -1;
  };
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (g[row + x]! < dark) {
        if (start[x]! < 0) start[x] = y;
      } else if (start[x]! >= 0) close(x, y);
    }
  }
  for (let x = 0; x < w; x++) if (start[x]! >= 0) close(x, h);
  const darkIn = (y: number, x0: number, x1: number) => {
    if (y < 0 || y >= h) return 0;
    let n = 0;
    for (let x = x0, r = y * w; x <= x1; x++) if (g[r + x]! < dark) n++;
    return n;
  };
  let removed = 0;
  const fewest = minLen * 0.2;
  for (let y = 0; y < h; y++) {
    if (marksIn[y]! < fewest) continue;
    const row = y * w;
    let s = -1,
      last = -1,
      marks = 0;
    for (let x = 0; x <= w; x++) {
      const t = x < w && thin[row + x] === 1;
      if (t) {
        if (s < 0) {
          s = x;
          marks = 0;
        }
        last = x;
        marks++;
        continue;
      }
      if (s < 0 || (x < w && x - last <= DOT_GAP)) continue;
      // a run of thin marks from s to last: a rule when it is long, not a solid bar (that pass had it), and clear above and below
      const len = last + 1 - s;
      if (len >= minLen && marks >= len * 0.2) {
        const near = darkIn(y - CLEAR, s, last) + darkIn(y + CLEAR, s, last);
        if (near <= len * 0.02) {
          for (let xx = s; xx <= last; xx++)
            if (thin[row + xx]) {
              g[row + xx] = 255;
              removed++;
            }
        }
      }
      s = -1;
    }
  }
  return removed;
}
