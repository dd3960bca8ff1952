import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/client.server";
import { loadConfig } from "~/config.server";
import { createProviderKey, listProviderKeys, revokeProviderKey } from "~/services/provider-keys.server";
import { ApiProblem, clearKeyCache, requireProvider } from "~/utils/api.server";
import { openTestDatabase } from "../support/db";
import { orgnrOf } from "~/kernel/orgnr";

let database: Database;
let cleanup: () => Promise<void>;
let ctx: AppContext;
let url: string | null;

beforeAll(async () => {
  ({ database, cleanup, url } = await openTestDatabase());
  ctx = { config: loadConfig({ NODE_ENV: "test", DATA_DIR: mkdtempSync(path.join(tmpdir(), "fp-keys-")) }), database, requestId: "test", cspNonce: "" };
});
afterAll(async () => {
  await cleanup?.();
});
afterEach(() => {
  vi.useRealTimers();
  clearKeyCache();
});

const request = (key: string) => ({
  method: "POST",
  pathname: "/api/v1/frikort/status",
  header: (n: string) => (n.toLowerCase() === "authorization" ? `Bearer ${key}` : null),
  text: async () => "",
});

async function works(key: string): Promise<boolean> {
  try {
    await requireProvider(request(key), ctx, "frikort:read");
    return true;
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 401) return false;
    throw err;
  }
}

describe(`provider key revocation on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("revokes exactly the key whose prefix is given, as `keys list` prints it, and leaves the others", async () => {
    const a = await createProviderKey(database.db, { orgnr: orgnrOf("974760673"), providerName: "Testklinikken AS", label: "A" });
    const b = await createProviderKey(database.db, { orgnr: orgnrOf("974760673"), providerName: "Testklinikken AS", label: "B" });
    expect(a.prefix).toMatch(/^fpk_.{8}$/);
    expect(await works(a.key)).toBe(true);

    const listed = (await listProviderKeys(database.db)).find((k) => k.label === "A")!;
    expect(listed.prefix).toBe(a.prefix);
    const revoked = await revokeProviderKey(database.db, listed.prefix);
    expect(revoked.map((k) => k.prefix)).toEqual([a.prefix]);

    const after = await listProviderKeys(database.db);
    expect(after.find((k) => k.label === "A")!.revokedAt).toBeInstanceOf(Date);
    expect(after.find((k) => k.label === "B")!.revokedAt).toBeNull();
    clearKeyCache();
    expect(await works(a.key)).toBe(false);
    expect(await works(b.key)).toBe(true);
    // Revoking again finds no active key with that prefix.
    expect(await revokeProviderKey(database.db, a.prefix)).toEqual([]);
  });

  it("refuses a prefix shorter than the stored one, and wildcards, instead of revoking every key", async () => {
    // a key whose prefix does not end in "_" (base64url has it): below, a "_" in place of the last character must match nothing
    let c = await createProviderKey(database.db, { orgnr: orgnrOf("974760673"), providerName: "Testklinikken AS", label: "C" });
    while (c.prefix.endsWith("_")) {
      await revokeProviderKey(database.db, c.prefix);
      c = await createProviderKey(database.db, { orgnr: orgnrOf("974760673"), providerName: "Testklinikken AS", label: "C" });
    }
    for (const p of ["fpk", "fpk_", "%", "_", "", c.prefix.slice(0, 11), "fpk_%"]) {
      await expect(revokeProviderKey(database.db, p), JSON.stringify(p)).rejects.toThrow(/prefix/i);
    }
    // A prefix with a wildcard in place of a character matches nothing.
    expect(await revokeProviderKey(database.db, `${c.prefix.slice(0, 11)}_`)).toEqual([]);
    expect(await revokeProviderKey(database.db, `${c.prefix.slice(0, 11)}%`)).toEqual([]);
    expect(await revokeProviderKey(database.db, `${c.prefix.slice(0, 10)}_%`)).toEqual([]);
    const active = (await listProviderKeys(database.db)).filter((k) => !k.revokedAt);
    expect(active.map((k) => k.label)).toContain("C");
    expect(await works(c.key)).toBe(true);
  });

  it("stops a revoked key within the 10-second key cache", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-23T10:00:00Z").getTime();
    vi.setSystemTime(start);
    const d = await createProviderKey(database.db, { orgnr: orgnrOf("974760673"), providerName: "Testklinikken AS", label: "D" });
    expect(await works(d.key)).toBe(true); // now cached
    expect(await revokeProviderKey(database.db, d.prefix)).toHaveLength(1);
    vi.setSystemTime(start + 9_000);
    expect(await works(d.key)).toBe(true); // still cached: the documented grace
    vi.setSystemTime(start + 10_001);
    expect(await works(d.key)).toBe(false);
  });
});

describe("the keys CLI as documented in the README", () => {
  it("creates, lists and revokes with --prefix fpk_…, and says how many keys it revoked", { timeout: 60_000 }, () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "fp-keys-cli-"));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_DATA: "false" };
    // On PostgreSQL the CLI works on this file's scratch database.
    if (url) env.DATABASE_URL = url;
    else delete env.DATABASE_URL;
    const run = (...args: string[]) => spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/provider-keys.ts", ...args], { env, encoding: "utf8" });
    try {
      const created = run("create", "--orgnr", "974760673", "--name", "Storgata legesenter", "--label", "EPJ prod");
      expect(created.status, created.stderr).toBe(0);
      const prefix = /^prefix (\S+)$/m.exec(created.stdout)![1]!;
      const wide = run("revoke", "--prefix", "fpk");
      expect(wide.status).not.toBe(0);
      expect(wide.stderr + wide.stdout).toMatch(/prefix/i);
      const revoked = run("revoke", "--prefix", prefix);
      expect(revoked.status, revoked.stderr).toBe(0);
      expect(revoked.stdout).toMatch(/^revoked 1 key/m);
      const listed = run("list");
      expect(listed.stdout).toMatch(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*revoked`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
