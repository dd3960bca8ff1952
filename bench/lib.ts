/**
 * Shared helpers for the benchmarks in bench/: synthetic residents, the bench database names,
 * the ceiling table as SQL, a keep-alive HTTP client and latency statistics.
 * Nothing here is used by the app.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import type { AppConfig } from "../app/config.server";
import { isoDate } from "../app/kernel/dates";
import { generateFnr } from "../app/kernel/fnr";
import { completeOrgnr } from "../app/kernel/orgnr";
import { SERVICE_TYPES, type Fnr, type IsoDate, type Orgnr, type ServiceType } from "../app/kernel/types";
import { ceilingFor, FIRST_SUPPORTED_YEAR, lastSupportedYear, taksForYear } from "../app/rules/parameters/egenandelstak";
import { minimumPayoutForYear } from "../app/rules/parameters/exemptions";
import { takForService } from "../app/rules/parameters/tak-mapping";
import type { Db } from "../app/db/client.server";
import { startCitizenSession } from "../app/utils/session.server";

export const PG_BASE = process.env.BENCH_PG ?? "postgres://postgres@127.0.0.1:5432";

export function benchDbName(size: number): string {
  if (!Number.isInteger(size) || size <= 0) throw new Error(`size must be a positive integer, got ${size}`);
  return `fp_bench_${size}`;
}

export function benchDbUrl(size: number): string {
  return `${PG_BASE}/${benchDbName(size)}`;
}

export function parseSize(arg: string | undefined): number {
  if (!arg) throw new Error("usage: give the number of residents, e.g. 100000 (also 10k, 1M)");
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(arg.replace(/_/g, ""));
  if (!m) throw new Error(`not a size: ${arg}`);
  const mult = m[2]?.toLowerCase() === "k" ? 1_000 : m[2]?.toLowerCase() === "m" ? 1_000_000 : 1;
  return Math.round(Number(m[1]) * mult);
}

/** The bench's "today": the same date the app will use (real clock unless FRIKORT_TODAY is set). */
export function benchToday(): IsoDate {
  const o = process.env.FRIKORT_TODAY;
  if (o && /^\d{4}-\d{2}-\d{2}$/.test(o)) return isoDate(o);
  return isoDate(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()));
}

const DAY_MS = 86_400_000;
export function isoToDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
export function dayToIso(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10) as IsoDate;
}

/** Residents' birth dates: adults only (1940-01-01 .. 1999-12-31), so no child exemption applies. */
const BIRTH_FIRST = isoToDay("1940-01-01");
const BIRTH_DAYS = isoToDay("1999-12-31") - BIRTH_FIRST + 1;

export interface Resident {
  seq: number;
  fnr: string;
  birthDate: string;
}

/**
 * The bench's residents in a fixed order: individnummer outer, birth date inner, skipping numbers
 * whose control digits would be 10. Resident `seq` is always the same person, in every database.
 */
export function* residents(count: number, start = 0): Generator<Resident> {
  let seq = 0;
  for (let individ = 0; individ <= 499; individ++) {
    for (let d = 0; d < BIRTH_DAYS; d++) {
      const birthDate = dayToIso(BIRTH_FIRST + d);
      const fnr = generateFnr(birthDate, individ);
      if (fnr === null) continue;
      if (seq >= start) {
        if (seq >= start + count) return;
        yield { seq, fnr, birthDate };
      }
      seq++;
    }
  }
  throw new Error("ran out of synthetic fødselsnumre");
}

/** A valid fnr for somebody who is not among the loaded residents (born 1920–1939). */
export function newResidentFnr(rand: () => number): Fnr {
  const first = isoToDay("1920-01-01");
  const span = isoToDay("1939-12-31") - first + 1;
  for (;;) {
    const fnr = generateFnr(dayToIso(first + Math.floor(rand() * span)), Math.floor(rand() * 500));
    if (fnr) return fnr;
  }
}

/** Valid organisation numbers for the bench providers. */
export function benchOrgnrs(count: number): Orgnr[] {
  const out: Orgnr[] = [];
  for (let base = 91_000_000; out.length < count; base++) {
    const o = completeOrgnr(String(base));
    if (o) out.push(o);
  }
  return out;
}

