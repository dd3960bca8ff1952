/**
 * Refund of physiotherapy abroad (issue 5): the resident's application and the documents attached
 * to it. Every read and write is scoped by the person. A file is checked by content (sniff) before
 * it is stored; a good one is stored with its SHA-256 in `uploads` and queued for background reading
 * (app/jobs), a bad one is kept as a failed document with its reason so the resident sees why.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { abroadApplications, abroadDocuments, uploads } from "~/db/schema";
import { StoredExtractionSchema } from "~/documents/schema";
import { sniff, type SniffReason } from "~/documents/text/sniff";
import { isUuid, parseApplication, parseDocument, type AbroadApplication, type AbroadDocument } from "~/models/abroad-application.server";
import { documentClasses, type DocumentClass } from "~/domain/abroad-application";

/** The upload fields: "payment" is proof of payment (card slip, bank statement, receipt; issue 18 item 8). */
export const DOCUMENT_KINDS = ["invoice", "payment", "authorisation", "epikrise"] as const;
export type AbroadDocumentKind = (typeof DOCUMENT_KINDS)[number];
export type AbroadDocumentStatus = "queued" | "reading" | "done" | "failed";
/** Why a document failed: a content-check reason, or "error" when reading it kept failing. */
export type AbroadFailureReason = SniffReason | "error";

export const ABROAD_LIMITS = { maxBytes: 20 * 1024 * 1024, maxFilesPerKind: 10, maxPages: 30 } as const;

export { isUuid, type AbroadApplication, type AbroadDocument } from "~/models/abroad-application.server";

export function isDocumentKind(v: unknown): v is AbroadDocumentKind {
  return typeof v === "string" && (DOCUMENT_KINDS as readonly string[]).includes(v);
}

/** The person's open draft, if any. */
export async function findDraft(db: Db, personId: string): Promise<AbroadApplication | null> {
  const [row] = await db
    .select()
    .from(abroadApplications)
    .where(and(eq(abroadApplications.personId, personId), eq(abroadApplications.status, "draft")))
    .orderBy(desc(abroadApplications.createdAt))
    .limit(1);
  return row ? parseApplication(row) : null;
}

/** Continues the person's draft, or starts one. */
export async function startOrContinueDraft(db: Db, personId: string): Promise<AbroadApplication> {
  const existing = await findDraft(db, personId);
  if (existing) return existing;
  const [row] = await db.insert(abroadApplications).values({ personId, status: "draft", data: {} }).returning();
  return parseApplication(row!);
}

export async function getApplication(db: Db, personId: string, applicationId: string): Promise<AbroadApplication | null> {
  if (!isUuid(applicationId)) return null;
  const [row] = await db
    .select()
    .from(abroadApplications)
    .where(and(eq(abroadApplications.id, applicationId), eq(abroadApplications.personId, personId)));
  return row ? parseApplication(row) : null;
}

export interface DocumentView {
  id: string;
  kind: AbroadDocumentKind;
  filename: string;
  status: AbroadDocumentStatus;
  failureReason: AbroadFailureReason | null;
  sizeBytes: number | null;
  /** A few fields from the extraction, for the resident to recognise the document. */
  summary: { pages: number; source: string } | null;
  /** Uploaded as an invoice but counted as proof of payment (a card slip, a bank statement, an invoice's receipt), and why. */
  readAsPayment: DocumentClass["readAsPayment"];
}

export async function listDocuments(db: Db, personId: string, applicationId: string): Promise<DocumentView[]> {
  const rows = await db
    .select({ doc: abroadDocuments, sizeBytes: uploads.sizeBytes })
    .from(abroadDocuments)
    .leftJoin(uploads, eq(uploads.id, abroadDocuments.uploadId))
    .where(and(eq(abroadDocuments.applicationId, applicationId), eq(abroadDocuments.personId, personId)))
    .orderBy(asc(abroadDocuments.createdAt), asc(abroadDocuments.id));
  const parsed = rows.map(({ doc }) => parseDocument(doc));
  const classes = documentClasses(parsed);
  return rows.map(({ doc, sizeBytes }, i) => {
    const r = parsed[i]!.result;
    return {
      id: doc.id,
      kind: doc.kind as AbroadDocumentKind,
      filename: doc.filename,
      status: doc.status as AbroadDocumentStatus,
      failureReason: (doc.failureReason as AbroadFailureReason | null) ?? null,
      sizeBytes: sizeBytes ?? null,
      summary: r ? { pages: r.pages, source: r.source } : null,
      readAsPayment: classes.get(doc.id)?.readAsPayment ?? null,
    };
  });
}

