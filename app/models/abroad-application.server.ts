/**
 * Queries of the abroad application (docs/decisions/0010-abroad-application.md). The JSON columns
 * are typed in the schema and parsed with their zod schemas here on every read: `data` with
 * `abroadDataSchema`, a document's `result` with the document pipeline's `StoredExtractionSchema`.
 * Every read a resident's page makes is scoped by the person.
 */
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { abroadApplications, abroadDocuments, cases, uploads } from "~/db/schema";
import { StoredExtractionSchema, type StoredExtraction } from "~/documents/schema";
import {
  abroadDataSchema,
  abroadStatusSchema,
  invoicesInForce,
  type AbroadData,
  type AbroadStatus,
  type AdvanceTarget,
  type ApplicationFacts,
  type SentSnapshot,
  transition,
} from "~/domain/abroad-application";

type ApplicationRow = typeof abroadApplications.$inferSelect;
type DocumentRow = typeof abroadDocuments.$inferSelect;

/** An application as read: status and data parsed. */
export type AbroadApplication = Omit<ApplicationRow, "status" | "data"> & { status: AbroadStatus; data: AbroadData };
/** A document as read: the extraction parsed (null when not read, or not in the pipeline's shape). */
export type AbroadDocument = Omit<DocumentRow, "result"> & { result: StoredExtraction | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);

export function parseApplication(row: ApplicationRow): AbroadApplication {
  return { ...row, status: abroadStatusSchema.parse(row.status), data: abroadDataSchema.parse(row.data ?? {}) };
}

export function parseDocument(row: DocumentRow): AbroadDocument {
  if (row.result === null || row.result === undefined) return { ...row, result: null };
  const r = StoredExtractionSchema.safeParse(row.result);
  return { ...row, result: r.success ? r.data : null };
}

export interface ApplicationDocument {
  doc: AbroadDocument;
  sha256: string | null;
  mimeType: string | null;
}

export interface ApplicationView extends ApplicationFacts<AbroadDocument> {
  app: AbroadApplication;
  documents: ApplicationDocument[];
}

/** The application with its documents and the answers in force; null when it is not the person's. */
export async function loadApplication(db: Db, personId: string, applicationId: string): Promise<ApplicationView | null> {
  if (!isUuid(applicationId)) return null;
  const [row] = await db
    .select()
    .from(abroadApplications)
    .where(and(eq(abroadApplications.id, applicationId), eq(abroadApplications.personId, personId)));
  if (!row) return null;
  const app = parseApplication(row);
  const rows = await db
    .select({ doc: abroadDocuments, sha256: uploads.sha256, mimeType: uploads.mimeType })
    .from(abroadDocuments)
    .leftJoin(uploads, and(eq(uploads.id, abroadDocuments.uploadId), eq(uploads.personId, personId)))
    .where(and(eq(abroadDocuments.applicationId, app.id), eq(abroadDocuments.personId, personId)))
    .orderBy(asc(abroadDocuments.createdAt), asc(abroadDocuments.id));
  const documents = rows.map((r) => ({ doc: parseDocument(r.doc), sha256: r.sha256 ?? null, mimeType: r.mimeType ?? null }));
  return {
    app,
    data: app.data,
    documents,
    invoices: invoicesInForce(
      app.data,
      documents.map((d) => d.doc),
    ),
  };
}

/** One application by id (Helfo's side: not scoped by person). */
export async function findApplication(db: Db, applicationId: string): Promise<AbroadApplication | null> {
  if (!isUuid(applicationId)) return null;
  const [row] = await db.select().from(abroadApplications).where(eq(abroadApplications.id, applicationId));
  return row ? parseApplication(row) : null;
}

/** The uploaded bytes of one document, for the preview; scoped by person and application. */
export async function getDocumentFile(db: Db, personId: string, applicationId: string, documentId: string) {
  if (!isUuid(applicationId) || !isUuid(documentId)) return null;
  const [row] = await db
    .select({ filename: uploads.filename, mimeType: uploads.mimeType, content: uploads.content })
    .from(abroadDocuments)
    .innerJoin(uploads, and(eq(uploads.id, abroadDocuments.uploadId), eq(uploads.personId, personId)))
    .where(and(eq(abroadDocuments.id, documentId), eq(abroadDocuments.applicationId, applicationId), eq(abroadDocuments.personId, personId)));
  return row ?? null;
}

