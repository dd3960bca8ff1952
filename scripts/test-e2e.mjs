// The browser tests in two halves at once: `node scripts/test-e2e.mjs [vitest args…]`.
//
// Each half is its own vitest run of the e2e project, so each has its own global setup: its own
// server on its own port, its own database (a PGlite directory, or a scratch database on the
// PostgreSQL server) and its own server log. Within a half the files still run one at a time (they
// share that server and count rows each other writes: vitest.config.ts). The two halves share only
// the machine. Run one after the other, the browser files took 595 s of CI's ~1,200 s on two cores;
// most of a browser test is waiting on a page, not a core.
//
// The files are dealt to the halves by how long each took in CI (longest first, each to the half
// with less so far); a file not in the table counts as TYPICAL_S. E2E_SHARDS=1 runs them in one, and
// so does a run given arguments (`npm run test:e2e -- test/e2e/auth.test.ts`).
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
/** Seconds per file in CI (test-results/vitest-e2e.json of a run on 2026-12-06, PGlite). */
const SECONDS = {
  "fuzz.test.ts": 87,
  "representation.test.ts": 45,
  "control-cases.test.ts": 44,
  "staff.test.ts": 39,
  "portal.test.ts": 35,
  "auth.test.ts": 32,
  "abroad-apply.test.ts": 29,
  "security-matrix.test.ts": 27,
  "staff-abroad-review.test.ts": 23,
  "abroad-payment-proof.test.ts": 22,
  "account-proof.test.ts": 22,
  "self-service.test.ts": 22,
  "caseworker-journey.test.ts": 20,
  "overview.test.ts": 17,
  "abroad-upload.test.ts": 14,
  "control-signals.test.ts": 11,
  "upload-torture.test.ts": 11,
  "startup.test.ts": 10,
  "abroad-start.test.ts": 9,
};
const TYPICAL_S = 10;

const extra = process.argv.slice(2);
// arguments (a file, `-t name`) pick some tests: those run in one vitest run, as `vitest run --project e2e …` would
const shards = extra.length ? 1 : Math.max(1, Number(process.env.E2E_SHARDS ?? 2));
const files = readdirSync(path.join(root, "test/e2e"))
  .filter((f) => f.endsWith(".test.ts"))
  .sort((a, b) => (SECONDS[b] ?? TYPICAL_S) - (SECONDS[a] ?? TYPICAL_S) || a.localeCompare(b));
const halves = Array.from({ length: shards }, () => ({ files: [], seconds: 0 }));
for (const f of files) {
  const h = halves.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  h.files.push(`test/e2e/${f}`);
  h.seconds += SECONDS[f] ?? TYPICAL_S;
}

mkdirSync(path.join(root, "test-results"), { recursive: true });
const vitest = path.join(root, "node_modules/.bin/vitest");
const runs = halves.map(
  (h, i) =>
    new Promise((resolve) => {
      const env = { ...process.env, E2E_SHARD: String(i + 1) };
      // one JSON report per half (.ci/run adds them up), unless the caller named one file for a single run
      if (process.env.CI && (shards > 1 || !process.env.VITEST_JSON)) env.VITEST_JSON = `test-results/vitest-e2e-${i + 1}.json`;
      const args = ["run", "--project", "e2e", ...(extra.length ? extra : h.files)];
      // the first half prints as it goes; the others to a file, printed when they end (two live outputs would interleave)
      const live = i === 0;
      const logFile = path.join(root, "test-results", `e2e-${i + 1}.log`);
      const child = spawn(vitest, args, { cwd: root, env, stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
      const out = live ? null : createWriteStream(logFile);
      if (out) {
        child.stdout.pipe(out, { end: false });
        child.stderr.pipe(out, { end: false });
      }
      child.on("close", (code) => {
        if (!out) return resolve(code ?? 1);
        out.end(() => {
          process.stdout.write(`\n--- e2e half ${i + 1} of ${shards} (${h.files.length} files) ---\n${readFileSync(logFile, "utf8")}`);
          resolve(code ?? 1);
        });
      });
    }),
);
const codes = await Promise.all(runs);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
