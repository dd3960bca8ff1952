/**
 * Reads an uploaded Norwegian egenandel receipt into the missing-egenandel report's fields (issue 21, item 5). The reading is
 * the document pipeline's (text layer, or OCR of a photo or scan on a one-worker pool that exists only while it reads); a
 * file it cannot read gives null, and the resident types the fields as before.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { uploads } from "~/db/schema";
import { readReceipt, type ReceiptPrefill } from "~/documents/pipeline";
import { log } from "~/utils/log.server";

export type { ReceiptPrefill } from "~/documents/pipeline";

export async function prefillFromUpload(db: Db, personId: string, uploadId: string): Promise<ReceiptPrefill | null> {
  const [u] = await db
    .select({ content: uploads.content })
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.personId, personId)));
  if (!u) return null;
  const started = Date.now();
  try {
    const r = await readReceipt(new Uint8Array(u.content));
    // which fields were found, never their values (a receipt names the person and the provider)
    log.info("receipt read", {
      ms: Date.now() - started,
      found: Object.entries(r)
        .filter(([, v]) => v !== null)
        .map(([k]) => k),
    });
    return r;
  } catch (err) {
    log.info("receipt not read", { ms: Date.now() - started, err: err instanceof Error ? err.name : "error" });
    return null;
  }
}
