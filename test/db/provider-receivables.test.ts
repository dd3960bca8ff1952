/**
 * A provider's receivable from a control case paid off on the database (issue 20 part 5): a
 * registered payment (part of the balance, once however often the form is sent), set-off against
 * the refusjon of claims received after the receivable fell due (never earlier ones, never beyond
 * the balance, never twice), an appeal that changes the vedtak claiming only the difference, each
 * settlement an append-only row and an audit row.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleApi } from "~/api/router.server";
import { loadConfig } from "~/config.server";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/client.server";
import { claimLines, controlCases, providers, receivableSettlements, staffAuditLog } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { ore } from "~/kernel/money";
import type { Fnr, IsoDate } from "~/kernel/types";
import { findTakst } from "~/rules/parameters/physio-takster";
import type { Claim } from "~/schemas/claims";
import { submitClaims } from "~/services/claims.server";
import { applyControlCommand, openControlCase } from "~/services/control-cases.server";
import { createProviderKey } from "~/services/provider-keys.server";
import { loadCaseDebt, pendingProviderRefunds, providerDebts, registerPayment, runDueSetOffs, runSetOff, setProviderPayoutAccount } from "~/services/provider-receivables.server";
import { runPayoutFile } from "~/services/payout-file.server";
import { pain001Errors } from "../support/pain001-xsd";
import { SET_OFF_QUEUE } from "~/jobs/set-off.server";
import { PAYOUT_RUN_IDENT, SET_OFF_JOB_IDENT } from "~/domain/provider-receivables";
import { orgnrOf } from "~/kernel/orgnr";
import { openTestDatabase } from "../support/db";
import { startTestRunner } from "../support/job-runner";
import { insertPerson, TEST_ORG } from "../support/fixtures";

const HPR = "9144889";
const A2C = findTakst("A2c", "2025-03-04")!;
const PAID = A2C.honorarOre - A2C.egenandelOre;
const controller = { ident: "Z990002", unit: "control" as const };

let database: Database;
let url: string | null;
let cleanup: () => Promise<void>;
let fnr: Fnr;
/** Two providers: the payment tests use the first, the set-off tests the second (set-off reaches every due case of a provider). */
const PAYING = TEST_ORG;
const SETOFF = { orgnr: orgnrOf("923609016"), name: "Annen klinikk AS" };
/** The daily run's provider (the run reaches every provider with a due receivable; its own case is the one asserted). */
const DAILY = { orgnr: orgnrOf("889640782"), name: "Tredje klinikk AS" };
/** The provider paid back an overpayment by the payout run (the only one given a kontonummer). */
const REFUND = { orgnr: orgnrOf("987654325"), name: "Fjerde klinikk AS" };
const ids = new Map<string, { providerId: string; lineIds: string[] }>();

function claim(claimId: string, date: IsoDate, startTime: string): Claim {
  return { claimId, fnr, therapist: { hprNumber: HPR, name: "Siri Fysiosen" }, paid: true, lines: [{ takst: "A2c", date, startTime, minutes: 40, groupSize: null }] };
}

beforeAll(async () => {
  ({ database, url, cleanup } = await openTestDatabase());
  await database.db.insert(providers).values([PAYING, SETOFF, DAILY, REFUND]).onConflictDoNothing();
  const individ = [420, 421, 422].find((i) => generateFnr("1971-06-06", i))!;
  fnr = (await insertPerson(database, { birthDate: "1971-06-06", individ, name: "Test Pasient", rows: [] })).fnr;
  // two claims in March at each provider: the lines the control takes back
  for (const [org, hour] of [
    [PAYING, "08"],
    [SETOFF, "10"],
    [DAILY, "12"],
    [REFUND, "14"],
  ] as const) {
    await submitClaims(database.db, org.orgnr, [claim("k-1", "2025-03-04", `${hour}:00`), claim("k-2", "2025-03-05", `${hour}:00`)], "2025-03-20");
    const [p] = await database.db.select({ id: providers.id }).from(providers).where(eq(providers.orgnr, org.orgnr));
    const lines = await database.db.select({ id: claimLines.id }).from(claimLines).where(eq(claimLines.providerOrgnr, org.orgnr)).orderBy(claimLines.serviceDate);
    ids.set(org.orgnr, { providerId: p!.id, lineIds: lines.map((l) => l.id) });
  }
});
afterAll(async () => {
  await cleanup?.();
});

