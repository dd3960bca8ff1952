/**
 * The caseworker's review of a refund claim abroad (issue 19 items 1–3): page images of the documents,
 * corrections of what was read (immutable history), the refund recomputed from the corrected answers,
 * and asking the resident for more information and taking the answer back into the queue.
 *
 * - Corrections are rows in abroad_corrections (append-only; a trigger refuses UPDATE and DELETE); the
 *   answers in force are the resident's sent answers with the corrections applied (domain/abroad-corrections.ts),
 *   and `correctedAssessment` recomputes checks and refund through `assess` — the same pure functions
 *   the resident's estimate uses. The decision code reads the refund from there.
 * - Page images are rendered by the isolated, memory-capped render process and kept in abroad_page_images,
 *   so a case opens without rendering; the staff route that serves them audits every read.
 * - "More information": the question is a status event ("more-info", its note), told in the inbox; the
 *   resident answers on the status page with text and files that go through the same document pipeline
 *   (addDocument + the background reading), and the application returns to "under-review".
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { abroadCorrections, abroadDocuments, abroadPageImages, uploads } from "~/db/schema";
import {
  ANSWER_PREFIX,
  applyCorrections,
  type CorrectionError,
  type CorrectionRow,
  currentValue,
  normaliseCorrection,
  parseField,
  rateDateOf,
  reasonError,
} from "~/domain/abroad-corrections";
import type { IsoDate } from "~/kernel/types";
import { countsAs, documentClasses } from "~/domain/abroad-application";
import { applyTransition, findApplication, loadApplication, type ApplicationView } from "~/models/abroad-application.server";
import { renderProcess, RenderProcess, type PagePng } from "~/documents/text/isolated";
import { todayOslo } from "~/utils/clock.server";
import { assess, type Assessment } from "./abroad-application.server";
import { notify } from "./notify.server";

// ---------------------------------------------------------------------------------------------
// Corrections.

export interface Correction extends CorrectionRow {
  id: number;
  previous: string | null;
  reason: string;
  staffIdent: string;
  at: Date;
}

/** Every correction of the application, oldest first (the history). */
export async function listCorrections(db: Db, applicationId: string): Promise<Correction[]> {
  return db
    .select({
      id: abroadCorrections.id,
      documentId: abroadCorrections.documentId,
      field: abroadCorrections.field,
      value: abroadCorrections.value,
      previous: abroadCorrections.previous,
      reason: abroadCorrections.reason,
      staffIdent: abroadCorrections.staffIdent,
      at: abroadCorrections.at,
    })
    .from(abroadCorrections)
    .where(eq(abroadCorrections.applicationId, applicationId))
    .orderBy(asc(abroadCorrections.id));
}

/** The view with the corrections applied to every invoice's answers, and the claim-wide settings. */
export function applyToView(view: ApplicationView, rows: readonly CorrectionRow[]): { view: ApplicationView; rateDate: ReturnType<typeof rateDateOf> } {
  return {
    view: { ...view, invoices: view.invoices.map((i) => ({ ...i, answers: applyCorrections(i.answers, i.doc.id, rows) })) },
    rateDate: rateDateOf(rows),
  };
}

export interface CorrectedAssessment {
  view: ApplicationView;
  assessment: Assessment;
  corrections: Correction[];
}

/**
 * The checks and the refund of a sent application as the caseworker sees it: from the answers with every
 * correction applied, by `assess` (the resident's estimate's functions). Null when there is no sent application.
 */
export async function correctedAssessment(db: Db, applicationId: string, today: IsoDate = todayOslo()): Promise<CorrectedAssessment | null> {
  const app = await findApplication(db, applicationId);
  if (!app || app.status === "draft") return null;
  const loaded = await loadApplication(db, app.personId, app.id);
  if (!loaded) return null;
  const corrections = await listCorrections(db, app.id);
  const { view, rateDate } = applyToView(loaded, corrections);
  const assessment = await assess(db, app.personId, view, today, rateDate ? { rateDate } : undefined);
  return { view, assessment, corrections };
}

export type CorrectResult = { ok: true; changed: boolean } | { ok: false; errors: Partial<Record<"field" | "value" | "reason", CorrectionError>> };

/** Statuses in which what was read may still be corrected (before the decision). */
const CORRECTABLE_STATUSES = ["received", "under-review", "more-info"];

/**
 * A caseworker corrects one field (or fixes the rate-date rule) with a reason. The new value is checked
 * for its field; the previous value in force is kept in the row. The same value again changes nothing.
 */
