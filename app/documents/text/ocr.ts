/**
 * Bounded tesseract.js worker pool, fully offline.
 *
 * - Language data comes from the installed @tesseract.js-data/<code> packages (LSTM-only "best_int" models). tesseract.js wants one
 *   folder for all languages, so a folder of symlinks is created at runtime (DATA_DIR or the OS temp dir).
 * - Each worker is created behind our own timeout (a worker that cannot load its data never settles) and with an errorHandler (without
 *   one a worker-side failure is thrown from an event handler and kills the process).
 * - A recognition that exceeds the page timeout terminates its worker (a wasm call cannot be cancelled) and is retried once on a new one.
 * - With two or more workers, a page read while another worker is idle and no page waits is read in two halves at once (one per
 *   worker): tesseract.js runs one thread per worker, so this is how a single upload uses both cores. Pages of a busy pool are
 *   read whole, one per worker, as before.
 */
import { setting } from "../../config.server";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, symlinkSync, readlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Worker } from "tesseract.js";
import { detectLanguage } from "../lexicon";
import { fold } from "../parse";
import { prepHelper } from "./prep-helper";
import type { PageText } from "../types";
import { overlaps, partsWords, shifted, toPageText, wordsOf, wordsOn, type Parts, type ReadMode, type TBbox, type TBlock, type TLine, type TWord } from "./ocr-words";
import {
  balancedSplitRow,
  bandsCovered,
  detectionImage,
  halfResolution,
  looksUpright,
  pgmCrop,
  pgmRows,
  rotatePgm,
  topPart,
  uncoveredInk,
  uprightScore,
  UPRIGHT_MIN,
  type OcrImage,
  type Turns,
} from "./page-image";

export type { OcrRead, TWord } from "./ocr-words";
export type { OcrImage, Turns } from "./page-image";

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
  /**
   * Read a page in two halves on two workers at once when a second worker is idle and nothing is waiting (default: on when
   * size ≥ 2). A page on its own (one upload, the last page of a batch) then takes about half the recognition
   * time.
   */
  splitPages?: boolean;
  /** Folder for the language symlinks and tesseract's cache. Default $DATA_DIR/tessdata or <tmpdir>/frikort-tessdata-<uid>. */
  dataDir?: string;
  log?: (msg: string) => void;
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
    try {
      ok = readlinkSync(link) === target;
    } catch {
      /* missing */
    }
    if (!ok) {
      try {
        unlinkSync(link);
      } catch {
        /* missing */
      }
      try {
        symlinkSync(target, link);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
    }
  }
  return langDir;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => {
      onTimeout?.();
      reject(new OcrTimeoutError(what, ms));
    }, ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

interface Slot {
  worker: Worker;
  busy: boolean;
  langs: string;
}

/** What `recognizeLazy` tells the preparation of a page. */
export interface PrepareContext {
  /**
   * Another worker is idle (or still starting) and no page waits for one: a second thread may help prepare this page. False
   * when the pool is busy (the other cores are reading pages; a preparation helper would only take time from them).
   */
  spareCore: boolean;
}

export interface RecognizeOptions {
  /** Read the page with exactly these languages (skips detection). */
  langs?: readonly OcrLang[];
  /**
   * The language the page is expected in (lexicon code: "es", "sv", …), e.g. from the country the resident chose, or a function
   * asked when a worker takes the page (the language an earlier page of the same document was read in). Skips the detection
   * read; the language is still checked on the page's words and the page read again when they clearly name another one.
   */
  hint?: string | (() => string | undefined);
  /** Called with the page's prepared image once it is prepared (to read a part of it again later: `readLine`). */
  keep?: (img: OcrImage) => void;
}