/** SQL VALUES for (year, service_type, tak, ceiling_ore, minimum_payout_ore), every supported year. */
export function ceilingValuesSql(): string {
  const rows: string[] = [];
  for (let year = FIRST_SUPPORTED_YEAR; year <= lastSupportedYear(); year++) {
    for (const st of SERVICE_TYPES) {
      const tak = takForService(st, `${year}-06-30`);
      rows.push(`(${year}, '${st}', '${tak}', ${ceilingFor(tak, year).ceilingOre}, ${minimumPayoutForYear(year)})`);
    }
  }
  return rows.join(",\n");
}

/** SQL VALUES for (year, tak): the taks the engine writes a status for in a year. */
export function yearTaksValuesSql(): string {
  const rows: string[] = [];
  for (let year = FIRST_SUPPORTED_YEAR; year <= lastSupportedYear(); year++) {
    for (const tak of taksForYear(year)) rows.push(`(${year}, '${tak}')`);
  }
  return rows.join(", ");
}

export const SERVICE_TYPE_LIST: readonly ServiceType[] = SERVICE_TYPES;

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- HTTP (keep-alive, loopback only)

export interface HttpResult {
  status: number;
  body: string;
  /** ms from sending to the first byte of the response head */
  ttfbMs: number;
  /** ms from sending to the last byte of the body */
  totalMs: number;
  headers: http.IncomingHttpHeaders;
}

export function makeAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, keepAliveMsecs: 10_000 });
}

export function request(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  opts: { body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let ttfb = 0;
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined) {
      headers["Content-Type"] ??= "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(opts.body));
    }
    const req = http.request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
      ttfb = Number(process.hrtime.bigint() - t0) / 1e6;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ttfbMs: ttfb,
          totalMs: Number(process.hrtime.bigint() - t0) / 1e6,
          headers: res.headers,
        }),
      );
      res.on("error", reject);
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

// ---------------------------------------------------------------- statistics

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface LatencySummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): LatencySummary {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, mean };
}

export function fmtMs(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : "n/a";
}

// ---------------------------------------------------------------- CPU accounting from /proc (Linux)

const TICK = 100; // USER_HZ on Linux

function procTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields 14 and 15 (utime, stime) are at index 11 and 12 after the command
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0;
  }
}

/** CPU ticks of every postgres process, by pid. */
function postgresTicksByPid(): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") out.set(Number(d), procTicks(Number(d)));
    } catch {
      // process went away
    }
  }
  return out;
}

/** The server process and its children (the web processes with WEB_CONCURRENCY > 1). */
function serverTreeTicks(pid: number): number {
  let sum = procTicks(pid);
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) sum += procTicks(Number(d));
    } catch {
      // process went away
    }
  }
  return sum;
}

/**
 * The PostgreSQL processes that work for the benchmark: backends connected to the bench database
 * and the shared WAL writer, checkpointer and background writer. Other databases on the same
 * server (another engineer's tests) then count as "other processes", not as the bench's cost.
 */
let ourPostgres: Set<number> | null = null;
export async function refreshOurPostgres(client: { query: (q: string, p: unknown[]) => Promise<{ rows: Array<{ pid: number }> }> }, dbName: string) {
  const r = await client.query("select pid from pg_stat_activity where datname = $1 or backend_type in ('walwriter', 'checkpointer', 'background writer', 'autovacuum launcher')", [
    dbName,
  ]);
  ourPostgres = new Set(r.rows.map((x) => Number(x.pid)));
}

export interface CpuSnapshot {
  at: number;
  server: number;
  postgres: Map<number, number>;
  generator: number;
  /** whole machine, from /proc/stat: busy and idle (incl. iowait) core-seconds */
  busy: number;
  idle: number;
}

function machineTicks(): { busy: number; idle: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const busy = f.slice(0, 8).reduce((a, b) => a + b, 0) - idle;
  return { busy: busy / TICK, idle: idle / TICK };
}

/** `externalGenerator`: CPU seconds used so far by a load generator in another process (wrk), added to this process's own. */
export function cpuSnapshot(serverPid: number, externalGenerator = 0): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    at: performance.now(),
    server: serverTreeTicks(serverPid) / TICK,
    postgres: postgresTicksByPid(),
    generator: (u.user + u.system) / 1e6 + externalGenerator,
    ...machineTicks(),
  };
}

/** CPU seconds (user + system, all threads) used so far by one process; 0 once it has gone. */
export function processCpuSeconds(pid: number): number {
  return procTicks(pid) / TICK;
}

function postgresBetween(a: CpuSnapshot, b: CpuSnapshot, ours: boolean): number {
  let ticks = 0;
  for (const [pid, t] of b.postgres) {
    const isOurs = ourPostgres === null || ourPostgres.has(pid);
    if (isOurs === ours) ticks += t - (a.postgres.get(pid) ?? 0);
  }
  return ticks / TICK;
}

