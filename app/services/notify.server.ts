/**
 * Messages to the resident: always in the portal's inbox; and a notice by e-mail and/or SMS as the resident chose
 * (/mine/varsler). A notice never carries the message: only "you have a new message in Frikortportalen" in the resident's
 * language. Notices are sent by a pg-boss job (app/jobs/notices.server.ts), retried on failure; queueing one never waits
 * for a send and never fails the action that wrote the message.
 */
import type { Db } from "~/db/client.server";
import { inboxMessages } from "~/db/schema";
import { log } from "~/utils/log.server";

/** Where notices are queued: the job runner of this process registers itself (a process-wide symbol, as the document queue). */
export interface NoticeQueue {
  /** `kind` is for the caller's bookkeeping only: the notice says the same for every kind, and the job does not store it. */
  enqueue(personId: string, kind: string): Promise<void>;
}

const KEY = Symbol.for("frikortportalen.notice-queue");
type Holder = { [KEY]?: NoticeQueue | null };

export function registerNoticeQueue(queue: NoticeQueue | null): void {
  (globalThis as Holder)[KEY] = queue;
}

export function noticeQueue(): NoticeQueue | null {
  return (globalThis as Holder)[KEY] ?? null;
}

/**
 * Queues a notice for an inbox message written elsewhere (e.g. inside the engine's transaction). Does not wait for the
 * queue: the action that wrote the message goes on whatever happens here.
 */
export function sendNotice(personId: string, kind: string): void {
  const queue = noticeQueue();
  if (!queue) {
    log.debug("notice not queued: no job runner in this process", { personId, kind });
    return;
  }
  queue.enqueue(personId, kind).catch((err: unknown) => log.warn("notice could not be queued", { personId, kind, err }));
}

/** Adds an inbox message once per dedupe key and queues a notice for it. */
export async function notify(db: Db, personId: string, kind: string, payload: Record<string, unknown>, dedupeKey: string) {
  const inserted = await db.insert(inboxMessages).values({ personId, kind, payload, dedupeKey }).onConflictDoNothing().returning({ id: inboxMessages.id });
  if (inserted.length) sendNotice(personId, kind);
}
