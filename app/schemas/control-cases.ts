/**
 * The controller's forms for control cases (issue 20 part 5). Opening a case takes exactly the
 * fields the risk-signal list posts: `providerId` (the provider's uuid; a 9-digit orgnr is taken
 * too), `therapistHpr` (optional) and `signal` (a code), with the staff session's `csrf`.
 */
import { z } from "zod";
import { isIsoDate } from "~/kernel/dates";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const OpenControlCaseForm = z.object({
  providerId: z
    .string()
    .trim()
    .refine((v) => UUID.test(v) || /^\d{9}$/.test(v), { message: "control.open.error.provider" }),
  therapistHpr: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{1,9}$/.test(v), { message: "control.open.error.therapist" }),
  signal: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, { message: "control.open.error.signal" }),
});

export const ControlIntent = z.enum(["innhenting", "vurdering", "varsel", "tilsvar", "ny-vurdering", "vedtak", "henlegg", "klage", "klage-behandling", "sen-klage"]);

export const ControlDate = z.string().trim().refine(isIsoDate, { message: "control.error.date" });

/** Free text of a step (note, reason, appeal): at most 4000 characters. */
export const ControlText = z.string().trim().max(4000, { message: "control.error.tooLong" });

export const ControlLineId = z.string().regex(UUID);
export const KlageOutcomeField = z.enum(["upheld", "changed", "reversed"]);
/** A late appeal (forvaltningsloven § 31): considered all the same, or dismissed; and the ground for considering it. */
export const LateDecisionField = z.enum(["behandles", "avvises"]);
export const LateGroundField = z.enum(["not-to-blame", "special-reasons"]);
export const AssessmentField = z.enum(["documented", "not-documented", "wrong-takst", "not-performed"]);
export const VersionField = z.coerce.number().int().min(1).max(1_000_000);
/** The number of settlements the payment form was made from (a double submit registers once). */
export const SeenField = z
  .string()
  .regex(/^\d{1,7}$/)
  .transform(Number);
