import { type ChildProcess, spawn } from "node:child_process";
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

describe("HSTS", () => {
  it("is sent on every kind of answer when PUBLIC_URL is https", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "fp-hsts-"));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DEMO_MODE: "true",
      DEMO_DATA: "false",
      SESSION_SECRET: "h".repeat(40),
      PORT: String(port),
      HOST: "127.0.0.1",
      // TLS ends at the proxy in front; the process itself listens on http
      PUBLIC_URL: `https://localhost:${port}`,
      DATA_DIR: dataDir,
    };
    const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/main.ts"], { cwd: root, env, stdio: "ignore" });
    try {
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (Date.now() > deadline) throw new Error("server did not start");
        try {
          if ((await fetch(`${url}/healthz`)).ok) break;
        } catch {
          /* not yet */
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const answers = [
        await fetch(`${url}/`),
        await fetch(`${url}/mine`, { redirect: "manual" }),
        await fetch(`${url}/healthz`),
        await fetch(`${url}/api/v1/egenandeler/x`),
        await fetch(`${url}/api/v1/frikort/status`, { method: "POST", body: "{}" }),
      ];
      for (const r of answers) expect(r.headers.get("strict-transport-security"), r.url).toBe("max-age=31536000; includeSubDomains");
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("is not sent on plain http (a local demo must not pin localhost to https)", async () => {
    const res = await fetch(`${inject("baseUrl")}/`);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});
