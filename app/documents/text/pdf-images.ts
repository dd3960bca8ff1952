/**
 * The images inside a PDF, measured before anything is decoded (issue 16, item 1): an 875 KB PDF can hold a 30 000 × 30 000
 * greyscale image (Flate-compressed zeros), 900 MB once decoded and several GB while pdf.js and the canvas render it.
 *
 * The file's objects are parsed with pdf-lib (dictionaries only: no image data is decoded) and
 * - every image stream in the file — page and Form XObjects, soft masks, masks, images in patterns, Type 3 glyphs and
 *   annotation appearances, referenced or not — is measured by its /Width and /Height, and a JPEG (DCTDecode) or JPEG 2000
 *   (JPXDecode) image also by the size in its own header, which is what its decoder allocates;
 * - every other stream that can hold content (page contents, Form XObjects, patterns, glyph procedures, appearances) is
 *   inflated with a cap on its decoded size and searched for inline images (BI … ID), which carry /W and /H.
 */
import { inflateRawSync, inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFArray, type PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from "pdf-lib";
import { jpegDimensions } from "./formats";
import { isAllocationFailure } from "./limits";

export interface ImageLimits {
  maxPixels: number;
  maxSide: number;
}

export type PdfImageProblem = { reason: "image-too-large" | "too-large"; detail: string };

/** A content stream is inflated to at most this to look for inline images; all of them together to at most 4×. */
export const MAX_CONTENT_BYTES = 64 * 1024 * 1024;

const NO_CONTENT_TYPES = new Set(["XRef", "ObjStm", "Metadata", "EmbeddedFile"]);
/** Filters whose output is an image, not content: such a stream holds no inline images. */
const IMAGE_FILTERS = new Set(["DCTDecode", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode"]);

export function num(dict: PDFDict, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = dict.lookup(PDFName.of(k));
    if (v instanceof PDFNumber) return v.asNumber();
  }
  return undefined;
}

export function name(dict: PDFDict, key: string): string | undefined {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFName ? v.decodeText() : undefined;
}

export function filters(dict: PDFDict): string[] {
  const f = dict.lookup(PDFName.of("Filter"));
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : x instanceof PDFRef ? "?" : String(x)));
  return [];
}

/** Width/height from a JPEG 2000 code stream's SIZ marker (raw code stream or inside a JP2 file). */
export function jpxDimensions(b: Uint8Array): { width: number; height: number } | null {
  for (let i = 0; i + 14 < b.length && i < 1 << 20; i++) {
    if (b[i] === 0xff && b[i + 1] === 0x4f && b[i + 2] === 0xff && b[i + 3] === 0x51) {
      const dv = new DataView(b.buffer, b.byteOffset + i + 4);
      // Lsiz(2) Rsiz(2) Xsiz(4) Ysiz(4) XOsiz(4) YOsiz(4)
      if (dv.byteLength < 20) return null;
      return { width: dv.getUint32(4) - dv.getUint32(12), height: dv.getUint32(8) - dv.getUint32(16) };
    }
  }
  return null;
}

const tooBig = (w: number, h: number, L: ImageLimits) => (!(w > 0 && h > 0) ? false : w > L.maxSide || h > L.maxSide || w * h > L.maxPixels);

/** Inline images (BI <dict> ID) in decoded content: their /W and /H. */
export function inlineImageSizes(content: Uint8Array): Array<{ width: number; height: number }> {
  const out: Array<{ width: number; height: number }> = [];
  const s = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString("latin1");
  const re = /(?:^|[\s\]>)])BI[\s/]([\s\S]{0,2000}?)[\s/\]>)]ID[\s]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const dict = m[1]!;
    const w = /\/(?:W|Width)\s+(\d+)/.exec(dict);
    const h = /\/(?:H|Height)\s+(\d+)/.exec(dict);
    if (w && h) out.push({ width: Number(w[1]), height: Number(h[1]) });
  }
  return out;
}

