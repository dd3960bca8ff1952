import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "~/db/client.server";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (created here, dropped in cleanup).
 */
export async function openTestDatabase(): Promise<{ database: Database; url: string | null; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: "pglite", dataDir: null });
    return { database, url: null, cleanup: () => database.close() };
  }
  const { url: dbUrl, drop } = await createScratchPostgresDatabase(url);
  const database = await openDatabase({ kind: "postgres", url: dbUrl, max: 4 });
  return {
    database,
    url: dbUrl,
    cleanup: async () => {
      await database.close();
      await drop();
    },
  };
}

export async function createScratchPostgresDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fp_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
