/**
 * PDF reading: the text layer first (pdfjs getTextContent with item positions); pages with (nearly) no text are rendered at
 * ~300 DPI with @napi-rs/canvas (pdfjs' own canvasFactory, so the same canvas build as pdfjs) and OCR'd.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { prepareDrawableForOcr } from "./image";
import type { RenderProcess } from "./isolated";
import { PDFJS_LIMITS } from "./limits";
import { drawScanPage, scanPages, type ScanPages } from "./pdf-scan-page";
import { mergeRows } from "./lines";
import type { OcrImage, OcrPool } from "./ocr";
import type { PageText, Word } from "../types";

const require = createRequire(import.meta.url);
let standardFontDataUrl: string | undefined;
function fontDir(): string {
  standardFontDataUrl ??= join(dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + "/";
  return standardFontDataUrl;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsP: Promise<PdfJs> | undefined;
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsP ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((m) => {
    m.GlobalWorkerOptions.workerSrc ||= "pdfjs-dist/legacy/build/pdf.worker.mjs";
    return m;
  });
  return pdfjsP;
}

export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await loadPdfJs();
  // pdfjs transfers (detaches) the buffer it is given; always pass a copy.
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: fontDir(),
    verbosity: 0,
    stopAtErrors: false,
    // images above the pixel limit are skipped, never decoded; every canvas pdf.js makes is capped (./limits)
    ...PDFJS_LIMITS,
  }).promise;
}

/** Minimum number of non-space characters for a page to count as having a text layer. */
export const MIN_TEXT_CHARS = 20;
export const OCR_DPI = 300;

interface CanvasFactory {
  create(w: number, h: number): { canvas: unknown; context: unknown };
  destroy(c: unknown): void;
}
export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Splits one text-layer item into words, apportioning x positions by character count. */
function itemWords(it: PdfTextItem, pageHeight: number): Word[] {
  const [a = 1, b = 0, , d = 1, e = 0, f = 0] = it.transform;
  const size = Math.hypot(a, b) || Math.abs(d) || it.height || 10;
  const yTop = pageHeight - f - size * 0.8;
  const yBot = pageHeight - f + size * 0.2;
  const str = it.str;
  const n = str.length || 1;
  const cw = it.width / n;
  const out: Word[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(str))) {
    out.push({ text: m[0], x0: e + m.index * cw, x1: e + (m.index + m[0].length) * cw, y0: yTop, y1: yBot });
  }
  return out;
}

/**
 * The items' words, one fragment per item, except that an item which starts where the one before it ends, on its baseline and
 * with no space at the seam, goes on that item's last word when one of the two items is a ligature and the seam is letter to letter: a producer that sets a ligature as a glyph of its own ("ﬁ", "ﬂ")
 * makes it an item, and "Seduta di fisioterapia" came out "Seduta di fi sioterapia" (a blind held-out Italian invoice named no
 * treatment). The seam's gap must be under a tenth of the font size; a space is a quarter or more.
 */
/** The letters a font sets as one glyph, as pdf.js gives them (the glyph's letters or its own code point, U+FB00–FB06). */
const LIGATURE = /^(?:ff|fi|fl|ffi|ffl|ft|st|[\uFB00-\uFB06])$/u;

export function joinAbutting(items: PdfTextItem[], pageHeight: number): Word[][] {
  const out: Word[][] = [];
  let prev: { it: PdfTextItem; frag: Word[] } | null = null;
  for (const it of items) {
    const ws = itemWords(it, pageHeight);
    if (!ws.length) {
      if (it.str.length) prev = null;
      continue;
    }
    const last = prev?.frag[prev.frag.length - 1];
    const first = ws[0]!;
    const size = Math.max(first.y1 - first.y0, 1);
    // only at a ligature, letter to letter: a quantity's "1" set against a price's "30,00" stays two words
    const atLigature = !!prev && (LIGATURE.test(prev.it.str) || LIGATURE.test(it.str.split(/\s/)[0]!));
    if (
      prev &&
      last &&
      atLigature &&
      /\p{L}$/u.test(last.text) &&
      /^\p{L}/u.test(first.text) &&
      !/\s$/.test(prev.it.str) &&
      !/^\s/.test(it.str) &&
      Math.abs(first.y1 - last.y1) < size * 0.1 &&
      Math.abs(first.x0 - last.x1) < size * 0.1
    ) {
      prev.frag[prev.frag.length - 1] = { text: last.text + first.text, x0: last.x0, x1: first.x1, y0: Math.min(last.y0, first.y0), y1: Math.max(last.y1, first.y1) };
      prev.frag.push(...ws.slice(1));
      prev.it = it;
      continue;
    }
    const frag = [...ws];
    out.push(frag);
    prev = { it, frag };
  }
  return out;
}

/** One page's text layer: its size in points, its non-space characters, and its words (one fragment per pdf.js item). */
export interface PdfTextPage {
  width: number;
  height: number;
  chars: number;
  frags: Word[][];
}

type PdfDoc = Awaited<ReturnType<typeof openPdf>>;

