import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment, useEffect } from "react";
import { inputClass, secondaryButtonClass } from "~/components/form";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import { formatDate, type Lang, type MessageKey, type Translate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { TREATMENT_FORMS } from "~/kernel/treatment-forms";
import { checkDocuments, checkInProgressFor, countsAs, documentClasses, extractionOf, type InvoiceAnswers, progressOf } from "~/domain/abroad-application";
import { checkPayments } from "~/domain/abroad-checks";
import { abroadCheckText } from "~/components/abroad-check-text";
import { invoiceSchema } from "~/schemas/abroad";
import { saveCheckInProgress, saveInvoiceAnswers } from "~/services/abroad-application.server";
import { exchangeRateTable } from "~/services/exchange-rates.server";
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
  const { view, today } = await load(request, context, params.applicationId);
  const lang = await getLang(request);
  // each invoice paid? (seed 004): by its own paid mark or a proof of payment, from the answers as they are now
  const docs = checkDocuments(view);
  // a NOK bank line against a foreign invoice is matched at Norges Bank's rate (the stored table, as the estimate's)
  const rates = await exchangeRateTable(context.database.db, [...new Set(docs.map((x) => x.currency ?? "").filter(Boolean))]);
  const payments = new Map(checkPayments(docs, today, rates).map((c) => [c.documentId, c]));
  const classes = documentClasses(view.documents.map((d) => d.doc));
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
        payment: (() => {
          const c = payments.get(doc.id);
          return c ? { code: c.code, status: c.status, params: c.params } : null;
        })(),
      };
    }),
    values: typed ?? valuesOf(view.invoices, lang),
    otherDocuments: view.documents.filter((d) => countsAs(classes, d.doc) !== "invoice").length,
    // what was read from the authorisations, epikriser and proofs of payment: shown so the resident sees what the checks compare with the invoices
    read: view.documents
      .filter((d) => ["authorisation", "epikrise", "payment"].includes(countsAs(classes, d.doc)))
      .map(({ doc }) => {
        const r = doc.status === "done" ? extractionOf(doc) : null;
        return {
          id: doc.id,
          filename: doc.filename,
          kind: countsAs(classes, doc) as "authorisation" | "epikrise" | "payment",
          payments: (r?.payment?.payments ?? []).slice(0, 10),
          done: r !== null,
          therapists: (r?.therapists ?? []).map((th) => ({ name: th.name, authorisationNumber: th.authorisationNumber ?? null })),
          issuingAuthority: r?.issuingAuthority ?? null,
          patientName: r?.patientName ?? null,
          treatmentPeriod: r?.treatmentPeriod ?? null,
          diagnosis: r?.diagnosis ? [r.diagnosis.code, r.diagnosis.text].filter(Boolean).join(" ") || null : null,
        };
      }),
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

/**
 * What a line still needs: a field missing (the duration only where it can change the refund, as
 * the checks count it), a field with an error, or a form that is not covered. Empty when nothing.
 */
function lineNeeds(values: Values, errors: Record<string, string>, q: string): MessageKey[] {
  const out: MessageKey[] = [];
  const form = values[`${q}treatmentForm`] ?? "";
  if (LINE_FIELDS.some((f) => errors[`${q}${f}`])) out.push("check.attention.error");
  if (!values[`${q}date`]) out.push("check.attention.date");
  if (!form) out.push("check.attention.form");
  if (form && !notCoveredReason(form) && !values[`${q}durationMinutes`]) out.push("check.attention.duration");
  if (!values[`${q}amount`]) out.push("check.attention.amount");
  if (notCoveredReason(form)) out.push("check.attention.notCovered");
  return out;
}

