/**
 * The resident's answer to Helfo's request for more information on a refund claim abroad (issue 19 item 3), posted on the
 * application's status page: text and files. The files go through the same pipeline as the application's documents (content
 * check, storage, the background reading); then the application returns to the caseworker's queue.
 */
import { data, redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { documentQueue } from "~/jobs/registry.server";
import { addDocument, getApplication, isDocumentKind } from "~/services/abroad-documents.server";
import { answerAbroadMoreInfo } from "~/services/abroad-review.server";
import { enforceLimit } from "~/services/rate-limit.server";
import { readForm } from "~/utils/form.server";
import { log } from "~/utils/log.server";
import { requireCitizen, requireCsrf } from "~/utils/session.server";
import { readMultipartForm } from "~/utils/upload.server";

export const MAX_ANSWER_CHARS = 4000;

export interface AnswerErrors {
  text?: "abroad.answer.error.empty" | "abroad.answer.error.long";
  files?: Array<{ name: string; reason: string }>;
}

export async function answerAction(request: Request, context: AppLoadContext, applicationId: string) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  await enforceLimit(context, "upload", user.personId);
  // the form is multipart (it takes files); an urlencoded post (text only) is read as such, never a 500
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const form = multipart ? await readMultipartForm(request) : await readForm(request);
  if (form === "too-large") return data({ answerErrors: { files: [{ name: "", reason: "too-large" }] } as AnswerErrors }, { status: 400 });
  requireCsrf(user.csrf, form);
  const app = await getApplication(db, user.personId, applicationId);
  if (!app) throw new Response("Not Found", { status: 404 });
  // nothing asked (or answered already): no file is attached; the page shows where the application stands
  if (app.status !== "more-info") return redirect(`/mine/utland/${app.id}`);
  const rawText = form.get("text");
  const text = typeof rawText === "string" ? rawText.trim() : "";
  if (text.length > MAX_ANSWER_CHARS) return data({ answerErrors: { text: "abroad.answer.error.long" } as AnswerErrors }, { status: 400 });
  const rawKind = form.get("kind");
  const kind = isDocumentKind(rawKind) ? rawKind : "epikrise";
  const files = form.getAll("files").filter((f): f is File => typeof f !== "string" && f.size > 0);
  if (!text && !files.length) return data({ answerErrors: { text: "abroad.answer.error.empty" } as AnswerErrors }, { status: 400 });

  const documentIds: string[] = [];
  const refused: Array<{ name: string; reason: string }> = [];
  for (const f of files) {
    const r = await addDocument(db, { personId: user.personId, applicationId, kind, file: { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) } });
    if (r.ok) documentIds.push(r.documentId);
    else refused.push({ name: f.name, reason: r.reason });
  }
  const queue = documentQueue();
  for (const id of documentIds) {
    try {
      await queue?.enqueue(id);
    } catch (err) {
      log.warn("enqueue failed; left for the sweep", { documentId: id, err });
    }
  }
  if (refused.length) return data({ answerErrors: { files: refused } as AnswerErrors }, { status: 400 });
  const res = await answerAbroadMoreInfo(db, user.personId, applicationId, { text, documentIds });
  if (!res.ok && res.reason === "not-found") throw new Response("Not Found", { status: 404 });
  // answered twice (a double click): the first one counts; the page shows where the application stands
  return redirect(`/mine/utland/${applicationId}?svart=1`);
}
