import { createHash } from "node:crypto";
import { and, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { citizenSessions } from "~/db/schema";

/** Rows of sessions that expired longer ago than this are deleted when someone logs in. */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

export type SessionEndReason = "logout" | "new-login";

export function hashSessionId(sid: string): string {
  return createHash("sha256").update(sid, "utf8").digest("hex");
}

export async function insertSession(db: Db, row: { sid: string; personId: string; expiresAt: Date }): Promise<void> {
  await db.insert(citizenSessions).values({ idHash: hashSessionId(row.sid), personId: row.personId, expiresAt: row.expiresAt });
}

/** True while the session exists for this person, has not been ended and has not expired. */
export async function isSessionLive(db: Db, sid: string, personId: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(citizenSessions)
    .where(and(eq(citizenSessions.idHash, hashSessionId(sid)), eq(citizenSessions.personId, personId), isNull(citizenSessions.endedAt), gt(citizenSessions.expiresAt, now)))
    .limit(1);
  return row !== undefined;
}

export async function endSession(db: Db, sid: string, reason: SessionEndReason): Promise<void> {
  await db
    .update(citizenSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(citizenSessions.idHash, hashSessionId(sid)), isNull(citizenSessions.endedAt)));
}

/** Ends every live session of the person except `keepSid` (the one just started). */
export async function endOtherSessionsOfPerson(db: Db, personId: string, keepSid: string, reason: SessionEndReason): Promise<number> {
  const ended = await db
    .update(citizenSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(citizenSessions.personId, personId), isNull(citizenSessions.endedAt), ne(citizenSessions.idHash, hashSessionId(keepSid))))
    .returning({ idHash: citizenSessions.idHash });
  return ended.length;
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(citizenSessions).where(lt(citizenSessions.expiresAt, new Date(now.getTime() - KEEP_EXPIRED_MS)));
}
