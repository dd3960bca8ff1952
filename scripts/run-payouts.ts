/**
 * The payout run: pays every pending refund to the account on file and tells the resident in the
 * inbox. Idempotent (a paid payout is never paid again). Run it on a schedule, e.g. daily:
 *   npm run -s payouts [-- --date 2026-11-23]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: PGlite is single-process).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { runPayouts } from "../app/services/engine.server";
import { todayOslo } from "../app/utils/clock.server";

const { values } = parseArgs({ options: { date: { type: "string" } } });
const config = loadConfig();
const database = await openDatabase(config.database.kind === "pglite" ? { kind: "pglite", dataDir: config.database.dataDir } : config.database);
try {
  const paidOn = values.date ?? todayOslo();
  const n = await runPayouts(database.db, paidOn);
  console.log(`paid ${n} refund(s) on ${paidOn}`);
} finally {
  await database.close();
}
