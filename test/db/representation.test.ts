/**
 * Acting for others (issue 22 item 12): who may act for whom, the session's acting-as choice as the gate checks it, the
 * signed header the routes read, fullmakt given and withdrawn, and the log the represented person reads.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";
import type { Database } from "~/db/client.server";
import { citizenSessions, parentalResponsibility, persons } from "~/db/schema";
import { seedDemoData } from "~/db/seed.server";
import { actionCode } from "~/domain/representation";
import { hashSessionId } from "~/models/citizen-session.server";
import { addParentalResponsibility } from "~/models/representation.server";
import { actingChoices, chooseActingFor, fullmakterOf, giveFullmakt, logActedRequest, whatWasDoneInMyName, withdrawGivenFullmakt } from "~/services/representation.server";
import { ACTING_HEADER, actingHeaderValue, type CitizenUser, requireCitizen, sessionGateCheck, sessionStorage, startCitizenSession } from "~/utils/session.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";
import type { IsoDate } from "~/kernel/types";
import type { Fnr } from "~/kernel/types";
import { fnrOf } from "~/kernel/fnr";

let database: Database;
let cleanup: () => Promise<void>;
const config = loadConfig({ NODE_ENV: "test", DATA_DIR: mkdtempSync(path.join(tmpdir(), "fp-rep-")), SESSION_SECRET: "r".repeat(40) });
const TODAY: IsoDate = "2026-12-06";
const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;

let parent: { id: string; fnr: Fnr };
let child: { id: string; fnr: Fnr };
let teen: { id: string; fnr: Fnr };
let strangerChild: { id: string; fnr: Fnr };
let giver: { id: string; fnr: Fnr };

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  parent = await insertPerson(database, { birthDate: "1980-03-03", individ: 312, name: "Forelder Hansen", rows: [] });
  child = await insertPerson(database, { birthDate: "2015-08-20", individ: 577, name: "Barn Hansen", rows: [] });
  // turns 16 on 2026-12-07: under 16 on TODAY, not the day after
  teen = await insertPerson(database, { birthDate: "2010-12-07", individ: 512, name: "Ungdom Hansen", rows: [] });
  strangerChild = await insertPerson(database, { birthDate: "2016-01-05", individ: 650, name: "Fremmed Barn", rows: [] });
  giver = await insertPerson(database, { birthDate: "1941-12-08", individ: 912, name: "Astrid Haugen", rows: [] });
  await addParentalResponsibility(database.db, parent.id, child.id);
  await addParentalResponsibility(database.db, parent.id, teen.id);
});
afterAll(async () => {
  await cleanup?.();
});

/** What a route sees for a request carrying this cookie after the gate ran (the gate's header included). */
async function routeUser(cookie: string, today = TODAY, path = "/mine"): Promise<CitizenUser> {
  const check = await sessionGateCheck(cookie, config, database.db, today);
  const headers: Record<string, string> = { Cookie: cookie };
  if (check.status === "live" && check.acting) headers[ACTING_HEADER] = await actingHeaderValue(cookie, config, check.acting.personId, check.acting.basis, check.acting.scopes);
  return requireCitizen(new Request(`http://localhost${path}`, { headers }), config);
}

/** What a route answers instead of the page when it refuses it (a thrown Response's status and JSON body), or null when it answers. */
async function refusedWith(p: Promise<unknown>): Promise<{ status: number; body: unknown } | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: await e.json() };
    throw e;
  }
}

const ALL = ["innsyn", "melde", "frikort", "utland", "konto"] as ("innsyn" | "melde" | "frikort" | "utland" | "konto")[];
const UNTIL = "2027-12-31";

async function login(personId: string) {
  const cookie = cookieOf(await startCitizenSession(database.db, config, personId));
  const session = await sessionStorage(config).getSession(cookie);
  return { cookie, sid: String(session.get("sid")) };
}