export async function correctField(
  db: Db,
  v: { applicationId: string; documentId: string | null; field: string; value: string; reason: string; staffIdent: string },
  now = new Date(),
): Promise<CorrectResult> {
  const f = parseField(v.field);
  const errors: Partial<Record<"field" | "value" | "reason", CorrectionError>> = {};
  const reason = reasonError(v.reason);
  if (reason) errors.reason = reason;
  if (!f) return { ok: false, errors: { ...errors, field: "field" } };
  const norm = normaliseCorrection(f, v.value);
  if (!norm.ok) errors.value = "value";
  const app = await findApplication(db, v.applicationId);
  if (!app || !CORRECTABLE_STATUSES.includes(app.status)) return { ok: false, errors: { ...errors, field: "field" } };
  const loaded = await loadApplication(db, app.personId, app.id);
  if (!loaded) return { ok: false, errors: { ...errors, field: "field" } };
  const rows = await listCorrections(db, app.id);
  const { view, rateDate } = applyToView(loaded, rows);
  let previous: string | null;
  let documentId: string | null = null;
  if (f.kind === "claim") {
    previous = rateDate ?? null;
  } else {
    const inv = view.invoices.find((i) => i.doc.id === v.documentId);
    if (!inv) return { ok: false, errors: { ...errors, field: "field" } };
    previous = currentValue(inv.answers, f);
    if (previous === null) return { ok: false, errors: { ...errors, field: "line" } };
    documentId = inv.doc.id;
  }
  if (Object.keys(errors).length || !norm.ok) return { ok: false, errors };
  if (previous === norm.value) return { ok: true, changed: false };
  await db.insert(abroadCorrections).values({
    applicationId: app.id,
    documentId,
    field: v.field,
    value: norm.value,
    previous,
    reason: v.reason.trim(),
    staffIdent: v.staffIdent,
    at: now,
  });
  return { ok: true, changed: true };
}

// ---------------------------------------------------------------------------------------------
// More information: the caseworker asks, the resident answers.

const ASKABLE = ["received", "under-review"];

/**
 * The caseworker asks the resident for more information: the application waits ("more-info") with the
 * question in its history, and the resident gets an inbox message pointing to the application's page.
 */
export async function askAbroadMoreInfo(db: Db, applicationId: string, question: string, now = new Date()): Promise<boolean> {
  const app = await findApplication(db, applicationId);
  if (!app || !ASKABLE.includes(app.status)) return false;
  const moved = await applyTransition(db, app.id, "more-info", question, now);
  if (!moved?.fresh) return false;
  await notify(db, app.personId, "abroad-more-info", { reference: app.data.reference ?? "", applicationId: app.id }, `abroad:${app.id}:more-info:${now.toISOString()}`);
  return true;
}

/** The open question of an application waiting for the resident (the last "more-info" event's note), or null. */
export function openQuestion(app: { status: string; data: { events?: Array<{ status: string; note?: string; at: string }> } }): { question: string; at: string } | null {
  if (app.status !== "more-info") return null;
  const e = [...(app.data.events ?? [])].reverse().find((x) => x.status === "more-info");
  return e ? { question: e.note ?? "", at: e.at } : null;
}

export type AbroadAnswerResult = { ok: true } | { ok: false; reason: "not-found" | "not-asked" | "empty" };

/**
 * The resident answers: the text (and the documents already attached through the pipeline) go into
 * the history, and the application returns to the caseworker's queue as "under-review".
 */
export async function answerAbroadMoreInfo(
  db: Db,
  personId: string,
  applicationId: string,
  answer: { text: string; documentIds: string[] },
  now = new Date(),
): Promise<AbroadAnswerResult> {
  const app = await findApplication(db, applicationId);
  if (!app || app.personId !== personId) return { ok: false, reason: "not-found" };
  if (app.status !== "more-info") return { ok: false, reason: "not-asked" };
  if (!answer.text.trim() && !answer.documentIds.length) return { ok: false, reason: "empty" };
  const note = answer.text.trim() || null;
  const moved = await applyTransition(db, app.id, "under-review", note ? `${ANSWER_PREFIX}${note}` : ANSWER_PREFIX.trim(), now);
  return moved?.fresh ? { ok: true } : { ok: false, reason: "not-asked" };
}

// ---------------------------------------------------------------------------------------------
// Page images.

export const PAGE_SIZES = { page: 100, large: 200 } as const;
export type PageSize = keyof typeof PAGE_SIZES;
export const isPageSize = (v: string): v is PageSize => v === "page" || v === "large";

export interface DocumentPages {
  documentId: string;
  filename: string;
  kind: string;
  /** PDF pages are rendered to PNG; an image document is shown as it is (one page). */
  pdf: boolean;
  pages: number;
}

/** The pages of every stored document of the application (no image is read or rendered here). */
export function documentPages(view: ApplicationView): DocumentPages[] {
  // a card slip or receipt uploaded among the invoices is shown as what it counts as: proof of payment
  const classes = documentClasses(view.documents.map((d) => d.doc));
  return view.documents
    .filter((d) => d.mimeType !== null)
    .map((d) => {
      const pdf = d.mimeType === "application/pdf";
      return { documentId: d.doc.id, filename: d.doc.filename, kind: countsAs(classes, d.doc), pdf, pages: pdf ? Math.max(1, d.doc.result?.pages ?? 1) : 1 };
    });
}

