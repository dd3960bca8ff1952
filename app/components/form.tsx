import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey, Translate } from "~/i18n";

/** GOV.UK / Designsystemet error summary: above the submit button, one link to each field. */
export function ErrorList({ items, t }: { items: Array<{ id: string; text: string }>; t: Translate }) {
  if (items.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-title" tabIndex={-1} className="mb-6 border-4 border-danger bg-white p-4" data-testid="error-summary">
      <h2 id="error-summary-title" className="mb-2 text-lg font-bold">
        {t("form.errorSummary")}
      </h2>
      <ul className="list-disc pl-6">
        {items.map((e) => (
          <li key={e.id}>
            <a href={`#${e.id}`} className="font-semibold text-danger">
              {e.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Error summary items for field errors given as message keys, in the order of the form's fields. */
export function fieldErrorItems(errors: Record<string, string>, order: readonly string[], t: Translate): Array<{ id: string; text: string }> {
  return order.filter((f) => errors[f]).map((f) => ({ id: f, text: t(errors[f] as MessageKey) }));
}

/** The error summary for field errors given as message keys, in the order of the form's fields. */
export function ErrorSummary({ errors, t, order }: { errors: Record<string, string>; t: Translate; order: string[] }) {
  return <ErrorList t={t} items={fieldErrorItems(errors, order, t)} />;
}

/** A field's error next to it (its id for the field's aria-describedby), or nothing. */
export function FieldError({ id, msg }: { id: string; msg: string | undefined }) {
  return msg ? (
    <p id={id} className="mb-1 font-semibold text-danger">
      {msg}
    </p>
  ) : null;
}

/** One row of a check-answers list, with an optional "change" link. */
export function SummaryRow({ label, value, change, testId, note }: { label: string; value: string; change?: { href: string; text: string }; testId?: string; note?: string }) {
  return (
    <div className="flex flex-wrap border-b border-line py-3" data-testid={testId}>
      <dt className="w-full pr-4 font-semibold sm:w-1/3">{label}</dt>
      <dd className="w-full sm:w-1/2">
        {value}
        {note ? <span className="block text-sm text-muted">{note}</span> : null}
      </dd>
      {change ? (
        <dd className="w-full sm:w-1/6 sm:text-right">
          <Link to={change.href}>
            {change.text}
            <span className="sr-only"> {label.toLowerCase()}</span>
          </Link>
        </dd>
      ) : null}
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
  /** The error as a message key, or as text already translated (e.g. with dates filled in). */
  error?: string | { text: string };
  t: Translate;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const errorText = error === undefined ? undefined : typeof error === "string" ? t(error as MessageKey) : error.text;
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
          {errorText}
        </p>
      ) : null}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

/**
 * A labelled text input with its hint and error (the Field above with the input the resident's settings forms use): the
 * id is also the field's name, and the error is a message key.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  t,
  defaultValue,
  type,
  inputMode,
  autoComplete = "off",
  width,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  t: Translate;
  defaultValue: string;
  type?: "text" | "email" | "tel";
  inputMode?: "numeric" | "decimal" | "tel" | "email";
  autoComplete?: string;
  /** Narrows the input (a Tailwind max-width class), e.g. for a date. */
  width?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} t={t}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={id}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          defaultValue={defaultValue}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={width ? `${inputClass} ${width}` : inputClass}
        />
      )}
    </Field>
  );
}

/** One checkbox with its label beside it; `error` (a message key) is shown above it and the box is described by it. */
export function Checkbox({
  id,
  name = id,
  value = "ja",
  label,
  defaultChecked,
  error,
  t,
  bold,
}: {
  id: string;
  name?: string;
  value?: string;
  label: ReactNode;
  defaultChecked?: boolean;
  error?: string;
  t: Translate;
  bold?: boolean;
}) {
  const box = (
    <div className="flex items-start gap-2">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        className="mt-1 h-5 w-5"
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
      />
      <label htmlFor={id} className={bold ? "font-semibold" : undefined}>
        {label}
      </label>
    </div>
  );
  if (!error) return box;
  return (
    <div className="border-l-4 border-danger pl-4">
      <p id={`${id}-error`} className="font-semibold text-danger">
        {t(error as MessageKey)}
      </p>
      {box}
    </div>
  );
}

export const inputClass = "mt-1 w-full max-w-md rounded border-2 border-muted bg-white px-3 py-2 text-lg";
export const secondaryButtonClass = "rounded border-2 border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-info-bg";
