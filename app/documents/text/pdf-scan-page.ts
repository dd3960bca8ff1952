/**
 * A scanned PDF page drawn without pdf.js (issue 21, speed). A scanner's PDF page is one JPEG drawn over the whole page. pdf.js
 * decodes that JPEG in JavaScript before drawing it on the 300-DPI canvas the page is read from: on a two-core machine 0.3–0.7 s
 * of CPU a page warm, and about 3 s for the first page in a fresh render process (bench/ocr/scan-page.ts). Such a page is drawn
 * here instead: the JPEG decoded natively, then drawn on a canvas of the same size, at the same integer position and with the
 * same smoothing as pdf.js (nearest neighbour when it enlarges more than 4/3 device pixels per image pixel, as pdf.js does), so
 * the page read is the page pdf.js would have drawn (measured in the same bench: the prepared pages differ only where the two
 * JPEG decoders round differently).
 *
 * Only a page whose content is nothing but that picture qualifies: its content stream holds only `q`, `Q`, `cm` and one `Do` of
 * an image XObject; the image is drawn upright (no rotation, no mirroring) and covers the page (within 1 % of each edge); the
 * page has no /Rotate and no annotations; the image is a plain 8-bit grey or RGB JPEG (DCTDecode alone, no /Decode, no mask,
 * no soft mask, no /Interpolate, no EXIF orientation) whose own header agrees with its /Width and /Height, and it is not shrunk
 * by more than half (pdf.js shrinks such an image in halving steps). Anything else (text drawn over a scan, a stamp, a CMYK JPEG, JBIG2, a rotated
 * page, an encrypted file) is drawn by pdf.js: what the page shows is what is read.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPageLeaf } from "pdf-lib";
import { loadImage } from "@napi-rs/canvas";
import { jpegDimensions, jpegLooksComplete, jpegOrientation } from "./formats";
import { boundedCanvas } from "./limits";
import { decodeContent, filters, name, num } from "./pdf-images";

/** A bare image page's content stream is a few dozen bytes; one this long is something else. */
const MAX_CONTENT = 64 * 1024;
/** How far the image's edges may lie from the page's, as a share of the page's width or height. */
const EDGE = 0.01;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** m1 × m2 in PDF's row-vector convention (`cm` makes CTM' = M × CTM). */
function mul(m1: Matrix, m2: Matrix): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [A, B, C, D, E, F] = m2;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

/** The image XObject names drawn by a content stream made of q/Q/cm/Do only, with the matrix each is drawn with; null otherwise. */
export function bareDraws(content: string): Array<{ name: string; ctm: Matrix }> | null {
  const tokens = content.match(/\/[^\s/[\]()<>{}%]+|[^\s/[\]()<>{}%]+|[[\]()<>{}%]/g) ?? [];
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  const operands: string[] = [];
  const draws: Array<{ name: string; ctm: Matrix }> = [];
  for (const t of tokens) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) || t.startsWith("/")) {
      operands.push(t);
      continue;
    }
    if (t === "q" && operands.length === 0) stack.push(ctm);
    else if (t === "Q" && operands.length === 0) {
      const top = stack.pop();
      if (!top) return null;
      ctm = top;
    } else if (t === "cm" && operands.length === 6 && operands.every((o) => !o.startsWith("/"))) {
      ctm = mul(operands.map(Number) as Matrix, ctm);
    } else if (t === "Do" && operands.length === 1 && operands[0]!.startsWith("/")) {
      draws.push({ name: operands[0]!.slice(1), ctm });
    } else return null; // any other operator, a string, an array, a comment: not a bare image page
    operands.length = 0;
  }
  return operands.length === 0 ? draws : null;
}

function box(arr: PDFArray | undefined): [number, number, number, number] | null {
  if (!arr || arr.size() !== 4) return null;
  const v = arr.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : NaN));
  if (v.some((x) => !Number.isFinite(x))) return null;
  return [Math.min(v[0]!, v[2]!), Math.min(v[1]!, v[3]!), Math.max(v[0]!, v[2]!), Math.max(v[1]!, v[3]!)];
}

