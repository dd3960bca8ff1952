/**
 * Audit of reads: a provider's read of one egenandel is written (who, what, when, why) to an
 * append-only table before it is answered, and listed for the resident whose egenandel it is.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleApi } from "~/api/router.server";
import { loadConfig } from "~/config.server";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/client.server";
import { DEV_PROVIDER, ensureDevProviderKey } from "~/services/provider-keys.server";
import { listProviderReadsForYear, logDocumentDownload } from "~/services/read-audit.server";
import { openTestDatabase } from "../support/db";
import { insertE2eResidents } from "../support/fixtures";

let database: Database;
let cleanup: () => Promise<void>;
let ctx: AppContext;
let residents: Awaited<ReturnType<typeof insertE2eResidents>>;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await ensureDevProviderKey(database.db);
  residents = await insertE2eResidents(database);
  ctx = { config: loadConfig({ NODE_ENV: "test", DATA_DIR: mkdtempSync(path.join(tmpdir(), "fp-audit-")) }), database, requestId: "req-audit-1", cspNonce: "" };
});
afterAll(async () => {
  await cleanup?.();
});

const call = (method: string, p: string, body?: unknown) =>
  handleApi(
    {
      method,
      pathname: `/api/v1${p}`,
      header: (n) => ({ authorization: `Bearer ${DEV_PROVIDER.key}`, "content-type": "application/json" })[n.toLowerCase()] ?? null,
      text: async () => (body === undefined ? "" : JSON.stringify(body)),
    },
    ctx,
    p,
  );

describe(`read audit on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("logs a provider's read of one egenandel with who, what, when and why, and shows it to that resident only", async () => {
    const reg = await call("POST", "/egenandeler", {
      claimId: "audit-1",
      fnr: residents.other.fnr,
      serviceDate: "2024-05-02",
      serviceType: "lege",
      amountOre: 16000,
      providerName: "Demo legesenter",
    });
    expect(reg.status).toBe(201);
    const id = (JSON.parse(reg.body) as { id: string }).id;
    expect(await listProviderReadsForYear(database.db, residents.other.id, 2024)).toEqual([]);

    const before = Date.now();
    const read = await call("GET", "/egenandeler/audit-1");
    expect(read.status).toBe(200);

    const rows = await database.query<Record<string, unknown>>("select * from read_audit where object_id = $1", [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      person_id: residents.other.id,
      actor_kind: "provider",
      actor_orgnr: DEV_PROVIDER.orgnr,
      action: "egenandel.read",
      purpose: "egenandel-check",
      request_id: "req-audit-1",
    });
    expect(rows[0]!.actor_key_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(rows[0]!.at as string).getTime()).toBeGreaterThanOrEqual(before - 5_000);

    const shown = await listProviderReadsForYear(database.db, residents.other.id, 2024);
    expect(shown).toMatchObject([{ orgnr: DEV_PROVIDER.orgnr, orgName: DEV_PROVIDER.name, serviceDate: "2024-05-02", serviceType: "lege", purpose: "egenandel-check" }]);
    expect(await listProviderReadsForYear(database.db, residents.other.id, 2023)).toEqual([]);
    expect(await listProviderReadsForYear(database.db, residents.physio2019.id, 2024)).toEqual([]);
    // A read that finds nothing reads nothing, and logs nothing.
    expect((await call("GET", "/egenandeler/no-such-claim")).status).toBe(404);
    expect(await database.query("select 1 from read_audit where person_id is null")).toEqual([]);
  });

  it("is append-only: the application cannot change or remove an audit row", async () => {
    await logDocumentDownload(database.db, { personId: residents.physio2019.id, documentId: "0b0e4d8c-0000-4000-8000-000000000001", requestId: "req-dl" });
    const [row] = await database.query<{ id: number }>("select id from read_audit where request_id = 'req-dl'");
    expect(row).toBeDefined();
    await expect(database.query("update read_audit set purpose = 'x' where id = $1", [row!.id])).rejects.toThrow(/append-only/);
    await expect(database.query("delete from read_audit where id = $1", [row!.id])).rejects.toThrow(/append-only/);
    await expect(database.query("truncate read_audit")).rejects.toThrow(/append-only/);
    expect(await database.query("select id from read_audit where request_id = 'req-dl'")).toHaveLength(1);
  });
});
