/**
 * The payout run: puts every pending refund with an account in an ISO 20022 pain.001 file for the
 * bank (PAYOUT_FILE_DIR, default DATA_DIR/payments), marks them paid and tells the resident in the
 * inbox. Idempotent (a paid payout is never paid again). Run it on a schedule, e.g. daily:
 *   npm run -s payouts [-- --date 2026-11-23]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: PGlite is single-process).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { runPayoutFile } from "../app/services/payout-file.server";
import { todayOslo } from "../app/utils/clock.server";

const { values } = parseArgs({ options: { date: { type: "string" } } });
const config = loadConfig();
const database = await openDatabase(config.database.kind === "pglite" ? { kind: "pglite", dataDir: config.database.dataDir } : config.database);
try {
  const paidOn = values.date ?? todayOslo();
  const { count, file } = await runPayoutFile(database.db, { paidOn, fileDir: config.payouts.fileDir, debtor: config.payouts.debtor });
  console.log(count ? `paid ${count} refund(s) on ${paidOn}: ${file}` : `nothing to pay on ${paidOn}`);
} finally {
  await database.close();
}
