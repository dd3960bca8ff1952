/** A job runner for database tests: polls every half second, no sweeps, only the scheduled jobs a test names. */
import type { Database } from "~/db/client.server";
import { JobRunner, type JobRunnerOptions } from "~/jobs/runner.server";

export async function startTestRunner(database: Database, url: string | null, jobs: Pick<JobRunnerOptions, "ratesImport" | "riskRecompute" | "setOff">): Promise<JobRunner> {
  const runner = new JobRunner({
    connectionString: url ?? undefined,
    pollingIntervalSeconds: 0.5,
    sweepAfterSeconds: 0,
    stopTimeoutMs: 5000,
    register: false,
    ratesImport: null,
    riskRecompute: null,
    setOff: null,
    ...jobs,
  });
  await runner.start(database);
  return runner;
}