export class OcrPool {
  readonly size: number;
  readonly langs: readonly OcrLang[];
  readonly languageSelection: "auto" | "all";
  readonly splitPages: boolean;
  private readonly pageTimeoutMs: number;
  private readonly createTimeoutMs: number;
  private readonly dataDir: string;
  private readonly log: (msg: string) => void;
  /** Per-page diagnostics (language choice): only to a log the caller supplied. */
  private readonly trace: (msg: string) => void;
  private slots: Slot[] = [];
  /** Cut rows of the pages being read (`splitNow`), so a page's profile is computed once. */
  private readonly cuts = new WeakMap<Buffer, number[] | null>();
  private creating = 0;
  /** The languages the last page was read with (`takeFree`). */
  private lastLangs = "";
  private waiters: Array<(s: Slot) => void> = [];
  private closed = false;
  private langDir?: string;

  constructor(opts: OcrPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? 2);
    this.langs = opts.langs ?? ALL_LANGS;
    this.languageSelection = opts.languageSelection ?? (this.langs.length > 2 ? "auto" : "all");
    this.splitPages = opts.splitPages ?? this.size >= 2;
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 60_000;
    this.createTimeoutMs = opts.createTimeoutMs ?? 30_000;
    const uid = typeof process.getuid === "function" ? process.getuid() : 0;
    this.dataDir = opts.dataDir ?? (setting("DATA_DIR") ? join(setting("DATA_DIR")!, "tessdata") : join(tmpdir(), `frikort-tessdata-${uid}`));
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
      errorHandler: (e: unknown) => {
        failed = e;
        this.log(`worker error: ${String(e)}`);
      },
    });
    let created: Worker | undefined;
    p.then(
      (w) => {
        created = w;
      },
      () => undefined,
    );
    const worker = await withTimeout(p, this.createTimeoutMs, "worker creation", () => {
      void created?.terminate();
    });
    if (failed) {
      await worker.terminate().catch(() => undefined);
      throw new Error(`OCR worker failed: ${String(failed)}`);
    }
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

  private rec(slot: Slot, image: Buffer, mode: ReadMode, what: string, params: Record<string, string> = {}) {
    // tesseract parameters ride along with the options (tesseract.js sets them for this call only); its types do not list them
    const options = { ...(mode.photo ? { ...PHOTO_PARAMS, rotateRadians: mode.angle } : {}), ...params } as Parameters<Worker["recognize"]>[1];
    return withTimeout(slot.worker.recognize(image, options, { blocks: true, text: false }), this.pageTimeoutMs, what).then(
      (r) => r.data as unknown as { blocks: TBlock[] | null },
    );
  }

  /**
   * A free worker, now marked busy: the one with the languages of the last page read, if it is free (the next page is most
   * likely in the same language; a page read whole on the other one is read ahead with the wrong languages and read again).
   */
  private takeFree(): Slot | undefined {
    const free = this.slots.find((s) => !s.busy && s.langs === this.lastLangs) ?? this.slots.find((s) => !s.busy);
    if (free) free.busy = true;
    return free;
  }

  /** An idle worker for the second half of a page, only when no page is waiting for one. */
  private takeIdle(): Slot | undefined {
    return this.closed || this.waiters.length ? undefined : this.takeFree();
  }

  /**
   * Where `readWhole` would cut this page if it were read now; null: it would be read whole on one worker. Photos are cut too
   * since they are read in single-column mode (`PHOTO_PARAMS`): in single-block mode a half got one skew for all its lines, and a
   * half whose few lines included a stamp printed at an angle had its table rows read askew (a dev photo lost all 5 rows).
   */
  private splitNow(img: OcrImage): number[] | null {
    if (!this.splitPages || this.closed || this.waiters.length || !this.slots.some((s) => !s.busy)) return null;
    let cuts = this.cuts.get(img.data);
    if (cuts === undefined) {
      const cut = balancedSplitRow(img);
      this.cuts.set(img.data, (cuts = cut ? [cut] : null));
    }
    return cuts;
  }

  /**
   * The residual skew tesseract finds on a photo (radians; 0 below its 0.005 rad threshold), from its layout analysis of the page
   * at half resolution (tesseract.js' `rotateAuto` with no output). Perspective leaves a photo 0.4–1.6° after our deskew on three
   * of seven phone fixtures; reading it turned by this angle kept their durations ("(30 min.)" was read "@GOmin)" unturned).
   * Measured: 70–160 ms a photo against 250–550 ms at full resolution, the same angle within 0.4°. 0 when the analysis fails or
   * the angle is under `MIN_PHOTO_ANGLE`.
   */
  private async photoAngle(slot: Slot, img: OcrImage): Promise<number> {
    const small = halfResolution(img, img.height);
    if (!small) return 0;
    try {
      const options = { ...PHOTO_PARAMS, rotateAuto: true, user_defined_dpi: "150" } as Parameters<Worker["recognize"]>[1];
      const r = await withTimeout(slot.worker.recognize(small.data, options, { text: false, blocks: false } as never), this.pageTimeoutMs, "skew analysis");
      const a = (r.data as { rotateRadians?: number }).rotateRadians;
      return typeof a === "number" && Number.isFinite(a) && Math.abs(a) >= MIN_PHOTO_ANGLE ? a : 0;
    } catch (e) {
      if (e instanceof OcrTimeoutError) throw e;
      this.log(`skew analysis failed: ${String(e)}`);
      return 0;
    }
  }

  /**
   * Recognises a page or a part of one. A photo is read in single-column mode (PSM 4), which now and then gives up on most of an
   * image: on a held-out photo of a report it read the letterhead's first line and none of the title, date and framed patient
   * box under it (the native CLI did the same). When the words cover under half of the image's text (`bandsCovered`), the
   * image is read again in single-block mode and the read that covers more is kept. A read that covers its lines may still
   * have passed over a column (a blind held-out photo lost every right-aligned amount and its invoice box: `uncoveredInk`);
   * then the single-block read's words on what was passed over are added. A read that covers its text costs nothing more
   * (measured over 45 held-out and fixture photos: one was read twice).
   */
  private async recPage(slot: Slot, image: Buffer, mode: ReadMode, what: string): Promise<{ blocks: TBlock[] | null }> {
    const first = await this.rec(slot, image, mode, what);
    if (!mode.photo) return this.readPassedOver(slot, image, first, what);
    const c1 = bandsCovered(image, wordsOf(first));
    if (c1 && c1.bands >= 3 && c1.share >= 0.5) {
      // the read covers its lines but may have passed over a column of them (a photo's right-aligned amounts, read in neither
      // line nor block by single-column mode): four or more runs of text with no word are read in single-block mode, and
      // its words on those runs join the first read
      const missed = uncoveredInk(image, wordsOf(first));
      if (!missed || missed.length < 4) return this.readPassedOver(slot, image, first, what, missed);
      const again = await this.rec(slot, image, SCAN, `${what}, single block`);
      const added = wordsOn(again, missed, wordsOf(first));
      this.trace(`${what}: ${missed.length} runs of text without words in single-column mode; ${added.words} words from single-block mode`);
      return added.words ? { blocks: [...(first.blocks ?? []), added.block] } : first;
    }
    if (!c1 || c1.bands < 3) return first;
    const again = await this.rec(slot, image, SCAN, `${what}, single block`);
    const c2 = bandsCovered(image, wordsOf(again));
    this.trace(`${what}: a photo's words covered ${c1.share.toFixed(2)} of its text in single-column mode, ${c2?.share.toFixed(2) ?? "-"} in single-block mode`);
    return (c2?.share ?? 0) > c1.share ? again : first;
  }

  /**
   * A line or two of text a read passed over (`uncoveredInk`; a scan lost its bold "Summe  EUR 148.00" row, the native CLI
   * too) is read again on its own: each run cut out with a margin and read as one line; its words (confidence 50 or more, not
   * on a word already read) join the read. Up to six runs; a read that passed over nothing costs only the ink count (≈ 50 ms).
   */
  private async readPassedOver(
    slot: Slot,
    image: Buffer,
    read: { blocks: TBlock[] | null },
    what: string,
    known?: ReturnType<typeof uncoveredInk>,
  ): Promise<{ blocks: TBlock[] | null }> {
    const taken = wordsOf(read);
    const missed = (known ?? uncoveredInk(image, taken))?.slice(0, 6) ?? [];
    if (!missed.length) return read;
    const lines: TLine[] = [];
    for (const r of missed) {
      const h = r.y1 - r.y0,
        pad = Math.round(h * 0.6);
      const crop = pgmCrop(image, r.x0 - h, r.y0 - pad, r.x1 + h, r.y1 + pad);
      if (!crop) continue;
      const got = await this.rec(slot, crop.data, SCAN, `${what}, a line passed over`, { tessedit_pageseg_mode: "7" });
      for (const b of got.blocks ?? [])
        for (const p of b.paragraphs)
          for (const l of p.lines) {
            const ws = shifted(l.words, crop).filter((w) => w.text.trim() && w.confidence >= 50 && !taken.some((t) => overlaps(t.bbox, w.bbox)));
            if (ws.length) lines.push({ ...l, words: ws });
          }
    }
    const n = lines.reduce((k, l) => k + l.words.length, 0);
    this.trace(`${what}: ${missed.length} runs of text without words, ${n} words read on them`);
    return n ? { blocks: [...(read.blocks ?? []), { paragraphs: [{ lines }] } as TBlock] } : read;
  }

  /**
   * Recognises the whole page with the languages `slot` has loaded. When page splitting is on, a second worker is idle, no page
   * waits and the page has a wide blank gap near the middle of its text (`splitNow`), it is cut there and the two workers read
   * the halves at once (the second after switching to the same languages); returned as parts with their y offsets. The parts
   * are taken in turn (whichever worker is free takes the next), so more cuts need no other code; measured, four strips
   * balanced the work better (median 1.33× native against 1.45×) but a strip holding only the letterhead was read worse (two
   * scans lost their invoice number, one its invoice date), so pages are cut in two.
   */
  private async readWhole(slot: Slot, img: OcrImage, mode: ReadMode): Promise<Parts> {
    const cuts = this.splitNow(img);
    const other = cuts ? this.takeIdle() : undefined;
    if (!cuts || !other) return [[await this.recPage(slot, img.data, mode, "page recognition"), 0]];
    const bounds = [0, ...cuts, img.height];
    const n = bounds.length - 1;
    const out: Array<Parts[number][0] | undefined> = new Array(n);
    let next = 0;
    const strip = (s: Slot, i: number) =>
      this.recPage(s, pgmRows(img, bounds[i]!, bounds[i + 1]!), mode, `page recognition (part ${i + 1} of ${n})`).then((d) => {
        out[i] = d;
      });
    const take = async (s: Slot) => {
      for (let i = next++; i < n; i = next++) await strip(s, i);
    };
    // both settle before the second worker is handed on (it must not be given away while it is still reading)
    const [a, b] = await Promise.allSettled([take(slot), this.useLangs(other, slot.langs).then(() => take(other))]);
    if (b.status === "rejected") {
      this.log(`part of a page failed on its worker: ${String(b.reason)}`);
      await this.discard(other);
    } else this.release(other);
    if (a.status === "rejected") throw a.reason;
    // a strip the second worker failed on is read again on this one rather than fail the page
    for (let i = 0; i < n; i++) if (!out[i]) await strip(slot, i);
    return out.map((d, i) => [d!, bounds[i]!] as Parts[number]);
  }

  /**
   * Reads one page. With automatic language selection the top of the page (down to a blank gap after about ten text lines, at
   * half resolution: `detectionImage`) is read with the languages the worker already has loaded and the language is detected
   * from those words. When that language is loaded (or unknown), the page is read with the loaded languages — no model switch;
   * otherwise the worker switches to the page's language + English first. A top whose words look like an upside-down or
   * sideways page is judged on the whole page, and only then is an orientation search done (none on an upright page).
   * With a language hint there is no detection read: the page is read with the hinted language (+ English) and the language
   * is checked on the page's words; only when they name another language is it read again.
   */
  private async readPage(slot: Slot, img: OcrImage, page: number, opts: RecognizeOptions): Promise<PageText> {
    const mode: ReadMode = (img.photo ?? true) ? { photo: true, angle: await this.photoAngle(slot, img) } : SCAN;
    const fixed = opts.langs?.length ? opts.langs.join("+") : this.languageSelection === "all" ? this.langs.join("+") : undefined;
    if (fixed) {
      await this.useLangs(slot, fixed);
      const parts = await this.readWhole(slot, img, mode);
      return toPageText(parts, page, img.width, img.height, { langs: fixed, path: "single", turns: 0, detected: null }, mode);
    }
    const base = this.detectLang();
    const hinted = this.hintedLang(opts);
    if (hinted && !slot.langs.split("+").includes(hinted)) await this.useLangs(slot, this.withBase(hinted));
    if (!slot.langs) await this.useLangs(slot, base);
    // the detection read is not kept as part of the page: read on its own, the top (down to a gap after about ten lines) made
    // a ruled scan lose table rows (11/14, before dotted rules were removed in preparation), and it is half-resolution anyway.
    // A page that two workers read in halves is read at once with the loaded languages and its language judged on all its words
    // (a page in another language is read again, in halves too): the detection read would cost as much as the half it saves
    const det0 = hinted || this.splitNow(img) !== null ? null : detectionImage(img);
    // a page read whole (a short page, one without a wide gap near the middle) while another worker is idle: that worker does the detection read while this one
    // reads the page with the loaded languages, and the read is kept when the languages match (measured on a phone photo: the
    // detection read took 0.7–0.9 s of the page's 2.1 s). Another language: the idle worker switches and reads the page.
    const ctx: PageCtx = { det0, helper: det0 ? this.takeIdle() : undefined, hinted, mode };
    if (ctx.helper) ctx.ahead = settle(this.readWhole(slot, img, mode));
    try {
      return await this.readPageWith(slot, img, page, ctx);
    } finally {
      // this worker must be done before it is handed back (a read ahead that was not needed may still be running)
      if (ctx.ahead) await ctx.ahead;
      if (ctx.helper) this.release(ctx.helper);
    }
  }

  private async readPageWith(slot: Slot, img: OcrImage, page: number, ctx: PageCtx): Promise<PageText> {
    const { det0, hinted } = ctx;
    let mode = ctx.mode;
    let loaded = slot.langs;
    // the page with the loaded languages: the read started ahead of the detection read, else now
    const whole = async (): Promise<Parts> => {
      const ahead = ctx.ahead;
      if (!ahead) return this.readWhole(slot, img, mode);
      const r = await ahead;
      if (!r.ok) throw r.error;
      return r.value;
    };
    let full: Parts | undefined;
    let first: TWord[];
    const aside = det0 && ctx.helper ? { aside: true } : {};
    if (det0 && ctx.helper) {
      try {
        first = wordsOf(await this.rec(ctx.helper, det0.data, SCAN, "language detection", det0.params));
      } catch (e) {
        this.log(`language detection failed on its worker: ${String(e)}`);
        const h = ctx.helper;
        ctx.helper = undefined;
        await this.discard(h);
        full = await whole();
        first = wordsOf(full[0]![0]);
      }
    } else if (det0) first = wordsOf(await this.rec(slot, det0.data, SCAN, "language detection", det0.params));
    else {
      full = await this.readWhole(slot, img, mode);
      // read in parts: the top part stands in for the detection read when judging the orientation (measured: a noisy Swedish
      // scan whose whole-page words just missed the upright score was searched in three more orientations, 5 s for nothing)
      first = wordsOf(full[0]![0]);
    }
    let turns: Turns = 0;
    if (!looksUpright(first, img)) {
      // doubtful top (a photo's letterhead, a stamp): judge on the whole page before looking for another orientation
      full ??= await whole();
      if (!looksUpright(partsWords(full), img)) {
        const o = await this.orientation(slot, img, uprightScore(partsWords(full)), mode.photo);
        if (o.turns) {
          ({ turns, img } = o);
          if (mode.photo) mode = { photo: true, angle: await this.photoAngle(slot, img) };
          full = await this.readWhole(slot, img, mode);
        }
      }
    }
    const pick = (ws: TWord[]) => {
      const lang = detectLanguage(fold(ws.map((w) => w.text).join(" ")));
      const tess = lang ? TESS_LANG[lang] : undefined;
      return { lang, tess: tess && this.langs.includes(tess) ? tess : undefined };
    };
    const isLoaded = (t: string | undefined) => !t || loaded.split("+").includes(t);
    let det = pick(full ? partsWords(full) : first);
    if (isLoaded(det.tess)) {
      const before = !!full;
      full ??= await whole();
      // the top named no language: decide on the whole page
      if (!det.lang && !before) det = pick(partsWords(full));
      if (isLoaded(det.tess)) {
        const path = hinted ? "hinted" : "single";
        this.trace(`page ${page}: language ${det.lang ?? "unknown"}, read with the loaded ${loaded}${hinted ? " (hint)" : ""}${turns ? `, turned ${turns * 90}°` : ""}`);
        return toPageText(full, page, img.width, img.height, { langs: loaded, path, turns, detected: det.lang, ...aside }, mode);
      }
    }
    // measured: <language>+nor (for the patients' æ/ø names) lost a Swedish scan's rows and three invoice numbers; kept +eng
    const chosen = this.withBase(det.tess!);
    // read ahead with the wrong languages: the detection read's worker, free now, switches and reads the page
    const ahead = !!ctx.ahead && !full && turns === 0 && ctx.helper;
    this.trace(`page ${page}: language ${det.lang} not in ${loaded}${hinted ? " (hint)" : ""}, ${full || ahead ? "read again" : "read"} with ${chosen}`);
    const path = full || ahead ? "reread" : "switched";
    const reader = ahead ? ctx.helper! : slot;
    await this.useLangs(reader, chosen);
    loaded = chosen;
    const parts = await this.readWhole(reader, img, mode);
    return toPageText(parts, page, img.width, img.height, { langs: loaded, path, turns, detected: det.lang, ...aside }, mode);
  }

  /**
   * Tries the other three orientations on the top 30 % of the page (only for a page whose upright read looks like garbage);
   * returns the rotated page when one reads clearly better.
   */
  private async orientation(slot: Slot, img: OcrImage, uprightScoreNow: number, photo: boolean): Promise<{ turns: Turns; img: OcrImage }> {
    let best = { turns: 0 as Turns, img, score: uprightScoreNow };
    for (const turns of [2, 1, 3] as const) {
      const r = rotatePgm(img, turns);
      const score = uprightScore(wordsOf(await this.rec(slot, topPart(r, 0.3), { photo, angle: 0 }, "orientation")));
      if (score > best.score + 0.1) best = { turns, img: r, score };
      if (score >= UPRIGHT_MIN) break;
    }
    this.trace(`orientation: ${best.turns * 90}° (score ${best.score.toFixed(2)})`);
    return best;
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw new Error("OCR pool is terminated");
    const free = this.takeFree();
    if (free) return free;
    if (this.slots.length + this.creating < this.size) {
      this.creating++;
      // the first page that needs OCR starts the other workers too, so that a page read on its own finds a second worker for
      // its lower half (a worker takes 0.3–0.9 s to start; the page's preparation runs meanwhile, on two threads once the
      // preparation helper has started: 0.2 s)
      if (this.splitPages) this.fill();
      prepHelper();
      try {
        const { worker, langs } = await this.createWorker();
        const slot: Slot = { worker, busy: true, langs };
        if (this.closed) {
          await worker.terminate().catch(() => undefined);
          throw new Error("OCR pool is terminated");
        }
        this.slots.push(slot);
        return slot;
      } finally {
        this.creating--;
      }
    }
    return new Promise<Slot>((resolve) => this.waiters.push(resolve));
  }

  /** Starts workers in the background until the pool has `size` (each joins as a free worker, or goes to a waiting page). */
  private fill(): void {
    while (!this.closed && this.slots.length + this.creating < this.size) {
      this.creating++;
      void this.createWorker()
        .then(
          ({ worker, langs }) => {
            if (this.closed) {
              void worker.terminate().catch(() => undefined);
              return;
            }
            const slot: Slot = { worker, busy: true, langs };
            this.slots.push(slot);
            this.release(slot);
          },
          (e: unknown) => this.log(`worker start failed: ${String(e)}`),
        )
        .finally(() => {
          this.creating--;
        });
    }
  }

  private release(slot: Slot): void {
    const next = this.waiters.shift();
    if (next && this.slots.includes(slot)) {
      next(slot);
      return;
    }
    slot.busy = false;
    if (next) void this.acquire().then(next);
  }

  private async discard(slot: Slot): Promise<void> {
    this.slots = this.slots.filter((s) => s !== slot);
    await slot.worker.terminate().catch(() => undefined);
    const next = this.waiters.shift();
    if (next) void this.acquire().then(next, () => undefined);
  }

  /**
   * Switches every idle worker to these languages (e.g. the language a batch of documents is expected in; benchmarks use it to
   * start a page from a known state). Automatic selection still checks each page.
   */
  async setLanguages(langs: readonly OcrLang[]): Promise<void> {
    const slots = await Promise.all(Array.from({ length: this.size }, () => this.acquire()));
    try {
      await Promise.all(slots.map((s) => this.useLangs(s, langs.join("+"))));
    } finally {
      slots.forEach((s) => this.release(s));
    }
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
  async recognizeLazy(prepare: (ctx: PrepareContext) => OcrImage | Promise<OcrImage>, page = 1, opts: RecognizeOptions = {}): Promise<PageText> {
    let lastErr: unknown;
    let img: OcrImage | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const starting = this.creating;
      const acquired = this.acquire();
      // a worker is starting for this page (0.3–0.9 s): the page is prepared meanwhile instead of after (its memory is this
      // page's either way); another core is free while a worker starts (see spareCore below)
      const early = !img && this.creating > starting ? Promise.resolve().then(() => prepare({ spareCore: true })) : undefined;
      early?.catch(() => undefined); // reported below, once the worker is there
      const slot = await acquired;
      let ahead: Promise<void> | undefined;
      try {
        const spareCore = this.creating > 0 || (!this.waiters.length && this.slots.some((s) => s !== slot && !s.busy));
        if (!img) ahead = this.switchAhead(slot, opts);
        if (!img) {
          img = await (early ?? prepare({ spareCore }));
          opts.keep?.(img);
        }
        await ahead;
        ahead = undefined;
        const pt = await this.readPage(slot, img, page, opts);
        if (pt.ocrLangs) this.lastLangs = pt.ocrLangs;
        this.release(slot);
        return pt;
      } catch (e) {
        lastErr = e;
        if (ahead) await ahead.catch(() => undefined); // the worker must be done switching before it is handed on
        if (!img) {
          this.release(slot);
          break;
        } // preparing the image failed: not a worker problem
        this.log(`page ${page} attempt ${attempt + 1} failed: ${String(e)}`);
        await this.discard(slot);
        if (this.closed) break;
      }
    }
    throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
  }

  /** The pool language a page's hint names (undefined: no hint, or one the pool does not read). */
  private hintedLang(opts: RecognizeOptions): OcrLang | undefined {
    const h = typeof opts.hint === "function" ? opts.hint() : opts.hint;
    const t = h ? TESS_LANG[h] : undefined;
    return t && this.langs.includes(t) ? t : undefined;
  }

  /** The language set a page in `lang` is read with: it + English (the detection language). */
  private withBase(lang: OcrLang): string {
    const base = this.detectLang();
    return [lang, ...(lang !== base ? [base] : [])].join("+");
  }

  /**
   * A page with a language hint: its worker, and an idle one that will read its lower half, switch to the hinted language while
   * the page is being prepared, not after (measured: a hinted page took 0.13–0.27 s more than one in the loaded language, the
   * two switches). The idle worker is handed back when it has switched; one that fails to switch is discarded.
   */
  private switchAhead(slot: Slot, opts: RecognizeOptions): Promise<void> | undefined {
    if (opts.langs?.length || this.languageSelection === "all") return undefined; // fixed languages: no hint to follow
    const lead = this.hintedLang(opts);
    if (!lead) return undefined;
    const langs = this.withBase(lead);
    const has = (s: Slot) => s.langs.split("+").includes(lead);
    const jobs: Promise<void>[] = [];
    if (!has(slot)) jobs.push(this.useLangs(slot, langs));
    const other = this.splitPages && !this.closed && !this.waiters.length ? this.slots.find((s) => s !== slot && !s.busy && !has(s)) : undefined;
    if (other) {
      other.busy = true;
      jobs.push(
        this.useLangs(other, langs).then(
          () => this.release(other),
          async (e: unknown) => {
            this.log(`language switch failed on an idle worker: ${String(e)}`);
            await this.discard(other);
          },
        ),
      );
    }
    return jobs.length ? Promise.all(jobs).then(() => undefined) : undefined;
  }

  /**
   * Reads one line of a prepared page again with other languages: the box (page coordinates) cut out with a margin and read
   * as a single line (PSM 7). For letters the page's languages cannot write (a Norwegian patient's "ø" on a Spanish invoice read
   * with spa+eng). Read on a worker that has the languages or has not the last page's, if one is free; it keeps them, and a
   * page that needs others switches. Empty when the box is off the page.
   */
  async readLine(img: OcrImage, box: TBbox, langs: readonly OcrLang[]): Promise<TWord[]> {
    const h = box.y1 - box.y0;
    const crop = pgmCrop(img.data, box.x0 - h, box.y0 - h * 0.5, box.x1 + h, box.y1 + h * 0.5);
    if (!crop) return [];
    // a free worker that has the languages, else one that has not the last page's (the next page most likely wants those)
    const want = langs.join("+");
    const free = this.closed ? undefined : (this.slots.find((x) => !x.busy && x.langs === want) ?? this.slots.find((x) => !x.busy && x.langs !== this.lastLangs));
    if (free) free.busy = true;
    const slot = free ?? (await this.acquire());
    try {
      await this.useLangs(slot, want);
      const got = await this.rec(slot, crop.data, SCAN, "a line read again", { tessedit_pageseg_mode: "7" });
      this.release(slot);
      return shifted(wordsOf(got), crop);
    } catch (e) {
      await this.discard(slot);
      throw e;
    }
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

const WORKER_PARAMS = { user_defined_dpi: "300", preserve_interword_spaces: "1" };
/**
 * How a photo is read: tesseract's single-column page mode (PSM 4) instead of the API's single-block default (PSM 6), which
 * finds the photo's blocks and fits each one's skew (a photo keeps a residual angle after our deskew, and it differs across the
 * page with the perspective). It replaces tesseract.js' `rotateAuto`, which ran a second, full-page layout analysis for one
 * angle (0.25–0.5 s a photo). Measured on the seven dev photos: phone lineF1 0.982 → 1.000 read whole, 1.000 in halves; on 25
 * held-out photos (seeds 7, 17, 23, 29) the same lines as before either way. Scans keep PSM 6: our deskew leaves them nothing
 * to correct. The fully automatic mode (PSM 3) lost rows (phone lineF1 0.86).
 */
const PHOTO_PARAMS = { tessedit_pageseg_mode: "4" };

/**
 * Smaller residual angles are not corrected (radians, 0.57°): a photo whose half-resolution analysis found 0.0052 (0 at full
 * resolution) lost all five durations and the patient's name when read turned by it.
 */
const MIN_PHOTO_ANGLE = 0.01;
const SCAN: ReadMode = { photo: false, angle: 0 };

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
/** A promise that never rejects (a read started ahead may go unused; its failure must not become an unhandled rejection). */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** A page being read (`readPage`): the detection read's worker and the read started ahead of it, when a second worker was idle. */
interface PageCtx {
  det0: ReturnType<typeof detectionImage>;
  helper?: Slot;
  ahead?: Promise<Settled<Parts>>;
  hinted?: OcrLang;
  mode: ReadMode;
}
