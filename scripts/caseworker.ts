/**
 * For operations only. Nothing a caseworker does needs this any more (issue 19): the console at
 * /saksbehandling has the queue, every decision, requests for more information, four eyes, appeals,
 * letters and the payout run (/saksbehandling/utbetalinger). Kept for scripted fixes:
 *   npm run -s caseworker -- queue
 *   npm run -s caseworker -- decide FP-2026-ABC123 registered|rejected|checked|under-review|upheld|dismissed [--reason "…"] [--actor initials]
 *   npm run -s caseworker -- abroad FP-2026-ABC123 under-review|more-info [--reason "…"]
 *     (a refund claim for physiotherapy abroad: it is decided per line in the console, which also
 *     creates its payout; "paid" is set by the payout run, `npm run payouts`)
 * Every decision is recorded in the case history and the resident is told in the inbox.
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: PGlite is single-process).
 */
import { eq } from "drizzle-orm";
import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { abroadApplications, cases } from "../app/db/schema";
import { advanceStatus } from "../app/services/abroad-application.server";
import { type CaseStatus, decideCase, listQueue } from "../app/services/cases.server";

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { reason: { type: "string" }, actor: { type: "string" } } });
const config = loadConfig();
const database = await openDatabase(config.database.kind === "pglite" ? { kind: "pglite", dataDir: config.database.dataDir } : config.database);
try {
  if (command === "queue") {
    for (const c of await listQueue(database.db)) console.log(`${c.reference}  ${c.kind.padEnd(20)} ${c.status.padEnd(13)} ${c.createdAt.toISOString()}`);
  } else if (command === "decide") {
    const [reference, status] = positionals;
    if (!reference || !status) throw new Error("decide needs a reference and a status");
    const [c] = await database.db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
    if (!c) throw new Error(`no case ${reference}`);
    const row = await decideCase(database.db, c.id, { status: status as CaseStatus, reason: values.reason, actor: values.actor ?? "caseworker" });
    console.log(`${row.reference} is now ${row.status}`);
  } else if (command === "abroad") {
    const [reference, status] = positionals;
    if (!reference || !status) throw new Error("abroad needs a reference and a status");
    const rows = await database.db.select({ id: abroadApplications.id, data: abroadApplications.data }).from(abroadApplications);
    const app = rows.find((r) => r.data.reference === reference);
    if (!app) throw new Error(`no refund claim ${reference}`);
    if (status !== "under-review" && status !== "more-info")
      throw new Error(`${status}: a refund claim abroad is decided per line in the console (/saksbehandling), and paid by the payout run (npm run payouts)`);
    const updated = await advanceStatus(database.db, app.id, status, values.reason);
    console.log(`${reference} is now ${updated?.status ?? "unchanged"}`);
  } else {
    console.error("usage: caseworker queue | decide REFERENCE STATUS [--reason …] | abroad REFERENCE STATUS");
    console.error("For operations only: every caseworker task (queue, decisions, more information, four eyes, appeals, payout run) is in the console at /saksbehandling.");
    process.exitCode = 2;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await database.close();
}