async function step(caseId: string, cmd: Parameters<typeof applyControlCommand>[3], today: IsoDate) {
  const [c] = await database.db.select({ version: controlCases.version }).from(controlCases).where(eq(controlCases.id, caseId));
  const r = await applyControlCommand(database.db, controller, caseId, cmd, { today, version: c!.version });
  if (!r.ok) throw new Error(r.error);
}

/** A case at its vedtak on 2025-04-15 (due 2025-05-15): both lines not documented, 2 × PAID owed. */
async function decided(orgnr: string): Promise<string> {
  const { providerId, lineIds } = ids.get(orgnr)!;
  const r = await openControlCase(database.db, controller, { providerId, therapistHpr: HPR, signal: "high-refund" }, "2025-04-01");
  if (!r.ok) throw new Error(r.error);
  const all = lineIds.map((lineId) => ({ lineId, result: "not-documented" as const, correctTakst: null }));
  await step(r.id, { kind: "innhenting", lineIds, deadline: "2025-04-10" }, "2025-04-01");
  await step(r.id, { kind: "vurdering", assessments: all }, "2025-04-11");
  await step(r.id, { kind: "varsel", deadline: "2025-04-14" }, "2025-04-11");
  await step(r.id, { kind: "ny-vurdering", assessments: all }, "2025-04-15");
  await step(r.id, { kind: "vedtak" }, "2025-04-15");
  return r.id;
}

const audits = (caseId: string, action: string) =>
  database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(staffAuditLog)
    .where(and(eq(staffAuditLog.subjectId, caseId), eq(staffAuditLog.action, action)))
    .then(([r]) => r!.n);

describe("a receivable paid off by a registered payment", () => {
  it("takes part of the balance, once however often the form is sent, dated and audit-logged; more than the balance is refused", async () => {
    const id = await decided(PAYING.orgnr);
    expect(await loadCaseDebt(database.db, id)).toMatchObject({ owedOre: 2 * PAID, balanceOre: 2 * PAID, settlements: 0 });
    const pay = { amountOre: ore(5_000), paidOn: "2025-04-20" as IsoDate, reference: "KID 4711", seen: 0 };
    expect(await registerPayment(database.db, controller, id, pay, "2025-04-22")).toEqual({ ok: true });
    // the controller's form sent twice: one payment
    expect(await registerPayment(database.db, controller, id, pay, "2025-04-22")).toEqual({ ok: true });
    // another form made before it is stale
    expect(await registerPayment(database.db, controller, id, { ...pay, amountOre: ore(100) }, "2025-04-22")).toEqual({ ok: false, error: "stale" });
    expect(await registerPayment(database.db, controller, id, { ...pay, seen: 1, amountOre: ore(2 * PAID) }, "2025-04-22")).toEqual({ ok: false, error: "amount-above-balance" });
    const debt = await loadCaseDebt(database.db, id);
    expect(debt).toMatchObject({ settledOre: 5_000, balanceOre: 2 * PAID - 5_000, settlements: 1 });
    expect(debt.history.map((h) => [h.on, h.kind, h.changeOre, h.balanceOre, h.paymentReference])).toEqual([
      ["2025-04-15", "vedtak", 2 * PAID, 2 * PAID, null],
      ["2025-04-20", "innbetaling", -5_000, 2 * PAID - 5_000, "KID 4711"],
    ]);
    expect(await audits(id, "control.innbetaling")).toBe(1);
    // settlements are append-only
    await expect(
      database.db
        .update(receivableSettlements)
        .set({ amountOre: ore(1) })
        .where(eq(receivableSettlements.caseId, id)),
    ).rejects.toThrow();
    await expect(database.db.delete(receivableSettlements).where(eq(receivableSettlements.caseId, id))).rejects.toThrow();
  });
});

