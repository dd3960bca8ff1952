/**
 * Deterministic synthetic demo residents for the demo seed.
 *
 * Everything here is invented: names, identity numbers (valid by checksum, generated with
 * generateFnr), providers and organisation numbers (valid by checksum). Amounts are realistic
 * Norwegian egenandeler per service type and year, but synthetic. The same `today` always gives
 * the same residents; no service date is after `today`. A small seeded PRNG keeps it deterministic.
 */
import { ceilingFor, lastSupportedYear } from "../rules/parameters/egenandelstak";
import { addDays, daysBetween, daysInMonth, maxIso, minIso, nthBirthday, parseIsoDate, toIsoDate } from "../kernel/dates";
import { generateFnr, type IdNumberKind } from "../kernel/fnr";
import { ore } from "../kernel/money";
import { completeOrgnr } from "../kernel/orgnr";
import type { Fnr, IsoDate, Ore, Orgnr, ServiceType } from "../kernel/types";
import type { SyntheticOptions } from "../domain/synthetic-claims";

/** The synthetic claims population of the demo (domain/synthetic-claims.ts): about 70 providers over three years, the fourteen patterns planted. */
export const DEMO_POPULATION: SyntheticOptions = { seed: 20_000_614, today: "2026-12-06", years: 3, ordinaryProviders: 60, patientsPerTherapist: [12, 22], planted: true };

export type DemoPersona =
  | "over-tak2-2019"
  | "near-ceiling-current-year"
  | "child-under-16"
  | "yrkesskade"
  | "every-month-current-year"
  | "frikort-earlier-year"
  | "unpaid-egenandel"
  | "d-nummer"
  | "turned-16-recently"
  | "over-tak1"
  | "exactly-at-ceiling"
  | "merger-2020-2021"
  | "no-egenandeler"
  | "leap-day-birthday";

export interface DemoEgenandel {
  claimId: string;
  serviceDate: IsoDate;
  serviceType: ServiceType;
  amountOre: Ore;
  providerName: string;
  providerOrgnr: Orgnr;
  paid: boolean;
  paidDate: IsoDate | null;
}

export interface DemoResident {
  fnr: Fnr;
  name: string;
  birthDate: IsoDate;
  yrkesskade: null | { description: string; approvedOn: IsoDate };
  egenandeler: DemoEgenandel[];
  /** One line: who this demo person is, for the README. */
  note: string;
  /** Machine-readable personas (what the note says), for tests and the login list. */
  personas: DemoPersona[];
  /** Names of the demo residents this one has parental responsibility for (the person register's foreldreansvar). */
  parentOf: string[];
}

/** The first year the demo histories start. */
export const DEMO_FIRST_YEAR = 2017;
/** The demo needs an earlier year with the single egenandelstak (persona "frikort-earlier-year"). */
export const DEMO_MIN_TODAY: IsoDate = "2022-01-01";

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (xorshift32): deterministic, no global randomness.

interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function createRng(seed: number): Rng {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  // Warm up so that close seeds diverge.
  for (let i = 0; i < 8; i++) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// Visit kinds, amounts and providers.

type VisitKind = "fastlege" | "legevakt" | "spesialist" | "psykolog" | "poliklinikk" | "rontgen" | "lab" | "pasientreise" | "blaresept" | "fysio" | "tann" | "opptrening";

const SERVICE_OF: Record<VisitKind, ServiceType> = {
  fastlege: "lege",
  legevakt: "lege",
  spesialist: "lege",
  psykolog: "psykolog",
  poliklinikk: "poliklinikk",
  rontgen: "radiologi",
  lab: "laboratorium",
  pasientreise: "pasientreiser",
  blaresept: "legemidler",
  fysio: "fysioterapi",
  tann: "tannbehandling",
  opptrening: "opptrening",
};

/** Typical egenandel in kroner per year, index 0 = 2017; later years use the last value. Synthetic. */
const YEARLY_KR = {
  fastlege: [152, 155, 158, 160, 160, 160, 160, 160, 160, 160],
  legevakt: [265, 268, 270, 275, 275, 275, 275, 275, 275, 275],
  spesialist: [345, 350, 355, 375, 375, 375, 375, 375, 375, 375],
  psykolog: [350, 355, 360, 375, 375, 375, 375, 375, 375, 375],
  poliklinikk: [345, 350, 355, 375, 375, 375, 375, 375, 375, 375],
  rontgen: [250, 252, 255, 259, 259, 259, 262, 265, 265, 265],
  lab: [55, 55, 57, 60, 60, 60, 60, 62, 62, 62],
  pasientreise: [135, 140, 146, 149, 150, 150, 160, 160, 160, 160],
  opptrening: [125, 128, 130, 135, 135, 135, 135, 135, 135, 135],
} as const;

function yearlyKr(kind: keyof typeof YEARLY_KR, year: number): number {
  const table = YEARLY_KR[kind];
  const i = Math.min(Math.max(year - 2017, 0), table.length - 1);
  return table[i] ?? table[table.length - 1]!;
}

/**
 * Physiotherapy egenandeler: 2017–2018 per the takster from 1.7.2016 (A1a 170, A2a 98, A2b 154,
 * A2c 191, A2e 242); 2019 to mid-2020 per the 2019 poster (173; 123 + 37 per started 10 min);
 * from 1.7.2020 about 6.85 % higher.
 */
function fysioKr(date: IsoDate, rng: Rng): number {
  if (date < "2019-01-01") return rng.pick([170, 98, 154, 154, 191, 191, 242]);
  if (date < "2020-07-01") return rng.pick([173, 160, 197, 197, 234]);
  return rng.pick([185, 171, 171, 210, 210, 250]);
}

function amountOre(kind: VisitKind, date: IsoDate, rng: Rng): number {
  const year = parseIsoDate(date).year;
  switch (kind) {
    case "blaresept":
      return rng.int(40_00, 520_00); // 39 % of the price, at most 520 kr per prescription
    case "fysio":
      return fysioKr(date, rng) * 100;
    case "tann":
      return rng.int(300, 1200) * 100;
    case "opptrening":
      return yearlyKr("opptrening", year) * 100; // per døgn; a stay is reported per week below
    default:
      return yearlyKr(kind, year) * 100;
  }
}

const PROVIDER_NAMES: Record<VisitKind, readonly string[]> = {
  fastlege: ["Storgata legesenter", "Fjordgløtt legekontor", "Kvartsgata fastlegekontor", "Nordlys legesenter", "Bakkehuset legesenter"],
  legevakt: ["Bergen legevakt", "Fjordbyen legevakt", "Vestby interkommunale legevakt"],
  spesialist: ["Hudlege Solberg", "Øyelegene i Brugata", "Øre-nese-hals-spesialist Moe"],
  psykolog: ["Psykolog Lien", "Bryggen psykologpraksis", "Psykologene på Torget"],
  poliklinikk: ["Sykehuset Vestfjord, ortopedisk poliklinikk", "Sykehuset Vestfjord, medisinsk poliklinikk", "Sykehuset Midtdalen, kreftpoliklinikk"],
  rontgen: ["Bildediagnostikk Sentrum", "Røntgeninstituttet Nord"],
  lab: ["Medisinsk laboratorium Øst", "Laboratoriet Sentrum"],
  pasientreise: ["Pasientreisekontoret Vest", "Pasientreisekontoret Nord"],
  blaresept: ["Apoteket Kronen", "Fjellapoteket", "Apoteket Torvet"],
  fysio: ["Fysioterapi Nordre Aasen", "Sentrum fysikalske institutt", "Bakkelia fysioterapi"],
  tann: ["Tannhelsesenteret Solsiden", "Kjevekirurgisk klinikk Vest"],
  opptrening: ["Opptreningssenteret Fjellro"],
};

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Synthetic 9-digit organisation numbers (valid mod-11), stable per provider name. */
function buildProviderOrgnrs(): ReadonlyMap<string, Orgnr> {
  const result = new Map<string, Orgnr>();
  const used = new Set<string>();
  for (const names of Object.values(PROVIDER_NAMES)) {
    for (const name of names) {
      let candidate = 90_000_000 + (fnv1a(name) % 9_999_999);
      for (;;) {
        const orgnr = completeOrgnr(String(candidate));
        if (orgnr !== null && !used.has(orgnr)) {
          result.set(name, orgnr);
          used.add(orgnr);
          break;
        }
        candidate = candidate >= 99_999_999 ? 90_000_000 : candidate + 1;
      }
    }
  }
  return result;
}

const PROVIDER_ORGNR = buildProviderOrgnrs();

/** All synthetic providers with their organisation numbers. */
export function demoProviders(): Array<{ name: string; orgnr: string; serviceType: ServiceType }> {
  return (Object.entries(PROVIDER_NAMES) as Array<[VisitKind, readonly string[]]>).flatMap(([kind, names]) =>
    names.map((name) => ({ name, orgnr: PROVIDER_ORGNR.get(name)!, serviceType: SERVICE_OF[kind] })),
  );
}

// ---------------------------------------------------------------------------------------------
// History builder.

interface DraftRow extends Omit<DemoEgenandel, "claimId"> {
  seq: number;
}

interface Builder {
  readonly rng: Rng;
  readonly today: IsoDate;
  /** The year of today. */
  readonly year: number;
  /** Amounts in the builder are plain numbers of øre (the generator's arithmetic); a row's amount is made an Ore when it is added. */
  add(kind: VisitKind, date: IsoDate, opts?: { amountOre?: number; paid?: boolean; paidDate?: IsoDate | null }): number;
  randomDate(from: IsoDate, to: IsoDate): IsoDate;
  /** `count` random visits between two dates (clamped to the resident's life and to today). */
  visits(kinds: readonly VisitKind[], count: number, from: IsoDate, to: IsoDate): void;
  /** Random visits in [from, to] until the total reaches `targetOre`; never above `maxTotalOre`. */
  fillTo(kinds: readonly VisitKind[], targetOre: number, from: IsoDate, to: IsoDate, maxTotalOre?: number): number;
  /** A few ordinary visits every year from `fromYear` to `toYear` (default: the current year). */
  ordinaryYears(fromYear: number, kinds: readonly VisitKind[], perYear: [number, number], toYear?: number): void;
  yearEnd(year: number): IsoDate;
}

function createBuilder(rng: Rng, today: IsoDate, birthDate: IsoDate): { builder: Builder; rows: DraftRow[] } {
  const rows: DraftRow[] = [];
  const providers = new Map<VisitKind, string>();
  const year = parseIsoDate(today).year;
  const earliest = maxIso(birthDate, `${DEMO_FIRST_YEAR}-01-01`);

  const providerFor = (kind: VisitKind): string => {
    let name = providers.get(kind);
    if (name === undefined) {
      name = rng.pick(PROVIDER_NAMES[kind]);
      // People keep their fastlege, physio and pharmacy; legevakt and travel vary less.
      providers.set(kind, name);
    }
    return name;
  };

  const builder: Builder = {
    rng,
    today,
    year,
    add(kind, date, opts = {}) {
      if (date > today) throw new Error(`demo row after today: ${date}`);
      if (date < earliest) throw new Error(`demo row before ${earliest}: ${date}`);
      const amount = opts.amountOre ?? amountOre(kind, date, rng);
      const paid = opts.paid ?? true;
      let paidDate: IsoDate | null = null;
      if (paid) {
        paidDate = opts.paidDate ?? minIso(addDays(date, rng.chance(0.75) ? 0 : rng.int(1, 14)), today);
      }
      const providerName = providerFor(kind);
      rows.push({
        seq: rows.length,
        serviceDate: date,
        serviceType: SERVICE_OF[kind],
        amountOre: ore(amount),
        providerName,
        providerOrgnr: PROVIDER_ORGNR.get(providerName)!,
        paid,
        paidDate,
      });
      return amount;
    },
    randomDate(from, to) {
      const span = daysBetween(from, to);
      if (span < 0) throw new Error(`empty date range ${from}..${to}`);
      return addDays(from, rng.int(0, span));
    },
    visits(kinds, count, from, to) {
      const lo = maxIso(from, earliest);
      const hi = minIso(to, today);
      if (lo > hi) return;
      for (let i = 0; i < count; i++) builder.add(rng.pick(kinds), builder.randomDate(lo, hi));
    },
    fillTo(kinds, targetOre, from, to, maxTotalOre) {
      const lo = maxIso(from, earliest);
      const hi = minIso(to, today);
      let total = 0;
      if (lo > hi) return total;
      while (total < targetOre) {
        const date = builder.randomDate(lo, hi);
        let kind = rng.pick(kinds);
        let amount = amountOre(kind, date, rng);
        if (maxTotalOre !== undefined && total + amount > maxTotalOre) {
          kind = "lab";
          amount = amountOre(kind, date, rng);
          if (total + amount > maxTotalOre) break;
        }
        total += builder.add(kind, date, { amountOre: amount });
      }
      return total;
    },
    ordinaryYears(fromYear, kinds, [min, max], toYear = year) {
      for (let y = fromYear; y <= Math.min(toYear, year); y++) {
        builder.visits(kinds, rng.int(min, max), `${y}-01-01`, `${y}-12-31`);
      }
    },
    yearEnd(y) {
      return minIso(`${y}-12-31`, today);
    },
  };
  return { builder, rows };
}

// ---------------------------------------------------------------------------------------------
// The residents.

interface ResidentSpec {
  name: string;
  birthDate: (today: IsoDate) => IsoDate;
  kind?: IdNumberKind;
  /** First individnummer to try; the generator walks upwards within the century's range. */
  individ: number;
  personas: DemoPersona[];
  yrkesskade?: (today: IsoDate) => { description: string; approvedOn: IsoDate };
  /** Parental responsibility (by the children's names): Ole Johansen for a child under 16 and one who turned 16. */
  parentOf?: string[];
  note: (today: IsoDate) => string;
  build: (b: Builder, birthDate: IsoDate) => void;
}

const yearOfToday = (today: IsoDate): number => parseIsoDate(today).year;
/** The ceiling year used for "current year" targets (the tables may not have today's year yet). */
const ceilingYear = (year: number): number => Math.min(year, lastSupportedYear());

/** The 16th birthday for persona "turned-16-recently": about 150 days ago, kept inside Feb 15 – Nov 30. */
function sixteenthBirthday(today: IsoDate): IsoDate {
  const raw = addDays(today, -150);
  const y = parseIsoDate(raw).year;
  return minIso(maxIso(raw, `${y}-02-15`), `${y}-11-30`);
}

/** A second, older frikort year (2023 when today is in 2026), always before today's year. */
const anneYear = (today: IsoDate): number => Math.max(2021, yearOfToday(today) - 3);

const SPECS: readonly ResidentSpec[] = [
  {
    name: "Ingrid Hansen",
    birthDate: () => "1958-03-14",
    individ: 231,
    personas: ["over-tak2-2019"],
    note: () => "Over egenandelstak 2 in 2019 (weekly physiotherapy after a back operation): frikort for tak 2 that year.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "lab", "blaresept"], [2, 5]);
      b.visits(["fysio"], 8, "2018-03-01", "2018-06-30");
      // 2019: weekly physiotherapy from January to November, plus periodontitis treatment.
      for (let week = 0; week < 44; week++) {
        if (b.rng.chance(0.15)) continue; // holidays and cancellations
        b.add("fysio", addDays("2019-01-07", week * 7 + b.rng.int(0, 3)));
      }
      b.add("tann", "2019-05-21");
      b.visits(["fysio"], 6, "2020-02-01", "2020-05-31");
    },
  },
  {
    name: "Ole Johansen",
    birthDate: () => "1971-11-02",
    individ: 118,
    personas: ["near-ceiling-current-year"],
    parentOf: ["Emma Larsen", "Jonas Berg"],
    note: (today) =>
      `Close to the egenandelstak in ${yearOfToday(today)} (about 85–95 %, no frikort yet): chronic illness with regular check-ups. Parent of Emma Larsen (under 16: can act for her) and Jonas Berg (16: cannot).`,
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "spesialist", "lab", "blaresept", "rontgen"], [4, 8], b.year - 1);
      // This year: fill to 86–94 % of the ceiling.
      const ceiling = ceilingFor("felles", ceilingYear(b.year)).ceilingOre;
      b.fillTo(["fastlege", "spesialist", "lab", "blaresept", "rontgen", "pasientreise"], Math.round(ceiling * 0.86), `${b.year}-01-01`, b.today, Math.round(ceiling * 0.94));
    },
  },
  {
    name: "Emma Larsen",
    birthDate: (today) => `${yearOfToday(today) - 9}-04-11`,
    individ: 512,
    personas: ["child-under-16"],
    note: () => "Child under 16: pays no egenandel; provider-reported rows are shown as exempt.",
    build(b, birthDate) {
      const from = parseIsoDate(birthDate).year;
      b.ordinaryYears(from, ["fastlege", "legevakt", "poliklinikk", "rontgen"], [1, 4]);
      b.visits(["legevakt", "fastlege"], 2, `${b.year}-01-01`, b.today);
    },
  },
  {
    name: "Per Andersen",
    birthDate: () => "1966-08-23",
    individ: 407,
    personas: ["yrkesskade"],
    yrkesskade: (today) => ({
      description: "Skade på høyre skulder etter fall fra stillas (godkjent yrkesskade)",
      approvedOn: `${yearOfToday(today) - 1}-10-02`,
    }),
    note: () => "Approved yrkesskade (shoulder injury): treatment of the injury is exempt and not registered; other egenandeler as usual.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "lab", "legevakt", "blaresept"], [1, 4]);
    },
  },
  {
    name: "Sofie Nilsen",
    birthDate: () => "1989-01-30",
    individ: 262,
    personas: ["every-month-current-year"],
    note: (today) => `Egenandeler in every month of ${yearOfToday(today)} so far (psychologist, GP, pharmacy).`,
    build(b) {
      b.ordinaryYears(2019, ["fastlege", "psykolog", "blaresept"], [2, 5]);
      const { month: lastMonth, day: lastDay } = parseIsoDate(b.today);
      for (let m = 1; m <= lastMonth; m++) {
        const maxDay = m === lastMonth ? lastDay : daysInMonth(b.year, m);
        const kind = b.rng.pick(["fastlege", "lab", "blaresept", "psykolog"] as const);
        b.add(kind, toIsoDate(b.year, m, b.rng.int(1, maxDay)));
      }
    },
  },
  {
    name: "Lars Pedersen",
    birthDate: () => "1952-06-05",
    individ: 83,
    personas: ["frikort-earlier-year"],
    note: (today) => `Over the egenandelstak in ${yearOfToday(today) - 1} (cancer treatment): frikort, and the excess is owed back.`,
    build(b) {
      const y = b.year - 1;
      b.ordinaryYears(2017, ["fastlege", "lab", "blaresept"], [2, 5]);
      const ceiling = ceilingFor("felles", ceilingYear(y)).ceilingOre;
      b.fillTo(["poliklinikk", "pasientreise", "pasientreise", "blaresept", "rontgen", "lab"], Math.round(ceiling * 1.25), `${y}-02-01`, `${y}-12-15`);
    },
  },
  {
    name: "Nora Kristiansen",
    birthDate: () => "1995-09-17",
    individ: 344,
    personas: ["unpaid-egenandel"],
    note: (today) => `Has an unpaid egenandel (legevakt invoice) in ${yearOfToday(today)}, and one that was paid late.`,
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "legevakt", "lab"], [1, 3]);
      const unpaidOn = maxIso(addDays(b.today, -20), `${b.year}-01-01`);
      b.add("legevakt", unpaidOn, { paid: false });
      const lateOn = maxIso(addDays(b.today, -60), `${b.year}-01-01`);
      b.add("rontgen", lateOn, { paidDate: minIso(addDays(lateOn, 25), b.today) });
    },
  },
  {
    name: "Katarzyna Nowak",
    birthDate: () => "1987-05-21",
    kind: "dnr",
    individ: 455,
    personas: ["d-nummer"],
    note: (today) => `D-nummer holder (seasonal worker since ${yearOfToday(today) - 2}): GP, legevakt and physiotherapy.`,
    build(b) {
      b.ordinaryYears(b.year - 2, ["fastlege", "legevakt", "fysio", "lab"], [2, 5]);
    },
  },
  {
    name: "Jonas Berg",
    birthDate: (today) => {
      const b16 = sixteenthBirthday(today);
      return toIsoDate(parseIsoDate(b16).year - 16, parseIsoDate(b16).month, parseIsoDate(b16).day);
    },
    individ: 601,
    personas: ["turned-16-recently"],
    note: (today) => `Turned 16 on ${sixteenthBirthday(today)}: rows before the birthday are exempt, later ones count.`,
    build(b, birthDate) {
      const b16 = nthBirthday(birthDate, 16);
      const y16 = parseIsoDate(b16).year;
      b.visits(["legevakt", "fastlege"], 3, `${y16 - 3}-01-01`, `${y16 - 1}-12-31`);
      b.visits(["fastlege", "legevakt", "rontgen"], 2, maxIso(addDays(b16, -60), `${y16}-01-01`), addDays(b16, -1));
      b.visits(["fastlege", "fysio", "lab"], 3, b16, b.yearEnd(y16));
      if (y16 < b.year) b.visits(["fastlege", "fysio"], 2, `${b.year}-01-01`, b.today);
    },
  },
  {
    name: "Astrid Haugen",
    birthDate: () => "1941-12-08",
    individ: 912,
    personas: ["over-tak1"],
    note: () => "Pensioner with many blue-prescription medicines: over egenandelstak 1 in 2018 and 2020.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "blaresept", "lab"], [4, 8]);
      for (const y of [2018, 2020]) {
        const ceiling = ceilingFor("tak1", y).ceilingOre;
        b.fillTo(["blaresept", "blaresept", "fastlege", "lab"], Math.round(ceiling * 1.2), `${y}-01-05`, `${y}-12-20`);
      }
    },
  },
  {
    name: "Magnus Karlsen",
    birthDate: () => "2002-07-19",
    individ: 733,
    personas: [],
    note: () => "Turned 16 in 2018: visits before 19 July 2018 are exempt; few visits since.",
    build(b) {
      b.visits(["legevakt", "fastlege"], 2, "2017-01-01", "2018-07-18");
      b.visits(["fastlege", "lab"], 2, "2018-07-19", "2018-12-31");
      b.ordinaryYears(2019, ["fastlege", "legevakt"], [0, 2]);
    },
  },
  {
    name: "Marit Johnsen",
    birthDate: () => "1979-02-28",
    individ: 178,
    personas: ["merger-2020-2021"],
    note: () => "Physiotherapy across the 2020→2021 merger: 30 Dec 2020 counts to tak 2, 4 Jan 2021 to the single egenandelstak.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "psykolog"], [1, 3]);
      b.visits(["fysio"], 10, "2020-09-01", "2020-12-20");
      b.add("fysio", "2020-12-30");
      b.add("fysio", "2021-01-04");
      b.visits(["fysio"], 8, "2021-01-05", "2021-04-30");
    },
  },
  {
    name: "Henrik Eriksen",
    birthDate: () => "1984-10-10",
    individ: 295,
    personas: ["no-egenandeler"],
    note: () => "No registered egenandeler at all (empty overview).",
    build() {},
  },
  {
    name: "Ida Jensen",
    birthDate: () => "1992-02-29",
    individ: 436,
    personas: ["leap-day-birthday"],
    note: () => "Born 29 February 1992; a handful of ordinary visits each year.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "lab", "legevakt", "blaresept"], [1, 4]);
    },
  },
  {
    name: "Thomas Hagen",
    birthDate: () => "1963-04-30",
    individ: 157,
    personas: [],
    note: () => "Dental treatment (periodontitis) and a stay at a rehabilitation institution in 2020 (tak 2).",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "lab"], [1, 3]);
      b.add("tann", "2018-10-09");
      b.add("tann", "2019-02-12");
      for (let week = 0; week < 2; week++) {
        const date = addDays("2020-03-02", week * 7 + 6);
        b.add("opptrening", date, { amountOre: amountOre("opptrening", date, b.rng) * 7 });
      }
    },
  },
  {
    name: "Sara Dahl",
    birthDate: () => "1998-12-24",
    individ: 489,
    personas: [],
    note: () => "Young adult with a few GP, lab and pharmacy visits every year.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "lab", "blaresept", "legevakt"], [1, 4]);
    },
  },
  {
    name: "Erik Andreassen",
    birthDate: () => "1948-01-15",
    individ: 44,
    personas: ["exactly-at-ceiling"],
    note: () => "Exactly at egenandelstak 1 in 2019 (frikort, nothing to pay back); heart patient with many visits.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "spesialist", "blaresept"], [3, 6], 2018);
      b.ordinaryYears(2020, ["fastlege", "spesialist", "blaresept"], [3, 6]);
      // 2019: tak 1 rows that add up to exactly the ceiling; the last one on 15 November.
      const ceiling = ceilingFor("tak1", 2019).ceilingOre;
      let total = 0;
      while (ceiling - total > 600_00) {
        const date = b.randomDate("2019-01-10", "2019-11-01");
        total += b.add(b.rng.pick(["fastlege", "spesialist", "blaresept", "lab", "rontgen"] as const), date);
      }
      while (ceiling - total > 520_00) total += b.add("lab", b.randomDate("2019-01-10", "2019-11-01"));
      b.add("blaresept", "2019-11-15", { amountOre: ceiling - total });
    },
  },
  {
    name: "Anne Olsen",
    birthDate: () => "1975-06-12",
    individ: 371,
    personas: ["frikort-earlier-year"],
    note: (today) => `Lives far from hospital: many patient journeys; over the egenandelstak in ${anneYear(today)}.`,
    build(b) {
      const y = anneYear(b.today);
      b.ordinaryYears(2017, ["fastlege", "pasientreise", "lab"], [2, 5]);
      const ceiling = ceilingFor("felles", ceilingYear(y)).ceilingOre;
      b.fillTo(["pasientreise", "pasientreise", "poliklinikk", "rontgen"], Math.round(ceiling * 1.1), `${y}-01-15`, `${y}-12-10`);
    },
  },
  {
    name: "Amir Haddad",
    birthDate: () => "1990-03-03",
    individ: 120,
    personas: [],
    note: () => "Moved to Norway in 2019; ordinary visits since.",
    build(b) {
      b.ordinaryYears(2019, ["fastlege", "legevakt", "lab", "fysio"], [1, 4]);
    },
  },
  {
    name: "Hanne Lie",
    birthDate: () => "1986-07-07",
    individ: 208,
    personas: [],
    note: () => "Psychologist treatment in 2021–2022; otherwise a few GP visits.",
    build(b) {
      b.ordinaryYears(2017, ["fastlege", "lab"], [0, 3]);
      b.visits(["psykolog"], 14, "2021-02-01", "2022-06-30");
    },
  },
];

