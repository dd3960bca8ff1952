/**
 * Risk signals at scale (issue 20, part 7). Creates its own database `fp_bench_signals_<N>`, bulk
 * loads N patients × 20 claim lines (SQL, not the API) over N/400 providers with two therapists
 * each, and prints:
 *   (a) the full recompute of every signal from claim_lines (target: 1 M patients in < 60 s)
 *   (b) the ranked list as the console computes it (load every subject + score, in-process): p50/p99 of 50 runs (target p99 < 200 ms)
 *   (c) incremental: one new claim's running aggregates (inside its transaction) + its provider's refresh, p50/p99 of 200 (target < 10 ms)
 *   (d) claims through the claims service (controls, register writer, risk aggregates, refresh), in-process,
 *       single claims from 8 concurrent callers for --duration seconds: claims/s and p50/p99; then the
 *       same through the group commit (submitClaimBatched) from 64 concurrent callers
 *   (e) the same over HTTP (POST /api/v1/regninger, production build started on 127.0.0.1:--port),
 *       16 clients of single claims, then 4 clients of /regninger/batch with 100 claims each
 *       (target ≥ 1000 claims/s, p99 < 50 ms); --no-http skips it
 *
 *   node_modules/.bin/tsx bench/signals.ts 100000 [--duration=10] [--keep]
 *   node_modules/.bin/tsx bench/signals.ts 20000 --pglite     # the embedded database (in a temporary directory; no HTTP phase)
 *
 * Everything (bench, PostgreSQL) shares the machine's cores; the figures say what was measured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase } from "../app/db/client.server";
import { lineControlFlags } from "../app/domain/risk-signals";
import { generateFnr } from "../app/kernel/fnr";
import type { Fnr, Orgnr } from "../app/kernel/types";
import * as riskModel from "../app/models/risk-signals.server";
import { inWriterTransaction } from "../app/models/register-writer.server";
import type { Claim } from "../app/schemas/claims";
import * as claimsService from "../app/services/claims.server";
import * as riskService from "../app/services/risk-signals.server";
import { createProviderKey } from "../app/services/provider-keys.server";
import {
  BENCH_SESSION_SECRET,
  benchOrgnrs,
  processCpuSeconds,
  benchToday,
  dayToIso,
  fmtMs,
  isoToDay,
  makeAgent,
  parseSize,
  PG_BASE,
  prng,
  request,
  runWrk,
  summarize,
  WRK_BIN,
} from "./lib";

const size = parseSize(process.argv[2]);
const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const DURATION_S = Number(arg("duration", "10"));
/** --load-only: load and keep the database (then --reuse it for the phases, e.g. on a quieter machine). */
const LOAD_ONLY = process.argv.includes("--load-only");
const KEEP = process.argv.includes("--keep") || LOAD_ONLY;
/** --only=a,b,c,d: these phases only (default: all; e is the HTTP phase). */
const ONLY = new Set(arg("only", "a,b,c,d,e").split(","));
/** --parallel=N: connections the full recompute (a) is split over (default 2, one per core here). */
const PARALLEL = Number(arg("parallel", "2"));
/** --reuse: use fp_bench_signals_<N> as a previous --keep run left it (no load). */
const REUSE = process.argv.includes("--reuse");
/** --pglite: the embedded database in a temporary directory (no HTTP phase: the server cannot share it). */
const PGLITE = process.argv.includes("--pglite");
const HTTP = !process.argv.includes("--no-http") && !PGLITE;
/** --only-http: phase (e) only (with --reuse on a kept database). */
const ONLY_HTTP = process.argv.includes("--only-http");
/** --no-checkpoint: phase (e) without the checkpoint before it (WAL segments then created while commits wait, after a load). */
const NO_CHECKPOINT = process.argv.includes("--no-checkpoint");
const PORT = Number(arg("port", "3927"));
/** --http=16x1,64x1,4x100: phase (e)'s levels, clients × claims per request (1: POST /regninger, more: /regninger/batch). */
const HTTP_LEVELS = arg("http", "16x1,32x1,64x1,4x100")
  .split(",")
  .map((x) => x.split("x").map(Number) as [number, number]);
