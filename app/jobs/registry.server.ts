/**
 * How request handlers reach the job runner of their process without importing pg-boss: the server
 * (server/main.ts) registers its runner here, the Remix routes (a separate bundle, so a separate copy
 * of this module) find it through a process-wide symbol. When no runner is registered (a web process
 * with JOBS_IN_WEB=false and no sender), queued documents are picked up by the worker's sweep.
 */
export interface DocumentQueue {
  /** Idempotent: at most one waiting job per document. */
  enqueue(documentId: string): Promise<void>;
}

const KEY = Symbol.for("frikortportalen.document-queue");
type Holder = { [KEY]?: DocumentQueue | null };

export function registerDocumentQueue(queue: DocumentQueue | null): void {
  (globalThis as Holder)[KEY] = queue;
}

export function documentQueue(): DocumentQueue | null {
  return (globalThis as Holder)[KEY] ?? null;
}
