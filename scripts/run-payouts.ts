/**
 * The payout run: puts every pending refund with an account in an ISO 20022 pain.001 file for the
 * bank (PAYOUT_FILE_DIR, default DATA_DIR/payments), marks them paid and tells the resident in the
 * inbox. Idempotent (a paid payout is never paid again). Run it on a schedule, e.g. daily:
 *   npm run -s payouts [-- --date 2026-11-23]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: PGlite is single-process).
 * The run follows Helfo's dated payout rhythm (rules/parameters/payouts.ts, domain/payout-timing.ts): on a
 * day that is not a payout day it pays nothing and says when the next is; --force pays anyway.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { runPayoutFile } from "../app/services/payout-file.server";
import { todayOslo } from "../app/utils/clock.server";
import { isPayoutRunDay, nextPayoutRun, rhythmOn } from "../app/domain/payout-timing";
import { isoDate } from "../app/kernel/dates";

const { values } = parseArgs({ options: { date: { type: "string" }, force: { type: "boolean" } } });
const config = loadConfig();
const database = await openDatabase(config.database.kind === "pglite" ? { kind: "pglite", dataDir: config.database.dataDir } : config.database);
try {
  const paidOn = values.date !== undefined ? isoDate(values.date) : todayOslo();
  if (!values.force && !isPayoutRunDay(paidOn)) {
    console.log(`${paidOn} is not a payout day (payouts run ${rhythmOn(paidOn).rhythm}); the next is ${nextPayoutRun(paidOn)}. Nothing paid (--force pays anyway).`);
  } else {
    const { count, file } = await runPayoutFile(database.db, { paidOn, fileDir: config.payouts.fileDir, debtor: config.payouts.debtor });
    console.log(count ? `paid ${count} refund(s) on ${paidOn}: ${file}` : `nothing to pay on ${paidOn}`);
  }
} finally {
  await database.close();
}
