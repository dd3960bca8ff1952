/**
 * Messages to the resident: always in the portal's inbox; optionally a notice by e-mail or SMS
 * through a pluggable sender. The default sender only logs that a notice went out (no personal data).
 */
import type { Db } from "~/db/client.server";
import { inboxMessages } from "~/db/schema";
import { log, logError } from "~/utils/log.server";

export interface NoticeSender {
  send(notice: { personId: string; kind: string }): Promise<void>;
}

export const logSender: NoticeSender = {
  async send(notice) {
    log.info("notice sent", { channel: "log", personId: notice.personId, kind: notice.kind });
  },
};

let sender: NoticeSender = logSender;
export function setNoticeSender(s: NoticeSender) {
  sender = s;
}

/** Sends a notice for an inbox message written elsewhere (e.g. inside the engine's transaction). */
export async function sendNotice(personId: string, kind: string) {
  try {
    await sender.send({ personId, kind });
  } catch (err) {
    logError("notice could not be sent", err, { personId, kind }, "warn");
  }
}

/** Adds an inbox message once per dedupe key and sends a notice for it. */
export async function notify(db: Db, personId: string, kind: string, payload: Record<string, unknown>, dedupeKey: string) {
  const inserted = await db.insert(inboxMessages).values({ personId, kind, payload, dedupeKey }).onConflictDoNothing().returning({ id: inboxMessages.id });
  if (inserted.length) await sendNotice(personId, kind);
}
