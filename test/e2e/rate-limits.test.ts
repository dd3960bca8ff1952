/**
 * Rate limits, end to end: a server of its own with tight limits (and, on PostgreSQL, a second
 * server on the same database). A burst gets 429 with Retry-After: problem+json on the API, a
 * translated page for residents.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/client.server";
import { seedDemoData } from "~/db/seed.server";
import { generateFnr } from "~/kernel/fnr";
import { DEV_PROVIDER } from "~/services/provider-keys.server";
import { langCookie } from "~/utils/session.server";
import { createScratchPostgresDatabase } from "../support/db";
import { launch } from "./browser";
import { freePort } from "../support/net";

const LIMITS = {
  RATE_LIMIT_LOGIN: "6/60",
  RATE_LIMIT_IDP: "40/60",
  RATE_LIMIT_UPLOAD: "2/60",
  RATE_LIMIT_API_KEY: "30/60",
  RATE_LIMIT_STATUS_LOOKUP: "8/60",
  RATE_LIMIT_PROOF_CHECK: "3/60",
};

interface Server {
  url: string;
  child: ChildProcess;
}
const servers: Server[] = [];
let dataDir: string;
let dropDb: (() => Promise<void>) | undefined;
let browser: Browser;

async function start(databaseUrl: string | undefined): Promise<Server> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...LIMITS,
    NODE_ENV: "production",
    DEMO_MODE: "true",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    DEMO_DATA: "false",
    SESSION_SECRET: "s".repeat(40),
    FRIKORT_TODAY: "2026-11-23",
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["server/main.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - started > 60_000) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  const s = { url, child };
  servers.push(s);
  return s;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "fp-rl-"));
  let dbUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchPostgresDatabase(process.env.DATABASE_URL);
    dbUrl = scratch.url;
    dropDb = scratch.drop;
  }
  const database = await openDatabase(dbUrl ? { kind: "postgres", url: dbUrl } : { kind: "pglite", dataDir: path.join(dataDir, "pglite") });
  await seedDemoData(database, "2026-11-23"); // and the dev-provider-key
  await database.close();
  await start(dbUrl);
  // Two web processes on one PostgreSQL server share the counts (PGlite is one process only).
  if (dbUrl) await start(dbUrl);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.child.kill("SIGTERM");
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r)))));
  await dropDb?.();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Round-robin over the servers, as a load balancer would. */
let turn = 0;
const next = () => servers[turn++ % servers.length]!.url;

const api = (p: string, body: unknown) =>
  fetch(`${next()}/api/v1${p}`, { method: "POST", headers: { Authorization: `Bearer ${DEV_PROVIDER.key}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("rate limits", () => {
  it("a resident uploading too often gets a 429 page in their language", async () => {
    // Log in once (two of the six /auth/* points), with the browser, on the first server.
    const url = servers[0]!.url;
    const ctx = await browser.newContext({ baseURL: url, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto("/auth/start");
    let fnr: string | null = null;
    for (let individ = 340; !fnr; individ++) fnr = generateFnr("1980-02-02", individ);
    await page.getByLabel("Fødselsnummer").fill(fnr);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/manglende");
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const statuses: number[] = [];
    let last = null as null | Awaited<ReturnType<typeof page.request.post>>;
    for (let i = 0; i < 3; i++) {
      last = await page.request.post(`${url}/mine/manglende`, { multipart: { csrf, providerName: "", serviceDate: "", amount: "" }, maxRedirects: 0 });
      statuses.push(last.status());
    }
    expect(statuses.slice(0, 2).every((s) => s < 429)).toBe(true);
    expect(statuses[2]).toBe(429);
    expect(Number(last!.headers()["retry-after"])).toBeGreaterThan(0);
    const html = await last!.text();
    expect(html).toContain("For mange forsøk");
    // in English with the language cookie
    await page.request.post(`${url}/sprak`, { form: { lang: "en", returnTo: "/mine" }, maxRedirects: 0 });
    const en = await page.request.post(`${url}/mine/manglende`, { multipart: { csrf }, maxRedirects: 0 });
    expect(en.status()).toBe(429);
    expect(await en.text()).toContain("Too many attempts");
    await ctx.close();
  });

  it("a burst of logins from one address gets 429 with Retry-After, as a translated page", async () => {
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${next()}/auth/start`, { redirect: "manual" });
      statuses.push(r.status);
      if (r.status === 429 && !refused) refused = r;
      else await r.arrayBuffer();
    }
    // Two points went to the login above: four more starts, then 429 (on either server).
    expect(statuses.slice(0, 4)).toEqual([302, 302, 302, 302]);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused!.headers.get("content-type")).toMatch(/text\/html/);
    const html = await refused!.text();
    expect(html).toContain('lang="nb"');
    expect(html).toContain("For mange forsøk");
    const nn = await fetch(`${next()}/auth/start`, { headers: { Cookie: (await langCookie.serialize("nn")).split(";")[0]! }, redirect: "manual" });
    expect(nn.status).toBe(429);
    expect(await nn.text()).toContain("Du har prøvd for mange gonger");
  });

  it("limits the test provider's pages per address, but not its back channel that the portal itself calls", async () => {
    const backChannel: number[] = [];
    for (let i = 0; i < 45; i++) {
      const r = await fetch(`${next()}/idp/jwks`);
      backChannel.push(r.status);
      await r.arrayBuffer();
    }
    expect(backChannel.every((s) => s === 200)).toBe(true);
    const pages: number[] = [];
    for (let i = 0; i < 45; i++) {
      const r = await fetch(`${next()}/idp/auth?client_id=x`, { redirect: "manual" });
      pages.push(r.status);
      await r.arrayBuffer();
    }
    expect(pages.slice(0, 20).every((s) => s < 429)).toBe(true);
    expect(pages.at(-1)).toBe(429);
  });

  it("the API answers a burst of status lookups and proof checks with problem+json 429 and Retry-After", async () => {
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 10; i++) {
      const r = await api("/frikort/status", { fnr: "14035823159", date: "2019-06-01", serviceType: "fysioterapi" });
      statuses.push(r.status);
      if (r.status === 429 && !refused) refused = r;
      else await r.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
    expect(refused!.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused!.json()) as { type: string; status: number };
    expect(body.type).toBe("https://frikortportalen.no/problems/rate-limited");
    expect(body.status).toBe(429);

    const proofs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await api("/frikort/bevis", { code: "K7M2-9QXA-3B" });
      proofs.push(r.status);
      await r.arrayBuffer();
    }
    expect(proofs).toEqual([200, 200, 200, 429, 429]);
  });

  it("every API key has a limit on all its calls", async () => {
    // 10 + 5 calls above; 30 in all, then 429 whatever the endpoint.
    const statuses: number[] = [];
    for (let i = 0; i < 17; i++) {
      const r = await fetch(`${next()}/api/v1/egenandeler/rl-${i}`, { headers: { Authorization: `Bearer ${DEV_PROVIDER.key}` } });
      statuses.push(r.status);
      await r.arrayBuffer();
    }
    expect(statuses.slice(0, 15).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(15)).toEqual([429, 429]);
  });
});
