import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { type Database, migrationsFolder, openDatabase } from "~/db/client.server";

/**
 * A migrated, empty PGlite data directory as PGlite's dump, made once for all test processes: a new in-memory PGlite runs
 * initdb (3 s wall, 3.3 CPU s here) and then the migrations (0.5–1 s); one loaded from the dump starts in 1.3 s (1.5 CPU s),
 * and the migrations find nothing to do. Each test file still gets a database of its own. The file's name holds a hash of
 * the migrations and of PGlite's version, so a changed schema makes a new one; it is written whole and then renamed into
 * place, so processes that make it at once do not read half of one.
 */
let template: Promise<Blob> | undefined;
function pgliteTemplate(): Promise<Blob> {
  return (template ??= makeTemplate());
}
async function makeTemplate(): Promise<Blob> {
  const dir = migrationsFolder();
  const hash = createHash("sha256");
  hash.update(JSON.parse(readFileSync(path.resolve("node_modules/@electric-sql/pglite/package.json"), "utf8")).version as string);
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, f);
    hash.update(f);
    if (/\.(sql|json)$/.test(f)) hash.update(readFileSync(file));
  }
  const cache = path.resolve("node_modules/.cache/frikortportalen");
  const file = path.join(cache, `pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
  if (!existsSync(file)) {
    // as openDatabase makes one, then dumped
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const client = await PGlite.create();
    await migrate(drizzle(client), { migrationsFolder: dir });
    const dump = Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
    await client.close();
    mkdirSync(cache, { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    writeFileSync(tmp, dump);
    renameSync(tmp, file);
  }
  return new Blob([readFileSync(file)]);
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (created here, dropped in cleanup).
 */
export async function openTestDatabase(): Promise<{ database: Database; url: string | null; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: "pglite", dataDir: null, loadDataDir: await pgliteTemplate() });
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