describe("a parent acts for a child under 16", () => {
  it("offers the children under 16 the parent has responsibility for, and no one else", async () => {
    const choices = await actingChoices(database.db, parent.id, TODAY);
    expect(choices.map((c) => [c.name, c.basis])).toEqual([
      ["Barn Hansen", "parent"],
      ["Ungdom Hansen", "parent"],
    ]);
    // the day the teenager turns 16, the parent no longer acts for them
    expect((await actingChoices(database.db, parent.id, "2026-12-07")).map((c) => c.name)).toEqual(["Barn Hansen"]);
  });

  it("makes every resident page about the child, says who acts, and logs the start with both identities", async () => {
    const { cookie, sid } = await login(parent.id);
    expect(await chooseActingFor(database.db, { sid, actorPersonId: parent.id, currentSubject: null, currentBasis: null }, child.id, TODAY)).toBe(true);
    const user = await routeUser(cookie);
    expect(user.personId).toBe(child.id);
    expect(user.actorPersonId).toBe(parent.id);
    expect(user.acting).toEqual({ basis: "parent", scopes: ALL });
    const done = await whatWasDoneInMyName(database.db, child.id);
    expect(done[0]).toMatchObject({ actorName: "Forelder Hansen", basis: "parent", action: "start" });
  });

  it("refuses a child the parent has no responsibility for: the session stays on the parent's own data", async () => {
    const { cookie, sid } = await login(parent.id);
    expect(await chooseActingFor(database.db, { sid, actorPersonId: parent.id, currentSubject: null, currentBasis: null }, strangerChild.id, TODAY)).toBe(false);
    const user = await routeUser(cookie);
    expect(user.personId).toBe(parent.id);
    expect(user.acting).toBeNull();
  });

  it("ignores an acting-as row that no relation allows (written by hand) and clears it", async () => {
    const { cookie, sid } = await login(parent.id);
    await database.db
      .update(citizenSessions)
      .set({ actingForPersonId: strangerChild.id })
      .where(eq(citizenSessions.idHash, hashSessionId(sid)));
    const user = await routeUser(cookie);
    expect(user.personId).toBe(parent.id);
    const [row] = await database.db
      .select()
      .from(citizenSessions)
      .where(eq(citizenSessions.idHash, hashSessionId(sid)));
    expect(row!.actingForPersonId).toBeNull();
  });

  it("switching from one child to another logs the stop for the first", async () => {
    const { sid } = await login(parent.id);
    await chooseActingFor(database.db, { sid, actorPersonId: parent.id, currentSubject: null, currentBasis: null }, child.id, TODAY);
    await chooseActingFor(database.db, { sid, actorPersonId: parent.id, currentSubject: child.id, currentBasis: "parent" }, teen.id, TODAY);
    expect((await whatWasDoneInMyName(database.db, child.id))[0]).toMatchObject({ action: "stop" });
    expect((await whatWasDoneInMyName(database.db, teen.id))[0]).toMatchObject({ action: "start" });
  });

  it("stops acting for a child the day they turn 16", async () => {
    const { cookie, sid } = await login(parent.id);
    expect(await chooseActingFor(database.db, { sid, actorPersonId: parent.id, currentSubject: null, currentBasis: null }, teen.id, TODAY)).toBe(true);
    expect((await routeUser(cookie, TODAY)).personId).toBe(teen.id);
    expect((await routeUser(cookie, "2026-12-07")).personId).toBe(parent.id);
  });
});

describe("the acting header cannot be forged", () => {
  it("ignores a header a client made up, and one signed for another session", async () => {
    const a = await login(parent.id);
    const forged = new Request("http://localhost/mine", { headers: { Cookie: a.cookie, [ACTING_HEADER]: `${strangerChild.id}.parent.AAAA` } });
    expect((await requireCitizen(forged, config)).personId).toBe(parent.id);
    // a header valid for another resident's session does not work with this cookie
    const other = await login(giver.id);
    const stolen = await actingHeaderValue(other.cookie, config, child.id, "parent", ALL);
    const replay = new Request("http://localhost/mine", { headers: { Cookie: a.cookie, [ACTING_HEADER]: stolen } });
    expect((await requireCitizen(replay, config)).personId).toBe(parent.id);
  });
});

