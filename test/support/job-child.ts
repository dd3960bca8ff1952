/**
 * A worker process for test/db/jobs-crash.test.ts: opens the database named in the environment (JOB_CHILD_PGLITE_DIR or
 * DATABASE_URL), runs the document jobs, and prints "claimed <id>" when it starts reading one, so the test can kill -9 it
 * mid-OCR. The document was stored by the test and is enqueued by the sweep.
 */
import { openDatabase } from "~/db/client.server";
import { JobRunner } from "~/jobs/runner.server";

const dir = process.env.JOB_CHILD_PGLITE_DIR;
const url = process.env.DATABASE_URL;
const database = await openDatabase(dir ? { kind: "pglite", dataDir: dir } : { kind: "postgres", url: url!, max: 4 });
const runner = new JobRunner({
  connectionString: dir ? undefined : url,
  pollingIntervalSeconds: 0.5,
  retryDelaySeconds: 1,
  sweepAfterSeconds: 1,
  register: false,
  beforeExtract: async (id) => {
    process.stdout.write(`claimed ${id}\n`);
  },
});
await runner.start(database);
process.stdout.write("started\n");