/** A typed line date (dd.mm.yyyy, as the field shows it) as ISO, or null when empty or not a date. */
function isoOfTyped(typed: string | undefined): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec((typed ?? "").trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/**
 * The lines of one invoice grouped by date (issue 22, item 8): the dates in order, and within a date the lines that need
 * attention first, then in the invoice's order. Lines without a valid date come last, in one group (a line just added
 * lands there, next to the button that added it). The fields keep their line numbers, so the form posts as before.
 */
function linesByDate(lineCount: number, values: Values, errors: Record<string, string>, p: string): Array<{ date: string | null; lines: number[] }> {
  const groups = new Map<string | null, number[]>();
  for (let j = 0; j < lineCount; j++) {
    const iso = isoOfTyped(values[`${p}l${j}-date`]);
    groups.set(iso, [...(groups.get(iso) ?? []), j]);
  }
  const needs = (j: number) => (lineNeeds(values, errors, `${p}l${j}-`).length > 0 ? 0 : 1);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([date, lines]) => ({ date, lines: [...lines].sort((x, y) => needs(x) - needs(y) || x - y) }));
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

              {inv.payment ? <PaymentStatus payment={inv.payment} n={i + 1} base={base} t={t} lang={lang} /> : null}

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
              {/* What needs the resident's attention comes first: each line with a missing field, an error, or not covered (issue 22, item 8). */}
              {(() => {
                const attention = Array.from({ length: lineCount }, (_, j) => j).filter((j) => lineNeeds(values, errors, `${p}l${j}-`).length > 0);
                return attention.length ? (
                  <div className="mb-4 border-l-4 border-[#b36b00] bg-warning-bg p-4" data-testid="line-attention">
                    <h4 className="mb-1 font-bold">{t("check.attention.heading", { count: attention.length })}</h4>
                    <ul className="list-disc pl-6">
                      {attention.map((j) => (
                        <li key={j}>
                          <a href={`#${p}l${j}-date`}>
                            {t("abroad.line.n", { n: j + 1 })}
                            {values[`${p}l${j}-date`] ? ` (${values[`${p}l${j}-date`]})` : ""}
                          </a>
                          :{" "}
                          {lineNeeds(values, errors, `${p}l${j}-`)
                            .map((k) => t(k))
                            .join(", ")}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <p className="mb-4 font-semibold" data-testid="line-attention-none">
                    {t("check.attention.none")}
                  </p>
                );
              })()}
              {/* One compact row per line (the labels are the column headings; each field keeps its own label for assistive technology). */}
              <div className="mb-4 overflow-x-auto">
                <table className="w-full border-collapse text-left" data-testid="lines">
                  <caption className="sr-only">{t("abroad.check.lines")}</caption>
                  <thead className="bg-surface text-sm">
                    <tr>
                      <th scope="col" className="px-2 py-2">
                        {t("abroad.line.n", { n: "" }).trim()}
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("abroad.line.date")} <span className="block font-normal text-muted">{t("abroad.hint.date")}</span>
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("abroad.line.treatmentForm")}
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("abroad.line.description")}
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("abroad.line.durationMinutes")} <span className="block font-normal text-muted">{t("abroad.hint.minutes")}</span>
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("abroad.line.amount")} {currency ? <span className="block font-normal text-muted">{currency}</span> : null}
                      </th>
                      <th scope="col" className="px-2 py-2">
                        <span className="sr-only">{t("abroad.col.action")}</span>
                      </th>
                    </tr>
                  </thead>
                  {linesByDate(lineCount, values, errors, p).map((group) => (
                    <tbody key={group.date ?? "undated"} data-testid="date-group" data-date={group.date ?? ""}>
                      <tr className="border-t-2 border-brand bg-surface">
                        <th scope="rowgroup" colSpan={7} className="px-2 py-2 text-left">
                          {group.date ? formatDate(group.date, lang) : t("check.group.undated")}
                          <span className="ml-2 font-normal text-muted">{t(group.lines.length === 1 ? "check.group.one" : "check.group.many", { count: group.lines.length })}</span>
                        </th>
                      </tr>
                      {group.lines.map((j) => {
                        const q = `${p}l${j}-`;
                        const form = values[`${q}treatmentForm`] ?? "";
                        const reason = notCoveredReason(form);
                        const needs = lineNeeds(values, errors, q);
                        const cell = (f: "date" | "description" | "durationMinutes" | "amount", width: string, mode?: "decimal" | "numeric") => {
                          const id = `${q}${f}`;
                          const err = errors[id];
                          return (
                            <td className={`px-2 py-2 align-top ${err ? "border-l-4 border-danger" : ""}`}>
                              <label htmlFor={id} className="sr-only">
                                {t(key(`abroad.line.${f}`))}
                              </label>
                              {err ? (
                                <p id={`${id}-error`} className="text-sm font-semibold text-danger">
                                  {t(key(err))}
                                </p>
                              ) : null}
                              <input
                                id={id}
                                name={id}
                                defaultValue={values[id] ?? ""}
                                inputMode={mode}
                                autoComplete="off"
                                aria-describedby={err ? `${id}-error` : undefined}
                                aria-invalid={err ? true : undefined}
                                className={`${inputClass} ${width} px-2 py-1`}
                              />
                            </td>
                          );
                        };
                        const formErr = errors[`${q}treatmentForm`];
                        return (
                          <tr
                            key={j}
                            className={`border-t border-line ${reason ? "bg-gray-50" : ""} ${needs.length ? "bg-warning-bg" : ""}`}
                            data-testid="line"
                            data-covered={reason ? "no" : "yes"}
                            data-attention={needs.length ? "yes" : "no"}
                            data-line={j + 1}
                          >
                            <th scope="row" className="whitespace-nowrap px-2 py-2 align-top font-semibold">
                              {j + 1}
                              {countOf(i, j) > 1 ? <span className="block text-sm font-normal">{t("abroad.line.count", { count: countOf(i, j) })}</span> : null}
                              <input type="hidden" name={`${q}count`} value={countOf(i, j)} />
                            </th>
                            {cell("date", "w-[9.5rem] min-w-[9rem]")}
                            <td className={`px-2 py-2 align-top ${formErr ? "border-l-4 border-danger" : ""}`}>
                              <label htmlFor={`${q}treatmentForm`} className="sr-only">
                                {t("abroad.line.treatmentForm")}
                              </label>
                              {formErr ? (
                                <p id={`${q}treatmentForm-error`} className="text-sm font-semibold text-danger">
                                  {t(key(formErr))}
                                </p>
                              ) : null}
                              <select
                                id={`${q}treatmentForm`}
                                name={`${q}treatmentForm`}
                                defaultValue={form}
                                aria-describedby={formErr ? `${q}treatmentForm-error` : undefined}
                                aria-invalid={formErr ? true : undefined}
                                className={`${inputClass} w-44 px-2 py-1`}
                              >
                                <option value="">{t("abroad.line.choose")}</option>
                                {TREATMENT_FORMS.map((f) => (
                                  <option key={f} value={f}>
                                    {t(key(`abroad.form.${f}`))}
                                  </option>
                                ))}
                              </select>
                              {reason ? (
                                <p className="mt-1 text-sm" data-testid="not-covered">
                                  <span className="mr-1 rounded bg-warning-bg px-1 font-semibold">{t("abroad.line.notCovered")}</span>
                                  {t(reason)}
                                </p>
                              ) : null}
                            </td>
                            {cell("description", "w-full min-w-[12rem]")}
                            {cell("durationMinutes", "w-20", "numeric")}
                            {cell("amount", "w-28", "decimal")}
                            <td className="px-2 py-2 align-top">
                              {lineCount > 1 ? (
                                <button type="submit" name="intent" value={`remove-line-${i}-${j}`} className="font-semibold text-brand underline" data-testid="remove-line">
                                  {t("check.remove")}
                                  <span className="sr-only"> {t("abroad.line.n", { n: j + 1 }).toLowerCase()}</span>
                                </button>
                              ) : null}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  ))}
                </table>
              </div>
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
        {loaded.read.length > 0 ? <ReadFromOthers docs={loaded.read} t={t} lang={lang} /> : null}
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

type Payment = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["invoices"][number]["payment"]>;

/** Is the invoice paid (seed 004)? The check's sentence; when not, what to upload and where, and that it does not stop sending. */
function PaymentStatus({ payment, n, base, t, lang }: { payment: Payment; n: number; base: string; t: Translate; lang: Lang }) {
  const ok = payment.status === "ok";
  return (
    <section
      aria-labelledby={`i${n}-payment`}
      className={`mb-6 mt-4 max-w-3xl border-l-4 p-4 ${ok ? "border-success bg-success-bg" : "border-[#b36b00] bg-warning-bg"}`}
      data-testid="payment-status"
      data-status={payment.status}
      data-code={payment.code}
    >
      <h3 id={`i${n}-payment`} className="mb-1 text-lg font-bold">
        {t("abroad.check.payment.heading")}: {t(key(`abroad.checkStatus.${payment.status}`))}
      </h3>
      <p>{abroadCheckText({ ...payment, documentName: null }, t, lang)}</p>
      {ok ? null : (
        <>
          <p className="mt-2">{t("abroad.check.payment.upload")}</p>
          <p className="mt-2">{t("abroad.check.payment.notBlocking")}</p>
          <p className="mt-2">
            <Link to={`${base}/dokumenter`} className="font-semibold">
              {t("abroad.check.payment.uploadLink")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

type ReadDoc = ReturnType<typeof useLoaderData<typeof loader>>["read"][number];

/** What was read from the authorisations, epikriser and proofs of payment (read only: the checks compare it with the invoices). */
function ReadFromOthers({ docs, t, lang }: { docs: ReadDoc[]; t: Translate; lang: Lang }) {
  const row = (label: string, value: string | null) => (
    <div className="mb-1 sm:flex sm:gap-2">
      <dt className="font-semibold">{label}:</dt>
      <dd>{value ?? t("abroad.check.read.none")}</dd>
    </div>
  );
  return (
    <section aria-labelledby="read-others" className="mb-10 border-t-4 border-brand pt-4" data-testid="read-others">
      <h2 id="read-others" className="mb-2 text-2xl font-bold">
        {t("abroad.check.read.title")}
      </h2>
      <p className="mb-4 max-w-prose">{t("abroad.check.read.lead")}</p>
      {docs.map((d) => (
        <div key={d.id} className="mb-6" data-testid={`read-${d.kind}`}>
          <h3 className="mb-2 text-lg font-bold">
            {t(d.kind === "authorisation" ? "abroad.check.read.authorisation" : d.kind === "payment" ? "abroad.check.read.payment" : "abroad.check.read.epikrise")}:{" "}
            <span className="break-all font-normal">{d.filename}</span>
          </h3>
          {!d.done ? (
            <p>{t("abroad.check.read.notRead")}</p>
          ) : d.kind === "payment" ? (
            <dl>
              {row(
                t("abroad.check.read.payments"),
                d.payments.length
                  ? d.payments.map((p) => `${formatAmount(p.amount.toFixed(2), p.currency ?? "", lang)}${p.date ? ` (${formatDate(p.date, lang)})` : ""}`).join(", ")
                  : null,
              )}
            </dl>
          ) : (
            <dl>
              {d.therapists.length === 0
                ? row(t("abroad.check.read.therapist"), null)
                : d.therapists.map((th, k) => (
                    <Fragment key={k}>
                      {row(t("abroad.check.read.therapist"), th.name)}
                      {row(t("abroad.check.read.authorisationNumber"), th.authorisationNumber)}
                    </Fragment>
                  ))}
              {d.kind === "authorisation" ? row(t("abroad.check.read.issuer"), d.issuingAuthority) : null}
              {d.kind === "epikrise" ? row(t("abroad.check.read.patient"), d.patientName) : null}
              {d.kind === "epikrise"
                ? row(t("abroad.check.read.period"), d.treatmentPeriod ? `${formatDate(d.treatmentPeriod.from, lang)} – ${formatDate(d.treatmentPeriod.to, lang)}` : null)
                : null}
              {d.kind === "epikrise" ? row(t("abroad.check.read.diagnosis"), d.diagnosis) : null}
            </dl>
          )}
        </div>
      ))}
    </section>
  );
}
