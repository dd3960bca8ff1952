/**
 * Where the overview page's server time goes, in one process, without HTTP:
 *   node_modules/.bin/tsx bench/overview-render.ts 1000000 [--runs=200]
 * Calls the production build's request handler for GET /mine?ar=YYYY as the bench's heavy resident
 * (200 egenandeler this year) and prints the whole handler's time next to the loader's data part
 * (loadYearOverview + payouts + lookup log) and the HTML size. Needs bench/load.ts N and the build.
 */
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import pg from "pg";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { listPayoutsForYear, listStatusLookupsForYear } from "../app/models/register.server";
import { loadYearOverview } from "../app/services/overview.server";
import { BENCH_SESSION_SECRET, benchDbUrl, benchSessionCookie, benchToday, fmtMs, parseSize, summarize } from "./lib";

const size = parseSize(process.argv[2]);
const RUNS = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? "200");
const url = benchDbUrl(size);
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: url,
  SESSION_SECRET: BENCH_SESSION_SECRET,
  DEMO_DATA: "false",
  DEMO_MODE: "true",
  PUBLIC_URL: "http://127.0.0.1:3917",
};
const config = loadConfig(env);
const database = await openDatabase({ kind: "postgres", url, max: 4 });
const admin = new pg.Client({ connectionString: url });
await admin.connect();
const meta = Object.fromEntries((await admin.query<{ key: string; value: string }>("select key, value from bench_meta")).rows.map((r) => [r.key, r.value]));
await admin.end();
const heavyId = meta.heavy_person_id!;
const year = Number(benchToday().slice(0, 4));

// React picks its production build from NODE_ENV when the build first imports it.
process.env.NODE_ENV = "production";
const build = (await import(path.resolve("build/server/index.js"))) as ServerBuild;
const handler = createRequestHandler(build, "production");
const cookie = await benchSessionCookie(config, database.db, heavyId);
const context = { config, database, requestId: "bench", cspNonce: "bench-nonce" };

const whole: number[] = [];
let cpuMicros = 0;
const dataPart: number[] = [];
let bytes = 0;
for (let i = 0; i < RUNS + 10; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const res = await handler(new Request(`http://127.0.0.1:3917/mine?ar=${year}`, { headers: { Cookie: cookie, Accept: "text/html" } }), context);
  const html = await res.text();
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  if (i >= 10) cpuMicros += c1.user + c1.system;
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  bytes = Buffer.byteLength(html);
  if (process.env.DUMP_HTML && i === 0) (await import("node:fs")).writeFileSync(process.env.DUMP_HTML, html);
  const t2 = performance.now();
  await loadYearOverview(database.db, heavyId, year);
  await Promise.all([listPayoutsForYear(database.db, heavyId, year), listStatusLookupsForYear(database.db, heavyId, year)]);
  const t3 = performance.now();
  if (i >= 10) {
    whole.push(t1 - t0);
    dataPart.push(t3 - t2);
  }
}
const f = (s: ReturnType<typeof summarize>) => `p50 ${fmtMs(s.p50)}, p90 ${fmtMs(s.p90)}, p99 ${fmtMs(s.p99)} (n=${s.n})`;
console.log(`overview page in-process (${Math.round(bytes / 1024)} KiB HTML), ${RUNS} runs`);
console.log(`  whole request handler: ${f(summarize(whole))}`);
console.log(`  loader data part:      ${f(summarize(dataPart))}`);
console.log(`  CPU of this process per request (the steadier figure on a busy machine): ${(cpuMicros / RUNS / 1000).toFixed(2)} ms`);
await database.close();
