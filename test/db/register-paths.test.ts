/**
 * Every path into the register behaves alike (issue 17): the provider API (single and group
 * commit), a caseworker registering a reported missing egenandel, an approved frikort application
 * by receipts, and a decided application abroad. Each runs on twins of the same person states; the
 * rows, events, frikort statuses and payouts that follow must be the same on every path, and a
 * reserved resident gets nothing stored on any of them.
 */
import { readFileSync } from "node:fs";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { egenandelEvents, egenandeler, frikortStatus, payouts, persons, providers } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import type { IsoDate, Ore, ServiceType } from "~/kernel/types";
import { addDocument, markDone, startOrContinueDraft } from "~/services/abroad-documents.server";
import { advanceStatus, assess, loadApplication, saveAccount, saveInvoiceAnswers, saveStartAnswer, submitApplication } from "~/services/abroad-application.server";
import { CaseDecisionError, decideCase, saveDraft, submitCase } from "~/services/cases.server";
import { registerBatch } from "~/services/register-batch.server";
import { registerEgenandel, RegisterError } from "~/services/register.server";
import { openTestDatabase } from "../support/db";
import { type FixtureRow, insertPerson } from "../support/fixtures";
import { isoDate } from "~/kernel/dates";
import { ore } from "~/kernel/money";
import type { Fnr } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

