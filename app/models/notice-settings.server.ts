import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { noticeSettings } from "~/db/schema";

export type NoticeSettings = typeof noticeSettings.$inferSelect;

export async function getNoticeSettings(db: Db, personId: string): Promise<NoticeSettings | null> {
  const [row] = await db.select().from(noticeSettings).where(eq(noticeSettings.personId, personId)).limit(1);
  return row ?? null;
}

export async function saveNoticeSettings(
  db: Db,
  personId: string,
  v: { emailOn: boolean; smsOn: boolean; email: string | null; phone: string | null; lang: string },
): Promise<void> {
  await db
    .insert(noticeSettings)
    .values({ personId, ...v })
    .onConflictDoUpdate({ target: noticeSettings.personId, set: { ...v, updatedAt: sql`now()` } });
}
