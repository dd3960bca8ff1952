/**
 * Norges Bank's exchange rates in the database (docs/decisions/0016-exchange-rates.md):
 *   npm run rates -- import --from 2025-01-01 [--to 2025-06-30]   fetch and upsert (to: today, Europe/Oslo)
 *   npm run rates -- import --latest                               what the daily schedule does
 *   npm run rates -- status                                        covered date and the last runs
 * Base URL: NORGES_BANK_API_URL (default https://data.norges-bank.no/api). Uses DATABASE_URL, or the
 * embedded database in DATA_DIR (stop the server first: PGlite is single-process).
 * Exit codes: 0 done, 1 the import failed (nothing was written), 2 bad arguments.
 */
import { parseArgs } from "node:util";
import { loadConfig, setting } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { isIsoDate, isoDate } from "../app/kernel/dates";
import { recentImports } from "../app/models/exchange-rates.server";
import { daysBehind, importLatestRates, importNorgesBankRates, ratesCoveredThrough, type ImportResult } from "../app/services/exchange-rates.server";
import { todayOslo } from "../app/utils/clock.server";

const USAGE = "usage: npm run rates -- import --from YYYY-MM-DD [--to YYYY-MM-DD] | import --latest | status";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" }, latest: { type: "boolean" } }, allowPositionals: true });
const command = positionals[0];
if (command !== "import" && command !== "status") fail(`unknown command ${command ?? "(none)"}`);
const today = todayOslo();
if (command === "import" && !values.latest) {
  if (!values.from || !isIsoDate(values.from)) fail("--from must be a date YYYY-MM-DD");
  if (values.to !== undefined && !isIsoDate(values.to)) fail("--to must be a date YYYY-MM-DD");
  if ((values.to ?? today) < values.from) fail("--to must not be before --from");
}

function report(r: ImportResult): void {
  console.log(`imported ${r.from} … ${r.to}: ${r.observations} rates in ${r.requests} request(s), ${r.changed} new or changed, ${r.missing} listed without a value`);
  console.log(r.coveredThrough ? `Norges Bank's last date in the answer: ${r.coveredThrough}` : "Norges Bank had no rates in this range");
  for (const d of r.differsFromEmbedded)
    console.log(`differs from the embedded copy: ${d.currency} ${d.date}: embedded ${d.embedded}, Norges Bank ${d.imported} (Norges Bank's value is used)`);
}

const config = loadConfig();
const database = await openDatabase(config.database.kind === "pglite" ? { kind: "pglite", dataDir: config.database.dataDir } : config.database);
let code = 0;
try {
  const baseUrl = setting("NORGES_BANK_API_URL");
  if (command === "status") {
    const through = await ratesCoveredThrough(database.db);
    console.log(`rates complete through ${through ?? "—"} (${daysBehind(through, today) ?? "?"} days before ${today})`);
    for (const r of await recentImports(database.db)) {
      console.log(
        `${r.startedAt.toISOString()} ${r.trigger} ${r.requestedFrom} … ${r.requestedTo}: ${r.status}${r.coveredThrough ? `, through ${r.coveredThrough}` : ""}, ${r.changed} changed${r.error ? ` (${r.error})` : ""}`,
      );
    }
  } else if (values.latest) {
    report(await importLatestRates(database.db, { baseUrl, today, trigger: "cli" }));
  } else {
    report(await importNorgesBankRates(database.db, { baseUrl, from: isoDate(values.from!), to: values.to !== undefined ? isoDate(values.to) : today, trigger: "cli" }));
  }
} catch (err) {
  process.stderr.write(`rates import failed, nothing was written: ${(err as Error).message}\n`);
  code = 1;
} finally {
  await database.close();
}
process.exit(code);
