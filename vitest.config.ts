import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * Three projects: unit (pure rules and domain, no I/O), db (integration on PGlite, or on the
 * PostgreSQL server in DATABASE_URL), e2e (the built app in Debian's Chromium through the
 * embedded ID-porten-like provider, with axe on every page).
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // e2e files share one server and one Chromium each; running files one at a time keeps the
    // 2-core machines steady.
    fileParallelism: false,
    // CI also writes a JSON report, from which .ci/run prints one "N passed, N failed" line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: process.env.VITEST_JSON ?? "test-results/vitest.json" }]] : ["default"],
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
        test: { name: "db", include: ["test/db/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
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
