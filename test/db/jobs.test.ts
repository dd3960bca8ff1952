/**
 * The durable document jobs (pg-boss 10) on PGlite, or on PostgreSQL when DATABASE_URL is set.
 * Only born-digital PDFs (text layer, no OCR) so this stays fast.
 */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadApplications, abroadDocuments, uploads } from "~/db/schema";
import { languageOfCountry } from "~/documents/country-language";
import { EXTRACT_QUEUE, JobRunner, type JobRunnerOptions, pgliteBossDb } from "~/jobs/runner.server";
import { documentQueue } from "~/jobs/registry.server";
import { addDocument, claimForReading, getDocument, startOrContinueDraft } from "~/services/abroad-documents.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const INVOICE = new Uint8Array(readFileSync(`${FIXTURES}inv02-sv-se-pdf.pdf`));

let database: Database;
let url: string | null;
let cleanup: () => Promise<void>;
let personId: string;
let applicationId: string;
const runners: JobRunner[] = [];

beforeAll(async () => {
  ({ database, url, cleanup } = await openTestDatabase());
  const p = await insertPerson(database, { birthDate: "1944-10-11", individ: 412, name: "Arne Fjeldstad", rows: [] });
  personId = p.id;
  applicationId = (await startOrContinueDraft(database.db, personId)).id;
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop({ graceful: false });
});
afterAll(async () => {
  await cleanup?.();
});

function runner(opts: JobRunnerOptions = {}): JobRunner {
  const r = new JobRunner({ connectionString: url ?? undefined, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, sweepAfterSeconds: 0, stopTimeoutMs: 2000, ...opts });
  runners.push(r);
  return r;
}

/** Stores a document the way the upload page does, but without the content check (the job checks again). */
async function storedDocument(name: string, bytes: Uint8Array): Promise<string> {
  const [u] = await database.db
    .insert(uploads)
    .values({ personId, filename: name, mimeType: "application/pdf", sizeBytes: bytes.byteLength, sha256: "0".repeat(64), content: Buffer.from(bytes) })
    .returning({ id: uploads.id });
  const [d] = await database.db
    .insert(abroadDocuments)
    .values({ applicationId, personId, kind: "invoice", filename: name, uploadId: u!.id, status: "queued" })
    .returning({ id: abroadDocuments.id });
  return d!.id;
}