export type AddDocumentResult = { ok: true; documentId: string; queued: true } | { ok: false; documentId: string | null; reason: AbroadFailureReason | "too-many-files" };

/**
 * Checks one file by content and attaches it. A good file is stored (with its SHA-256) and the
 * document is "queued"; the caller then enqueues the job. A bad file becomes a "failed" document with
 * the reason (nothing is stored of its content). Over the per-kind limit nothing is recorded.
 */
export async function addDocument(
  db: Db,
  v: { personId: string; applicationId: string; kind: AbroadDocumentKind; file: { name: string; bytes: Uint8Array } | { name: string; tooLarge: true } },
): Promise<AddDocumentResult> {
  const sameKind = and(eq(abroadDocuments.applicationId, v.applicationId), eq(abroadDocuments.personId, v.personId), eq(abroadDocuments.kind, v.kind));
  // a rejected file does not use up one of the ten (issue 16, item 10): only files that are kept count
  const [count] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(abroadDocuments)
    .where(and(sameKind, ne(abroadDocuments.status, "failed")));
  if ((count?.n ?? 0) >= ABROAD_LIMITS.maxFilesPerKind) return { ok: false, documentId: null, reason: "too-many-files" };

  const filename = cleanFilename(v.file.name);
  const reject = async (reason: SniffReason): Promise<AddDocumentResult> => {
    const [doc] = await db
      .insert(abroadDocuments)
      .values({ applicationId: v.applicationId, personId: v.personId, kind: v.kind, filename, status: "failed", failureReason: reason })
      .returning({ id: abroadDocuments.id });
    // the list of rejected files (name and reason only, no content) keeps the newest ten per kind
    const old = await db
      .select({ id: abroadDocuments.id })
      .from(abroadDocuments)
      .where(and(sameKind, eq(abroadDocuments.status, "failed"), isNull(abroadDocuments.uploadId)))
      .orderBy(desc(abroadDocuments.createdAt), desc(abroadDocuments.id))
      .offset(ABROAD_LIMITS.maxFilesPerKind);
    if (old.length)
      await db.delete(abroadDocuments).where(
        and(
          sameKind,
          inArray(
            abroadDocuments.id,
            old.map((o) => o.id),
          ),
        ),
      );
    return { ok: false, documentId: doc!.id, reason };
  };
  // too large to even keep in memory: the upload handler stopped reading it
  if (!("bytes" in v.file)) return reject("too-large");
  const bytes = v.file.bytes;
  const checked = await sniff(bytes, { maxBytes: ABROAD_LIMITS.maxBytes, maxPages: ABROAD_LIMITS.maxPages });
  if (!checked.ok) return reject(checked.reason);
  const mime = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" }[checked.kind];
  const id = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [u] = await tx
      .insert(uploads)
      .values({
        personId: v.personId,
        filename,
        mimeType: mime,
        sizeBytes: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        content: Buffer.from(bytes),
      })
      .returning({ id: uploads.id });
    const [doc] = await tx
      .insert(abroadDocuments)
      .values({ applicationId: v.applicationId, personId: v.personId, kind: v.kind, filename, uploadId: u!.id, status: "queued" })
      .returning({ id: abroadDocuments.id });
    await tx.update(abroadApplications).set({ updatedAt: new Date() }).where(eq(abroadApplications.id, v.applicationId));
    return doc!.id;
  });
  return { ok: true, documentId: id, queued: true };
}

function cleanFilename(name: string): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim();
  return base.slice(0, 200) || "dokument";
}

/** Removes a document from the person's draft application (its stored file too). */
export async function removeDocument(db: Db, personId: string, applicationId: string, documentId: string): Promise<boolean> {
  if (!isUuid(documentId)) return false;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [doc] = await tx
      .delete(abroadDocuments)
      .where(and(eq(abroadDocuments.id, documentId), eq(abroadDocuments.applicationId, applicationId), eq(abroadDocuments.personId, personId)))
      .returning();
    if (!doc) return false;
    if (doc.uploadId) await tx.delete(uploads).where(and(eq(uploads.id, doc.uploadId), eq(uploads.personId, personId)));
    return true;
  });
}