/** --c-samples=N (default 200) and --c-warmup=N (default 0) for phase (c). */
const C_SAMPLES = Number(arg("c-samples", "200"));
const C_WARMUP = Number(arg("c-warmup", "0"));
/**
 * --providers=N (default 1): phase (e)'s clients send as N providers (client w as provider w mod N, each with its own API key).
 * With one, every batch takes the same provider's risk lock (measured at 100k: 1 and 32 gave the same figures).
 */
const PROVIDERS = Math.max(1, Number(arg("providers", "1")));
const HAVE_WRK = !!WRK_BIN;
/**
 * --loadgen=node|wrk|both (default both when wrk is installed): phase (e)'s single claims from this Node
 * process, from wrk (C, epoll; ~10× less CPU a request, so the server and PostgreSQL get the cores a
 * provider's own machines would leave them), or one after the other. Batches (/regninger/batch) always from Node.
 * Without wrk installed, from Node.
 */
const LOADGEN = HAVE_WRK ? arg("loadgen", "both") : "node";
const RUN = Date.now().toString(36);
const LINES_PER_PATIENT = 20;
const PATIENTS_PER_PROVIDER = 400;
const dbName = `fp_bench_signals_${size}`;
const url = `${PG_BASE}/${dbName}`;
const today = benchToday();
const line = (s = "") => process.stdout.write(s + "\n");
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

const { submitClaims } = claimsService;
const { metricSettings, rankedRisk, recomputeRiskSignals } = riskService;
const { accumulateRiskLines, refreshRiskSubjects } = riskModel;
/** Since the subjects follow each claim in its own transaction, no refresh runs after the claim (absent in older builds). */
const SUBJECTS_INLINE = (riskModel as { RISK_SUBJECTS_INLINE?: boolean }).RISK_SUBJECTS_INLINE === true;

