/**
 * Group commit inside one web process: requests that arrive while a batch is being written are
 * queued and written together in the next batch ("natural batching": no timer, a batch starts as
 * soon as a slot is free, and everything that arrived in the meantime goes into it). Nothing here
 * outlives a request: the queue holds only requests that have not been answered yet, so the web
 * processes stay stateless (docs/decisions/0011-group-commit.md).
 */
import { setting } from "~/config.server";
export interface BatcherOptions {
  /** At most this many items in one batch. */
  maxBatch: number;
  /** Batches in flight at once (each on its own connection). */
  maxInFlight: number;
}

interface Pending<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/** The outcome of one item: a value, or an error for that item alone. */
export type ItemResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

const all = new Map<string, Batcher<unknown, unknown>>();

/** Batch counts of every batcher in this process (logged by the server when it stops). */
export function batchStats(): Record<string, { batches: number; items: number; maxSize: number; meanSize: number }> {
  const out: Record<string, { batches: number; items: number; maxSize: number; meanSize: number }> = {};
  for (const [key, b] of all) {
    const name = key.split("#")[0]!;
    const prev = out[name] ?? { batches: 0, items: 0, maxSize: 0, meanSize: 0 };
    prev.batches += b.stats.batches;
    prev.items += b.stats.items;
    prev.maxSize = Math.max(prev.maxSize, b.stats.maxSize);
    prev.meanSize = prev.batches ? Math.round((10 * prev.items) / prev.batches) / 10 : 0;
    out[name] = prev;
  }
  return out;
}

export class Batcher<I, O> {
  private queue: Array<Pending<I, O>> = [];
  private inFlight = 0;
  private scheduled = false;
  /** Batches run so far and items in them (for the bench and tests). */
  readonly stats = { batches: 0, items: 0, maxSize: 0 };

  constructor(
    private readonly run: (items: I[]) => Promise<Array<ItemResult<O>>>,
    private readonly opts: BatcherOptions,
    name = "batch",
  ) {
    all.set(`${name}#${all.size}`, this as unknown as Batcher<unknown, unknown>);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // Let the requests already read by this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain() {
    while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.items += batch.length;
      this.stats.maxSize = Math.max(this.stats.maxSize, batch.length);
      this.run(batch.map((p) => p.item))
        .then((results) => {
          batch.forEach((p, i) => {
            const r = results[i];
            if (!r) p.reject(new Error("batch returned no result for an item"));
            else if (r.ok) p.resolve(r.value);
            else p.reject(r.error);
          });
        })
        .catch((err: unknown) => {
          for (const p of batch) p.reject(err);
        })
        .finally(() => {
          this.inFlight--;
          this.schedule();
        });
    }
  }
}

/** Options from the environment: `${prefix}_BATCH_MAX` and `${prefix}_BATCH_IN_FLIGHT`. */
export function batcherOptionsFromEnv(prefix: "REGISTER" | "LOOKUP" | "CLAIMS", dflt: BatcherOptions, env?: NodeJS.ProcessEnv): BatcherOptions {
  return { maxBatch: setting(`${prefix}_BATCH_MAX`, env) ?? dflt.maxBatch, maxInFlight: setting(`${prefix}_BATCH_IN_FLIGHT`, env) ?? dflt.maxInFlight };
}
