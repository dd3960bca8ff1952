import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { ErrorSummary, secondaryButtonClass } from "~/components/form";
import { ReceiptFields, type ReceiptValues } from "~/components/receipt-fields";
import { Alert, buttonClass, Card, PageHeading } from "~/components/ui";
import { summariseApplication, type ReceiptLine } from "~/domain/frikort-application";
import { formatOre } from "~/kernel/money";
import { formatDate, formatShortDate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { applicationLineSchema, fieldErrorsOf } from "~/schemas/self-service";
import { findDraftApplication, saveDraft } from "~/services/cases.server";
import { readMultipartForm, takeUpload } from "~/utils/upload.server";
import { todayOslo } from "~/utils/clock.server";
import { intentOf } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { enforceLimit } from "~/services/rate-limit.server";
import { FrikortApplicationIntent } from "~/schemas/intents";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "application.title");

const FIELDS = ["providerName", "serviceDate", "serviceType", "amount", "receipt"] as const;
type Line = ReceiptLine & { uploadId?: string; filename?: string };
type Values = ReceiptValues;

async function load(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireCitizen(request, context.config);
  const person = await getPerson(context.database.db, user.personId);
  if (!person) throw new Response("Not Found", { status: 404 });
  const today = todayOslo();
  const year = Number(today.slice(0, 4));
  const draft = await findDraftApplication(context.database.db, user.personId, year);
  const lines = ((draft?.data as { lines?: Line[] } | undefined)?.lines ?? []) as Line[];
  return { user, person, today, year, draft, lines };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { person, year, draft, lines } = await load(request, context);
  return {
    reserved: person.reservedAt !== null,
    year,
    lines,
    summary: summariseApplication(year, person.birthDate, lines),
    idempotencyKey: draft?.idempotencyKey ?? `fa-${year}-${randomUUID()}`,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, person, today, year, draft, lines } = await load(request, context);
  if (!person.reservedAt) throw redirect("/mine/frikort-soknad");
  await enforceLimit(context, "upload", user.personId);
  const form = await readMultipartForm(request);
  if (form === "too-large") return data({ errors: { receipt: "errors.upload.too-large" }, values: {} as Values }, { status: 400 });
  requireCsrf(user.csrf, form);
  const key = draft?.idempotencyKey ?? (String(form.get("idempotencyKey") ?? "").slice(0, 64) || `fa-${year}-${randomUUID()}`);
  const intent = intentOf(form, FrikortApplicationIntent);
  const save = (next: Line[]) => saveDraft(context.database.db, { personId: user.personId, kind: "frikort-application", idempotencyKey: key, data: { year, lines: next }, today });

  if (intent === "remove") {
    const id = String(form.get("lineId") ?? "");
    await save(lines.filter((l) => l.id !== id));
    return redirect("/mine/frikort-soknad");
  }
  if (intent === "continue") {
    if (lines.length === 0) return data({ errors: { providerName: "errors.application.noLines" }, values: {} as Values }, { status: 400 });
    const c = await save(lines);
    return redirect(`/mine/saker/${c.id}/kontroller`);
  }
  const values: Values = Object.fromEntries(FIELDS.filter((f) => f !== "receipt").map((f) => [f, String(form.get(f) ?? "")]));
  const parsed = applicationLineSchema(today, year).safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // The receipt (photo or PDF) is checked by content; the original must still be kept, as the page says.
  const taken = await takeUpload(context.database.db, user.personId, form, "receipt", null);
  if (taken.error) errors.receipt = taken.error;
  const receipt = taken.upload ? { uploadId: taken.upload.id, filename: taken.upload.name } : null;
  if (!parsed.success || Object.keys(errors).length) return data({ errors, values }, { status: 400 });
  const d = parsed.data;
  // The line id comes from the form, so a double submit adds the receipt once.
  const lineId = String(form.get("lineId") ?? "").slice(0, 64) || randomUUID();
  if (!lines.some((l) => l.id === lineId)) {
    await save([...lines, { id: lineId, providerName: d.providerName, serviceDate: d.serviceDate, serviceType: d.serviceType, amountOre: d.amount, ...(receipt ?? {}) }]);
  }
  return redirect("/mine/frikort-soknad");
}

export default function Application() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const { reserved, year, lines, summary, idempotencyKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Values = actionData?.values ?? {};
  if (!reserved) {
    return (
      <>
        <PageHeading>{t("application.title")}</PageHeading>
        <Alert kind="info">{t("application.notReserved")}</Alert>
        <Link to="/mine">{t("nav.overview")}</Link>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t("application.title")}</PageHeading>
      <p className="mb-6 max-w-prose">{t("application.lead", { year })}</p>
      {summary.taks.map((tak) => (
        <Card key={tak.tak} className="mb-6">
          <h2 className="mb-2 text-xl font-bold">{t(`overview.tak.${tak.tak}`)}</h2>
          <p data-testid={`sum-${tak.tak}`}>
            {t("application.sum", { sum: formatOre(tak.registeredOre, lang), ceiling: formatOre(tak.ceilingOre, lang), left: formatOre(tak.remainingOre, lang) })}
          </p>
          {tak.frikortFrom && tak.deadline ? (
            <p className="mt-2 font-semibold text-success">{t("application.reached", { date: formatDate(tak.frikortFrom, lang), deadline: formatDate(tak.deadline, lang) })}</p>
          ) : null}
        </Card>
      ))}
      {lines.length ? (
        <div className="mb-8 overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full border-collapse text-left">
            <caption className="p-4 text-left text-lg font-bold">{t("application.receipts", { count: lines.length })}</caption>
            <thead className="bg-surface">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("overview.col.date")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.col.provider")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.col.service")}
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  {t("overview.col.amount")}
                </th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">{t("application.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} className="border-t border-line">
                  <td className="px-4 py-2">{formatShortDate(l.serviceDate, lang)}</td>
                  <td className="px-4 py-2">
                    {l.providerName}
                    {"filename" in l && l.filename ? <span className="block text-sm text-muted">{l.filename}</span> : null}
                  </td>
                  <td className="px-4 py-2">{t(`service.${l.serviceType}`)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatOre(l.amountOre, lang)}</td>
                  <td className="px-4 py-2">
                    <Form method="post" encType="multipart/form-data">
                      <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="lineId" value={l.id} />
                      <button type="submit" className="text-brand underline">
                        {t("application.remove")}
                        <span className="sr-only">
                          {" "}
                          {formatShortDate(l.serviceDate, lang)} {l.providerName}
                        </span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2 className="mb-4 text-xl font-bold">{t("application.addReceipt")}</h2>
      <Form method="post" encType="multipart/form-data" noValidate className="mb-8 max-w-2xl" key={lines.length}>
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <input type="hidden" name="lineId" value={`line-${lines.length}-${idempotencyKey.slice(-8)}`} />
        <ReceiptFields values={values} errors={errors} t={t} />
        <ErrorSummary errors={errors} t={t} order={[...FIELDS]} />
        <button type="submit" name="intent" value="add" className={secondaryButtonClass}>
          {t("application.add")}
        </button>
      </Form>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <input type="hidden" name="intent" value="continue" />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <button type="submit" className={buttonClass}>
          {t("form.continue")}
        </button>
      </Form>
    </>
  );
}
