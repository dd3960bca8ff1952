import { Form } from "@remix-run/react";
import { Alert } from "~/components/ui";
import type { Translate } from "~/i18n";

type Choice = { kind: "ok"; year: number } | { kind: "unsupported"; year: number } | { kind: "invalid"; raw: string };

/** The year picker (GET form, works without JavaScript) and the message for a year we cannot show. */
export function YearPicker({ t, years, choice, first, last }: { t: Translate; years: number[]; choice: Choice; first: number; last: number }) {
  const selected = choice.kind === "invalid" ? last : choice.year;
  return (
    <>
      <Form method="get" className="mb-8 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="ar" className="block font-semibold">
            {t("overview.year")}
          </label>
          <p id="ar-hint" className="text-sm text-muted">
            {t("overview.yearHint")}
          </p>
          <select
            id="ar"
            name="ar"
            defaultValue={String(selected)}
            key={selected}
            aria-describedby="ar-hint"
            className="mt-1 rounded border-2 border-muted bg-white px-3 py-2 text-lg"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded border-2 border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-info-bg">
          {t("overview.show")}
        </button>
      </Form>
      {choice.kind === "invalid" ? <Alert kind="error">{t("overview.invalidYear", { last })}</Alert> : null}
      {choice.kind === "unsupported" ? <Alert kind="error">{t("overview.unsupportedYear", { year: choice.year, first, last })}</Alert> : null}
    </>
  );
}