describe("set-off (motregning) against the provider's later claims", () => {
  it("holds back the refusjon of claims received from the due date on, part of a claim, never twice; an appeal's new vedtak claims the difference", async () => {
    const id = await decided(SETOFF.orgnr);
    const lineIds = ids.get(SETOFF.orgnr)!.lineIds;
    // nothing is due before 2025-05-15; a claim received before the due date is never reached
    await submitClaims(database.db, SETOFF.orgnr, [claim("k-early", "2025-05-10", "10:00")], "2025-05-14");
    expect((await runSetOff(database.db, controller, SETOFF.orgnr, "2025-05-14")).setOffs).toEqual([]);
    // after it: a claim of two lines (2 × PAID) and one of one line; the debt (2 × PAID) takes the first whole, none of the second
    await submitClaims(
      database.db,
      SETOFF.orgnr,
      [{ ...claim("k-later", "2025-05-16", "10:00"), lines: [0, 1].map((n) => ({ takst: "A2c", date: "2025-05-16", startTime: `1${n}:00`, minutes: 40, groupSize: null })) }],
      "2025-05-16",
    );
    await submitClaims(database.db, SETOFF.orgnr, [claim("k-last", "2025-05-17", "10:00")], "2025-05-17");
    // a payment first leaves less to set off: the second claim's refusjon then settles only the rest
    expect(await registerPayment(database.db, controller, id, { amountOre: ore(1_000), paidOn: "2025-05-15", reference: "KID 1", seen: 0 }, "2025-05-15")).toEqual({ ok: true });
    const run = await runSetOff(database.db, controller, SETOFF.orgnr, "2025-05-17");
    expect(run.setOffs).toEqual([{ caseId: id, claimId: "k-later", amountOre: 2 * PAID - 1_000 }]);
    expect(run.totalOre).toBe(2 * PAID - 1_000);
    // the same run again finds nothing more: the debt is paid
    expect((await runSetOff(database.db, controller, SETOFF.orgnr, "2025-05-18")).setOffs).toEqual([]);
    const paidOff = await loadCaseDebt(database.db, id);
    expect(paidOff).toMatchObject({ balanceOre: 0, settledOre: 2 * PAID, settlements: 2 });
    expect(paidOff.history.map((h) => [h.on, h.kind, h.claimId, h.balanceOre])).toEqual([
      ["2025-04-15", "vedtak", null, 2 * PAID],
      ["2025-05-15", "innbetaling", null, 2 * PAID - 1_000],
      ["2025-05-17", "motregning", "k-later", 0],
    ]);
    expect(await audits(id, "control.motregning")).toBe(1);

    // an appeal changes the vedtak to one line: the new vedtak owes PAID; 2 × PAID was settled, so PAID is owed back, not claimed again
    await step(id, { kind: "klage", receivedOn: "2025-05-20", text: "Journal fantes" }, "2025-05-20");
    await step(
      id,
      {
        kind: "klage-behandling",
        outcome: "changed",
        reason: "Journal for den første",
        assessments: [
          { lineId: lineIds[0]!, result: "documented", correctTakst: null },
          { lineId: lineIds[1]!, result: "not-documented", correctTakst: null },
        ],
      },
      "2025-05-21",
    );
    const after = await loadCaseDebt(database.db, id);
    expect(after).toMatchObject({ owedOre: PAID, settledOre: 2 * PAID, balanceOre: 0, overpaidOre: PAID });
    expect(after.history.at(-1)).toMatchObject({ kind: "endret-vedtak", changeOre: -PAID, balanceOre: -PAID });

    // the provider's own view (the API's): the case with its balance and history
    const [mine, ...more] = await providerDebts(database.db, SETOFF.orgnr);
    expect(more).toEqual([]);
    expect(mine).toMatchObject({ caseId: id, debt: { overpaidOre: PAID } });
    expect(mine!.reference).toMatch(/^KK-2025-/);
  });

  it("a reversed vedtak leaves what was paid as owed back to the provider, and set-off stops", async () => {
    const id = await decided(PAYING.orgnr);
    expect(await registerPayment(database.db, controller, id, { amountOre: ore(1_000), paidOn: "2025-04-16", reference: null, seen: 0 }, "2025-04-16")).toEqual({ ok: true });
    await step(id, { kind: "klage", receivedOn: "2025-04-20", text: "Feil" }, "2025-04-20");
    await step(id, { kind: "klage-behandling", outcome: "reversed", reason: "Feil i vurderingen", assessments: null }, "2025-04-25");
    expect(await loadCaseDebt(database.db, id)).toMatchObject({ owedOre: 0, balanceOre: 0, overpaidOre: 1_000 });
    await submitClaims(database.db, PAYING.orgnr, [claim("k-after-reversal", "2025-06-02", "08:00")], "2025-06-02");
    const run = await runSetOff(database.db, controller, PAYING.orgnr, "2025-06-02");
    expect(run.setOffs.filter((s) => s.caseId === id)).toEqual([]);
    expect(await registerPayment(database.db, controller, id, { amountOre: ore(1), paidOn: "2025-06-02", reference: null, seen: 1 }, "2025-06-02")).toEqual({
      ok: false,
      error: "nothing-owed",
    });
  });
});