async function main() {
  const admin = PGLITE ? null : new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin?.connect();
  if (admin && !REUSE) {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
  }
  const liteDir = PGLITE ? mkdtempSync(join(tmpdir(), "fp-bench-signals-")) : null;
  const database = liteDir ? await openDatabase({ kind: "pglite", dataDir: liteDir }) : await openDatabase({ kind: "postgres", url, max: 8 });
  const { db } = database;
  const providers = Math.max(10, Math.ceil(size / PATIENTS_PER_PROVIDER));
  const orgnrs = benchOrgnrs(providers);
  line(
    `Risk signals bench on ${PGLITE ? "PGlite (embedded)" : "PostgreSQL"} — ${size.toLocaleString("en-US")} patients × ${LINES_PER_PATIENT} claim lines, ${providers} providers × 2 therapists; today ${today}`,
  );

  // --- load (SQL): persons, claims, claim_lines; one weekly series of 20 per patient, spread over three years
  // Raw statements: a pg client on a server, the embedded database's own query otherwise.
  const pgClient = PGLITE ? null : new pg.Client({ connectionString: url });
  await pgClient?.connect();
  const c = {
    query: async (text: string, params?: unknown[]) => ({ rows: pgClient ? (await pgClient.query(text, params)).rows : await database.query(text, params) }) as { rows: any[] },
    end: async () => pgClient?.end(),
  };
  /** CPU seconds of this database's PostgreSQL backends (from /proc; the pool's idle backends stay alive between phases). */
  const pgCpuSnapshot = async () => {
    if (PGLITE) return new Map<number, number>();
    // Client backends only: autovacuum after the bulk load and the recompute also connects to this database.
    const pids = (await c.query("select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'")).rows.map((r: { pid: number }) =>
      Number(r.pid),
    );
    return new Map(pids.map((pid) => [pid, processCpuSeconds(pid)]));
  };
  /** Starts a measurement; the returned function gives the CPU seconds since (backends that exit meanwhile are not counted). */
  const pgCpu = async () => {
    const before = await pgCpuSnapshot();
    return async () => [...(await pgCpuSnapshot())].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0);
  };
  const [, loadMs] = await timed(async () => {
    if (REUSE) return;
    // A bulk load builds the secondary indexes and foreign keys once at the end (as pg_restore does), not row by row.
    const deferred = PGLITE
      ? []
      : (
          await c.query(
            `select 'alter table ' || conrelid::regclass || ' add constraint ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) as add,
               'alter table ' || conrelid::regclass || ' drop constraint ' || quote_ident(conname) as drop
             from pg_constraint where contype = 'f' and conrelid in ('claims'::regclass, 'claim_lines'::regclass)
             union all
             select indexdef, 'drop index ' || quote_ident(indexname) from pg_indexes i
             where tablename in ('claims', 'claim_lines') and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
          )
        ).rows;
    for (const d of deferred) await c.query(d.drop);
    await c.query("insert into providers (orgnr, name) select o, 'Bench fysioterapi ' || i from unnest($1::varchar[]) with ordinality as x(o, i)", [orgnrs]);
    await c.query(
      `insert into persons (id, fnr, name, birth_date)
       select md5('p' || i)::uuid, lpad(i::text, 11, '0'), 'Pasient ' || i, date '1950-01-01' + (i % 18000) from generate_series(0, $1 - 1) i`,
      [size],
    );
    const start = isoToDay(today) - 3 * 365;
    for (let from = 0; from < size; from += 50_000) {
      const to = Math.min(size, from + 50_000);
      await c.query(
        `with s as (
           select i, k, ($3::varchar[])[1 + i % array_length($3::varchar[], 1)] as orgnr,
             (8000000 + (i % array_length($3::varchar[], 1)) * 2 + (i / array_length($3::varchar[], 1)) % 2)::text as hpr,
             date '${dayToIso(start)}' + ((i::bigint * 7919) % 900)::int + k * 7 + (i + k) % 3 as d,
             480 + 30 * ((i * 7 + k * 3) % 16) as m,
             case when k = 0 then 'A1a' when (i + k) % 2 = 0 then 'A2b' else 'A2c' end as takst
           from generate_series($1::int, $2::int - 1) i, generate_series(0, ${LINES_PER_PATIENT - 1}) k
         ), c as (
           insert into claims (id, provider_orgnr, claim_id, person_id, therapist_hpr, therapist_name, paid, outcome, refusjon_ore, request_hash, received_on)
           select md5(i || '-' || k)::uuid, orgnr, 'b-' || i || '-' || k, md5('p' || i)::uuid, hpr, 'Terapeut ' || hpr, true, 'godkjent', 30000, md5(i || '-' || k) || md5(k || '-' || i), d from s
         )
         insert into claim_lines (claim_ref, line_no, person_id, provider_orgnr, therapist_hpr, takst, service_date, start_minute, minutes, group_size, outcome, controls,
           honorar_ore, refusjon_ore, egenandel_ore, egenandel_disposition)
         select md5(i || '-' || k)::uuid, 1, md5('p' || i)::uuid, orgnr, hpr, takst, d, m, case when takst = 'A2c' then 40 else 30 end, null, 'godkjent', '[]'::jsonb,
           45000, 30000, 15000, case when i % 3 = 0 and k >= 12 then 'frikort' else 'registered' end from s`,
        [from, to, orgnrs],
      );
    }
    const [, idxMs] = await timed(async () => {
      if (!pgClient) return;
      await c.query("set maintenance_work_mem = '1GB'");
      for (const d of deferred.filter((x: { add: string }) => !x.add.startsWith("alter table"))) await c.query(d.add);
      for (const d of deferred.filter((x: { add: string }) => x.add.startsWith("alter table"))) await c.query(d.add);
    });
    if (deferred.length) line(`(load) ${deferred.length} indexes and foreign keys of claims and claim_lines built after the rows: ${fmtS(idxMs)}`);
    await c.query("analyze");
  });
  const counts = (await c.query("select (select count(*) from claim_lines)::int as lines, pg_size_pretty(pg_database_size(current_database())) as size")).rows[0];
  line(`(load) ${counts.lines.toLocaleString("en-US")} claim lines${REUSE ? " (reused)" : ` in ${fmtS(loadMs)}`}; database ${counts.size}`);

  if (LOAD_ONLY) {
    await c.end();
    await database.close();
    await admin?.end();
    return;
  }
  if (!ONLY_HTTP && ONLY.has("a")) {
    // (a) full recompute; the CPU time of this database's PostgreSQL backends is read from /proc (the other connections are idle meanwhile)
    // (on PGlite the database runs in this process: its CPU time is this process's)
    const backends = async () =>
      PGLITE ? [process.pid] : (await c.query("select pid from pg_stat_activity where datname = current_database()")).rows.map((r: { pid: number }) => Number(r.pid));
    const load0 = loadavg()[0]!;
    const cpuBefore = new Map((await backends()).map((pid) => [pid, processCpuSeconds(pid)]));
    const [, fullMs] = await timed(() => recomputeRiskSignals(db, today, { parallel: PARALLEL }));
    const cpuS = (await backends()).reduce((sum, pid) => sum + processCpuSeconds(pid) - (cpuBefore.get(pid) ?? 0), 0);
    const subj = (await c.query("select count(*)::int as n from risk_subjects")).rows[0].n;
    line(
      `(a) full recompute of every signal: ${fmtS(fullMs)} wall, ${cpuS.toFixed(1)} s CPU in ${PGLITE ? "this process (PGlite)" : "PostgreSQL"} (${subj} subjects: providers and therapists; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    );
  }
  if (!ONLY_HTTP && ONLY.has("b")) {
    // (b) the ranked list
    const rankMs: number[] = [];
    for (let i = 0; i < 50; i++) rankMs.push((await timed(() => rankedRisk(db, i % 2 ? "therapist" : "provider", today)))[1]);
    const r = summarize(rankMs);
    line(`(b) ranked list (load + score, in-process): p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}, max ${fmtMs(r.max)} (n=${r.n})`);
  }
  if (!ONLY_HTTP && ONLY.has("c")) {
    // (c) incremental: one claim line's aggregates + its provider's refresh
    const settings = metricSettings(today);
    const rand = prng(614);
    const accMs: number[] = [];
    const refMs: number[] = [];
    let cpuC0 = await pgCpu();
    let procC0 = process.cpuUsage();
    // The first claims on a connection PREPARE the risk write and plan it afresh on each of its first five runs (PostgreSQL's
    // custom plans before the generic one); a server's connections live for hours, so those are warm-up, reported apart.
    const WARM = C_WARMUP;
    for (let i = 0; i < C_SAMPLES + WARM; i++) {
      if (i === WARM) {
        const w = summarize(accMs.splice(0));
        refMs.splice(0);
        if (WARM) line(`(c) warm-up: the first ${WARM} claims took p50 ${fmtMs(w.p50)}, max ${fmtMs(w.max)} (not counted below)`);
        cpuC0 = await pgCpu();
        procC0 = process.cpuUsage();
      }
      const p = Math.floor(rand() * size);
      const orgnr = orgnrs[p % orgnrs.length]!;
      const hpr = String(8000000 + (p % orgnrs.length) * 2 + (Math.floor(p / orgnrs.length) % 2));
      const facts = {
        providerOrgnr: orgnr,
        therapistHpr: hpr,
        personId: (await c.query("select md5('p' || $1::text)::uuid::text as id", [p])).rows[0].id as string,
        takst: "A2c",
        serviceDate: dayToIso(isoToDay(today) - 1 - (i % 30)),
        startMinute: 17 * 60,
        minutes: 40,
        outcome: "godkjent",
        refusjonOre: 30000,
        disposition: "registered",
        ...lineControlFlags("godkjent", []),
      };
      accMs.push((await timed(() => inWriterTransaction(db, (t) => accumulateRiskLines(t, [facts], settings, { commit: true }))))[1]);
      refMs.push(SUBJECTS_INLINE ? 0 : (await timed(() => refreshRiskSubjects(db, [orgnr], settings)))[1]);
    }
    const pgC = await cpuC0();
    const procC = process.cpuUsage(procC0);
    const a = summarize(accMs);
    const f = summarize(refMs);
    const both = summarize(accMs.map((x, i) => x + refMs[i]!));
    line(
      `(c) incremental per new claim: running aggregates${SUBJECTS_INLINE ? " and subjects' deltas" : ""} p50 ${fmtMs(a.p50)} p99 ${fmtMs(a.p99)}; ` +
        `provider refresh ${SUBJECTS_INLINE ? "none (the subjects follow in the claim's statement)" : `p50 ${fmtMs(f.p50)} p99 ${fmtMs(f.p99)}`}; together p50 ${fmtMs(both.p50)} p99 ${fmtMs(both.p99)}; ` +
        `CPU per claim: PostgreSQL ${((pgC * 1000) / C_SAMPLES).toFixed(2)} ms, bench process ${((procC.user + procC.system) / 1000 / C_SAMPLES).toFixed(2)} ms`,
    );
    const slow = accMs
      .map((ms, i) => ({ ms, i }))
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 5);
    line(`(c) n=${a.n}, p90 ${fmtMs(a.p90)}, max ${fmtMs(a.max)}; the slowest (sample: ms): ${slow.map((x) => `${x.i}: ${x.ms.toFixed(1)}`).join(", ")}`);
  }

  // (d) claims through the claims service, 8 concurrent callers
  const newFnrs: Fnr[] = [];
  for (let d = isoToDay("1960-01-01"); newFnrs.length < 5000; d++)
    for (let ind = 0; ind < 50 && newFnrs.length < 5000; ind += 7) {
      const fnr = generateFnr(dayToIso(d), ind);
      if (fnr) newFnrs.push(fnr);
    }
  if (!ONLY_HTTP && ONLY.has("d")) {
    let n = 0;
    const lat: number[] = [];
    const statuses = new Map<number, number>();
    const t0 = performance.now();
    const end = t0 + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        while (performance.now() < end) {
          const k = n++;
          const orgnr = orgnrs[k % orgnrs.length]!;
          const minute = 7 * 60 + ((k * 40) % (12 * 60));
          const claim: Claim = {
            claimId: `bench-${RUN}-${k}`,
            fnr: newFnrs[k % newFnrs.length]!,
            therapist: { hprNumber: String(9000000 + w * 1000 + (k % 997)), name: "Bench terapeut" },
            paid: true,
            lines: [
              {
                takst: "A2c",
                date: dayToIso(isoToDay(today) - 1 - (k % 200)),
                startTime: `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
                minutes: 40,
                groupSize: null,
              },
            ],
          };
          const [ans, ms] = await timed(() => submitClaims(db, orgnr, [claim], today));
          lat.push(ms);
          for (const x of ans) statuses.set(x.status, (statuses.get(x.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const d = summarize(lat);
    line(
      `(d) claims service (controls + register writer + risk aggregates + refresh), 8 callers, ${DURATION_S} s: ${(lat.length / elapsed).toFixed(0)} claims/s; p50 ${fmtMs(d.p50)}, p99 ${fmtMs(d.p99)} (${[...statuses].map(([s, c]) => `${s}×${c}`).join(" ")})`,
    );

    // (d2) the same claims through the group commit (what POST /api/v1/regninger uses), 64 concurrent callers
    // (absent in a build from before the group commit, so the same bench runs on both)
    const grouped = claimsService as Partial<typeof claimsService>;
    const claimBatchStats = grouped.claimBatchStats ?? (() => ({ batches: 0, items: 0, maxSize: 0 }));
    const submitClaimBatched = grouped.submitClaimBatched;
    for (const callers of submitClaimBatched ? [64] : []) {
      const lat2: number[] = [];
      const st2 = new Map<number, number>();
      const b0 = { ...claimBatchStats(db) };
      const pg0 = await pgCpu();
      const cpu0 = process.cpuUsage();
      const t2 = performance.now();
      const end2 = t2 + DURATION_S * 1000;
      await Promise.all(
        Array.from({ length: callers }, async (_, w) => {
          while (performance.now() < end2) {
            const k = n++;
            const orgnr = orgnrs[k % orgnrs.length]!;
            const minute = 6 * 60 + ((k * 40) % (14 * 60));
            const claim: Claim = {
              claimId: `bench-${RUN}-${k}`,
              fnr: newFnrs[k % newFnrs.length]!,
              therapist: { hprNumber: String(9200000 + w * 1000 + (k % 997)), name: "Bench terapeut" },
              paid: true,
              lines: [
                {
                  takst: "A2c",
                  date: dayToIso(isoToDay(today) - 1 - (k % 300)),
                  startTime: `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
                  minutes: 40,
                  groupSize: null,
                },
              ],
            };
            const [ans, ms] = await timed(() => submitClaimBatched!(db, orgnr, claim, today));
            lat2.push(ms);
            st2.set(ans.status, (st2.get(ans.status) ?? 0) + 1);
          }
        }),
      );
      const el2 = (performance.now() - t2) / 1000;
      await (riskService as Partial<typeof riskService>).riskRefreshIdle?.(db);
      const cpu = process.cpuUsage(cpu0);
      const pgD = await pg0();
      const b1 = claimBatchStats(db);
      const d2 = summarize(lat2);
      line(
        `(d2) claims service with group commit, ${callers} callers, ${DURATION_S} s: ${(lat2.length / el2).toFixed(0)} claims/s; p50 ${fmtMs(d2.p50)}, p99 ${fmtMs(d2.p99)} (${[...st2].map(([s, c]) => `${s}×${c}`).join(" ")}); ` +
          `${b1.batches - b0.batches} batches, mean ${((b1.items - b0.items) / Math.max(1, b1.batches - b0.batches)).toFixed(1)} claims; bench process CPU ${((cpu.user + cpu.system) / 1000 / lat2.length).toFixed(2)} ms/claim${PGLITE ? " (includes the embedded database)" : `, PostgreSQL CPU ${((pgD * 1000) / lat2.length).toFixed(2)} ms/claim (incl. the refresh after the claims, if any)`}; ` +
          `load average ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  if (HTTP && ONLY.has("e")) {
    // A database whose signals were never computed (a --load-only load without phase a) would have the server's job
    // runner fill them while the levels run: a full recompute beside the claims (at 1 M, every request timed out).
    if (await riskService.riskSignalsNeedFill(db)) {
      const [, ms] = await timed(() => recomputeRiskSignals(db, today, { parallel: PARALLEL }));
      line(`(e) the signals filled before the levels, as the server's job runner would on start: ${fmtS(ms)}`);
    }
    if (pgClient && !NO_CHECKPOINT) {
      // A server in steady state writes WAL into segments its last checkpoint recycled. Right after a bulk load (or a
      // restart) there are none: every 16 MB of WAL a new segment is created and zero-filled while a commit waits for it,
      // a 50-70 ms stall every few seconds at 1,000+ claims/s (the sixteenth session's log). The checkpoint recycles them.
      const [, ms] = await timed(() => pgClient.query("checkpoint"));
      const wal = (await pgClient.query("select count(*)::int as n from pg_ls_waldir() where name > pg_walfile_name(pg_current_wal_lsn())")).rows[0] as { n: number };
      line(`(e) checkpoint before the levels (${fmtS(ms)}): ${wal.n} WAL segments ready ahead of the current one (--no-checkpoint to skip)`);
    }
    await httpPhase(db, orgnrs, newFnrs, pgCpu);
  }
  const check = await db.execute(sql`select count(*)::int as n from risk_days where therapist_hpr like '9%'`);
  line(`    the bench therapists' working days now in risk_days: ${(check as unknown as { rows: Array<{ n: number }> }).rows[0]!.n}`);

  await c.end();
  await database.close();
  if (admin && !KEEP) await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin?.end();
  if (liteDir) rmSync(liteDir, { recursive: true, force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServer(logFile: string): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS: extra node options for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"; not allowed in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      DATABASE_URL: url,
      SESSION_SECRET: BENCH_SESSION_SECRET,
      DEMO_DATA: "false",
      DEMO_MODE: "true",
      RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", openSync(logFile, "w"), openSync(logFile, "a")],
  });
  const agent = makeAgent(1);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await request(agent, PORT, "GET", "/healthz", { timeoutMs: 2000 })).status === 200) return child;
    } catch {
      // not up yet
    }
  }
  child.kill("SIGKILL");
  throw new Error("server did not become healthy");
}

