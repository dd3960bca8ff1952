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

/**
 * A bank statement line or card slip in NOK against an invoice in another currency (issue 18 item 8): the invoice total is
 * converted with Norges Bank's rate on the payment date (the rate rule of ADR 0016: the last published rate on or before it),
 * and the NOK amount matches when it is within this tolerance. A bank or card scheme converts at its own rate, a day or two
 * later, with a margin and sometimes a fee, so the NOK amount is rarely the mid-rate amount exactly. No published figure was
 * found for how close Helfo requires it to be: ours, confidence U.
 */
export const paymentConversionTolerance = defineParameter<{ percent: number; minimumNok: number }>({
  id: "physio-abroad.payment-proof.conversion-tolerance",
  description:
    "A payment in NOK proves an invoice in another currency paid when it differs from the invoice total converted at Norges Bank's rate on the payment date by no more than the larger of `percent` of the converted total and `minimumNok` kroner (the bank's own rate, margin and fees).",
  unit: "percent, and whole kroner",
  legalBasis: "folketrygdloven § 5-24 a and § 21-3 (the claimant documents the expense); Helfo's list of documents (seed 004)",
  lastReviewedOn: "2026-12-06",
  values: {
    "2011-01-01": {
      value: { percent: 3, minimumNok: 5 },
      reference: `${SEED_004}; the rate: Norges Bank, valutakurser (docs/decisions/0016-exchange-rates.md)`,
      confidence: "U",
      note: "Our own tolerance: no published figure was found. It allows a bank's or card scheme's rate a day or two after the payment date, with a margin of a few percent.",
    },
  },
});