/** The text layer of every page (no image is decoded for it). Run in the render process (its `text` request) or here. */
export async function pdfTextPages(doc: PdfDoc): Promise<PdfTextPage[]> {
  const out: PdfTextPage[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const vp = page.getViewport({ scale: 1 });
    const tc = await page.getTextContent();
    const items = tc.items.filter((i): i is typeof i & PdfTextItem => "str" in i);
    const chars = items.reduce((n, i) => n + i.str.replace(/\s/g, "").length, 0);
    out.push({ width: vp.width, height: vp.height, chars, frags: joinAbutting(items, vp.height) });
    page.cleanup();
  }
  return out;
}

export interface PdfReadResult {
  pages: PageText[];
  numPages: number;
}

/** Draws one image-only page at OCR_DPI and prepares it: in the render process, or in this one. */
type DrawPage = (page: number, spareCore: boolean) => Promise<OcrImage>;

/** `languageHint`: the language the document is expected in (see ExtractOptions), for its scanned pages. */
/** `keep`: given each OCR'd page's prepared image (see RecognizeOptions.keep). */
/**
 * `renderer`: the capped render process (`isolated.ts`) the PDF is opened in, its text layer read and its image-only pages
 * rendered and prepared; without one (tests, `FRIKORT_ISOLATE_RENDER=off`) all of it is done in this process, still with every
 * canvas capped.
 */
export async function readPdf(
  bytes: Uint8Array,
  ocr?: OcrPool,
  log: (m: string) => void = () => undefined,
  languageHint?: string,
  keep?: (page: number, img: OcrImage) => void,
  renderer?: RenderProcess,
): Promise<PdfReadResult> {
  if (renderer) {
    const remote = renderer.openPdf(bytes);
    try {
      const text = await remote.text();
      return await readPages(text, ocr, languageHint, keep, async (p, spareCore) => {
        const img = await remote.page(p, spareCore);
        log(`page ${p}: no text layer, OCR at ${OCR_DPI} DPI (${img.width}×${img.height}, rendered in the render process)`);
        return img;
      });
    } finally {
      remote.close();
    }
  }
  const doc = await openPdf(bytes);
  let scans: Promise<ScanPages> | undefined;
  try {
    const text = await pdfTextPages(doc);
    return await readPages(text, ocr, languageHint, keep, async (p) => {
      const page = await doc.getPage(p);
      const rv = page.getViewport({ scale: OCR_DPI / 72 });
      const w = Math.ceil(rv.width),
        h = Math.ceil(rv.height);
      // a bare scan page: drawn from its JPEG as pdf.js would, without pdf.js' JavaScript JPEG decoder (pdf-scan-page.ts)
      scans ??= scanPages(bytes);
      const scan = (await scans).jpeg(p);
      const drawn = scan ? await drawScanPage(scan, OCR_DPI) : null;
      // the page pdf.js would draw: the same canvas size, else pdf.js draws it
      if (drawn && drawn.width === w && drawn.height === h) {
        page.cleanup();
        log(`page ${p}: no text layer, one scanned JPEG: OCR at ${OCR_DPI} DPI (${w}×${h}, drawn from the JPEG)`);
        return prepareDrawableForOcr(drawn.canvas, drawn.width, drawn.height);
      }
      const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
      const cc = factory.create(w, h);
      try {
        await page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport: rv }).promise;
        log(`page ${p}: no text layer, OCR at ${OCR_DPI} DPI (${w}×${h})`);
        return prepareDrawableForOcr(cc.canvas as never, w, h);
      } finally {
        page.cleanup();
        try {
          factory.destroy(cc);
        } catch {
          /* already released */
        }
      }
    });
  } finally {
    await doc.destroy();
  }
}

/**
 * The pages: a page with a text layer as its words; an image-only page OCR'd, drawn (`draw`) only when an OCR worker is free (a
 * 300-DPI render is ~35 MB RGBA; pages are not all rendered up front), and OCR'd while the next page is drawn.
 */
async function readPages(
  text: PdfTextPage[],
  ocr: OcrPool | undefined,
  languageHint: string | undefined,
  keep: ((page: number, img: OcrImage) => void) | undefined,
  draw: DrawPage,
): Promise<PdfReadResult> {
  const pages: PageText[] = [];
  const jobs: Array<Promise<void>> = [];
  text.forEach((t, i) => {
    const p = i + 1;
    if (t.chars >= MIN_TEXT_CHARS || !ocr) {
      // one fragment per item: mergeRows joins items of a row
      pages.push({ page: p, width: t.width, height: t.height, lines: mergeRows(p, t.frags), source: "text-layer" });
      return;
    }
    const slot = pages.length;
    pages.push({ page: p, width: Math.ceil((t.width * OCR_DPI) / 72), height: Math.ceil((t.height * OCR_DPI) / 72), lines: [], source: "ocr" });
    jobs.push(
      ocr
        .recognizeLazy(({ spareCore }) => draw(p, spareCore), p, { hint: languageHint, ...(keep ? { keep: (img: OcrImage) => keep(p, img) } : {}) })
        .then((pt) => {
          pages[slot] = pt;
        }),
    );
  });
  // wait for every page (a failed page must not let the document be closed under a render still in progress)
  const settled = await Promise.allSettled(jobs);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return { pages, numPages: text.length };
}
