/**
 * The one-time fill of the risk signals (app/jobs/risk-signals.server.ts): a database with claims whose
 * signals were never computed, or whose running tables were filled before migration 0023 (no pattern
 * rows), gets one full recompute from a working job runner at start; a database that is current gets none.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { generateSyntheticPopulation } from "~/domain/synthetic-claims";
import { RISK_RECOMPUTE_QUEUE } from "~/jobs/risk-signals.server";
import type { IsoDate } from "~/kernel/types";
import { insertSyntheticPopulation } from "~/models/synthetic-claims.server";
import { recomputeRiskSignals, riskSignalsNeedFill } from "~/services/risk-signals.server";
import { openTestDatabase } from "../support/db";
import { startTestRunner } from "../support/job-runner";

const TODAY = "2026-12-06" as IsoDate;
let database: Database;
let url: string | null;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ database, url, cleanup } = await openTestDatabase());
  await insertSyntheticPopulation(
    database.db,
    generateSyntheticPopulation({ seed: 7, today: TODAY, years: 1, ordinaryProviders: 3, patientsPerTherapist: [6, 8], planted: false }),
    { referencePrefix: "FILL" },
  );
}, 120_000);
afterAll(async () => {
  await cleanup?.();
});

const count = async (table: string) =>
  Number(((await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);

const startRunner = () => startTestRunner(database, url, { riskRecompute: { cron: null, pollingIntervalSeconds: 0.5 } });

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the risk signals' one-time fill", () => {
  it("recomputes claims that have no signals yet, once, when a working runner starts", async () => {
    expect(await count("claim_lines")).toBeGreaterThan(100);
    expect(await count("risk_subjects")).toBe(0);
    expect(await riskSignalsNeedFill(database.db)).toBe(true);
    const runner = await startRunner();
    try {
      await until(async () => (await count("risk_subjects")) > 0 && !(await riskSignalsNeedFill(database.db)), "the fill");
    } finally {
      await runner.stop({ graceful: true });
    }
    const filled = await count("risk_series");
    await recomputeRiskSignals(database.db, TODAY);
    expect(await count("risk_series")).toBe(filled);
  }, 120_000);

  it("recomputes tables filled before migration 0023 (series with patterns but no pattern rows)", async () => {
    expect(await count("risk_patterns")).toBeGreaterThan(0);
    const patterns = await count("risk_patterns");
    await database.db.execute(sql`delete from risk_patterns`);
    expect(await riskSignalsNeedFill(database.db)).toBe(true);
    const runner = await startRunner();
    try {
      await until(async () => (await count("risk_patterns")) === patterns, "the pattern rows");
    } finally {
      await runner.stop({ graceful: true });
    }
  }, 120_000);

  it("sends nothing when the signals are current", async () => {
    expect(await riskSignalsNeedFill(database.db)).toBe(false);
    const runner = await startRunner();
    try {
      const jobs = await database.query<{ n: number }>("select count(*)::int as n from pgboss.job where name = $1 and state in ('created', 'retry', 'active')", [
        RISK_RECOMPUTE_QUEUE,
      ]);
      expect(jobs[0]!.n).toBe(0);
    } finally {
      await runner.stop({ graceful: true });
    }
  }, 120_000);
});
