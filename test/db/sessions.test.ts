import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";
import type { Database } from "~/db/client.server";
import { seedDemoData } from "~/db/seed.server";
import { findOrCreatePersonByFnr } from "~/models/person.server";
import { DEV_PROVIDER } from "~/services/provider-keys.server";
import { endCitizenSession, readSession, sessionCookieStatus, startCitizenSession } from "~/utils/session.server";
import { openTestDatabase } from "../support/db";
import { fnrOf } from "~/kernel/fnr";

let database: Database;
let cleanup: () => Promise<void>;
const config = loadConfig({ NODE_ENV: "test", DATA_DIR: mkdtempSync(path.join(tmpdir(), "fp-sess-")), SESSION_SECRET: "k".repeat(40) });
const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;
const requestWith = (cookie: string) => new Request("http://localhost/mine", { headers: { Cookie: cookie } });

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

describe("citizen sessions live in the database", () => {
  it("ends a session at logout: its cookie is no longer live", async () => {
    const person = await findOrCreatePersonByFnr(database.db, fnrOf("02117111981"), null);
    const cookie = cookieOf(await startCitizenSession(database.db, config, person.id));
    expect(await sessionCookieStatus(cookie, config, database.db)).toBe("live");
    const state = await readSession(requestWith(cookie), config);
    expect(state.status).toBe("ok");
    if (state.status === "ok") await endCitizenSession(database.db, state.user);
    expect(await sessionCookieStatus(cookie, config, database.db)).toBe("ended");
  });

  it("ends the person's earlier sessions at a new login, and nobody else's", async () => {
    const a = await findOrCreatePersonByFnr(database.db, fnrOf("14035823159"), null);
    const b = await findOrCreatePersonByFnr(database.db, fnrOf("30018926217"), null);
    const a1 = cookieOf(await startCitizenSession(database.db, config, a.id));
    const b1 = cookieOf(await startCitizenSession(database.db, config, b.id));
    const a2 = cookieOf(await startCitizenSession(database.db, config, a.id));
    expect(await sessionCookieStatus(a1, config, database.db)).toBe("ended");
    expect(await sessionCookieStatus(a2, config, database.db)).toBe("live");
    expect(await sessionCookieStatus(b1, config, database.db)).toBe("live");
    // B logs in in the browser where A's session is: A's session ends too
    const previous = await readSession(requestWith(a2), config);
    cookieOf(await startCitizenSession(database.db, config, b.id, previous));
    expect(await sessionCookieStatus(a2, config, database.db)).toBe("ended");
  });

  it("treats an expired row, a cookie without a session id and a forged cookie as not live", async () => {
    const person = await findOrCreatePersonByFnr(database.db, fnrOf("05065208395"), null);
    const old = cookieOf(await startCitizenSession(database.db, config, person.id, { status: "none" }, Date.now() - 2 * 3600_000));
    expect(await sessionCookieStatus(old, config, database.db)).toBe("ended");
    expect(await sessionCookieStatus("fp_session=abc.def", config, database.db)).toBe("absent");
    expect(await sessionCookieStatus("fp_lang=nb", config, database.db)).toBe("absent");
    expect(await sessionCookieStatus(undefined, config, database.db)).toBe("absent");
  });
});

describe("the demo provider key", () => {
  it("is left out of the demo data when not asked for (DEMO_PROVIDER_KEY, off on PostgreSQL)", async () => {
    const { database: db2, cleanup: c2 } = await openTestDatabase();
    try {
      await seedDemoData(db2, "2026-11-23", { providerKey: false });
      const keys = () => db2.query("select 1 from provider_api_keys where orgnr = $1", [DEV_PROVIDER.orgnr]);
      expect(await keys()).toHaveLength(0);
      await seedDemoData(db2, "2026-11-23", { providerKey: true });
      expect(await keys()).toHaveLength(1);
    } finally {
      await c2();
    }
  });
});
