import { setting } from "~/config.server";
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { log } from "~/utils/log.server";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Raw query with parameters; same shape on both drivers. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * PGlite only: run SQL on the embedded instance for pg-boss (its `db.executeSql` adapter).
   * Without parameters the text may hold several statements (schema install, BEGIN … COMMIT).
   */
  executeSql?(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | {
      kind: "pglite";
      dataDir: string | null /* null = in memory */;
      /** In memory only: start from this dump of a data directory (PGlite's dumpDataDir) instead of an empty one. */
      loadDataDir?: Blob;
    }
  | { kind: "postgres"; url: string; max?: number };

export function migrationsFolder(): string {
  // app/db/migrations, both from source (tsx, vitest) and from the server bundle (build/server).
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "migrations"), path.resolve(here, "../../app/db/migrations")];
  return candidates.find((c) => existsDir(c)) ?? candidates[0]!;
}

function existsDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Open the database and bring its schema up to date. Safe to call from several processes at once. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    let client;
    if (opts.dataDir) {
      mkdirSync(opts.dataDir, { recursive: true });
      client = await PGlite.create(opts.dataDir);
    } else {
      client = await PGlite.create(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    }
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: migrationsFolder() });
    return {
      db: db as unknown as Db,
      kind: "pglite",
      async query(text, params) {
        const r = await client.query(text, params as unknown[] | undefined);
        return r.rows as never;
      },
      async executeSql(text, values) {
        if (values && values.length) return client.query(text, values);
        const results = await client.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      },
      async close() {
        await client.close();
      },
    };
  }
  const pg = (await import("pg")).default;
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  // bigint (int8) aggregates come back as strings from pg and as numbers from PGlite; parse them here so
  // code behaves the same on both (our sums stay far below 2^53 øre).
  pg.types.setTypeParser(20, (v: string) => Number(v));
  // Dates stay ISO strings (no JS Date with a time zone shift).
  pg.types.setTypeParser(1082, (v: string) => v);
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? setting("DATABASE_POOL_SIZE") });
  // An idle connection that PostgreSQL closes (a restart, a failover, pg_terminate_backend) is an
  // "error" event on the pool; unheard, it would crash the process. The pool drops that client and
  // opens a new one when asked. Only the SQLSTATE is logged: messages can quote values.
  pool.on("error", (err: Error & { code?: string }) => log.warn("idle database connection closed", { code: err.code ?? null }));
  const db = drizzle(pool, { schema });
  const lockClient = await pool.connect();
  try {
    // Several web processes may start together against one server: one migrates, the others wait.
    await lockClient.query("select pg_advisory_lock(727100)");
    await migrate(db, { migrationsFolder: migrationsFolder() });
  } finally {
    await lockClient.query("select pg_advisory_unlock(727100)").catch(() => undefined);
    lockClient.release();
  }
  return {
    db: db as unknown as Db,
    kind: "postgres",
    async query(text, params) {
      const r = await pool.query(text, params as unknown[] | undefined);
      return r.rows as never;
    },
    async close() {
      await pool.end();
    },
  };
}

export async function isHealthy(database: Database): Promise<boolean> {
  try {
    await database.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
