/**
 * Properties of the refund estimate (issue 18 item 12), over generated claims: never negative,
 * never above what was paid, never above the Norwegian price, the lines add up to the totals, and
 * the same claim in another currency at the same rate gives the same kroner.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateRefund, type RefundInput } from "~/domain/refund-estimate";
import { addDays } from "~/kernel/dates";
import { TREATMENT_FORMS } from "~/kernel/treatment-forms";
import type { IsoDate } from "~/kernel/types";
import { buildRateTable } from "~/domain/exchange-rates";

const FIRST = "2017-01-01";
const DAYS = 8 * 365; // 2017 … 2024, inside the embedded rates

const dateArb = fc.integer({ min: 0, max: DAYS - 1 }).map((n) => addDays(FIRST, n));

const lineArb = fc.record({
  back: fc.integer({ min: 0, max: 90 }),
  treatmentForm: fc.constantFrom(...TREATMENT_FORMS),
  durationMinutes: fc.option(fc.integer({ min: 1, max: 150 }), { nil: null }),
  minor: fc.integer({ min: 0, max: 2_000_000 }),
  count: fc.integer({ min: 1, max: 6 }),
  groupSize: fc.option(fc.integer({ min: 1, max: 14 }), { nil: null }),
  noDate: fc.boolean(),
});

const claimArb = fc.record({
  currency: fc.constantFrom("EUR", "SEK", "DKK", "PLN", "GBP", "NOK", "CHF", "ISK"),
  paymentDate: dateArb,
  birthDate: fc.option(
    fc.integer({ min: 0, max: 80 * 365 }).map((n) => addDays("1940-01-01", n)),
    { nil: null },
  ),
  yrkesskade: fc.boolean(),
  frikortOffset: fc.option(fc.integer({ min: 0, max: 364 }), { nil: null }),
  statedExemption: fc.constantFrom(null, "frikort", "other"),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
});

type Claim = typeof claimArb extends fc.Arbitrary<infer T> ? T : never;

function input(c: Claim, currency = c.currency): RefundInput {
  const year = Number(c.paymentDate.slice(0, 4));
  return {
    currency,
    paymentDate: c.paymentDate,
    birthDate: c.birthDate,
    yrkesskade: c.yrkesskade,
    statedExemption: c.statedExemption as RefundInput["statedExemption"],
    ...(c.frikortOffset === null ? {} : { frikortFrom: { [year]: addDays(`${year}-01-01`, c.frikortOffset) } }),
    lines: c.lines.map((l) => {
      const d: IsoDate = addDays(c.paymentDate, -l.back);
      return {
        date: l.noDate ? null : d < FIRST ? FIRST : d,
        treatmentForm: l.treatmentForm,
        durationMinutes: l.durationMinutes,
        amount: { minor: l.minor },
        count: l.count,
        groupSize: l.groupSize,
      };
    }),
  };
}

describe("refund estimate: properties over generated claims", () => {
  it("never negative, never above what was paid or the Norwegian price, and the lines add up to the totals", () => {
    fc.assert(
      fc.property(claimArb, (c) => {
        const e = estimateRefund(input(c));
        let refund = 0;
        let paid = 0;
        let price = 0;
        let egenandel = 0;
        for (const l of e.lines) {
          expect(l.refundOre).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(l.refundOre)).toBe(true);
          paid += l.paidOre ?? 0;
          if (l.status !== "covered") {
            expect(l.refundOre).toBe(0);
            continue;
          }
          expect(l.refundOre).toBeLessThanOrEqual(l.paidOre!);
          expect(l.refundOre).toBeLessThanOrEqual(l.norwegianPriceOre!);
          expect(l.egenandelDeductedOre).toBeLessThanOrEqual(l.egenandelOre!);
          refund += l.refundOre;
          price += l.norwegianPriceOre!;
          egenandel += l.egenandelDeductedOre;
        }
        expect(e.totals.refundOre).toBe(refund);
        expect(e.totals.paidOre).toBe(paid);
        expect(e.totals.norwegianPriceOre).toBe(price);
        expect(e.totals.egenandelDeductedOre).toBe(egenandel);
        expect(e.totals.refundOre).toBeLessThanOrEqual(e.totals.paidOre);
        expect(e.totals.coveredLines + e.totals.notCoveredLines + e.totals.notEstimatedLines).toBe(e.lines.length);
      }),
      { numRuns: 400 },
    );
  });

  it("the same claim in another currency at the same rate gives the same kroner (per-100 units included)", () => {
    fc.assert(
      fc.property(claimArb, fc.integer({ min: 1, max: 2_000_000 }), (c, rateTenThousandths) => {
        // one rate, published per 1 EUR and per 100 SEK, on the payment date
        const perUnit = `${Math.floor(rateTenThousandths / 10_000)}.${String(rateTenThousandths % 10_000).padStart(4, "0")}`;
        const per100 = `${Math.floor(rateTenThousandths / 100)}.${String(rateTenThousandths % 100).padStart(2, "0")}`;
        const rates = buildRateTable(
          [
            { currency: "EUR", date: c.paymentDate, value: perUnit, unitMultiplier: 0, sourceId: "t" },
            { currency: "SEK", date: c.paymentDate, value: per100, unitMultiplier: 2, sourceId: "t" },
          ],
          { t: { reference: "test", confidence: "C" } },
        );
        const eur = estimateRefund({ ...input(c, "EUR"), settings: { rates } });
        const sek = estimateRefund({ ...input(c, "SEK"), settings: { rates } });
        expect(sek.totals).toEqual(eur.totals);
        expect(sek.lines.map((l) => [l.status, l.paidOre, l.refundOre])).toEqual(eur.lines.map((l) => [l.status, l.paidOre, l.refundOre]));
      }),
      { numRuns: 200 },
    );
  });

  it("paying more never lowers the refund (the refund is monotone in the amount paid)", () => {
    fc.assert(
      fc.property(claimArb, fc.integer({ min: 0, max: 100_000 }), (c, extra) => {
        const more = { ...c, lines: c.lines.map((l) => ({ ...l, minor: l.minor + extra })) };
        const a = estimateRefund(input(c));
        const b = estimateRefund(input(more));
        expect(b.totals.refundOre).toBeGreaterThanOrEqual(a.totals.refundOre);
      }),
      { numRuns: 200 },
    );
  });
});
