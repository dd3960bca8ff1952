import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "~/db/client.server";
import { openTestDatabase } from "../support/db";

/**
 * PostgreSQL closes connections on its own at times (a restart, a failover, an administrator's
 * pg_terminate_backend). An idle pooled connection that is closed must not take the web process down,
 * and the next query must get a new connection.
 */
describe.skipIf(!process.env.DATABASE_URL)("database connections on PostgreSQL", () => {
  let database: Database;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const t = await openTestDatabase();
    database = t.database;
    url = t.url!;
    cleanup = t.cleanup;
  });
  afterAll(() => cleanup());

  it("survives PostgreSQL closing an idle connection, and answers the next query", async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const pid = ((await database.query("select pg_backend_pid() as pid")) as Array<{ pid: number }>)[0]!.pid;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query("select pg_terminate_backend($1)", [pid]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 300)); // the pool hears of it while the client is idle
      const rows = await database.db.execute(sql`select 1 as one`);
      expect((rows as unknown as { rows: Array<{ one: number }> }).rows[0]!.one).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });

  it("lets two copies of the register writer (the API router's and the Remix build's) share pooled connections", async () => {
    // server/main.ts imports the API router from source while the Remix build carries its own bundled
    // copy of the writer, both on one pool: a statement one copy PREPAREd on a connection must not make
    // the other's first use of it fail (42P05, a 500 to a provider in the control-case journey).
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const one = { $client: pool } as unknown as Database["db"];
    try {
      const load = async () => {
        vi.resetModules();
        return (await import("~/models/register-writer.server")) as typeof import("~/models/register-writer.server");
      };
      const [a, b] = [await load(), await load()];
      expect(a.inWriterTransaction).not.toBe(b.inWriterTransaction);
      const read = (w: typeof a, n: number) =>
        w.inWriterTransaction(one, async (t) => (await t.q(sql`select ${n}::int + 1 as v`, { prepared: "shared_copy", commit: true })) as { rows: Array<{ v: number }> });
      expect((await read(a, 1)).rows[0]!.v).toBe(2);
      expect((await read(b, 41)).rows[0]!.v).toBe(42);
      expect((await read(a, 9)).rows[0]!.v).toBe(10);
    } finally {
      await pool.end();
    }
  });
});
