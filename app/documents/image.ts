/**
 * Image preparation for OCR: decode, grayscale (in bands), upscale small/low-resolution images, crop to the paper, deskew, invert
 * reverse-video boxes, flatten uneven lighting, remove table rules, and ramp the contrast around the page's ink threshold.
 * The result is handed to tesseract as a binary PGM (no PNG encoding cost; leptonica reads PNM natively).
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { OcrImage } from "./ocr";

export interface PrepareOptions {
  /** Target width of an A4-like page in pixels (≈ 290 DPI). Smaller images are upscaled up to 2×. Default 2400. */
  targetWidth?: number;
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
  let n = 0, sum = 0;
  for (let v = 0; v < 256; v++) { n += hist[v]!; sum += v * hist[v]!; }
  let wB = 0, sB = 0, best = -1, thr = 170;
  for (let t = 0; t < 255; t++) {
    wB += hist[t]!; if (!wB) continue;
    const wF = n - wB; if (!wF) break;
    sB += t * hist[t]!;
    const v = wB * wF * (sB / wB - (sum - sB) / wF) ** 2;
    if (v > best) { best = v; thr = t; }
  }
  return Math.max(90, Math.min(215, Math.round(thr * bias)));
}

export function scaleFor(w: number, h: number, targetWidth = 2400): number {
  const effective = Math.max(w, h * 0.707);
  return effective < targetWidth ? Math.min(2, targetWidth / effective) : 1;
}

export async function prepareImageForOcr(bytes: Uint8Array, opts: PrepareOptions = {}): Promise<OcrImage> {
  const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return prepareDrawableForOcr(img, img.width, img.height, opts);
}

type Drawable = Parameters<ReturnType<ReturnType<typeof createCanvas>["getContext"]>["drawImage"]>[0];

/** Scales, deskews (projection-profile estimate) and cleans any drawable (decoded image, or a rendered PDF page canvas). */
export function prepareDrawableForOcr(src: Drawable, w0: number, h0: number, opts: PrepareOptions = {}): OcrImage {
  const scale = scaleFor(w0, h0, opts.targetWidth);
  const w = Math.round(w0 * scale), h = Math.round(h0 * scale);
  // read in horizontal bands: a full-page RGBA canvas plus its getImageData copy would be ~65 MB per page at 2400×3400. A canvas
  // source at its own size (a rendered PDF page) is read directly; anything else is drawn band by band. The deskew rotation is done
  // on the grey array (drawing the source again per band makes the canvas library snapshot the whole source each time).
  const BAND = 256;
  const gray = new Uint8Array(w * h);
  const srcCtx = scale === 1 && typeof (src as { getContext?: unknown }).getContext === "function"
    ? (src as unknown as ReturnType<typeof createCanvas>).getContext("2d") : null;
  const band = srcCtx ? null : createCanvas(w, Math.min(BAND, h));
  const ctx = band?.getContext("2d");
  if (ctx) { ctx.imageSmoothingEnabled = true; ctx.imageSmoothingQuality = "high"; }
  for (let y0 = 0; y0 < h; y0 += BAND) {
    const bh = Math.min(BAND, h - y0);
    if (srcCtx) gray.set(rgbaToGray(srcCtx.getImageData(0, y0, w, bh).data, w, bh), y0 * w);
    else {
      ctx!.setTransform(1, 0, 0, 1, 0, -y0);
      ctx!.fillStyle = "#fff";
      ctx!.fillRect(0, y0, w, BAND);
      ctx!.drawImage(src, 0, 0, w, h);
      gray.set(rgbaToGray(ctx!.getImageData(0, 0, w, bh).data, w, bh), y0 * w);
    }
  }
  const box = pageBox(gray, w, h);
  let cropped = crop(gray, w, box);
  const skew = estimateSkew(cropped, box.w, box.h);
  if (Math.abs(skew) > 0.0015) cropped = crop(rotateGray(gray, w, h, -skew), w, box);
  const out = grayToOcrImage(cropped, box.w, box.h, opts);
  return { ...out, skewRadians: skew };
}

interface Box { x: number; y: number; w: number; h: number }

