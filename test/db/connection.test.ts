import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "~/db/client.server";
import { isoDate } from "~/kernel/dates";
import { generateFnr } from "~/kernel/fnr";
import type { Claim } from "~/schemas/claims";
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

  /** A pool of one connection whose messages (calls of `query`) are counted. */
  function countingPool() {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const texts: string[] = [];
    const connect = pool.connect.bind(pool);
    const counted = new WeakSet<object>();
    (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
      const conn = await connect();
      if (counted.has(conn)) return conn; // the pool hands out the same client again
      counted.add(conn);
      const query = conn.query.bind(conn) as (text: string) => Promise<unknown>;
      (conn as unknown as { query: (text: string) => Promise<unknown> }).query = (text: string) => {
        texts.push(text);
        return query(text);
      };
      return conn;
    };
    return { db: { $client: pool } as unknown as Database["db"], pool, texts };
  }

  it("the writer's deferred write goes with the next statement, which sees it; alone, with the COMMIT", async () => {
    const w = await import("~/models/register-writer.server");
    await database.db.execute(sql`create table if not exists writer_later (n int primary key)`);
    const { db, pool, texts } = countingPool();
    try {
      const seen = await w.inWriterTransaction(db, async (t) => {
        await w.writeLater(t, sql`insert into writer_later (n) values (${1})`);
        return (await t.q(sql`select count(*)::int as n from writer_later where n = ${1}`)) as { rows: Array<{ n: number }> };
      });
      expect(seen.rows[0]!.n).toBe(1);
      expect(texts.filter((x) => !x.startsWith("prepare"))).toHaveLength(2); // BEGIN + insert + select, then COMMIT
      texts.length = 0;
      await w.inWriterTransaction(db, async (t) => w.writeLater(t, sql`insert into writer_later (n) values (${2})`));
      expect(texts).toHaveLength(1); // BEGIN, the insert and COMMIT in one message
      const stored = (await database.db.execute(sql`select n from writer_later order by n`)) as unknown as { rows: Array<{ n: number }> };
      expect(stored.rows.map((r) => r.n)).toEqual([1, 2]);
    } finally {
      await pool.end();
    }
  });

  it("a deferred write that fails fails the transaction: nothing of it is stored, and the error reaches the caller", async () => {
    const w = await import("~/models/register-writer.server");
    await database.db.execute(sql`create table if not exists writer_later_fail (n int primary key)`);
    await database.db.execute(sql`insert into writer_later_fail (n) values (1) on conflict do nothing`);
    const { db, pool } = countingPool();
    try {
      await expect(
        w.inWriterTransaction(db, async (t) => {
          await w.writeLater(t, sql`insert into writer_later_fail (n) values (${5})`);
          await w.writeLater(t, sql`insert into writer_later_fail (n) values (${1})`); // a unique violation
          await t.q(sql`select 1`);
        }),
      ).rejects.toMatchObject({ code: "23505" });
      const stored = (await database.db.execute(sql`select n from writer_later_fail order by n`)) as unknown as { rows: Array<{ n: number }> };
      expect(stored.rows.map((r) => r.n)).toEqual([1]);
      // The connection was rolled back before it went back to the pool: its next transaction works (not 25P02).
      await w.inWriterTransaction(db, async (t) => w.writeLater(t, sql`insert into writer_later_fail (n) values (${6})`));
      const after = (await database.db.execute(sql`select n from writer_later_fail order by n`)) as unknown as { rows: Array<{ n: number }> };
      expect(after.rows.map((r) => r.n)).toEqual([1, 6]);
    } finally {
      await pool.end();
    }
  });

  it("a new claim is received in five messages (the writes go with the reads after them), with the same answer", async () => {
    const { submitClaims } = await import("~/services/claims.server");
    const { insertPerson, TEST_ORG } = await import("../support/fixtures");
    const { providers } = await import("~/db/schema");
    await database.db.insert(providers).values(TEST_ORG).onConflictDoNothing();
    const { db, pool, texts } = countingPool();
    try {
      const send = async (n: number) => {
        const birthDate = isoDate(`1970-01-0${n}`);
        let individ = 100;
        while (!generateFnr(birthDate, individ)) individ++;
        const p = await insertPerson(database, { birthDate, individ, name: "Test Pasient", rows: [] });
        const claim: Claim = {
          claimId: `messages-${n}`,
          fnr: p.fnr,
          therapist: { hprNumber: "9170000", name: "Fysio Terapeut" },
          paid: true,
          lines: [{ takst: "A2c", date: isoDate(`2025-03-0${n}`), startTime: "08:00", minutes: 40, groupSize: null }],
        };
        return { claim, answers: await submitClaims(db, TEST_ORG.orgnr, [claim], "2025-03-20") };
      };
      await send(1); // PREPAREs each statement on the connection
      texts.length = 0;
      const {
        claim,
        answers: [answer],
      } = await send(2);
      expect(answer).toMatchObject({ status: 201, result: { outcome: "godkjent" } });
      expect(texts).toHaveLength(5);
      expect(texts.at(-1)).toMatch(/commit$/);
      // The deferred writes went out at the head of the risk signals' read, and were stored: the same claim again is a retry.
      expect(texts[3]).toMatch(/^execute register_apply_\w+\(.*;\nexecute claims_insert_\w+\(/s);
      texts.length = 0;
      const [again] = await submitClaims(db, TEST_ORG.orgnr, [claim], "2025-03-20");
      expect(again).toMatchObject({ status: 200, result: { outcome: "godkjent" } });
    } finally {
      await pool.end();
    }
  });
});
