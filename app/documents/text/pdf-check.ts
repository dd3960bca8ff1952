/**
 * The part of the content check (`sniff.ts`) that parses the PDF: no image in it above the limits, measured before anything
 * decodes it (pdf-images.ts, with pdf-lib); the PDF opens in pdf.js with errors not tolerated; its page count is within the
 * limit; and no page is too large to render for OCR. It runs in the capped render process (`isolated.ts`), so a PDF built to
 * exhaust either parser (an object-stream bomb: both inflate object streams without a cap) meets the operating system's
 * memory cap, not the web process's; in this process only where rendering is too (`FRIKORT_ISOLATE_RENDER=off`, tests).
 */
import { isAllocationFailure, PDFJS_LIMITS } from "./limits";
import { loadPdfJs } from "./pdf";
import { pdfImageProblem } from "./pdf-images";

export interface PdfCheckLimits {
  maxPages: number;
  /** Max pixels of an image inside the PDF; a page rendered at 300 DPI may have 1.5 × this. */
  maxPixels: number;
  /** Max width or height of an image inside the PDF. */
  maxSide: number;
}

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: "encrypted" | "corrupt" | "too-many-pages" | "image-too-large" | "too-large"; detail: string };

export async function checkPdf(bytes: Uint8Array, L: PdfCheckLimits): Promise<PdfCheck> {
  // every image in the PDF is measured before anything decodes it (a 875 KB file can hold a 900-megapixel image)
  const images = await pdfImageProblem(bytes, L);
  if (images) return { ok: false, ...images };
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
    // at the memory cap: said as such (the render process replies `limit`), not as a broken file
    if (isAllocationFailure(e)) throw e;
    const name = (e as { name?: string }).name;
    if (name === "PasswordException") return { ok: false, reason: "encrypted", detail: "the PDF is password-protected" };
    return { ok: false, reason: "corrupt", detail: `the PDF cannot be read (${(e as Error).message ?? String(e)})` };
  }
  try {
    const pages = doc.numPages;
    if (pages < 1) return { ok: false, reason: "corrupt", detail: "the PDF has no pages" };
    if (pages > L.maxPages) return { ok: false, reason: "too-many-pages", detail: `the PDF has ${pages} pages; the limit is ${L.maxPages}` };
    // every page must at least be reachable, and not absurdly large when rendered for OCR
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const vp = page.getViewport({ scale: 300 / 72 });
      if (vp.width * vp.height > L.maxPixels * 1.5) {
        return { ok: false, reason: "image-too-large", detail: `page ${p} is too large (${Math.round(vp.width)}×${Math.round(vp.height)} px at 300 DPI)` };
      }
    }
    return { ok: true, pages };
  } catch (e) {
    if (isAllocationFailure(e)) throw e;
    return { ok: false, reason: "corrupt", detail: `the PDF is broken (${(e as Error).message ?? String(e)})` };
  } finally {
    await doc.destroy();
  }
}
