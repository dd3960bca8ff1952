import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useCovers } from "~/components/services";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { ErrorSummary, secondaryButtonClass } from "~/components/form";
import { ReceiptFields, type ReceiptValues } from "~/components/receipt-fields";
import { Alert, buttonClass, Card, PageHeading } from "~/components/ui";
import { applicationYears, deadlinePassed, questionReceipt, summariseApplication, type ReceiptLine, type ReceiptQuestion } from "~/domain/frikort-application";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";
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
import type { IsoDate } from "~/kernel/types";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "application.title");

const FIELDS = ["providerName", "serviceDate", "serviceType", "amount", "receipt"] as const;
type Line = ReceiptLine & { uploadId?: string; filename?: string; confirmedAboveUsualMax?: boolean };
type Values = ReceiptValues;

/** The years the resident can apply for (this year and the one before), and the one chosen: `ar` from the form or the address. */
function chosenYear(today: IsoDate, raw: string | null): { year: number; years: number[] } {
  const years = applicationYears(Number(today.slice(0, 4))).filter(isSupportedYear);
  const asked = Number(raw);
  return { year: years.includes(asked) ? asked : years[0]!, years };
}

async function load(request: Request, context: LoaderFunctionArgs["context"], rawYear?: string | null) {
  const user = await requireCitizen(request, context.config);
  const person = await getPerson(context.database.db, user.personId);
  if (!person) throw new Response("Not Found", { status: 404 });
  const today = todayOslo();
  const { year, years } = chosenYear(today, rawYear ?? new URL(request.url).searchParams.get("ar"));
  const draft = await findDraftApplication(context.database.db, user.personId, year);
  const lines = ((draft?.data as { lines?: Line[] } | undefined)?.lines ?? []) as Line[];
  return { user, person, today, year, years, draft, lines };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { person, year, years, draft, lines, today } = await load(request, context);
  return {
    reserved: person.reservedAt !== null,
    today,
    year,
    years,
    lines,
    summary: summariseApplication(year, person.birthDate, lines),
    idempotencyKey: draft?.idempotencyKey ?? `fa-${year}-${randomUUID()}`,
  };
}

type ActionResult = { errors: Record<string, string>; values: Values; question?: ReceiptQuestion; kept?: { uploadId: string; filename: string } | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const citizen = await requireCitizen(request, context.config);
  await enforceLimit(context, "upload", citizen.personId);
  const form = await readMultipartForm(request);
  if (form === "too-large") return data<ActionResult>({ errors: { receipt: "errors.upload.too-large" }, values: {} }, { status: 400 });
  const { user, person, today, year, draft, lines } = await load(request, context, typeof form.get("ar") === "string" ? String(form.get("ar")) : null);
  if (!person.reservedAt) throw redirect("/mine/frikort-soknad");
  const here = `/mine/frikort-soknad?ar=${year}`;
  requireCsrf(user.csrf, form);
  const key = draft?.idempotencyKey ?? (String(form.get("idempotencyKey") ?? "").slice(0, 64) || `fa-${year}-${randomUUID()}`);
  const intent = intentOf(form, FrikortApplicationIntent);
  const save = (next: Line[]) => saveDraft(context.database.db, { personId: user.personId, kind: "frikort-application", idempotencyKey: key, data: { year, lines: next }, today });

  if (intent === "remove") {
    const id = String(form.get("lineId") ?? "");
    await save(lines.filter((l) => l.id !== id));
    return redirect(here);
  }
  if (intent === "continue") {
    if (lines.length === 0) return data<ActionResult>({ errors: { providerName: "errors.application.noLines" }, values: {} }, { status: 400 });
    const c = await save(lines);
    return redirect(`/mine/saker/${c.id}/kontroller`);
  }
  const values: Values = Object.fromEntries(FIELDS.filter((f) => f !== "receipt").map((f) => [f, String(form.get(f) ?? "")]));
  const parsed = applicationLineSchema(today, year).safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // The receipt (photo or PDF) is checked by content; the original must still be kept, as the page says.
  const taken = await takeUpload(context.database.db, user.personId, form, "receipt", "uploadId");
  if (taken.error) errors.receipt = taken.error;
  const receipt = taken.upload ? { uploadId: taken.upload.id, filename: taken.upload.name } : null;
  if (!parsed.success || Object.keys(errors).length) return data<ActionResult>({ errors, values, kept: receipt }, { status: 400 });
  const d = parsed.data;
  // An amount above the usual maximum for blue prescription is questioned, not added silently:
  // the resident checks it and confirms it (the rule table says why it can still be right).
  const question = questionReceipt({ serviceType: d.serviceType, serviceDate: d.serviceDate, amountOre: d.amount });
  const confirmed = form.get("confirmAmount") === "ja";
  if (question && !confirmed) return data<ActionResult>({ errors: { amount: "errors.application.aboveUsualMax" }, values, question, kept: receipt }, { status: 400 });
  // The line id comes from the form, so a double submit adds the receipt once.
  const lineId = String(form.get("lineId") ?? "").slice(0, 64) || randomUUID();
  if (!lines.some((l) => l.id === lineId)) {
    await save([
      ...lines,
      {
        id: lineId,
        providerName: d.providerName,
        serviceDate: d.serviceDate,
        serviceType: d.serviceType,
        amountOre: d.amount,
        ...(receipt ?? {}),
        ...(question ? { confirmedAboveUsualMax: true } : {}),
      },
    ]);
  }
  return redirect(here);
}

