import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunction, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FileInput } from "~/components/file-input";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import type { MessageKey, Translate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { documentQueue } from "~/jobs/registry.server";
import {
  ABROAD_LIMITS,
  addDocument,
  type AbroadDocumentKind,
  type DocumentView,
  getApplication,
  getDocument,
  isDocumentKind,
  listDocuments,
  removeDocument,
} from "~/services/abroad-documents.server";
import { log } from "~/utils/log.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { getPerson } from "~/models/person.server";
import { loadApplication } from "~/services/abroad-application.server";
import { missingStepBefore } from "~/domain/abroad-application";
import { todayOslo } from "~/utils/clock.server";
import { intentOf, readMultipart } from "~/utils/form.server";
import { enforceLimit } from "~/services/rate-limit.server";
import { AbroadDocumentsIntent } from "~/schemas/intents";

/** A rejected file is recorded too (status 400), so the list must reload after every upload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod?.toUpperCase() === "POST" ? true : defaultShouldRevalidate);

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.docs.title");

/** Every file the request may carry: 4 kinds × 10 files, but not more than this in one request. */
const MAX_REQUEST_BYTES = 100 * 1024 * 1024;
// No control character in it: the form check refuses those (a forged field with this text only gets itself an error).
const TOO_LARGE = "fp-too-large:";
/** Same as KINDS in the service (which the browser bundle cannot import). */
const KINDS = ["invoice", "payment", "authorisation", "epikrise"] as const satisfies readonly AbroadDocumentKind[];

async function loadDraft(request: Request, context: LoaderFunctionArgs["context"], applicationId: string | undefined) {
  const user = await requireCitizen(request, context.config);
  const app = applicationId ? await getApplication(context.database.db, user.personId, applicationId) : null;
  if (!app) throw new Response("Not found", { status: 404 });
  return { user, app };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, app } = await loadDraft(request, context, params.applicationId);
  if (app.status === "draft") {
    // The start questions come first: a draft without them is asked for them.
    const view = await loadApplication(context.database.db, user.personId, app.id);
    const person = await getPerson(context.database.db, user.personId);
    const missing = view ? missingStepBefore(view, person?.birthDate ?? null, todayOslo(), "dokumenter") : null;
    if (missing) throw redirect(`/mine/utland/${app.id}/${missing}`);
  }
  const documents = await listDocuments(context.database.db, user.personId, app.id);
  const q = new URL(request.url).searchParams;
  return {
    applicationId: app.id,
    editable: app.status === "draft",
    documents,
    notice: q.has("lastet") ? "uploaded" : q.has("fjernet") ? "removed" : null,
    /** Checked in the page before a long upload, and again here. */
    maxBytes: ABROAD_LIMITS.maxBytes,
    /** Which of two loads (page or poll) is newer. */
    loadedAt: Date.now(),
  };
}

interface UploadError {
  /** The element the error summary links to. */
  target: string;
  /** Which upload field it belongs to (shown next to that field), if any. */
  kind: AbroadDocumentKind | null;
  name: string | null;
  reason: string;
}

/**
 * Keeps each file in memory up to the per-file limit; a larger file is drained and replaced by a
 * marker, so that one oversize file gets its own reason and the others are still accepted.
 */
function boundedUploadHandler(): UploadHandler {
  let total = 0;
  return async ({ filename, data: stream }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const c of stream) {
        size += c.byteLength;
        if (size <= 64 * 1024) chunks.push(c);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    for await (const c of stream) {
      size += c.byteLength;
      total += c.byteLength;
      if (size > ABROAD_LIMITS.maxBytes || total > MAX_REQUEST_BYTES) over = true;
      if (!over) chunks.push(c);
    }
    if (over) return `${TOO_LARGE}${filename}`;
    // a file input left empty sends one part with no file name and no content
    if (!filename && size === 0) return undefined;
    return new File([Buffer.concat(chunks)], filename || "dokument");
  };
}

