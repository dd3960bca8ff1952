/**
 * The daily exchange-rate import as a pg-boss schedule (issue 18 item 2, docs/decisions/0016-exchange-rates.md).
 * pg-boss sends one job per cron tick (Europe/Oslo) whichever process ticks; any working runner takes it.
 * A failed import (Norges Bank down, a malformed answer) throws: pg-boss retries it with backoff, and
 * the stored rates stay as they were. The next day's run fetches from before the covered date, so a day
 * whose retries all failed is caught up.
 */
import type PgBoss from "pg-boss";
import type { Db } from "~/db/client.server";
import { type EnsureQueue, startScheduledJob } from "./daily-job.server";
import { importLatestRates } from "~/services/exchange-rates.server";
import { todayOslo } from "~/utils/clock.server";
import { log } from "~/utils/log.server";

export const RATES_QUEUE = "import-exchange-rates";

export interface RatesImportOptions {
  /** Cron, five fields, Europe/Oslo (RATES_IMPORT_SCHEDULE). */
  cron: string;
  /** NORGES_BANK_API_URL. */
  baseUrl: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How often an idle worker looks for the job (default 30 s: it runs once a day). */
  pollingIntervalSeconds?: number;
  /** Tests: a fetch that replays Norges Bank. */
  fetch?: typeof fetch;
}

/** Creates the queue, schedules it and works it (call once per working runner). */
export async function startRatesImport(boss: PgBoss, db: Db, opts: RatesImportOptions, ensureQueue: EnsureQueue): Promise<void> {
  await startScheduledJob(boss, ensureQueue, {
    queue: RATES_QUEUE,
    cron: opts.cron,
    retryLimit: opts.retryLimit ?? 6,
    retryDelaySeconds: opts.retryDelaySeconds ?? 300,
    expireInSeconds: 15 * 60,
    pollingIntervalSeconds: opts.pollingIntervalSeconds,
    run: async () => {
      const result = await importLatestRates(db, { baseUrl: opts.baseUrl, today: todayOslo(), trigger: "schedule", ...(opts.fetch ? { fetch: opts.fetch } : {}) });
      log.info("scheduled exchange-rate import done", { coveredThrough: result.coveredThrough, changed: result.changed });
    },
  });
}
