/**
 * Control cases on the database (issue 20 part 5): opened against a provider by its id, moved only
 * by the domain's transition function, every step an append-only event with the state after it,
 * the amount computed from the claim lines as paid, a concurrent step refused as stale, the
 * provider's answer content-checked, and every step and read in the staff audit log.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import {
  claimLineReviews,
  claimLines,
  claims,
  controlCaseEvents,
  controlCaseFiles,
  controlCases,
  egenandelEvents,
  egenandeler,
  providerReceivables,
  providers,
  staffAuditLog,
} from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { orgnrOf } from "~/kernel/orgnr";
import { ore } from "~/kernel/money";
import { findTakst } from "~/rules/parameters/physio-takster";
import type { Claim } from "~/schemas/claims";
import { submitClaims } from "~/services/claims.server";
import {
  applyControlCommand,
  auditControlRead,
  candidateLines,
  heldLinesForCase,
  listControlCases,
  loadControlCase,
  loadReceivables,
  openControlCase,
  reviewHeldLineFromCase,
  searchProviders,
} from "~/services/control-cases.server";
import { openTestDatabase } from "../support/db";
import { insertPerson, TEST_ORG } from "../support/fixtures";
import type { IsoDate } from "~/kernel/types";
import type { Fnr } from "~/kernel/types";

const TODAY: IsoDate = "2025-03-20";
const OTHER_ORG = { orgnr: orgnrOf("923609016"), name: "Annen klinikk AS" };
const HPR = "9144889";
const A2C = findTakst("A2c", "2025-03-04")!;
const A2A = findTakst("A2a", "2025-03-04")!;
const PAID_A2C = A2C.honorarOre - A2C.egenandelOre;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const controller = { ident: "Z990002", unit: "control" as const };

let database: Database;
let cleanup: () => Promise<void>;
let providerId = "";
let lineIds: string[] = [];
let otherLineId = "";
let patients: string[] = [];

function claim(fnr: Fnr, claimId: string, hpr: string, date: IsoDate, startTime: string): Claim {
  return { claimId, fnr, therapist: { hprNumber: hpr, name: "Siri Fysiosen" }, paid: true, lines: [{ takst: "A2c", date, startTime, minutes: 40, groupSize: null }] };
}

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db.insert(providers).values([TEST_ORG, OTHER_ORG]).onConflictDoNothing();
  const people = [];
  for (const individ of [410, 411, 412, 413, 414]) {
    if (!generateFnr("1970-05-05", individ)) continue;
    people.push(await insertPerson(database, { birthDate: "1970-05-05", individ, name: "Test Pasient", rows: [] }));
    if (people.length === 2) break;
  }
  patients = people.map((p) => p.id);
  await submitClaims(
    database.db,
    TEST_ORG.orgnr,
    [claim(people[0]!.fnr, "k-1", HPR, "2025-03-04", "08:00"), claim(people[1]!.fnr, "k-2", HPR, "2025-03-04", "09:00"), claim(people[0]!.fnr, "k-3", HPR, "2025-03-05", "08:00")],
    TODAY,
  );
  await submitClaims(database.db, OTHER_ORG.orgnr, [claim(people[1]!.fnr, "a-1", "9100001", "2025-03-06", "08:00")], TODAY);
  const [p] = await database.db.select({ id: providers.id }).from(providers).where(eq(providers.orgnr, TEST_ORG.orgnr));
  providerId = p!.id;
  const own = await database.db.select({ id: claimLines.id, org: claimLines.providerOrgnr }).from(claimLines).orderBy(claimLines.serviceDate, claimLines.startMinute);
  lineIds = own.filter((l) => l.org === TEST_ORG.orgnr).map((l) => l.id);
  otherLineId = own.find((l) => l.org === OTHER_ORG.orgnr)!.id;
});
afterAll(async () => {
  await cleanup?.();
});

const events = (caseId: string) => database.db.select().from(controlCaseEvents).where(eq(controlCaseEvents.caseId, caseId)).orderBy(controlCaseEvents.seq);
const auditRows = (caseId: string) =>
  database.db
    .select()
    .from(staffAuditLog)
    .where(and(eq(staffAuditLog.subjectKind, "control-case"), eq(staffAuditLog.subjectId, caseId)));

async function open(): Promise<string> {
  const r = await openControlCase(database.db, controller, { providerId, therapistHpr: HPR, signal: "high-refund" }, TODAY);
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

async function step(caseId: string, cmd: Parameters<typeof applyControlCommand>[3], today = TODAY, file: { name: string; bytes: Uint8Array } | null = null) {
  const [c] = await database.db.select({ version: controlCases.version }).from(controlCases).where(eq(controlCases.id, caseId));
  return applyControlCommand(database.db, controller, caseId, cmd, { today, version: c!.version, file });
}

describe("opening a control case", () => {
  it("finds the provider by name or orgnr, with its number of claim lines", async () => {
    expect(await searchProviders(database.db, "testklinikken")).toEqual([{ id: providerId, orgnr: TEST_ORG.orgnr, name: TEST_ORG.name, lines: 3 }]);
    expect((await searchProviders(database.db, OTHER_ORG.orgnr)).map((h) => h.orgnr)).toEqual([OTHER_ORG.orgnr]);
    expect(await searchProviders(database.db, "%")).toEqual([]);
  });

  it("opens against the provider's id with a first event and an audit row, and refuses an unknown provider or therapist", async () => {
    const id = await open();
    const c = await loadControlCase(database.db, id);
    expect(c).toMatchObject({ providerOrgnr: TEST_ORG.orgnr, therapistHpr: HPR, signal: "high-refund", state: { tag: "opened" }, version: 1, openedBy: "Z990002" });
    expect(c!.reference).toMatch(/^KK-2025-[0-9A-Z]{6}$/);
    expect((await events(id)).map((e) => [e.seq, e.kind, e.on])).toEqual([[1, "opened", TODAY]]);
    expect((await auditRows(id)).map((a) => [a.action, a.personId, a.staffIdent])).toEqual([["control.opened", null, "Z990002"]]);
    expect(await openControlCase(database.db, controller, { providerId: "00000000-0000-4000-8000-000000000000", therapistHpr: null, signal: "x" }, TODAY)).toEqual({
      ok: false,
      error: "provider-unknown",
    });
    expect(await openControlCase(database.db, controller, { providerId, therapistHpr: "9100001", signal: "x" }, TODAY)).toEqual({ ok: false, error: "therapist-unknown" });
    // an orgnr is taken as well
    expect(await openControlCase(database.db, controller, { providerId: TEST_ORG.orgnr, therapistHpr: null, signal: "manuell" }, TODAY)).toMatchObject({ ok: true });
  });

  it("offers only the provider's paid lines for innhenting", async () => {
    const id = await open();
    const c = (await loadControlCase(database.db, id))!;
    expect((await candidateLines(database.db, c)).map((l) => l.id).sort()).toEqual([...lineIds].sort());
    expect((await candidateLines(database.db, c, { from: "2025-03-05" })).map((l) => l.claimId)).toEqual(["k-3"]);
  });
});

describe("moving a control case", () => {
  it("takes a case from innhenting to a vedtak and an appeal, with the amount from the lines as paid, each step an event and an audit row", async () => {
    const id = await open();
    expect(await step(id, { kind: "innhenting", lineIds: [lineIds[0]!, lineIds[1]!], deadline: "2025-04-10" })).toEqual({ ok: true, seq: 2 });
    expect(
      await step(
        id,
        {
          kind: "vurdering",
          assessments: [
            { lineId: lineIds[0]!, result: "not-documented", correctTakst: null },
            { lineId: lineIds[1]!, result: "wrong-takst", correctTakst: "A2a" },
          ],
        },
        "2025-04-11",
      ),
    ).toEqual({
      ok: true,
      seq: 3,
    });
    const expected = PAID_A2C + (PAID_A2C - (A2A.honorarOre - A2A.egenandelOre));
    expect((await loadControlCase(database.db, id))!.state).toMatchObject({ tag: "vurdert", assessment: { totalOre: expected } });
    expect(await step(id, { kind: "varsel", deadline: "2025-05-02" }, "2025-04-11")).toMatchObject({ ok: true });
    expect(await step(id, { kind: "tilsvar", note: "Journal vedlagt", hasFile: true }, "2025-04-20", { name: "svar.png", bytes: PNG })).toMatchObject({ ok: true });
    expect(
      await step(
        id,
        {
          kind: "ny-vurdering",
          assessments: [
            { lineId: lineIds[0]!, result: "documented", correctTakst: null },
            { lineId: lineIds[1]!, result: "not-performed", correctTakst: null },
          ],
        },
        "2025-05-05",
      ),
    ).toMatchObject({ ok: true });
    expect(await step(id, { kind: "vedtak" }, "2025-05-06")).toMatchObject({ ok: true });
    expect(await step(id, { kind: "klage", receivedOn: "2025-05-20", text: "Behandlingen ble gitt" }, "2025-05-21")).toMatchObject({ ok: true });
    expect(await step(id, { kind: "klage-behandling", outcome: "upheld", reason: "Ingen ny dokumentasjon", assessments: null }, "2025-06-01")).toMatchObject({ ok: true });

    const c = (await loadControlCase(database.db, id))!;
    expect(c.state).toMatchObject({ tag: "klage-oversendt", decidedOn: "2025-05-06", appealBy: "2025-06-17", assessment: { totalOre: PAID_A2C } });
    expect(c.stateTag).toBe("klage-oversendt");
    expect(c.lines.map((l) => l.claimId)).toEqual(["k-1", "k-2"]);
    expect(c.events.map((e) => [e.seq, e.kind, e.on])).toEqual([
      [1, "opened", TODAY],
      [2, "innhenting", TODAY],
      [3, "vurdering", "2025-04-11"],
      [4, "varsel", "2025-04-11"],
      [5, "tilsvar", "2025-04-20"],
      [6, "ny-vurdering", "2025-05-05"],
      [7, "vedtak", "2025-05-06"],
      [8, "klage", "2025-05-21"],
      [9, "klage-behandling", "2025-06-01"],
    ]);
    expect(c.events[4]!.file).toMatchObject({ filename: "svar.png", mimeType: "image/png", sizeBytes: PNG.byteLength });
    expect(c.events[4]!.data).toEqual({ kind: "tilsvar", note: "Journal vedlagt" });
    expect((await auditRows(id)).map((a) => a.action).sort()).toEqual(
      [
        "control.opened",
        "control.innhenting",
        "control.vurdering",
        "control.varsel",
        "control.tilsvar",
        "control.ny-vurdering",
        "control.vedtak",
        "control.klage",
        "control.klage-behandling",
      ].sort(),
    );
    // a final case takes no more steps
    expect(await step(id, { kind: "henlegg", reason: "x" })).toEqual({ ok: false, error: "not-allowed" });
  });

  it("an appeal that changes the vedtak makes a new vedtak event with the new amount and appeal deadline; one that reverses it ends the case", async () => {
    const toVedtak = async () => {
      const id = await open();
      await step(id, { kind: "innhenting", lineIds: [lineIds[0]!, lineIds[2]!], deadline: "2025-04-10" });
      const all = [lineIds[0]!, lineIds[2]!].map((lineId) => ({ lineId, result: "not-documented" as const, correctTakst: null }));
      await step(id, { kind: "vurdering", assessments: all });
      await step(id, { kind: "varsel", deadline: "2025-04-10" });
      await step(id, { kind: "ny-vurdering", assessments: all });
      await step(id, { kind: "vedtak" }, "2025-04-15");
      await step(id, { kind: "klage", receivedOn: "2025-04-20", text: "Journal fantes" }, "2025-04-22");
      return id;
    };
    const changed = await toVedtak();
    expect(
      await step(
        changed,
        {
          kind: "klage-behandling",
          outcome: "changed",
          reason: "Journal for den første",
          assessments: [
            { lineId: lineIds[0]!, result: "documented", correctTakst: null },
            { lineId: lineIds[2]!, result: "not-documented", correctTakst: null },
          ],
        },
        "2025-05-01",
      ),
    ).toEqual({ ok: true, seq: 8 });
    const c = (await loadControlCase(database.db, changed))!;
    expect(c.state).toMatchObject({ tag: "vedtak", decidedOn: "2025-05-01", appealBy: "2025-06-12", assessment: { totalOre: PAID_A2C } });
    expect(c.events.filter((e) => e.stateAfter.tag === "vedtak").map((e) => [e.kind, e.on])).toEqual([
      ["vedtak", "2025-04-15"],
      ["klage-behandling", "2025-05-01"],
    ]);
    const reversed = await toVedtak();
    await step(reversed, { kind: "klage-behandling", outcome: "reversed", reason: "Feil i vurderingen", assessments: null }, "2025-05-01");
    expect((await loadControlCase(database.db, reversed))!.state).toEqual({ tag: "omgjort", lineIds: [lineIds[0]!, lineIds[2]!], reversedOn: "2025-05-01" });
  });

  it("refuses lines of another provider and writes nothing", async () => {
    const id = await open();
    expect(await step(id, { kind: "innhenting", lineIds: [lineIds[0]!, otherLineId], deadline: "2025-04-10" })).toEqual({ ok: false, error: "line-of-other-provider" });
    expect(await events(id)).toHaveLength(1);
    expect((await loadControlCase(database.db, id))!.state).toEqual({ tag: "opened" });
  });

  it("refuses a step taken on a version another controller has moved on from (stale), and writes nothing", async () => {
    const id = await open();
    const first = await applyControlCommand(database.db, controller, id, { kind: "innhenting", lineIds: [lineIds[2]!], deadline: "2025-04-10" }, { today: TODAY, version: 1 });
    const second = await applyControlCommand(database.db, controller, id, { kind: "henlegg", reason: "Signalet forklart" }, { today: TODAY, version: 1 });
    expect(first).toEqual({ ok: true, seq: 2 });
    expect(second).toEqual({ ok: false, error: "stale" });
    expect((await events(id)).map((e) => e.kind)).toEqual(["opened", "innhenting"]);
  });

  it("answers a double submit of the same step by the same controller with the step already taken, once", async () => {
    const id = await open();
    const cmd = { kind: "innhenting" as const, lineIds: [lineIds[2]!, lineIds[0]!], deadline: "2025-04-10" as IsoDate };
    const [a, b] = [
      await applyControlCommand(database.db, controller, id, cmd, { today: TODAY, version: 1 }),
      await applyControlCommand(database.db, controller, id, cmd, { today: TODAY, version: 1 }),
    ];
    expect(a).toEqual({ ok: true, seq: 2 });
    expect(b).toEqual({ ok: true, seq: 2 });
    // another controller's identical form is not a double submit of one's own
    expect(await applyControlCommand(database.db, { ident: "Z990005", unit: "control" }, id, cmd, { today: TODAY, version: 1 })).toEqual({ ok: false, error: "stale" });
    expect((await events(id)).map((e) => e.kind)).toEqual(["opened", "innhenting"]);
  });

  it("refuses a tilsvar file that is not a PDF, JPEG or PNG by its content, and stores nothing", async () => {
    const id = await open();
    await step(id, { kind: "innhenting", lineIds: [lineIds[0]!], deadline: "2025-04-10" });
    await step(id, { kind: "vurdering", assessments: [{ lineId: lineIds[0]!, result: "not-documented", correctTakst: null }] });
    await step(id, { kind: "varsel", deadline: "2025-04-10" });
    const r = await step(id, { kind: "tilsvar", note: "", hasFile: true }, TODAY, { name: "svar.pdf", bytes: new TextEncoder().encode("MZ this is no pdf") });
    expect(r).toMatchObject({ ok: false, error: "file" });
    expect(await database.db.select().from(controlCaseFiles).where(eq(controlCaseFiles.caseId, id))).toHaveLength(0);
    expect((await loadControlCase(database.db, id))!.state.tag).toBe("varslet");
  });

  it("keeps events and files append-only", async () => {
    const id = await open();
    const refusal = async (q: PromiseLike<unknown>) => {
      try {
        await q;
        return "";
      } catch (err) {
        return String((err as { cause?: unknown }).cause ?? err);
      }
    };
    expect(await refusal(database.db.update(controlCaseEvents).set({ actor: "Z000000" }).where(eq(controlCaseEvents.caseId, id)))).toMatch(/append-only/);
    expect(await refusal(database.db.delete(controlCaseEvents).where(eq(controlCaseEvents.caseId, id)))).toMatch(/append-only/);
    expect(await refusal(database.db.execute(sql`truncate control_case_files cascade`))).toMatch(/append-only/);
  });

  it("audits a read of the case once per patient whose claim lines it shows", async () => {
    const id = await open();
    await step(id, { kind: "innhenting", lineIds: [lineIds[0]!, lineIds[1]!, lineIds[2]!], deadline: "2025-04-10" });
    const c = (await loadControlCase(database.db, id))!;
    await auditControlRead(database.db, controller, "control.view", c);
    const views = (await auditRows(id)).filter((a) => a.action === "control.view");
    expect(views.map((v) => v.personId).sort()).toEqual([...patients].sort());
  });
});

describe("a vedtak om tilbakekreving makes the provider owe the amount (a receivable)", () => {
  /** A case at its vedtak: both lines not documented, decided on `decidedOn`. */
  async function decided(decidedOn: IsoDate): Promise<string> {
    const id = await open();
    await step(id, { kind: "innhenting", lineIds: [lineIds[0]!, lineIds[2]!], deadline: "2025-04-10" });
    const all = [lineIds[0]!, lineIds[2]!].map((lineId) => ({ lineId, result: "not-documented" as const, correctTakst: null }));
    await step(id, { kind: "vurdering", assessments: all });
    await step(id, { kind: "varsel", deadline: "2025-04-10" });
    await step(id, { kind: "ny-vurdering", assessments: all });
    const [c] = await database.db.select({ version: controlCases.version }).from(controlCases).where(eq(controlCases.id, id));
    // the controller's form sent twice: one vedtak, one receivable
    const cmd = { kind: "vedtak" as const };
    expect(await applyControlCommand(database.db, controller, id, cmd, { today: decidedOn, version: c!.version })).toEqual({ ok: true, seq: 6 });
    expect(await applyControlCommand(database.db, controller, id, cmd, { today: decidedOn, version: c!.version })).toEqual({ ok: true, seq: 6 });
    return id;
  }
  const ofCase = (caseId: string) => loadReceivables(database.db, { providerOrgnr: TEST_ORG.orgnr, caseId });

  it("with the vedtak's total in øre, due 30 days after it, open, once however often the step is sent; steps before the vedtak owe nothing", async () => {
    const id = await decided("2025-04-15");
    const [r, ...more] = await ofCase(id);
    expect(more).toEqual([]);
    expect(r).toMatchObject({ amountOre: 2 * PAID_A2C, decidedOn: "2025-04-15", dueOn: "2025-05-15", status: "open", statusOn: "2025-04-15", eventSeq: 6 });
    expect(r!.reference).toMatch(/^KK-2025-/);
    // the provider's record lists it with every other case's
    expect((await loadReceivables(database.db, { providerOrgnr: TEST_ORG.orgnr })).map((x) => x.id)).toContain(r!.id);
    expect(await loadReceivables(database.db, { providerOrgnr: OTHER_ORG.orgnr })).toEqual([]);
    // an upheld appeal leaves it as it is
    await step(id, { kind: "klage", receivedOn: "2025-04-20", text: "Uenig" }, "2025-04-22");
    await step(id, { kind: "klage-behandling", outcome: "upheld", reason: "Ingen ny dokumentasjon", assessments: null }, "2025-05-01");
    expect((await ofCase(id)).map((x) => [x.amountOre, x.status])).toEqual([[2 * PAID_A2C, "open"]]);
    // the table refuses a second receivable for the same vedtak
    await expect(
      database.db.insert(providerReceivables).values({
        providerOrgnr: TEST_ORG.orgnr,
        caseId: id,
        eventSeq: 6,
        amountOre: ore(1),
        decidedOn: "2025-04-15",
        dueOn: "2025-05-15",
        status: "open",
        statusOn: "2025-04-15",
      }),
    ).rejects.toThrow();
  });

  it("an appeal that changes the vedtak replaces the receivable with the new amount; one that reverses it cancels it", async () => {
    const changed = await decided("2025-04-15");
    await step(changed, { kind: "klage", receivedOn: "2025-04-20", text: "Journal fantes" }, "2025-04-22");
    await step(
      changed,
      {
        kind: "klage-behandling",
        outcome: "changed",
        reason: "Journal for den første",
        assessments: [
          { lineId: lineIds[0]!, result: "documented", correctTakst: null },
          { lineId: lineIds[2]!, result: "not-documented", correctTakst: null },
        ],
      },
      "2025-05-01",
    );
    expect((await ofCase(changed)).map((x) => [x.amountOre, x.status, x.statusOn, x.dueOn])).toEqual([
      [PAID_A2C, "open", "2025-05-01", "2025-05-31"],
      [2 * PAID_A2C, "replaced", "2025-05-01", "2025-05-15"],
    ]);
    const reversed = await decided("2025-04-15");
    await step(reversed, { kind: "klage", receivedOn: "2025-04-20", text: "Feil" }, "2025-04-22");
    await step(reversed, { kind: "klage-behandling", outcome: "reversed", reason: "Feil i vurderingen", assessments: null }, "2025-05-01");
    expect((await ofCase(reversed)).map((x) => [x.amountOre, x.status, x.statusOn])).toEqual([[2 * PAID_A2C, "cancelled", "2025-05-01"]]);
  });
});

