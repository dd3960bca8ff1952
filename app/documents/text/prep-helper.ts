/**
 * A second thread for page preparation (decode → grey → deskew → clean, `image.ts`). A scanned page is prepared before either
 * OCR worker can start on it, so both cores are free then; the row-range steps of `prepSteps` (drawing the scaled page, the
 * rotation, the background division, the contrast ramp) are split between this thread and the helper, which works on the same
 * shared memory with the same kernels (`PREP_KERNELS`), so the page is the same byte for byte as one thread makes it.
 *
 * One helper per process, started with the OCR pool's workers; once started it keeps the process alive only while it has a step
 * to do (an idle helper does not keep a command from ending). When it is not ready, has failed or does not answer, pages are
 * prepared on one thread as before.
 */
import { setting } from "../../config.server";
import { Worker } from "node:worker_threads";
import { compiledEntry, textSourceDir } from "./compiled";

interface Pending {
  resolve: () => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** A step the helper does not finish within this is done again on one thread (and the helper restarted). */
const STEP_TIMEOUT_MS = 15_000;
/** A thread that keeps going down is not started again (pages are prepared on one thread). */
const MAX_CRASHES = 3;

export class PrepHelper {
  private worker?: Worker;
  private ready = false;
  private seq = 0;
  private jobs = 0;
  private readonly pending = new Map<number, Pending>();
  private readyWaiters: Array<(ok: boolean) => void> = [];
  /** Steps the helper has done (diagnostics, tests). */
  steps = 0;
  /** Times the thread went down on its own; it is started again on the next page, up to MAX_CRASHES. */
  private crashes = 0;
  private stopped = false;

  constructor(private readonly log: (msg: string) => void = (m) => process.stderr.write(`[prep] ${m}\n`)) {}

  /** Starts the thread (idempotent); it is used once it has loaded. */
  start(): void {
    if (this.worker) return;
    // compiled to one JavaScript file (compiled.ts), else through tsx
    const compiled = compiledEntry("prep-helper.worker.ts");
    const dir = textSourceDir();
    const w = compiled ? new Worker(compiled) : new Worker(new URL("prep-helper.boot.mjs", dir), { workerData: { entry: new URL("prep-helper.worker.ts", dir).href } });
    this.worker = w;
    w.on("message", (m: { ready?: true; seq?: number; error?: string }) => {
      if (m.ready) {
        this.ready = true;
        if (!this.pending.size) w.unref();
        this.settleReady(true);
        return;
      }
      const p = this.pending.get(m.seq!);
      if (!p) return;
      this.pending.delete(m.seq!);
      if (!this.pending.size) w.unref();
      clearTimeout(p.timer);
      if (m.error) p.reject(new Error(m.error));
      else {
        this.steps++;
        p.resolve();
      }
    });
    const down = (why: string) => {
      if (this.worker !== w) return;
      this.crashes++;
      this.log(`preparation helper stopped: ${why}`);
      this.reset(new Error(`preparation helper stopped: ${why}`));
    };
    w.on("error", (e) => down(String(e)));
    w.on("exit", (code) => down(`exit ${code}`));
  }

  /** Opens a job for an encoded image (the helper decodes it now, beside this thread); undefined while the helper is not ready. */
  open(bytes: Uint8Array): PrepJob | undefined {
    if (!this.worker && !this.stopped && this.crashes < MAX_CRASHES) this.start(); // for the pages after this one
    if (!this.ready || !this.worker) return undefined;
    const id = ++this.jobs;
    this.worker.postMessage({ op: "open", id, bytes });
    return new PrepJob(this, id);
  }

  /** @internal */
  post(msg: Record<string, unknown>): Promise<void> {
    const w = this.worker;
    if (!w || !this.ready) return Promise.reject(new Error("preparation helper is not running"));
    const seq = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        if (!this.pending.size) w.unref();
        reject(new Error(`preparation helper did not answer within ${STEP_TIMEOUT_MS} ms`));
        void this.restart();
      }, STEP_TIMEOUT_MS);
      timer.unref();
      // a step under way keeps the process alive (an idle helper does not)
      if (!this.pending.size) w.ref();
      this.pending.set(seq, { resolve, reject, timer });
      w.postMessage({ ...msg, seq });
    });
  }

  /** @internal */
  send(msg: Record<string, unknown>): void {
    if (this.ready) this.worker?.postMessage(msg);
  }

  /** Resolves true once the helper can take work, false if it stopped first. */
  whenReady(): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    if (!this.worker) return Promise.resolve(false);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private settleReady(ok: boolean): void {
    const ws = this.readyWaiters;
    this.readyWaiters = [];
    ws.forEach((r) => r(ok));
  }

  private reset(e: Error): void {
    this.settleReady(false);
    this.worker = undefined;
    this.ready = false;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
  }

  private async restart(): Promise<void> {
    const w = this.worker;
    this.reset(new Error("preparation helper restarted"));
    await w?.terminate().catch(() => undefined);
    this.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const w = this.worker;
    this.reset(new Error("preparation helper stopped"));
    await w?.terminate().catch(() => undefined);
  }
}

/** One page's work on the helper: its decoded image stays there until `close`. */
export class PrepJob {
  constructor(
    private readonly helper: PrepHelper,
    readonly id: number,
  ) {}
  run(op: string, args: Record<string, unknown>, a: number, b: number): Promise<void> {
    return this.helper.post({ op, id: this.id, args, a, b });
  }
  close(): void {
    this.helper.send({ op: "close", id: this.id });
  }
}

let shared: PrepHelper | undefined;

/** The process's helper, started on first call. Off with FRIKORT_PREP_HELPER=off (one thread, as before). */
export function prepHelper(): PrepHelper | undefined {
  if (setting("FRIKORT_PREP_HELPER") === "off") return undefined;
  if (!shared) {
    shared = new PrepHelper();
    shared.start();
  }
  return shared;
}

export async function stopPrepHelper(): Promise<void> {
  const h = shared;
  shared = undefined;
  await h?.stop();
}
