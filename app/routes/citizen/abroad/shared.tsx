/** Small helpers shared by the abroad application pages (browser-safe: no server imports). */
import { Link } from "@remix-run/react";
import type { Lang, MessageKey, Translate } from "~/i18n";

/** "1234.50" in `currency` → "1 234,50 EUR" (nb/nn) or "EUR 1,234.50" (en). */
export function formatAmount(amount: string, currency: string, lang: Lang): string {
  const [int = "0", frac = ""] = amount.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === "en" ? "," : "\u00a0");
  const num = frac ? `${grouped}${lang === "en" ? "." : ","}${frac}` : grouped;
  return lang === "en" ? `${currency}\u00a0${num}` : `${num}\u00a0${currency}`;
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

export function SummaryRow({ label, value, change, testId }: { label: string; value: string; change?: { href: string; text: string }; testId?: string }) {
  return (
    <div className="flex flex-wrap border-b border-line py-3" data-testid={testId}>
      <dt className="w-full pr-4 font-semibold sm:w-1/3">{label}</dt>
      <dd className="w-full sm:w-1/2">{value}</dd>
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

/** GOV.UK error summary with ready texts, each linking to its field. */
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

export const STEPS = ["dokumenter", "kontroll", "vurdering", "konto", "oppsummering"] as const;
export type Step = (typeof STEPS)[number];

/** "Steg 2 av 5" above the heading. */
export function StepOf({ step, t }: { step: Step; t: Translate }) {
  return <p className="mb-1 text-muted">{t("abroad.step", { n: STEPS.indexOf(step) + 1, of: STEPS.length })}</p>;
}

export const key = (s: string) => s as MessageKey;
