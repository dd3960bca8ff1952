/**
 * The register's planner on its own (no database): a batch is planned as a sequence, refusals are
 * one request's answer only, and every change writes one event with its source.
 */
import { describe, expect, it } from "vitest";
import { type NewClaim, planRegisterChanges, type RegisterRequest, type RegisterState, yearKey } from "~/domain/register";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";
import { generateFnr } from "~/kernel/fnr";
import { orgnrOf } from "~/kernel/orgnr";

const TODAY: IsoDate = "2026-11-23";
const P = "p-1";
const FNR = generateFnr("1970-01-01", 123)!;
const state = (over: Partial<{ reserved: boolean; birthDate: IsoDate | null }> = {}): RegisterState => ({
  persons: new Map([[P, { id: P, birthDate: over.birthDate === undefined ? "1970-01-01" : over.birthDate, payoutAccount: null, reserved: over.reserved ?? false }]]),
  personIdByFnr: new Map([[FNR, P]]),
  claims: new Map(),
  years: new Map([[yearKey(P, 2026), { rows: [], status: [], payouts: [] }]]),
});
const claim = (claimId: string, amountOre = 20_000, serviceDate: IsoDate = "2026-03-01"): NewClaim => ({
  orgnr: "974760673",
  claimId,
  providerName: "Klinikk",
  serviceDate,
  serviceType: "lege",
  amountOre: ore(amountOre),
  paid: true,
  paidDate: serviceDate,
});
const register = (c: NewClaim, hash = `h-${c.claimId}-${c.amountOre}`): RegisterRequest => ({
  op: "register",
  source: { kind: "provider", orgnr: orgnrOf(c.orgnr) },
  person: { fnr: FNR, birthDate: "1970-01-01" },
  claim: c,
  hash,
});
let n = 0;
const ctx = { today: TODAY, newId: () => `00000000-0000-7000-8000-${String(++n).padStart(12, "0")}` };

describe("planRegisterChanges", () => {
  it("plans a batch as a sequence: a retry in the same batch is answered 200, another body 409", () => {
    const plan = planRegisterChanges(state(), [register(claim("a")), register(claim("a")), register(claim("a", 30_000))], ctx);
    expect(plan.outcomes.map((o) => (o.ok ? ("created" in o ? (o.created ? 201 : 200) : 0) : o.refusal.code))).toEqual([201, 200, "conflict"]);
    expect(plan.inserts).toHaveLength(1);
    expect(plan.events.map((e) => [e.kind, e.source, e.sourceRef])).toEqual([["registered", "provider", "974760673"]]);
  });

  it("recomputes each person-year once, on the rows as they stand after every request", () => {
    const plan = planRegisterChanges(state(), [register(claim("a", 200_000)), register(claim("b", 200_000, "2026-04-01"))], ctx);
    expect(plan.years).toHaveLength(1);
    expect(plan.years[0]!.plan.overview.taks[0]!.frikortFrom).toBe("2026-04-01");
    expect(plan.frikortGranted).toEqual([P]);
  });

  it("stores nothing for a reserved person, whoever asks", () => {
    for (const source of [
      { kind: "provider", orgnr: orgnrOf("974760673") },
      { kind: "report", reference: "FP-1" },
      { kind: "abroad", reference: "FP-2" },
      { kind: "import", reference: "x" },
    ] as const) {
      const plan = planRegisterChanges(state({ reserved: true }), [{ ...register(claim("a")), source }], ctx);
      expect(plan.outcomes[0]).toEqual({ ok: false, refusal: { code: "reserved" } });
      expect(plan.inserts.length + plan.events.length + plan.years.length).toBe(0);
    }
  });

  it("refuses input outside the rules with the field, except for history loaded as it stood", () => {
    expect(planRegisterChanges(state(), [register(claim("f", 100, "2026-12-24"))], ctx).outcomes[0]).toEqual({
      ok: false,
      refusal: { code: "date-in-future", field: "serviceDate" },
    });
    const child = state({ birthDate: "2015-01-01" });
    expect(planRegisterChanges(child, [register(claim("c"))], ctx).outcomes[0]).toEqual({ ok: false, refusal: { code: "exempt-child", field: "fnr" } });
    const imported = planRegisterChanges(child, [{ ...register(claim("c")), source: { kind: "import", reference: "seed" } }], ctx);
    expect(imported.outcomes[0]).toMatchObject({ ok: true, created: true, status: "exempt" });
  });

  it("a change to a claim registered earlier in the same batch changes the insert, with its own event", () => {
    const key = { orgnr: "974760673", claimId: "a" };
    const plan = planRegisterChanges(
      state(),
      [
        register(claim("a")),
        { op: "correct", source: { kind: "provider", orgnr: orgnrOf(key.orgnr) }, key, amountOre: ore(15_000), reason: "feil takst" },
        { op: "cancel", source: { kind: "provider", orgnr: orgnrOf(key.orgnr) }, key, reason: "dobbel" },
      ],
      ctx,
    );
    expect(plan.inserts).toHaveLength(1);
    expect(plan.inserts[0]).toMatchObject({ amountOre: 15_000, cancelled: true });
    expect(plan.updates).toEqual([]);
    expect(plan.events.map((e) => [e.kind, e.before?.amountOre ?? null, e.after.amountOre, e.after.cancelled])).toEqual([
      ["registered", null, 20_000, false],
      ["corrected", 20_000, 15_000, false],
      ["cancelled", 15_000, 15_000, true],
    ]);
  });

  it("cancelling twice is answered as done; changing a cancelled or unknown claim is refused", () => {
    const key = { orgnr: "974760673", claimId: "a" };
    const source = { kind: "provider", orgnr: orgnrOf(key.orgnr) } as const;
    const plan = planRegisterChanges(
      state(),
      [
        register(claim("a")),
        { op: "cancel", source, key, reason: "x" },
        { op: "cancel", source, key, reason: "x" },
        { op: "pay", source, key, paidDate: "2026-03-02" },
        { op: "pay", source, key: { ...key, claimId: "nope" }, paidDate: "2026-03-02" },
      ],
      ctx,
    );
    expect(plan.outcomes.map((o) => (o.ok ? "ok" : o.refusal.code))).toEqual(["ok", "ok", "ok", "already-cancelled", "not-found"]);
    expect(plan.events.map((e) => e.kind)).toEqual(["registered", "cancelled"]);
  });
});