/** Changes a draft's data under the row lock; false when there is no such draft. */
export async function updateDraftData(db: Db, personId: string, applicationId: string, change: (d: AbroadData) => AbroadData): Promise<boolean> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .select()
      .from(abroadApplications)
      .where(and(eq(abroadApplications.id, applicationId), eq(abroadApplications.personId, personId)))
      .for("update");
    if (!row || row.status !== "draft") return false;
    const app = parseApplication(row);
    await tx
      .update(abroadApplications)
      .set({ data: change(app.data), updatedAt: new Date() })
      .where(eq(abroadApplications.id, app.id));
    return true;
  });
}

/** The claim keys of the person's earlier applications that were sent (not this one). */
export async function previouslyClaimed(db: Db, personId: string, exceptId: string) {
  const rows = await db
    .select({ data: abroadApplications.data })
    .from(abroadApplications)
    .where(and(eq(abroadApplications.personId, personId), ne(abroadApplications.status, "draft"), ne(abroadApplications.id, exceptId)));
  const fileKeys: string[] = [];
  const invoiceKeys: string[] = [];
  for (const r of rows) {
    const keys = abroadDataSchema.parse(r.data).sent?.claimKeys;
    if (keys) {
      fileKeys.push(...keys.fileKeys);
      invoiceKeys.push(...keys.invoiceKeys);
    }
  }
  return { fileKeys, invoiceKeys };
}

async function referenceTaken(tx: Db, ref: string): Promise<boolean> {
  const [a] = await tx
    .select({ id: abroadApplications.id })
    .from(abroadApplications)
    .where(sql`${abroadApplications.data}->>'reference' = ${ref}`);
  const [c] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.reference, ref));
  return Boolean(a || c);
}

/**
 * draft → received, once, under the row lock: a second submit finds it received and returns it
 * (`fresh: false`). `newRef` makes a candidate reference; one not used by a case or another
 * application is kept.
 */
export async function markSubmitted(
  db: Db,
  personId: string,
  applicationId: string,
  sent: SentSnapshot,
  newRef: () => string,
  now: Date,
): Promise<{ app: AbroadApplication; fresh: boolean } | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .select()
      .from(abroadApplications)
      .where(and(eq(abroadApplications.id, applicationId), eq(abroadApplications.personId, personId)))
      .for("update");
    if (!row) return null;
    const app = parseApplication(row);
    if (app.status !== "draft") return { app, fresh: false };
    let reference: string | null = null;
    for (let i = 0; i < 10 && !reference; i++) {
      const ref = newRef();
      if (!(await referenceTaken(tx, ref))) reference = ref;
    }
    if (!reference) throw new Error("could not allocate a reference");
    const data: AbroadData = { ...app.data, reference, submittedAt: now.toISOString(), events: [{ status: "received", at: now.toISOString() }], sent };
    const [u] = await tx.update(abroadApplications).set({ status: "received", data, updatedAt: now }).where(eq(abroadApplications.id, app.id)).returning();
    return { app: parseApplication(u!), fresh: true };
  });
}

/** Moves a sent application (the pure `transition` decides) and appends its dated event, under the row lock. */
export async function applyTransition(
  db: Db,
  applicationId: string,
  to: AdvanceTarget,
  note: string | undefined,
  now: Date,
  opts: { personId?: string; uploadId?: string | null; onlyFrom?: readonly AbroadStatus[] } = {},
): Promise<{ app: AbroadApplication; fresh: boolean } | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx.select().from(abroadApplications).where(eq(abroadApplications.id, applicationId)).for("update");
    if (!row || (opts.personId !== undefined && row.personId !== opts.personId)) return null;
    const app = parseApplication(row);
    if (opts.onlyFrom && !opts.onlyFrom.includes(app.status)) return { app, fresh: false };
    const t = transition(app.status, to, now.toISOString(), note, opts.uploadId);
    if (t.kind === "refused") return null;
    if (t.kind === "unchanged") return { app, fresh: false };
    const [u] = await tx
      .update(abroadApplications)
      .set({ status: t.to, data: { ...app.data, events: [...(app.data.events ?? []), t.event] }, updatedAt: now })
      .where(eq(abroadApplications.id, app.id))
      .returning();
    return { app: parseApplication(u!), fresh: true };
  });
}

/** The person's sent applications, newest first. */
export async function listSentApplications(db: Db, personId: string) {
  const rows = await db
    .select()
    .from(abroadApplications)
    .where(and(eq(abroadApplications.personId, personId), ne(abroadApplications.status, "draft")))
    .orderBy(desc(abroadApplications.updatedAt));
  return rows.map(parseApplication).map((r) => ({ id: r.id, status: r.status, reference: r.data.reference ?? "", submittedAt: r.data.submittedAt ?? null }));
}