type FileEntry = { name: string; bytes: Uint8Array } | { name: string; tooLarge: true };

async function filesOf(form: FormData, field: string): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for (const v of form.getAll(field)) {
    if (typeof v === "string") {
      if (v.startsWith(TOO_LARGE)) out.push({ name: v.slice(TOO_LARGE.length), tooLarge: true });
    } else {
      out.push({ name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
    }
  }
  return out;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, app } = await loadDraft(request, context, params.applicationId);
  const db = context.database.db;
  await enforceLimit(context, "upload", user.personId);
  const form = await readMultipart(() => unstable_parseMultipartFormData(request, boundedUploadHandler()));
  requireCsrf(user.csrf, form);
  if (app.status !== "draft") throw new Response("Conflict", { status: 409 });
  const here = `/mine/utland/${app.id}/dokumenter`;
  const intent = intentOf(form, AbroadDocumentsIntent);
  const errors: UploadError[] = [];
  const queued: string[] = [];

  async function attach(kind: AbroadDocumentKind, file: FileEntry, target: (docId: string | null) => string, fieldKind: AbroadDocumentKind | null) {
    const r = await addDocument(db, { personId: user.personId, applicationId: app.id, kind, file });
    if (r.ok) queued.push(r.documentId);
    else errors.push({ target: target(r.documentId), kind: fieldKind, name: file.name, reason: r.reason });
  }

  if (intent === "remove") {
    await removeDocument(db, user.personId, app.id, String(form.get("documentId") ?? ""));
    return redirect(`${here}?fjernet=1`);
  }
  if (intent === "replace") {
    const old = await getDocument(db, user.personId, String(form.get("documentId") ?? ""));
    if (!old || old.applicationId !== app.id || !isDocumentKind(old.kind)) return redirect(here);
    const [file] = await filesOf(form, `replacement-${old.id}`);
    if (!file) {
      errors.push({ target: `replacement-${old.id}`, kind: null, name: null, reason: "abroad.error.none" });
    } else {
      await removeDocument(db, user.personId, app.id, old.id);
      await attach(old.kind, file, (id) => (id ? `replacement-${id}` : "invoice"), null);
    }
  } else {
    let any = false;
    for (const kind of KINDS) {
      for (const file of await filesOf(form, kind)) {
        any = true;
        await attach(kind, file, () => kind, kind);
      }
    }
    if (!any) errors.push({ target: "invoice", kind: "invoice", name: null, reason: "abroad.error.none" });
  }

  // Hand the stored files to the background reader. If that fails, they stay "queued" and the
  // worker's sweep picks them up; nothing the resident uploaded is lost.
  const queue = documentQueue();
  for (const id of queued) {
    try {
      await queue?.enqueue(id);
    } catch (err) {
      log.warn("enqueue failed; left for the sweep", { documentId: id, err });
    }
  }
  if (errors.length) return data({ errors }, { status: 400 });
  return redirect(`${here}?lastet=1`);
}

function errorText(e: UploadError, t: Translate): string {
  const reason = e.reason.startsWith("abroad.") ? t(e.reason as MessageKey) : t(`abroad.reason.${e.reason}` as MessageKey);
  return e.name ? t("abroad.error.file", { name: e.name, reason }) : reason;
}

const STATUS_STYLE: Record<DocumentView["status"], string> = {
  queued: "bg-info-bg text-ink",
  reading: "bg-warning-bg text-ink",
  done: "bg-success-bg text-ink",
  failed: "bg-danger-bg text-ink",
};

