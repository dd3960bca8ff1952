/** Small helpers shared by the abroad application pages (browser-safe: no server imports). */
import { Form } from "@remix-run/react";
import { formatDecimalAmount } from "~/kernel/money";
import type { ReactNode } from "react";
import { ErrorList } from "~/components/form";
import { buttonClass, PageHeading } from "~/components/ui";
import type { Lang, MessageKey, Translate } from "~/i18n";
import { useRootData } from "~/i18n/use-t";
import type { ReferralWriter } from "~/domain/abroad-start";

/** "1234.50" in `currency` → "1 234,50 EUR" (nb/nn) or "EUR 1,234.50" (en). */
export function formatAmount(amount: string, currency: string, lang: Lang): string {
  return formatDecimalAmount(amount, currency, lang);
}

/** Decimal with a dot → what a person types: "42,00" (nb/nn) or "42.00" (en). */
export const amountInput = (amount: string, lang: Lang) => (lang === "en" ? amount : amount.replace(".", ","));

/** ISO → dd.mm.yyyy for a date field. */
export const dateInput = (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : "");

/** Amount as minor units (2 decimals) for sums; null when not a number. */
export function toMinor(amount: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : null;
}
export const fromMinor = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;

export { ErrorList, SummaryRow } from "~/components/form";

export const STEPS = ["land", "periode", "fritak", "dokumenter", "kontroll", "vurdering", "konto", "oppsummering"] as const;
export type Step = (typeof STEPS)[number] | "henvisning";

/** "Steg 2 av 8" above the heading (the referral question, when asked, is part of checking). */
export function StepOf({ step, t }: { step: Step; t: Translate }) {
  const n = STEPS.indexOf(step === "henvisning" ? "kontroll" : step) + 1;
  return <p className="mb-1 text-muted">{t("abroad.step", { n, of: STEPS.length })}</p>;
}

export const key = (s: string) => s as MessageKey;

/**
 * One question of the application on its own page (GOV.UK "one thing per page"): back link, step,
 * heading, what comes before the form (`intro`), the form with its CSRF token, the error summary
 * above the submit button, and the submit button. The form posts to the step's own page; from the
 * summary (`returnTo`) it comes back there, and the back link goes there instead of to `back`.
 */
export function QuestionPage({
  applicationId,
  returnTo,
  back,
  step,
  title,
  intro,
  errors,
  t,
  children,
}: {
  applicationId: string;
  returnTo: string | null;
  /** The page before this one (when not come from the summary). */
  back: string;
  step: Step;
  title: string;
  intro?: ReactNode;
  errors: Array<{ id: string; text: string }>;
  t: Translate;
  children: ReactNode;
}) {
  const { user } = useRootData();
  const action = `/mine/utland/${applicationId}/${step}${returnQuery(returnTo)}`;
  return (
    <>
      <BackLink to={returnTo ?? back} t={t} />
      <StepOf step={step} t={t} />
      <PageHeading>{title}</PageHeading>
      {intro}
      <Form method="post" action={action} noValidate className="max-w-2xl">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        {children}
        <ErrorList items={errors} t={t} />
        <button type="submit" className={buttonClass}>
          {t("abroad.saveContinue")}
        </button>
      </Form>
    </>
  );
}

/** GOV.UK "back" link above the heading. */
export function BackLink({ to, t }: { to: string; t: Translate }) {
  return (
    <p className="mb-4">
      <a href={to} className="font-semibold" data-testid="back-link">
        ‹ {t("abroad.back")}
      </a>
    </p>
  );
}

/**
 * Radios in a fieldset with the legend as the question; the first radio's id is `name` so the
 * error summary can link to it. `children` per option render below it (a conditional field).
 */
export function Radios({
  name,
  legend,
  legendAsHeading,
  hint,
  options,
  value,
  error,
}: {
  name: string;
  legend: string;
  legendAsHeading?: boolean;
  hint?: string;
  options: Array<{ value: string; label: string; hint?: string; children?: ReactNode }>;
  value: string | undefined;
  error?: string;
}) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`} aria-describedby={describedBy}>
      <legend className={legendAsHeading ? "mb-2 text-3xl font-bold leading-tight" : "mb-2 text-lg font-bold"}>{legendAsHeading ? <h1>{legend}</h1> : legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} className="mb-2 max-w-prose text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="font-semibold text-danger">
          {error}
        </p>
      ) : null}
      {options.map((o, i) => {
        const id = i === 0 ? name : `${name}-${o.value}`;
        return (
          <div key={o.value} className="group mt-3">
            <div className="flex items-start gap-3">
              <input
                type="radio"
                id={id}
                name={name}
                value={o.value}
                defaultChecked={value === o.value}
                aria-describedby={o.hint ? `${id}-hint` : undefined}
                className="mt-1 h-6 w-6 shrink-0"
              />
              <div>
                <label htmlFor={id} className="text-lg">
                  {o.label}
                </label>
                {o.hint ? (
                  <p id={`${id}-hint`} className="text-muted">
                    {o.hint}
                  </p>
                ) : null}
              </div>
            </div>
            {/* Shown only while its radio is chosen (CSS :has, so also without JavaScript). */}
            {o.children ? <div className="ml-3 mt-2 hidden border-l-4 border-line pl-6 group-has-[:checked]:block">{o.children}</div> : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The query string that keeps "return to the summary" on a form's action. */
export const returnQuery = (returnTo: string | null) => (returnTo ? "?tilbake=oppsummering" : "");

/** Who wrote the referral, in words (issue 18 item 6); "" for an older draft that was not asked. */
export function referrerText(r: ReferralWriter | undefined, t: Translate): string {
  if (!r) return "";
  if (r.inNorway) return t("abroad.summary.referral.by", { who: t(`abroad.referral.referrer.${r.kind}`) });
  return t("abroad.summary.referral.by", {
    who: `${t("abroad.referral.referrer.lege-utland")} (${t(r.illnessAroseAbroad ? "abroad.summary.referral.aroseAbroad" : "abroad.summary.referral.notAroseAbroad")})`,
  });
}