function contentOf(leaf: PDFPageLeaf): string | null {
  const c = leaf.Contents();
  const streams = c instanceof PDFArray ? c.asArray().map((r) => leaf.context.lookup(r)) : [c];
  let out = "";
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) return null;
    const d = decodeContent(s, MAX_CONTENT);
    if (!d || d === "too-large") return null;
    // joined as pdf.js joins them (nothing between): a stream that ends in the middle of an operator is read as pdf.js reads it
    out += Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString("latin1");
    if (out.length > MAX_CONTENT) return null;
  }
  return out;
}

function plainJpeg(img: PDFRawStream): Uint8Array | null {
  const d = img.dict;
  if (name(d, "Subtype") !== "Image") return null;
  const fs = filters(d);
  if (fs.length !== 1 || (fs[0] !== "DCTDecode" && fs[0] !== "DCT")) return null;
  if (num(d, "BitsPerComponent", "BPC") !== 8) return null;
  // /OC: pdf.js hides an image whose optional content is off; /DecodeParms: pdf.js honours its /ColorTransform, the decoder here does not
  for (const k of ["Decode", "SMask", "Mask", "ImageMask", "SMaskInData", "Alternates", "Interpolate", "OC", "DecodeParms"]) if (d.has(PDFName.of(k))) return null;
  const cs = d.lookup(PDFName.of("ColorSpace"));
  let comps: number | undefined;
  if (cs instanceof PDFName) comps = cs.decodeText() === "DeviceGray" ? 1 : cs.decodeText() === "DeviceRGB" ? 3 : undefined;
  else if (cs instanceof PDFArray && cs.size() === 2 && cs.lookup(0) instanceof PDFName && (cs.lookup(0) as PDFName).decodeText() === "ICCBased") {
    const icc = cs.lookup(1);
    const n = icc instanceof PDFRawStream ? num(icc.dict, "N") : undefined;
    comps = n === 1 || n === 3 ? n : undefined;
  }
  if (!comps) return null;
  // a JPEG that starts with its marker and holds together (pdf.js skips junk before it, and draws a broken one otherwise)
  if (!jpegLooksComplete(img.contents)) return null;
  const own = jpegDimensions(img.contents);
  if (!own || own.width !== num(d, "Width", "W") || own.height !== num(d, "Height", "H")) return null;
  // the canvas library would turn or mirror a JPEG by its EXIF orientation; pdf.js draws its pixels as they are
  if (jpegOrientation(img.contents) !== 1) return null;
  return img.contents;
}

/** A bare scan page: its JPEG (`width` × `height` pixels), the page's visible box and where the JPEG is drawn, in PDF units. */
export interface ScanPage {
  jpeg: Uint8Array;
  width: number;
  height: number;
  view: [number, number, number, number];
  rect: [number, number, number, number];
}

