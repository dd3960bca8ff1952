/**
 * The abroad application's forms (docs/decisions/0010-abroad-application.md): one zod schema per
 * form, used by the route (errors next to each field) and by the service. Messages are translation
 * keys (abroad.err.*).
 */
import { z } from "zod";
import { isStatedExemptionKind, periodNeedsPaymentQuestion, validatePeriod, type PeriodAnswer, type StartAnswers } from "~/domain/abroad-start";
import { isValidBic, isValidIban, normaliseIban } from "~/kernel/iban";
import { validateKontonummer } from "~/kernel/kontonummer";
import { TREATMENT_FORMS } from "~/kernel/treatment-forms";
import type { IsoDate } from "~/kernel/types";
import { CURRENCY_EXPONENT } from "~/rules/parameters/exchange-rates";
import { cleanString } from "~/utils/text";
import { parseNorwegianDate } from "./self-service";

const req = (key: string) => cleanString("abroad.err.invalidCharacters", { error: key }).trim().min(1, { error: key });
/** Optional free text: no control characters or unpaired surrogates (app/utils/text.ts). */
const freeText = () => cleanString("abroad.err.invalidCharacters");

/** A decimal amount in the invoice currency: "1 234,50", "1234.5" → "1234.50" (dot, fixed decimals later). */
export function parseDecimalAmount(s: string): string | null {
  const t = s.replace(/[\s\u00a0\u202f]/g, "");
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return `${Number(m[1])}.${(m[2] ?? "").padEnd(2, "0")}`;
}

const amountField = (key: string) =>
  req(key).transform((s, ctx) => {
    const v = parseDecimalAmount(s);
    if (v === null) {
      ctx.addIssue({ code: "custom", message: "abroad.err.amount" });
      return z.NEVER;
    }
    return v;
  });

const dateField = (key: string, today: IsoDate) =>
  req(key).transform((s, ctx) => {
    const iso = parseNorwegianDate(s);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "abroad.err.date" });
      return z.NEVER;
    }
    if (iso > today) {
      ctx.addIssue({ code: "custom", message: "abroad.err.date.future" });
      return z.NEVER;
    }
    return iso as IsoDate;
  });

export function lineSchema(today: IsoDate) {
  return z.object({
    date: dateField("abroad.err.line.date", today),
    treatmentForm: z.enum(TREATMENT_FORMS, { error: "abroad.err.line.form" }),
    description: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    durationMinutes: z
      .string()
      .trim()
      .transform((s, ctx) => {
        if (s === "") return null;
        if (!/^\d{1,3}$/.test(s) || Number(s) < 1 || Number(s) > 300) {
          ctx.addIssue({ code: "custom", message: "abroad.err.line.duration" });
          return z.NEVER;
        }
        return Number(s);
      }),
    amount: amountField("abroad.err.line.amount"),
  });
}

/** The "Sjekk det vi leste" form for one invoice. */
export function invoiceSchema(today: IsoDate, mustConfirm: boolean) {
  return z.object({
    providerName: req("abroad.err.provider").pipe(z.string().max(200, { error: "abroad.err.tooLong" })),
    invoiceNumber: req("abroad.err.invoiceNumber").pipe(z.string().max(60, { error: "abroad.err.tooLong" })),
    invoiceDate: dateField("abroad.err.invoiceDate", today),
    patientName: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    diagnosisCode: freeText().trim().max(20, { error: "abroad.err.tooLong" }),
    diagnosisText: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    currency: req("abroad.err.currency")
      .transform((s) => s.toUpperCase())
      .refine((c) => CURRENCY_EXPONENT[c] !== undefined, { error: "abroad.err.currency" }),
    total: amountField("abroad.err.total"),
    paymentDate: dateField("abroad.err.paymentDate", today),
    confirmed: mustConfirm ? z.literal("ja", { error: "abroad.err.confirm" }) : z.string().optional(),
    lines: z.array(lineSchema(today)),
  });
}

// The start questions. Each returns field errors as message keys (with values for the message).

export type FieldErrors = Record<string, { key: string; vars?: Record<string, string | number> }>;

/** Which country: any code from the list (a country outside the scheme is answered, not an error). */
export function countrySchema() {
  return z.object({ country: req("abroad.err.country").pipe(z.string().regex(/^(?:[A-Z]{2}|OTHER)$/, { error: "abroad.err.country" })) });
}

function dateOnly(key: string) {
  return req(key).transform((s, ctx) => {
    const iso = parseNorwegianDate(s);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "abroad.err.date" });
      return z.NEVER;
    }
    return iso as IsoDate;
  });
}

