import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { inputClass } from "~/components/form";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import type { Lang, Translate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { TREATMENT_FORMS } from "~/domain/treatment-forms";
import { getPerson } from "~/models/person.server";
import {
  extractionOf,
  type InvoiceAnswers,
  invoiceSchema,
  loadApplication,
  saveInvoiceAnswers,
} from "~/services/abroad-application.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { csrfMatches, getLang, requireCitizen } from "~/utils/session.server";
import { amountInput, dateInput, ErrorList, formatAmount, fromMinor, key, StepOf, toMinor } from "./shared";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.check.title");

const INVOICE_FIELDS = ["providerName", "invoiceNumber", "invoiceDate", "patientName", "diagnosisCode", "diagnosisText", "currency", "total", "paymentDate"] as const;
const LINE_FIELDS = ["date", "treatmentForm", "description", "durationMinutes", "amount"] as const;
type Values = Record<string, string>;

async function load(request: Request, context: LoaderFunctionArgs["context"], applicationId: string | undefined) {
  const user = await requireCitizen(request, context.config);
  const view = await loadApplication(context.database.db, user.personId, applicationId ?? "");
  if (!view) throw new Response("Not Found", { status: 404 });
  if (view.app.status !== "draft") throw redirect(`/mine/utland/${view.app.id}`);
  return { user, view };
}

/** The form's values as typed, from saved answers. */
function valuesOf(invoices: Array<{ answers: InvoiceAnswers; ocr: boolean }>, lang: Lang): Values {
  const v: Values = {};
  invoices.forEach(({ answers: a, ocr }, i) => {
    const p = `i${i}-`;
    v[`${p}providerName`] = a.providerName;
    v[`${p}invoiceNumber`] = a.invoiceNumber;
    v[`${p}invoiceDate`] = dateInput(a.invoiceDate);
    v[`${p}patientName`] = a.patientName;
    v[`${p}diagnosisCode`] = a.diagnosisCode;
    v[`${p}diagnosisText`] = a.diagnosisText;
    v[`${p}currency`] = a.currency;
    v[`${p}total`] = amountInput(a.total, lang);
    v[`${p}paymentDate`] = dateInput(a.paymentDate);
    if (ocr && a.amountsConfirmed) v[`${p}confirmed`] = "ja";
    a.lines.forEach((l, j) => {
      const q = `${p}l${j}-`;
      v[`${q}date`] = dateInput(l.date);
      v[`${q}treatmentForm`] = l.treatmentForm;
      v[`${q}description`] = l.description;
      v[`${q}durationMinutes`] = l.durationMinutes === null ? "" : String(l.durationMinutes);
      v[`${q}amount`] = amountInput(l.amount, lang);
    });
  });
  return v;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, view } = await load(request, context, params.applicationId);
  const lang = await getLang(request);
  const person = await getPerson(context.database.db, user.personId);
  return {
    applicationId: view.app.id,
    invoices: view.invoices.map(({ doc, answers, ocr }) => {
      const r = extractionOf(doc);
      const mime = view.documents.find((d) => d.doc.id === doc.id)?.mimeType ?? null;
      return {
        id: doc.id,
        filename: doc.filename,
        image: mime === "image/jpeg" || mime === "image/png",
        ocr,
        lineCount: answers.lines.length,
        counts: answers.lines.map((l) => l.count ?? 1),
        extracted: { linesMatchTotal: r.checks?.linesMatchTotal ?? null },
      };
    }),
    values: valuesOf(view.invoices, lang),
    otherDocuments: view.documents.filter((d) => d.doc.kind !== "invoice").length,
    askYrkesskade: Boolean(person?.yrkesskadeApprovedOn),
    yrkesskadeApplies: view.data.yrkesskadeApplies ?? null,
  };
}

