import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
