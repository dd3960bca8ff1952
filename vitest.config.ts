import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * Three projects: unit (pure rules and domain, no I/O), db (integration on PGlite, or on the
 * PostgreSQL server in DATABASE_URL), e2e (the built app in Debian's Chromium through the
 * embedded ID-porten-like provider, with axe on every page).
 */
/** The projects named on the command line ("all" when none), to name this run's JSON report. */
function projectsRun(): string {
  const names = process.argv.flatMap((a, i, all) => (a === "--project" ? [all[i + 1]] : a.startsWith("--project=") ? [a.slice(10)] : []));
  return names.length > 0 ? names.join("+") : "all";
}

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // e2e files share one server and one Chromium each, and their journeys count rows other files
    // also write: they run one at a time. `npm run test:fast` runs the other projects' files two at a
    // time (--fileParallelism --maxWorkers=2): most of them hold one core (PGlite, OCR), and the
    // machines have two.
    fileParallelism: false,
    // CI also writes a JSON report per run, from which .ci/run prints one "N passed, N failed" line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: process.env.VITEST_JSON ?? `test-results/vitest-${projectsRun()}.json` }]] : ["default"],
    projects: [
      {
        plugins: [tsconfigPaths()],
        test: { name: "unit", include: ["test/domain/**/*.test.ts", "test/rules/**/*.test.ts", "test/unit/**/*.test.ts"] },
      },
      {
        plugins: [tsconfigPaths()],
        // The document pipeline: pure extraction, file sniffing, and a few real OCR runs (slow).
        test: { name: "documents", include: ["test/documents/**/*.test.ts"], testTimeout: 120_000 },
      },
      {
        plugins: [tsconfigPaths()],
        test: { name: "db", include: ["test/db/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        plugins: [tsconfigPaths()],
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
