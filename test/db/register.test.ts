import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHealthy, openDatabase, type Database } from "~/db/client.server";
import { persons } from "~/db/schema";
import { seedDemoData } from "~/db/seed.server";
import { validateFnr } from "~/kernel/fnr";
import { findOrCreatePersonByFnr, listEgenandelerForYear } from "~/models/person.server";
import { loadYearOverview } from "~/services/overview.server";
import { openTestDatabase } from "../support/db";
import { insertE2eResidents } from "../support/fixtures";
import { fnrOf } from "~/kernel/fnr";

let database: Database;
let cleanup: () => Promise<void>;
let residents: Awaited<ReturnType<typeof insertE2eResidents>>;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  residents = await insertE2eResidents(database);
});
afterAll(async () => {
  await cleanup?.();
});

describe(`register on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("is migrated and healthy", async () => {
    expect(await isHealthy(database)).toBe(true);
    const rows = await database.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it("computes a resident's year from the stored rows", async () => {
    const result = await loadYearOverview(database.db, residents.physio2019.id, 2019);
    const tak2 = result!.overview.taks.find((t) => t.tak === "tak2")!;
    expect(tak2.registeredOre).toBe(242_000);
    expect(tak2.frikortFrom).toBe("2019-03-07");
    expect(tak2.overCeilingOre).toBe(33_500);
    const tak1 = result!.overview.taks.find((t) => t.tak === "tak1")!;
    expect(tak1.registeredOre).toBe(48_000);
    expect(tak1.frikortFrom).toBeNull();
  });

  it("only returns the asking person's rows, and only that year's", async () => {
    const mine = await listEgenandelerForYear(database.db, residents.physio2019.id, 2024);
    const theirs = await listEgenandelerForYear(database.db, residents.other.id, 2024);
    expect(mine).toEqual([]);
    expect(theirs.map((r) => r.providerName)).toEqual(["Legevakt Test"]);
    expect(await listEgenandelerForYear(database.db, residents.other.id, 2023)).toEqual([]);
  });

  it("finds a person by fødselsnummer and creates an empty record on first login, once", async () => {
    const found = await findOrCreatePersonByFnr(database.db, residents.other.fnr, null);
    expect(found.id).toBe(residents.other.id);
    const fresh = fnrOf("02013299997"); // Skatteetaten's 2032-rule example
    const checked = validateFnr(fresh);
    expect(checked.valid).toBe(true);
    const [a, b] = await Promise.all([findOrCreatePersonByFnr(database.db, fresh, null), findOrCreatePersonByFnr(database.db, fresh, null)]);
    expect(a.id).toBe(b.id);
    expect(a.name).toBeNull();
    const n = await database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(persons)
      .where(sql`${persons.fnr} = ${fresh}`);
    expect(n[0]!.n).toBe(1);
  });

  it("rejects a negative amount at the database level", async () => {
    await expect(
      database.query(
        "insert into egenandeler (person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore) values ($1, '974760673', 'neg-1', 'x', '2024-01-01', 'lege', -1)",
        [residents.other.id],
      ),
    ).rejects.toThrow();
  });

  it("returns aggregates as numbers on both drivers", async () => {
    const [row] = await database.query<{ total: unknown }>("select sum(amount_ore)::bigint as total from egenandeler where person_id = $1", [residents.physio2019.id]);
    expect(row!.total).toBe(290_000);
  });
});

describe("demo seed", () => {
  it("seeds about 20 residents into an empty register, and never twice", async () => {
    const { database: db2, cleanup: c2 } = await openTestDatabase();
    try {
      const count = async () => ((await db2.query<{ n: number }>("select count(*)::int as n from persons")) as [{ n: number }])[0].n;
      const first = await seedDemoData(db2, "2026-11-23");
      expect(first).toBeGreaterThanOrEqual(18);
      expect(first).toBeLessThanOrEqual(25);
      // besides the residents, the controller's synthetic claims population brings its own patients (issue 20 part 6)
      const afterFirst = await count();
      expect(afterFirst).toBeGreaterThanOrEqual(first);
      expect(await seedDemoData(db2, "2026-11-23")).toBe(0);
      expect(await count()).toBe(afterFirst);
    } finally {
      await c2();
    }
  });
});

describe("embedded data folder", () => {
  it.skipIf(!!process.env.DATABASE_URL)("keeps data across restarts (PGlite)", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(tmpdir(), "fp-pglite-"));
    try {
      const a = await openDatabase({ kind: "pglite", dataDir: dir });
      const inserted = await insertE2eResidents(a);
      await a.close();
      const b = await openDatabase({ kind: "pglite", dataDir: dir });
      const rows = await b.query<{ n: number }>("select count(*)::int as n from persons");
      expect(rows[0]!.n).toBe(Object.keys(inserted).length);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
