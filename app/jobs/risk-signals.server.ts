/**
 * The full recompute of the risk signals as a pg-boss job (issue 20 part 7, ADR 0021).
 * - Once, when a database needs it: claims whose signals were never computed, or running tables filled
 *   before migration 0023 (which added risk_patterns and the frikort ratio's exact sum that a claim's
 *   deltas need). A working runner checks at start and sends one job; any working runner takes it.
 * - Nightly, where RISK_RECOMPUTE_SCHEDULE (or the production default) sets a cron: a repair that puts
 *   every figure back to what the claims say, should a delta ever have gone wrong.
 * The recompute replaces one group of providers at a time under their locks, so claims go on meanwhile.
 */
import type PgBoss from "pg-boss";
import type { Db } from "~/db/client.server";
import { type EnsureQueue, type ScheduleOptions, startScheduledJob } from "./daily-job.server";
import { recomputeRiskSignals, riskSignalsNeedFill } from "~/services/risk-signals.server";
import { todayOslo } from "~/utils/clock.server";
import { log } from "~/utils/log.server";

export const RISK_RECOMPUTE_QUEUE = "recompute-risk-signals";

/** cron null: no nightly run (the one-time fill still runs). */
export type RiskRecomputeOptions = ScheduleOptions;

export async function startRiskRecompute(boss: PgBoss, db: Db, opts: RiskRecomputeOptions, ensureQueue: EnsureQueue): Promise<void> {
  await startScheduledJob(boss, ensureQueue, {
    ...opts,
    queue: RISK_RECOMPUTE_QUEUE,
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 30 * 60,
    run: async () => {
      const started = Date.now();
      await recomputeRiskSignals(db, todayOslo());
      log.info("risk signals recomputed", { ms: Date.now() - started });
    },
  });
  if (await riskSignalsNeedFill(db)) {
    await boss.send(RISK_RECOMPUTE_QUEUE, { reason: "fill" });
    log.info("risk signals need a full recompute; job sent");
  }
}
