/**
 * The risk signals kept claim by claim (issue 20, part 7: each claim moves its subjects' metrics by
 * the difference, inside its own transaction) give the same rows as a full recompute from
 * claim_lines: after a year of claims from three providers sent one by one and in small batches,
 * with the cases that change a metric other than by adding to it — patients reaching their frikort
 * (the frikort ratio), a series' first takster (the most common pattern, also when a second
 * therapist's series makes the provider's pattern shorter again), full working days, early and late
 * treatments, weekends and holidays, overlapping treatments and treatments after death (rejected),
 * repeated examinations (held) — every running row and every subject is what the recompute makes.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { persons, providers } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { orgnrOf } from "~/kernel/orgnr";
import type { Fnr, IsoDate } from "~/kernel/types";
import type { Claim } from "~/schemas/claims";
import { submitClaims } from "~/services/claims.server";
import { rankedRisk, recomputeRiskSignals } from "~/services/risk-signals.server";
import { openTestDatabase } from "../support/db";

const TODAY: IsoDate = "2026-12-01";
const ORGS = ["974600951", "983974724", "916577095"].map(orgnrOf);
let database: Database;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
}, 60_000);
afterAll(async () => {
  await cleanup?.();
});

/** A small deterministic generator (the same claims on every run). */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const iso = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10) as IsoDate;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

