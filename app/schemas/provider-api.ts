/**
 * The provider API's request and response contracts (zod, shared with the OpenAPI document).
 * Error messages are stable codes; the API turns them into problem+json field errors.
 */
import { z } from "zod";
import { isIsoDate } from "~/kernel/dates";
import { isOre } from "~/kernel/money";
import { isFnr } from "~/kernel/fnr";
import { SERVICE_TYPES } from "~/kernel/types";
import { cleanString, FORBIDDEN_TEXT_MESSAGE } from "~/utils/text";

/** Every free-text string the API takes: no NUL, control characters or unpaired surrogates. */
const text = () => cleanString(FORBIDDEN_TEXT_MESSAGE);

export const IsoDateSchema = text().refine(isIsoDate, { message: "must be a date in the form YYYY-MM-DD" }).meta({ format: "date", example: "2026-03-14" });

export const FnrSchema = text()
  .refine(isFnr, { message: "must be a valid fødselsnummer or D-nummer (11 digits)" })
  .meta({ description: "Fødselsnummer or D-nummer, 11 digits (control digits checked, old and 2032 rules).", example: "14035823159" });

export const ServiceTypeSchema = z.enum(SERVICE_TYPES).meta({ description: "Which kind of service the egenandel was paid for." });

export const RegisterEgenandelSchema = z
  .object({
    claimId: text().trim().min(1).max(100).meta({ description: "The provider's own id for this egenandel; unique per organisation." }),
    fnr: FnrSchema,
    serviceDate: IsoDateSchema.meta({ description: "Date of treatment, journey or purchase." }),
    serviceType: ServiceTypeSchema,
    amountOre: z.number().int().positive().max(10_000_000).refine(isOre).meta({ description: "The egenandel in øre (1 NOK = 100 øre).", example: 16000 }),
    providerName: text().trim().min(1).max(200),
    paid: z.boolean().default(true).meta({ description: "False when invoiced but not yet paid; it counts only once marked paid." }),
    paidDate: IsoDateSchema.optional().meta({ description: "When the patient paid; defaults to serviceDate for paid egenandeler." }),
  })
  .strict();
export type RegisterEgenandel = z.infer<typeof RegisterEgenandelSchema>;

export const CorrectAmountSchema = z
  .object({
    amountOre: z.number().int().positive().max(10_000_000).refine(isOre),
    reason: text().trim().min(1).max(500).meta({ description: "Why the amount is corrected (kept in the audit trail)." }),
  })
  .strict();

export const MarkPaidSchema = z.object({ paidDate: IsoDateSchema }).strict();

export const CancelSchema = z.object({ reason: text().trim().min(1).max(500).meta({ description: "Why the egenandel is cancelled (kept in the audit trail)." }) }).strict();

export const StatusRequestSchema = z
  .object({
    fnr: FnrSchema,
    date: IsoDateSchema.meta({ description: "The date of the service the provider is about to give." }),
    serviceType: ServiceTypeSchema,
  })
  .strict();
export type StatusRequest = z.infer<typeof StatusRequestSchema>;

export const BatchStatusRequestSchema = z
  .object({ requests: z.array(z.unknown()).min(1).max(1000).meta({ description: "Up to 1000 status requests, each like the single request." }) })
  .strict();

export const StatusResponseSchema = z.object({
  status: z.enum(["frikort", "ikke-frikort", "ukjent"]),
  validFrom: IsoDateSchema.optional(),
  basis: z.enum(["egenandelstak", "under-16"]).optional().meta({ description: "Why the patient pays nothing: a frikort after the ceiling, or under 16." }),
});

export const EgenandelRecordSchema = z.object({
  id: z.string().uuid(),
  claimId: z.string(),
  serviceDate: IsoDateSchema,
  serviceType: ServiceTypeSchema,
  amountOre: z.number().int().refine(isOre),
  providerName: z.string(),
  paid: z.boolean(),
  paidDate: IsoDateSchema.nullable(),
  cancelled: z.boolean(),
  tak: z.enum(["tak1", "tak2", "felles"]).meta({ description: "The ceiling it counts towards (tak1/tak2 up to 2020, felles from 2021)." }),
  status: z.enum(["counted", "unpaid", "cancelled", "exempt", "after-frikort"]),
});
export type EgenandelRecord = z.infer<typeof EgenandelRecordSchema>;

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
