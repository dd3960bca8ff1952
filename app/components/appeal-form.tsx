/**
 * The resident's appeal (klage) form, shared by the case page and the refund-abroad status page:
 * text and/or a file within the deadline (forvaltningsloven § 29); after it, what § 31 allows.
 */
import { Form } from "@remix-run/react";
import { FileInput } from "~/components/file-input";
import { Card } from "~/components/ui";
import { MAX_UPLOAD_BYTES } from "~/utils/upload-limits";
import { formatDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

export function AppealForm(props: { appeal: { by: string; open: boolean }; csrf: string; errors: Record<string, MessageKey | undefined>; text?: string }) {
  const { t, lang } = useT();
  const { appeal, csrf, errors } = props;
  return (
    <Card className="mb-6">
      <h2 className="mb-3 text-xl font-bold">{t("case.appeal.title")}</h2>
      {appeal.open ? (
        <>
          <p className="mb-4">{t("case.appeal.lead", { date: formatDate(appeal.by, lang) })}</p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="appeal" />
            <label htmlFor="appeal-text" className="mb-1 block font-semibold">
              {t("case.appeal.text")}
            </label>
            {errors.answer ? (
              <p id="appeal-error" className="mb-1 font-semibold text-danger">
                {t(errors.answer)}
              </p>
            ) : null}
            <textarea
              id="appeal-text"
              name="answer"
              rows={5}
              defaultValue={props.text ?? ""}
              className="mb-4 w-full rounded border-2 border-ink p-2"
              aria-invalid={errors.answer ? true : undefined}
              aria-describedby={errors.answer ? "appeal-error" : undefined}
            />
            <label htmlFor="appeal-attachment" className="mb-1 block font-semibold">
              {t("case.answer.attachment")}
            </label>
            {errors.attachment ? (
              <p id="appeal-attachment-error" className="mb-1 font-semibold text-danger">
                {t(errors.attachment)}
              </p>
            ) : null}
            <FileInput
              id="appeal-attachment"
              name="attachment"
              t={t}
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              className="mb-4"
              invalid={Boolean(errors.attachment)}
              describedBy={errors.attachment ? "appeal-attachment-error" : undefined}
              maxBytes={MAX_UPLOAD_BYTES}
            />
            <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
              {t("case.appeal.send")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("case.appeal.closed", { date: formatDate(appeal.by, lang) })}</p>
      )}
    </Card>
  );
}
