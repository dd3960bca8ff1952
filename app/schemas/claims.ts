/**
 * The treatment claims API's contracts (issue 20): a physiotherapist's claim (regning) for one
 * patient, and the answer with every automatic control's result. Shared with the OpenAPI document.
 */
import { z } from "zod";
import { FnrSchema, IsoDateSchema } from "./provider-api";

/** Most claims in one batch call. */
export const CLAIMS_BATCH_MAX = 500;
/** Most lines in one claim. */
export const CLAIM_LINES_MAX = 50;

export const ClaimLineSchema = z
  .object({
    takst: z
      .string()
      .regex(/^[A-Z]\d{1,2}[a-z]?$/, { message: "must be a takst code such as A2c" })
      .meta({
        description: "The takst code (takstforskriften), e.g. A1a, A2c, A8a, A10, C34c. A code not valid on the date is answered as a rejected line, not an error.",
        example: "A2c",
      }),
    date: IsoDateSchema.meta({ description: "Treatment date." }),
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be a time of day HH:MM (24-hour)" })
      .meta({ description: "When the treatment started, Europe/Oslo, HH:MM.", example: "07:30" }),
    minutes: z.number().int().min(1).max(600).meta({ description: "How long the treatment lasted, in minutes.", example: 40 }),
    groupSize: z
      .number()
      .int()
      .min(1)
      .max(100)
      .nullable()
      .default(null)
      .meta({ description: "Patients in the group, for group takster (C33, C34); null for an individual treatment." }),
  })
  .strict();
export type ClaimLine = z.infer<typeof ClaimLineSchema>;

export const ClaimSchema = z
  .object({
    claimId: z.string().trim().min(1).max(100).meta({ description: "Your own id for this claim; unique per organisation." }),
    fnr: FnrSchema,
    therapist: z
      .object({
        hprNumber: z
          .string()
          .regex(/^\d{4,9}$/, { message: "must be an HPR number (4 to 9 digits)" })
          .meta({ description: "The therapist's number in Helsepersonellregisteret.", example: "9144889" }),
        name: z.string().trim().min(1).max(200),
      })
      .strict(),
    paid: z.boolean().default(true).meta({ description: "Whether the patient has paid the egenandel; an unpaid one counts once marked paid." }),
    lines: z.array(ClaimLineSchema).min(1).max(CLAIM_LINES_MAX),
  })
  .strict();
export type Claim = z.infer<typeof ClaimSchema>;

export const ClaimBatchSchema = z
  .object({
    claims: z
      .array(z.unknown())
      .min(1)
      .max(CLAIMS_BATCH_MAX)
      .meta({ description: `Up to ${CLAIMS_BATCH_MAX} claims, each like the single request.` }),
  })
  .strict();

const OutcomeSchema = z.enum(["godkjent", "avvist", "til-kontroll"]);

export const ControlResultSchema = z.object({
  rule: z.string().meta({ description: "The rule's id (app/rules/parameters/claim-controls.ts), e.g. claim.overlap." }),
  result: z.enum(["ok", "skipped", "avvist", "til-kontroll"]),
  reason: z.string().optional().meta({ description: "Why the line was rejected or held, as a stable code." }),
  message: z.string().optional().meta({ description: "The reason in words (English)." }),
  detail: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const ClaimLineResultSchema = z.object({
  lineNo: z.number().int(),
  takst: z.string(),
  date: IsoDateSchema,
  startTime: z.string(),
  minutes: z.number().int(),
  groupSize: z.number().int().nullable(),
  outcome: OutcomeSchema,
  honorarOre: z.number().int().meta({ description: "The takst's honorar on the date (0 when the takst is not valid)." }),
  refusjonOre: z.number().int().meta({ description: "Paid to you for this line now: honorar − egenandel when approved, 0 when rejected or held." }),
  egenandelOre: z.number().int().meta({ description: "The patient's egenandel for this line (0 with a frikort or under 16)." }),
  egenandel: z.object({
    disposition: z.enum(["registered", "reserved", "frikort", "exempt-child", "none", "held", "rejected", "not-stored"]),
    registerClaimId: z.string().nullable().meta({ description: "The egenandel's claimId in the register (for /egenandeler/{claimId}/betaling), when stored." }),
  }),
  controls: z.array(ControlResultSchema),
});

export const ClaimResultSchema = z.object({
  claimId: z.string(),
  outcome: OutcomeSchema.meta({ description: "til-kontroll when any line is held; godkjent when any line is paid; avvist when none is." }),
  refusjonOre: z.number().int().meta({ description: "Paid to you now for the whole claim." }),
  egenandelOre: z.number().int().meta({ description: "The patient's egenandel for the approved lines." }),
  egenandelRegisteredOre: z.number().int().meta({ description: "Of that, stored in the egenandel register (nothing for a patient who has reserved)." }),
  lines: z.array(ClaimLineResultSchema),
});
export type ClaimResult = z.infer<typeof ClaimResultSchema>;
export type ClaimLineResult = z.infer<typeof ClaimLineResultSchema>;

/** What patients tell Helfo about claims (seed 000, "Hva sier pasientene?" and "Fiktive krav"). */
export const CLAIM_REPORT_REASONS = [
  "not-there",
  "cancelled-or-no-show",
  "different-treatment",
  "shorter-than-billed",
  "other-time",
  "treated-with-others",
  "never-trained-at-clinic",
  "paid-gym-membership",
  "examination-billed",
  "home-treatment-not-needed",
] as const;

export const ClaimReportSchema = z
  .object({
    reasons: z.array(z.enum(CLAIM_REPORT_REASONS)).min(1, { error: "errors.claimReport.reasons" }),
    comment: z.string().trim().max(2000, { error: "errors.tooLong" }).optional().default(""),
  })
  .strip();
