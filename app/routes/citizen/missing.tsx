import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { ErrorSummary, secondaryButtonClass } from "~/components/form";
import { ReceiptFields, type ReceiptValues } from "~/components/receipt-fields";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import { formatOre, ore } from "~/kernel/money";
import { useRootData, useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n";
import { missingEgenandelSchema, fieldErrorsOf } from "~/schemas/self-service";
import { getCase, getUploadMeta, saveDraft } from "~/services/cases.server";
import { readMultipartForm, takeUpload } from "~/utils/upload.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { enforceLimit } from "~/services/rate-limit.server";
import { prefillFromUpload, type ReceiptPrefill } from "~/services/receipt-prefill.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "missing.title");

const FIELDS = ["providerName", "providerOrgnr", "serviceDate", "serviceType", "amount", "receipt"] as const;
type Values = ReceiptValues;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const draftId = new URL(request.url).searchParams.get("utkast");
  if (draftId) {
    const c = await getCase(context.database.db, user.personId, draftId);
    if (c && c.kind === "missing-egenandel" && c.status === "draft") {
      const d = c.data as { providerName: string; providerOrgnr: string; serviceDate: string; serviceType: string; amountOre: number };
      const [y, m, day] = d.serviceDate.split("-");
      const upload = c.uploadId ? await getUploadMeta(context.database.db, user.personId, c.uploadId) : null;
      return {
        idempotencyKey: c.idempotencyKey,
        values: {
          providerName: d.providerName,
          providerOrgnr: d.providerOrgnr,
          serviceDate: `${day}.${m}.${y}`,
          serviceType: d.serviceType,
          amount: (d.amountOre / 100).toFixed(2).replace(".", ","),
        } as Values,
        upload: upload ? { id: upload.id, name: upload.filename } : null,
      };
    }
  }
  return { idempotencyKey: randomUUID(), values: {} as Values, upload: null as { id: string; name: string } | null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const errors: Record<string, string> = {};
  await enforceLimit(context, "upload", user.personId);
  const form = await readMultipartForm(request);
  if (form === "too-large") return data({ errors: { receipt: "errors.upload.too-large" }, values: {} as Values, upload: null }, { status: 400 });
  requireCsrf(user.csrf, form);
  const values: Values = Object.fromEntries(FIELDS.filter((f) => f !== "receipt").map((f) => [f, String(form.get(f) ?? "")]));
  const idempotencyKey = String(form.get("idempotencyKey") ?? "").slice(0, 64) || randomUUID();

  // The receipt is kept even when other fields need fixing: nothing uploaded is lost.
  const { upload, error: uploadError } = await takeUpload(db, user.personId, form, "receipt");
  if (uploadError) errors.receipt = uploadError;

  // "Read the receipt": the fields the resident left empty are filled from the receipt; nothing is saved yet (issue 21, item 5)
  if (String(form.get("intent") ?? "") === "read") {
    if (!upload) return data({ errors: { receipt: errors.receipt ?? "missing.prefill.noReceipt" }, values, upload, prefilled: null }, { status: 400 });
    const read = await prefillFromUpload(db, user.personId, upload.id);
    const { values: filled, fields } = read ? fillEmpty(values, read) : { values, fields: [] as string[] };
    const errs: Record<string, string> = uploadError ? { receipt: uploadError } : {};
    return data({ errors: errs, values: filled, upload, prefilled: fields });
  }

  const today = todayOslo();
  const parsed = missingEgenandelSchema(today).safeParse(values);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  if (!parsed.success || Object.keys(errors).length) {
    return data({ errors, values, upload }, { status: 400 });
  }
  const d = parsed.data;
  const c = await saveDraft(db, {
    personId: user.personId,
    kind: "missing-egenandel",
    idempotencyKey,
    data: { providerName: d.providerName, providerOrgnr: d.providerOrgnr, serviceDate: d.serviceDate, serviceType: d.serviceType, amountOre: d.amount },
    uploadId: upload?.id ?? null,
    today,
  });
  return redirect(`/mine/saker/${c.id}/kontroller`);
}

/** The receipt's fields in the form's formats, put only into the fields the resident left empty; returns which were filled. */
function fillEmpty(values: Values, r: ReceiptPrefill): { values: Values; fields: string[] } {
  const read: Values = {
    providerName: r.providerName ?? "",
    providerOrgnr: r.providerOrgnr ?? "",
    serviceDate: r.serviceDate ? r.serviceDate.split("-").reverse().join(".") : "",
    serviceType: r.serviceType ?? "",
    amount: r.amountOre === null ? "" : `${Math.floor(r.amountOre / 100)},${String(r.amountOre % 100).padStart(2, "0")}`,
  };
  const out: Values = { ...values };
  const fields: string[] = [];
  for (const [k, v] of Object.entries(read) as Array<[keyof Values, string]>) {
    if (v && !(values[k] ?? "").trim()) {
      out[k] = v;
      fields.push(k);
    }
  }
  return { values: out, fields };
}

export default function MissingEgenandel() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Values = actionData?.values ?? loaded.values;
  const upload = actionData ? actionData.upload : loaded.upload;
  const prefilled: string[] | null = actionData && "prefilled" in actionData ? (actionData.prefilled as string[] | null) : null;
  return (
    <>
      <PageHeading>{t("missing.title")}</PageHeading>
      <p className="mb-4 max-w-prose">{t("missing.lead")}</p>
      <Alert kind="info">{t("missing.deadlineInfo")}</Alert>
      <Form method="post" encType="multipart/form-data" noValidate className="max-w-2xl">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <input type="hidden" name="idempotencyKey" value={loaded.idempotencyKey} />
        {upload ? <input type="hidden" name="uploadId" value={upload.id} /> : null}
        {/* Enter continues; reading the receipt is the second button */}
        <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
          {t("form.continue")}
        </button>
        {prefilled ? (
          <div role="status" data-testid="prefill-notice">
            <Alert kind={prefilled.length > 0 ? "info" : "warning"}>
              {prefilled.length > 0 ? t("missing.prefill.done", { fields: prefilled.map((f) => t(`missing.${f}` as MessageKey)).join(", ") }) : t("missing.prefill.nothing")}
            </Alert>
          </div>
        ) : null}
        <ReceiptFields values={values} errors={errors} t={t} withOrgnr keptUpload={upload} />
        <div className="mb-6">
          <p id="read-receipt-hint" className="mb-2 max-w-prose text-sm text-muted">
            {t("missing.prefill.hint")}
          </p>
          <button type="submit" name="intent" value="read" aria-describedby="read-receipt-hint" className={secondaryButtonClass} data-testid="read-receipt">
            {t("missing.prefill.button")}
          </button>
        </div>
        <ErrorSummary errors={errors} t={t} order={[...FIELDS]} />
        <button type="submit" className={buttonClass}>
          {t("form.continue")}
        </button>
      </Form>
      <p className="mt-6 text-sm text-muted">{t("missing.amountExample", { example: formatOre(ore(16_000), lang) })}</p>
    </>
  );
}