export default function Application() {
  const covers = useCovers();
  const { t, lang } = useT();
  const { user } = useRootData();
  const { reserved, today, year, years, lines, summary, idempotencyKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Values = actionData?.values ?? {};
  const question = actionData?.question ?? null;
  const kept = actionData?.kept ?? null;
  if (!reserved) {
    return (
      <>
        <PageHeading>{t("application.title")}</PageHeading>
        <Alert kind="info">{t("application.notReserved")}</Alert>
        {covers("overview") ? <Link to="/mine">{t("nav.overview")}</Link> : null}
      </>
    );
  }
  return (
    <>
      <PageHeading>{t("application.title")}</PageHeading>
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="ar" className="block font-semibold">
            {t("application.year")}
          </label>
          <p id="ar-hint" className="text-sm text-muted">
            {t("application.yearHint", { previous: years[years.length - 1] ?? year })}
          </p>
          <select id="ar" name="ar" defaultValue={String(year)} key={year} aria-describedby="ar-hint" className="mt-1 rounded border-2 border-muted bg-white px-3 py-2 text-lg">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>
          {t("application.chooseYear")}
        </button>
      </Form>
      <p className="mb-6 max-w-prose">{t("application.lead", { year })}</p>
      {summary.taks.map((tak) => (
        <Card key={tak.tak} className="mb-6">
          <h2 className="mb-2 text-xl font-bold">{t(`overview.tak.${tak.tak}`)}</h2>
          <p data-testid={`sum-${tak.tak}`}>
            {t("application.sum", { sum: formatOre(tak.registeredOre, lang), ceiling: formatOre(tak.ceilingOre, lang), left: formatOre(tak.remainingOre, lang) })}
          </p>
          {tak.frikortFrom && tak.deadline ? (
            deadlinePassed(tak.deadline, today) ? (
              <div className="mt-3" data-testid={`deadline-passed-${tak.tak}`}>
                <Alert kind="warning">
                  <p className="font-semibold">{t("application.deadlinePassed", { date: formatDate(tak.frikortFrom, lang), deadline: formatDate(tak.deadline, lang) })}</p>
                  <p className="mt-2">
                    {t("application.deadlinePassedMeaning")}{" "}
                    <a href="https://lovdata.no/lov/1997-02-28-19/§22-13" className="underline">
                      {t("application.deadlineLaw")}
                    </a>
                  </p>
                </Alert>
              </div>
            ) : (
              <p className="mt-2 font-semibold text-success">{t("application.reached", { date: formatDate(tak.frikortFrom, lang), deadline: formatDate(tak.deadline, lang) })}</p>
            )
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
                      <input type="hidden" name="ar" value={year} />
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
        <input type="hidden" name="ar" value={year} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <input type="hidden" name="lineId" value={`line-${lines.length}-${idempotencyKey.slice(-8)}`} />
        {kept ? (
          <p className="mb-4" data-testid="kept-receipt">
            <input type="hidden" name="uploadId" value={kept.uploadId} />
            {t("application.keptReceipt", { name: kept.filename })}
          </p>
        ) : null}
        <ReceiptFields values={values} errors={errors} t={t} />
        {question ? (
          <div className="mb-6" data-testid="amount-question">
            <Alert kind="warning">
              <p>
                {t(question.per === "dispensing" ? "application.question.dispensing" : "application.question.prescription", {
                  max: formatOre(question.maxOre, lang),
                  from: formatDate(question.from, lang),
                })}
              </p>
              <p className="mt-2">{t("application.question.check")}</p>
            </Alert>
            <div className="mt-3 flex items-center gap-2">
              <input type="checkbox" id="confirmAmount" name="confirmAmount" value="ja" className="h-5 w-5" />
              <label htmlFor="confirmAmount">{t("application.question.confirm")}</label>
            </div>
          </div>
        ) : null}
        <ErrorSummary errors={errors} t={t} order={[...FIELDS]} />
        <button type="submit" name="intent" value="add" className={secondaryButtonClass}>
          {t("application.add")}
        </button>
      </Form>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <input type="hidden" name="ar" value={year} />
        <input type="hidden" name="intent" value="continue" />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <button type="submit" className={buttonClass}>
          {t("form.continue")}
        </button>
      </Form>
    </>
  );
}
