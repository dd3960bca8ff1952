/**
 * Content-based validation of an uploaded document, before any decoding. The file name and declared MIME type are ignored:
 * only the bytes decide. Reason codes are stable; the UI translates them.
 */
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, PDFJS_LIMITS } from "./limits";
import { loadPdfJs } from "./pdf";
import { detectKind, type DocumentKind, jpegDimensions, jpegLooksComplete, pngDimensions } from "./formats";
import { pdfImageProblem } from "./pdf-images";

export { detectKind, type DocumentKind, jpegDimensions, pngDimensions };

export type SniffReason = "empty" | "unsupported-type" | "too-large" | "too-many-pages" | "encrypted" | "corrupt" | "image-too-large";

export interface SniffLimits {
  maxBytes: number;
  maxPages: number;
  /** Max width × height of an image (in a file or inside a PDF; 1.5 × this for a PDF page rendered for OCR). */
  maxPixels: number;
  /** Max width or height of an image. */
  maxSide: number;
}

export const DEFAULT_LIMITS: SniffLimits = { maxBytes: 20 * 1024 * 1024, maxPages: 30, maxPixels: MAX_IMAGE_PIXELS, maxSide: MAX_IMAGE_SIDE };

export type SniffResult = { ok: true; kind: DocumentKind; pages: number; width?: number; height?: number } | { ok: false; reason: SniffReason; detail: string };

const reject = (reason: SniffReason, detail: string): SniffResult => ({ ok: false, reason, detail });

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = Math.max(0, from); i < Math.min(b.length, to); i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Cheap structural check: an /Encrypt entry in a trailer or cross-reference stream dictionary. */
export function hasEncryptDict(b: Uint8Array): boolean {
  // Trailers and xref stream dicts sit near the end of each revision; scan the whole file in latin1 only if small, else tail+head.
  const s = b.length <= 4 * 1024 * 1024 ? latin1(b, 0, b.length) : latin1(b, 0, 1 << 20) + latin1(b, b.length - (1 << 20), b.length);
  return /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(s);
}

export async function sniff(bytes: Uint8Array, limits: Partial<SniffLimits> = {}): Promise<SniffResult> {
  const L = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length === 0) return reject("empty", "the file is empty");
  if (bytes.length > L.maxBytes) return reject("too-large", `the file is ${bytes.length} bytes; the limit is ${L.maxBytes}`);
  const kind = detectKind(bytes);
  if (!kind) return reject("unsupported-type", "the content is not a PDF, JPEG or PNG file");

  if (kind === "png" || kind === "jpeg") {
    const dim = kind === "png" ? pngDimensions(bytes) : jpegDimensions(bytes);
    if (!dim || dim.width === 0 || dim.height === 0) return reject("corrupt", `the ${kind.toUpperCase()} header is missing or broken`);
    if (dim.width > L.maxSide || dim.height > L.maxSide || dim.width * dim.height > L.maxPixels) {
      return reject("image-too-large", `the image is ${dim.width}×${dim.height} pixels; the limit is ${L.maxPixels} pixels`);
    }
    if (kind === "jpeg" && !jpegLooksComplete(bytes)) return reject("corrupt", "the JPEG is cut short or its segments are broken");
    return { ok: true, kind, pages: 1, ...dim };
  }

  if (hasEncryptDict(bytes)) return reject("encrypted", "the PDF is encrypted or password-protected");
  // every image in the PDF is measured before anything decodes it (a 875 KB file can hold a 900-megapixel image)
  const images = await pdfImageProblem(bytes, L);
  if (images) return reject(images.reason, images.detail);
  const pdfjs = await loadPdfJs();
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      verbosity: 0,
      stopAtErrors: true,
      ...PDFJS_LIMITS,
      maxImageSize: L.maxPixels,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === "PasswordException") return reject("encrypted", "the PDF is password-protected");
    return reject("corrupt", `the PDF cannot be read (${(e as Error).message ?? String(e)})`);
  }
  try {
    const pages = doc.numPages;
    if (pages < 1) return reject("corrupt", "the PDF has no pages");
    if (pages > L.maxPages) return reject("too-many-pages", `the PDF has ${pages} pages; the limit is ${L.maxPages}`);
    // every page must at least be reachable, and not absurdly large when rendered for OCR
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const vp = page.getViewport({ scale: 300 / 72 });
      if (vp.width * vp.height > L.maxPixels * 1.5) return reject("image-too-large", `page ${p} is too large (${Math.round(vp.width)}×${Math.round(vp.height)} px at 300 DPI)`);
    }
    return { ok: true, kind, pages };
  } catch (e) {
    return reject("corrupt", `the PDF is broken (${(e as Error).message ?? String(e)})`);
  } finally {
    await doc.destroy();
  }
}
