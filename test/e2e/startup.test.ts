import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Starts server/main.ts and collects its output until it exits (or 30 s pass). */
function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/main.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (c) => (output += String(c)));
    child.stderr!.on("data", (c) => (output += String(c)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("a production start without a real ID-porten", () => {
  it("refuses to start the embedded test login (anyone could log in as any fødselsnummer)", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "fp-startup-"));
    try {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        // any PostgreSQL URL: the configuration is refused before the database is opened
        DATABASE_URL: inject("databaseUrl") || "postgres://postgres@127.0.0.1:5432/test",
        SESSION_SECRET: "s".repeat(40),
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
      };
      const { code, output } = await start(env);
      expect(code).not.toBe(0);
      expect(output).toMatch(/OIDC_ISSUER .*required in production/);
      expect(output).toContain("DEMO_MODE=true");
      expect(output).not.toContain("Frikortportalen listening");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("starts with DEMO_MODE=true (this suite's own server runs that way)", async () => {
    const res = await fetch(`${inject("baseUrl")}/idp/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
  });
});
