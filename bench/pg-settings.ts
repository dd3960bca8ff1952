/**
 * PostgreSQL settings for the benchmark server (a 24 GB, 2-core machine holding ~20M egenandeler).
 * Prints the current value of each next to the one the benchmark uses; with --apply it sets them
 * with ALTER SYSTEM and reloads. Settings that need a restart (shared_buffers, wal_buffers) are
 * reported as pending; restart the server yourself when nothing else uses it, e.g.
 *   sudo pg_ctlcluster 15 main restart      (Debian)
 * synchronous_commit stays on: an acknowledged registration is a durable one.
 *
 * Huge pages. On these machines (virtual, where a page fault is expensive) a backend touching a
 * buffer of a 6 GB shared_buffers for the first time costs ~5 µs in 4 kB pages: a registration
 * touches ~50 buffers at 1M residents, and with 6 GB in 4 kB pages PostgreSQL spent 1.30-1.38 ms of
 * CPU a registration against 0.56-0.59 ms with the same memory in 2 MB pages (bench/api.ts 100000,
 * same database and load, docs/bench/results.md "sixth session"). --apply therefore reserves huge
 * pages for the shared memory (vm.nr_hugepages, as root) and sets huge_pages = try: "try", not "on",
 * because a reservation does not survive a reboot and "on" would then keep the server from starting.
 * The report says whether the running server has its shared memory in huge pages.
 *
 *   node_modules/.bin/tsx bench/pg-settings.ts            # show
 *   node_modules/.bin/tsx bench/pg-settings.ts --apply    # ALTER SYSTEM + pg_reload_conf()
 *   node_modules/.bin/tsx bench/pg-settings.ts --reset    # ALTER SYSTEM RESET of the same names
 */
import { readFileSync, writeFileSync } from "node:fs";
import pg from "pg";

const SERVER = process.env.BENCH_PG ?? "postgres://postgres@127.0.0.1:5432";

export const BENCH_SETTINGS: Array<{ name: string; value: string; why: string }> = [
  { name: "shared_buffers", value: "6GB", why: "a quarter of RAM: the hot indexes (2+ GB at 1M residents) stay in PostgreSQL's cache (restart)" },
  { name: "effective_cache_size", value: "16GB", why: "what the OS cache holds besides; planner only" },
  { name: "wal_buffers", value: "64MB", why: "room for a batch's WAL between flushes (restart)" },
  { name: "max_wal_size", value: "16GB", why: "fewer checkpoints, so fewer full-page images in the WAL after each" },
  { name: "min_wal_size", value: "2GB", why: "keep WAL segments for reuse" },
  { name: "checkpoint_timeout", value: "15min", why: "same: checkpoints every 15 min instead of 5" },
  { name: "checkpoint_completion_target", value: "0.9", why: "spread checkpoint writes" },
  { name: "wal_compression", value: "lz4", why: "compress the full-page images that remain (lz4: a fraction of pglz's CPU)" },
  { name: "huge_pages", value: "try", why: "shared memory in 2 MB pages when reserved (vm.nr_hugepages, set by --apply; restart)" },
];

async function main() {
  const apply = process.argv.includes("--apply");
  const reset = process.argv.includes("--reset");
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    if (apply || reset) {
      for (const s of BENCH_SETTINGS) {
        // Names and values are this file's constants, not input.
        await client.query(reset ? `alter system reset ${s.name}` : `alter system set ${s.name} = '${s.value}'`);
      }
      await client.query("select pg_reload_conf()");
      if (apply) reserveHugePages();
      await new Promise((r) => setTimeout(r, 500));
    }
    const rows = (
      await client.query<{ name: string; setting: string; unit: string | null; pending_restart: boolean }>(
        "select name, setting, unit, pending_restart from pg_settings where name = any($1)",
        [BENCH_SETTINGS.map((s) => s.name)],
      )
    ).rows;
    const byName = new Map(rows.map((r) => [r.name, r]));
    const sync = (await client.query<{ synchronous_commit: string }>("show synchronous_commit")).rows[0]!.synchronous_commit;
    process.stdout.write(`PostgreSQL settings for the benchmark (${apply ? "applied" : reset ? "reset" : "not changed; --apply to set"}):\n`);
    for (const s of BENCH_SETTINGS) {
      const r = byName.get(s.name);
      const now = r ? `${r.setting}${r.unit ? ` ${r.unit}` : ""}` : "?";
      process.stdout.write(`  ${s.name.padEnd(30)} now ${now.padEnd(14)} bench ${s.value.padEnd(8)}${r?.pending_restart ? "  PENDING RESTART" : ""}  — ${s.why}\n`);
    }
    process.stdout.write(`  synchronous_commit             now ${sync} (must stay on)\n`);
    const huge = hugePages();
    const inUse = huge.total - huge.free + huge.rsvd;
    process.stdout.write(
      `  huge pages (/proc/meminfo)     ${huge.total} reserved, ${inUse} held by shared memory` +
        (huge.total > 0 && inUse === 0 ? " — the running server does not use them: restart it" : huge.total === 0 ? " — none: --apply as root reserves them" : "") +
        "\n",
    );
    if (rows.some((r) => r.pending_restart))
      process.stdout.write("Some settings take effect only after a restart of the PostgreSQL server (e.g. sudo pg_ctlcluster 15 main restart).\n");
  } finally {
    await client.end();
  }
}

/** 2 MB pages: shared_buffers (6 GB) + wal_buffers (64 MB) + PostgreSQL's other shared memory (~100 MB), with room to spare. */
const HUGE_PAGES_NEEDED = 3300;

function hugePages(): { total: number; free: number; rsvd: number } {
  const info = readFileSync("/proc/meminfo", "utf8");
  const n = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(info)?.[1] ?? 0);
  return { total: n("HugePages_Total"), free: n("HugePages_Free"), rsvd: n("HugePages_Rsvd") };
}

function reserveHugePages(): void {
  if (hugePages().total >= HUGE_PAGES_NEEDED) return;
  try {
    writeFileSync("/proc/sys/vm/nr_hugepages", String(HUGE_PAGES_NEEDED));
    process.stdout.write(`reserved ${hugePages().total} huge pages (vm.nr_hugepages)\n`);
  } catch {
    process.stdout.write(`could not reserve huge pages; as root: sysctl -w vm.nr_hugepages=${HUGE_PAGES_NEEDED}\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
