/**
 * The caseworker's review of a refund claim abroad on the case page (issue 19 items 1–3): every page of
 * every document as an image (a link to a larger one: zoom without JavaScript), the corrections of what
 * was read with a reason and their history, fixing the rate date, and asking for more information.
 * The case route (case.tsx) loads `abroadReviewLoad` and hands its intents to `abroadReviewAction` (case-abroad-review.server.ts).
 */
import { Form, useActionData } from "@remix-run/react";
import { Card } from "~/components/ui";
import { answerOf, CLAIM_FIELD, INVOICE_FIELDS, LINE_FIELDS, RATE_DATE_RULES } from "~/domain/abroad-corrections";
import { STAFF_BASE } from "~/domain/staff-roles";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { abroadReviewLoad, ReviewErrors } from "./case-abroad-review.server";

type ReviewData = Awaited<ReturnType<typeof abroadReviewLoad>>;

function ErrorText({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p id={id} className="mb-1 font-semibold text-danger">
      {text}
    </p>
  ) : null;
}

/** Every page of every stored document: PDF pages as rendered PNGs, image documents as they are; each links to a larger image. */
export function AbroadPages({ caseId, review }: { caseId: string; review: ReviewData }) {
  const { t } = useT();
  return (
    <section className="mb-8" aria-labelledby="review-pages" data-testid="review-pages">
      <h3 id="review-pages" className="mb-2 text-lg font-bold">
        {t("review.pages.title")}
      </h3>
      <p className="mb-3 text-muted">{t("review.pages.hint")}</p>
      {review.documents.map((d) => (
        <div key={d.documentId} className="mb-4">
          <h4 className="mb-2 font-semibold">
            {t(`review.kind.${d.kind}` as MessageKey)}: <span className="break-all font-normal">{d.filename}</span>
          </h4>
          <ul className="flex flex-wrap gap-3">
            {Array.from({ length: d.pages }, (_, i) => i + 1).map((p) => {
              const src = d.pdf ? `${STAFF_BASE}/sak/${caseId}/side/${d.documentId}/${p}` : `${STAFF_BASE}/sak/${caseId}/fil/${d.documentId}`;
              const large = d.pdf ? `${src}?storrelse=stor` : src;
              const alt = t("review.pages.alt", { page: p, pages: d.pages, name: d.filename });
              return (
                <li key={p}>
                  <a href={large} target="_blank" rel="noreferrer" data-testid="page-image-link">
                    <img src={src} alt={alt} loading="lazy" width={200} className="h-auto w-[200px] border border-line bg-white" data-testid="page-image" />
                    <span className="block text-sm">{t("review.pages.zoom", { page: p })}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Correct a field of an invoice, fix the rate date, and the history of corrections. */
export function AbroadCorrections({ csrf, review }: { csrf: string; review: ReviewData }) {
  const { t } = useT();
  const result = useActionData<{ reviewErrors?: ReviewErrors }>();
  const err = result?.reviewErrors;
  const fieldLabel = (f: string) => {
    const m = /^line\.(\d+)\.(\w+)$/.exec(f);
    if (m) return t("review.field.line", { n: Number(m[1]) + 1, field: t(`review.field.${m[2]}` as MessageKey) });
    return t(`review.field.${f}` as MessageKey);
  };
  return (
    <section className="mb-8" aria-labelledby="review-correct">
      <h3 id="review-correct" className="mb-2 text-lg font-bold">
        {t("review.correct.title")}
      </h3>
      {review.correctable ? (
        <>
          <p className="mb-3 max-w-prose">{t("review.correct.lead")}</p>
          {review.invoices.map((inv, n) => {
            const mine = err?.section === "correct" && err.documentId === inv.documentId ? err : undefined;
            const id = (k: string) => `correct-${n}-${k}`;
            return (
              <Form key={inv.documentId} method="post" noValidate className="mb-6 border-l-4 border-line pl-4" data-testid="correct-form">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="abroad-correct" />
                <input type="hidden" name="documentId" value={inv.documentId} />
                <h4 className="mb-2 font-semibold">{t("abroad.check.invoiceN", { n: n + 1 })}</h4>
                <label htmlFor={id("field")} className="mb-1 block font-semibold">
                  {t("review.correct.field")}
                </label>
                <ErrorText id={id("field-error")} text={mine?.field ? t(mine.field) : null} />
                <select
                  id={id("field")}
                  name="field"
                  className="mb-3 block rounded border-2 border-ink p-2"
                  aria-describedby={mine?.field ? id("field-error") : undefined}
                  aria-invalid={mine?.field ? true : undefined}
                >
                  {INVOICE_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {fieldLabel(f)}
                    </option>
                  ))}
                  {Array.from({ length: inv.lines }, (_, i) =>
                    LINE_FIELDS.map((f) => (
                      <option key={`${i}-${f}`} value={`line.${i}.${f}`}>
                        {fieldLabel(`line.${i}.${f}`)}
                      </option>
                    )),
                  )}
                </select>
                <label htmlFor={id("value")} className="mb-1 block font-semibold">
                  {t("review.correct.value")}
                </label>
                <p id={id("value-hint")} className="mb-1 text-muted">
                  {t("review.correct.valueHint")}
                </p>
                <ErrorText id={id("value-error")} text={mine?.value ? t(mine.value) : null} />
                <input
                  id={id("value")}
                  name="value"
                  type="text"
                  className="mb-3 block w-full max-w-md rounded border-2 border-ink p-2"
                  aria-describedby={mine?.value ? `${id("value-hint")} ${id("value-error")}` : id("value-hint")}
                  aria-invalid={mine?.value ? true : undefined}
                />
                <label htmlFor={id("reason")} className="mb-1 block font-semibold">
                  {t("review.correct.reason")}
                </label>
                <ErrorText id={id("reason-error")} text={mine?.reason ? t(mine.reason) : null} />
                <textarea
                  id={id("reason")}
                  name="reason"
                  rows={2}
                  maxLength={2000}
                  className="mb-3 block w-full rounded border-2 border-ink p-2"
                  aria-describedby={mine?.reason ? id("reason-error") : undefined}
                  aria-invalid={mine?.reason ? true : undefined}
                />
                <button type="submit" className="rounded border-2 border-brand px-4 py-2 font-semibold text-brand">
                  {t("review.correct.submit")}
                </button>
              </Form>
            );
          })}
          <Form method="post" noValidate className="mb-6 border-l-4 border-line pl-4" data-testid="rate-form">
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="abroad-correct" />
            <input type="hidden" name="field" value={CLAIM_FIELD} />
            <fieldset className="mb-3" aria-describedby={err?.section === "rate" && err.value ? "rate-value-error" : undefined}>
              <legend className="mb-1 font-semibold">{t("review.rate.legend")}</legend>
              <p className="mb-1 text-muted">{t("review.rate.current", { rule: review.rateDate ? t(`review.rate.${review.rateDate}` as MessageKey) : "–" })}</p>
              <ErrorText id="rate-value-error" text={err?.section === "rate" && err.value ? t(err.value) : null} />
              {RATE_DATE_RULES.map((r) => (
                <div key={r} className="mb-1 flex items-center gap-2">
                  <input type="radio" id={`rate-${r}`} name="value" value={r} className="h-5 w-5" />
                  <label htmlFor={`rate-${r}`}>{t(`review.rate.${r}` as MessageKey)}</label>
                </div>
              ))}
            </fieldset>
            <label htmlFor="rate-reason" className="mb-1 block font-semibold">
              {t("review.correct.reason")}
            </label>
            <ErrorText id="rate-reason-error" text={err?.section === "rate" && err.reason ? t(err.reason) : null} />
            <textarea
              id="rate-reason"
              name="reason"
              rows={2}
              maxLength={2000}
              className="mb-3 block w-full rounded border-2 border-ink p-2"
              aria-describedby={err?.section === "rate" && err.reason ? "rate-reason-error" : undefined}
              aria-invalid={err?.section === "rate" && err.reason ? true : undefined}
            />
            <button type="submit" className="rounded border-2 border-brand px-4 py-2 font-semibold text-brand">
              {t("review.rate.submit")}
            </button>
          </Form>
        </>
      ) : (
        <p className="mb-3">{t("review.correct.closed")}</p>
      )}
      <h3 id="review-history" className="mb-2 text-lg font-bold">
        {t("review.history.title")}
      </h3>
      {review.corrections.length ? (
        <ol className="mb-6 border-l-2 border-line pl-4" data-testid="correction-history">
          {[...review.corrections].reverse().map((h, i) => (
            <li key={i} className="mb-2">
              <p className="font-semibold">
                {h.document ? `${h.document}: ` : ""}
                {fieldLabel(h.field)}: {h.previous === null || h.previous === "" ? "–" : h.previous} → {h.value === "" ? "–" : h.value}
              </p>
              <p className="text-sm text-muted">
                {h.at} · {h.by}
              </p>
              <p className="whitespace-pre-wrap">{h.reason}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mb-6">{t("review.history.none")}</p>
      )}
    </section>
  );
}

/** Ask the resident for more information (the question goes to the application's page and the inbox). */
export function AbroadAskMoreInfo({ csrf, review }: { csrf: string; review: ReviewData }) {
  const { t } = useT();
  const result = useActionData<{ reviewErrors?: ReviewErrors }>();
  const err = result?.reviewErrors?.section === "ask" ? result.reviewErrors : undefined;
  return (
    <Card className="mb-6">
      <h2 id="review-ask" className="mb-3 text-xl font-bold">
        {t("review.ask.title")}
      </h2>
      {review.question ? (
        <p data-testid="open-question">{t("review.ask.waiting", { question: review.question.question })}</p>
      ) : review.askable ? (
        <Form method="post" noValidate>
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="intent" value="abroad-more-info" />
          <label htmlFor="question" className="mb-1 block font-semibold">
            {t("review.ask.question")}
          </label>
          <p id="question-hint" className="mb-1 text-muted">
            {t("review.ask.hint")}
          </p>
          <ErrorText id="question-error" text={err?.question ? t(err.question) : null} />
          <textarea
            id="question"
            name="question"
            rows={4}
            maxLength={2000}
            className="mb-4 w-full rounded border-2 border-ink p-2"
            aria-describedby={err?.question ? "question-hint question-error" : "question-hint"}
            aria-invalid={err?.question ? true : undefined}
          />
          <button type="submit" className="rounded border-2 border-brand px-4 py-2 font-semibold text-brand">
            {t("review.ask.send")}
          </button>
        </Form>
      ) : (
        <p>{t("review.ask.closed")}</p>
      )}
    </Card>
  );
}

/** A history note that is the resident's answer, labelled; other notes as they are. */
export function HistoryNote({ note }: { note: string }) {
  const { t } = useT();
  const answer = answerOf(note);
  if (answer === null) return <p className="whitespace-pre-wrap">{note}</p>;
  return (
    <p className="whitespace-pre-wrap" data-testid="resident-answer">
      <strong>{t("review.answer.label")}</strong> {answer || t("review.answer.filesOnly")}
    </p>
  );
}