const ORG = orgnrOf("974760673");
const TODAY: IsoDate = "2025-01-10";
const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${FIXTURES}${name}`)) });
const truth = (name: string) => ({ ...JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")), pages: 1, source: "text-layer" });

let database: Database;
let cleanup: () => Promise<void>;
let individ = 100;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db.insert(providers).values({ orgnr: ORG, name: "Testklinikken AS" }).onConflictDoNothing();
});
afterAll(async () => {
  await cleanup?.();
});

interface Claim {
  serviceDate: IsoDate;
  serviceType: ServiceType;
  amountOre: Ore;
}

interface State {
  name: string;
  birthDate: IsoDate;
  rows: FixtureRow[];
  yrkesskade?: string;
  reserved?: boolean;
  account?: string;
  /** The abroad path's dates come from its invoice (September 2024): states about other years leave it out. */
  claims?: Claim[];
  /** The abroad path, left out above, stores nothing in this state. */
  abroadStoresNothing?: boolean;
}

const physio = (serviceDate: IsoDate, amountOre: number): FixtureRow => ({ serviceDate, serviceType: "fysioterapi", amountOre });
const STATES: State[] = [
  { name: "not reserved, below the ceiling", birthDate: "1960-03-03", rows: [{ serviceDate: "2024-02-02", serviceType: "lege", amountOre: 16_000 }] },
  // 2024's egenandelstak is 3 165 kr: 3 100 kr before the claims, so they cross it (frikort, and a refund to the account).
  { name: "reaching the ceiling", birthDate: "1961-04-04", rows: [physio("2024-03-01", 150_000), physio("2024-04-01", 160_000)], account: "12345678903" },
  {
    name: "over the ceiling already",
    birthDate: "1962-05-05",
    rows: [physio("2024-03-01", 200_000), physio("2024-04-01", 200_000)],
    account: "12345678903",
    // Abroad, the estimate deducts no egenandel after the frikort: that path registers nothing (checked below).
    claims: [
      { serviceDate: "2024-09-03", serviceType: "fysioterapi", amountOre: ore(13_700) },
      { serviceDate: "2024-09-10", serviceType: "fysioterapi", amountOre: ore(13_700) },
    ],
    abroadStoresNothing: true,
  },
  { name: "a child (exempt)", birthDate: "2012-06-06", rows: [] },
  { name: "yrkesskade", birthDate: "1963-07-07", rows: [{ serviceDate: "2024-01-15", serviceType: "lege", amountOre: 16_000 }], yrkesskade: "Kneskade" },
  { name: "reserved", birthDate: "1964-08-08", rows: [physio("2023-05-05", 30_000)], reserved: true },
  {
    name: "2020 to 2021 (two ceilings, then one)",
    birthDate: "1965-09-09",
    rows: [physio("2020-10-01", 200_000)],
    claims: [
      { serviceDate: "2020-12-10", serviceType: "fysioterapi", amountOre: ore(15_000) },
      { serviceDate: "2021-01-12", serviceType: "fysioterapi", amountOre: ore(15_000) },
    ],
  },
];

type Path = "api" | "batch" | "report" | "frikort-application" | "abroad";
const PATHS: Path[] = ["api", "batch", "report", "frikort-application", "abroad"];
const SOURCE: Record<Path, string> = { api: "provider", batch: "provider", report: "report", "frikort-application": "frikort-application", abroad: "abroad" };

async function twin(state: State) {
  // Not every individual number gives valid control digits.
  while (!generateFnr(isoDate(state.birthDate), individ)) individ++;
  return insertPerson(database, {
    birthDate: state.birthDate,
    individ: individ++,
    name: null,
    rows: state.rows,
    yrkesskade: state.yrkesskade,
    reserved: state.reserved,
    account: state.account,
  });
}

/** A sent application abroad with the fixtures' invoice, ready to be decided. */
async function abroadApplication(personId: string): Promise<string> {
  const db = database.db;
  const app = await startOrContinueDraft(db, personId);
  for (const [json, kind, pdf] of [
    ["inv10-es-es-pdf.json", "invoice", "inv10-es-es-pdf.pdf"],
    ["auth03-nb-no-pdf.json", "authorisation", "auth03-nb-no-pdf.pdf"],
    ["epi04-en-gb-pdf.json", "epikrise", "epi04-en-gb-pdf.pdf"],
  ] as const) {
    const r = await addDocument(db, { personId, applicationId: app.id, kind, file: file(pdf) });
    if (!r.ok) throw new Error(`upload failed: ${r.reason}`);
    await markDone(db, r.documentId, truth(json));
  }
  const view = (await loadApplication(db, personId, app.id))!;
  const answers = Object.fromEntries(view.invoices.map((i) => [i.doc.id, { ...structuredClone(i.answers), paymentDate: "2024-12-23" as IsoDate }]));
  await saveStartAnswer(db, personId, app.id, { country: "ES", period: { from: "2024-09-03" as IsoDate, to: "2024-09-18" as IsoDate }, exemption: { kind: "none" } });
  await saveInvoiceAnswers(db, personId, app.id, answers);
  await saveAccount(db, personId, app.id, { kind: "no", kontonummer: "12345678903" });
  const sent = await submitApplication(db, personId, app.id, TODAY, new Date("2025-01-10T09:00:00Z"));
  if (!sent.ok) throw new Error(`not sent: ${sent.reason}`);
  return app.id;
}

/** What the abroad path registers for the fixtures' invoice: the egenandel deducted per line. */
async function abroadClaims(): Promise<Claim[]> {
  const p = await twin(STATES[0]!);
  const id = await abroadApplication(p.id);
  const a = await assess(database.db, p.id, (await loadApplication(database.db, p.id, id))!, TODAY);
  return a.invoices.flatMap((inv) =>
    (inv.estimate?.lines ?? [])
      .filter((l) => l.egenandelDeductedOre > 0)
      .map((l) => ({ serviceDate: l.priceDate, serviceType: "fysioterapi" as const, amountOre: l.egenandelDeductedOre })),
  );
}

/** Runs one path for one person; returns the refusal codes it met (none when everything was stored). */
async function run(path: Path, p: { id: string; fnr: Fnr }, claims: Claim[]): Promise<string[]> {
  const db = database.db;
  const refused: string[] = [];
  const body = (c: Claim, i: number) => ({ claimId: `${path}-${p.fnr}-${i}`, fnr: p.fnr, ...c, providerName: "Testklinikken", paid: true });
  if (path === "api") {
    for (const [i, c] of claims.entries()) {
      try {
        await registerEgenandel(db, ORG, body(c, i), TODAY);
      } catch (err) {
        if (!(err instanceof RegisterError)) throw err;
        refused.push(err.code);
      }
    }
  } else if (path === "batch") {
    const res = await registerBatch(
      db,
      claims.map((c, i) => ({ orgnr: ORG, input: body(c, i), today: TODAY })),
    );
    for (const r of res) if (!r.ok) refused.push((r.error as RegisterError).code);
  } else if (path === "report") {
    for (const [i, c] of claims.entries()) {
      const data = { providerName: "Testklinikken", providerOrgnr: ORG, ...c };
      const draft = await saveDraft(db, { personId: p.id, kind: "missing-egenandel", idempotencyKey: `r-${i}`, data, today: TODAY });
      await submitCase(db, p.id, draft.id);
      try {
        await decideCase(db, draft.id, { status: "registered", actor: "cw" });
      } catch (err) {
        if (!(err instanceof CaseDecisionError)) throw err;
        refused.push(err.code);
      }
    }
  } else if (path === "frikort-application") {
    const lines = claims.map((c, i) => ({ id: `l${i}`, providerName: "Testklinikken", ...c }));
    const draft = await saveDraft(db, {
      personId: p.id,
      kind: "frikort-application",
      idempotencyKey: "fa",
      data: { year: Number(claims[0]!.serviceDate.slice(0, 4)), lines },
      today: TODAY,
    });
    await submitCase(db, p.id, draft.id);
    await decideCase(db, draft.id, { status: "completed", actor: "cw" });
  } else {
    const id = await abroadApplication(p.id);
    await advanceStatus(db, id, "decided", undefined, new Date("2025-02-01T09:00:00Z"));
  }
  return refused;
}

/** What a path left in the register for a person, without what differs by design (ids, claim ids, provider). */
async function registerOf(personId: string) {
  const db = database.db;
  const rows = (await db.select().from(egenandeler).where(eq(egenandeler.personId, personId)))
    .map((r) => ({ serviceDate: r.serviceDate, serviceType: r.serviceType, amountOre: r.amountOre, paid: r.paid, paidDate: r.paidDate, cancelled: r.cancelledAt !== null }))
    .sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.amountOre - b.amountOre);
  const events = await db
    .select()
    .from(egenandelEvents)
    .where(and(eq(egenandelEvents.personId, personId), ne(egenandelEvents.source, "import")));
  const status = (await db.select().from(frikortStatus).where(eq(frikortStatus.personId, personId)))
    .map((s) => ({ year: s.year, tak: s.tak, totalOre: s.totalOre, overCeilingOre: s.overCeilingOre, frikortFrom: s.frikortFrom }))
    .sort((a, b) => a.year - b.year || a.tak.localeCompare(b.tak));
  const pay = (await db.select().from(payouts).where(eq(payouts.personId, personId)))
    .map((x) => ({ year: x.year, tak: x.tak, amountOre: x.amountOre, status: x.status, statusReason: x.statusReason }))
    .sort((a, b) => a.year - b.year || a.tak.localeCompare(b.tak) || a.amountOre - b.amountOre);
  return {
    rows,
    events: events.map((e) => ({ kind: e.kind, before: e.before, after: e.after, reason: e.reason })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    sources: [...new Set(events.map((e) => e.source))],
    eventsMatchRows: events.every((e) => e.providerOrgnr !== null && e.sourceRef !== null),
    status,
    payouts: pay,
  };
}

describe("every path into the register, on the same person states", () => {
  let fromAbroad: Claim[];
  beforeAll(async () => {
    fromAbroad = await abroadClaims();
    expect(fromAbroad.length).toBeGreaterThan(1);
  }, 60_000);

  for (const state of STATES) {
    it(`${state.name}: the same rows, events, frikort and payouts on every path`, async () => {
      const claims = state.claims ?? fromAbroad;
      const paths = state.claims ? PATHS.filter((p) => p !== "abroad") : PATHS;
      const results = [];
      for (const path of paths) {
        const p = await twin(state);
        const before = await registerOf(p.id);
        const refused = await run(path, p, claims);
        const after = await registerOf(p.id);
        results.push({ path, p, refused, before, after });
      }
      const reference = results[0]!.after;
      if (state.abroadStoresNothing) {
        const p = await twin(state);
        const before = await registerOf(p.id);
        await run("abroad", p, []);
        expect((await registerOf(p.id)).rows).toEqual(before.rows);
      }
      for (const r of results) {
        // The register the path leaves is the API's, whatever the path.
        expect({ path: r.path, rows: r.after.rows, events: r.after.events, status: r.after.status, payouts: r.after.payouts }).toEqual({
          path: r.path,
          rows: reference.rows,
          events: reference.events,
          status: reference.status,
          payouts: reference.payouts,
        });
        expect(r.after.eventsMatchRows).toBe(true);
        if (r.after.events.length) expect(r.after.sources).toEqual([SOURCE[r.path]]);
      }
      if (state.reserved) {
        // Reserved against storage: nothing new on any path — no row, no event, no new engine result.
        for (const r of results) {
          expect(r.after.rows, r.path).toEqual(r.before.rows);
          expect(r.after.events, r.path).toEqual([]);
          expect(r.after.status, r.path).toEqual(r.before.status);
        }
        expect(results.find((r) => r.path === "api")!.refused.every((c) => c === "reserved")).toBe(true);
        expect(results.find((r) => r.path === "report")!.refused.every((c) => c === "reserved")).toBe(true);
      } else if (state.birthDate >= "2009-01-01") {
        for (const r of results) expect(r.after.rows, r.path).toEqual(r.before.rows);
        expect(results.find((r) => r.path === "api")!.refused.every((c) => c === "exempt-child")).toBe(true);
      } else {
        // Something was stored: one "registered" event per claim, each with the stored row's values.
        expect(reference.rows.length).toBe(state.rows.length + claims.length);
        expect(reference.events.filter((e) => e.kind === "registered")).toHaveLength(claims.length);
        for (const r of results) expect(r.refused, r.path).toEqual([]);
      }
    }, 120_000);
  }

  it("a reserved resident's frikort application stores nothing, and its decision still completes", async () => {
    const state = STATES.find((s) => s.reserved)!;
    const p = await twin(state);
    await run("frikort-application", p, fromAbroad);
    const [after] = await database.db.select({ reservedAt: persons.reservedAt }).from(persons).where(eq(persons.id, p.id));
    expect(after!.reservedAt).not.toBeNull();
    expect((await registerOf(p.id)).events).toEqual([]);
  });
});
