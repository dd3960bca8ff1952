/**
 * Image preparation for OCR: decode, grayscale, upscale small/low-resolution images, flatten uneven lighting, remove table rules.
 * The result is handed to tesseract as a binary PGM (no PNG encoding cost; leptonica reads PNM natively).
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { OcrImage } from "./ocr";

export interface PrepareOptions {
  /** Target width of an A4-like page in pixels (≈ 290 DPI). Smaller images are upscaled up to 2×. Default 2400. */
  targetWidth?: number;
  /** Erase long horizontal/vertical rules (table grids confuse tesseract's layout analysis). Default true. */
  removeRules?: boolean;
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
  const draw = (angle: number) => {
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext("2d");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    if (angle) { ctx.translate(w / 2, h / 2); ctx.rotate(angle); ctx.translate(-w / 2, -h / 2); }
    ctx.drawImage(src, 0, 0, w, h);
    return rgbaToGray(ctx.getImageData(0, 0, w, h).data, w, h);
  };
  let gray = draw(0);
  const box = pageBox(gray, w, h);
  let cropped = crop(gray, w, box);
  const skew = estimateSkew(cropped, box.w, box.h);
  if (Math.abs(skew) > 0.0015) { gray = draw(-skew); cropped = crop(gray, w, box); }
  const out = grayToOcrImage(cropped, box.w, box.h, opts);
  return { ...out, skewRadians: skew };
}

interface Box { x: number; y: number; w: number; h: number }

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
  flattenBackground(gray, w, h);
  if (opts.removeRules ?? true) removeRules(gray, w, h);
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

/** Whitens dark runs longer than a threshold along rows and columns (table rules, box borders). */
export function removeRules(g: Uint8Array, w: number, h: number, dark = 185): void {
  const minH = Math.max(60, Math.round(w / 28));
  const minV = Math.max(60, Math.round(h / 30));
  const mark = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let start = -1;
    for (let x = 0; x <= w; x++) {
      const isDark = x < w && g[row + x]! < dark;
      if (isDark && start < 0) start = x;
      else if (!isDark && start >= 0) { if (x - start >= minH) mark.fill(1, row + start, row + x); start = -1; }
    }
  }
  for (let x = 0; x < w; x++) {
    let start = -1;
    for (let y = 0; y <= h; y++) {
      const isDark = y < h && g[y * w + x]! < dark;
      if (isDark && start < 0) start = y;
      else if (!isDark && start >= 0) { if (y - start >= minV) for (let k = start; k < y; k++) mark[k * w + x] = 1; start = -1; }
    }
  }
  for (let i = 0; i < mark.length; i++) if (mark[i]) g[i] = 255;
}
