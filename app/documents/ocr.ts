/**
 * Bounded tesseract.js worker pool, fully offline.
 *
 * - Language data comes from the installed @tesseract.js-data/<code> packages (LSTM-only "best_int" models). tesseract.js wants one
 *   folder for all languages, so a folder of symlinks is created at runtime (DATA_DIR or the OS temp dir).
 * - Each worker is created behind our own timeout (a worker that cannot load its data never settles) and with an errorHandler (without
 *   one a worker-side failure is thrown from an event handler and kills the process).
 * - A recognition that exceeds the page timeout terminates its worker (a wasm call cannot be cancelled) and is retried once on a new one.
 */
import { createRequire } from "node:module";
import { existsSync, mkdirSync, symlinkSync, readlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Worker } from "tesseract.js";
import { detectLanguage } from "./extract";
import { mergeRows } from "./layout";
import { fold } from "./parse";
import type { PageText, Word } from "./types";

export const ALL_LANGS = ["nor", "swe", "dan", "eng", "deu", "spa", "pol", "fra", "ita"] as const;
export type OcrLang = (typeof ALL_LANGS)[number];

/** Lexicon language code → tesseract model. */
export const TESS_LANG: Record<string, OcrLang> = { nb: "nor", nn: "nor", sv: "swe", da: "dan", en: "eng", de: "deu", es: "spa", pl: "pol", fr: "fra", it: "ita" };

export interface OcrPoolOptions {
  /** Number of workers (each holds its own model copy, ~300–400 MB). Default 2. */
  size?: number;
  /** Tesseract language codes the pool may use. Default: all nine installed languages. */
  langs?: readonly OcrLang[];
  /**
   * "auto" (default when more than two languages are allowed): each page is first read with English only on its top part, the
   * document language is detected from that text (lexicon words), and the page is then read with that language + English. Every
   * language a tesseract instance carries is retried on each doubtful word, so nine loaded languages cost 3–8× the time of two.
   * "all": every page is read with all `langs` at once (the pre-2026-11-24 behaviour).
   */
  languageSelection?: "auto" | "all";
  /** Per-page recognition timeout. Default 60 s. */
  pageTimeoutMs?: number;
  /** Worker creation timeout. Default 30 s. */
  createTimeoutMs?: number;
  /** Folder for the language symlinks and tesseract's cache. Default $DATA_DIR/tessdata or <tmpdir>/frikort-tessdata-<uid>. */
  dataDir?: string;
  log?: (msg: string) => void;
}

export interface OcrImage {
  /** Encoded image (PNG/JPEG) or raw pixels as understood by tesseract.js. */
  data: Buffer;
  width: number;
  height: number;
  /** Apply tesseract's deskew (rotateAuto). Default true. */
  rotateAuto?: boolean;
  /** Skew that preprocessing removed (radians), for diagnostics. */
  skewRadians?: number;
}

export class OcrTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`OCR ${what} timed out after ${ms} ms`);
    this.name = "OcrTimeoutError";
  }
}

const require = createRequire(import.meta.url);

