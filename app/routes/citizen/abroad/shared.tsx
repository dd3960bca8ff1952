/** Small helpers shared by the abroad application pages (browser-safe: no server imports). */
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

export { ErrorList, SummaryRow } from "~/components/form";

export const STEPS = ["dokumenter", "kontroll", "vurdering", "konto", "oppsummering"] as const;
export type Step = (typeof STEPS)[number];

/** "Steg 2 av 5" above the heading. */
export function StepOf({ step, t }: { step: Step; t: Translate }) {
  return <p className="mb-1 text-muted">{t("abroad.step", { n: STEPS.indexOf(step) + 1, of: STEPS.length })}</p>;
}

export const key = (s: string) => s as MessageKey;
