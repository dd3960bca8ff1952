/**
 * The provider API's view of what the provider owes back after control cases (issue 20 part 5,
 * GET /api/v1/krav): per control case, what the current vedtak claims, what was paid and set off,
 * what is left, and the history. Amounts in øre; no resident's data and no caseworker's identity.
 */
import { z } from "zod";

const Ore = z.number().int();

export const ReceivableHistoryEntrySchema = z.object({
  on: z.string().meta({ description: "The day (ISO date)." }),
  kind: z.enum(["vedtak", "endret-vedtak", "opphevet", "motregning", "innbetaling", "tilbakebetaling"]).meta({
    description:
      "vedtak: the repayment decision; endret-vedtak: a new decision after an appeal (its change is the difference); opphevet: reversed after an appeal; motregning: set off against the refusjon of a later claim; innbetaling: a payment; tilbakebetaling: what Helfo paid back to you of an overpayment (its paymentReference is the transfer's end-to-end id).",
  }),
  amountOre: Ore,
  changeOre: Ore.meta({ description: "The change in what is owed (negative for a settlement or a lower decision)." }),
  balanceOre: Ore.meta({ description: "What is owed after it; negative when more was paid than is now owed." }),
  claimId: z.string().nullable().meta({ description: "motregning: the claim whose refusjon was held back." }),
  paymentReference: z.string().nullable(),
});

export const ProviderReceivableSchema = z.object({
  reference: z.string().meta({ description: "The control case (KK-year-xxxxxx), as in its letters.", example: "KK-2026-7QX4MZ" }),
  owedOre: Ore.meta({ description: "What the current decision claims (0 when reversed)." }),
  settledOre: Ore.meta({ description: "Paid and set off so far." }),
  balanceOre: Ore.meta({ description: "Left to pay." }),
  overpaidOre: Ore.meta({
    description: "Paid beyond what is now owed (after a changed or reversed decision), not yet paid back: Helfo's next payout run pays it to your account.",
  }),
  repaidOre: Ore.meta({ description: "What Helfo has paid back to you of an overpayment." }),
  dueOn: z.string().nullable().meta({ description: "When the open claim falls due; from then the refusjon of new claims is set off." }),
  history: z.array(ReceivableHistoryEntrySchema),
});

export const ProviderReceivablesResponseSchema = z.object({
  balanceOre: Ore.meta({ description: "Left to pay over every control case." }),
  receivables: z.array(ProviderReceivableSchema).meta({ description: "The control cases with something left to pay or owed back to you." }),
});
export type ProviderReceivablesResponse = z.infer<typeof ProviderReceivablesResponseSchema>;
