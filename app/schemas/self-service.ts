/**
 * One zod schema per self-service form, used by the page (to show errors next to each field) and by
 * the server. Messages are translation keys (errors.*), rendered in the resident's language.
 */
import { z } from "zod";
import { isIsoDate } from "~/kernel/dates";
import { missingEgenandelDeadlines } from "~/domain/deadlines";
import { parseNokToOre } from "~/kernel/money";
import { isOrgnr } from "~/kernel/orgnr";
import { SERVICE_TYPES, type IsoDate, type Orgnr } from "~/kernel/types";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";

import { cleanString } from "~/utils/text";

/** Every free-text field: no NUL, control characters or unpaired surrogates (app/utils/text.ts). */
const text = (params?: Parameters<typeof z.string>[0]) => cleanString("errors.invalidCharacters", params);
const required = (key = "errors.required") => text({ error: key }).trim().min(1, { error: key });

export const TIP_REASONS = [
  "not-there",
  "cancelled-or-no-show",
  "different-treatment",
  "shorter-than-billed",
  "treated-with-others",
  "wrong-amount",
  "paid-by-someone-else",
] as const;
export type TipReason = (typeof TIP_REASONS)[number];

/** Norwegian date typed as dd.mm.yyyy (or ISO) → ISO, or null. */
export function parseNorwegianDate(input: string): IsoDate | null {
  const s = input.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** A date typed as dd.mm.yyyy (or ISO), parsed to ISO. */
const dateField = () =>
  required("errors.date.required").transform((s, ctx) => {
    const iso = parseNorwegianDate(s);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "errors.date.invalid" });
      return z.NEVER;
    }
    return iso;
  });

/** An amount typed in kroner ("160", "160,50"), parsed to øre; above 0 and at most 100 000 kr. */
const amountField = () =>
  required("errors.amount.required").transform((s, ctx) => {
    const ore = parseNokToOre(s);
    if (ore === null || ore <= 0 || ore > 10_000_000) {
      ctx.addIssue({ code: "custom", message: "errors.amount.invalid" });
      return z.NEVER;
    }
    return ore;
  });

export function missingEgenandelSchema(today: IsoDate) {
  return z
    .object({
      providerName: required("errors.providerName.required").pipe(z.string().max(200, { error: "errors.tooLong" })),
      providerOrgnr: text()
        .trim()
        .transform((s) => s.replace(/\s/g, ""))
        .refine((s): s is Orgnr | "" => s === "" || isOrgnr(s), { error: "errors.orgnr.invalid" })
        .optional()
        .default(""),
      serviceDate: dateField()
        .refine((d) => d <= today, { error: "errors.date.future" })
        .refine((d) => isSupportedYear(Number(d.slice(0, 4))), { error: "errors.date.unsupported" })
        .refine((d) => missingEgenandelDeadlines(d, today).withinDeadline, { error: "errors.date.tooLate" }),
      serviceType: z.enum(SERVICE_TYPES, { error: "errors.serviceType.required" }),
      amount: amountField(),
    })
    .strip();
}
export type MissingEgenandelInput = z.output<ReturnType<typeof missingEgenandelSchema>>;

/** One receipt line in an application for frikort while reserved (deadline: six months from reaching the ceiling). */
export function applicationLineSchema(today: IsoDate, year: number) {
  return z
    .object({
      providerName: required("errors.providerName.required").pipe(z.string().max(200, { error: "errors.tooLong" })),
      serviceDate: dateField()
        .refine((d) => d <= today, { error: "errors.date.future" })
        .refine((d) => Number(d.slice(0, 4)) === year, { error: "errors.date.otherYear" }),
      serviceType: z.enum(SERVICE_TYPES, { error: "errors.serviceType.required" }),
      amount: amountField(),
    })
    .strip();
}

export const TipSchema = z
  .object({
    egenandelId: z.string().uuid({ error: "errors.required" }),
    reason: z.enum(TIP_REASONS, { error: "errors.tipReason.required" }),
    comment: text().trim().max(2000, { error: "errors.tooLong" }).optional().default(""),
  })
  .strip();
export type TipInput = z.output<typeof TipSchema>;

export const ConfirmSchema = z.object({ confirm: z.literal("ja", { error: "errors.confirm.required" }) }).strip();

/** Field errors keyed by field name: the first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (!out[field]) out[field] = issue.message;
  }
  return out;
}
