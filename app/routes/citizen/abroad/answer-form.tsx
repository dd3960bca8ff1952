import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { AnswerErrors } from "./answer.server";

/** Helfo's question and the resident's answer form (text and files; works without JavaScript). */
export function AbroadAnswerForm({ csrf, question, errors }: { csrf: string; question: { text: string; at: string }; errors: AnswerErrors | undefined }) {
  const { t } = useT();
  const fileErrors = errors?.files ?? [];
  return (
    <section className="mb-8 rounded border-l-4 border-warning bg-warning-bg p-4" aria-labelledby="answer-title" data-testid="more-info-request">
      <h2 id="answer-title" className="mb-2 text-xl font-bold">
        {t("abroad.answer.title")}
      </h2>
      <p className="mb-1 text-sm">{question.at}</p>
      <p className="mb-4 whitespace-pre-wrap font-semibold" data-testid="question">
        {question.text}
      </p>
      <p className="mb-4 max-w-prose">{t("abroad.answer.lead")}</p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="csrf" value={csrf} />
        <label htmlFor="answer-text" className="mb-1 block font-semibold">
          {t("abroad.answer.text")}
        </label>
        {errors?.text ? (
          <p id="answer-text-error" className="mb-1 font-semibold text-danger">
            {t(errors.text)}
          </p>
        ) : null}
        <textarea
          id="answer-text"
          name="text"
          rows={5}
          maxLength={4000}
          className="mb-4 block w-full rounded border-2 border-ink bg-white p-2"
          aria-describedby={errors?.text ? "answer-text-error" : undefined}
          aria-invalid={errors?.text ? true : undefined}
        />
        <label htmlFor="answer-kind" className="mb-1 block font-semibold">
          {t("abroad.answer.kind")}
        </label>
        <select id="answer-kind" name="kind" className="mb-4 block rounded border-2 border-ink bg-white p-2" defaultValue="epikrise">
          {(["invoice", "payment", "authorisation", "epikrise"] as const).map((k) => (
            <option key={k} value={k}>
              {t(`review.kind.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor="answer-files" className="mb-1 block font-semibold">
          {t("abroad.answer.files")}
        </label>
        {fileErrors.length ? (
          <ul id="answer-files-error" className="mb-1 font-semibold text-danger">
            {fileErrors.map((f, i) => (
              <li key={i}>
                {f.name ? `${f.name}: ` : ""}
                {t(`abroad.reason.${f.reason}` as MessageKey)}
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id="answer-files"
          name="files"
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png"
          className="mb-4 block"
          aria-describedby={fileErrors.length ? "answer-files-error" : undefined}
          aria-invalid={fileErrors.length ? true : undefined}
        />
        <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
          {t("abroad.answer.send")}
        </button>
      </Form>
    </section>
  );
}