/** Creates (idempotently) a folder of <code>.traineddata.gz symlinks into node_modules. */
export function prepareLangDir(dir: string, langs: readonly string[]): string {
  const langDir = join(dir, "best_int");
  mkdirSync(langDir, { recursive: true });
  for (const code of langs) {
    const pkgJson = require.resolve(`@tesseract.js-data/${code}/package.json`);
    const target = join(dirname(pkgJson), "4.0.0_best_int", `${code}.traineddata.gz`);
    if (!existsSync(target)) throw new Error(`missing OCR language data for ${code}: ${target}`);
    const link = join(langDir, `${code}.traineddata.gz`);
    let ok = false;
    try { ok = readlinkSync(link) === target; } catch { /* missing */ }
    if (!ok) {
      try { unlinkSync(link); } catch { /* missing */ }
      try { symlinkSync(target, link); } catch (e) { if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; }
    }
  }
  return langDir;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => { onTimeout?.(); reject(new OcrTimeoutError(what, ms)); }, ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

interface Slot { worker: Worker; busy: boolean; langs: string }

export interface RecognizeOptions {
  /** Read the page with exactly these languages (skips detection). */
  langs?: readonly OcrLang[];
}

export class OcrPool {
  readonly size: number;
  readonly langs: readonly OcrLang[];
  readonly languageSelection: "auto" | "all";
  private readonly pageTimeoutMs: number;
  private readonly createTimeoutMs: number;
  private readonly dataDir: string;
  private readonly log: (msg: string) => void;
  /** Per-page diagnostics (language choice): only to a log the caller supplied. */
  private readonly trace: (msg: string) => void;
  private slots: Slot[] = [];
  private creating = 0;
  private waiters: Array<(s: Slot) => void> = [];
  private closed = false;
  private langDir?: string;

  constructor(opts: OcrPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? 2);
    this.langs = opts.langs ?? ALL_LANGS;
    this.languageSelection = opts.languageSelection ?? (this.langs.length > 2 ? "auto" : "all");
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 60_000;
    this.createTimeoutMs = opts.createTimeoutMs ?? 30_000;
    const uid = typeof process.getuid === "function" ? process.getuid() : 0;
    this.dataDir = opts.dataDir ?? (process.env.DATA_DIR ? join(process.env.DATA_DIR, "tessdata") : join(tmpdir(), `frikort-tessdata-${uid}`));
    this.log = opts.log ?? ((m) => process.stderr.write(`[ocr] ${m}\n`));
    this.trace = opts.log ?? (() => undefined);
  }

  /** The language set a new worker starts with. */
  private initialLangs(): string {
    if (this.languageSelection === "all") return this.langs.join("+");
    return this.detectLang();
  }

  private detectLang(): OcrLang {
    return this.langs.includes("eng") ? "eng" : this.langs[0]!;
  }

  private async createWorker(): Promise<{ worker: Worker; langs: string }> {
    const { createWorker, OEM } = await import("tesseract.js");
    this.langDir ??= prepareLangDir(this.dataDir, this.langs);
    const cachePath = join(this.dataDir, "cache");
    mkdirSync(cachePath, { recursive: true });
    let failed: unknown;
    const langs = this.initialLangs();
    const p = createWorker(langs, OEM.LSTM_ONLY, {
      langPath: this.langDir,
      gzip: true,
      cacheMethod: "none",
      cachePath,
      errorHandler: (e: unknown) => { failed = e; this.log(`worker error: ${String(e)}`); },
    });
    let created: Worker | undefined;
    p.then((w) => { created = w; }, () => undefined);
    const worker = await withTimeout(p, this.createTimeoutMs, "worker creation", () => { void created?.terminate(); });
    if (failed) { await worker.terminate().catch(() => undefined); throw new Error(`OCR worker failed: ${String(failed)}`); }
    await worker.setParameters(WORKER_PARAMS);
    return { worker, langs };
  }

  /** Switches a worker to another language set (models already loaded stay in the worker's file system). */
  private async useLangs(slot: Slot, langs: string): Promise<void> {
    if (slot.langs === langs) return;
    const { OEM } = await import("tesseract.js");
    slot.langs = "";
    await withTimeout(slot.worker.reinitialize(langs, OEM.LSTM_ONLY), this.createTimeoutMs, "language switch");
    await slot.worker.setParameters(WORKER_PARAMS);
    slot.langs = langs;
  }

  /** Picks the languages for a page: explicit, all, or detected from an English read of the page's top part. */
  private async pageLangs(slot: Slot, img: OcrImage, opts: RecognizeOptions): Promise<string> {
    if (opts.langs?.length) return opts.langs.join("+");
    if (this.languageSelection === "all") return this.langs.join("+");
    const det = this.detectLang();
    await this.useLangs(slot, det);
    const res = await withTimeout(
      slot.worker.recognize(topPart(img, 0.4), { rotateAuto: false }, { blocks: true, text: false }),
      this.pageTimeoutMs, "language detection");
    const words = wordsOf(res.data as { blocks: TBlock[] | null });
    const lang = detectLanguage(fold(words.map((w) => w.text).join(" ")));
    const tess = lang ? TESS_LANG[lang] : undefined;
    // measured: <language>+nor (for the patients' æ/ø names) lost a Swedish scan's rows and three invoice numbers; kept +eng
    const chosen = tess && this.langs.includes(tess) ? [tess, ...(tess !== det ? [det] : [])] : [det];
    this.trace(`page language ${lang ?? "unknown"} → ${chosen.join("+")}`);
    return chosen.join("+");
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw new Error("OCR pool is terminated");
    const free = this.slots.find((s) => !s.busy);
    if (free) { free.busy = true; return free; }
    if (this.slots.length + this.creating < this.size) {
      this.creating++;
      try {
        const { worker, langs } = await this.createWorker();
        const slot: Slot = { worker, busy: true, langs };
        if (this.closed) { await worker.terminate().catch(() => undefined); throw new Error("OCR pool is terminated"); }
        this.slots.push(slot);
        return slot;
      } finally { this.creating--; }
    }
    return new Promise<Slot>((resolve) => this.waiters.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiters.shift();
    if (next && this.slots.includes(slot)) { next(slot); return; }
    slot.busy = false;
    if (next) void this.acquire().then(next);
  }

  private async discard(slot: Slot): Promise<void> {
    this.slots = this.slots.filter((s) => s !== slot);
    await slot.worker.terminate().catch(() => undefined);
    const next = this.waiters.shift();
    if (next) void this.acquire().then(next, () => undefined);
  }

  /** Starts the workers now instead of on first use. */
  async warmUp(): Promise<void> {
    const slots = await Promise.all(Array.from({ length: this.size - this.slots.length }, () => this.acquire()));
    slots.forEach((s) => this.release(s));
  }

  /** Recognises one page image and returns positioned lines. Retries once on a fresh worker after a timeout or worker failure. */
  async recognize(img: OcrImage, page = 1, opts: RecognizeOptions = {}): Promise<PageText> {
    return this.recognizeLazy(() => img, page, opts);
  }

  /**
   * As recognize, but the image is produced only once a worker is free, so a many-page document does not hold all its rendered
   * pages in memory while it waits for the pool.
   */
  async recognizeLazy(prepare: () => OcrImage | Promise<OcrImage>, page = 1, opts: RecognizeOptions = {}): Promise<PageText> {
    let lastErr: unknown;
    let img: OcrImage | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const slot = await this.acquire();
      try {
        img ??= await prepare();
        const langs = await this.pageLangs(slot, img, opts);
        await this.useLangs(slot, langs);
        const res = await withTimeout(
          slot.worker.recognize(img.data, { rotateAuto: img.rotateAuto ?? true }, { blocks: true, text: false }),
          this.pageTimeoutMs, "page recognition");
        this.release(slot);
        return { ...toPageText(res.data, page, img.width, img.height), ocrLangs: langs };
      } catch (e) {
        lastErr = e;
        if (!img) { this.release(slot); break; } // preparing the image failed: not a worker problem
        this.log(`page ${page} attempt ${attempt + 1} failed: ${String(e)}`);
        await this.discard(slot);
        if (this.closed) break;
      }
    }
    throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
  }

  /** Terminates all workers; pending and later calls fail. */
  async terminate(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    this.waiters = [];
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}

interface TBbox { x0: number; y0: number; x1: number; y1: number }
interface TWord { text: string; confidence: number; bbox: TBbox }
interface TLine { words: TWord[] }
interface TPara { lines: TLine[] }
interface TBlock { paragraphs: TPara[] }

/** The top `frac` of a binary PGM (P5) page as a new PGM (a view, no copy of the pixels); other formats are returned whole. */
export function topPart(img: OcrImage, frac: number): Buffer {
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(img.data.subarray(0, 40).toString("latin1"));
  if (!m) return img.data;
  const w = Number(m[1]), h = Number(m[2]);
  const rows = Math.max(1, Math.round(h * frac));
  const header = Buffer.from(`P5\n${w} ${rows}\n255\n`, "ascii");
  return Buffer.concat([header, img.data.subarray(m[0].length, m[0].length + w * rows)]);
}

const WORKER_PARAMS = { user_defined_dpi: "300", preserve_interword_spaces: "1" };

function wordsOf(data: { blocks: TBlock[] | null }): TWord[] {
  const out: TWord[] = [];
  for (const b of data.blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) out.push(...l.words);
  return out;
}

function toPageText(data: { blocks: TBlock[] | null }, page: number, width: number, height: number): PageText {
  const fragments: Word[][] = [];
  const confs: number[] = [];
  for (const b of data.blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) {
    const ws: Word[] = [];
    for (const w of l.words) {
      const text = w.text.trim();
      if (!text) continue;
      ws.push({ text, x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1, conf: w.confidence });
      confs.push(w.confidence);
    }
    if (ws.length) fragments.push(ws);
  }
  const lines = mergeRows(page, fragments);
  const confidence = confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : 0;
  return { page, width, height, lines, source: "ocr", confidence };
}
