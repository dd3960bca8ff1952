/**
 * Issue 16, item 9: a document whose reader is killed (kill -9) mid-OCR is read again within a minute — on PGlite by the
 * restarted process, which takes back every document left "reading"; on PostgreSQL by any worker once the killed one's lease
 * (20 s) has run out. Before, the job waited for pg-boss' expiry (expireInSeconds 600, about ten minutes).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "~/db/client.server";
import { JobRunner } from "~/jobs/runner.server";
import { addDocument, getDocument, startOrContinueDraft } from "~/services/abroad-documents.server";
import { createScratchPostgresDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";

const ROOT = path.resolve(__dirname, "../..");
/** A scanned invoice: read by OCR, several seconds, so the kill lands mid-reading. */
const SCAN = new Uint8Array(readFileSync(path.join(ROOT, "test/fixtures/documents/inv03-nb-es-scan-png.png")));

let pgliteDir: string | undefined;
let url: string | undefined;
let drop: (() => Promise<void>) | undefined;
let child: ChildProcess | undefined;

const open = (): Promise<Database> => (url ? openDatabase({ kind: "postgres", url, max: 4 }) : openDatabase({ kind: "pglite", dataDir: pgliteDir! }));

beforeAll(async () => {
  if (process.env.DATABASE_URL) ({ url, drop } = await createScratchPostgresDatabase(process.env.DATABASE_URL));
  else pgliteDir = mkdtempSync(path.join(tmpdir(), "fp-jobs-crash-"));
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await drop?.();
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

function startWorkerProcess(): { proc: ChildProcess; claimed: Promise<string> } {
  const env: NodeJS.ProcessEnv = { ...process.env, JOB_CHILD_PGLITE_DIR: pgliteDir ?? "", LOG_LEVEL: "warn" };
  if (url) env.DATABASE_URL = url;
  else delete env.DATABASE_URL;
  if (!pgliteDir) delete env.JOB_CHILD_PGLITE_DIR;
  // node itself (not the tsx CLI, which would run the worker in a grandchild that the kill would miss)
  const proc = spawn(process.execPath, ["--import", "tsx", "test/support/job-child.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const claimed = new Promise<string>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /claimed (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.on("exit", (code) => reject(new Error(`worker process exited with ${code} before claiming`)));
  });
  return { proc, claimed };
}

describe("a reader killed mid-OCR", () => {
  it("the document is taken back within the lease after the restart, and read", async () => {
    // a queued scanned invoice, stored the way the upload page stores it
    let database = await open();
    const p = await insertPerson(database, { birthDate: "1944-10-11", individ: 412, name: "Arne Fjeldstad", rows: [] });
    const app = await startOrContinueDraft(database.db, p.id);
    const added = await addDocument(database.db, { personId: p.id, applicationId: app.id, kind: "invoice", file: { name: "skann.png", bytes: SCAN } });
    if (!added.ok) throw new Error(`not accepted: ${added.reason}`);
    const id = added.documentId;
    if (!url) await database.close(); // PGlite: one process at a time

    const w = startWorkerProcess();
    child = w.proc;
    expect(await w.claimed).toBe(id);
    await new Promise((r) => setTimeout(r, 1500)); // well into preparing and reading the page
    const exited = new Promise((r) => w.proc.once("exit", r));
    w.proc.kill("SIGKILL");
    await exited;
    child = undefined;

    if (!url) database = await open();
    expect((await getDocument(database.db, p.id, id))!.status).toBe("reading");
    // the restarted process (PGlite) / another worker (PostgreSQL), with the default lease
    const restarted = new JobRunner({ connectionString: url, pollingIntervalSeconds: 0.5, sweepAfterSeconds: 0, register: false, stopTimeoutMs: 2000 });
    const started = Date.now();
    await restarted.start(database);
    try {
      // Taken back: the second attempt has begun. This is bounded by the lease (20 s, checked every
      // 5 s) and pg-boss' polling, not by how fast this machine reads a page.
      let d = await getDocument(database.db, p.id, id);
      while (d!.attempts < 2 && d!.status !== "done" && d!.status !== "failed" && Date.now() - started < 60_000) {
        await new Promise((r) => setTimeout(r, 250));
        d = await getDocument(database.db, p.id, id);
      }
      const takenBack = (Date.now() - started) / 1000;
      while (d!.status !== "done" && d!.status !== "failed" && Date.now() - started < 150_000) {
        await new Promise((r) => setTimeout(r, 500));
        d = await getDocument(database.db, p.id, id);
      }
      const read = (Date.now() - started) / 1000;
      console.log(`taken back ${takenBack.toFixed(1)} s and read ${read.toFixed(1)} s after the restart (${url ? "PostgreSQL" : "PGlite"}), attempt ${d!.attempts}`);
      expect(takenBack).toBeLessThan(40);
      expect(d!.status).toBe("done");
      expect(d!.attempts).toBe(2);
    } finally {
      await restarted.stop({ graceful: false });
      await database.close();
    }
  }, 200_000);
});
