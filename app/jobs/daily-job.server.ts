/**
 * A job that runs on a schedule (cron, Europe/Oslo) from its own pg-boss queue: the exchange-rate import,
 * the risk signals' recompute, the daily set-off. One waiting job at a time (singleton: a tick while one
 * waits adds nothing), retried with backoff, worked one at a time by every working runner.
 */
import type PgBoss from "pg-boss";

export type EnsureQueue = (boss: PgBoss, name: string, options: PgBoss.Queue) => Promise<void>;

/** When a job runs here, as a runner is told (from the settings, or by a test). */
export interface ScheduleOptions {
  /** Cron, five fields, Europe/Oslo; null: not scheduled here (a job sent to the queue is still worked). */
  cron: string | null;
  /** How often an idle worker looks for the job (default 30 s: it runs about once a day). */
  pollingIntervalSeconds?: number;
}

export interface ScheduledJob extends ScheduleOptions {
  queue: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  run: () => Promise<void>;
}

/** Creates the queue, schedules it and works it (call once per working runner). */
export async function startScheduledJob(boss: PgBoss, ensureQueue: EnsureQueue, job: ScheduledJob): Promise<void> {
  await ensureQueue(boss, job.queue, {
    name: job.queue,
    policy: "singleton",
    retryLimit: job.retryLimit,
    retryDelay: job.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: job.expireInSeconds,
  });
  if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: "Europe/Oslo" });
  await boss.work(job.queue, { batchSize: 1, pollingIntervalSeconds: job.pollingIntervalSeconds ?? 30 }, async ([one]) => {
    if (one) await job.run();
  });
}
