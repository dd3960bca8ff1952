/**
 * Risk signals over the demo's synthetic population (issue 20, parts 4 and 6): each provider
 * planted with one of seed 000's patterns is at the top for its signal and flagged by it, no
 * ordinary provider is flagged by any signal, and a claim through the API updates its provider's
 * signals at once (incremental), the same as a full recompute.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { persons, providers } from "~/db/schema";
import { rankBySignal, rankRisk, type ScoredSubject, signalRulesAt } from "~/domain/risk-signals";
import { DEMO_POPULATION } from "~/db/demo-data";
import type { SyntheticPopulation } from "~/domain/synthetic-claims";
import { generateFnr } from "~/kernel/fnr";
import { loadRiskSubjects } from "~/models/risk-signals.server";
import { RISK_SIGNAL_IDS } from "~/rules/parameters/risk-signals";
import { submitClaims } from "~/services/claims.server";
import { rankedRisk, recomputeRiskSignals, seedSyntheticClaims, signalDetail } from "~/services/risk-signals.server";
import { openTestDatabase } from "../support/db";
import type { Fnr } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

const TODAY = DEMO_POPULATION.today;
let database: Database;
let cleanup: () => Promise<void>;
let pop: SyntheticPopulation;
let ranked: ScoredSubject[];

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  pop = await seedSyntheticClaims(database.db, DEMO_POPULATION);
  ranked = await rankedRisk(database.db, "provider", TODAY);
}, 180_000);
afterAll(async () => {
  await cleanup?.();
});

const part = (s: ScoredSubject, signal: string) => s.parts.find((p) => p.signal === signal)!;

describe("the planted providers", () => {
  it("has one planted provider per signal", () => {
    expect(pop.providers.filter((p) => p.planted).map((p) => p.planted)).toEqual([...RISK_SIGNAL_IDS]);
  });

  for (const signal of RISK_SIGNAL_IDS) {
    it(`${signal}: the planted provider is in the top 3 for it and flagged by it`, () => {
      const planted = pop.providers.find((p) => p.planted === signal)!;
      const top3 = rankBySignal(ranked, signal)
        .slice(0, 3)
        .map((s) => s.providerOrgnr);
      expect(top3).toContain(planted.orgnr);
      const s = ranked.find((x) => x.providerOrgnr === planted.orgnr)!;
      expect(part(s, signal).part).toBeGreaterThan(0);
    });
  }

  it("flags no ordinary provider by any signal, and ranks every planted provider above every ordinary one", () => {
    const ordinary = new Set(pop.providers.filter((p) => !p.planted).map((p) => p.orgnr));
    const flagged = ranked.filter((s) => ordinary.has(s.providerOrgnr) && s.score > 0);
    expect(flagged.map((s) => `${s.providerOrgnr}: ${s.parts.filter((p) => p.part > 0).map((p) => p.signal)}`)).toEqual([]);
    const firstOrdinary = ranked.findIndex((s) => ordinary.has(s.providerOrgnr));
    expect(firstOrdinary).toBe(RISK_SIGNAL_IDS.length);
  });

  it("ranks the planted therapists likewise among therapists", async () => {
    const therapists = await rankedRisk(database.db, "therapist", TODAY);
    for (const signal of RISK_SIGNAL_IDS) {
      const planted = pop.providers.find((p) => p.planted === signal)!;
      const top3 = rankBySignal(therapists, signal).slice(0, 3);
      expect(
        top3.map((s) => s.therapistHpr),
        signal,
      ).toContain(planted.therapists[0]!.hprNumber);
    }
  });
});

describe("the rows behind a signal", () => {
  it("shows the patient with 614 of 615 working days first, and writes an audit row per claim shown", async () => {
    const planted = pop.providers.find((p) => p.planted === "long-series-patient")!;
    const before = await database.db.execute(sql`select count(*)::int as n from staff_audit_log`);
    const d = await signalDetail(database.db, { ident: "Z990002", unit: "control" }, { providerOrgnr: planted.orgnr, therapistHpr: null }, "long-series-patient", TODAY);
    expect(d.rows.kind).toBe("series");
    if (d.rows.kind !== "series") return;
    expect(d.rows.rows[0]!.lines).toBe(614);
    const after = await database.db.execute(sql`select count(*)::int as n from staff_audit_log`);
    const n = (r: unknown) => Number((r as { rows: Array<{ n: number }> }).rows[0]!.n);
    expect(n(after) - n(before)).toBe(d.rows.rows.length);
    expect(d.hourWeekday.reduce((s, x) => s + x.n, 0)).toBeGreaterThan(614);
  });
});

describe("incremental update", () => {
  it("a new claim through the API updates its provider's metrics, the same as a full recompute", async () => {
    const orgnr = orgnrOf("987654325");
    await database.db.insert(providers).values({ orgnr, name: "Inkrementell fysioterapi AS" }).onConflictDoNothing();
    let fnr: Fnr | null = null;
    for (let i = 123; !fnr; i++) fnr = generateFnr("1970-05-05", i);
    await database.db.insert(persons).values({ fnr, name: "Inge Inkrement", birthDate: "1970-05-05" }).onConflictDoNothing();
    const therapist = { hprNumber: "9100001", name: "Tea Terapeut" };
    const answers = await submitClaims(
      database.db,
      orgnr,
      [
        { claimId: "inc-1", fnr, therapist, paid: true, lines: [{ takst: "A1a", date: "2026-11-02", startTime: "06:00", minutes: 30, groupSize: null }] },
        { claimId: "inc-2", fnr, therapist, paid: true, lines: [{ takst: "A2c", date: "2026-11-07", startTime: "10:00", minutes: 40, groupSize: null }] },
      ],
      TODAY,
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const incremental = (await loadRiskSubjects(database.db)).filter((r) => r.providerOrgnr === orgnr);
    expect(incremental.find((r) => r.therapistHpr === "")!.raw).toMatchObject({ lines: 2, patients: 1, earlyLate: 1, offDayLines: 1, maxSeries: 2 });
    await recomputeRiskSignals(database.db, TODAY);
    const full = (await loadRiskSubjects(database.db)).filter((r) => r.providerOrgnr === orgnr);
    const strip = (rows: typeof full) => rows.map((r) => ({ h: r.therapistHpr, raw: r.raw, t: r.takstRefusjon })).sort((a, b) => a.h.localeCompare(b.h));
    expect(strip(incremental)).toEqual(strip(full));
    // The whole ranking is unchanged by the recompute (the population's percentiles came from the same rows).
    expect(rankRisk(await loadRiskSubjects(database.db), signalRulesAt(TODAY), "provider").length).toBe(ranked.length + 1);
  });
});
