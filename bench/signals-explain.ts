/**
 * The full risk-signal recompute (a) with `EXPLAIN (ANALYZE, BUFFERS)` of each of its statements, on a database that
 * `bench/signals.ts N --load-only` left (issue 20 part 7: where does the recompute's time per claim line go as N grows).
 * Runs `recomputeAllRiskSignals` as the service does, but every statement goes through EXPLAIN ANALYZE on one
 * connection (so --parallel=N runs the groups one after another) and prints its plan, wall time and the backend's CPU.
 *
 *   node_modules/.bin/tsx bench/signals-explain.ts 200000 [--parallel=2] [--groups=1]   # --groups: explain only the first k groups
 */
import { appendFileSync } from "node:fs";
import pg from "pg";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "../app/db/schema";
import type { Db } from "../app/db/client.server";
import * as current from "../app/models/risk-signals.server";
import { metricSettings } from "../app/services/risk-signals.server";
import { benchToday, parseSize, PG_BASE, processCpuSeconds } from "./lib";

const size = parseSize(process.argv[2]);
const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const PARALLEL = Number(arg("parallel", "2"));
const dialect = new PgDialect();
/** --module=path: another build of the model (e.g. the code before a change, copied next to it), for a before/after. */
const MODULE = arg("module", "");
/** --dump=file: also write each statement's text and parameters there. */
const DUMP = arg("dump", "");
const line = (s = "") => process.stdout.write(s + "\n");

async function main() {
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: `${PG_BASE}/fp_bench_signals_${size}`, max: 1 });
  const client = await pool.connect();
  const pid = Number((await client.query("select pg_backend_pid() as pid")).rows[0].pid);
  const real = drizzle(pool, { schema }) as unknown as Db;
  let n = 0;
  const run = async (q: SQL) => {
    const { sql: text, params } = dialect.sqlToQuery(q);
    if (DUMP) appendFileSync(DUMP, `-- [${n + 1}] params ${JSON.stringify(params)}\n${text};\n`);
    const head = text.trim().replace(/\s+/g, " ").slice(0, 90);
    const t0 = performance.now();
    const c0 = processCpuSeconds(pid);
    if (/^(analyze|truncate|set |select orgnr|select p\.orgnr)/i.test(text.trim())) {
      const r = await client.query(text, params);
      line(`-- [${++n}] ${head}: ${(performance.now() - t0).toFixed(0)} ms wall, ${(processCpuSeconds(pid) - c0).toFixed(2)} s CPU`);
      return r;
    }
    const r = await client.query(`explain (analyze, buffers) ${text}`, params);
    line(`-- [${++n}] ${head}: ${(performance.now() - t0).toFixed(0)} ms wall, ${(processCpuSeconds(pid) - c0).toFixed(2)} s CPU`);
    for (const row of r.rows) line(`   ${row["QUERY PLAN"]}`);
    return { rows: [] };
  };
  // The same object as drizzle's, with execute and transaction going to the one explained connection; `$client` stays the pool so the server path runs.
  let queue: Promise<void> = Promise.resolve();
  const fake = Object.create(real) as Db;
  Object.assign(fake, {
    execute: (q: SQL) => run(q),
    // One connection: the groups' transactions take turns (a chain), so `set local` and the locks stay theirs.
    transaction: async <T>(fn: (tx: Db) => Promise<T>) => {
      const turn = queue;
      let done!: () => void;
      queue = new Promise<void>((r) => (done = r));
      await turn;
      try {
        return await inTx(fn);
      } finally {
        done();
      }
    },
  });
  const inTx = async <T>(fn: (tx: Db) => Promise<T>) => {
    await client.query("begin");
    try {
      const out = await fn(fake);
      await client.query("commit");
      return out;
    } catch (e) {
      await client.query("rollback");
      throw e;
    }
  };
  const c0 = processCpuSeconds(pid);
  const t0 = performance.now();
  const { recomputeAllRiskSignals } = (MODULE ? await import(MODULE) : current) as typeof current;
  await recomputeAllRiskSignals(fake, metricSettings(benchToday()), { parallel: PARALLEL });
  line(`== total ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${(processCpuSeconds(pid) - c0).toFixed(1)} s CPU (one connection, ${PARALLEL} groups in sequence)`);
  client.release();
  await pool.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
