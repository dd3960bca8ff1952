import { describe, expect, it } from "vitest";
import { estimateRefund, type RefundInput } from "~/domain/refund-estimate";
import { LANGS, translator } from "~/i18n";
import { residentRule, residentRuleText } from "~/routes/citizen/abroad/resident-rules";
import { PUBLIC_SOURCES } from "~/rules/public-sources";
import type { IsoDate } from "~/kernel/types";

const estimate = (currency: string, date: IsoDate, extra: Partial<RefundInput> = {}) =>
  estimateRefund({
    currency,
    paymentDate: date,
    birthDate: "1980-01-01",
    yrkesskade: false,
    lines: [{ date, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "50" }],
    ...extra,
  });

/** Internal notes, file names and research references that must never reach a resident's page. */
const INTERNAL =
  /rules-research|\.md\b|\.txt\b|\.csv\b|seeds\/|issue \d|open question|physio-abroad|norges-bank\.exr|fritak\.|register\.frikort|physio\.takst|frefrik|helsenett|spafo|revmatiker|gafysio|dinside|naaf|abcdocz|confidence|§\d|\bP\)|\bU\)|rate-date-rule|driftstilskudd-share-bp|TODO/i;

/** Estimates that between them use every kind of rule the estimate applies today. */
function everyKindOfRule() {
  return [
    estimate("EUR", "2019-04-22"), // rate date, rate on an earlier day (Easter), covered forms, takst, driftstilskudd share (uncertain)
    estimate("SEK", "2018-03-05", { birthDate: "2010-05-01" }), // child under 16, a per-100 rate, a takst estimated (uncertain), the 20/30/40/60/90-minute tiers (uncertain period)
    // 2022-10-03 below: 20 min + one started 10-minute block (the structure's change date is uncertain)
    estimate("NOK", "2023-09-15", { yrkesskade: true }), // approved occupational injury
    estimate("EUR", "2022-10-03", { frikortFrom: { 2022: "2022-06-01" } }), // frikort and the register's date
  ];
}

describe("what a resident reads under 'Slik har vi regnet'", () => {
  it("the rate-date rule and the rate are plain data for a sentence, with no internal note or reference", () => {
    const rules = estimate("EUR", "2019-04-22").appliedRules.map(residentRule);
    expect(rules.find((r) => r.kind === "rate-date")).toMatchObject({ vars: { rule: "payment-date" }, source: "norges-bank", uncertain: true });
    expect(rules.find((r) => r.kind === "rate")).toMatchObject({ validFrom: "2019-04-17", vars: { rate: "9.5778", per: "1", currency: "EUR" }, source: "norges-bank" });
  });

  it("a per-100 currency keeps Norges Bank's unit", () => {
    const rate = estimate("SEK", "2023-09-15")
      .appliedRules.map(residentRule)
      .find((r) => r.kind === "rate");
    expect(rate?.vars).toMatchObject({ rate: "96.2", per: "100", currency: "SEK" });
  });

  it("every rule the estimate applies has its own sentence and a public source (none falls back to the general one)", () => {
    const kinds = new Set(everyKindOfRule().flatMap((e) => e.appliedRules.map(residentRule).map((r) => r.kind)));
    expect([...kinds].sort()).toEqual([
      "child-age",
      "covered-forms",
      "driftstilskudd-share",
      "frikort",
      "frikort-date",
      "rate",
      "rate-date",
      "takst",
      "takst-block",
      "takst-structure",
      "yrkesskade",
    ]);
  });

  it("no internal note, file name or research reference reaches the page: every rendered string in nb, nn and en, and the data sent to the browser", () => {
    const rules = everyKindOfRule().flatMap((e) => e.appliedRules.map(residentRule));
    // what the loader sends (the React key aside)
    const sent = JSON.stringify(rules.map(({ key: _key, ...shown }) => shown));
    expect(sent).not.toMatch(INTERNAL);
    let uncertain = 0;
    for (const lang of LANGS) {
      const t = translator(lang);
      for (const r of rules) {
        const text = residentRuleText(r, t, lang);
        for (const s of [text.sentence, text.uncertain ?? "", text.source.label]) {
          expect(s, `${lang} ${r.kind}`).not.toMatch(INTERNAL);
          expect(s, `${lang} ${r.kind}: an untranslated key`).not.toMatch(/abroad\.|\{\w+\}/);
        }
        expect(text.sentence.length).toBeGreaterThan(10);
        expect(Object.values(PUBLIC_SOURCES)).toContain(text.source.href);
        expect(text.source.href).toMatch(/^https:\/\/(lovdata\.no|helfo\.no|www\.helsedirektoratet\.no|www\.helsenorge\.no|www\.norges-bank\.no)\//);
        if (r.uncertain) {
          uncertain++;
          expect(text.uncertain, `${lang} ${r.kind}`).toMatch(lang === "en" ? /uncertain/ : /usikkert/);
        } else expect(text.uncertain).toBeNull();
      }
    }
    expect(uncertain).toBeGreaterThan(0);
  });

  it("the sentence carries the figures in the resident's language", () => {
    const takst = estimate("EUR", "2019-04-22")
      .appliedRules.map(residentRule)
      .find((r) => r.kind === "takst")!;
    const nb = residentRuleText(takst, translator("nb"), "nb").sentence;
    const en = residentRuleText(takst, translator("en"), "en").sentence;
    expect(nb).toMatch(new RegExp(`^Norsk takst ${takst.vars.code} fra .*: fysioterapeuten får ${String(takst.vars.honorar).replace(".", ",")} kr`));
    expect(en).toMatch(new RegExp(`^Norwegian fee code ${takst.vars.code} from .*: the physiotherapist is paid ${String(takst.vars.honorar).replace(".", "\\.")} kr`));
  });
});
