/**
 * Page rendering and image decoding in a separate process whose memory the operating system caps (issue 16, item 1).
 *
 * A PDF page rendered for OCR and a decoded photo live in native memory (@napi-rs/canvas / Skia, and ArrayBuffers), which a
 * worker thread's `resourceLimits` do not bound: they cap V8's heaps only. So the work runs in a child process started as
 * `sh -c 'ulimit -d <KB>; exec node …'`: RLIMIT_DATA bounds every private writable mapping of that process — V8's heap, malloc
 * and Skia's pixel buffers alike — while leaving the address-space reservations (PROT_NONE) alone. An allocation past the cap
 * fails inside the child ("Array buffer allocation failed", "Create skia surface failed") or the child dies; either way the
 * page is refused as `image-too-large` and the web process never grows. The child exits after a short idle time, so what it
 * held goes back to the system (a process that exits returns all of its memory; a long-lived one keeps glibc's arenas).
 *
 * pdf.js runs only here: the content check's opening of a PDF (pdf-check.ts) and the reading of its text layer are done in this
 * process too, so that a PDF built to exhaust the parser meets the cap, and the process reading documents never loads pdf.js.
 * The parent keeps the OCR pool; the text layer's words, and the prepared page (a grey PGM, ≈ 8 MB), come back over the IPC
 * channel.
 */
import { childEnv, setting } from "../../config.server";
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { compiledEntry, compiledEnv, textSourceDir } from "./compiled";
import type { OcrImage } from "./ocr";
import type { PdfCheck, PdfCheckLimits } from "./pdf-check";
import type { PdfTextPage } from "./pdf";

/**
 * Memory cap of the render process (RLIMIT_DATA). A 300-DPI page is 35 MB of canvas; the largest image the content check lets
 * through (40 MP) is 160 MB decoded and needed 400–768 MB of data segment to prepare, twice in a row 1 GB (measured).
 */
export const DEFAULT_RENDER_MEMORY_MB = 1024;
/**
 * The render process is replaced, once its queue is empty, when it holds more than `RECYCLE_SHARE` of its cap and has decoded
 * an image of `LARGE_PIXELS` or more since it started (fragmentation after large images: the third 40 MP photo in a row failed
 * at 1 GB), or holds more than `RECYCLE_SHARE_ANY` whatever it read; at once when it hit its cap. Ordinary pages keep it: a
 * 300-DPI A4 page (8.7 MP) leaves it at 0.4–0.6 GB, steady over pages, and replacing it after every such page cost a start
 * (node, the modules, the PDF opened again) each time: the three-document application's render process spent 16–19 CPU s,
 * 8–14 s without the restarts (measured). A large image inside a PDF page is not counted (the page's canvas is): the 75 % rule
 * is what replaces a process after one.
 */
const RECYCLE_SHARE = 0.35;
const RECYCLE_SHARE_ANY = 0.75;
export const LARGE_PIXELS = 16_000_000;

/** Whether the render process is replaced after a reply (see RECYCLE_SHARE): `held` is its RSS as a share of its cap. */
export function shouldReplace(r: { limit: boolean; pending: number; held: number; sawLarge: boolean }): boolean {
  if (r.limit) return true;
  if (r.pending) return false;
  return r.held > RECYCLE_SHARE_ANY || (r.sawLarge && r.held > RECYCLE_SHARE);
}
/** The render process exits after this long without work. */
const IDLE_MS = 10_000;
/**
 * ... unless it holds less than `LIGHT_SHARE` of its cap: then after `LIGHT_IDLE_MS`. Every PDF upload's check runs in it, and
 * one that has to start first waits 0.65–1.1 s instead of 43–47 ms (bench/ocr/check-latency.ts); after checks, text layers
 * and a prepared scan it holds 110–160 MB of its 1 GB (measured), which a minute of keeping costs little. One that rendered
 * PDF pages (0.4–0.6 GB) still goes after 10 s.
 */
const LIGHT_SHARE = 0.2;
const LIGHT_IDLE_MS = 60_000;
/** A page that takes longer than this is given up (and the process restarted). */
const PAGE_TIMEOUT_MS = 120_000;

/**
 * The render process' errors are told apart by a brand, not by class: the web build holds its own copy of this module, and the
 * one render process of a server process (`renderProcess()`) is made by whichever copy asks first, so an error made by one
 * copy must still be known to the other.
 */