/**
 * CPU use between two snapshots as "cores busy" (1.0 = one core fully used) and, given the number
 * of requests served, CPU milliseconds per request: the figure to compare runs on a shared machine.
 */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, requests?: number): string {
  const wall = (b.at - a.at) / 1000;
  const f = (x: number) => (x / wall).toFixed(2);
  const server = b.server - a.server;
  const pgOurs = postgresBetween(a, b, true);
  const pgOther = postgresBetween(a, b, false);
  const gen = b.generator - a.generator;
  const other = Math.max(0, b.busy - a.busy - server - pgOurs - gen);
  let out = `cores busy: server ${f(server)}, postgres ${f(pgOurs)}, load generator ${f(gen)}, other processes ${f(other)} (of which other databases' postgres ${f(pgOther)}); machine idle ${f(b.idle - a.idle)} (of 2)`;
  if (requests && requests > 0) {
    const ms = (x: number) => ((x * 1000) / requests).toFixed(2);
    out += `\n             CPU per request: server ${ms(server)} ms, postgres ${ms(pgOurs)} ms, load generator ${ms(gen)} ms (server + postgres ${ms(server + pgOurs)} ms)`;
  }
  return out;
}

/** The session secret the bench's server runs with (a placeholder, never a deployment's). */
export const BENCH_SESSION_SECRET = "bench-session-secret-0123456789-abcdefghij";

/** A signed session cookie ("name=value") for a resident: a session row and the cookie, as a login makes them. */
export async function benchSessionCookie(config: AppConfig, db: Db, personId: string): Promise<string> {
  return (await startCitizenSession(db, config, personId)).split(";")[0]!;
}

/** What a script in bench/wrk/ reports (its `WRK key=value …` line; latencies in µs). */
export interface WrkResult {
  requests: number;
  duration_us: number;
  connect: number;
  read: number;
  write: number;
  /** answers that were not 2xx/3xx */
  status: number;
  timeout: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  /** the script ran out of request bodies before the duration (bench/wrk/claims.lua): the figures are capped */
  exhausted: boolean;
  /** CPU seconds wrk itself used */
  cpuSeconds: number;
  /** socket errors and timeouts and non-2xx answers together */
  bad: number;
}

export const WRK_BIN = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => existsSync(p));

/**
 * Runs wrk (one thread, `clients` connections) with a script from bench/wrk/ against `url` and returns its result line, with
 * wrk's own CPU sampled from /proc while it ran (it is gone when it has exited). Throws when wrk is not installed or prints no
 * result line.
 */
export async function runWrk(o: { script: string; clients: number; seconds: number; timeoutS: number; url: string; env: Record<string, string> }): Promise<WrkResult> {
  if (!WRK_BIN) throw new Error("wrk is not installed (apt-get install -y wrk)");
  const child = spawn(WRK_BIN, ["-t1", `-c${o.clients}`, `-d${o.seconds}s`, "--timeout", `${o.timeoutS}s`, "-s", o.script, o.url], {
    env: { ...process.env, ...o.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let cpuSeconds = 0;
  const sampler = setInterval(() => {
    const sec = processCpuSeconds(child.pid!);
    if (sec > 0) cpuSeconds = sec;
  }, 100);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  // "close", not "exit": wrk's stdout (the result line) may still be open when it has exited
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", () => resolve());
  });
  clearInterval(sampler);
  const m = /WRK (.*)/.exec(out);
  if (!m) throw new Error(`wrk printed no result line (output: ${out.slice(0, 300)})`);
  const f = Object.fromEntries(
    m[1]!
      .split(" ")
      .map((kv) => kv.split("="))
      .map(([k, v]) => [k!, Number(v)]),
  ) as Record<string, number>;
  const n = (k: string) => f[k] ?? 0;
  return {
    requests: n("requests"),
    duration_us: n("duration_us"),
    connect: n("connect"),
    read: n("read"),
    write: n("write"),
    status: n("status"),
    timeout: n("timeout"),
    p50: n("p50"),
    p90: n("p90"),
    p99: n("p99"),
    max: n("max"),
    mean: n("mean"),
    exhausted: /WRK_EXHAUSTED/.test(out),
    cpuSeconds,
    bad: n("status") + n("connect") + n("read") + n("write") + n("timeout"),
  };
}