/** Rotates a grey image by `angle` radians about its centre (as canvas rotate() would draw it), bilinear, white outside. */
export function rotateGray(g: Uint8Array, w: number, h: number, angle: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const c = Math.cos(angle), s = Math.sin(angle);
  const cx = w / 2, cy = h / 2;
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - cy;
    // source = centre + R(-angle)·(destination - centre)
    let sx = cx + c * (0.5 - cx) + s * dy - 0.5;
    let sy = cy - s * (0.5 - cx) + c * dy - 0.5;
    const row = y * w;
    for (let x = 0; x < w; x++, sx += c, sy -= s) {
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) { out[row + x] = 255; continue; }
      const fx = sx - x0, fy = sy - y0;
      const i = y0 * w + x0;
      const top = g[i]! + (g[i + 1]! - g[i]!) * fx;
      const bot = g[i + w]! + (g[i + w + 1]! - g[i + w]!) * fx;
      out[row + x] = top + (bot - top) * fy + 0.5;
    }
  }
  return out;
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
export function pageBox(g: Uint8Array, w: number, h: number): Box {
  const B = 24;
  const bw = Math.floor(w / B), bh = Math.floor(h / B);
  if (bw < 4 || bh < 4) return { x: 0, y: 0, w, h };
  const means = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) for (let bx = 0; bx < bw; bx++) {
    let s = 0;
    for (let y = by * B; y < (by + 1) * B; y += 3) for (let x = bx * B; x < (bx + 1) * B; x += 3) s += g[y * w + x]!;
    means[by * bw + bx] = s / 64;
  }
  // Otsu on block means
  const hist = new Float64Array(256);
  for (const m of means) hist[Math.min(255, Math.round(m))]!++;
  let sumAll = 0; for (let i = 0; i < 256; i++) sumAll += i * hist[i]!;
  let wB = 0, sumB = 0, best = 0, thr = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!; if (!wB) continue;
    const wF = means.length - wB; if (!wF) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB, mF = (sumAll - sumB) / wF;
    const v = wB * wF * (mB - mF) ** 2;
    if (v > best) { best = v; thr = t; }
  }
  let bright = 0; for (const m of means) if (m > thr) bright++;
  const frac = bright / means.length;
  if (frac > 0.93 || frac < 0.25) return { x: 0, y: 0, w, h };
  const rowOk = (by: number) => { let n = 0; for (let bx = 0; bx < bw; bx++) if (means[by * bw + bx]! > thr) n++; return n / bw > 0.4; };
  const colOk = (bx: number) => { let n = 0; for (let by = 0; by < bh; by++) if (means[by * bw + bx]! > thr) n++; return n / bh > 0.4; };
  let y0 = 0; while (y0 < bh && !rowOk(y0)) y0++;
  let y1 = bh - 1; while (y1 > y0 && !rowOk(y1)) y1--;
  let x0 = 0; while (x0 < bw && !colOk(x0)) x0++;
  let x1 = bw - 1; while (x1 > x0 && !colOk(x1)) x1--;
  const m = 1;
  const bx0 = Math.max(0, (x0 - m) * B), by0 = Math.max(0, (y0 - m) * B);
  const bx1 = Math.min(w, (x1 + 1 + m) * B), by1 = Math.min(h, (y1 + 1 + m) * B);
  if ((bx1 - bx0) * (by1 - by0) < w * h * 0.2) return { x: 0, y: 0, w, h };
  return { x: bx0, y: by0, w: bx1 - bx0, h: by1 - by0 };
}

/**
 * Estimates the text skew angle (radians, positive = text lines rise to the right... in image coordinates y grows downwards)
 * by maximising the sharpness of the horizontal projection profile over candidate angles in ±4°.
 */
export function estimateSkew(gray: Uint8Array, w: number, h: number): number {
  const f = Math.max(1, Math.round(w / 700));
  const sw = Math.floor(w / f), sh = Math.floor(h / f);
  let sum = 0;
  const small = new Uint8Array(sw * sh);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) { const v = gray[y * f * w + x * f]!; small[y * sw + x] = v; sum += v; }
  const thr = (sum / small.length) * 0.6;
  const xs: number[] = [], ys: number[] = [];
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) if (small[y * sw + x]! < thr) { xs.push(x); ys.push(y); }
  if (xs.length < 200) return 0;
  const score = (a: number) => {
    const t = Math.tan(a);
    const off = Math.ceil(sw * Math.abs(t)) + 1;
    const hist = new Float64Array(sh + 2 * off);
    for (let i = 0; i < xs.length; i++) { const r = Math.round(ys[i]! - xs[i]! * t) + off; hist[r]!++; }
    let s = 0;
    for (let i = 1; i < hist.length; i++) { const d = hist[i]! - hist[i - 1]!; s += d * d; }
    return s;
  };
  let best = 0, bestS = -1;
  for (let deg = -4; deg <= 4.0001; deg += 0.25) { const s = score((deg * Math.PI) / 180); if (s > bestS) { bestS = s; best = deg; } }
  const coarse = best;
  for (let deg = coarse - 0.25; deg <= coarse + 0.25; deg += 0.05) { const s = score((deg * Math.PI) / 180); if (s > bestS) { bestS = s; best = deg; } }
  return (best * Math.PI) / 180;
}