const BRAND = Symbol.for("frikortportalen.render-error");
type Branded = { [BRAND]?: "limit" | "failed" };
const branded = (v: unknown, kind: "limit" | "failed") => typeof v === "object" && v !== null && (v as Branded)[BRAND] === kind;

/**
 * The render process ran out of its memory (or died by a signal) on this request: the document is refused as too large.
 * `retry`: the request is sent once more, to a fresh process, because it may not be its own fault: it shared the process
 * with other work. A request alone in a process that had done nothing else is what killed it, and is not sent again.
 */
export class RenderLimitExceeded extends Error {
  readonly [BRAND] = "limit" as const;
  constructor(
    detail: string,
    readonly retry = false,
  ) {
    super(`rendering stopped at its memory limit: ${detail}`);
    this.name = "RenderLimitExceeded";
  }
  static override [Symbol.hasInstance](v: unknown): boolean {
    return branded(v, "limit");
  }
}

/**
 * The render process failed for a reason that is not the document's: it could not start or exited with an error code, it was
 * stopped, or the request took longer than PAGE_TIMEOUT_MS (`timeout`). `retry` as above.
 */
export class RenderFailed extends Error {
  readonly [BRAND] = "failed" as const;
  constructor(
    detail: string,
    readonly retry = false,
    readonly timeout = false,
  ) {
    super(`the render process failed: ${detail}`);
    this.name = "RenderFailed";
  }
  static override [Symbol.hasInstance](v: unknown): boolean {
    return branded(v, "failed");
  }
}

export interface RenderProcessOptions {
  memoryMb?: number;
  idleMs?: number;
  /** How long a render process that holds little waits before it exits (see LIGHT_IDLE_MS). */
  lightIdleMs?: number;
  log?: (msg: string) => void;
}

/** A page rendered as a PNG for a person to look at. */
export interface PagePng {
  png: Buffer;
  width: number;
  height: number;
}

interface Pending {
  resolve: (v: Reply) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}
type Reply = {
  seq: number;
  rss?: number;
  /** Pixels of the request's image file, or of the page's canvas (not of the images drawn on it). */
  pixels?: number;
  png?: { data: Uint8Array; width: number; height: number };
  img?: { data: Uint8Array; width: number; height: number; photo?: boolean; skewRadians?: number };
  check?: PdfCheck;
  text?: PdfTextPage[];
  error?: string;
  limit?: boolean;
};

export class RenderProcess {
  private child: ChildProcess | null = null;
  private seq = 0;
  private docs = 0;
  private readonly open = new Set<number>();
  private readonly pending = new Map<number, Pending>();
  private idle: NodeJS.Timeout | null = null;
  /** Second tries of requests whose process ended under them, one after another (`retried`). */
  private retries: Promise<unknown> = Promise.resolve();
  /** Replies the running process has sent. */
  private served = 0;
  /** The running process has decoded an image of `LARGE_PIXELS` or more. */
  private sawLarge = false;
  /** Processes started (tests, diagnostics). */
  starts = 0;
  readonly memoryMb: number;
  private readonly idleMs: number;
  private readonly lightIdleMs: number;
  /** The running process' RSS at its last reply, as a share of its cap. */
  private held = 0;
  private readonly log: (msg: string) => void;

  constructor(o: RenderProcessOptions = {}) {
    this.memoryMb = o.memoryMb ?? DEFAULT_RENDER_MEMORY_MB;
    this.idleMs = o.idleMs ?? IDLE_MS;
    this.lightIdleMs = o.lightIdleMs ?? Math.max(this.idleMs, LIGHT_IDLE_MS);
    this.log = o.log ?? ((m) => process.stderr.write(`[render] ${m}\n`));
  }