describe("an appeal received after the deadline (forvaltningsloven § 31)", () => {
  /** A case at its vedtak on 2025-04-15 (appeal by 2025-05-27) with an appeal that arrived on 2025-06-10. */
  async function lateAppeal(): Promise<string> {
    const id = await open();
    await step(id, { kind: "innhenting", lineIds: [lineIds[0]!], deadline: "2025-04-10" });
    const all = [{ lineId: lineIds[0]!, result: "not-documented" as const, correctTakst: null }];
    await step(id, { kind: "vurdering", assessments: all });
    await step(id, { kind: "varsel", deadline: "2025-04-10" });
    await step(id, { kind: "ny-vurdering", assessments: all });
    await step(id, { kind: "vedtak" }, "2025-04-15");
    expect(await step(id, { kind: "klage", receivedOn: "2025-06-10", text: "Vedtaket kom aldri fram" }, "2025-06-11")).toEqual({ ok: true, seq: 7 });
    return id;
  }
  const ofCase = (caseId: string) => loadReceivables(database.db, { providerOrgnr: TEST_ORG.orgnr, caseId });

  it("is registered as a late appeal (an event on the timeline) and then dismissed by a dated, audit-logged step; the vedtak's claim stays open", async () => {
    const id = await lateAppeal();
    const registered = (await loadControlCase(database.db, id))!;
    expect(registered.state).toMatchObject({ tag: "klage-for-sent", appealReceivedOn: "2025-06-10", appealBy: "2025-05-27" });
    expect(registered.stateTag).toBe("klage-for-sent");
    // the ordinary handling of an appeal is not open to it before the § 31 decision
    expect(await step(id, { kind: "klage-behandling", outcome: "reversed", reason: "x", assessments: null }, "2025-06-12")).toEqual({ ok: false, error: "not-allowed" });
    expect(await step(id, { kind: "sen-klage", decision: "behandles", ground: null, reason: "x" }, "2025-06-12")).toEqual({ ok: false, error: "late-ground-missing" });
    expect(await step(id, { kind: "sen-klage", decision: "avvises", ground: null, reason: "Ingen grunn til forsinkelsen" }, "2025-06-12")).toEqual({ ok: true, seq: 8 });
    const c = (await loadControlCase(database.db, id))!;
    expect(c.state).toMatchObject({ tag: "klage-avvist", dismissedOn: "2025-06-12", complaintBy: "2025-07-24", decidedOn: "2025-04-15" });
    expect(c.events.slice(-2).map((e) => [e.seq, e.kind, e.on, e.stateAfter.tag])).toEqual([
      [7, "klage", "2025-06-11", "klage-for-sent"],
      [8, "sen-klage", "2025-06-12", "klage-avvist"],
    ]);
    expect(c.events.at(-1)!.data).toEqual({ kind: "sen-klage", decision: "avvises", ground: null, reason: "Ingen grunn til forsinkelsen" });
    expect((await auditRows(id)).filter((a) => a.action === "control.sen-klage").map((a) => a.staffIdent)).toEqual(["Z990002"]);
    expect((await ofCase(id)).map((r) => [r.amountOre, r.status])).toEqual([[PAID_A2C, "open"]]);
    // a dismissed case is closed: it is not in the list of open cases, and takes no more steps
    expect((await listControlCases(database.db, { open: true })).map((x) => x.id)).not.toContain(id);
    expect(await step(id, { kind: "klage", receivedOn: "2025-06-12", text: "Igjen" }, "2025-06-12")).toEqual({ ok: false, error: "not-allowed" });
  });

  it("considered all the same (§ 31 first paragraph), it is handled like any appeal: a reversal cancels the claim", async () => {
    const id = await lateAppeal();
    expect(await step(id, { kind: "sen-klage", decision: "behandles", ground: "not-to-blame", reason: "Sendt til feil adresse" }, "2025-06-12")).toEqual({ ok: true, seq: 8 });
    expect((await loadControlCase(database.db, id))!.state).toMatchObject({ tag: "klage", appealReceivedOn: "2025-06-10" });
    expect(await step(id, { kind: "klage-behandling", outcome: "reversed", reason: "Journal fantes", assessments: null }, "2025-06-20")).toEqual({ ok: true, seq: 9 });
    expect((await ofCase(id)).map((r) => [r.status, r.statusOn])).toEqual([["cancelled", "2025-06-20"]]);
    const c = (await loadControlCase(database.db, id))!;
    expect(c.events.map((e) => e.kind).slice(-3)).toEqual(["klage", "sen-klage", "klage-behandling"]);
    expect(c.events.at(-2)!.data).toMatchObject({ decision: "behandles", ground: "not-to-blame" });
  });
});

