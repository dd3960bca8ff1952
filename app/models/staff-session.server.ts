import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { staffSessions } from "~/db/schema";
import { hashSessionId } from "./citizen-session.server";

export interface StaffSessionRow {
  ident: string;
  name: string | null;
  roles: string[];
  unit: string;
}

export async function insertStaffSession(db: Db, row: StaffSessionRow & { sid: string; expiresAt: Date }): Promise<void> {
  await db.insert(staffSessions).values({ idHash: hashSessionId(row.sid), ident: row.ident, name: row.name, roles: row.roles, unit: row.unit, expiresAt: row.expiresAt });
}

/** The live session's staff member, or null when it has ended, expired or never existed. */
export async function liveStaffSession(db: Db, sid: string, now = new Date()): Promise<StaffSessionRow | null> {
  const [row] = await db
    .select({ ident: staffSessions.ident, name: staffSessions.name, roles: staffSessions.roles, unit: staffSessions.unit })
    .from(staffSessions)
    .where(and(eq(staffSessions.idHash, hashSessionId(sid)), isNull(staffSessions.endedAt), gt(staffSessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

export async function endStaffSession(db: Db, sid: string, reason: "logout" | "new-login"): Promise<void> {
  await db
    .update(staffSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(staffSessions.idHash, hashSessionId(sid)), isNull(staffSessions.endedAt)));
}

export async function deleteExpiredStaffSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(staffSessions).where(lt(staffSessions.expiresAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
}