function individRange(birthYear: number): [number, number] {
  if (birthYear >= 2000) return [500, 999];
  if (birthYear >= 1900) return [0, 499];
  return [500, 749];
}

function fnrFor(birthDate: IsoDate, start: number, kind: IdNumberKind, taken: ReadonlySet<string>): Fnr {
  const [lo, hi] = individRange(parseIsoDate(birthDate).year);
  const size = hi - lo + 1;
  const first = Math.min(Math.max(start, lo), hi) - lo;
  for (let i = 0; i < size; i++) {
    const fnr = generateFnr(birthDate, lo + ((first + i) % size), kind);
    if (fnr !== null && !taken.has(fnr)) return fnr;
  }
  throw new Error(`no free identity number for ${birthDate}`);
}

/** About 20 deterministic synthetic residents with histories from 2017 up to `today`. */
export function generateDemoResidents(input: { today: IsoDate }): DemoResident[] {
  const { today } = input;
  parseIsoDate(today);
  if (today < DEMO_MIN_TODAY) throw new RangeError(`Demo data needs today ≥ ${DEMO_MIN_TODAY}, got ${today}`);
  const taken = new Set<string>();

  return SPECS.map((spec, index) => {
    const birthDate = spec.birthDate(today);
    const fnr = fnrFor(birthDate, spec.individ, spec.kind ?? "fnr", taken);
    taken.add(fnr);
    const rng = createRng(Math.imul(index + 1, 0x9e3779b1) ^ fnv1a(spec.name));
    const { builder, rows } = createBuilder(rng, today, birthDate);
    spec.build(builder, birthDate);
    rows.sort((a, b) => (a.serviceDate < b.serviceDate ? -1 : a.serviceDate > b.serviceDate ? 1 : a.seq - b.seq));
    const egenandeler = rows.map(({ seq: _seq, ...row }, k): DemoEgenandel => ({
      claimId: `demo-${index + 1}-${k + 1}`,
      ...row,
    }));
    return {
      fnr,
      name: spec.name,
      birthDate,
      yrkesskade: spec.yrkesskade ? spec.yrkesskade(today) : null,
      egenandeler,
      note: spec.note(today),
      personas: [...spec.personas],
      parentOf: [...(spec.parentOf ?? [])],
    };
  });
}

const LOGIN_ORDER: readonly DemoPersona[] = ["near-ceiling-current-year", "frikort-earlier-year", "over-tak2-2019", "child-under-16", "d-nummer"];

/** The five most interesting residents to log in as, for the README. */
export function demoLoginList(residents: readonly DemoResident[]): Array<{ fnr: string; name: string; note: string }> {
  const chosen: DemoResident[] = [];
  for (const persona of LOGIN_ORDER) {
    const r = residents.find((x) => x.personas.includes(persona) && !chosen.includes(x));
    if (r) chosen.push(r);
  }
  for (const r of residents) {
    if (chosen.length >= 5) break;
    if (!chosen.includes(r)) chosen.push(r);
  }
  return chosen.slice(0, 5).map(({ fnr, name, note }) => ({ fnr, name, note }));
}
