/**
 * The background worker: runs only the job runner (document reading) until SIGTERM/SIGINT.
 * Needs a PostgreSQL server (DATABASE_URL): the embedded PGlite database is one connection inside
 * the web process, so with PGlite the web process runs the jobs itself (the default).
 *
 *   DATABASE_URL=postgres://… npm run worker
 *   (and start the web processes with JOBS_IN_WEB=false)
 */
import { setting } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { runnerFromEnv } from "../app/jobs/runner.server";
import { log } from "../app/utils/log.server";

async function main() {
  const url = setting("DATABASE_URL");
  if (!url) {
    process.stderr.write(
      "worker: DATABASE_URL is not set.\n" +
        "The embedded PGlite database can only be used by one process, so a separate worker needs a PostgreSQL server.\n" +
        "With PGlite, leave JOBS_IN_WEB unset: the web process (npm start) runs the jobs itself.\n",
    );
    process.exit(2);
  }
  const database = await openDatabase({ kind: "postgres", url, max: 4 });
  // eslint-disable-next-line no-restricted-properties -- the environment is handed whole to the runner, which reads it through setting()
  const runner = runnerFromEnv(process.env, { work: true, register: false });
  await runner.start(database);
  log.info("worker running; stop with SIGTERM");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("worker stopping", { signal });
    runner
      .stop({ graceful: true })
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((err) => {
        log.error("worker shutdown failed", { err });
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err) => {
  log.error("worker failed to start", { err });
  process.exit(1);
});
