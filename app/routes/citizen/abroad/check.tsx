import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { inputClass, secondaryButtonClass } from "~/components/form";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import type { Lang, Translate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { TREATMENT_FORMS } from "~/kernel/treatment-forms";
import { checkInProgressFor, extractionOf, type InvoiceAnswers, progressOf } from "~/domain/abroad-application";
import { invoiceSchema } from "~/schemas/abroad";
import { saveCheckInProgress, saveInvoiceAnswers } from "~/services/abroad-application.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, getLang } from "~/utils/session.server";
import { loadDraft } from "./draft.server";
import { amountInput, dateInput, ErrorList, formatAmount, fromMinor, key, StepOf, toMinor } from "./shared";
import { intentOf, readForm } from "~/utils/form.server";
import { AbroadCheckIntent } from "~/schemas/intents";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.check.title");

const INVOICE_FIELDS = ["providerName", "invoiceNumber", "invoiceDate", "patientName", "diagnosisCode", "diagnosisText", "currency", "total", "paymentDate"] as const;
const LINE_FIELDS = ["date", "treatmentForm", "description", "durationMinutes", "amount"] as const;
type Values = Record<string, string>;

async function load(request: Request, context: LoaderFunctionArgs["context"], applicationId: string | undefined) {
  return loadDraft(request, context, applicationId, "kontroll");
}

/** The lines of invoice i as posted: how many, and each line's count (a summary row's "× n"). */
function postedLines(values: Values, i: number, fallback: number[]): number[] {
  const n = Number(values[`i${i}-lineCount`]);
  if (!Number.isInteger(n) || n < 0 || n > 200) return fallback;
  return Array.from({ length: n }, (_, j) => {
    const c = Number(values[`i${i}-l${j}-count`] ?? "1");
    return Number.isInteger(c) && c >= 1 && c <= 100 ? c : 1;
  });
}

/** Removes line j of invoice i from the typed values, moving the later lines up. */
function withoutLine(values: Values, i: number, j: number, lineCount: number): Values {
  const out: Values = { ...values };
  for (let m = j; m < lineCount; m++) {
    for (const f of [...LINE_FIELDS, "count"]) {
      const next = values[`i${i}-l${m + 1}-${f}`];
      if (m + 1 < lineCount && next !== undefined) out[`i${i}-l${m}-${f}`] = next;
      else delete out[`i${i}-l${m}-${f}`];
    }
  }
  return out;
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
    v[`${p}lineCount`] = String(a.lines.length);
    a.lines.forEach((l, j) => {
      const q = `${p}l${j}-`;
      v[`${q}count`] = String(l.count ?? 1);
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
  const { view } = await load(request, context, params.applicationId);
  const lang = await getLang(request);
  // What was typed last time and not saved comes back as it was typed.
  const typed = checkInProgressFor(
    view.data,
    view.invoices.map((inv) => inv.doc.id),
  );
  return {
    restored: typed !== null,
    applicationId: view.app.id,
    invoices: view.invoices.map(({ doc, ocr }) => {
      const r = extractionOf(doc);
      const mime = view.documents.find((d) => d.doc.id === doc.id)?.mimeType ?? null;
      return {
        id: doc.id,
        filename: doc.filename,
        image: mime === "image/jpeg" || mime === "image/png",
        ocr,
        extracted: { linesMatchTotal: r.checks?.linesMatchTotal ?? null },
      };
    }),
    values: typed ?? valuesOf(view.invoices, lang),
    otherDocuments: view.documents.filter((d) => d.doc.kind !== "invoice").length,
  };
}

/** Maps a zod issue path to the field's id. */
function fieldId(i: number, path: ReadonlyArray<PropertyKey>): string {
  if (path[0] === "lines" && typeof path[1] === "number") return `i${i}-l${path[1]}-${String(path[2])}`;
  return `i${i}-${String(path[0])}`;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, view, today, birthDate, base } = await load(request, context, params.applicationId);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  let values: Values = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && /^i\d+-/.test(k)) values[k] = v.slice(0, 300);
  const intent = intentOf(form, AbroadCheckIntent);

  // Add or remove a line: the answers are not saved yet (they need not be valid), but what was typed
  // is kept with the draft, so the resident can leave and come back to it.
  const invoiceIds = view.invoices.map((inv) => inv.doc.id);
  const add = /^add-line-(\d+)$/.exec(intent);
  const remove = /^remove-line-(\d+)-(\d+)$/.exec(intent);
  if (add || remove) {
    const i = Number((add ?? remove)![1]);
    const inv = view.invoices[i];
    if (!inv) return data({ errors: {}, values, notice: null }, { status: 400 });
    const counts = postedLines(
      values,
      i,
      inv.answers.lines.map((l) => l.count ?? 1),
    );
    if (add) {
      const j = counts.length;
      values[`i${i}-lineCount`] = String(j + 1);
      for (const f of LINE_FIELDS) values[`i${i}-l${j}-${f}`] = "";
      values[`i${i}-l${j}-count`] = "1";
      await saveCheckInProgress(context.database.db, user.personId, view.app.id, invoiceIds, values);
      return data({ errors: {}, values, notice: { kind: "added" as const, invoice: i, line: j, rev: `${Date.now()}-${Math.random()}` } });
    }
    const j = Number(remove![2]);
    if (j >= counts.length || counts.length <= 1) return data({ errors: {}, values, notice: null }, { status: 400 });
    values = withoutLine(values, i, j, counts.length);
    values[`i${i}-lineCount`] = String(counts.length - 1);
    await saveCheckInProgress(context.database.db, user.personId, view.app.id, invoiceIds, values);
    return data({ errors: {}, values, notice: { kind: "removed" as const, invoice: i, line: Math.min(j, counts.length - 2), rev: `${Date.now()}-${Math.random()}` } });
  }

  const errors: Record<string, string> = {};
  const answers: Record<string, InvoiceAnswers> = {};
  view.invoices.forEach(({ doc, answers: before, ocr }, i) => {
    const p = `i${i}-`;
    const counts = postedLines(
      values,
      i,
      before.lines.map((l) => l.count ?? 1),
    );
    const raw = {
      ...Object.fromEntries(INVOICE_FIELDS.map((f) => [f, values[`${p}${f}`] ?? ""])),
      confirmed: values[`${p}confirmed`],
      lines: counts.map((_, j) => Object.fromEntries(LINE_FIELDS.map((f) => [f, values[`${p}l${j}-${f}`] ?? ""]))),
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
        const count = counts[j] ?? 1;
        return { ...l, ...(count > 1 ? { count } : {}) };
      }),
    };
  });
  if (Object.keys(errors).length) {
    await saveCheckInProgress(context.database.db, user.personId, view.app.id, invoiceIds, values);
    return data({ errors, values, notice: null }, { status: 400 });
  }
  await saveInvoiceAnswers(context.database.db, user.personId, view.app.id, answers);
  // Treatment before the referral cut-off: ask about the referral next.
  const saved = { ...view, invoices: view.invoices.map((inv) => ({ ...inv, answers: answers[inv.doc.id] ?? inv.answers, saved: true })) };
  const p = progressOf(saved, birthDate, today);
  return redirect(`${base}/${p.referralNeeded ? "henvisning" : "vurdering"}`);
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
  const notice = actionData?.notice ?? null;
  const { applicationId, invoices } = loaded;
  const base = `/mine/utland/${applicationId}`;
  const lineCountOf = (i: number) => Number(values[`i${i}-lineCount`] ?? "0") || 0;
  const countOf = (i: number, j: number) => Number(values[`i${i}-l${j}-count`] ?? "1") || 1;
  // After a line is added, go to its first field; after one is removed, to the notice.
  useEffect(() => {
    if (!notice) return;
    document.getElementById(notice.kind === "added" ? `i${notice.invoice}-l${notice.line}-date` : `i${notice.invoice}-line-notice`)?.focus();
  }, [notice]);

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
      ...Array.from({ length: lineCountOf(i) }, (_, j) => LINE_FIELDS.map((f) => `i${i}-l${j}-${f}`)).flat(),
      `i${i}-confirmed`,
    ]),
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
      {loaded.restored && !actionData ? <Alert kind="info">{t("abroad.check.restored")}</Alert> : null}
      {/* A new form after a line is added or removed, so every field shows the values as they now are. */}
      <Form method="post" noValidate key={notice?.rev ?? "form"}>
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        {/* The first submit button is the one Enter uses: saving, never adding or removing a line. */}
        <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true">
          {t("abroad.saveContinue")}
        </button>
        {invoices.map((inv, i) => {
          const p = `i${i}-`;
          const lineCount = lineCountOf(i);
          const currency = (values[`${p}currency`] ?? "").toUpperCase();
          // A line without an amount yet (just added) is left out of the sum.
          const lineMinor = Array.from({ length: lineCount }, (_, j) => (values[`${p}l${j}-amount`] ?? "").replace(/\s/g, "").replace(",", "."))
            .filter((a) => a !== "")
            .map(toMinor);
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
                    <img
                      src={`${base}/fil/${inv.id}`}
                      alt={t("abroad.check.previewAlt", { name: inv.filename })}
                      className="max-h-[40rem] w-full border border-line object-contain object-top"
                      data-testid="preview"
                    />
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
              <p className="mb-4 max-w-prose text-muted">
                {t("abroad.check.linesHelp")} {t("abroad.check.linesAddRemove")}
              </p>
              <input type="hidden" name={`${p}lineCount`} value={lineCount} />
              {notice && notice.invoice === i ? (
                <Alert kind="info">
                  <p data-testid="line-notice" id={`${p}line-notice`} tabIndex={-1}>
                    {notice.kind === "added" ? t("abroad.check.lineAdded", { n: notice.line + 1 }) : t("abroad.check.lineRemoved")}
                  </p>
                </Alert>
              ) : null}
              {Array.from({ length: lineCount }, (_, j) => {
                const q = `${p}l${j}-`;
                const form = values[`${q}treatmentForm`] ?? "";
                const reason = notCoveredReason(form);
                const formErr = errors[`${q}treatmentForm`];
                return (
                  <fieldset
                    key={j}
                    className={`mb-4 rounded border-2 p-4 ${reason ? "border-line bg-gray-50" : "border-line"}`}
                    data-testid="line"
                    data-covered={reason ? "no" : "yes"}
                  >
                    <legend className="px-1 text-lg font-bold">
                      {t("abroad.line.n", { n: j + 1 })}
                      {countOf(i, j) > 1 ? <span className="font-normal"> ({t("abroad.line.count", { count: countOf(i, j) })})</span> : null}
                    </legend>
                    <input type="hidden" name={`${q}count`} value={countOf(i, j)} />
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
                    {lineCount > 1 ? (
                      <button type="submit" name="intent" value={`remove-line-${i}-${j}`} className={secondaryButtonClass} data-testid="remove-line">
                        {t("abroad.check.removeLine", { n: j + 1 })}
                      </button>
                    ) : null}
                  </fieldset>
                );
              })}
              <p className="mb-6">
                <button type="submit" name="intent" value={`add-line-${i}`} className={secondaryButtonClass} data-testid="add-line">
                  {t("abroad.check.addLine")}
                </button>
              </p>
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
        <ErrorList items={summary} t={t} />
        <button type="submit" name="intent" value="save" className={buttonClass}>
          {t("abroad.saveContinue")}
        </button>
      </Form>
      <p className="mt-6">
        <Link to={`${base}/dokumenter`}>{t("abroad.back.documents")}</Link>
      </p>
    </>
  );
}