describe("fullmakt", () => {
  it("is given to a resident named by fødselsnummer and last name; a wrong name reveals nothing", async () => {
    expect(await giveFullmakt(database.db, giver.id, { fnr: parent.fnr, lastName: "Olsen", scopes: ALL, validUntil: UNTIL })).toEqual({
      ok: false,
      error: "fullmakt.errors.notFound",
    });
    expect(await giveFullmakt(database.db, giver.id, { fnr: fnrOf("02117111981"), lastName: "Hansen", scopes: ALL, validUntil: UNTIL })).toEqual({
      ok: false,
      error: "fullmakt.errors.notFound",
    });
    expect(await giveFullmakt(database.db, giver.id, { fnr: giver.fnr, lastName: "haugen", scopes: ALL, validUntil: UNTIL })).toEqual({ ok: false, error: "fullmakt.errors.self" });
    const given = await giveFullmakt(database.db, giver.id, { fnr: parent.fnr, lastName: "hansen", scopes: ALL, validUntil: UNTIL });
    expect(given.ok).toBe(true);
    // giving it again keeps the one live fullmakt
    expect(await giveFullmakt(database.db, giver.id, { fnr: parent.fnr, lastName: "Hansen", scopes: ALL, validUntil: UNTIL })).toEqual(given);
    const { given: list } = await fullmakterOf(database.db, giver.id);
    expect(list.map((g) => [g.otherName, g.withdrawnAt])).toEqual([["Forelder Hansen", null]]);
    expect((await fullmakterOf(database.db, parent.id)).received.map((r) => r.otherName)).toEqual(["Astrid Haugen"]);
    expect((await actingChoices(database.db, parent.id, TODAY)).find((c) => c.personId === giver.id)?.basis).toBe("fullmakt");
  });

  it("withdrawn: the holder's session acting for the giver falls back to the holder at once, and cannot choose the giver again", async () => {
    const { given } = await fullmakterOf(database.db, giver.id);
    const { cookie, sid } = await login(parent.id);
    expect(await chooseActingFor(database.db, { sid, actorPersonId: parent.id, currentSubject: null, currentBasis: null }, giver.id, TODAY)).toBe(true);
    expect((await routeUser(cookie)).personId).toBe(giver.id);
    // only the giver can withdraw it
    expect(await withdrawGivenFullmakt(database.db, parent.id, given[0]!.id)).toBe(false);
    expect(await withdrawGivenFullmakt(database.db, giver.id, given[0]!.id)).toBe(true);
    expect((await routeUser(cookie)).personId).toBe(parent.id);
    expect(await chooseActingFor(database.db, { sid, actorPersonId: parent.id, currentSubject: null, currentBasis: null }, giver.id, TODAY)).toBe(false);
    expect((await fullmakterOf(database.db, giver.id)).given[0]!.withdrawnAt).not.toBeNull();
  });
});

describe("a fullmakt's services and last day", () => {
  let holder: { id: string; fnr: Fnr };
  let owner: { id: string; fnr: Fnr };
  beforeAll(async () => {
    holder = await insertPerson(database, { birthDate: "1970-04-04", individ: 412, name: "Hilde Holder", rows: [] });
    owner = await insertPerson(database, { birthDate: "1945-05-06", individ: 412, name: "Otto Giversen", rows: [] });
  });

  it("opens the services chosen and refuses any other page (403, naming only the service), showing neither person's data there", async () => {
    expect(await giveFullmakt(database.db, owner.id, { fnr: holder.fnr, lastName: "Holder", scopes: ["utland"], validUntil: "2026-12-31" })).toMatchObject({ ok: true });
    const { cookie, sid } = await login(holder.id);
    expect(await chooseActingFor(database.db, { sid, actorPersonId: holder.id, currentSubject: null, currentBasis: null }, owner.id, TODAY)).toBe(true);
    expect((await routeUser(cookie, TODAY, "/mine/utland")).personId).toBe(owner.id);
    expect((await routeUser(cookie, TODAY, "/mine/utland")).acting).toEqual({ basis: "fullmakt", scopes: ["utland"] });
    expect(await refusedWith(routeUser(cookie, TODAY, "/mine"))).toEqual({ status: 403, body: { outOfScope: "innsyn" } });
    expect(await refusedWith(routeUser(cookie, TODAY, "/mine/kontonummer.data"))).toEqual({ status: 403, body: { outOfScope: "konto" } });
    expect(await refusedWith(routeUser(cookie, TODAY, "/mine/saker/3f2504e0-4f89-11d3-9a0c-0305e82c3301"))).toEqual({ status: 403, body: { outOfScope: "innsyn" } });
    // the citizen layout's own loader is let through (it reads only the name for the banner and the refusal page)
    const layout = await sessionGateCheck(cookie, config, database.db, TODAY);
    if (layout.status !== "live" || !layout.acting) throw new Error("not acting");
    const headers = { Cookie: cookie, [ACTING_HEADER]: await actingHeaderValue(cookie, config, layout.acting.personId, layout.acting.basis, layout.acting.scopes) };
    expect((await requireCitizen(new Request("http://localhost/mine/kontonummer", { headers }), config, { outOfScope: "allow" })).personId).toBe(owner.id);
    // the page to choose whom to act for still opens
    expect((await routeUser(cookie, TODAY, "/mine/representasjon")).personId).toBe(owner.id);
    // a form sent to a page outside the scope is not logged as done in the giver's name (the route refuses it)
    const who = { actorPersonId: holder.id, subjectPersonId: owner.id, basis: "fullmakt" as const, scopes: ["utland" as const] };
    await logActedRequest(database.db, who, "POST", "/mine/kontonummer");
    await logActedRequest(database.db, who, "POST", "/mine/utland");
    expect((await whatWasDoneInMyName(database.db, owner.id)).map((d) => d.action)).toEqual(["POST /mine/utland", "start"]);
  });

  it("giving it again changes its services and last day (one live fullmakt per pair)", async () => {
    const again = await giveFullmakt(database.db, owner.id, { fnr: holder.fnr, lastName: "Holder", scopes: ["utland", "innsyn"], validUntil: "2026-12-31" });
    const { given } = await fullmakterOf(database.db, owner.id);
    expect(given.map((g) => [g.id, g.scopes, g.validUntil])).toEqual([[again.ok && again.id, ["innsyn", "utland"], "2026-12-31"]]);
    const { cookie, sid } = await login(holder.id);
    await chooseActingFor(database.db, { sid, actorPersonId: holder.id, currentSubject: null, currentBasis: null }, owner.id, TODAY);
    expect((await routeUser(cookie, TODAY, "/mine")).personId).toBe(owner.id);
  });

  it("stops working the day after its last day: the session falls back to the holder, who can no longer choose the giver", async () => {
    const { cookie, sid } = await login(holder.id);
    expect(await chooseActingFor(database.db, { sid, actorPersonId: holder.id, currentSubject: null, currentBasis: null }, owner.id, "2026-12-31")).toBe(true);
    expect((await routeUser(cookie, "2026-12-31", "/mine/utland")).personId).toBe(owner.id);
    const after = await routeUser(cookie, "2027-01-01", "/mine/utland");
    expect(after.personId).toBe(holder.id);
    expect(after.acting).toBeNull();
    const [row] = await database.db
      .select()
      .from(citizenSessions)
      .where(eq(citizenSessions.idHash, hashSessionId(sid)));
    expect(row!.actingForPersonId).toBeNull();
    expect(await chooseActingFor(database.db, { sid, actorPersonId: holder.id, currentSubject: null, currentBasis: null }, owner.id, "2027-01-01")).toBe(false);
    expect((await actingChoices(database.db, holder.id, "2027-01-01")).map((c) => c.personId)).not.toContain(owner.id);
  });
});