/** The JPEG a page is made of, or null when the page is more than one upright JPEG over the whole page. */
export function pageJpeg(leaf: PDFPageLeaf): ScanPage | null {
  const rot = leaf.Rotate();
  if (rot && rot.asNumber() % 360 !== 0) return null;
  // pdf.js scales the page by its /UserUnit
  const unit = leaf.lookup(PDFName.of("UserUnit"));
  if (unit !== undefined && !(unit instanceof PDFNumber && unit.asNumber() === 1)) return null;
  const annots = leaf.Annots();
  if (annots && annots.size() > 0) return null;
  const media = box(leaf.MediaBox());
  const crop = box(leaf.CropBox());
  if (!media) return null;
  // what pdf.js shows: the crop box within the media box
  const view: ScanPage["view"] = crop ? [Math.max(media[0], crop[0]), Math.max(media[1], crop[1]), Math.min(media[2], crop[2]), Math.min(media[3], crop[3])] : media;
  const W = view[2]! - view[0]!,
    H = view[3]! - view[1]!;
  if (!(W > 0 && H > 0)) return null;
  const content = contentOf(leaf);
  const draws = content === null ? null : bareDraws(content);
  if (!draws || draws.length !== 1) return null;
  const [a, b, c, d, e, f] = draws[0]!.ctm;
  // upright and not mirrored: the unit square goes to [e, e+a] × [f, f+d]
  if (Math.abs(b) > 1e-6 * Math.abs(a) || Math.abs(c) > 1e-6 * Math.abs(d) || !(a > 0) || !(d > 0)) return null;
  const near = (x: number, y: number, size: number) => Math.abs(x - y) <= EDGE * size;
  if (!near(e, view[0]!, W) || !near(f, view[1]!, H) || !near(e + a, view[2]!, W) || !near(f + d, view[3]!, H)) return null;
  const xobjects = leaf.Resources()?.lookup(PDFName.of("XObject"));
  if (!(xobjects instanceof PDFDict)) return null;
  const img = xobjects.lookup(PDFName.of(draws[0]!.name));
  const jpeg = img instanceof PDFRawStream ? plainJpeg(img) : null;
  if (!jpeg) return null;
  const own = jpegDimensions(jpeg)!;
  return { jpeg, width: own.width, height: own.height, view, rect: [e, f, e + a, f + d] };
}

/**
 * The page drawn as pdf.js draws it at `dpi` (`getViewport({ scale: dpi / 72 })`, its canvas `ceil`ed, white paper, the image at
 * rounded device coordinates, smoothing only when it does not enlarge more than 4/3), or null when pdf.js would shrink the image
 * in steps (more than half) and this would not give the same page.
 */
export async function drawScanPage(scan: ScanPage, dpi: number) {
  const k = dpi / 72;
  const [v0, v1, v2, v3] = scan.view;
  const w = Math.ceil((v2 - v0) * k),
    h = Math.ceil((v3 - v1) * k);
  const [x0, y0, x1, y1] = scan.rect;
  const sx = ((x1 - x0) * k) / scan.width,
    sy = ((y1 - y0) * k) / scan.height;
  if (sx < 0.5 || sy < 0.5) return null;
  let img: Awaited<ReturnType<typeof loadImage>>;
  try {
    img = await loadImage(Buffer.from(scan.jpeg.buffer, scan.jpeg.byteOffset, scan.jpeg.byteLength));
  } catch {
    return null; // not decodable here: pdf.js draws the page
  }
  if (img.width !== scan.width || img.height !== scan.height) return null;
  const left = Math.round((x0 - v0) * k),
    top = Math.round((v3 - y1) * k);
  const dw = Math.abs(Math.round((x1 - v0) * k) - left) || 1,
    dh = Math.abs(Math.round((v3 - y0) * k) - top) || 1;
  const canvas = boundedCanvas(w, h);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  // pdf.js: getImageSmoothingEnabled (device pixels per image pixel ≤ 96/72, the CSS pixel ratio it assumes, as a float32)
  const limit = Math.fround(4 / 3);
  ctx.imageSmoothingEnabled = sx <= limit && sy <= limit;
  ctx.drawImage(img, 0, 0, scan.width, scan.height, left, top, dw, dh);
  return { canvas, width: w, height: h };
}

/** Each page's JPEG, for a PDF whose pages are bare scans (`pageJpeg`); a page that is not, or a file pdf-lib cannot read, gives null. */
export interface ScanPages {
  jpeg(page: number): ScanPage | null;
}

export async function scanPages(bytes: Uint8Array): Promise<ScanPages> {
  let doc: PDFDocument | null = null;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    // an encrypted file's streams are still encrypted here: pdf.js decrypts them
    if (doc.isEncrypted) doc = null;
  } catch {
    doc = null;
  }
  return {
    jpeg(page) {
      if (!doc || page < 1 || page > doc.getPageCount()) return null;
      try {
        return pageJpeg(doc.getPage(page - 1).node);
      } catch {
        return null;
      }
    },
  };
}