describe("claim lines held for control at receipt, decided from the provider's control case", () => {
  it("shows the case's provider's and therapist's held lines while it is open, and approves one through the one review function: paid, egenandel registered, audit-logged on the case", async () => {
    let individ = 420;
    while (!generateFnr("1972-08-08", individ)) individ++;
    const p = await insertPerson(database, { birthDate: "1972-08-08", individ, name: "Test Pasient", rows: [] });
    const exam = (claimId: string, hpr: string, date: IsoDate): Claim => ({
      claimId,
      fnr: p.fnr,
      therapist: { hprNumber: hpr, name: "Fysio Terapeut" },
      paid: true,
      lines: [{ takst: "A1a", date, startTime: "10:00", minutes: 30, groupSize: null }],
    });
    // four examinations this year elsewhere; a fifth (this provider, the case's therapist) and a sixth (another therapist) are held
    await submitClaims(
      database.db,
      OTHER_ORG.orgnr,
      (["2025-01-06", "2025-01-27", "2025-02-10", "2025-02-24"] as IsoDate[]).map((d, i) => exam(`u-${i}`, "9100001", d)),
      TODAY,
    );
    const [fifth] = await submitClaims(database.db, TEST_ORG.orgnr, [exam("h-1", HPR, "2025-03-17")], TODAY);
    const [sixth] = await submitClaims(database.db, TEST_ORG.orgnr, [exam("h-2", "9100002", "2025-03-19")], TODAY);
    if (fifth!.status === 409 || sixth!.status === 409) throw new Error("conflict");
    expect([fifth!.result.outcome, sixth!.result.outcome]).toEqual(["til-kontroll", "til-kontroll"]);
    const lineOf = async (claimId: string) =>
      (
        await database.db
          .select({ id: claimLines.id, honorarOre: claimLines.honorarOre, egenandelOre: claimLines.egenandelOre })
          .from(claimLines)
          .innerJoin(claims, eq(claims.id, claimLines.claimRef))
          .where(and(eq(claims.claimId, claimId), eq(claims.providerOrgnr, TEST_ORG.orgnr)))
      )[0]!;
    const mine = await lineOf("h-1");
    const otherTherapist = await lineOf("h-2");

    const id = await open();
    const held = await heldLinesForCase(database.db, controller, (await loadControlCase(database.db, id))!);
    expect(held.map((h) => [h.id, h.claimId, h.therapistHpr])).toEqual([[mine.id, "h-1", HPR]]);
    // showing it is a read of the patient's data, audit-logged
    const views = await database.db
      .select({ personId: staffAuditLog.personId })
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.subjectId, mine.id), eq(staffAuditLog.action, "claim-line.view")));
    expect(views.map((v) => v.personId)).toContain(p.id);

    // a line outside the case (another therapist) is not decided from it
    expect(await reviewHeldLineFromCase(database.db, controller, id, otherTherapist.id, "godkjent", "OK", TODAY)).toEqual({ ok: false, reason: "not-in-case" });
    expect(await reviewHeldLineFromCase(database.db, controller, id, mine.id, "godkjent", "Journal viser ny skade", TODAY)).toEqual({
      ok: true,
      outcome: "godkjent",
      disposition: "registered",
    });
    const [after] = await database.db.select().from(claimLines).where(eq(claimLines.id, mine.id));
    expect(after).toMatchObject({ outcome: "godkjent", egenandelDisposition: "registered", refusjonOre: mine.honorarOre - mine.egenandelOre });
    const [e] = await database.db.select().from(egenandeler).where(eq(egenandeler.id, after!.egenandelId!));
    expect(e).toMatchObject({ personId: p.id, amountOre: mine.egenandelOre, serviceDate: "2025-03-17" });
    expect((await database.db.select().from(egenandelEvents).where(eq(egenandelEvents.egenandelId, e!.id))).map((x) => x.source)).toEqual(["claim"]);
    expect((await database.db.select().from(claimLineReviews).where(eq(claimLineReviews.lineId, mine.id))).map((r) => [r.decision, r.staffIdent])).toEqual([
      ["godkjent", "Z990002"],
    ]);
    expect((await auditRows(id)).filter((a) => a.action === "control.held-line.godkjent").map((a) => a.personId)).toEqual([p.id]);
    // decided once: no longer held, no longer shown
    expect(await reviewHeldLineFromCase(database.db, controller, id, mine.id, "avvist", "x", TODAY)).toEqual({ ok: false, reason: "not-held" });
    expect(await heldLinesForCase(database.db, controller, (await loadControlCase(database.db, id))!)).toEqual([]);

    // a closed case shows none and decides none
    const closed = await open();
    await step(closed, { kind: "henlegg", reason: "Signalet forklart" });
    expect(await heldLinesForCase(database.db, controller, (await loadControlCase(database.db, closed))!)).toEqual([]);
    expect(await reviewHeldLineFromCase(database.db, controller, closed, otherTherapist.id, "avvist", "x", TODAY)).toEqual({ ok: false, reason: "case-closed" });

    // a case against the whole provider covers every therapist: the other line is rejected from it, nothing paid
    const whole = await openControlCase(database.db, controller, { providerId, therapistHpr: null, signal: "manuell" }, TODAY);
    if (!whole.ok) throw new Error(whole.error);
    expect((await heldLinesForCase(database.db, controller, (await loadControlCase(database.db, whole.id))!)).map((h) => h.id)).toEqual([otherTherapist.id]);
    expect(await reviewHeldLineFromCase(database.db, controller, whole.id, otherTherapist.id, "avvist", "Ikke dokumentert", TODAY)).toEqual({
      ok: true,
      outcome: "avvist",
      disposition: "rejected",
    });
    const [rejected] = await database.db.select().from(claimLines).where(eq(claimLines.id, otherTherapist.id));
    expect(rejected).toMatchObject({ outcome: "avvist", refusjonOre: 0, egenandelId: null });
  });
});