/** Maps a zod issue path to the field's id. */
function fieldId(i: number, path: ReadonlyArray<PropertyKey>): string {
  if (path[0] === "lines" && typeof path[1] === "number") return `i${i}-l${path[1]}-${String(path[2])}`;
  return `i${i}-${String(path[0])}`;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, view } = await load(request, context, params.applicationId);
  const form = await request.formData();
  if (!csrfMatches(user.csrf, form.get("csrf"))) throw new Response("Forbidden", { status: 403 });
  const today = todayOslo();
  const values: Values = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && /^(i\d+-|yrkesskade)/.test(k)) values[k] = v.slice(0, 300);
  const errors: Record<string, string> = {};
  const answers: Record<string, InvoiceAnswers> = {};
  view.invoices.forEach(({ doc, answers: before, ocr }, i) => {
    const p = `i${i}-`;
    const raw = {
      ...Object.fromEntries(INVOICE_FIELDS.map((f) => [f, values[`${p}${f}`] ?? ""])),
      confirmed: values[`${p}confirmed`],
      lines: before.lines.map((_, j) => Object.fromEntries(LINE_FIELDS.map((f) => [f, values[`${p}l${j}-${f}`] ?? ""]))),
    };
    const parsed = invoiceSchema(today, ocr).safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const id = fieldId(i, issue.path);
        if (!errors[id]) errors[id] = issue.message;
      }
      return;
    }
    const d = parsed.data;
    answers[doc.id] = {
      providerName: d.providerName,
      invoiceNumber: d.invoiceNumber,
      invoiceDate: d.invoiceDate,
      patientName: d.patientName,
      diagnosisCode: d.diagnosisCode,
      diagnosisText: d.diagnosisText,
      currency: d.currency,
      total: d.total,
      paymentDate: d.paymentDate,
      amountsConfirmed: ocr ? d.confirmed === "ja" : false,
      lines: d.lines.map((l, j) => {
        const count = before.lines[j]?.count;
        return { ...l, ...(count ? { count } : {}) };
      }),
    };
  });
  let yrkesskade: boolean | undefined;
  const person = await getPerson(context.database.db, user.personId);
  if (person?.yrkesskadeApprovedOn) {
    const y = values.yrkesskade;
    if (y !== "ja" && y !== "nei") errors.yrkesskade = "abroad.err.yrkesskade";
    else yrkesskade = y === "ja";
  }
  if (Object.keys(errors).length) return data({ errors, values }, { status: 400 });
  await saveInvoiceAnswers(context.database.db, user.personId, view.app.id, answers, yrkesskade);
  return redirect(`/mine/utland/${view.app.id}/vurdering`);
}

function notCoveredReason(form: string): "abroad.line.notCovered.akupunktur" | "abroad.line.notCovered.ikke-dekket" | null {
  if (form === "akupunktur") return "abroad.line.notCovered.akupunktur";
  if (form === "ikke-dekket") return "abroad.line.notCovered.ikke-dekket";
  return null;
}

function labelFor(id: string, t: Translate): string {
  const m = /^i(\d+)-(?:l(\d+)-)?(\w+)$/.exec(id);
  if (!m) return t("abroad.check.yrkesskade");
  const inv = t("abroad.check.invoiceN", { n: Number(m[1]) + 1 });
  const field = m[2] !== undefined ? t(key(`abroad.line.${m[3]}`)) : m[3] === "confirmed" ? t("abroad.check.confirm") : t(key(`abroad.field.${m[3]}`));
  return m[2] !== undefined ? `${inv}, ${t("abroad.line.n", { n: Number(m[2]) + 1 }).toLowerCase()}, ${field.toLowerCase()}` : `${inv}, ${field.toLowerCase()}`;
}