describe("what was done in someone's name", () => {
  it("logs each form sent while acting (both identities, the page without ids), not page views", async () => {
    const who = { actorPersonId: parent.id, subjectPersonId: child.id, basis: "parent" as const };
    await logActedRequest(database.db, who, "GET", "/mine/reservasjon");
    await logActedRequest(database.db, who, "POST", "/mine/reservasjon.data");
    await logActedRequest(database.db, who, "POST", "/mine/saker/3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    const done = await whatWasDoneInMyName(database.db, child.id);
    expect(done.slice(0, 2).map((d) => [d.actorName, d.action])).toEqual([
      ["Forelder Hansen", "POST /mine/saker/:id"],
      ["Forelder Hansen", "POST /mine/reservasjon"],
    ]);
    expect(JSON.stringify(done)).not.toContain(child.fnr);
  });

  it("names no query string or id in an action code", () => {
    expect(actionCode("post", "/mine/utland/3f2504e0-4f89-11d3-9a0c-0305e82c3301/dokumenter")).toBe("POST /mine/utland/:id/dokumenter");
    expect(actionCode("POST", "/mine/tips/123")).toBe("POST /mine/tips/:id");
  });
});

describe("demo data", () => {
  it("records Ole Johansen's parental responsibility for Emma Larsen (under 16) and Jonas Berg (16)", async () => {
    const demo = await openTestDatabase();
    try {
      await seedDemoData(demo.database, TODAY, { providerKey: false });
      const rows = await demo.database.db.select({ parent: parentalResponsibility.parentPersonId, child: parentalResponsibility.childPersonId }).from(parentalResponsibility);
      const names = new Map((await demo.database.db.select({ id: persons.id, name: persons.name }).from(persons)).map((p) => [p.id, p.name]));
      expect(rows.map((r) => [names.get(r.parent), names.get(r.child)]).sort()).toEqual([
        ["Ole Johansen", "Emma Larsen"],
        ["Ole Johansen", "Jonas Berg"],
      ]);
      const ole = [...names].find(([, n]) => n === "Ole Johansen")![0];
      expect((await actingChoices(demo.database.db, ole, TODAY)).map((c) => c.name)).toEqual(["Emma Larsen"]);
    } finally {
      await demo.cleanup();
    }
  }, 120_000); // seeding the whole demo register is slow on a busy machine
});