export function rgbaToGray(d: Uint8ClampedArray | Uint8Array, w: number, h: number): Uint8Array {
  const gray = new Uint8Array(w * h);
  for (let i = 0, j = 0; j < gray.length; i += 4, j++) gray[j] = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29) >> 8;
  return gray;
}

export function grayToOcrImage(gray: Uint8Array, w: number, h: number, opts: PrepareOptions = {}): OcrImage {
  invertFilledBoxes(gray, w, h);
  flattenBackground(gray, w, h);
  if (opts.removeRules ?? true) removeRules(gray, w, h);
  const t = opts.threshold ?? inkThreshold(gray);
  const soft = opts.softness ?? DEFAULT_SOFT;
  if (t > 0 && soft > 0) {
    // contrast stretch around the threshold: background noise and tinted rows go white, ink black, stroke edges keep their grey
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - (t - soft)) / (2 * soft)) * 255)));
    for (let i = 0; i < gray.length; i++) gray[i] = lut[gray[i]!]!;
  } else if (t > 0) for (let i = 0; i < gray.length; i++) gray[i] = gray[i]! < t ? 0 : 255;
  // tesseract's own deskew stays on although the page was deskewed here: measured, turning it off lost phone-photo rows (perspective
  // leaves a residual angle that differs across the page)
  return { data: toPgm(gray, w, h), width: w, height: h, rotateAuto: true };
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
  const B = 32;
  const bw = Math.ceil(w / B), bh = Math.ceil(h / B);
  const bg = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    const y1 = Math.min(h, (by + 1) * B);
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      const x1 = Math.min(w, (bx + 1) * B);
      for (let y = by * B; y < y1; y += 2) { const row = y * w; for (let x = bx * B; x < x1; x += 2) { const v = g[row + x]!; if (v > m) m = v; } }
      bg[by * bw + bx] = m;
    }
  }
  const tmp = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) for (let bx = 0; bx < bw; bx++) {
    let m = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const yy = by + dy, xx = bx + dx;
      if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) { const v = bg[yy * bw + xx]!; if (v > m) m = v; }
    }
    tmp[by * bw + bx] = m;
  }
  for (let by = 0; by < bh; by++) for (let bx = 0; bx < bw; bx++) {
    let s = 0, n = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const yy = by + dy, xx = bx + dx;
      if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) { s += tmp[yy * bw + xx]!; n++; }
    }
    bg[by * bw + bx] = Math.max(40, s / n);
  }
  const rowBg = new Float32Array(w);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(bh - 1, Math.max(0, y / B - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(bh - 1, y0 + 1), ty = fy - y0;
    for (let bx = 0; bx < bw; bx++) rowBg[bx] = bg[y0 * bw + bx]! * (1 - ty) + bg[y1 * bw + bx]! * ty;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(bw - 1, Math.max(0, x / B - 0.5));
      const x0 = Math.floor(fx), tx = fx - x0;
      const b = rowBg[x0]! * (1 - tx) + rowBg[Math.min(bw - 1, x0 + 1)]! * tx;
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
  const bw = Math.floor(w / B), bh = Math.floor(h / B);
  if (bw < 16 || bh < 5) return 0;
  const dark = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) for (let bx = 0; bx < bw; bx++) {
    let s = 0;
    for (let y = by * B; y < by * B + B; y += 2) for (let x = bx * B; x < bx * B + B; x += 2) s += g[y * w + x]!;
    dark[by * bw + bx] = s / 16 < 110 ? 1 : 0;
  }
  const seen = new Uint8Array(bw * bh);
  const stack: number[] = [];
  let boxes = 0;
  for (let i = 0; i < dark.length; i++) {
    if (!dark[i] || seen[i]) continue;
    let n = 0, x0 = bw, x1 = 0, y0 = bh, y1 = 0;
    stack.push(i); seen[i] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % bw, y = (k - x) / bw;
      n++; if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const xx = x + dx, yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= bw || yy >= bh) continue;
        const kk = yy * bw + xx;
        if (dark[kk] && !seen[kk]) { seen[kk] = 1; stack.push(kk); }
      }
    }
    const cw = x1 - x0 + 1, ch = y1 - y0 + 1;
    if (ch < 5 || cw < 16 || n < cw * ch * 0.5 || cw * ch > bw * bh * 0.3 || ch > 40) continue;
    // pixel-exact extent: rows / columns (inside the block box, with one block of slack) that are mostly dark
    const px0 = Math.max(0, (x0 - 1) * B), px1 = Math.min(w, (x1 + 2) * B), py0 = Math.max(0, (y0 - 1) * B), py1 = Math.min(h, (y1 + 2) * B);
    const rowDark = (y: number) => { let d = 0; for (let x = px0; x < px1; x++) if (g[y * w + x]! < 128) d++; return d / (px1 - px0); };
    const colDark = (x: number, ya: number, yb: number) => { let d = 0; for (let y = ya; y < yb; y++) if (g[y * w + x]! < 128) d++; return d / Math.max(1, yb - ya); };
    let ry0 = py0; while (ry0 < py1 && rowDark(ry0) < 0.4) ry0++;
    let ry1 = py1 - 1; while (ry1 > ry0 && rowDark(ry1) < 0.4) ry1--;
    let rx0 = px0; while (rx0 < px1 && colDark(rx0, ry0, ry1 + 1) < 0.6) rx0++;
    let rx1 = px1 - 1; while (rx1 > rx0 && colDark(rx1, ry0, ry1 + 1) < 0.6) rx1--;
    if (ry1 - ry0 < 30 || rx1 - rx0 < 100) continue;
    // invert, and scale so the (former) fill becomes paper white: its median is the fill level
    const hist = new Uint32Array(256);
    for (let y = ry0; y <= ry1; y++) for (let x = rx0; x <= rx1; x++) hist[255 - g[y * w + x]!]!++;
    const half = ((ry1 - ry0 + 1) * (rx1 - rx0 + 1)) / 2;
    let med = 0; for (let acc = 0; med < 255 && acc + hist[med]! < half; med++) acc += hist[med]!;
    const k = 255 / Math.max(64, med);
    for (let y = ry0; y <= ry1; y++) for (let x = rx0; x <= rx1; x++) { const v = (255 - g[y * w + x]!) * k; g[y * w + x] = v > 255 ? 255 : v; }
    boxes++;
  }
  return boxes;
}