export default function AbroadCheck() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Values = actionData?.values ?? loaded.values;
  const { applicationId, invoices } = loaded;
  const base = `/mine/utland/${applicationId}`;

  const text = (id: string, opts: { width?: string; mode?: "decimal" | "numeric"; hint?: string; marker?: string } = {}) => {
    const err = errors[id];
    const label = labelFor(id, t).split(", ").pop()!;
    const described = [opts.hint ? `${id}-hint` : null, err ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className={`mb-4 ${err ? "border-l-4 border-danger pl-3" : ""}`}>
        <label htmlFor={id} className="block font-semibold">
          {label.charAt(0).toUpperCase() + label.slice(1)}
          {opts.marker ? <span className="ml-2 rounded bg-warning-bg px-1 text-sm font-semibold">{opts.marker}</span> : null}
        </label>
        {opts.hint ? (
          <p id={`${id}-hint`} className="text-sm text-muted">
            {opts.hint}
          </p>
        ) : null}
        {err ? (
          <p id={`${id}-error`} className="font-semibold text-danger">
            {t(key(err))}
          </p>
        ) : null}
        <input
          id={id}
          name={id}
          defaultValue={values[id] ?? ""}
          inputMode={opts.mode}
          autoComplete="off"
          aria-describedby={described}
          aria-invalid={err ? true : undefined}
          className={`${inputClass} ${opts.width ?? ""}`}
        />
      </div>
    );
  };

  const order = [
    ...invoices.flatMap((inv, i) => [
      ...INVOICE_FIELDS.map((f) => `i${i}-${f}`),
      ...Array.from({ length: inv.lineCount }, (_, j) => LINE_FIELDS.map((f) => `i${i}-l${j}-${f}`)).flat(),
      `i${i}-confirmed`,
    ]),
    "yrkesskade",
  ];
  const summary = order.filter((id) => errors[id]).map((id) => ({ id, text: `${labelFor(id, t)}: ${t(key(errors[id]!))}` }));

  if (invoices.length === 0) {
    return (
      <>
        <StepOf step="kontroll" t={t} />
        <PageHeading>{t("abroad.check.title")}</PageHeading>
        <Alert kind="warning">{t("abroad.check.noInvoice")}</Alert>
        <Link to={`${base}/dokumenter`}>{t("abroad.check.toDocuments")}</Link>
      </>
    );
  }

  return (
    <>
      <StepOf step="kontroll" t={t} />
      <PageHeading>{t("abroad.check.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("abroad.check.lead")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        {invoices.map((inv, i) => {
          const p = `i${i}-`;
          const currency = (values[`${p}currency`] ?? "").toUpperCase();
          const lineMinor = Array.from({ length: inv.lineCount }, (_, j) => toMinor((values[`${p}l${j}-amount`] ?? "").replace(/\s/g, "").replace(",", ".")));
          const totalMinor = toMinor((values[`${p}total`] ?? "").replace(/\s/g, "").replace(",", "."));
          const sum = lineMinor.every((m) => m !== null) ? lineMinor.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
          const mismatch = sum !== null && totalMinor !== null ? sum !== totalMinor : inv.extracted.linesMatchTotal === false;
          const marker = inv.ocr ? t("abroad.check.checkAmount") : undefined;
          const confirmErr = errors[`${p}confirmed`];
          return (
            <section key={inv.id} aria-labelledby={`${p}heading`} className="mb-10 border-t-4 border-brand pt-4" data-testid="invoice">
              <h2 id={`${p}heading`} className="mb-4 text-2xl font-bold">
                {t("abroad.check.invoiceN", { n: i + 1 })}: <span className="break-all font-normal">{inv.filename}</span>
              </h2>
              <div className="grid gap-6 lg:grid-cols-2">
                <div>
                  <h3 className="mb-2 text-lg font-bold">{t("abroad.check.preview")}</h3>
                  {inv.image ? (
                    <img src={`${base}/fil/${inv.id}`} alt={t("abroad.check.previewAlt", { name: inv.filename })} className="max-h-[40rem] w-full border border-line object-contain object-top" data-testid="preview" />
                  ) : (
                    <p>
                      <a href={`${base}/fil/${inv.id}`} target="_blank" rel="noreferrer" data-testid="preview-link">
                        {t("abroad.check.openPdf", { name: inv.filename })}
                      </a>
                    </p>
                  )}
                  {inv.ocr ? (
                    <Alert kind="warning">
                      <p data-testid="ocr-notice">{t("abroad.check.ocrNotice")}</p>
                    </Alert>
                  ) : null}
                </div>
                <div>
                  {text(`${p}providerName`)}
                  {text(`${p}invoiceNumber`, { width: "max-w-xs" })}
                  {text(`${p}invoiceDate`, { width: "max-w-xs", hint: t("abroad.hint.date") })}
                  {text(`${p}patientName`)}
                  {text(`${p}diagnosisCode`, { width: "max-w-xs", hint: t("abroad.hint.diagnosisCode") })}
                  {text(`${p}diagnosisText`)}
                  {text(`${p}currency`, { width: "max-w-[8rem]", hint: t("abroad.hint.currency") })}
                  {text(`${p}total`, { width: "max-w-xs", mode: "decimal", marker })}
                  {text(`${p}paymentDate`, { width: "max-w-xs", hint: t("abroad.hint.paymentDate") })}
                </div>
              </div>

              {mismatch ? (
                <Alert kind="warning">
                  <p className="font-semibold" data-testid="sum-warning">
                    {t("abroad.check.sumMismatch", {
                      sum: sum === null ? "?" : formatAmount(fromMinor(sum), currency, lang),
                      total: totalMinor === null ? "?" : formatAmount(fromMinor(totalMinor), currency, lang),
                    })}
                  </p>
                  <p>{t("abroad.check.sumMismatchHelp")}</p>
                </Alert>
              ) : null}

              <h3 className="mb-2 mt-4 text-xl font-bold">{t("abroad.check.lines")}</h3>
              <p className="mb-4 max-w-prose text-muted">{t("abroad.check.linesHelp")}</p>
              {Array.from({ length: inv.lineCount }, (_, j) => {
                const q = `${p}l${j}-`;
                const form = values[`${q}treatmentForm`] ?? "";
                const reason = notCoveredReason(form);
                const formErr = errors[`${q}treatmentForm`];
                return (
                  <fieldset key={j} className={`mb-4 rounded border-2 p-4 ${reason ? "border-line bg-gray-50" : "border-line"}`} data-testid="line" data-covered={reason ? "no" : "yes"}>
                    <legend className="px-1 text-lg font-bold">
                      {t("abroad.line.n", { n: j + 1 })}
                      {(inv.counts[j] ?? 1) > 1 ? <span className="font-normal"> ({t("abroad.line.count", { count: inv.counts[j] ?? 1 })})</span> : null}
                    </legend>
                    {reason ? (
                      <p className="mb-3 font-semibold" data-testid="not-covered">
                        <span className="mr-2 rounded bg-warning-bg px-2 py-0.5">{t("abroad.line.notCovered")}</span>
                        {t(reason)}
                      </p>
                    ) : null}
                    <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-5">
                      {text(`${q}date`, { hint: t("abroad.hint.date") })}
                      <div className={`mb-4 lg:col-span-2 ${formErr ? "border-l-4 border-danger pl-3" : ""}`}>
                        <label htmlFor={`${q}treatmentForm`} className="block font-semibold">
                          {t("abroad.line.treatmentForm")}
                        </label>
                        {formErr ? (
                          <p id={`${q}treatmentForm-error`} className="font-semibold text-danger">
                            {t(key(formErr))}
                          </p>
                        ) : null}
                        <select
                          id={`${q}treatmentForm`}
                          name={`${q}treatmentForm`}
                          defaultValue={form}
                          aria-describedby={formErr ? `${q}treatmentForm-error` : undefined}
                          aria-invalid={formErr ? true : undefined}
                          className={inputClass}
                        >
                          <option value="">{t("abroad.line.choose")}</option>
                          {TREATMENT_FORMS.map((f) => (
                            <option key={f} value={f}>
                              {t(key(`abroad.form.${f}`))}
                            </option>
                          ))}
                        </select>
                      </div>
                      {text(`${q}durationMinutes`, { mode: "numeric", hint: t("abroad.hint.minutes") })}
                      {text(`${q}amount`, { mode: "decimal", marker, hint: currency || undefined })}
                    </div>
                    {text(`${q}description`)}
                  </fieldset>
                );
              })}
              {inv.ocr ? (
                <div className={`mb-6 ${confirmErr ? "border-l-4 border-danger pl-3" : ""}`}>
                  {confirmErr ? (
                    <p id={`${p}confirmed-error`} className="font-semibold text-danger">
                      {t(key(confirmErr))}
                    </p>
                  ) : null}
                  <div className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      id={`${p}confirmed`}
                      name={`${p}confirmed`}
                      value="ja"
                      defaultChecked={values[`${p}confirmed`] === "ja"}
                      aria-describedby={confirmErr ? `${p}confirmed-error` : undefined}
                      className="mt-1 h-6 w-6"
                    />
                    <label htmlFor={`${p}confirmed`} className="font-semibold">
                      {t("abroad.check.confirm")}
                    </label>
                  </div>
                </div>
              ) : null}
            </section>
          );
        })}
        {loaded.askYrkesskade ? (
          <fieldset className={`mb-6 ${errors.yrkesskade ? "border-l-4 border-danger pl-3" : ""}`} aria-describedby={errors.yrkesskade ? "yrkesskade-error" : undefined}>
            <legend className="text-lg font-bold">{t("abroad.check.yrkesskade")}</legend>
            {errors.yrkesskade ? (
              <p id="yrkesskade-error" className="font-semibold text-danger">
                {t(key(errors.yrkesskade))}
              </p>
            ) : null}
            {(["ja", "nei"] as const).map((v, idx) => (
              <div key={v} className="mt-2 flex items-center gap-2">
                <input
                  type="radio"
                  id={idx === 0 ? "yrkesskade" : `yrkesskade-${v}`}
                  name="yrkesskade"
                  value={v}
                  defaultChecked={(values.yrkesskade ?? (loaded.yrkesskadeApplies === null ? "" : loaded.yrkesskadeApplies ? "ja" : "nei")) === v}
                  className="h-5 w-5"
                />
                <label htmlFor={idx === 0 ? "yrkesskade" : `yrkesskade-${v}`}>{t(v === "ja" ? "abroad.yes" : "abroad.no")}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <ErrorList items={summary} t={t} />
        <button type="submit" className={buttonClass}>
          {t("abroad.saveContinue")}
        </button>
      </Form>
      <p className="mt-6">
        <Link to={`${base}/dokumenter`}>{t("abroad.back.documents")}</Link>
      </p>
    </>
  );
}

