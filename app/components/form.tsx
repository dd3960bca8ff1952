import type { ReactNode } from "react";
import type { MessageKey, Translate } from "~/i18n";

/** GOV.UK / Designsystemet error summary: above the submit button, links to each field. */
export function ErrorSummary({ errors, t, order }: { errors: Record<string, string>; t: Translate; order: string[] }) {
  const fields = order.filter((f) => errors[f]);
  if (fields.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-title" tabIndex={-1} className="mb-6 border-4 border-danger bg-white p-4" data-testid="error-summary">
      <h2 id="error-summary-title" className="mb-2 text-lg font-bold">
        {t("form.errorSummary")}
      </h2>
      <ul className="list-disc pl-6">
        {fields.map((f) => (
          <li key={f}>
            <a href={`#${f}`} className="font-semibold text-danger">
              {t(errors[f] as MessageKey)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Field({
  id,
  label,
  hint,
  error,
  t,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  t: Translate;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="font-semibold text-danger">
          {t(error as MessageKey)}
        </p>
      ) : null}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

export const inputClass = "mt-1 w-full max-w-md rounded border-2 border-muted bg-white px-3 py-2 text-lg";
export const secondaryButtonClass =
  "rounded border-2 border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-info-bg";
