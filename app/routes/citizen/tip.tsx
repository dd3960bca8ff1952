import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { ErrorSummary, Field, inputClass } from "~/components/form";
import { Card, PageHeading, buttonClass } from "~/components/ui";
import { formatOre } from "~/kernel/money";
import { formatDate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { listEgenandelById } from "~/models/person.server";
import { fieldErrorsOf, TIP_REASONS, TipSchema } from "~/schemas/self-service";
import { getCase, getUploadMeta, saveDraft } from "~/services/cases.server";
import { FileInput } from "~/components/file-input";
import { MAX_UPLOAD_BYTES } from "~/utils/upload-limits";
import { readMultipartForm, takeUpload } from "~/utils/upload.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { enforceLimit } from "~/services/rate-limit.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tip.title");

type Values = { reason?: string; comment?: string };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const egenandel = await listEgenandelById(db, user.personId, params.egenandelId!);
  if (!egenandel) throw new Response("Not Found", { status: 404 });
  const draftId = new URL(request.url).searchParams.get("utkast");
  const draft = draftId ? await getCase(db, user.personId, draftId) : null;
  if (draft && draft.kind === "tip" && draft.status === "draft") {
    const d = draft.data as Values;
    const upload = draft.uploadId ? await getUploadMeta(db, user.personId, draft.uploadId) : null;
    return { egenandel, idempotencyKey: draft.idempotencyKey, values: { reason: d.reason, comment: d.comment }, upload: upload ? { id: upload.id, name: upload.filename } : null };
  }
  return { egenandel, idempotencyKey: randomUUID(), values: {} as Values, upload: null as { id: string; name: string } | null };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const egenandel = await listEgenandelById(db, user.personId, params.egenandelId!);
  if (!egenandel) throw new Response("Not Found", { status: 404 });
  await enforceLimit(context, "upload", user.personId);
  const form = await readMultipartForm(request);
  if (form === "too-large") return data({ errors: { attachment: "errors.upload.too-large" }, values: {} as Values, upload: null }, { status: 400 });
  requireCsrf(user.csrf, form);
  const values: Values = { reason: String(form.get("reason") ?? ""), comment: String(form.get("comment") ?? "") };
  const errors: Record<string, string> = {};
  const { upload, error: uploadError } = await takeUpload(db, user.personId, form, "attachment");
  if (uploadError) errors.attachment = uploadError;
  const parsed = TipSchema.safeParse({ ...values, egenandelId: egenandel.id });
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  if (!parsed.success || Object.keys(errors).length) return data({ errors, values, upload }, { status: 400 });
  const c = await saveDraft(db, {
    personId: user.personId,
    kind: "tip",
    idempotencyKey: String(form.get("idempotencyKey") ?? "").slice(0, 64) || randomUUID(),
    data: parsed.data,
    egenandelId: egenandel.id,
    uploadId: upload?.id ?? null,
    today: todayOslo(),
  });
  return redirect(`/mine/saker/${c.id}/kontroller`);
}

export default function Tip() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Values = actionData?.values ?? loaded.values;
  const upload = actionData ? actionData.upload : loaded.upload;
  const e = loaded.egenandel;
  return (
    <>
      <PageHeading>{t("tip.title")}</PageHeading>
      <Card className="mb-6">
        <p className="font-semibold">{t("tip.egenandel")}</p>
        <p>
          {formatDate(e.serviceDate, lang)} · {e.providerName} · {t(`service.${e.serviceType}`)} · {formatOre(e.amountOre, lang)}
        </p>
      </Card>
      <Form method="post" encType="multipart/form-data" noValidate className="max-w-2xl">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <input type="hidden" name="idempotencyKey" value={loaded.idempotencyKey} />
        {upload ? <input type="hidden" name="uploadId" value={upload.id} /> : null}
        <fieldset className={`mb-6 ${errors.reason ? "border-l-4 border-danger pl-4" : ""}`} aria-describedby={errors.reason ? "reason-error" : undefined}>
          <legend className="mb-2 text-lg font-semibold">{t("tip.reason")}</legend>
          {errors.reason ? (
            <p id="reason-error" className="font-semibold text-danger">
              {t(errors.reason as "errors.required")}
            </p>
          ) : null}
          {TIP_REASONS.map((r, i) => (
            <div key={r} className="mb-2 flex items-start gap-2">
              <input type="radio" id={i === 0 ? "reason" : `reason-${r}`} name="reason" value={r} defaultChecked={values.reason === r} className="mt-1 h-5 w-5" />
              <label htmlFor={i === 0 ? "reason" : `reason-${r}`}>{t(`tip.reason.${r}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field id="comment" label={t("tip.comment")} hint={t("tip.comment.hint")} error={errors.comment} t={t}>
          {(d, inv) => <textarea id="comment" name="comment" rows={4} defaultValue={values.comment} aria-describedby={d} aria-invalid={inv || undefined} className={inputClass} />}
        </Field>
        <Field id="attachment" label={t("tip.attachment")} hint={t("missing.receipt.hint")} error={errors.attachment} t={t}>
          {(d, inv) => (
            <>
              {upload ? <p className="mb-1">{t("missing.receipt.kept", { name: upload.name })}</p> : null}
              <FileInput id="attachment" name="attachment" t={t} describedBy={d} invalid={inv} maxBytes={MAX_UPLOAD_BYTES} />
            </>
          )}
        </Field>
        <ErrorSummary errors={errors} t={t} order={["reason", "comment", "attachment"]} />
        <button type="submit" className={buttonClass}>
          {t("form.continue")}
        </button>
      </Form>
    </>
  );
}
