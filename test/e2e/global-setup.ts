import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "~/db/client.server";
import { seedDemoData } from "~/db/seed.server";
import { createScratchPostgresDatabase } from "../support/db";
import { insertE2eResidents, insertSentAbroadApplication } from "../support/fixtures";
import { createProviderKey, DEV_PROVIDER } from "~/services/provider-keys.server";
import { freePort } from "../support/net";
import { orgnrOf } from "~/kernel/orgnr";

/** The date the e2e run pretends it is, so demo data and "this year" are stable. */
export const E2E_TODAY = "2026-11-23";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    serverLog: string;
    sessionSecret: string;
    residents: {
      physio2019: string;
      other: string;
      child: string;
      reserved: string;
      matrixOwner: string;
      matrixIntruder: string;
      repParent: string;
      repGiver: string;
      repHolder: string;
    };
    keys: { full: string; readOnly: string; otherOrg: string };
    /** The scratch PostgreSQL database the server uses (empty on PGlite, which one process owns). */
    databaseUrl: string;
    /** A refund claim abroad already sent, for the caseworker journey (test/e2e/staff.test.ts). */
    abroadCase: { fnr: string; applicationId: string; reference: string };
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy");
}

export default async function setup(project: TestProject) {
  const root = path.resolve(__dirname, "../..");
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    const b = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" });
    if (b.status !== 0) throw new Error("build failed");
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "fp-e2e-"));
  const serverUrl = process.env.DATABASE_URL;
  let dbUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (serverUrl) {
    const scratch = await createScratchPostgresDatabase(serverUrl);
    dbUrl = scratch.url;
    dropDb = scratch.drop;
  }
  process.env.FRIKORT_TODAY = E2E_TODAY;
  const database = await openDatabase(dbUrl ? { kind: "postgres", url: dbUrl } : { kind: "pglite", dataDir: path.join(dataDir, "pglite") });
  await seedDemoData(database, E2E_TODAY);
  const residents = await insertE2eResidents(database);
  const abroadCase = await insertSentAbroadApplication(database, E2E_TODAY);
  const keys = {
    full: DEV_PROVIDER.key,
    readOnly: (await createProviderKey(database.db, { orgnr: orgnrOf("974760673"), providerName: "Testklinikken AS", label: "read only", scopes: ["frikort:read"] })).key,
    otherOrg: (await createProviderKey(database.db, { orgnr: orgnrOf("923609016"), providerName: "Annen klinikk AS", label: "other org" })).key,
  };
  await database.close();

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  mkdirSync(path.join(root, "test-results"), { recursive: true });
  // one log per server: scripts/test-e2e.mjs runs two halves at once, each with its own server (E2E_SHARD)
  const serverLog = path.join(root, "test-results", `server-${dbUrl ? "pg" : "pglite"}${process.env.E2E_SHARD ? `-${process.env.E2E_SHARD}` : ""}.log`);
  writeFileSync(serverLog, "");
  const out = createWriteStream(serverLog, { flags: "a" });
  const sessionSecret = randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SESSION_SECRET: sessionSecret,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    DEMO_DATA: "false",
    // production build with the embedded test provider: a demo, on purpose
    DEMO_MODE: "true",
    FRIKORT_TODAY: E2E_TODAY,
    FRIKORT_TEST_HOOKS: "1",
    // The browser tests log in and upload far more often from 127.0.0.1 than a person would: raise
    // (not switch off) the per-address and per-resident limits here. test/e2e/rate-limits.test.ts
    // starts its own servers with tight limits.
    RATE_LIMIT_LOGIN: "100000/60",
    RATE_LIMIT_IDP: "100000/60",
    RATE_LIMIT_UPLOAD: "100000/60",
    // below the seeded refund claim abroad (about 600 kr as decided), above the 275 kr reports: the
    // staff journeys meet four eyes where they mean to (test/e2e/staff.test.ts)
    FOUR_EYES_ABOVE_NOK: "500",
    // Helfo's account for the payout run started from the console (a production build has no default)
    PAYOUT_DEBTOR_IBAN: "NO9386011117947",
  };
  if (dbUrl) env.DATABASE_URL = dbUrl;
  else delete env.DATABASE_URL;
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/main.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  await waitForHealth(baseUrl, child);

  project.provide("baseUrl", baseUrl);
  project.provide("dataDir", dataDir);
  project.provide("serverLog", serverLog);
  project.provide("sessionSecret", sessionSecret);
  project.provide("residents", {
    physio2019: residents.physio2019.fnr,
    other: residents.other.fnr,
    child: residents.child.fnr,
    reserved: residents.reserved.fnr,
    matrixOwner: residents.matrixOwner.fnr,
    matrixIntruder: residents.matrixIntruder.fnr,
    repParent: residents.repParent.fnr,
    repGiver: residents.repGiver.fnr,
    repHolder: residents.repHolder.fnr,
  });
  project.provide("keys", keys);
  project.provide("databaseUrl", dbUrl ?? "");
  project.provide("abroadCase", abroadCase);

  return async () => {
    child.kill("SIGTERM");
    await new Promise<void>((r) => {
      const t = setTimeout(() => {
        child.kill("SIGKILL");
        r();
      }, 10_000);
      child.once("exit", () => {
        clearTimeout(t);
        r();
      });
    });
    if (dropDb) await dropDb();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
