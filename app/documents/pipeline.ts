/**
 * The single entry point of the document pipeline: bytes in, structured fields out.
 * sniff (content validation) → text (PDF text layer, or OCR of images / image-only PDF pages) → extract (pure).
 */
import { extractFromPages } from "./extract";
import { prepareImageForOcr } from "./text/image";
import { RenderLimitExceeded, type RenderProcess, renderProcess } from "./text/isolated";
import { CanvasTooLarge } from "./text/limits";
import { nameBox, withNordicLetters } from "./parties/nordic";
import { OcrPool, type OcrImage } from "./text/ocr";
import { readPdf } from "./text/pdf";
import { readPaymentProof, type PaymentProofRead } from "./payment-proof";
import { readEgenandelReceipt, type ReceiptPrefill } from "./receipt";
import type { ExtractedDocument, ExtractionChecks } from "./schema";
import { sniff, type SniffLimits, type SniffReason } from "./text/sniff";
import type { PageText } from "./types";

export type { ExtractedDocument, ExtractionChecks } from "./schema";
export type { SniffReason } from "./text/sniff";
export type { ReceiptPrefill } from "./receipt";
export { OcrPool } from "./text/ocr";
export { stopPrepHelper } from "./text/prep-helper";
export { stopRenderProcess } from "./text/isolated";

export class DocumentRejected extends Error {
  readonly reason: SniffReason;
  constructor(reason: SniffReason, detail: string) {
    super(`document rejected (${reason}): ${detail}`);
    this.name = "DocumentRejected";
    this.reason = reason;
  }
}

export interface ExtractOptions {
  filename?: string;
  /** OCR pool to use; when absent a private one-worker pool is created and terminated afterwards. */
  ocr?: OcrPool;
  limits?: Partial<SniffLimits>;
  log?: (msg: string) => void;
  /**
   * The language the document is expected in (lexicon code: "es", "sv", "da", …), e.g. from the country the resident named.
   * Optional: a scanned page is then read at once with that language (+ English) instead of first reading its top to detect
   * the language; the language is still checked on the page's words, and the page read again when they name another one.
   */
  languageHint?: string;
  /** Given each OCR'd page's prepared image (`extractDocument` keeps the first two to read the patient's name again). */
  keepImage?: (page: number, img: OcrImage) => void;
  /**
   * Where image-only PDF pages are rendered and images decoded: the process's memory-capped render process (the default; see
   * `isolated.ts`), a given one, or `null` for this process (still with every canvas capped).
   */
  renderer?: RenderProcess | null;
}

export type ExtractionResult = ExtractedDocument & {
  pages: number;
  source: "text-layer" | "ocr" | "mixed";
  /** Mean OCR word confidence 0–1 over OCR'd pages; absent for a pure text layer. */
  confidence?: number;
  checks: ExtractionChecks;
  /** What the document shows of payment (issue 18 item 8): read from the same pages, for the proof-of-payment check. */
  payment: PaymentProofRead;
};

/** An OCR pool that is only created (by `get`) when a method of it is first used: a document with a text layer needs none. */
export function lazyPool(get: () => OcrPool): OcrPool {
  return new Proxy({} as OcrPool, {
    get: (_t, k) => {
      const p = get();
      const v = (p as never)[k];
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(p) : v;
    },
  });
}

