/**
 * The risk signals' scoring (issue 20, part 4): the threshold is the population's percentile (never
 * below the rule's floor), a part is weight × value/threshold up to the cap, a subject without
 * support is not measured, and the score is the sum of its parts.
 */
import { describe, expect, it } from "vitest";
import { lineControlFlags, percentile, type RawRiskMetrics, rankRisk, scoreSubjects, signalRulesAt, type SubjectMetricsRow } from "~/domain/risk-signals";
import { generateSyntheticPopulation } from "~/domain/synthetic-claims";
import { isNorwegianPublicHoliday, norwegianPublicHolidays } from "~/domain/norwegian-holidays";
import { RISK_SIGNAL_IDS, RISK_SIGNAL_RULES } from "~/rules/parameters/risk-signals";
import type { IsoDate } from "~/kernel/types";
import { ZERO_METRICS } from "~/domain/risk-deltas";

const ZERO: RawRiskMetrics = { ...ZERO_METRICS };

function subject(orgnr: string, m: Partial<RawRiskMetrics>, takst: Record<string, number> = {}): SubjectMetricsRow {
  return { providerOrgnr: orgnr, therapistHpr: "", providerName: null, therapistName: null, raw: { ...ZERO, lines: 100, patients: 10, days: 50, ...m }, takstRefusjon: takst };
}

const RULES = signalRulesAt("2026-12-06");

describe("percentile", () => {
  it("interpolates between neighbours like percentile_cont", () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([0, 10], 0.99)).toBeCloseTo(9.9);
    expect(percentile([], 0.99)).toBe(0);
  });
});

describe("scoring", () => {
  const ordinary = Array.from({ length: 99 }, (_, i) => subject(`9${String(i).padStart(8, "0")}`, { earlyLate: i % 3 }));

  it("early-late: a provider with 40 % early or late treatments is over the 99th percentile and gets weight × value/threshold, capped", () => {
    const odd = subject("999999999", { earlyLate: 40 });
    const scored = scoreSubjects([...ordinary, odd], RULES);
    const top = scored[0]!;
    expect(top.providerOrgnr).toBe("999999999");
    const p = top.parts.find((x) => x.signal === "early-late")!;
    // The population's 99th percentile of the shares (0, 0.01, 0.02, …, 0.4) is below the floor 0.05, so the floor is the threshold.
    expect(p.threshold).toBe(0.05);
    expect(p.value).toBeCloseTo(0.4);
    expect(p.part).toBe(RULES["early-late"].weight * RULES["early-late"].cap);
    expect(top.score).toBe(top.parts.reduce((s, x) => s + x.part, 0));
  });

  it("an ordinary population flags no one: every value is under the floor", () => {
    expect(scoreSubjects(ordinary, RULES).filter((s) => s.score > 0)).toEqual([]);
  });

  it("after-death: any claim after the patient's death is a signal (floor 1)", () => {
    const scored = scoreSubjects([...ordinary, subject("999999999", { afterDeath: 1 })], RULES);
    expect(scored[0]!.parts.find((x) => x.signal === "after-death")!.part).toBe(RULES["after-death"].weight);
  });

  it("many-patients-short-series: a provider with fewer patients than the minimum support is not measured", () => {
    const scored = scoreSubjects([...ordinary, subject("999999999", { patients: 5, shortPatients: 5 })], RULES);
    const p = scored.find((s) => s.providerOrgnr === "999999999")!.parts.find((x) => x.signal === "many-patients-short-series")!;
    expect(p).toMatchObject({ eligible: false, part: 0, value: 1 });
  });

  it("refund-takst: the takst where refusjon is highest against that takst's own percentile counts", () => {
    const pop = ordinary.map((s, i) => ({ ...s, takstRefusjon: { A2c: 30_000_00 + i * 100, A2e: 5_000_00 } }));
    const odd = subject("999999999", {}, { A2c: 30_000_00, A2e: 90_000_00 });
    const p = scoreSubjects([...pop, odd], RULES)
      .find((s) => s.providerOrgnr === "999999999")!
      .parts.find((x) => x.signal === "refund-takst")!;
    expect(p.takst).toBe("A2e");
    expect(p.part).toBeGreaterThan(0);
  });

  it("providers and therapists are ranked each among their own level", () => {
    const rows = [subject("999999999", { afterDeath: 2 }), { ...subject("999999999", { afterDeath: 2 }), therapistHpr: "9100001" }];
    expect(rankRisk(rows, RULES, "provider").map((s) => s.therapistHpr)).toEqual([""]);
    expect(rankRisk(rows, RULES, "therapist").map((s) => s.therapistHpr)).toEqual(["9100001"]);
  });
});