/** Treatment period: two dates, then the period rules (validatePeriod). */
export function parsePeriod(values: { from: string; to: string; paidRecently: string }, today: IsoDate): { ok: true; period: PeriodAnswer } | { ok: false; errors: FieldErrors } {
  const parsed = z.object({ from: dateOnly("abroad.err.period.from"), to: dateOnly("abroad.err.period.to") }).safeParse(values);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0]);
      if (!errors[f]) errors[f] = { key: issue.message };
    }
    return { ok: false, errors };
  }
  const paidRecently = values.paidRecently === "ja" ? true : values.paidRecently === "nei" ? false : undefined;
  for (const e of validatePeriod({ ...parsed.data, paidRecently }, today)) {
    if (errors[e.field]) continue;
    if (e.code === "before-scheme") errors[e.field] = { key: "abroad.err.period.beforeScheme", vars: { date: e.schemeStart } };
    else if (e.code === "deadline") errors[e.field] = { key: "abroad.err.period.paidRecently", vars: { date: e.paidOnOrAfter } };
    else errors[e.field] = { key: e.code === "future" ? "abroad.err.date.future" : "abroad.err.period.beforeFrom" };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const period: PeriodAnswer = { from: parsed.data.from, to: parsed.data.to };
  if (periodNeedsPaymentQuestion(period.to, today) && paidRecently !== undefined) period.paidRecently = paidRecently;
  return { ok: true, period };
}

/** Exemption: none, frikort, yrkesskade, or another (then say which). */
export function exemptionSchema(today: IsoDate) {
  return z
    .object({
      exemption: z.string({ error: "abroad.err.exemption" }).refine((v) => v === "none" || isStatedExemptionKind(v, today), { error: "abroad.err.exemption" }),
      otherText: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    })
    .superRefine((v, ctx) => {
      if (v.exemption === "other" && v.otherText === "") ctx.addIssue({ code: "custom", path: ["otherText"], message: "abroad.err.exemption.other" });
    })
    .transform((v): NonNullable<StartAnswers["exemption"]> =>
      v.exemption === "other" ? { kind: "other", otherText: v.otherText } : { kind: v.exemption as "none" | "frikort" | "yrkesskade" },
    );
}

export const REFERRER_CHOICES = ["lege", "kiropraktor", "manuellterapeut", "lege-utland", "annen"] as const;

/**
 * Referral for treatment before 2018: yes with its date (not in the future) and who wrote it (issue 18
 * item 6: a doctor abroad also says whether the illness or injury arose there), or no.
 */
export function referralSchema(today: IsoDate) {
  return z
    .object({
      had: z.enum(["ja", "nei"], { error: "abroad.err.referral" }),
      date: z.string().optional(),
      referrer: z.string().optional(),
      aroseAbroad: z.string().optional(),
    })
    .transform((v, ctx): NonNullable<StartAnswers["referral"]> => {
      if (v.had === "nei") return { had: false };
      const d = dateField("abroad.err.referral.date", today).safeParse(v.date ?? "");
      if (!d.success) ctx.addIssue({ code: "custom", path: ["date"], message: d.error.issues[0]!.message });
      const who = (REFERRER_CHOICES as readonly string[]).includes(v.referrer ?? "") ? (v.referrer as (typeof REFERRER_CHOICES)[number]) : null;
      if (who === null) ctx.addIssue({ code: "custom", path: ["referrer"], message: "abroad.err.referral.referrer" });
      const arose = v.aroseAbroad === "ja" ? true : v.aroseAbroad === "nei" ? false : null;
      if (who === "lege-utland" && arose === null) ctx.addIssue({ code: "custom", path: ["aroseAbroad"], message: "abroad.err.referral.aroseAbroad" });
      if (!d.success || who === null || (who === "lege-utland" && arose === null)) return z.NEVER;
      const referrer = who === "lege-utland" ? { kind: "lege" as const, inNorway: false as const, illnessAroseAbroad: arose! } : { kind: who, inNorway: true as const };
      return { had: true, date: d.data, referrer };
    });
}

/** Norwegian kontonummer, or IBAN + BIC for an account abroad. */
export function accountSchema() {
  return z.discriminatedUnion(
    "accountType",
    [
      z.object({
        accountType: z.literal("no"),
        kontonummer: req("abroad.err.kontonummer.required").transform((s, ctx) => {
          const v = validateKontonummer(s);
          if (!v.valid) {
            ctx.addIssue({ code: "custom", message: v.reason === "format" ? "abroad.err.kontonummer.format" : "abroad.err.kontonummer.checksum" });
            return z.NEVER;
          }
          return v.normalized;
        }),
      }),
      z.object({
        accountType: z.literal("foreign"),
        iban: req("abroad.err.iban.required").transform((s, ctx) => {
          const v = normaliseIban(s);
          if (!isValidIban(v)) {
            ctx.addIssue({ code: "custom", message: "abroad.err.iban.invalid" });
            return z.NEVER;
          }
          return v;
        }),
        bic: req("abroad.err.bic.required")
          .transform((s) => s.replace(/\s/g, "").toUpperCase())
          .refine(isValidBic, { error: "abroad.err.bic.invalid" }),
      }),
    ],
    { error: "abroad.err.accountType" },
  );
}
