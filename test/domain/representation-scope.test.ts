/**
 * A fullmakt's scope and end date (issue 22 item 12, ADR 0019): which service each resident page belongs to, which pages a
 * fullmakt opens, and the day it stops working.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVICES } from "~/components/services";
import {
  coversService,
  FULLMAKT_SCOPES,
  type FullmaktScope,
  fullmaktInForce,
  landingPath,
  mayActOnPath,
  RESIDENT_SERVICES,
  representationBasis,
  scopeOfPath,
  servicesCovered,
} from "~/domain/representation";
import type { IsoDate } from "~/kernel/types";

describe("which service a page belongs to", () => {
  it("places every resident page of the route table in a service (none falls to 'all', which no narrow fullmakt opens)", () => {
    const table = readFileSync(path.resolve(__dirname, "../../app/routes.ts"), "utf8");
    const paths = [...table.matchAll(/route\("(mine[^"]*)"/g)].map((m) => "/" + m[1]!.replace(/:\w+/g, "3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
    expect(paths.length).toBeGreaterThan(25);
    const unplaced = paths.filter((p) => scopeOfPath(p) === "all");
    expect(unplaced).toEqual([]);
  });

  it("names the service of the pages residents know", () => {
    expect(scopeOfPath("/mine")).toBe("innsyn");
    expect(scopeOfPath("/mine.data")).toBe("innsyn");
    expect(scopeOfPath("/mine/saker/abc")).toBe("innsyn");
    expect(scopeOfPath("/mine/manglende")).toBe("melde");
    expect(scopeOfPath("/mine/frikort-soknad")).toBe("frikort");
    expect(scopeOfPath("/mine/utland/abc/kontroll.data")).toBe("utland");
    expect(scopeOfPath("/mine/kontonummer")).toBe("konto");
    expect(scopeOfPath("/mine/representasjon")).toBe("any");
    expect(scopeOfPath("/")).toBe("any");
    // a page under /mine that the table does not know needs every service
    expect(scopeOfPath("/mine/ny-side")).toBe("all");
    expect(scopeOfPath("/mine/kontonummer/../utland")).toBe("all");
  });
});

describe("what a fullmakt opens", () => {
  it("opens only the chosen services (and the choice of whom to act for); a parent opens all", () => {
    expect(mayActOnPath("fullmakt", ["utland"], "/mine/utland/abc/dokumenter")).toBe(true);
    expect(mayActOnPath("fullmakt", ["utland"], "/mine")).toBe(false);
    expect(mayActOnPath("fullmakt", ["utland"], "/mine/kontonummer")).toBe(false);
    expect(mayActOnPath("fullmakt", ["utland"], "/mine/representasjon")).toBe(true);
    expect(mayActOnPath("fullmakt", ["innsyn", "melde", "frikort", "utland"], "/mine/ny-side")).toBe(false);
    expect(mayActOnPath("fullmakt", [...FULLMAKT_SCOPES], "/mine/ny-side")).toBe(true);
    expect(mayActOnPath("parent", [], "/mine/kontonummer")).toBe(true);
  });

  it("works through its last day and not after; one without services works for nothing", () => {
    const f = { scopes: ["innsyn" as const], validUntil: "2026-12-31" as IsoDate };
    expect(fullmaktInForce(f, "2026-12-31")).toBe(true);
    expect(fullmaktInForce(f, "2027-01-01")).toBe(false);
    expect(fullmaktInForce({ scopes: [], validUntil: null }, "2026-12-06")).toBe(false);
    expect(representationBasis({ parent: false, subjectBirthDate: "1950-01-01", fullmakt: f }, "2027-01-01")).toBeNull();
    expect(representationBasis({ parent: false, subjectBirthDate: "1950-01-01", fullmakt: f }, "2026-12-06")).toBe("fullmakt");
  });
});

/** Every set of scopes a giver can tick (2^5 - 1 of them; an empty one is not in force). */
function everyScopeSet(): FullmaktScope[][] {
  const sets: FullmaktScope[][] = [];
  for (let mask = 1; mask < 1 << FULLMAKT_SCOPES.length; mask++) sets.push(FULLMAKT_SCOPES.filter((_, i) => mask & (1 << i)));
  return sets;
}

describe("which services the menus and the start page offer", () => {
  it("offers everything to oneself and to a parent; on a fullmakt only the services its scopes cover", () => {
    expect(servicesCovered(null)).toEqual([...RESIDENT_SERVICES]);
    expect(servicesCovered({ basis: "parent", scopes: [] })).toEqual([...RESIDENT_SERVICES]);
    expect(servicesCovered({ basis: "fullmakt", scopes: [...FULLMAKT_SCOPES] })).toEqual([...RESIDENT_SERVICES]);
    expect(servicesCovered({ basis: "fullmakt", scopes: ["utland", "konto"] })).toEqual(["abroad", "account"]);
    expect(servicesCovered({ basis: "fullmakt", scopes: ["innsyn"] })).toEqual(["overview", "proof", "cases", "inbox"]);
    expect(servicesCovered({ basis: "fullmakt", scopes: ["frikort"] })).toEqual(["reservation", "application"]);
    // reporting without insight: a missing egenandel can be reported, but an egenandel is flagged from its line on the
    // overview, which the fullmakt does not open
    expect(servicesCovered({ basis: "fullmakt", scopes: ["melde"] })).toEqual(["missing"]);
    expect(coversService({ basis: "fullmakt", scopes: ["innsyn", "melde"] }, "tip")).toBe(true);
  });

  it("lands on the overview after choosing whom to act for, or on the start page when the fullmakt does not open it", () => {
    expect(landingPath(null)).toBe("/mine");
    expect(landingPath({ basis: "parent", scopes: [] })).toBe("/mine");
    expect(landingPath({ basis: "fullmakt", scopes: ["innsyn"] })).toBe("/mine");
    expect(landingPath({ basis: "fullmakt", scopes: ["utland", "konto"] })).toBe("/");
  });

  it("never offers a link the routes would refuse, and hides no service whose page the fullmakt opens (every scope set)", () => {
    const wrong: string[] = [];
    for (const scopes of everyScopeSet()) {
      for (const s of SERVICES) {
        const offered = coversService({ basis: "fullmakt", scopes }, s.id);
        const opens = mayActOnPath("fullmakt", scopes, s.href.replace(/#.*$/, ""));
        if (offered && !opens) wrong.push(`${s.id} offered on [${scopes.join(",")}] but ${s.href} refused`);
        // the one service reached through another page: flagging needs the overview it is done from, and reporting
        if (!offered && opens && s.id !== "tip") wrong.push(`${s.id} hidden on [${scopes.join(",")}] though ${s.href} opens`);
        if (s.id === "tip" && offered !== (opens && mayActOnPath("fullmakt", scopes, "/mine/tips/abc"))) wrong.push(`tip on [${scopes.join(",")}]`);
      }
    }
    expect(wrong).toEqual([]);
    expect(SERVICES.map((s) => s.id).sort()).toEqual([...RESIDENT_SERVICES].sort());
  });
});
