/**
 * How a submission reaches the page-image job (issue 19): the job runner of the process registers
 * itself here (through a process-wide symbol, as the routes are a separate bundle), and a submitted
 * application abroad is queued so its page images are rendered before a caseworker first opens it.
 * Without a runner (or when sending fails) nothing is lost: the case view renders on demand.
 */
import { log } from "~/utils/log.server";

export interface PageImageQueue {
  /** Idempotent: at most one waiting job per application. */
  enqueue(applicationId: string): Promise<void>;
}

const KEY = Symbol.for("frikortportalen.page-image-queue");
type Holder = { [KEY]?: PageImageQueue | null };

export function registerPageImageQueue(queue: PageImageQueue | null): void {
  (globalThis as Holder)[KEY] = queue;
}

export function pageImageQueue(): PageImageQueue | null {
  return (globalThis as Holder)[KEY] ?? null;
}

/** Queues the rendering of a submitted application's pages; never fails the submission. */
export async function queuePageImages(applicationId: string): Promise<boolean> {
  const q = pageImageQueue();
  if (!q) return false;
  try {
    await q.enqueue(applicationId);
    return true;
  } catch (err) {
    log.warn("page images could not be queued; they render when the case is opened", { applicationId, err });
    return false;
  }
}
