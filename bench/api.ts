/**
 * HTTP benchmarks against a database made by bench/load.ts. Starts the server (production build)
 * as a child process on loopback, creates an API key, and prints:
 *   (a) registrations/s with 8, 16 and 32 concurrent clients (new claims, 90 % existing residents)
 *   (b) single frikort status lookups with 50 concurrent clients: p50/p90/p99/max
 *   (c) 1000-person batch lookups: 20 runs
 *   (d) the overview page GET /mine?ar=YYYY for the resident with 200 egenandeler: 100 runs
 *   (e) where the time goes: queries per registration (in-process), EXPLAIN of the hot queries
 *
 *   node_modules/.bin/tsx bench/api.ts 100000 [--duration=15] [--levels=8,16,32]
 *
 * The load generator, the server and PostgreSQL share the same 2 cores; the CPU split is printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { orgnrOf } from "../app/kernel/orgnr";
import { loadYearOverview } from "../app/services/overview.server";
import { createProviderKey } from "../app/services/provider-keys.server";
import { registerEgenandel } from "../app/services/register.server";
import {
  BENCH_SESSION_SECRET,
  benchDbUrl,
  benchSessionCookie,
  benchToday,
  cpuBetween,
  cpuSnapshot,
  refreshOurPostgres,
  dayToIso,
  fmtMs,
  isoToDay,
  makeAgent,
  newResidentFnr,
  parseSize,
  prng,
  request,
  runWrk,
  SERVICE_TYPE_LIST,
  summarize,
  type LatencySummary,
  WRK_BIN,
} from "./lib";

const size = parseSize(process.argv[2]);
const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const DURATION_S = Number(arg("duration", "15"));
const LEVELS = arg("levels", "8,16,32").split(",").map(Number);
const STATUS_CLIENTS = 50;
const BATCH_RUNS = 20;
const OVERVIEW_RUNS = 100;
const PORT = Number(arg("port", "3917"));
/** --only=a,b,c,d,e runs a subset; --cpu-prof runs the server under node --cpu-prof and prints its hottest functions. */
const ONLY = new Set(arg("only", "a,b,c,d,e").split(","));
const CPU_PROF = process.argv.includes("--cpu-prof");
/** --web=2 runs two web processes (WEB_CONCURRENCY; a placeholder external OIDC issuer, as the cluster needs one). */
const WEB = Number(arg("web", "1"));
/** --loadgen=node or =wrk runs phase (b) with that load generator only; by default with both (wrk when installed). */
const LOADGEN = arg("loadgen", "both");
const PROF_DIR = path.resolve("docs/bench/logs/prof");
const url = benchDbUrl(size);
const dbName = new URL(url).pathname.slice(1);
const today = benchToday();
const thisYear = Number(today.slice(0, 4));
const yearStartDay = isoToDay(`${thisYear}-01-01`);
const yearDays = isoToDay(today) - yearStartDay + 1;
const runTag = Date.now().toString(36);
const rand = prng(Date.now() % 1_000_000);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const results: Record<string, unknown> = { size, date: today, duration_s: DURATION_S, web_processes: WEB };

function line(s = "") {
  process.stdout.write(s + "\n");
}
function fmtSummary(s: LatencySummary) {
  return `p50 ${fmtMs(s.p50)}, p90 ${fmtMs(s.p90)}, p99 ${fmtMs(s.p99)}, max ${fmtMs(s.max)} (n=${s.n})`;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The environment the bench's server runs with (and from which the bench makes its session cookie). */
function serverEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    DATABASE_URL: url,
    SESSION_SECRET: BENCH_SESSION_SECRET,
    DEMO_DATA: "false",
    // the single-process bench logs in through the embedded test provider (WEB > 1 sets an issuer)
    DEMO_MODE: "true",
    LOG_LEVEL: "info",
  };
}

async function startServer(logFile: string): Promise<ChildProcess> {
  const out = openSync(logFile, "w");
  const nodeArgs = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.join(PROF_DIR, `server-${size}-${runTag}`)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts"], {
    env: {
      ...serverEnv(),
      ...(WEB > 1 ? { WEB_CONCURRENCY: String(WEB), OIDC_ISSUER: "http://127.0.0.1:9/bench-no-issuer", OIDC_CLIENT_ID: "bench", OIDC_CLIENT_SECRET: "bench" } : {}),
    },
    stdio: ["ignore", out, out],
  });
  const agent = makeAgent(1);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const r = await request(agent, PORT, "GET", "/healthz", { timeoutMs: 2000 });
      if (r.status === 200) {
        agent.destroy();
        return child;
      }
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error("server did not become healthy within 60 s");
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(t);
}

