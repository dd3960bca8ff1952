/**
 * Content-based validation of an uploaded document, before any decoding. The file name and declared MIME type are ignored:
 * only the bytes decide. Reason codes are stable; the UI translates them.
 */
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from "./limits";
import { RenderFailed, RenderLimitExceeded, type RenderProcess, renderProcess } from "./isolated";
import { checkPdf, type PdfCheck } from "./pdf-check";
import { detectKind, type DocumentKind, jpegDimensions, jpegLooksComplete, pngDimensions } from "./formats";

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

/**
 * `renderer`: the render process a PDF is opened in (by default the process's own, `renderProcess()`); `null`: in this process.
 */
export async function sniff(bytes: Uint8Array, limits: Partial<SniffLimits> = {}, renderer?: RenderProcess | null): Promise<SniffResult> {
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
  // parsed (its images measured, then opened with pdf.js) in the capped render process (pdf-check.ts), here only where
  // rendering is too
  const proc = renderer === undefined ? renderProcess() : (renderer ?? undefined);
  let checked: PdfCheck;
  try {
    checked = proc ? await proc.checkPdf(bytes, L) : await checkPdf(bytes, L);
  } catch (e) {
    // the parser reached the render process' memory cap: no PDF the portal should take needs that (an object-stream bomb does)
    if (e instanceof RenderLimitExceeded) return reject("corrupt", "the PDF needs more memory to read than any document may have");
    if (e instanceof RenderFailed && e.timeout) return reject("corrupt", "the PDF takes longer to read than any document may");
    throw e;
  }
  return checked.ok ? { ok: true, kind, pages: checked.pages } : reject(checked.reason, checked.detail);
}