async function waitForStatus(id: string, statuses: string[], timeoutMs = 20_000) {
  const started = Date.now();
  for (;;) {
    const d = await getDocument(database.db, personId, id);
    if (d && statuses.includes(d.status)) return d;
    if (Date.now() - started > timeoutMs) throw new Error(`document ${id} is ${d?.status}, expected ${statuses.join("|")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Drops the extract jobs earlier tests left in the queue. A rejected document's job can come back as a retry after its test
 * ended (its handler then finds nothing to read); a test that fetches or watches "the next job" must not get that one (a CI
 * run under load fetched an earlier test's document here).
 */
async function clearQueue(): Promise<void> {
  await database.query(`delete from pgboss.job where name = $1`, [EXTRACT_QUEUE]);
}

async function bossFor(): Promise<PgBoss> {
  const boss = new PgBoss(url ? { connectionString: url, max: 2 } : { db: pgliteBossDb(database) });
  boss.on("error", () => undefined);
  await boss.start();
  return boss;
}

describe("extract-document jobs", () => {
  it("reads a born-digital invoice in the background: queued → reading → done, with its lines", async () => {
    const r = runner();
    await r.start(database);
    expect(documentQueue()).toBe(r);
    const added = await addDocument(database.db, { personId, applicationId, kind: "invoice", file: { name: "faktura.pdf", bytes: INVOICE } });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const [u] = await database.db
      .select({ sha: uploads.sha256 })
      .from(uploads)
      .innerJoin(abroadDocuments, eq(abroadDocuments.uploadId, uploads.id))
      .where(eq(abroadDocuments.id, added.documentId));
    expect(u!.sha).toMatch(/^[0-9a-f]{64}$/);
    await r.enqueue(added.documentId);
    const done = await waitForStatus(added.documentId, ["done", "failed"]);
    expect(done.status).toBe("done");
    expect(done.attempts).toBe(1);
    const result = done.result as { documentType: string; currency: string; lines: Array<{ amount: number }>; source: string };
    expect(result.source).toBe("text-layer");
    expect(result.currency).toBe("SEK");
    expect(result.lines.length).toBeGreaterThan(0);
  });

  it("a document is claimed with its application's country, which gives the language its scanned pages are read in first", async () => {
    const [before] = await database.db.select({ data: abroadApplications.data }).from(abroadApplications).where(eq(abroadApplications.id, applicationId));
    await database.db
      .update(abroadApplications)
      .set({ data: { ...(before!.data as object), country: "SE" } })
      .where(eq(abroadApplications.id, applicationId));
    try {
      const id = await storedDocument("kvitto.pdf", INVOICE);
      const claimed = await claimForReading(database.db, id);
      expect(claimed?.country).toBe("SE");
      expect(languageOfCountry(claimed?.country)).toBe("sv");
      expect(languageOfCountry("NL")).toBeUndefined();
      expect(languageOfCountry(null)).toBeUndefined();
    } finally {
      await database.db.update(abroadApplications).set({ data: before!.data }).where(eq(abroadApplications.id, applicationId));
    }
  });

  it("a renamed text file fails with unsupported-type, once (a rejection is not retried)", async () => {
    const r = runner();
    await r.start(database);
    const id = await storedDocument("faktura.pdf", new TextEncoder().encode("Dette er ikke en PDF, bare tekst med feil filnavn.\n"));
    await r.enqueue(id);
    const d = await waitForStatus(id, ["done", "failed"]);
    expect(d.status).toBe("failed");
    expect(d.failureReason).toBe("unsupported-type");
    await new Promise((res) => setTimeout(res, 1500));
    expect((await getDocument(database.db, personId, id))!.attempts).toBe(1);
  });

  it("the upload check rejects bad files before anything is stored or queued", async () => {
    const empty = await addDocument(database.db, { personId, applicationId, kind: "epikrise", file: { name: "tom.pdf", bytes: new Uint8Array() } });
    expect(empty).toMatchObject({ ok: false, reason: "empty" });
    const d = await getDocument(database.db, personId, (empty as { documentId: string }).documentId);
    expect(d).toMatchObject({ status: "failed", failureReason: "empty", uploadId: null });
  });

  it("enqueueing the same document twice makes one waiting job, and it is read once", async () => {
    // a sender only (as a web process with JOBS_IN_WEB=false) so the jobs wait
    const sender = runner({ work: false, register: false });
    await sender.start(database);
    const id = await storedDocument("faktura.pdf", INVOICE);
    await sender.enqueue(id);
    await sender.enqueue(id);
    await sender.enqueue(id);
    const rows = await database.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = $1 and singleton_key = $2`, [EXTRACT_QUEUE, id]);
    expect(Number(rows[0]!.n)).toBe(1);
    await sender.stop();
    const worker = runner();
    await worker.start(database);
    const d = await waitForStatus(id, ["done", "failed"]);
    expect(d.status).toBe("done");
    expect(d.attempts).toBe(1);
  });

  it("a job whose worker died while reading is picked up again after a restart", async () => {
    await clearQueue();
    const sender = runner({ work: false, register: false, expireInSeconds: 2 });
    await sender.start(database);
    const id = await storedDocument("faktura.pdf", INVOICE);
    await sender.enqueue(id);
    // A worker takes the job, marks the document "reading", then its process dies: nobody completes
    // or fails the job, which stays "active" in the database.
    const dead = await bossFor();
    const [job] = await dead.fetch<{ documentId: string }>(EXTRACT_QUEUE);
    expect(job?.data.documentId).toBe(id);
    await database.db.update(abroadDocuments).set({ status: "reading", attempts: 1 }).where(eq(abroadDocuments.id, id));
    await dead.stop({ graceful: false, close: true });
    await sender.stop();
    const before = await database.query<{ state: string }>(`select state from pgboss.job where id = $1`, [job!.id]);
    expect(before[0]!.state).toBe("active");

    // After the restart, maintenance fails the expired job and it is retried by the new runner.
    const restarted = runner({ maintenanceIntervalSeconds: 1, expireInSeconds: 2 });
    await restarted.start(database);
    const d = await waitForStatus(id, ["done", "failed"], 25_000);
    expect(d.status).toBe("done");
    expect(d.attempts).toBe(2);
  });

  it("a graceful stop lets a running job finish", async () => {
    await clearQueue();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const r = runner({
      stopTimeoutMs: 10_000,
      beforeExtract: async () => {
        entered();
        await gate;
      },
    });
    await r.start(database);
    const id = await storedDocument("faktura.pdf", INVOICE);
    await r.enqueue(id);
    await inHandler;
    expect((await getDocument(database.db, personId, id))!.status).toBe("reading");
    const stopped = r.stop({ graceful: true });
    setTimeout(release, 300);
    await stopped;
    expect((await getDocument(database.db, personId, id))!.status).toBe("done");
  });
});