/** Reads the positioned text of every page (text layer or OCR). */
export async function readPages(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<{ pages: PageText[]; kind: string }> {
  const log = opts.log ?? (() => undefined);
  const renderer = opts.renderer === undefined ? renderProcess() : (opts.renderer ?? undefined);
  const s = await sniff(bytes, opts.limits, renderer ?? null);
  if (!s.ok) throw new DocumentRejected(s.reason, s.detail);
  let own: OcrPool | undefined;
  const pool = () => opts.ocr ?? (own ??= new OcrPool({ size: 1, log }));
  try {
    if (s.kind === "pdf") {
      // a pool is only created if a page actually needs OCR
      const r = await readPdf(bytes, lazyPool(pool), log, opts.languageHint, opts.keepImage, renderer);
      return { pages: r.pages, kind: s.kind };
    }
    // decoded and prepared only once a worker is free (bounds the memory of many queued uploads); on two threads only when
    // another core is free (a busy pool's cores are reading pages)
    const keep = opts.keepImage;
    const page = await pool().recognizeLazy(
      ({ spareCore }) => (renderer ? renderer.prepareImage(bytes, spareCore) : prepareImageForOcr(bytes, spareCore ? {} : { helper: null })),
      1,
      { hint: opts.languageHint, ...(keep ? { keep: (img: OcrImage) => keep(1, img) } : {}) },
    );
    return { pages: [page], kind: s.kind };
  } catch (e) {
    // a page or image that reached the render process' memory cap or a canvas' area cap: the same answer as a PNG bomb
    if (e instanceof RenderLimitExceeded || e instanceof CanvasTooLarge) throw new DocumentRejected("image-too-large", e.message);
    throw e;
  } finally {
    if (own) await own.terminate();
  }
}

export async function extractDocument(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<ExtractionResult> {
  const log = opts.log ?? (() => undefined);
  let own: OcrPool | undefined;
  const pool = () => opts.ocr ?? (own ??= new OcrPool({ size: 1, log }));
  // the first two OCR'd pages' prepared images, to read the patient's name again (the name is on the first page of a document)
  const images = new Map<number, OcrImage>();
  try {
    const { pages } = await readPages(bytes, {
      ...opts,
      ocr: opts.ocr ?? lazyPool(pool),
      keepImage: (page, img) => {
        if (page <= 2) images.set(page, img);
      },
    });
    const doc = extractFromPages(pages);
    if (doc.patientName && images.size) doc.patientName = await norwegianLetters(doc.patientName, pages, images, pool(), log);
    return summarise(doc, pages);
  } finally {
    if (own) await own.terminate();
  }
}

/**
 * A Norwegian egenandel receipt read into the missing-egenandel report's fields (issue 21, item 5). A file of more than four pages is
 * no receipt (rejected); its language is Norwegian (the hint: a scan is read with the Norwegian model at once).
 */
export async function readReceipt(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<ReceiptPrefill> {
  let own: OcrPool | undefined;
  const pool = () => opts.ocr ?? (own ??= new OcrPool({ size: 1, log: opts.log ?? (() => undefined) }));
  try {
    const { pages } = await readPages(bytes, { ...opts, languageHint: opts.languageHint ?? "nb", ocr: opts.ocr ?? lazyPool(pool), limits: { maxPages: 4, ...opts.limits } });
    return readEgenandelReceipt(extractFromPages(pages), pages);
  } finally {
    if (own) await own.terminate();
  }
}

/**
 * The patient's name with the Norwegian letters a non-Nordic model could not read (`./nordic`): its line read again with the
 * Norwegian model. Left as it was when the line is not found or the read fails.
 */
async function norwegianLetters(name: string, pages: PageText[], images: Map<number, OcrImage>, pool: OcrPool, log: (m: string) => void): Promise<string> {
  const at = nameBox(pages, name);
  const img = at ? images.get(at.page) : undefined;
  if (!at || !img) return name;
  try {
    const words = await pool.readLine(img, at.box, ["nor"]);
    return withNordicLetters(
      name,
      words.map((w) => w.text),
    );
  } catch (e) {
    log(`the patient's name could not be read again: ${String(e)}`);
    return name;
  }
}

function summarise(doc: ReturnType<typeof extractFromPages>, pages: PageText[]): ExtractionResult {
  const payment = readPaymentProof(pages, doc);
  const ocrPages = pages.filter((p) => p.source === "ocr");
  const source = ocrPages.length === 0 ? "text-layer" : ocrPages.length === pages.length ? "ocr" : "mixed";
  const confidence = ocrPages.length ? ocrPages.reduce((a, p) => a + (p.confidence ?? 0), 0) / ocrPages.length / 100 : undefined;
  return { ...doc, pages: pages.length, source, ...(confidence !== undefined ? { confidence: Math.round(confidence * 1000) / 1000 } : {}), payment };
}