export async function getDocument(db: Db, personId: string, documentId: string): Promise<AbroadDocument | null> {
  if (!isUuid(documentId)) return null;
  const [row] = await db
    .select()
    .from(abroadDocuments)
    .where(and(eq(abroadDocuments.id, documentId), eq(abroadDocuments.personId, personId)));
  return row ? parseDocument(row) : null;
}

// ---------------------------------------------------------------------------------------------
// The background job's side (app/jobs/extract-document.server.ts). The job only carries the
// document id; the row says whose it is.

/**
 * Claims a document for reading: "queued"/"reading" → "reading" with one more attempt, and returns
 * its bytes. Null when there is nothing to do (removed, already done, or rejected).
 */
/** Claims a queued document for reading: its bytes, and the country its application names (the pipeline's language hint). */
export async function claimForReading(db: Db, documentId: string): Promise<{ doc: AbroadDocument; bytes: Uint8Array; country: string | null } | null> {
  const [doc] = await db
    .update(abroadDocuments)
    .set({ status: "reading", attempts: sql`${abroadDocuments.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(abroadDocuments.id, documentId), inArray(abroadDocuments.status, ["queued", "reading"])))
    .returning();
  if (!doc || !doc.uploadId) return null;
  const [u] = await db
    .select({ content: uploads.content })
    .from(uploads)
    .where(and(eq(uploads.id, doc.uploadId), eq(uploads.personId, doc.personId)));
  if (!u) return null;
  const [app] = await db
    .select({ data: abroadApplications.data })
    .from(abroadApplications)
    .where(and(eq(abroadApplications.id, doc.applicationId), eq(abroadApplications.personId, doc.personId)));
  const country = (app?.data as { country?: unknown } | undefined)?.country;
  return { doc: parseDocument(doc), bytes: new Uint8Array(u.content.buffer, u.content.byteOffset, u.content.byteLength), country: typeof country === "string" ? country : null };
}

/** Stores the pipeline's result, parsed with the document schema first (a result not in that shape throws). */
export async function markDone(db: Db, documentId: string, result: unknown): Promise<void> {
  const parsed = StoredExtractionSchema.parse(result);
  await db
    .update(abroadDocuments)
    .set({ status: "done", result: parsed, failureReason: null, updatedAt: new Date() })
    .where(and(eq(abroadDocuments.id, documentId), inArray(abroadDocuments.status, ["queued", "reading"])));
}

export async function markFailed(db: Db, documentId: string, reason: AbroadFailureReason): Promise<void> {
  await db
    .update(abroadDocuments)
    .set({ status: "failed", failureReason: reason, updatedAt: new Date() })
    .where(and(eq(abroadDocuments.id, documentId), inArray(abroadDocuments.status, ["queued", "reading"])));
}

/** Back to "queued" between attempts, so the page does not say "reading" while it waits to retry. */
export async function markQueued(db: Db, documentId: string): Promise<void> {
  await db
    .update(abroadDocuments)
    .set({ status: "queued", updatedAt: new Date() })
    .where(and(eq(abroadDocuments.id, documentId), eq(abroadDocuments.status, "reading")));
}

/** Documents still "queued" after `olderThanSeconds`: the worker's safety net re-enqueues them. */
export async function staleQueuedDocuments(db: Db, olderThanSeconds: number, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ id: abroadDocuments.id })
    .from(abroadDocuments)
    .where(and(eq(abroadDocuments.status, "queued"), lt(abroadDocuments.updatedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)))
    .orderBy(asc(abroadDocuments.updatedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The heartbeat of the documents a worker is reading: their lease is renewed (issue 16, item 9). */
export async function touchReading(db: Db, documentIds: string[]): Promise<void> {
  if (!documentIds.length) return;
  await db
    .update(abroadDocuments)
    .set({ updatedAt: sql`now()` })
    .where(and(inArray(abroadDocuments.id, documentIds), eq(abroadDocuments.status, "reading")));
}

/** Documents "reading" whose lease was not renewed for `olderThanSeconds` (0: all of them): their worker stopped. */
export async function staleReadingDocuments(db: Db, olderThanSeconds: number, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ id: abroadDocuments.id })
    .from(abroadDocuments)
    .where(and(eq(abroadDocuments.status, "reading"), lt(abroadDocuments.updatedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)))
    .orderBy(asc(abroadDocuments.updatedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