describe("GET /api/v1/krav: the provider's own open receivables", () => {
  const call = async (key: string | null, p = "/krav") => {
    const ctx: AppContext = { config: loadConfig({ NODE_ENV: "test", DATA_DIR: mkdtempSync(path.join(tmpdir(), "fp-krav-")) }), database, requestId: "req-krav", cspNonce: "" };
    const reply = await handleApi(
      { method: "GET", pathname: `/api/v1${p}`, header: (n) => (n.toLowerCase() === "authorization" && key ? `Bearer ${key}` : null), text: async () => "" },
      ctx,
      p,
    );
    return { status: reply.status, type: reply.headers["Content-Type"] ?? reply.headers["content-type"], body: JSON.parse(reply.body) as Record<string, unknown> };
  };

  it("lists each control case with something left to pay or owed back, with its history and no caseworker's identity; another provider sees only its own", async () => {
    const { key } = await createProviderKey(database.db, { orgnr: orgnrOf(PAYING.orgnr), providerName: PAYING.name, label: "test" });
    const id = await decided(PAYING.orgnr);
    await registerPayment(database.db, controller, id, { amountOre: ore(2_500), paidOn: "2025-04-16", reference: "KID 9", seen: 0 }, "2025-04-16");
    const r = await call(key);
    expect(r.status).toBe(200);
    const receivables = r.body.receivables as Array<Record<string, unknown>>;
    const mine = receivables.find((x) => x.balanceOre === 2 * PAID - 2_500 && (x.history as unknown[]).length === 2)!;
    expect(mine).toMatchObject({ owedOre: 2 * PAID, settledOre: 2_500, overpaidOre: 0, dueOn: "2025-05-15" });
    expect(mine.history).toEqual([
      { on: "2025-04-15", kind: "vedtak", amountOre: 2 * PAID, changeOre: 2 * PAID, balanceOre: 2 * PAID, claimId: null, paymentReference: null },
      { on: "2025-04-16", kind: "innbetaling", amountOre: 2_500, changeOre: -2_500, balanceOre: 2 * PAID - 2_500, claimId: null, paymentReference: "KID 9" },
    ]);
    expect(JSON.stringify(r.body)).not.toContain("Z990002");
    // the balance is the sum of what is left on every case; the reversed case (overpaid) is listed with nothing to pay
    expect(r.body.balanceOre).toBe(receivables.reduce((s, x) => s + (x.balanceOre as number), 0));
    expect(receivables.some((x) => x.owedOre === 0 && x.overpaidOre === 1_000)).toBe(true);
    // the other provider's cases are not in this answer
    const others = (await providerDebts(database.db, SETOFF.orgnr)).map((d) => d.reference);
    expect(receivables.map((x) => x.reference).filter((ref) => others.includes(ref as string))).toEqual([]);
  });

  it("needs a key with the krav:read scope: 401 without one, 403 problem+json without the scope", async () => {
    const { key } = await createProviderKey(database.db, { orgnr: orgnrOf(PAYING.orgnr), providerName: PAYING.name, label: "claims only", scopes: ["regninger:write"] });
    expect((await call(null)).status).toBe(401);
    const forbidden = await call(key);
    expect(forbidden.status).toBe(403);
    expect(forbidden.type).toContain("application/problem+json");
    expect(forbidden.body.detail).toContain("krav:read");
  });
});