export function decodeContent(stream: PDFRawStream, cap: number): Uint8Array | "too-large" | null {
  const fs = filters(stream.dict);
  if (fs.some((f) => IMAGE_FILTERS.has(f))) return null;
  const raw = stream.contents;
  if (fs.length === 0) return raw;
  if (fs.length === 1 && (fs[0] === "FlateDecode" || fs[0] === "Fl")) {
    try {
      return inflateSync(raw, { maxOutputLength: cap, finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream gives what it has */ });
    } catch (e) {
      if (e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return "too-large";
      try {
        return inflateRawSync(raw, { maxOutputLength: cap, finishFlush: 2 });
      } catch (e2) {
        if (e2 instanceof RangeError || (e2 as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return "too-large";
        return null; // not inflatable: pdf.js will not find inline images in it either
      }
    }
  }
  try {
    // LZW, ASCIIHex, ASCII85, RunLength (pdf-lib's decoders; none expands anywhere near Flate's ratio)
    const out = decodePDFRawStream(stream).decode();
    return out.length > cap ? "too-large" : out;
  } catch {
    return null;
  }
}

/**
 * The first image in the PDF above the limits (or content that inflates beyond MAX_CONTENT_BYTES), or null. A file pdf-lib
 * cannot parse is left to pdf.js (which refuses it as corrupt, or renders it with its own `maxImageSize` and in the capped
 * renderer process).
 */
export async function pdfImageProblem(bytes: Uint8Array, L: ImageLimits): Promise<PdfImageProblem | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch (e) {
    // at the memory cap: said as such, not scanned as a file pdf-lib cannot parse
    if (isAllocationFailure(e)) throw e;
    return rawScan(bytes, L);
  }
  let contentTotal = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const d = obj.dict;
    const subtype = name(d, "Subtype");
    const w = num(d, "Width", "W"),
      h = num(d, "Height", "H");
    const isImage = subtype === "Image" || (w !== undefined && h !== undefined && subtype === undefined && name(d, "Type") !== "XRef");
    if (isImage) {
      if (w !== undefined && h !== undefined && tooBig(w, h, L))
        return { reason: "image-too-large", detail: `an image in the PDF is ${w}×${h} pixels; the limit is ${L.maxPixels} pixels` };
      const f = filters(d)[0];
      const own = f === "DCTDecode" || f === "DCT" ? jpegDimensions(obj.contents) : f === "JPXDecode" ? jpxDimensions(obj.contents) : null;
      if (own && tooBig(own.width, own.height, L))
        return { reason: "image-too-large", detail: `an image in the PDF is ${own.width}×${own.height} pixels; the limit is ${L.maxPixels} pixels` };
      continue;
    }
    const type = name(d, "Type");
    if (type && NO_CONTENT_TYPES.has(type)) continue;
    // font programs and colour profiles are decoded by pdf.js too (for the text layer): capped like content, but hold no images
    const notContent =
      d.has(PDFName.of("Length1")) ||
      d.has(PDFName.of("Length2")) ||
      subtype === "Type1C" ||
      subtype === "CIDFontType0C" ||
      subtype === "OpenType" ||
      (d.has(PDFName.of("N")) && !d.has(PDFName.of("BBox")));
    const content = decodeContent(obj, MAX_CONTENT_BYTES);
    if (content === "too-large") return { reason: "too-large", detail: `a stream of the PDF inflates to more than ${MAX_CONTENT_BYTES} bytes` };
    if (!content) continue;
    contentTotal += content.length;
    if (contentTotal > 4 * MAX_CONTENT_BYTES) return { reason: "too-large", detail: `the PDF's streams inflate to more than ${4 * MAX_CONTENT_BYTES} bytes` };
    if (notContent) continue;
    for (const im of inlineImageSizes(content)) {
      if (tooBig(im.width, im.height, L))
        return { reason: "image-too-large", detail: `an inline image in the PDF is ${im.width}×${im.height} pixels; the limit is ${L.maxPixels} pixels` };
    }
  }
  return null;
}

/** For a file pdf-lib cannot parse: image dictionaries and inline images written uncompressed in the file. */
function rawScan(bytes: Uint8Array, L: ImageLimits): PdfImageProblem | null {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const re = /<<((?:(?!<<|>>)[\s\S]){0,2000}?\/Subtype\s*\/Image(?:(?!<<|>>)[\s\S]){0,2000}?)>>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const w = /\/Width\s+(\d+)/.exec(m[1]!),
      h = /\/Height\s+(\d+)/.exec(m[1]!);
    if (w && h && tooBig(Number(w[1]), Number(h[1]), L)) return { reason: "image-too-large", detail: `an image in the PDF is ${w[1]}×${h[1]} pixels` };
  }
  for (const im of inlineImageSizes(bytes)) {
    if (tooBig(im.width, im.height, L)) return { reason: "image-too-large", detail: `an inline image in the PDF is ${im.width}×${im.height} pixels` };
  }
  return null;
}
