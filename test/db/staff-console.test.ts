/**
 * The caseworker console's service (ADR 0015): one queue of every kind sorted by deadline with its
 * filters, the § 11 a provisional answer (due a month after receipt; sent once, to the inbox), and
 * the append-only audit log of staff reads that the resident sees by unit.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadApplications, caseEvents, cases, inboxMessages, persons, staffAuditLog } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { saveDraft, submitCase } from "~/services/cases.server";
import { addMonths, assignToSelf, auditRead, caseOpenings, deadlinesOf, listStaffQueue, loadStaffCase, sendProvisionalAnswer } from "~/services/staff-console.server";
import { openTestDatabase } from "../support/db";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";

let database: Database;
let cleanup: () => Promise<void>;
let personId: string;
const TODAY: IsoDate = "2026-11-23";

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  const [p] = await database.db
    .insert(persons)
    .values({ fnr: generateFnr("1980-02-02", 301)!, name: "Kari Kø" })
    .returning();
  personId = p!.id;
});
afterAll(async () => {
  await cleanup?.();
});

async function receivedCase(kind: "missing-egenandel" | "tip", receivedAt: string, key: string) {
  const c = await saveDraft(database.db, {
    personId,
    kind,
    idempotencyKey: key,
    data: { providerName: "X", serviceDate: "2026-09-01", serviceType: "lege", amountOre: ore(10_000) },
    today: TODAY,
  });
  await submitCase(database.db, personId, c.id);
  await database.db
    .update(caseEvents)
    .set({ at: new Date(receivedAt) })
    .where(eq(caseEvents.caseId, c.id));
  return c;
}

describe("deadlines", () => {
  it("adds calendar months (end of month clamps) and sorts by the kind's target", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(deadlinesOf("missing-egenandel", "2026-10-01")).toEqual({ deadline: "2026-10-22", provisionalDue: "2026-11-01" });
    expect(deadlinesOf("tip", "2026-10-01").deadline).toBe("2026-11-30");
  });
});

describe("queue", () => {
  it("lists cases and abroad applications together, earliest deadline first, with kind/status/age/mine filters", async () => {
    const tip = await receivedCase("tip", "2026-09-01T10:00:00Z", "t1"); // deadline 2026-10-31
    const report = await receivedCase("missing-egenandel", "2026-11-20T10:00:00Z", "m1"); // deadline 2026-12-11
    const old = await receivedCase("missing-egenandel", "2026-10-01T10:00:00Z", "m2"); // deadline 2026-10-22
    const [abroad] = await database.db
      .insert(abroadApplications)
      .values({ personId, status: "received", data: { reference: "FP-2026-ABROAD", submittedAt: "2026-11-01T09:00:00Z" } })
      .returning();
    await database.db.insert(abroadApplications).values({ personId, status: "draft", data: {} });

    const all = await listStaffQueue(database.db, {}, TODAY);
    expect(all.map((i) => i.id)).toEqual([old.id, tip.id, report.id, abroad!.id]); // 10-22, 10-31, 12-11, 12-13
    expect(all.find((i) => i.id === old.id)).toMatchObject({ receivedOn: "2026-10-01", ageDays: 53, provisionalDue: "2026-11-01" });
    expect(all.find((i) => i.id === abroad!.id)).toMatchObject({ kind: "abroad-refund", reference: "FP-2026-ABROAD" });

    expect((await listStaffQueue(database.db, { kind: "abroad-refund" }, TODAY)).map((i) => i.id)).toEqual([abroad!.id]);
    expect((await listStaffQueue(database.db, { kind: "tip" }, TODAY)).map((i) => i.id)).toEqual([tip.id]);
    expect((await listStaffQueue(database.db, { minAgeDays: 30 }, TODAY)).map((i) => i.id)).toEqual([old.id, tip.id]);
    expect(await listStaffQueue(database.db, { status: "closed" }, TODAY)).toEqual([]);

    await assignToSelf(database.db, { subjectKind: "case", id: report.id }, "Z990001");
    await assignToSelf(database.db, { subjectKind: "case", id: report.id }, "Z990004"); // taken over
    expect((await listStaffQueue(database.db, { assignedTo: "Z990004" }, TODAY)).map((i) => i.id)).toEqual([report.id]);
    expect(await listStaffQueue(database.db, { assignedTo: "Z990001" }, TODAY)).toEqual([]);
  });
});

describe("provisional answer (forvaltningsloven § 11 a)", () => {
  it("is sent once, reaches the inbox and the case history, and is no longer due", async () => {
    const c = await receivedCase("missing-egenandel", "2026-10-10T10:00:00Z", "p1");
    const loaded = (await loadStaffCase(database.db, c.id))!;
    expect(await sendProvisionalAnswer(database.db, loaded, TODAY, TODAY)).toEqual({ ok: false, reason: "expected-by" });
    expect(await sendProvisionalAnswer(database.db, loaded, "2027-01-15", TODAY)).toEqual({ ok: true, fresh: true });
    expect(await sendProvisionalAnswer(database.db, loaded, "2027-02-01", TODAY)).toEqual({ ok: true, fresh: false });
    const inbox = await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, personId));
    const answers = inbox.filter((m) => m.kind === "provisional-answer");
    expect(answers).toHaveLength(1);
    expect(answers[0]!.payload).toMatchObject({ reference: c.reference, expectedBy: "2027-01-15" });
    const item = (await listStaffQueue(database.db, {}, TODAY)).find((i) => i.id === c.id)!;
    expect(item.provisionalDue).toBeNull();
    expect(item.provisionalSentAt).not.toBeNull();
    expect((await loadStaffCase(database.db, c.id))!.history.some((h) => h.note === "provisional-answer:2027-01-15")).toBe(true);
  });
});

describe("audit log", () => {
  it("records who read what and when; the resident sees the unit; rows cannot be changed or deleted", async () => {
    const c = await receivedCase("missing-egenandel", "2026-11-01T10:00:00Z", "a1");
    const loaded = (await loadStaffCase(database.db, c.id))!;
    await auditRead(database.db, { ident: "Z990001", unit: "casework" }, "case.view", loaded);
    await auditRead(database.db, { ident: "Z990002", unit: "control" }, "case.view", loaded);
    const seen = await caseOpenings(database.db, personId, "case", c.id);
    expect(seen.map((s) => s.unit).sort()).toEqual(["casework", "control"]);
    expect(JSON.stringify(seen)).not.toContain("Z99");
    const refusal = (p: PromiseLike<unknown>) =>
      Promise.resolve(p).then(
        () => "accepted",
        (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message,
      );
    expect(await refusal(database.db.update(staffAuditLog).set({ staffIdent: "Z000000" }))).toMatch(/append-only/);
    expect(await refusal(database.db.delete(staffAuditLog))).toMatch(/append-only/);
    expect(await refusal(database.db.execute(sql`truncate staff_audit_log`))).toMatch(/append-only/);
    expect((await database.db.select().from(staffAuditLog).where(eq(staffAuditLog.subjectId, c.id))).length).toBe(2);
  });

  it("a case of another kind or a draft is not a console case", async () => {
    const [draft] = await database.db.select().from(cases).where(eq(cases.status, "draft"));
    if (draft) expect(await loadStaffCase(database.db, draft.id)).toBeNull();
    expect(await loadStaffCase(database.db, "not-a-uuid")).toBeNull();
    expect(await loadStaffCase(database.db, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});

describe("appeal (klage)", () => {
  it("is open for six weeks after the decision, returns the case to the queue, and a reversal leads to a new decision with both kept", async () => {
    const { appealCase, handleAppeal, lastDecision } = await import("~/services/staff-console.server");
    const { appealDeadline } = await import("~/services/vedtak-pdf.server");
    const { decideCase } = await import("~/services/cases.server");
    const c = await receivedCase("missing-egenandel", "2026-11-01T10:00:00Z", "k1");
    // not decided yet: nothing to appeal
    expect(await appealCase(database.db, personId, c.id, { text: "x", uploadId: null }, TODAY, appealDeadline)).toEqual({ ok: false, reason: "not-decided" });
    await decideCase(database.db, c.id, { status: "rejected", reason: "For sent.", actor: "Z990001" });
    await database.db
      .update(caseEvents)
      .set({ at: new Date("2026-11-10T10:00:00Z") })
      .where(eq(caseEvents.status, "rejected"));
    const history = await database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(lastDecision("missing-egenandel", history)).toEqual({ status: "rejected", on: "2026-11-10" });
    // six weeks: 2026-12-22 is the last day
    expect(await appealCase(database.db, personId, c.id, { text: "Jeg er uenig.", uploadId: null }, "2026-12-23", appealDeadline)).toEqual({
      ok: false,
      reason: "deadline-passed",
    });
    expect(await appealCase(database.db, personId, c.id, { text: "Jeg er uenig.", uploadId: null }, "2026-12-22", appealDeadline)).toEqual({ ok: true });
    expect(await appealCase(database.db, personId, c.id, { text: "Igjen.", uploadId: null }, "2026-12-22", appealDeadline)).toEqual({ ok: false, reason: "not-decided" });
    expect((await listStaffQueue(database.db, { status: "appealed" }, TODAY)).map((i) => i.id)).toEqual([c.id]);

    const appealed = (await loadStaffCase(database.db, c.id))!;
    expect(await handleAppeal(database.db, appealed, "reverse", "Kvitteringen viser at kravet kom i tide.", "Z990004")).toBe(true);
    expect(await handleAppeal(database.db, appealed, "forward", "x", "Z990004")).toBe(false); // no longer appealed
    await decideCase(database.db, c.id, { status: "registered", reason: "Omgjort etter klage.", actor: "Z990004" });
    const after = (await loadStaffCase(database.db, c.id))!;
    expect(after.status).toBe("registered");
    // the first decision and the new one are both in the history, in order
    expect(after.history.map((h) => h.status)).toEqual(["received", "rejected", "appealed", "under-review", "registered"]);
    expect(lastDecision("missing-egenandel", after.history)?.status).toBe("registered");
  });
});