async function httpPhase(db: import("../app/db/client.server").Db, orgnrs: Orgnr[], fnrs: Fnr[], pgCpu: () => Promise<() => Promise<number>>) {
  const logFile = `docs/bench/logs/server-signals-${size}.log`;
  const server = await startServer(logFile);
  try {
    // one API key per provider the clients send for (--providers); client w sends as provider w mod N, with its own therapists
    const keys: string[] = [];
    for (const [n, orgnr] of orgnrs.slice(0, Math.min(PROVIDERS, orgnrs.length)).entries())
      keys.push((await createProviderKey(db, { orgnr, providerName: `Bench fysioterapi ${n + 1}`, label: "bench signals" })).key);
    const keyOf = (w: number) => keys[w % keys.length]!;
    let k = 0;
    const claim = (w: number): Claim => {
      const i = k++;
      const minute = 6 * 60 + ((i * 40) % (14 * 60));
      return {
        claimId: `http-${Date.now().toString(36)}-${i}`,
        fnr: fnrs[i % fnrs.length]!,
        therapist: { hprNumber: String(9500000 + w * 1000 + (i % 991)), name: "Bench terapeut" },
        paid: true,
        lines: [
          {
            takst: "A2c",
            date: dayToIso(isoToDay(today) - 1 - (i % 300)),
            startTime: `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
            minutes: 40,
            groupSize: null,
          },
        ],
      };
    };
    /** Single claims from wrk's closed loop of `clients` connections, one thread; each claim sent once. */
    async function wrkLevel(clients: number) {
      if (!WRK_BIN) return line("(e) wrk: not installed (apt-get install -y wrk), skipped");
      const bodiesFile = join(tmpdir(), `fp-bench-claims-${RUN}-${clients}.ndjson`);
      writeFileSync(bodiesFile, Array.from({ length: 4000 * DURATION_S }, (_, i) => `${keyOf(i % clients)}\t${JSON.stringify(claim(i % clients))}`).join("\n") + "\n");
      const pg0 = await pgCpu();
      const server0 = processCpuSeconds(server.pid!);
      const f = await runWrk({
        script: "bench/wrk/claims.lua",
        clients,
        seconds: DURATION_S,
        timeoutS: 10,
        url: `http://127.0.0.1:${PORT}`,
        env: { WRK_BODIES: bodiesFile },
      }).catch((e: unknown) => (line(`(e) wrk: ${String(e)}`), null));
      const serverCpu = processCpuSeconds(server.pid!) - server0;
      const pgCpuS = await pg0();
      rmSync(bodiesFile, { force: true });
      if (!f) return;
      if (f.exhausted) line(`(e) wrk ran out of claims before ${DURATION_S} s: the figure below is capped; raise the bodies written`);
      const secs = f.duration_us / 1e6;
      // answered with a 2xx: wrk's `requests` are the answered ones (socket errors and timeouts are not among them)
      const ok = f.requests - f.status;
      const perClaim = (seconds: number) => `${((seconds * 1000) / Math.max(1, ok)).toFixed(2)}`;
      line(
        `(e) HTTP POST /regninger from wrk, ${clients} connections, ${secs.toFixed(1)} s: ${(ok / secs).toFixed(0)} claims/s; request p50 ${fmtMs(f.p50 / 1000)}, p90 ${fmtMs(f.p90 / 1000)}, p99 ${fmtMs(f.p99 / 1000)} ` +
          `(${f.bad ? `${f.status} non-2xx, ${f.connect + f.read + f.write} socket errors, ${f.timeout} timeouts` : "all 2xx"}); CPU ms/claim: server ${perClaim(serverCpu)}, PostgreSQL ${perClaim(pgCpuS)}, wrk ${perClaim(f.cpuSeconds)}`,
      );
    }
    for (const [clients, batch] of HTTP_LEVELS) {
      if (batch === 1 && LOADGEN !== "node") await wrkLevel(clients);
      if (batch === 1 && LOADGEN === "wrk") continue;
      const agent = makeAgent(clients);
      const lat: number[] = [];
      const statuses = new Map<number, number>();
      let claims = 0;
      const pg0 = await pgCpu();
      const server0 = processCpuSeconds(server.pid!);
      const bench0 = process.cpuUsage();
      const t0 = performance.now();
      const end = t0 + DURATION_S * 1000;
      await Promise.all(
        Array.from({ length: clients }, async (_, w) => {
          while (performance.now() < end) {
            const body = batch === 1 ? JSON.stringify(claim(w)) : JSON.stringify({ claims: Array.from({ length: batch }, () => claim(w)) });
            try {
              const r = await request(agent, PORT, "POST", batch === 1 ? "/api/v1/regninger" : "/api/v1/regninger/batch", {
                body,
                headers: { Authorization: `Bearer ${keyOf(w)}` },
                timeoutMs: 60_000,
              });
              lat.push(r.totalMs);
              statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
              if (r.status < 300) claims += batch;
            } catch {
              statuses.set(0, (statuses.get(0) ?? 0) + 1); // 0 = timed out or connection error
            }
          }
        }),
      );
      agent.destroy();
      const el = (performance.now() - t0) / 1000;
      const sum = summarize(lat);
      // CPU per claim of each party on the two cores: the server process, PostgreSQL's backends, this process (the clients).
      const perClaim = (seconds: number) => `${((seconds * 1000) / Math.max(1, claims)).toFixed(2)}`;
      const benchCpu = process.cpuUsage(bench0);
      line(
        `(e) HTTP ${batch === 1 ? "POST /regninger" : `POST /regninger/batch (${batch} claims)`}, ${clients} clients, ${DURATION_S} s: ${(claims / el).toFixed(0)} claims/s; request p50 ${fmtMs(sum.p50)}, p99 ${fmtMs(sum.p99)} (${[...statuses].map(([s, c]) => `${s}×${c}`).join(" ")}); ` +
          `CPU ms/claim: server ${perClaim(processCpuSeconds(server.pid!) - server0)}, PostgreSQL ${perClaim(await pg0())}, clients ${perClaim((benchCpu.user + benchCpu.system) / 1e6)}`,
      );
    }
  } finally {
    server.kill("SIGTERM");
    await sleep(500);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