describe("the rules", () => {
  it("every signal has a rule that says no published threshold exists (confidence U)", () => {
    for (const id of RISK_SIGNAL_IDS) {
      const v = RISK_SIGNAL_RULES[id].values[0]!;
      expect(v.confidence, id).toBe("U");
      expect(v.note, id).toMatch(/no published threshold exists/);
    }
  });
});

describe("control flags", () => {
  it("reads overlap, death and examination holds from the stored control results", () => {
    expect(lineControlFlags("avvist", [{ rule: "claim.overlap", result: "avvist" }])).toEqual({ overlap: true, afterDeath: false, examinationsHeld: false });
    expect(lineControlFlags("til-kontroll", [{ rule: "claim.examination-interval", result: "til-kontroll" }]).examinationsHeld).toBe(true);
    expect(lineControlFlags("godkjent", [{ rule: "claim.overlap", result: "ok" }]).overlap).toBe(false);
  });
});

describe("Norwegian public holidays", () => {
  it("has Easter, Ascension and Whit Monday where they fall, and 17 May", () => {
    expect(norwegianPublicHolidays(2025)).toEqual([
      "2025-01-01",
      "2025-04-17",
      "2025-04-18",
      "2025-04-20",
      "2025-04-21",
      "2025-05-01",
      "2025-05-17",
      "2025-05-29",
      "2025-06-08",
      "2025-06-09",
      "2025-12-25",
      "2025-12-26",
    ]);
    expect(isNorwegianPublicHoliday("2024-03-28")).toBe(true); // Skjærtorsdag 2024
    expect(isNorwegianPublicHoliday("2025-12-24")).toBe(false); // Julaften is not a public holiday
  });
});

describe("the synthetic population", () => {
  const o = { seed: 7, today: "2026-12-06" as IsoDate, years: 3, ordinaryProviders: 5, patientsPerTherapist: [5, 8] as [number, number], planted: true };
  it("is the same for the same seed, and has the patient billed on 614 of 615 working days", () => {
    const a = generateSyntheticPopulation(o);
    const b = generateSyntheticPopulation(o);
    expect(a.lines.length).toBe(b.lines.length);
    expect(a.lines.slice(0, 50)).toEqual(b.lines.slice(0, 50));
    const planted = a.providers.find((p) => p.planted === "long-series-patient")!;
    const perPatient = new Map<number, number>();
    for (const l of a.lines) if (l.providerOrgnr === planted.orgnr) perPatient.set(l.personKey, (perPatient.get(l.personKey) ?? 0) + 1);
    expect(Math.max(...perPatient.values())).toBe(614);
    expect(new Set(a.persons.map((p) => p.fnr)).size).toBe(a.persons.length);
  });
  it("bills four examinations on consecutive working days for the examinations pattern, the last three held", () => {
    const a = generateSyntheticPopulation(o);
    const planted = a.providers.find((p) => p.planted === "examinations-in-a-row")!;
    const held = a.lines.filter((l) => l.providerOrgnr === planted.orgnr && l.takst === "A1a" && l.outcome === "til-kontroll");
    expect(held.length).toBe(12);
  });
});