/** Whitens dark runs longer than a threshold along rows and columns (table rules, box borders). */
export function removeRules(g: Uint8Array, w: number, h: number, dark = 185): void {
  const minH = Math.max(60, Math.round(w / 28));
  const minV = Math.max(60, Math.round(h / 30));
  const GAP = 2; // a rule may be broken by a pixel or two (scan noise, anti-aliasing after deskew)
  const mark = new Uint8Array(w * h); // 1 = horizontal rule, 2 = vertical rule
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let start = -1, last = -1;
    for (let x = 0; x <= w; x++) {
      const isDark = x < w && g[row + x]! < dark;
      if (isDark) { if (start < 0) start = x; last = x; }
      else if (start >= 0 && (x - last > GAP || x === w)) { if (last + 1 - start >= minH) mark.fill(1, row + start, row + last + 1); start = -1; }
    }
  }
  for (let x = 0; x < w; x++) {
    let start = -1, last = -1;
    for (let y = 0; y <= h; y++) {
      const isDark = y < h && g[y * w + x]! < dark;
      if (isDark) { if (start < 0) start = y; last = y; }
      else if (start >= 0 && (y - last > GAP || y === h)) { if (last + 1 - start >= minV) for (let k = start; k <= last; k++) mark[k * w + x] = 2; start = -1; }
    }
  }
  // the rule's faint edges (anti-aliasing) go too: OCR reads them as 1-px "words" and stretches neighbouring word boxes
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const m = mark[y * w + x];
    if (!m) continue;
    g[y * w + x] = 255;
    for (let d = -2; d <= 2; d++) {
      if (!d) continue;
      const yy = m === 1 ? y + d : y, xx = m === 1 ? x : x + d;
      if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
      const k = yy * w + xx;
      if (!mark[k] && g[k]! > 110) g[k] = 255;
    }
  }
}
