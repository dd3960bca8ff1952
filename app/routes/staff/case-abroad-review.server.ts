/** The server side of the caseworker's review of a refund claim abroad (the sections in case-abroad-review.tsx). */
import { data, redirect } from "@remix-run/node";
import type { Db } from "~/db/client.server";
import { CLAIM_FIELD } from "~/domain/abroad-corrections";
import { can, STAFF_BASE, type StaffRole } from "~/domain/staff-roles";
import type { Lang, MessageKey } from "~/i18n";
import { askAbroadMoreInfo, correctField, type CorrectedAssessment, documentPages, openQuestion, renderedDocuments, warmPageImages } from "~/services/abroad-review.server";
import type { StaffCase } from "~/services/staff-console.server";
import { osloDateTime } from "~/utils/format.server";

/** What the case page needs for the review sections (no image is rendered while the page loads). */
export async function abroadReviewLoad(db: Db, c: StaffCase, corrected: CorrectedAssessment, lang: Lang) {
  const docs = documentPages(corrected.view);
  const rendered = await renderedDocuments(
    db,
    docs.map((d) => d.documentId),
  );
  warmPageImages(db, c.id, docs, rendered);
  const names = Object.fromEntries(corrected.view.documents.map((d) => [d.doc.id, d.doc.filename]));
  return {
    documents: docs,
    invoices: corrected.view.invoices.map((i) => ({ documentId: i.doc.id, filename: i.doc.filename, lines: i.answers.lines.length })),
    corrections: corrected.corrections.map((h) => ({
      field: h.field,
      document: h.documentId ? (names[h.documentId] ?? "") : null,
      previous: h.previous,
      value: h.value,
      reason: h.reason,
      by: h.staffIdent,
      at: osloDateTime(h.at, lang),
    })),
    rateDate: corrected.assessment.invoices.find((i) => i.estimate)?.estimate?.rateDateRule ?? null,
    correctable: ["received", "under-review", "more-info"].includes(c.status),
    askable: ["received", "under-review"].includes(c.status),
    question: openQuestion({ status: c.status, data: c.data as { events?: Array<{ status: string; note?: string; at: string }> } }),
  };
}

export type ReviewErrors = Partial<Record<"field" | "value" | "reason" | "question", MessageKey>> & { section: "correct" | "rate" | "ask"; documentId?: string };

/** Handles the review's forms; null when the intent is not one of them. */
export async function abroadReviewAction(db: Db, c: StaffCase, staff: { ident: string; roles: readonly StaffRole[] }, intent: string, form: FormData) {
  if (intent !== "abroad-correct" && intent !== "abroad-more-info") return null;
  if (c.subjectKind !== "abroad" || !can(staff.roles, "decide")) throw new Response("Forbidden", { status: 403 });
  const here = `${STAFF_BASE}/sak/${c.id}`;
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  if (intent === "abroad-more-info") {
    const question = text("question").trim();
    if (!question || question.length > 2000) {
      return data({ reviewErrors: { section: "ask", question: question ? "staff.decide.error.reasonLong" : "review.ask.error.required" } as ReviewErrors }, { status: 400 });
    }
    const ok = await askAbroadMoreInfo(db, c.id, question);
    if (!ok) return data({ reviewErrors: { section: "ask", question: "review.ask.error.state" } as ReviewErrors }, { status: 409 });
    return redirect(`${here}?sendt=spurt#review-ask`);
  }
  const field = text("field");
  const documentId = field === CLAIM_FIELD ? null : text("documentId");
  const r = await correctField(db, { applicationId: c.id, documentId, field, value: text("value"), reason: text("reason"), staffIdent: staff.ident });
  if (!r.ok) {
    const e: ReviewErrors = { section: field === CLAIM_FIELD ? "rate" : "correct", ...(documentId ? { documentId } : {}) };
    if (r.errors.field) e.field = r.errors.field === "line" ? "review.error.line" : "review.error.field";
    if (r.errors.value) e.value = "review.error.value";
    if (r.errors.reason) e.reason = r.errors.reason === "reason-long" ? "staff.decide.error.reasonLong" : "review.error.reason";
    return data({ reviewErrors: e }, { status: 400 });
  }
  return redirect(`${here}?sendt=rettet#review-history`);
}
