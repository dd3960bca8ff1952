import { describe, expect, it } from "vitest";
import { demoLoginList, demoProviders, generateDemoResidents, type DemoPersona, type DemoResident } from "~/db/demo-data";
import { validateFnr } from "~/kernel/fnr";
import { validateOrgnr } from "~/kernel/orgnr";
import { computeYearOverview } from "~/domain/overview";
import { type IsoDate, SERVICE_TYPES } from "~/kernel/types";
import { childExemptUntil } from "~/domain/child-exemption";

const TODAYS: IsoDate[] = ["2026-11-23", "2026-01-01", "2025-06-15", "2024-02-29", "2022-01-01", "2023-12-31", "2025-05-30"];

function overview(r: DemoResident, year: number) {
  return computeYearOverview({
    year,
    birthDate: r.birthDate,
    rows: r.egenandeler.map((e) => ({ ...e, id: e.claimId, cancelled: false })),
  });
}

function persona(residents: DemoResident[], p: DemoPersona): DemoResident {
  const r = residents.find((x) => x.personas.includes(p));
  if (!r) throw new Error(`persona ${p} missing`);
  return r;
}

describe.each(TODAYS)("generateDemoResidents (today %s)", (today) => {
  const residents = generateDemoResidents({ today });
  const year = Number(today.slice(0, 4));

  it("has about 20 residents with unique, valid identity numbers matching their birth dates", () => {
    expect(residents.length).toBeGreaterThanOrEqual(18);
    expect(residents.length).toBeLessThanOrEqual(25);
    expect(new Set(residents.map((r) => r.fnr)).size).toBe(residents.length);
    for (const r of residents) {
      const v = validateFnr(r.fnr);
      expect(v, `${r.name} ${r.fnr}`).toMatchObject({ valid: true, birthDate: r.birthDate, rule: "classic" });
      expect(r.note.length).toBeGreaterThan(10);
      expect(r.note).not.toMatch(/\n/);
    }
  });

  it("has unique claim ids and sane rows, none after today", () => {
    const ids = residents.flatMap((r) => r.egenandeler.map((e) => e.claimId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of residents) {
      for (const e of r.egenandeler) {
        expect(e.claimId).toMatch(/^demo-\d+-\d+$/);
        expect(e.serviceDate <= today, `${e.claimId} ${e.serviceDate}`).toBe(true);
        expect(e.serviceDate >= "2017-01-01").toBe(true);
        expect(e.serviceDate >= r.birthDate).toBe(true);
        expect(SERVICE_TYPES).toContain(e.serviceType);
        expect(Number.isSafeInteger(e.amountOre) && e.amountOre > 0).toBe(true);
        expect(e.amountOre).toBeLessThanOrEqual(1_200_00 * 7);
        expect(validateOrgnr(e.providerOrgnr).valid, e.providerOrgnr).toBe(true);
        if (e.paid) {
          expect(e.paidDate).not.toBeNull();
          expect(e.paidDate! >= e.serviceDate && e.paidDate! <= today).toBe(true);
        } else {
          expect(e.paidDate).toBeNull();
        }
        if (e.serviceDate >= "2021-01-01") expect(["tannbehandling", "opptrening", "behandlingsreise"]).not.toContain(e.serviceType);
      }
      expect(r.egenandeler.map((e) => e.serviceDate)).toEqual([...r.egenandeler.map((e) => e.serviceDate)].sort());
    }
  });

  it("is deterministic", () => {
    expect(generateDemoResidents({ today })).toEqual(residents);
  });

  it("(a) someone is over tak 2 in 2019", () => {
    const tak2 = overview(persona(residents, "over-tak2-2019"), 2019).taks.find((t) => t.tak === "tak2");
    expect(tak2?.frikortFrom).not.toBeNull();
    expect(tak2?.overCeilingOre).toBeGreaterThan(0);
  });

  it("(b) someone is at 80–99 % of the single tak this year, with no frikort", () => {
    const r = persona(residents, "near-ceiling-current-year");
    const t = overview(r, year).taks[0]!;
    expect(t.progressPercent).toBeGreaterThanOrEqual(80);
    expect(t.progressPercent).toBeLessThanOrEqual(99);
    expect(t.frikortFrom).toBeNull();
  });

  it("(c) a child under 16 whose rows are all exempt", () => {
    const r = persona(residents, "child-under-16");
    const o = overview(r, year);
    expect(o.childExempt).toBe("whole-year");
    expect(r.egenandeler.length).toBeGreaterThan(0);
    for (let y = Math.max(2017, Number(r.birthDate.slice(0, 4))); y <= year; y++) {
      expect(overview(r, y).lines.every((l) => l.status === "exempt")).toBe(true);
    }
  });

  it("(d) someone with an approved yrkesskade", () => {
    const r = persona(residents, "yrkesskade");
    expect(r.yrkesskade?.description).toBeTruthy();
    expect(r.yrkesskade!.approvedOn <= today).toBe(true);
    expect(residents.filter((x) => x.yrkesskade !== null)).toHaveLength(1);
  });

  it("(e) someone with egenandeler in every month of this year up to today", () => {
    const r = persona(residents, "every-month-current-year");
    const months = new Set(r.egenandeler.filter((e) => e.serviceDate.startsWith(`${year}-`)).map((e) => e.serviceDate.slice(5, 7)));
    expect(months.size).toBe(Number(today.slice(5, 7)));
  });

  it("(f) someone is over the single tak in an earlier year", () => {
    const r = persona(residents, "frikort-earlier-year");
    const t = overview(r, year - 1).taks;
    expect(t).toHaveLength(1);
    expect(t[0]?.tak).toBe("felles");
    expect(t[0]?.frikortFrom).not.toBeNull();
    expect(t[0]?.overCeilingOre).toBeGreaterThan(0);
  });

  it("(g) someone has an unpaid egenandel this year", () => {
    const r = persona(residents, "unpaid-egenandel");
    expect(overview(r, year).lines.some((l) => l.status === "unpaid")).toBe(true);
  });

  it("(h) a D-nummer holder", () => {
    expect(validateFnr(persona(residents, "d-nummer").fnr)).toMatchObject({ valid: true, kind: "dnr" });
  });

  it("(i) someone turned 16 this year or last year, with exempt and counted rows that year", () => {
    const r = persona(residents, "turned-16-recently");
    const until = childExemptUntil(r.birthDate);
    const y16 = Number(until.slice(0, 4));
    expect([year, year - 1]).toContain(y16);
    expect(until < today).toBe(true);
    const o = overview(r, y16);
    expect(o.childExempt).toEqual({ until });
    expect(o.lines.some((l) => l.status === "exempt")).toBe(true);
    expect(o.lines.some((l) => l.status === "counted")).toBe(true);
  });

  it("the extra personas hold", () => {
    const erik = overview(persona(residents, "exactly-at-ceiling"), 2019).taks.find((t) => t.tak === "tak1")!;
    expect(erik).toMatchObject({ registeredOre: erik.ceilingOre, overCeilingOre: 0, frikortFrom: "2019-11-15" });
    const astrid = persona(residents, "over-tak1");
    for (const y of [2018, 2020]) expect(overview(astrid, y).taks[0]?.frikortFrom).not.toBeNull();
    expect(persona(residents, "no-egenandeler").egenandeler).toEqual([]);
    const marit = persona(residents, "merger-2020-2021");
    expect(overview(marit, 2020).lines.find((l) => l.serviceDate === "2020-12-30")?.tak).toBe("tak2");
    expect(overview(marit, 2021).lines.find((l) => l.serviceDate === "2021-01-04")?.tak).toBe("felles");
  });

  it("every service date's year overview can be computed (up to the last supported year)", () => {
    for (const r of residents) {
      for (let y = 2017; y <= Math.min(year, 2026); y++) expect(() => overview(r, y)).not.toThrow();
    }
  });

  it("demoLoginList returns five distinct residents", () => {
    const list = demoLoginList(residents);
    expect(list).toHaveLength(5);
    expect(new Set(list.map((x) => x.fnr)).size).toBe(5);
    expect(list[0]?.fnr).toBe(persona(residents, "near-ceiling-current-year").fnr);
  });
});

describe("demo providers", () => {
  it("all have valid, unique 9-digit organisation numbers", () => {
    const providers = demoProviders();
    expect(providers.length).toBeGreaterThan(10);
    expect(new Set(providers.map((p) => p.orgnr)).size).toBe(providers.length);
    for (const p of providers) expect(validateOrgnr(p.orgnr)).toEqual({ valid: true, normalized: p.orgnr });
  });
});

describe("generateDemoResidents input", () => {
  it("needs today ≥ 2022-01-01 and a real date", () => {
    expect(() => generateDemoResidents({ today: "2021-12-31" })).toThrow(RangeError);
    expect(() => generateDemoResidents({ today: "2026-02-30" })).toThrow(RangeError);
  });
});