describe("the daily set-off run (a pg-boss job, no controller)", () => {
  it("sets off a provider's due receivable against its later claims, registered by Helfo's job; run again the same day it does nothing", async () => {
    const id = await decided(DAILY.orgnr);
    await submitClaims(database.db, DAILY.orgnr, [claim("d-later", "2025-05-16", "12:00")], "2025-05-16");
    // the run reaches only receivables due by its day
    expect((await runDueSetOffs(database.db, "2025-05-14")).setOffs).toBe(0);
    const run = await runDueSetOffs(database.db, "2025-05-17");
    expect(run.setOffs).toBeGreaterThanOrEqual(1);
    const debt = await loadCaseDebt(database.db, id);
    expect(debt).toMatchObject({ owedOre: 2 * PAID, settledOre: PAID, balanceOre: PAID });
    expect(debt.history.map((h) => [h.on, h.kind, h.claimId, h.actor])).toEqual([
      ["2025-04-15", "vedtak", null, null],
      ["2025-05-17", "motregning", "d-later", SET_OFF_JOB_IDENT],
    ]);
    expect(await audits(id, "control.motregning")).toBe(1);
    expect((await runDueSetOffs(database.db, "2025-05-17")).setOffs).toBe(0);
    expect((await loadCaseDebt(database.db, id)).settlements).toBe(1);
  });

  it("is worked by a job runner: a job on the queue sets off what has come due since", async () => {
    const id = (await database.db.select({ id: controlCases.id }).from(controlCases).where(eq(controlCases.providerOrgnr, DAILY.orgnr)))[0]!.id;
    // a claim received today (the job's day is today in Oslo), long after the due date
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo" }).format(new Date()) as IsoDate;
    await submitClaims(database.db, DAILY.orgnr, [claim("d-today", today, "12:00")], today);
    const runner = await startTestRunner(database, url, { setOff: { cron: null, pollingIntervalSeconds: 0.5 } });
    try {
      await runner.runNow(SET_OFF_QUEUE);
      const started = Date.now();
      while ((await loadCaseDebt(database.db, id)).balanceOre > 0) {
        if (Date.now() - started > 60_000) throw new Error("timed out waiting for the set-off job");
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await runner.stop({ graceful: true });
    }
    const debt = await loadCaseDebt(database.db, id);
    expect(debt).toMatchObject({ settledOre: 2 * PAID, balanceOre: 0, settlements: 2 });
    expect(debt.history.at(-1)).toMatchObject({ kind: "motregning", claimId: "d-today", actor: SET_OFF_JOB_IDENT });
  }, 90_000);
});

describe("an overpayment paid back to the provider by the payout run", () => {
  const debtor = { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" };

  it("pays what a changed vedtak left overpaid to the provider's account once, as a settlement on the case, in the bank file; without an account it waits", async () => {
    // the vedtak claims 2 × PAID; the provider pays it all; the appeal halves it: PAID overpaid
    const id = await decided(REFUND.orgnr);
    const lineIds = ids.get(REFUND.orgnr)!.lineIds;
    expect(await registerPayment(database.db, controller, id, { amountOre: ore(2 * PAID), paidOn: "2025-04-20", reference: "KID 77", seen: 0 }, "2025-04-20")).toEqual({
      ok: true,
    });
    await step(id, { kind: "klage", receivedOn: "2025-04-25", text: "Journal fantes" }, "2025-04-25");
    await step(
      id,
      {
        kind: "klage-behandling",
        outcome: "changed",
        reason: "Journal for den første",
        assessments: [
          { lineId: lineIds[0]!, result: "documented", correctTakst: null },
          { lineId: lineIds[1]!, result: "not-documented", correctTakst: null },
        ],
      },
      "2025-05-02",
    );
    expect(await loadCaseDebt(database.db, id)).toMatchObject({ owedOre: PAID, settledOre: 2 * PAID, overpaidOre: PAID, repaidOre: 0 });
    const dir = mkdtempSync(path.join(tmpdir(), "fp-refund-"));

    // no account on file: the run leaves it (and the other providers' overpaid cases, which have none either)
    const before = await pendingProviderRefunds(database.db);
    expect(before.count).toBe(0);
    expect(before.waitingForAccount).toBeGreaterThanOrEqual(1);
    expect(await runPayoutFile(database.db, { paidOn: "2025-06-02", fileDir: dir, debtor })).toEqual({
      count: 0,
      file: null,
      totalOre: 0,
      providerRefunds: { count: 0, totalOre: 0 },
    });
    expect((await loadCaseDebt(database.db, id)).overpaidOre).toBe(PAID);

    // the controller registers the account the provider gave (checked, audit-logged on the case)
    expect(await setProviderPayoutAccount(database.db, controller, id, "1234 56 78900")).toEqual({ ok: false, error: "account-invalid" });
    expect(await setProviderPayoutAccount(database.db, controller, id, "1234.56.78903")).toEqual({ ok: true });
    expect(await audits(id, "control.provider-account")).toBe(1);
    expect(await pendingProviderRefunds(database.db)).toMatchObject({ count: 1, totalOre: PAID });

    const run = await runPayoutFile(database.db, { paidOn: "2025-06-02", fileDir: dir, debtor, now: new Date("2025-06-02T06:00:00Z") });
    expect(run).toMatchObject({ count: 1, totalOre: PAID, providerRefunds: { count: 1, totalOre: PAID } });
    const xml = readFileSync(run.file!, "utf8");
    expect(await pain001Errors(xml)).toEqual([]);
    expect(xml).toContain(`<Nm>${REFUND.name}</Nm>`);
    expect(xml).toContain("<Id>12345678903</Id>");
    expect(xml).toContain(`<InstdAmt Ccy="NOK">${(PAID / 100).toFixed(2)}</InstdAmt>`);
    expect(xml).toMatch(/Tilbakebetaling fra Helfo, kontrollsak KK-2025-[0-9A-Z]{6}/);

    // the case is square, and the repayment is in its history (and the provider's record) with the account and the run
    const debt = await loadCaseDebt(database.db, id);
    expect(debt).toMatchObject({ owedOre: PAID, settledOre: 2 * PAID, repaidOre: PAID, balanceOre: 0, overpaidOre: 0, settlements: 2 });
    expect(debt.history.at(-1)).toMatchObject({
      on: "2025-06-02",
      kind: "tilbakebetaling",
      amountOre: PAID,
      changeOre: PAID,
      balanceOre: 0,
      accountNumber: "12345678903",
      actor: PAYOUT_RUN_IDENT,
    });
    expect(xml).toContain(`<EndToEndId>${debt.history.at(-1)!.paymentReference}</EndToEndId>`);
    const [record] = (await providerDebts(database.db, REFUND.orgnr)).filter((d) => d.caseId === id);
    expect(record!.debt).toMatchObject({ repaidOre: PAID, overpaidOre: 0 });
    expect(await audits(id, "control.tilbakebetaling")).toBe(1);

    // paid once: the next run pays nothing, and the table refuses the same repayment written again
    expect(await runPayoutFile(database.db, { paidOn: "2025-06-03", fileDir: dir, debtor })).toMatchObject({ count: 0, file: null, providerRefunds: { count: 0 } });
    const [row] = await database.db
      .select()
      .from(receivableSettlements)
      .where(and(eq(receivableSettlements.caseId, id), eq(receivableSettlements.kind, "tilbakebetaling")));
    const { id: _rowId, createdAt: _at, ...again } = row!;
    await expect(database.db.insert(receivableSettlements).values(again)).rejects.toThrow();
    // a payment is not taken for a square case
    expect(await registerPayment(database.db, controller, id, { amountOre: ore(1), paidOn: "2025-06-03", reference: null, seen: 2 }, "2025-06-03")).toEqual({
      ok: false,
      error: "nothing-owed",
    });
  });
});