async function snapshot(db: Database["db"]) {
  const rows = async (q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as { rows: unknown[] };
  return {
    series: (await rows(sql`select * from risk_series order by provider_orgnr, therapist_hpr, person_id`)).rows,
    days: (await rows(sql`select * from risk_days order by provider_orgnr, therapist_hpr, service_date`)).rows,
    takst: (await rows(sql`select * from risk_takst order by provider_orgnr, therapist_hpr, takst`)).rows,
    // A pattern whose count went back to 0 keeps its row; the recompute has none.
    patterns: (await rows(sql`select * from risk_patterns where patients > 0 order by provider_orgnr, therapist_hpr, takst_pattern`)).rows,
    subjects: (
      await rows(sql`select provider_orgnr, therapist_hpr, lines, patients, refusjon_ore, metrics, takst_refusjon, frikort_ratio_sum::text as frikort_ratio_sum
        from risk_subjects order by provider_orgnr, therapist_hpr`)
    ).rows,
  };
}

describe("risk signals kept claim by claim", () => {
  // Shared by the two tests below, which run in order (each under a minute on a loaded two-core machine: a single test
  // over 60 s made vitest's worker miss its RPC deadline): the claims sent, and the rows of the full recompute.
  const rand = prng(20);
  const pending: Array<{ orgnr: string; claim: Claim }> = [];
  const fnrs: Fnr[] = [];
  let therapists: Array<Array<{ hprNumber: string; name: string }>> = [];
  let seq = 0;
  let full: Awaited<ReturnType<typeof snapshot>> | undefined;
  const claim = (p: number, t: number, patient: number, takst: string, date: IsoDate, minute: number, minutes = 40): void => {
    pending.push({
      orgnr: ORGS[p]!,
      claim: {
        claimId: `d-${++seq}`,
        fnr: fnrs[patient]!,
        therapist: therapists[p]![t]!,
        paid: true,
        lines: [{ takst, date, startTime: hhmm(minute), minutes, groupSize: null }],
      },
    });
  };
  const flush = async () => {
    // One provider's claims at a time, in batches of 1–4 (a batch is one transaction, as through the API).
    while (pending.length) {
      const orgnr = pending[0]!.orgnr;
      const n = 1 + Math.floor(rand() * 4);
      const batch: Claim[] = [];
      while (batch.length < n && pending.length && pending[0]!.orgnr === orgnr) batch.push(pending.shift()!.claim);
      const answers = await submitClaims(database.db, orgnr, batch, TODAY);
      expect(answers.every((a) => a.status === 201)).toBe(true);
    }
  };

  /** The claims of days [from, to), sent as they come (a week at a time, and a full day in three transactions). */
  const sendDays = async (from: number, to: number) => {
    for (let day = from; day < to; day++) {
      const date = iso(day);
      // Patient 1 at provider 1 has had five treatments and more; a third therapist's first is an examination (A1a sorts
      // first): the provider's pattern for the patient becomes this shorter one, so a pattern's count goes down.
      if (day === 200) claim(1, 2, 1, "A1a", date, 7 * 60, 30);
      // A full working day for provider 0's therapist 2 (ten treatments back to back), once a month.
      // Then, in later transactions, an eleventh right after (still full) and a twelfth after a gap (no longer full).
      if (day % 30 === 10) {
        for (let k = 0; k < 10; k++) claim(0, 2, k, "A2b", date, 8 * 60 + 30 * k, 30);
        await flush();
        claim(0, 2, 10, "A2b", date, 13 * 60, 30);
        await flush();
        if (day % 60 === 10) claim(0, 2, 11, "A2b", date, 15 * 60, 30);
      }
      for (let patient = 0; patient < fnrs.length; patient++) {
        if (rand() > 0.32) continue;
        const p = patient % 3;
        const t = Math.floor(rand() * 2);
        const r = rand();
        const takst = r < 0.08 ? "A1a" : r < 0.5 ? "A2b" : "A2c";
        // Mostly ordinary hours, some early or late; now and then the slot of another patient (overlap: rejected).
        const minute = rand() < 0.1 ? 6 * 60 : rand() < 0.1 ? 21 * 60 : 8 * 60 + 45 * Math.floor(rand() * 12);
        claim(p, t, patient, takst, date, minute, takst === "A2b" ? 30 : 40);
        if (rand() < 0.03) claim(p, t, (patient + 1) % fnrs.length, "A2b", date, minute, 30);
      }
      if (day % 7 === 6) await flush();
    }
    await flush();
  };

  it("are kept claim by claim through the first months' claims", async () => {
    const { db } = database;
    await db.insert(providers).values(ORGS.map((orgnr, i) => ({ orgnr, name: `Delta fysioterapi ${i + 1}` })));
    for (let i = 0; fnrs.length < 14; i++) {
      const fnr = generateFnr(`1961-03-${String(10 + (i % 15)).padStart(2, "0")}` as IsoDate, 100 + i * 3);
      if (fnr) fnrs.push(fnr);
    }
    await db.insert(persons).values(
      fnrs.map((fnr, i) => ({
        fnr,
        name: `Pasient ${i}`,
        birthDate: `1961-03-${fnr.slice(0, 2)}` as IsoDate,
        // One patient dies in the summer: the later claims for them are rejected.
        diedOn: i === 13 ? ("2026-07-01" as IsoDate) : null,
      })),
    );
    // Provider 0's third therapist has the full days; provider 1's third sees one patient once (below).
    therapists = ORGS.map((_o, p) => [0, 1, 2].slice(0, p === 2 ? 2 : 3).map((t) => ({ hprNumber: String(9300000 + p * 10 + t), name: `Terapeut ${p}-${t}` })));

    await sendDays(4, 130);
  }, 300_000);

  it("… with the claims of the rest of the year", async () => {
    await sendDays(130, 250);
  }, 300_000);

  it("… and give the same rows and ranked list as a full recompute", async () => {
    const { db } = database;

    const incremental = await snapshot(db);
    const rankedBefore = await rankedRisk(db, "provider", TODAY);
    const metrics = incremental.subjects.map((s) => (s as { metrics: Record<string, unknown> }).metrics);
    // The cases the claims were made to contain did occur.
    const sum = (k: string) => metrics.reduce((n, m) => n + Number(typeof m === "string" ? JSON.parse(m)[k] : m[k]), 0);
    const third = (await db.execute(sql`select takst_pattern from risk_series where provider_orgnr = ${ORGS[1]} and therapist_hpr = '9300012'`)) as unknown as {
      rows: Array<{ takst_pattern: string[] }>;
    };
    expect(third.rows.map((r) => r.takst_pattern)).toEqual([["A1a"]]);
    for (const k of ["frikortPatients", "patternPatients", "fullDays", "earlyLate", "offDayLines", "overlap", "afterDeath", "examinationsHeld"])
      expect(sum(k), k).toBeGreaterThan(0);

    await recomputeRiskSignals(db, TODAY);
    full = await snapshot(db);
    expect(incremental.series).toEqual(full.series);
    expect(incremental.days).toEqual(full.days);
    expect(incremental.takst).toEqual(full.takst);
    expect(incremental.patterns).toEqual(full.patterns);
    expect(incremental.subjects).toEqual(full.subjects);
    const strip = (xs: typeof rankedBefore) => xs.map((x) => ({ p: x.providerOrgnr, score: x.score }));
    expect(strip(rankedBefore)).toEqual(strip(await rankedRisk(db, "provider", TODAY)));
  }, 300_000);

  it("give the same rows recomputed over one connection or three, and with claims arriving while it runs", async () => {
    const { db } = database;
    expect(full).toBeDefined();
    // On a server the recompute is split over connections, each group of providers in its own transaction:
    // one connection or three give the same rows ...
    await recomputeRiskSignals(db, TODAY, { parallel: 1 });
    expect(await snapshot(db)).toEqual(full);
    await recomputeRiskSignals(db, TODAY, { parallel: 3 });
    expect(await snapshot(db)).toEqual(full);
    // ... and claims that arrive while it runs are neither lost nor counted twice: a claim for a provider
    // whose group is being rebuilt waits for it and then adds its deltas.
    for (let day = 300; day < 330; day++)
      for (let patient = 0; patient < 12; patient++) if (rand() < 0.4) claim(patient % 3, patient % 2, patient, "A2c", iso(day), 8 * 60 + 45 * (patient % 10));
    const arriving = pending.length;
    expect(arriving).toBeGreaterThan(20);
    await Promise.all([recomputeRiskSignals(db, TODAY, { parallel: 2 }), flush()]);
    const during = await snapshot(db);
    await recomputeRiskSignals(db, TODAY);
    const after = await snapshot(db);
    expect(during).toEqual(after);
    expect(after.series).not.toEqual(full!.series);
  }, 300_000);
});
