/**
 * The daily set-off of providers' due receivables against their later claims (issue 20 part 5,
 * ADR 0020 addendum 2), as a pg-boss job: where SET_OFF_SCHEDULE (or the production default) sets a
 * cron, a working runner sets off every provider with a receivable due by today. The controller's
 * "Motregn nå" does the same for one provider at once; both end in runSetOff, which locks the
 * provider's cases, so a scheduled run and a button, or two runners, cannot settle a balance twice.
 */
import type PgBoss from "pg-boss";
import type { Db } from "~/db/client.server";
import { type EnsureQueue, type ScheduleOptions, startScheduledJob } from "./daily-job.server";
import { runDueSetOffs } from "~/services/provider-receivables.server";
import { todayOslo } from "~/utils/clock.server";
import { log } from "~/utils/log.server";

export const SET_OFF_QUEUE = "control-set-off";

export type SetOffJobOptions = ScheduleOptions;

export async function startSetOffJob(boss: PgBoss, db: Db, opts: SetOffJobOptions, ensureQueue: EnsureQueue): Promise<void> {
  await startScheduledJob(boss, ensureQueue, {
    ...opts,
    queue: SET_OFF_QUEUE,
    retryLimit: 3,
    retryDelaySeconds: 300,
    expireInSeconds: 30 * 60,
    run: async () => {
      const run = await runDueSetOffs(db, todayOslo());
      log.info("daily set-off run", { providers: run.providers, setOffs: run.setOffs, totalOre: run.totalOre });
    },
  });
}
