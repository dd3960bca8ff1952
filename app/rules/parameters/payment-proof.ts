/**
 * How closely a proof of payment must match an invoice (issue 18 item 8). Seed 004 (the documents Helfo asks for with a
 * refund claim for physiotherapy abroad) lists "Originale kvitteringer for alle utgifter" and "Dokumentasjon på at utgiftene
 * er betalt"; how close a card slip or a bank statement line must be to the invoice is not published, so these values are
 * ours (confidence U) and the caseworker judges every case the check flags.
 */
import { defineParameter } from "../parameter";

const SEED_004 =
  "Seed 004 (../shared/seeds/egenandelsordningen-fysioterapi.txt, 'Dette må du sende med': 'Originale kvitteringer for alle utgifter' and 'Dokumentasjon på at utgiftene er betalt')";

export const paymentMatchTolerance = defineParameter<{ percent: number; minimumUnits: number }>({
  id: "physio-abroad.payment-proof.tolerance",
  description:
    "A payment proves an invoice paid when it is in the invoice's currency, dated on or after the invoice date, and its amount differs from the invoice total by no more than the larger of `percent` of the total and `minimumUnits` whole units of the currency (bank fees, rounding to whole units).",
  unit: "percent, and whole units of the invoice currency",
  legalBasis: "folketrygdloven § 5-24 a and § 21-3 (the claimant documents the expense); Helfo's list of documents (seed 004)",
  lastReviewedOn: "2026-12-06",
  values: {
    "2011-01-01": { value: { percent: 1, minimumUnits: 1 }, reference: SEED_004, confidence: "U", note: "Our own tolerance: no published figure was found." },
  },
});
