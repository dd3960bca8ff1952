/**
 * Issue 16, item 10: files the content check rejects do not use up the ten files a resident may upload of each kind (a
 * resident who picked the wrong files a few times could otherwise no longer upload the right ones), and the list of rejected
 * files stays bounded.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { ABROAD_LIMITS, addDocument, listDocuments, startOrContinueDraft } from "~/services/abroad-documents.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";

const INVOICE = new Uint8Array(readFileSync(new URL("../fixtures/documents/inv02-sv-se-pdf.pdf", import.meta.url).pathname));

let database: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

describe("the ten-per-kind upload limit", () => {
  it("counts only kept files: after twelve rejected files, ten good ones are still accepted, and the eleventh is not", async () => {
    const p = await insertPerson(database, { birthDate: "1944-10-11", individ: 412, name: "Randi Berg", rows: [] });
    const app = await startOrContinueDraft(database.db, p.id);
    const add = (name: string, bytes: Uint8Array) => addDocument(database.db, { personId: p.id, applicationId: app.id, kind: "invoice", file: { name, bytes } });

    for (let i = 0; i < 12; i++) {
      expect(await add(`feil-${i}.pdf`, new TextEncoder().encode(`ikke en pdf ${i}`))).toMatchObject({ ok: false, reason: "unsupported-type" });
    }
    for (let i = 0; i < ABROAD_LIMITS.maxFilesPerKind; i++) {
      expect(await add(`faktura-${i}.pdf`, INVOICE), `good file ${i + 1}`).toMatchObject({ ok: true });
    }
    expect(await add("faktura-11.pdf", INVOICE)).toMatchObject({ ok: false, reason: "too-many-files" });
    // another kind has its own ten
    expect(await addDocument(database.db, { personId: p.id, applicationId: app.id, kind: "epikrise", file: { name: "epikrise.pdf", bytes: INVOICE } })).toMatchObject({ ok: true });

    const docs = (await listDocuments(database.db, p.id, app.id)).filter((d) => d.kind === "invoice");
    expect(docs.filter((d) => d.status === "queued")).toHaveLength(10);
    // the resident still sees the newest rejected files with their reasons, at most ten of them
    const rejected = docs.filter((d) => d.status === "failed");
    expect(rejected).toHaveLength(10);
    expect(rejected.map((d) => d.filename)).toContain("feil-11.pdf");
    expect(rejected.map((d) => d.filename)).not.toContain("feil-0.pdf");
  });
});
