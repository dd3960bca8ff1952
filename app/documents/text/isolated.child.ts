/**
 * The render process (see isolated.ts): opens PDFs for the content check, reads their text layer, renders their pages at 300
 * DPI and decodes images, prepares them for OCR and sends the prepared page back. Its memory is capped by the parent
 * (RLIMIT_DATA); an allocation that fails is reported as `limit`.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { prepareDrawableForOcr, prepareImageForOcr } from "./image";
import { detectKind, jpegDimensions, pngDimensions } from "./formats";
import { checkCanvasSize, isAllocationFailure } from "./limits";
import type { OcrImage } from "./ocr";
import { OCR_DPI, openPdf, pdfTextPages } from "./pdf";
import { checkPdf } from "./pdf-check";
import { drawScanPage, scanPages, type ScanPages } from "./pdf-scan-page";

type Msg =
  | { op: "open"; id: number; bytes: Uint8Array }
  | { op: "close"; id: number }
  | { op: "page"; seq: number; id: number; page: number; spareCore: boolean }
  | { op: "png"; seq: number; id: number; page: number; dpi: number }
  | { op: "image"; seq: number; bytes: Uint8Array; spareCore: boolean }
  | { op: "text"; seq: number; id: number }
  | { op: "check"; seq: number; bytes: Uint8Array; maxPages: number; maxPixels: number; maxSide: number };

interface CanvasFactory {
  create(w: number, h: number): { canvas: unknown; context: unknown };
  destroy(c: unknown): void;
}
type Doc = Awaited<ReturnType<typeof openPdf>>;

// pages and images are large native objects freed only when collected: collect after each one
setFlagsFromString("--expose-gc");
const exposed: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
const gc = typeof exposed === "function" ? (exposed as () => void) : () => undefined;

/** Each open document: opened with pdf.js on first need (`opens` holds those opened). */
const docs = new Map<number, () => Promise<Doc>>();
const opens = new Map<number, Promise<Doc>>();
/** Each open document's bare scan pages (pdf-scan-page.ts), read from its JPEG instead of drawn by pdf.js. */
const scans = new Map<number, Promise<ScanPages>>();
/** Each open document's bytes (its bare scan pages are found from them on first need). */
const sources = new Map<number, Uint8Array>();
const send = (m: unknown) => process.send?.(m);

/** The open document `id`, opened with pdf.js if it was not yet. */
function openedDoc(id: number): Promise<Doc> {
  const open = docs.get(id);
  return open ? open() : Promise.reject(new Error(`document ${id} is not open`));
}

/** Pixels of an image file as its header gives them (0 when unknown). */
function filePixels(b: Uint8Array): number {
  const kind = detectKind(b);
  const d = kind === "jpeg" ? jpegDimensions(b) : kind === "png" ? pngDimensions(b) : null;
  return d ? d.width * d.height : 0;
}

/**
 * A page drawn at 300 DPI (by pdf.js, or a bare scan page from its JPEG as pdf.js would draw it) and prepared; `size` is told
 * the canvas' pixels first (the parent replaces the process after large ones).
 */
async function renderPage(id: number, p: number, size: (pixels: number) => void): Promise<OcrImage> {
  if (!docs.has(id)) throw new Error(`document ${id} is not open`);
  // its bare scan pages found on the first page it renders (a PDF with a text layer never needs them)
  let found = scans.get(id);
  if (!found) {
    found = scanPages(sources.get(id)!);
    scans.set(id, found);
  }
  const scan = (await found).jpeg(p);
  const drawn = scan ? await drawScanPage(scan, OCR_DPI) : null;
  if (drawn) {
    size(drawn.width * drawn.height);
    return prepareDrawableForOcr(drawn.canvas, drawn.width, drawn.height);
  }
  const doc = await openedDoc(id);
  const page = await doc.getPage(p);
  const rv = page.getViewport({ scale: OCR_DPI / 72 });
  const w = Math.ceil(rv.width),
    h = Math.ceil(rv.height);
  size(w * h);
  checkCanvasSize(w, h);
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const cc = factory.create(w, h);
  try {
    await page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport: rv }).promise;
    return prepareDrawableForOcr(cc.canvas as never, w, h);
  } finally {
    page.cleanup();
    try {
      factory.destroy(cc);
    } catch {
      /* already released */
    }
  }
}

