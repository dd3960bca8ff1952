/**
 * The treatment claims API end to end (issue 20): a physiotherapist's claim through the built
 * server — scope, problem+json, idempotency, the controls' answers, the egenandel reaching the
 * register (readable through the egenandel endpoint, counted by the status lookup) and the batch.
 */
import { describe, expect, inject, it } from "vitest";
import { generateFnr } from "~/kernel/fnr";
import { baseUrl } from "./browser";
import { isoDate } from "~/kernel/dates";

const KEYS = () => inject("keys");
const api = (path: string) => `${baseUrl()}/api/v1${path}`;

async function call(method: string, path: string, body?: unknown, key: string | null = KEYS().full) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  const res = await fetch(api(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: text ? JSON.parse(text) : null, raw: text };
}

let seq = 0;
function freshFnr(): string {
  for (;;) {
    seq++;
    const fnr = generateFnr(isoDate(`1968-02-${String((seq % 28) + 1).padStart(2, "0")}`), 150 + ((seq * 11) % 300));
    if (fnr) return fnr;
  }
}
const run = Date.now();
let n = 0;
function claim(fnr: string, over: Record<string, unknown> = {}) {
  n++;
  return {
    claimId: `e2e-regning-${run}-${n}`,
    fnr,
    therapist: { hprNumber: String(8_000_000 + ((run + n) % 1_000_000)), name: "Fysio Terapeut" },
    paid: true,
    lines: [{ takst: "A2c", date: "2026-11-02", startTime: "07:30", minutes: 40, groupSize: null }],
    ...over,
  };
}

describe("POST /api/v1/regninger", () => {
  it("needs the regninger:write scope, and answers bad input with problem+json listing the fields, without the fødselsnummer", async () => {
    const fnr = freshFnr();
    expect((await call("POST", "/regninger", claim(fnr), KEYS().readOnly)).status).toBe(403);
    const bad = await call("POST", "/regninger", {
      ...claim(fnr),
      therapist: { hprNumber: "x", name: "" },
      lines: [{ takst: "a2c", date: "2026-02-30", startTime: "25:00", minutes: 0 }],
    });
    expect(bad.status).toBe(422);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "lines.0.date",
      "lines.0.minutes",
      "lines.0.startTime",
      "lines.0.takst",
      "therapist.hprNumber",
      "therapist.name",
    ]);
    expect(bad.raw).not.toContain(fnr);
  });

  it("201 with every control's result, the refusjon and the registered egenandel; 200 for the same body; 409 for another", async () => {
    const c = claim(freshFnr());
    const a = await call("POST", "/regninger", c);
    expect(a.status).toBe(201);
    expect(a.body.outcome).toBe("godkjent");
    const line = a.body.lines[0];
    expect(line.controls.map((x: { rule: string }) => x.rule)).toContain("claim.overlap");
    expect(line.refusjonOre + line.egenandelOre).toBe(line.honorarOre);
    expect(a.body.egenandelRegisteredOre).toBe(line.egenandelOre);
    expect((await call("POST", "/regninger", c)).body).toEqual(a.body);
    expect((await call("POST", "/regninger", c)).status).toBe(200);
    const conflict = await call("POST", "/regninger", { ...c, paid: false });
    expect(conflict.status).toBe(409);
    expect(conflict.body.type).toBe("https://frikortportalen.no/problems/conflict");

    // The egenandel is an ordinary one in the register: the egenandel endpoint reads it.
    const stored = await call("GET", `/egenandeler/${encodeURIComponent(line.egenandel.registerClaimId)}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ serviceType: "fysioterapi", serviceDate: "2026-11-02", amountOre: line.egenandelOre, status: "counted" });
  });

  it("rejects a claim for a date in the future and a group takst without a group size, saying why", async () => {
    const a = await call(
      "POST",
      "/regninger",
      claim(freshFnr(), {
        lines: [
          { takst: "A2c", date: "2026-12-01", startTime: "07:30", minutes: 40 },
          { takst: "C34c", date: "2026-11-02", startTime: "12:00", minutes: 60 },
        ],
      }),
    );
    expect(a.status).toBe(201);
    expect(a.body.outcome).toBe("avvist");
    expect(a.body.refusjonOre).toBe(0);
    const reasons = a.body.lines.map((l: { controls: Array<{ reason?: string; message?: string }> }) => l.controls.filter((c) => c.reason).map((c) => c.reason));
    expect(reasons).toEqual([["date-in-future"], ["group-size-missing"]]);
    expect(a.body.lines[1].controls.find((c: { reason?: string }) => c.reason).message).toMatch(/group/);
  });

  it("a reserved patient: settled with the provider, no egenandel stored", async () => {
    const a = await call("POST", "/regninger", claim(inject("residents").reserved));
    expect(a.status).toBe(201);
    expect(a.body.lines[0].egenandel).toEqual({ disposition: "reserved", registerClaimId: null });
    expect(a.body.refusjonOre).toBeGreaterThan(0);
  });
});

describe("POST /api/v1/regninger/batch", () => {
  it("answers each claim in order: the second of two claims for the same therapist's time is rejected, an invalid one is 422 in its place", async () => {
    const first = claim(freshFnr());
    const second = claim(freshFnr(), { therapist: first.therapist, lines: [{ takst: "A2b", date: "2026-11-02", startTime: "07:50", minutes: 30 }] });
    const r = await call("POST", "/regninger/batch", { claims: [first, second, { claimId: "x" }] });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: number }) => x.status)).toEqual([201, 201, 422]);
    expect(r.body.results[0].claim.outcome).toBe("godkjent");
    expect(r.body.results[1].claim.outcome).toBe("avvist");
    expect(r.body.results[1].claim.lines[0].controls.find((c: { rule: string }) => c.rule === "claim.overlap").result).toBe("avvist");
    expect(r.body.results[2].problem.type).toBe("https://frikortportalen.no/problems/validation");
  });
});