  /** The process id of the running render process (tests), or null. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    // the child compiled to one JavaScript file (compiled.ts: no TypeScript compiled at each start), else through tsx
    const compiled = compiledEntry("isolated.child.ts");
    const { boot, entry } = childFiles();
    const kb = Math.max(64, Math.round(this.memoryMb)) * 1024;
    const args = compiled ? [compiled] : [boot, entry];
    const child = spawn("/bin/sh", ["-c", `ulimit -d ${kb} && exec "$0" "$@"`, process.execPath, ...args], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
      env: { ...childEnv(), ...(compiled ? compiledEnv() : {}) },
    });
    this.child = child;
    this.sawLarge = false;
    this.served = 0;
    this.held = 0;
    this.starts++;
    child.on("message", (m: Reply) => {
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      clearTimeout(p.timer);
      // at the cap with other work in the process: perhaps not this request's fault (see RenderLimitExceeded)
      if (m.error !== undefined) p.reject(m.limit ? new RenderLimitExceeded(m.error, this.pending.size > 0) : new Error(m.error || "render failed"));
      else p.resolve(m);
      this.served++;
      // a process that hit its cap, or holds much of it after a large image, starts afresh for the next page: freed native memory
      // stays fragmented in a long-lived process (see RECYCLE_SHARE)
      if ((m.pixels ?? 0) >= LARGE_PIXELS) this.sawLarge = true;
      const held = (this.held = (m.rss ?? 0) / (this.memoryMb * 1024 * 1024));
      if (shouldReplace({ limit: !!m.limit, pending: this.pending.size, held, sawLarge: this.sawLarge })) this.replace();
      else this.settle();
    });
    child.on("exit", (code, signal) => {
      // A death by signal is not told apart from the memory cap: under `ulimit -d` a decoder whose allocation fails can die by
      // SIGSEGV too (the capped 36 MP test image does), so it is reported as too large. Damaged JPEGs that crash the decoder
      // are refused before rendering by the upload check (documents/text/sniff.ts), which is where "damaged" is said.
      // An exit with a code is not the cap (a process that could not start, a module that failed to load): said as a failure.
      if (this.child !== child) return;
      if (signal) this.detach(`signal ${signal}`, "limit", true);
      else {
        this.log(`render process exited with code ${code}`);
        this.detach(`exit ${code}`, "failed", true);
      }
    });
    child.on("error", (e) => {
      if (this.child !== child) return;
      this.log(`render process failed: ${String(e)}`);
      this.detach(String(e), "failed", true);
    });
    return child;
  }

  /**
   * Forgets the current process: its pending requests are refused as `kind` (`retryable`: sent again once, unless one request
   * alone in a process that had done nothing else took it to its cap: that request is the cause; `innocent`: none of them
   * did); the next request starts a new one.
   */
  private detach(why: string, kind: "limit" | "failed", retryable: boolean, innocent = false): void {
    this.child = null;
    this.open.clear();
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.pending.size) this.log(`render process ended with work in hand: ${why}`);
    const retry = retryable && (kind === "failed" || innocent || this.pending.size > 1 || this.served > 0);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(kind === "limit" ? new RenderLimitExceeded(why, retry) : new RenderFailed(why, retry));
    }
    this.pending.clear();
  }

  /**
   * A request, sent once more to a fresh process when the one it was in ended under it. The second tries go one at a time:
   * when a process dies by a signal, every page in it is sent again, and the page that killed it must not take the others
   * with it a second time.
   */
  private async retried<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (!((e instanceof RenderLimitExceeded || e instanceof RenderFailed) && e.retry)) throw e;
      const turn = this.retries.then(run);
      this.retries = turn.catch(() => undefined);
      return turn;
    }
  }

  /** Holds the process (and this one alive) while work is pending; lets both go when idle. */
  private settle(): void {
    const c = this.child;
    if (!c) return;
    if (this.pending.size) {
      if (this.idle) clearTimeout(this.idle);
      this.idle = null;
      c.ref();
      (c.channel as { ref?: () => void } | undefined)?.ref?.();
      return;
    }
    c.unref();
    (c.channel as { unref?: () => void } | undefined)?.unref?.();
    if (!this.open.size && !this.idle) {
      this.idle = setTimeout(
        () => {
          this.idle = null;
          if (!this.pending.size && !this.open.size) this.end();
        },
        this.held < LIGHT_SHARE ? this.lightIdleMs : this.idleMs,
      );
      this.idle.unref();
    }
  }

  private request(msg: Record<string, unknown>): Promise<Reply> {
    const child = this.ensure();
    const seq = ++this.seq;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new RenderFailed(`the request did not finish within ${PAGE_TIMEOUT_MS} ms`, false, true));
        this.replace();
      }, PAGE_TIMEOUT_MS);
      this.pending.set(seq, { resolve, reject, timer });
      this.settle();
      child.send({ ...msg, seq });
    });
  }

  /**
   * Opens a PDF in the render process: its text layer is read there (`text`), and its pages rendered and prepared for OCR
   * (`page`) or as PNGs for a person (`png`), one at a time.
   */
  openPdf(bytes: Uint8Array): RemotePdf {
    const id = ++this.docs;
    let sentTo: ChildProcess | null = null;
    const sendOpen = () => {
      const c = this.ensure();
      if (sentTo !== c) {
        c.send({ op: "open", id, bytes });
        sentTo = c;
        this.open.add(id);
      }
    };
    const ask = (msg: Record<string, unknown>) =>
      this.retried(() => {
        sendOpen();
        return this.request({ ...msg, id });
      });
    return {
      text: async () => field(await ask({ op: "text" }), "text"),
      page: async (page, spareCore) => ocrImage(field(await ask({ op: "page", page, spareCore }), "img")),
      png: async (page, dpi) => pagePng(field(await ask({ op: "png", page, dpi }), "png")),
      close: () => {
        if (sentTo && sentTo === this.child) sentTo.send({ op: "close", id });
        this.open.delete(id);
        this.settle();
      },
    };
  }

  /** The content check's pdf.js part (pdf-check.ts), in the render process. */
  async checkPdf(bytes: Uint8Array, limits: PdfCheckLimits): Promise<PdfCheck> {
    const m = await this.retried(() => this.request({ op: "check", bytes, maxPages: limits.maxPages, maxPixels: limits.maxPixels, maxSide: limits.maxSide }));
    return field(m, "check");
  }

  /** Decodes and prepares an image file in the render process. */
  async prepareImage(bytes: Uint8Array, spareCore: boolean): Promise<OcrImage> {
    return ocrImage(field(await this.retried(() => this.request({ op: "image", bytes, spareCore })), "img"));
  }

  /** Ends the process now (pending work is refused). */
  end(): void {
    this.kill("stopped", false);
  }

  /** Replaces the process: it ends now, and work pending in it is sent again to the next one. */
  private replace(): void {
    this.kill("replaced", true);
  }

  private kill(why: string, retryable: boolean): void {
    const c = this.child;
    if (!c) return;
    // stopped on purpose: a failure; replaced (another request hit the cap or timed out): as if at the cap, sent again
    this.detach(why, retryable ? "limit" : "failed", retryable, true);
    c.kill("SIGKILL");
  }
}

