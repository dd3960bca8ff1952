/** Forms for acting for others and for notices (issue 22 items 11 and 12). Errors are message keys. */
import { z } from "zod";
import { validateFnr } from "~/kernel/fnr";

const trimmed = z.string().trim();

export const OpaqueIdSchema = z.string().uuid();

export const GiveFullmaktSchema = z.object({
  fnr: trimmed
    .transform((s) => s.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, "fullmakt.errors.fnr.required")
        .refine((s) => /^\d{11}$/.test(s) && validateFnr(s).valid, "fullmakt.errors.fnr.invalid"),
    ),
  lastName: trimmed.min(1, "fullmakt.errors.lastName.required").max(100, "fullmakt.errors.lastName.required"),
  confirm: z.literal("ja", { message: "fullmakt.errors.confirm" }),
});

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
