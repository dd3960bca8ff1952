/** Staff forms of the register actions (issue 20): strings in, checked by domain/staff-register.ts. */
import { z } from "zod";

export const DeathDateFormSchema = z.object({ diedOn: z.string().max(20).catch(""), reason: z.string().max(2000).catch("") });

export const LineReviewFormSchema = z.object({
  lineId: z.string().max(64).catch(""),
  decision: z.enum(["godkjent", "avvist"]).nullable().catch(null),
  reason: z.string().max(2000).catch(""),
});