/** A PDF opened in the render process (`RenderProcess.openPdf`). */
export interface RemotePdf {
  text: () => Promise<PdfTextPage[]>;
  page: (page: number, spareCore: boolean) => Promise<OcrImage>;
  png: (page: number, dpi: number) => Promise<PagePng>;
  close: () => void;
}

/** What the reply carries for the request's kind. */
function field<K extends "img" | "png" | "check" | "text">(m: Reply, k: K): NonNullable<Reply[K]> {
  const v = m[k];
  if (v === undefined) throw new Error(`the render process answered without ${k}`);
  return v as NonNullable<Reply[K]>;
}
const buffer = (d: Uint8Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);
const ocrImage = (img: NonNullable<Reply["img"]>): OcrImage => ({ ...img, data: buffer(img.data) });
const pagePng = (png: NonNullable<Reply["png"]>): PagePng => ({ png: buffer(png.data), width: png.width, height: png.height });

/**
 * The child's files. From the source tree they sit beside this module; a copy of this module bundled into the web build
 * (the caseworker's page images) finds them in the source tree the server runs from.
 */
function childFiles(): { boot: string; entry: string } {
  const dir = textSourceDir();
  return { boot: fileURLToPath(new URL("isolated.boot.mjs", dir)), entry: new URL("isolated.child.ts", dir).href };
}

/** One render process per server process, shared by the document reading and the web build's copy of this module. */
const SHARED = Symbol.for("frikortportalen.render-process");
type Holder = { [SHARED]?: RenderProcess };

/** The process's render process (started on first use). `FRIKORT_ISOLATE_RENDER=off` renders in this process instead. */
export function renderProcess(): RenderProcess | undefined {
  if (setting("FRIKORT_ISOLATE_RENDER") === "off") return undefined;
  const g = globalThis as Holder;
  g[SHARED] ??= new RenderProcess({ memoryMb: setting("DOCUMENT_RENDER_MEMORY_MB") });
  return g[SHARED];
}

export function stopRenderProcess(): void {
  (globalThis as Holder)[SHARED]?.end();
}
