import { describe, expect, it } from "vitest";
import { estimateRefund } from "~/domain/refund-estimate";
import { residentRule } from "~/routes/citizen/abroad/resident-rules";

const estimate = (currency: string, date: string) =>
  estimateRefund({
    currency,
    paymentDate: date,
    birthDate: "1980-01-01",
    yrkesskade: false,
    lines: [{ date, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }],
  });

describe("what a resident reads under 'Slik har vi regnet' about the exchange rate", () => {
  it("the rate-date rule and the rate are plain data for a sentence, with no internal note or reference", () => {
    const rules = estimate("EUR", "2019-04-22").appliedRules.map(residentRule);
    const rateDate = rules.find((r) => r.kind === "rate-date");
    expect(rateDate).toMatchObject({ value: "payment-date", parameterId: "", reference: "" });
    const rate = rules.find((r) => r.kind === "rate");
    expect(rate).toMatchObject({ validFrom: "2019-04-17", rate: { value: "9.5778", per: "1", currency: "EUR" }, parameterId: "", reference: "" });
    // what is shown (the React key is not)
    const sent = JSON.stringify(rules.filter((r) => r.kind !== "other").map(({ key: _key, ...shown }) => shown));
    for (const internal of ["rules-research", "issue 5", "open question", "physio-abroad.rate-date-rule", "norges-bank.exr", "frefrik", ".md"]) {
      expect(sent).not.toContain(internal);
    }
  });

  it("a per-100 currency keeps Norges Bank's unit", () => {
    const rate = estimate("SEK", "2023-09-15")
      .appliedRules.map(residentRule)
      .find((r) => r.kind === "rate");
    expect(rate?.rate).toEqual({ value: "96.2", per: "100", currency: "SEK" });
  });
});