/** One page as a PNG at `dpi`, for a person to look at (the caseworker's application view): no OCR preparation. */
async function renderPng(id: number, p: number, dpi: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  const doc = await openedDoc(id);
  const page = await doc.getPage(p);
  const rv = page.getViewport({ scale: dpi / 72 });
  const w = Math.ceil(rv.width),
    h = Math.ceil(rv.height);
  checkCanvasSize(w, h);
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const cc = factory.create(w, h);
  try {
    const ctx = cc.context as { fillStyle: string; fillRect: (x: number, y: number, w: number, h: number) => void };
    // a PDF page is white paper; without this a page with no background is transparent
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, w, h);
    await page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport: rv }).promise;
    const png = (cc.canvas as { toBuffer: (mime: "image/png") => Buffer }).toBuffer("image/png");
    return { data: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: w, height: h };
  } finally {
    page.cleanup();
    try {
      factory.destroy(cc);
    } catch {
      /* already released */
    }
  }
}

process.on("message", (m: Msg) => {
  if (m.op === "open") {
    // pdf.js is loaded and the document opened only for a page that needs it: a scanned PDF's bare scan pages do not
    const { id, bytes } = m;
    sources.set(id, bytes);
    docs.set(id, () => {
      // closed while a page waited: not opened again (nothing would destroy it)
      if (!docs.has(id)) return Promise.reject(new Error(`document ${id} is closed`));
      let p = opens.get(id);
      if (!p) {
        p = openPdf(bytes);
        p.catch(() => undefined); // reported to the page that needs it
        opens.set(id, p);
      }
      return p;
    });
    return;
  }
  if (m.op === "close") {
    const opened = opens.get(m.id);
    docs.delete(m.id);
    sources.delete(m.id);
    scans.delete(m.id);
    opens.delete(m.id);
    void opened
      ?.then((d) => d.destroy())
      .catch(() => undefined)
      .finally(gc);
    return;
  }
  const seq = m.seq;
  if (m.op === "check" || m.op === "text") {
    const work = m.op === "check" ? checkPdf(m.bytes, m) : openedDoc(m.id).then(pdfTextPages);
    work.then(
      (r) => {
        gc();
        send({ seq, rss: process.memoryUsage.rss(), ...(m.op === "check" ? { check: r } : { text: r }) });
      },
      (e: unknown) => {
        gc();
        send({ seq, rss: process.memoryUsage.rss(), error: String((e as Error)?.message ?? e), limit: isAllocationFailure(e) });
      },
    );
    return;
  }
  if (m.op === "png") {
    renderPng(m.id, m.page, m.dpi).then(
      (png) => {
        gc();
        send({ seq, rss: process.memoryUsage.rss(), png });
      },
      (e: unknown) => {
        gc();
        send({ seq, rss: process.memoryUsage.rss(), error: String((e as Error)?.message ?? e), limit: isAllocationFailure(e) });
      },
    );
    return;
  }
  // the page's canvas (not the images drawn on it), or the image file's own size (known from its header before decoding)
  let pixels = m.op === "page" ? 0 : filePixels(m.bytes);
  const work = m.op === "page" ? renderPage(m.id, m.page, (px) => (pixels = px)) : prepareImageForOcr(m.bytes, m.spareCore ? {} : { helper: null });
  work.then(
    (img) => {
      gc();
      send({ seq, rss: process.memoryUsage.rss(), pixels, img: { data: img.data, width: img.width, height: img.height, photo: img.photo, skewRadians: img.skewRadians } });
    },
    (e: unknown) => {
      gc();
      send({ seq, rss: process.memoryUsage.rss(), pixels, error: String((e as Error)?.message ?? e), limit: isAllocationFailure(e) });
    },
  );
});
// the parent is gone (crashed, killed): so is this process
process.on("disconnect", () => process.exit(0));