/** Runs `clients` loops for at most `seconds` and at most `maxRequests` requests in all. */
async function closedLoop(clients: number, seconds: number, maxRequests: number, one: (agentIdx: number, n: number) => Promise<{ status: number; ms: number }>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let issued = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (performance.now() < end && issued < maxRequests) {
        const n = issued++;
        try {
          const r = await one(i, n);
          latencies.push(r.ms);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { latencies, statuses, errors, elapsed };
}

function statusText(m: Map<number, number>, errors: number) {
  return [...m.entries()].map(([k, v]) => `${k}×${v}`).join(" ") + (errors ? ` errors×${errors}` : "");
}

async function main() {
  // --- setup: metadata, residents, API key
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const meta = Object.fromEntries((await admin.query<{ key: string; value: string }>("select key, value from bench_meta")).rows.map((r) => [r.key, r.value]));
  if (Number(meta.size) !== size) throw new Error(`bench_meta.size is ${meta.size}, expected ${size}: run bench/load.ts ${size} first`);
  const fnrs = (await admin.query<{ fnr: string }>("select fnr from bench_persons where seq < $1 order by seq", [size])).rows.map((r) => r.fnr);
  const counts = (
    await admin.query<{ persons: number; egenandeler: number }>(
      "select (select count(*) from persons)::int as persons, (select reltuples::bigint from pg_class where relname = 'egenandeler')::bigint as egenandeler",
    )
  ).rows[0]!;
  line(
    `Frikortportalen API bench — ${size.toLocaleString("en-US")} loaded residents; now ${counts.persons.toLocaleString("en-US")} persons, ~${Number(counts.egenandeler).toLocaleString("en-US")} egenandeler; today ${today}`,
  );

  const settings = (
    await admin.query<{ name: string; setting: string; unit: string | null }>(
      "select name, setting, unit from pg_settings where name in ('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_compression', 'synchronous_commit', 'commit_delay') order by name",
    )
  ).rows;
  line(`PostgreSQL: ${settings.map((r) => `${r.name}=${r.setting}${r.unit ?? ""}`).join(", ")} (bench/pg-settings.ts)`);
  results.postgres_settings = Object.fromEntries(settings.map((r) => [r.name, `${r.setting}${r.unit ?? ""}`]));
  const database = await openDatabase({ kind: "postgres", url, max: 4 });
  const orgnr = orgnrOf(meta.orgnrs!.split(",")[0]!);
  const { key } = await createProviderKey(database.db, { orgnr, providerName: "Bench helse 1 AS", label: `bench ${runTag}` });
  const auth = { Authorization: `Bearer ${key}` };

  mkdirSync("docs/bench/logs", { recursive: true });
  const logFile = path.resolve(`docs/bench/logs/server-${size}.log`);
  const server = await startServer(logFile);
  const serverPid = server.pid!;
  line(`server pid ${serverPid} on http://127.0.0.1:${PORT}, ${WEB} web process(es) (log: ${path.relative(process.cwd(), logFile)})`);

  try {
    const regBody = (k: number, n: number) => {
      const d = dayToIso(yearStartDay + Math.floor(rand() * yearDays));
      return JSON.stringify({
        claimId: `api-${runTag}-${k}-${n}`,
        fnr: rand() < 0.9 ? pick(fnrs) : newResidentFnr(rand),
        serviceDate: d,
        serviceType: pick(SERVICE_TYPE_LIST),
        amountOre: (50 + Math.floor(rand() * 601)) * 100,
        providerName: "Bench helse 1 AS",
        paid: true,
      });
    };
    const statusBody = () => JSON.stringify({ fnr: pick(fnrs), date: dayToIso(yearStartDay + Math.floor(rand() * yearDays)), serviceType: pick(SERVICE_TYPE_LIST) });

    // --- warm-up (not measured)
    {
      const agent = makeAgent(8);
      await closedLoop(8, 3, 2000, async (_, n) => {
        const r =
          n % 2
            ? await request(agent, PORT, "POST", "/api/v1/egenandeler", { body: regBody(0, n), headers: auth })
            : await request(agent, PORT, "POST", "/api/v1/frikort/status", { body: statusBody(), headers: auth });
        return { status: r.status, ms: r.totalMs };
      });
      agent.destroy();
    }

    // --- (a) registrations
    if (ONLY.has("a")) {
      line(`\n(a) POST /api/v1/egenandeler — new claims (90 % existing residents, 10 % new), ${DURATION_S} s per level`);
      const reg: Array<Record<string, unknown>> = [];
      for (const k of LEVELS) {
        const agent = makeAgent(k);
        const c0 = cpuSnapshot(serverPid);
        const r = await closedLoop(k, DURATION_S, 200_000, async (_, n) => {
          const res = await request(agent, PORT, "POST", "/api/v1/egenandeler", { body: regBody(k, n), headers: auth });
          return { status: res.status, ms: res.totalMs };
        });
        const c1 = cpuSnapshot(serverPid);
        agent.destroy();
        await refreshOurPostgres(admin, dbName);
        const ok = r.statuses.get(201) ?? 0;
        const s = summarize(r.latencies);
        const perSec = ok / r.elapsed;
        reg.push({ clients: k, created: ok, per_s: Math.round(perSec), ...s, statuses: Object.fromEntries(r.statuses), errors: r.errors });
        line(
          `  ${String(k).padStart(2)} clients: ${Math.round(perSec).toLocaleString("en-US").padStart(6)} registrations/s (${ok} created in ${r.elapsed.toFixed(1)} s; ${statusText(r.statuses, r.errors)})`,
        );
        line(`             latency ${fmtSummary(s)}`);
        line(`             ${cpuBetween(c0, c1, r.latencies.length)}`);
      }
      const best = reg.reduce((a, b) => ((b.per_s as number) > (a.per_s as number) ? b : a));
      line(`  best: ${(best.per_s as number).toLocaleString("en-US")} registrations/s with ${best.clients} clients (target ≥ 1,000/s)`);
      results.registrations = { levels: reg, best_per_s: best.per_s, best_clients: best.clients };
    }

    // --- (b) single status lookups, 50 clients
    if (ONLY.has("b")) {
      line(`\n(b) POST /api/v1/frikort/status — ${STATUS_CLIENTS} concurrent clients, ${DURATION_S} s`);
      if (LOADGEN !== "wrk") {
        const agent = makeAgent(STATUS_CLIENTS);
        const answers = new Map<string, number>();
        const c0 = cpuSnapshot(serverPid);
        const r = await closedLoop(STATUS_CLIENTS, DURATION_S, 1_000_000, async () => {
          const res = await request(agent, PORT, "POST", "/api/v1/frikort/status", { body: statusBody(), headers: auth });
          if (res.status === 200) {
            const a = (JSON.parse(res.body) as { status: string }).status;
            answers.set(a, (answers.get(a) ?? 0) + 1);
          }
          return { status: res.status, ms: res.totalMs };
        });
        const c1 = cpuSnapshot(serverPid);
        agent.destroy();
        await refreshOurPostgres(admin, dbName);
        const s = summarize(r.latencies);
        const perSec = r.latencies.length / r.elapsed;
        line(
          `  ${r.latencies.length} lookups in ${r.elapsed.toFixed(1)} s = ${Math.round(perSec).toLocaleString("en-US")}/s (${statusText(r.statuses, r.errors)}; answers ${[...answers].map(([a, n]) => `${a} ${n}`).join(", ")})`,
        );
        line(`  latency ${fmtSummary(s)}, mean ${fmtMs(s.mean)} (target p99 < 20 ms)`);
        line(`  ${cpuBetween(c0, c1, r.latencies.length)}`);
        results.status = { clients: STATUS_CLIENTS, per_s: Math.round(perSec), ...s, statuses: Object.fromEntries(r.statuses), errors: r.errors };
      }

      // The same 50 closed-loop clients from wrk (C, epoll): a load generator that needs ~10× less CPU
      // than this Node process, so the server and PostgreSQL get the cores that a provider's own
      // machines would leave them. Both are printed; --loadgen=node skips this one.
      if (LOADGEN !== "node") {
        if (!WRK_BIN) line("  wrk: not installed (apt-get install -y wrk), skipped");
        else {
          const bodiesFile = path.join(tmpdir(), `fp-bench-status-${runTag}.ndjson`);
          writeFileSync(bodiesFile, Array.from({ length: 150_000 }, statusBody).join("\n") + "\n");
          const w0 = cpuSnapshot(serverPid);
          const f = await runWrk({
            script: "bench/wrk/status.lua",
            clients: STATUS_CLIENTS,
            seconds: DURATION_S,
            timeoutS: 5,
            url: `http://127.0.0.1:${PORT}`,
            env: { WRK_BODIES: bodiesFile, WRK_KEY: key },
          }).catch((e: unknown) => (line(`  wrk: ${String(e)}`), null));
          const w1 = cpuSnapshot(serverPid, f?.cpuSeconds ?? 0);
          rmSync(bodiesFile, { force: true });
          await refreshOurPostgres(admin, dbName);
          if (f) {
            const secs = f.duration_us / 1e6;
            const ms = (us: number) => fmtMs(us / 1000);
            const bad = f.bad;
            line(
              `  wrk, ${STATUS_CLIENTS} connections, 1 thread: ${f.requests} lookups in ${secs.toFixed(1)} s = ${Math.round(f.requests / secs).toLocaleString("en-US")}/s (${bad ? `${f.status} non-2xx, ${f.connect + f.read + f.write} socket errors, ${f.timeout} timeouts` : "all 200"})`,
            );
            line(`  latency p50 ${ms(f.p50)}, p90 ${ms(f.p90)}, p99 ${ms(f.p99)}, max ${ms(f.max)}, mean ${ms(f.mean)} (target p99 < 20 ms)`);
            line(`  ${cpuBetween(w0, w1, f.requests)}`);
            results.status_wrk = {
              clients: STATUS_CLIENTS,
              per_s: Math.round(f.requests / secs),
              p50: f.p50 / 1000,
              p90: f.p90 / 1000,
              p99: f.p99 / 1000,
              max: f.max / 1000,
              mean: f.mean / 1000,
              bad,
            };
          }
        }
      }

      // The same lookups from one client at a time: latency without queueing.
      const agent1 = makeAgent(1);
      const r1 = await closedLoop(1, 5, 1000, async () => {
        const res = await request(agent1, PORT, "POST", "/api/v1/frikort/status", { body: statusBody(), headers: auth });
        return { status: res.status, ms: res.totalMs };
      });
      agent1.destroy();
      const s1 = summarize(r1.latencies);
      line(`  one client, sequential: ${fmtSummary(s1)}`);
      results.status_single_client = s1;
    }

    // --- (c) batch of 1000 distinct residents
    if (ONLY.has("c")) {
      line(`\n(c) POST /api/v1/frikort/status/batch — 1000 distinct residents, ${BATCH_RUNS} runs (+1 warm-up)`);
      const agent = makeAgent(1);
      const times: number[] = [];
      let bad = 0;
      for (let run = 0; run <= BATCH_RUNS; run++) {
        const chosen = new Set<number>();
        while (chosen.size < Math.min(1000, fnrs.length)) chosen.add(Math.floor(rand() * fnrs.length));
        const body = JSON.stringify({
          requests: [...chosen].map((i) => ({ fnr: fnrs[i], date: dayToIso(yearStartDay + Math.floor(rand() * yearDays)), serviceType: pick(SERVICE_TYPE_LIST) })),
        });
        const res = await request(agent, PORT, "POST", "/api/v1/frikort/status/batch", { body, headers: auth, timeoutMs: 60_000 });
        if (res.status !== 200 || (JSON.parse(res.body) as { results: unknown[] }).results.length !== chosen.size) bad++;
        if (run > 0) times.push(res.totalMs);
      }
      agent.destroy();
      const s = summarize(times);
      line(`  ${fmtSummary(s)}, mean ${fmtMs(s.mean)}${bad ? `; ${bad} bad responses` : ""} (target < 1 s)`);
      results.batch = { ...s, bad };
    }

    // --- (d) overview page for the resident with 200 egenandeler this year
    const heavyId = meta.heavy_person_id!;
    const heavyYear = Number(meta.heavy_year);
    if (ONLY.has("d")) {
      line(`\n(d) GET /mine?ar=${heavyYear} — resident with 200 egenandeler in ${heavyYear}, ${OVERVIEW_RUNS} sequential runs (+5 warm-up)`);
      const cookie = await benchSessionCookie(loadConfig(serverEnv()), database.db, heavyId);
      const agent = makeAgent(1);
      const ttfb: number[] = [];
      const total: number[] = [];
      let bytes = 0;
      let bad = 0;
      for (let run = 0; run < OVERVIEW_RUNS + 5; run++) {
        const res = await request(agent, PORT, "GET", `/mine?ar=${heavyYear}`, { headers: { Cookie: cookie, Accept: "text/html" } });
        const rows = (res.body.match(/Bench helse 1 AS/g) ?? []).length;
        if (res.status !== 200 || rows < 200) {
          bad++;
          if (bad === 1) line(`  unexpected response: ${res.status}, ${rows} rows, location ${String(res.headers.location ?? "")}`);
        }
        bytes = res.body.length;
        if (run >= 5) {
          ttfb.push(res.ttfbMs);
          total.push(res.totalMs);
        }
      }
      agent.destroy();
      const st = summarize(ttfb);
      const sa = summarize(total);
      line(`  time to first byte: ${fmtSummary(st)}`);
      line(`  full response (${Math.round(bytes / 1024)} KiB HTML, uncompressed): ${fmtSummary(sa)} (target < 50 ms)${bad ? `; ${bad} bad responses` : ""}`);
      // The loader's data part alone (two queries + computeYearOverview), in this process.
      const inproc: number[] = [];
      for (let run = 0; run < OVERVIEW_RUNS + 5; run++) {
        const t0 = performance.now();
        const r = await loadYearOverview(database.db, heavyId, heavyYear);
        if (!r || r.overview.lines.length !== 200) throw new Error(`heavy resident has ${r?.overview.lines.length} rows in ${heavyYear}`);
        if (run >= 5) inproc.push(performance.now() - t0);
      }
      const si = summarize(inproc);
      line(`  loadYearOverview alone (in-process, same DB): ${fmtSummary(si)}`);
      results.overview = { ttfb: st, full: sa, html_bytes: bytes, load_year_overview: si, bad };
    }

    // --- (e) where the time goes
    if (ONLY.has("e")) {
      line(`\n(e) profile`);
      {
        // One client, sequential HTTP registrations: the latency floor.
        const agent = makeAgent(1);
        const r = await closedLoop(1, 5, 500, async (_, n) => {
          const res = await request(agent, PORT, "POST", "/api/v1/egenandeler", { body: regBody(1000, n), headers: auth });
          return { status: res.status, ms: res.totalMs };
        });
        agent.destroy();
        const s = summarize(r.latencies);
        line(`  HTTP registration, one client: ${fmtSummary(s)} → at most ~${Math.round(1000 / s.mean)}/s per client`);
        results.registration_single_client = s;
      }
      {
        // Count and time the SQL of registerEgenandel, in this process, against the same database.
        type AnyQuery = (...a: unknown[]) => unknown;
        const proto = pg.Client.prototype as unknown as { query: AnyQuery };
        const orig = proto.query;
        const stats = new Map<string, { n: number; ms: number }>();
        let counting = false;
        const record = (text: string, ms: number) => {
          if (!counting) return;
          const k = text.replace(/\s+/g, " ").slice(0, 90);
          const e = stats.get(k) ?? { n: 0, ms: 0 };
          e.n++;
          e.ms += ms;
          stats.set(k, e);
        };
        proto.query = function (this: unknown, ...args: unknown[]) {
          const first = args[0] as string | { text?: string } | undefined;
          const text = typeof first === "string" ? first : (first?.text ?? "?");
          const t0 = performance.now();
          const cbIdx = args.findIndex((a) => typeof a === "function");
          if (cbIdx >= 0) {
            const cb = args[cbIdx] as (...x: unknown[]) => void;
            args[cbIdx] = (...x: unknown[]) => {
              record(text, performance.now() - t0);
              cb(...x);
            };
            return orig.apply(this, args);
          }
          const res = orig.apply(this, args) as Promise<unknown> | undefined;
          if (res && typeof res.then === "function")
            res.then(
              () => record(text, performance.now() - t0),
              () => record(text, performance.now() - t0),
            );
          return res;
        } as AnyQuery;
        const N = 200;
        const times: number[] = [];
        counting = true;
        for (let n = 0; n < N; n++) {
          const input = JSON.parse(regBody(2000, n)) as Parameters<typeof registerEgenandel>[2];
          const t0 = performance.now();
          await registerEgenandel(database.db, orgnr, input, today);
          times.push(performance.now() - t0);
        }
        counting = false;
        proto.query = orig;
        const s = summarize(times);
        const totalQ = [...stats.values()].reduce((a, b) => a + b.n, 0);
        const totalMs = [...stats.values()].reduce((a, b) => a + b.ms, 0);
        line(
          `  registerEgenandel in-process (no HTTP): ${fmtSummary(s)}; ${(totalQ / N).toFixed(1)} SQL round trips per registration, ${(totalMs / N).toFixed(2)} ms of them waiting on PostgreSQL`,
        );
        for (const [k, v] of [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
          line(`    ${(v.n / N).toFixed(2).padStart(5)}×  ${(v.ms / v.n).toFixed(3).padStart(7)} ms  ${k}`);
        }
        results.register_in_process = { ...s, round_trips: totalQ / N, db_ms: totalMs / N };
      }
      {
        // Plans of the hot queries.
        const fnr = fnrs[Math.floor(fnrs.length / 2)]!;
        const explain = async (label: string, sql: string, params: unknown[]) => {
          const plan = (await admin.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers, timing) ${sql}`, params)).rows.map((r) => r["QUERY PLAN"]);
          line(`  EXPLAIN ${label}:`);
          for (const p of plan) line(`    ${p}`);
        };
        await explain("status lookup: persons by fnr", "select id, fnr, birth_date, reserved_at from persons where fnr = any($1)", [[fnr]]);
        const [{ id }] = (await admin.query<{ id: string }>("select id from persons where fnr = $1", [fnr])).rows as [{ id: string }];
        await explain("status lookup: frikort_status", "select person_id, year, tak, frikort_from from frikort_status where person_id = any($1) and year = any($2)", [
          [id],
          [thisYear],
        ]);
        await explain(
          "person-year rows (recompute and overview)",
          "select id, service_date, service_type, amount_ore, provider_name, paid, paid_date, cancelled_at from egenandeler where person_id = $1 and service_date >= $2 and service_date <= $3 order by service_date, id",
          [meta.heavy_person_id, `${thisYear}-01-01`, `${thisYear}-12-31`],
        );
      }
    }
  } finally {
    await stopServer(server);
    await database.close();
    await admin.end();
  }

  // What the server logged while we ran.
  const log = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  const levels = new Map<string, number>();
  for (const l of log) {
    try {
      const lvl = (JSON.parse(l) as { level?: string }).level ?? "?";
      levels.set(lvl, (levels.get(lvl) ?? 0) + 1);
    } catch {
      levels.set("text", (levels.get("text") ?? 0) + 1);
    }
  }
  for (const l of log) {
    if (!l.includes('"group commit batches"')) continue;
    try {
      const b = (JSON.parse(l) as { batches: Record<string, { batches: number; items: number; meanSize: number; maxSize: number }> }).batches;
      line(
        `group commit (one web process): ${Object.entries(b)
          .map(([k, v]) => `${k} ${v.items} in ${v.batches} batches (mean ${v.meanSize}, max ${v.maxSize})`)
          .join("; ")}`,
      );
    } catch {
      // not JSON
    }
  }
  line(`\nserver log: ${log.length} lines (${[...levels].map(([k, v]) => `${k} ${v}`).join(", ")}); no per-request timing is logged by the server`);
  results.server_log_lines = Object.fromEntries(levels);
  if (CPU_PROF) {
    // One profile per thread (the tsx loader runs in a worker): report the busiest.
    const dir = path.join(PROF_DIR, `server-${size}-${runTag}`);
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    const busiest = files.map((f) => ({ f, busy: busyMicros(f) })).sort((a, b) => b.busy - a.busy)[0];
    if (busiest) printProfile(busiest.f);
  }
  if (ONLY.size < 5 || CPU_PROF) return; // partial runs do not overwrite the full results
  writeFileSync(`docs/bench/logs/api-${size}.json`, JSON.stringify(results, null, 2) + "\n");
  line(`results written to docs/bench/logs/api-${size}.json`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function busyMicros(file: string): number {
  const prof = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const idle = new Set(prof.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  return prof.samples.reduce((a, id, i) => a + (idle.has(id) ? 0 : (prof.timeDeltas[i] ?? 0)), 0);
}

/** Self time per function (and per package) from a V8 .cpuprofile. */
function printProfile(file: string) {
  const prof = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const u = n.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
    const name = `${n.callFrame.functionName || "(anonymous)"} ${u ? `${u}:${n.callFrame.lineNumber + 1}` : ""}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + us);
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    const group = m
      ? m[1]!
      : u.startsWith("build/")
        ? "app (build/server)"
        : u.startsWith("node:") || !u
          ? `(${n.callFrame.functionName || "native"})`.replace(/^\((idle|program|garbage collector)\)$/, "($1)")
          : u;
    pkg.set(group, (pkg.get(group) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  line(`\nserver CPU profile (${(total / 1e6).toFixed(1)} s sampled, ${path.relative(process.cwd(), file)}):`);
  line("  by package:");
  for (const [k, v] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) line(`    ${pct(v)}  ${k}`);
  line("  hottest functions (self time):");
  for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 20)) line(`    ${pct(v)}  ${k.slice(0, 140)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