export default function AbroadDocuments() {
  const { t } = useT();
  const { user } = useRootData();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: UploadError[] = actionData?.errors ?? [];
  // With JavaScript: poll the loader (a fetcher, so the error summary of the last upload stays)
  // while something is being read. Without it, "Oppdater status" reloads the page.
  const poll = useFetcher<typeof loader>();
  const latest = poll.data && poll.data.loadedAt > loaded.loadedAt ? poll.data : loaded;
  const { applicationId, editable, documents } = latest;
  const notice = loaded.notice;
  const pending = documents.some((d) => d.status === "queued" || d.status === "reading");
  const done = documents.filter((d) => d.status === "done").length;
  const here = `/mine/utland/${applicationId}/dokumenter`;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (poll.state === "idle" && document.visibilityState === "visible") poll.load(here);
    }, 1500);
    return () => clearInterval(timer);
  }, [pending, poll, here]);

  // After an upload the chosen files are cleared, so pressing the button again does not send them twice.
  const navigation = useNavigation();
  const uploadForm = useRef<HTMLFormElement>(null);
  const wasSubmitting = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting") wasSubmitting.current = true;
    else if (navigation.state === "idle" && wasSubmitting.current) {
      wasSubmitting.current = false;
      uploadForm.current?.reset();
    }
  }, [navigation.state]);

  const csrf = <input type="hidden" name="csrf" value={user?.csrf ?? ""} />;
  return (
    <>
      <PageHeading>{t("abroad.docs.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("abroad.docs.lead")}</p>
      {notice === "uploaded" && !actionData ? <Alert kind="success">{t("abroad.uploaded")}</Alert> : null}
      {notice === "removed" && !actionData ? <Alert kind="success">{t("abroad.removed")}</Alert> : null}

      <h2 className="mb-2 text-xl font-bold">{t("abroad.list.heading")}</h2>
      {documents.length === 0 ? (
        <p className="mb-6">{t("abroad.list.empty")}</p>
      ) : (
        <>
          <p role="status" className="mb-2" data-testid="progress">
            {t("abroad.list.progress", { done, total: documents.length })}
          </p>
          {pending ? (
            <p className="mb-2 max-w-prose">
              {/* Without JavaScript nothing polls: the page says so instead of promising to update itself (issue 22, item 7). */}
              {hydrated ? t("docs.waiting.js") : t("docs.waiting.noJs")}{" "}
              <a href={here} className="font-semibold" data-testid="refresh">
                {t("abroad.refresh")}
              </a>
            </p>
          ) : null}
          <div className="mb-8 overflow-x-auto">
            <table className="w-full border-collapse text-left" data-testid="documents">
              <thead>
                <tr className="border-b-2 border-line">
                  <th scope="col" className="py-2 pr-4">
                    {t("abroad.col.file")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("abroad.col.kind")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("abroad.col.status")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("abroad.col.action")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {documents.map((d) => (
                  <tr key={d.id} id={`doc-${d.id}`} className="border-b border-line align-top" data-testid="document" data-status={d.status}>
                    <td className="py-3 pr-4 break-all">{d.filename}</td>
                    <td className="py-3 pr-4">
                      {t(`abroad.kind.${d.readAsPayment ? "payment" : d.kind}`)}
                      {d.readAsPayment ? (
                        <p className="mt-1 max-w-xs text-sm" data-testid="read-as-payment">
                          {t(`abroad.list.readAsPayment.${d.readAsPayment}`)}
                        </p>
                      ) : null}
                    </td>
                    <td className="py-3 pr-4">
                      <span className={`inline-block rounded px-2 py-0.5 font-semibold ${STATUS_STYLE[d.status]}`} data-testid="status">
                        {t(`abroad.status.${d.status}`)}
                      </span>
                      {d.status === "done" && d.summary ? <span className="ml-2 text-sm text-muted">{t("abroad.done.pages", { pages: d.summary.pages })}</span> : null}
                      {d.status === "failed" && d.failureReason ? (
                        <p className="mt-1 font-semibold text-danger" data-testid="reason">
                          {t(`abroad.reason.${d.failureReason}` as MessageKey)}
                        </p>
                      ) : null}
                    </td>
                    <td className="py-3">
                      {editable ? (
                        <>
                          <Form method="post" encType="multipart/form-data" className="inline">
                            {csrf}
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="documentId" value={d.id} />
                            <button type="submit" className="font-semibold text-brand underline">
                              {t("abroad.remove")}
                              <span className="sr-only"> {d.filename}</span>
                            </button>
                          </Form>
                          {d.status === "failed" ? (
                            <Form method="post" encType="multipart/form-data" className="mt-2">
                              {csrf}
                              <input type="hidden" name="intent" value="replace" />
                              <input type="hidden" name="documentId" value={d.id} />
                              <label htmlFor={`replacement-${d.id}`} className="block text-sm">
                                {t("abroad.replace.label", { name: d.filename })}
                              </label>
                              <FileInput id={`replacement-${d.id}`} name={`replacement-${d.id}`} t={t} className="mt-1 max-w-xs text-sm" maxBytes={latest.maxBytes} />
                              <button type="submit" className="mt-1 font-semibold text-brand underline">
                                {t("abroad.replace.submit")}
                                <span className="sr-only"> {d.filename}</span>
                              </button>
                            </Form>
                          ) : null}
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {editable && documents.length > 0 ? (
        done === documents.length ? (
          <p className="mb-8">
            <Link to={`/mine/utland/${applicationId}/kontroll`} className={`${buttonClass} inline-block no-underline`} data-testid="next-step">
              {t("abroad.docs.next")}
            </Link>
          </p>
        ) : (
          <p className="mb-8 max-w-prose text-muted">{t("abroad.docs.nextBlocked")}</p>
        )
      ) : null}
      {editable ? (
        <Form ref={uploadForm} method="post" encType="multipart/form-data" noValidate className="max-w-2xl">
          {csrf}
          <input type="hidden" name="intent" value="upload" />
          <h2 className="mb-1 text-xl font-bold">{t("abroad.upload.heading")}</h2>
          <p className="mb-4 text-muted" id="upload-rules">
            {t("abroad.upload.rules")}
          </p>
          {KINDS.map((kind) => {
            const mine = errors.filter((e) => e.kind === kind);
            const describedBy = [`${kind}-hint`, mine.length ? `${kind}-error` : null, "upload-rules"].filter(Boolean).join(" ");
            return (
              <div key={kind} className={`mb-6 ${mine.length ? "border-l-4 border-danger pl-4" : ""}`}>
                <label htmlFor={kind} className="block font-semibold">
                  {t(`abroad.field.${kind}`)}
                </label>
                <p id={`${kind}-hint`} className="text-sm text-muted">
                  {t(`abroad.field.${kind}.hint`)}
                </p>
                {mine.length ? (
                  <ul id={`${kind}-error`} className="font-semibold text-danger" data-testid={`${kind}-error`}>
                    {mine.map((e, i) => (
                      <li key={i}>{errorText(e, t)}</li>
                    ))}
                  </ul>
                ) : null}
                <FileInput id={kind} name={kind} t={t} multiple describedBy={describedBy} invalid={mine.length > 0} maxBytes={latest.maxBytes} />
              </div>
            );
          })}
          <UploadErrorSummary errors={errors} t={t} />
          <button type="submit" className={buttonClass}>
            {t("abroad.upload.submit")}
          </button>
        </Form>
      ) : null}
      <p className="mt-8">
        <Link to="/mine/utland">{t("abroad.docs.back")}</Link>
      </p>
    </>
  );
}

/** GOV.UK error summary, one line per file, each linking to the input to fix it. */
function UploadErrorSummary({ errors, t }: { errors: UploadError[]; t: Translate }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-title" tabIndex={-1} className="mb-6 border-4 border-danger bg-white p-4" data-testid="error-summary">
      <h2 id="error-summary-title" className="mb-2 text-lg font-bold">
        {t("form.errorSummary")}
      </h2>
      <ul className="list-disc pl-6">
        {errors.map((e, i) => (
          <li key={i}>
            <a href={`#${e.target}`} className="font-semibold text-danger">
              {errorText(e, t)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
