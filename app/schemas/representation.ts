/** Forms for acting for others and for notices (issue 22 items 11 and 12). Errors are message keys. */
import { z } from "zod";
import { FULLMAKT_SCOPES } from "~/domain/representation";
import { isFnr } from "~/kernel/fnr";
import type { IsoDate } from "~/kernel/types";
import { parseNorwegianDate } from "~/schemas/self-service";

const trimmed = z.string().trim();

export const OpaqueIdSchema = z.string().uuid();

/**
 * Giving a fullmakt: who (fødselsnummer and last name), which services (one or more), and the last day it can be used
 * (today or later, typed as dd.mm.yyyy).
 */
export function giveFullmaktSchema(today: IsoDate) {
  return z.object({
    fnr: trimmed.transform((s) => s.replace(/\s/g, "")).pipe(z.string().min(1, "fullmakt.errors.fnr.required").refine(isFnr, "fullmakt.errors.fnr.invalid")),
    lastName: trimmed.min(1, "fullmakt.errors.lastName.required").max(100, "fullmakt.errors.lastName.required"),
    scopes: z
      .array(z.string())
      .max(FULLMAKT_SCOPES.length * 2, "fullmakt.errors.scopes.required")
      .transform((list) => FULLMAKT_SCOPES.filter((s) => list.includes(s)))
      .refine((list) => list.length > 0, "fullmakt.errors.scopes.required"),
    validUntil: trimmed.max(20, "fullmakt.errors.validUntil.invalid").transform((s, ctx) => {
      if (!s) {
        ctx.addIssue({ code: "custom", message: "fullmakt.errors.validUntil.required" });
        return z.NEVER;
      }
      const iso = parseNorwegianDate(s);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: "fullmakt.errors.validUntil.invalid" });
        return z.NEVER;
      }
      if (iso < today) {
        ctx.addIssue({ code: "custom", message: "fullmakt.errors.validUntil.past" });
        return z.NEVER;
      }
      return iso;
    }),
    confirm: z.literal("ja", { message: "fullmakt.errors.confirm" }),
  });
}

/** Norwegian mobile numbers (8 digits starting 4 or 9) with an optional +47, or another country's number in E.164. */
export function normalisePhone(raw: string): string | null {
  const s = raw.replace(/[\s()-]/g, "");
  if (/^(\+47|0047)?[49]\d{7}$/.test(s)) return `+47${s.slice(-8)}`;
  if (/^\+[1-9]\d{7,14}$/.test(s)) return s;
  return null;
}

export const NoticeSettingsSchema = z
  .object({
    emailOn: z.boolean(),
    smsOn: z.boolean(),
    email: trimmed.max(254, "notices.errors.email.invalid"),
    phone: trimmed.max(20, "notices.errors.phone.invalid"),
  })
  .superRefine((v, ctx) => {
    if (v.email && !z.string().email().safeParse(v.email).success) ctx.addIssue({ code: "custom", path: ["email"], message: "notices.errors.email.invalid" });
    else if (v.emailOn && !v.email) ctx.addIssue({ code: "custom", path: ["email"], message: "notices.errors.email.required" });
    if (v.phone && !normalisePhone(v.phone)) ctx.addIssue({ code: "custom", path: ["phone"], message: "notices.errors.phone.invalid" });
    else if (v.smsOn && !v.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "notices.errors.phone.required" });
  })
  .transform((v) => ({ emailOn: v.emailOn, smsOn: v.smsOn, email: v.email || null, phone: v.phone ? normalisePhone(v.phone) : null }));