let fallback: RenderProcess | undefined;

/**
 * One page of one document of the application as a PNG: from the cache, or rendered now (every page of the
 * document at that size, in one opening of the PDF in the render process) and kept. Null when there is no
 * such page.
 */
export async function pageImage(db: Db, applicationId: string, documentId: string, page: number, size: PageSize): Promise<PagePng | null> {
  if (!Number.isInteger(page) || page < 1 || page > 1000) return null;
  const [cached] = await db
    .select({ png: abroadPageImages.png, width: abroadPageImages.width, height: abroadPageImages.height })
    .from(abroadPageImages)
    .innerJoin(abroadDocuments, eq(abroadDocuments.id, abroadPageImages.documentId))
    .where(and(eq(abroadPageImages.documentId, documentId), eq(abroadDocuments.applicationId, applicationId), eq(abroadPageImages.page, page), eq(abroadPageImages.size, size)));
  if (cached) return cached;
  const rendered = await renderDocumentPages(db, applicationId, documentId, size);
  return rendered.find((p) => p.page === page) ?? null;
}

/** Renderings in progress, so that the page images a case view asks for at once render the document once. */
const inFlight = new Map<string, Promise<Array<PagePng & { page: number }>>>();

/** Renders and keeps every page of a PDF document at one size (once at a time per document and size); returns what it rendered. */
export function renderDocumentPages(db: Db, applicationId: string, documentId: string, size: PageSize): Promise<Array<PagePng & { page: number }>> {
  const key = `${applicationId}:${documentId}:${size}`;
  const running = inFlight.get(key);
  if (running) return running;
  const p = renderNow(db, applicationId, documentId, size).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

async function renderNow(db: Db, applicationId: string, documentId: string, size: PageSize): Promise<Array<PagePng & { page: number }>> {
  const [doc] = await db
    .select({ id: abroadDocuments.id, result: abroadDocuments.result, mimeType: uploads.mimeType, content: uploads.content })
    .from(abroadDocuments)
    .innerJoin(uploads, eq(uploads.id, abroadDocuments.uploadId))
    .where(and(eq(abroadDocuments.id, documentId), eq(abroadDocuments.applicationId, applicationId)));
  if (!doc || doc.mimeType !== "application/pdf") return [];
  const pages = Math.max(1, (doc.result as { pages?: number } | null)?.pages ?? 1);
  const proc = renderProcess() ?? (fallback ??= new RenderProcess());
  const pdf = proc.openPdf(new Uint8Array(doc.content));
  const out: Array<PagePng & { page: number }> = [];
  try {
    for (let p = 1; p <= pages; p++) {
      const img = await pdf.png(p, PAGE_SIZES[size]).catch(() => null);
      if (!img) break;
      out.push({ ...img, page: p });
    }
  } finally {
    pdf.close();
  }
  if (out.length)
    await db
      .insert(abroadPageImages)
      .values(out.map((o) => ({ documentId: doc.id, page: o.page, size, width: o.width, height: o.height, png: o.png })))
      .onConflictDoNothing();
  return out;
}

/** Renders (in the background) the page images of the documents that have none yet; never fails the caller. */
export function warmPageImages(db: Db, applicationId: string, documents: DocumentPages[], rendered: Set<string>): void {
  for (const d of documents) {
    if (!d.pdf || rendered.has(d.documentId)) continue;
    void renderDocumentPages(db, applicationId, d.documentId, "page").catch(() => undefined);
  }
}

/**
 * The page-image job's work (issue 19): renders and keeps the page images of every PDF document of a
 * sent application that has none yet, one document at a time (the render process is memory-capped),
 * at the size the case view shows. Idempotent: what is kept is skipped. Returns how many documents
 * it rendered; a document that does not render is left to the case view's on-demand path.
 */
export async function renderApplicationPages(db: Db, applicationId: string): Promise<number> {
  const app = await findApplication(db, applicationId);
  if (!app || app.status === "draft") return 0;
  const view = await loadApplication(db, app.personId, app.id);
  if (!view) return 0;
  const docs = documentPages(view).filter((d) => d.pdf);
  const done = await renderedDocuments(
    db,
    docs.map((d) => d.documentId),
  );
  let n = 0;
  for (const d of docs) {
    if (done.has(d.documentId)) continue;
    if ((await renderDocumentPages(db, app.id, d.documentId, "page")).length) n++;
  }
  return n;
}

/** Which of these documents already have their page images kept (so the case view can say "not yet rendered"). */
export async function renderedDocuments(db: Db, documentIds: string[]): Promise<Set<string>> {
  if (!documentIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: abroadPageImages.documentId })
    .from(abroadPageImages)
    .where(and(inArray(abroadPageImages.documentId, documentIds), eq(abroadPageImages.size, "page")));
  return new Set(rows.map((r) => r.id));
}
