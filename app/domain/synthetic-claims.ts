/**
 * A synthetic population of physiotherapy providers, therapists, patients and claim lines over
 * several years (issue 20, part 6), deterministic from a seed (mulberry32): most providers
 * ordinary, and one planted with each pattern of seed 000 (one per risk signal, among them the
 * patient billed on 614 of 615 working days and the four examinations on consecutive days).
 * Used by the demo data (its options: app/db/demo-data.ts DEMO_POPULATION), the ranking test and, scaled up, the benchmark. Pure: the caller stores it.
 *
 * The lines are what the receipt would have stored: outcome, the decisive control results, and the
 * money by the same function a real claim is settled with (domain/claims.ts lineMoney). Lines after a
 * patient's (synthetic) frikort carry disposition `frikort`. These synthetic patients have no
 * egenandeler in the register: the population exists for the controller, not for the residents' pages.
 */
import { addDays, compareIso } from "../kernel/dates";
import { generateFnr } from "../kernel/fnr";
import { completeOrgnr } from "../kernel/orgnr";
import type { IsoDate } from "../kernel/types";
import { isNorwegianPublicHoliday } from "./norwegian-holidays";
import { findTakst, type TakstCode } from "../rules/parameters/physio-takster";
import type { RiskSignalId } from "../rules/parameters/risk-signals";
import type { ControlResult, LineOutcome } from "./claim-controls";
import { type EgenandelDisposition, lineMoney } from "./claims";

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SynTherapist {
  hprNumber: string;
  name: string;
}

export interface SynProvider {
  orgnr: string;
  name: string;
  /** The pattern planted in this provider, or null for an ordinary one. */
  planted: RiskSignalId | null;
  therapists: SynTherapist[];
}

export interface SynPerson {
  /** Index into `persons`. */
  key: number;
  fnr: string;
  name: string;
  birthDate: IsoDate;
  diedOn: IsoDate | null;
}

export interface SynLine {
  claimId: string;
  personKey: number;
  providerOrgnr: string;
  therapistHpr: string;
  therapistName: string;
  takst: TakstCode;
  serviceDate: IsoDate;
  startMinute: number;
  minutes: number;
  groupSize: number | null;
  outcome: LineOutcome;
  controls: ControlResult[];
  honorarOre: number;
  refusjonOre: number;
  egenandelOre: number;
  disposition: EgenandelDisposition;
}

export interface SynReport {
  /** Index into `lines`. */
  lineIndex: number;
  reasons: string[];
}

export interface SyntheticPopulation {
  providers: SynProvider[];
  persons: SynPerson[];
  lines: SynLine[];
  reports: SynReport[];
}

export interface SyntheticOptions {
  seed: number;
  /** The last day with claims is the day before. */
  today: IsoDate;
  years: number;
  ordinaryProviders: number;
  /** Patients per ordinary therapist: min and max. */
  patientsPerTherapist: [number, number];
  /** Plant the fourteen patterns (one provider each). */
  planted: boolean;
  /** Offsets so two populations in one database do not collide (orgnr base, HPR base, fnr individnummer 900–999 only). */
  orgnrBase?: number;
}

const FIRST = ["Anne", "Bjørn", "Camilla", "Dag", "Eli", "Frode", "Guri", "Helge", "Ida", "Jon", "Kristin", "Leif", "Mona", "Nils", "Oda", "Pål", "Randi", "Svein", "Tone", "Ulf"];
const LAST = ["Berg", "Dahl", "Eide", "Foss", "Haugen", "Holm", "Lie", "Moen", "Nygård", "Solberg", "Strand", "Vik"];

const PLANTED_ORDER: readonly RiskSignalId[] = [
  "refund-total",
  "refund-takst",
  "few-patients-long-series",
  "many-patients-short-series",
  "long-series-patient",
  "early-late",
  "off-days",
  "frikort-increase",
  "no-gaps",
  "same-takst-series",
  "overlap",
  "after-death",
  "patient-reports",
  "examinations-in-a-row",
];

function isWorkingDay(d: IsoDate): boolean {
  const dow = new Date(`${d}T12:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !isNorwegianPublicHoliday(d);
}

function nextWorkingDay(d: IsoDate): IsoDate {
  let x = d;
  while (!isWorkingDay(x)) x = addDays(x, 1);
  return x;
}

const TAKST_MINUTES: Partial<Record<TakstCode, number>> = { A1a: 30, A2b: 30, A2c: 40, A2e: 60, C34a: 30 };

export function generateSyntheticPopulation(o: SyntheticOptions): SyntheticPopulation {
  const rnd = mulberry32(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const start = addDays(o.today, -Math.round(o.years * 365));
  const last = addDays(o.today, -1);
  const span = Math.round(o.years * 365);

  const providers: SynProvider[] = [];
  const persons: SynPerson[] = [];
  const lines: SynLine[] = [];
  const reports: SynReport[] = [];
  let hprSeq = 0;
  let orgSeq = 0;
  let claimSeq = 0;
  const busy = new Map<string, Set<number>>(); // therapist|date → used 10-minute slots

  const newProvider = (planted: RiskSignalId | null, therapists: number): SynProvider => {
    let orgnr: string | null = null;
    while (!orgnr) orgnr = completeOrgnr(String(80_000_000 + (o.orgnrBase ?? 0) + orgSeq++ * 7).padStart(8, "0"));
    const p: SynProvider = {
      orgnr,
      name: `${pick(LAST)} fysioterapi ${providers.length + 1}`,
      planted,
      therapists: Array.from({ length: therapists }, () => ({ hprNumber: String(8_000_000 + (o.orgnrBase ?? 0) + hprSeq++), name: `${pick(FIRST)} ${pick(LAST)}` })),
    };
    providers.push(p);
    return p;
  };

  const newPerson = (diedOn: IsoDate | null = null): SynPerson => {
    const key = persons.length;
    // Births 1940–1999 spread by key; individnummer 900–999 (born 1940–1999): never a demo resident's number.
    for (let attempt = 0; ; attempt++) {
      const n = key * 7 + attempt;
      const birthDate = addDays("1940-01-01", n % 21_900);
      const fnr = generateFnr(birthDate, 900 + (Math.floor(n / 21_900) % 100));
      if (fnr) {
        const p = { key, fnr, name: `${pick(FIRST)} ${pick(LAST)}`, birthDate, diedOn };
        persons.push(p);
        return p;
      }
    }
  };

  const slotFree = (hpr: string, date: IsoDate, startMinute: number, minutes: number): boolean => {
    const used = busy.get(`${hpr}|${date}`);
    if (!used) return true;
    for (let m = startMinute; m < startMinute + minutes; m += 10) if (used.has(Math.floor(m / 10))) return false;
    return true;
  };
  const occupy = (hpr: string, date: IsoDate, startMinute: number, minutes: number) => {
    const k = `${hpr}|${date}`;
    let used = busy.get(k);
    if (!used) busy.set(k, (used = new Set()));
    for (let m = startMinute; m < startMinute + minutes; m += 10) used.add(Math.floor(m / 10));
  };

  /** Adds one line; returns its index, or -1 when the takst is not in the tables on that date. */
  const addLine = (
    p: SynProvider,
    t: SynTherapist,
    person: SynPerson,
    takst: TakstCode,
    date: IsoDate,
    startMinute: number,
    opts: { outcome?: LineOutcome; controls?: ControlResult[]; frikort?: boolean; minutes?: number } = {},
  ): number => {
    const row = findTakst(takst, date);
    if (!row) return -1;
    const outcome = opts.outcome ?? "godkjent";
    const minutes = opts.minutes ?? TAKST_MINUTES[takst] ?? 30;
    const disposition: EgenandelDisposition =
      outcome === "avvist" ? "rejected" : outcome === "til-kontroll" ? "held" : row.egenandelOre === 0 ? "none" : opts.frikort ? "frikort" : "registered";
    const money = lineMoney(row, outcome, disposition);
    if (outcome !== "avvist") occupy(t.hprNumber, date, startMinute, minutes);
    lines.push({
      claimId: `syn-${o.seed}-${claimSeq++}`,
      personKey: person.key,
      providerOrgnr: p.orgnr,
      therapistHpr: t.hprNumber,
      therapistName: t.name,
      takst,
      serviceDate: date,
      startMinute,
      minutes,
      groupSize: takst === "C34a" ? 3 : null,
      outcome,
      controls: opts.controls ?? [],
      honorarOre: money.honorarOre,
      refusjonOre: money.refusjonOre,
      egenandelOre: money.egenandelOre,
      disposition,
    });
    return lines.length - 1;
  };

  /** A free ordinary slot (08:00–15:30, on the half hour) on the first working day from `date`. */
  const freeSlot = (t: SynTherapist, date: IsoDate, minutes: number): { date: IsoDate; startMinute: number } => {
    let d = nextWorkingDay(date);
    for (let tries = 0; tries < 60; tries++) {
      const startMinute = 8 * 60 + 30 * int(0, 15);
      if (slotFree(t.hprNumber, d, startMinute, minutes)) return { date: d, startMinute };
      if (tries % 6 === 5) d = nextWorkingDay(addDays(d, 1));
    }
    return { date: d, startMinute: 8 * 60 };
  };

  interface SeriesOpts {
    length: number;
    gap: [number, number];
    takst?: (i: number) => TakstCode;
    frikortAfter?: number | null;
    /** After the frikort: gap and takst. */
    afterGap?: [number, number];
    afterTakst?: TakstCode;
    when?: (t: SynTherapist, date: IsoDate, minutes: number) => { date: IsoDate; startMinute: number };
    startDate?: IsoDate;
    stopBefore?: IsoDate;
  }

  const ordinaryTakst = (i: number): TakstCode => {
    if (i === 0) return "A1a";
    const r = rnd();
    return r < 0.4 ? "A2b" : r < 0.85 ? "A2c" : r < 0.95 ? "C34a" : "A2e";
  };

  /** One patient's series with one therapist; returns the indexes of its lines. */
  const series = (p: SynProvider, t: SynTherapist, person: SynPerson, s: SeriesOpts): number[] => {
    let date = s.startDate ?? addDays(start, int(0, Math.max(0, span - 30)));
    const idx: number[] = [];
    const yearCount = new Map<string, number>();
    for (let i = 0; i < s.length; i++) {
      const year = date.slice(0, 4);
      const n = (yearCount.get(year) ?? 0) + 1;
      yearCount.set(year, n);
      const frikort = s.frikortAfter != null && n > s.frikortAfter;
      const takst = frikort && s.afterTakst ? s.afterTakst : (s.takst ?? ordinaryTakst)(i);
      const minutes = TAKST_MINUTES[takst] ?? 30;
      const slot = (s.when ?? freeSlot)(t, date, minutes);
      if (compareIso(slot.date, last) > 0 || (s.stopBefore && compareIso(slot.date, s.stopBefore) >= 0)) break;
      const k = addLine(p, t, person, takst, slot.date, slot.startMinute, { frikort });
      if (k >= 0) idx.push(k);
      const gap = frikort && s.afterGap ? s.afterGap : s.gap;
      date = addDays(slot.date, int(gap[0], gap[1]));
    }
    return idx;
  };

  const ordinaryLength = () => (rnd() < 0.15 ? int(1, 2) : int(3, 24));
  const ordinaryPatients = (p: SynProvider, t: SynTherapist, n: number) => {
    for (let i = 0; i < n; i++) {
      const frikortAfter = rnd() < 0.3 ? int(6, 12) : null;
      series(p, t, newPerson(), { length: ordinaryLength(), gap: [3, 10], frikortAfter });
    }
  };

  for (let i = 0; i < o.ordinaryProviders; i++) {
    const p = newProvider(null, rnd() < 0.4 ? 2 : 1);
    for (const t of p.therapists) ordinaryPatients(p, t, int(o.patientsPerTherapist[0], o.patientsPerTherapist[1]));
  }

  if (o.planted) {
    const avg = Math.round((o.patientsPerTherapist[0] + o.patientsPerTherapist[1]) / 2);
    for (const pattern of PLANTED_ORDER) {
      const p = newProvider(pattern, 1);
      const t = p.therapists[0]!;
      switch (pattern) {
        case "refund-total":
          // Ten times an ordinary therapist's patients.
          ordinaryPatients(p, t, avg * 10);
          break;
        case "refund-takst":
          // Ordinary patients, but most treatments billed as the 60-minute A2e.
          for (let i = 0; i < avg; i++) series(p, t, newPerson(), { length: ordinaryLength(), gap: [3, 10], takst: (k) => (k === 0 ? "A1a" : rnd() < 0.85 ? "A2e" : "A2c") });
          break;
        case "few-patients-long-series":
          for (let i = 0; i < 5; i++) series(p, t, newPerson(), { length: 150, gap: [2, 4], startDate: addDays(start, int(0, 60)) });
          break;
        case "many-patients-short-series":
          for (let i = 0; i < avg * 6; i++) series(p, t, newPerson(), { length: int(1, 2), gap: [3, 7] });
          break;
        case "long-series-patient": {
          ordinaryPatients(p, t, avg);
          // Seed 000, example 4: one patient billed on 614 of 615 working days, ending a fortnight ago.
          const person = newPerson();
          const days: IsoDate[] = [];
          for (let d = addDays(o.today, -14); days.length < 615; d = addDays(d, -1)) if (isWorkingDay(d)) days.push(d);
          days.reverse();
          const skip = int(100, 500);
          days.forEach((d, i) => {
            if (i !== skip) addLine(p, t, person, i === 0 ? "A1a" : "A2c", d, 7 * 60 + 30);
          });
          break;
        }
        case "early-late":
          for (let i = 0; i < avg; i++)
            series(p, t, newPerson(), {
              length: ordinaryLength(),
              gap: [3, 10],
              when: (th, date, minutes) => {
                const d = nextWorkingDay(date);
                const startMinute = rnd() < 0.5 ? pick([5 * 60 + 30, 6 * 60, 21 * 60, 21 * 60 + 30]) : 8 * 60 + 30 * int(0, 15);
                return slotFree(th.hprNumber, d, startMinute, minutes) ? { date: d, startMinute } : freeSlot(th, d, minutes);
              },
            });
          break;
        case "off-days":
          for (let i = 0; i < avg; i++)
            series(p, t, newPerson(), {
              length: ordinaryLength(),
              gap: [3, 10],
              when: (th, date, minutes) => {
                if (rnd() < 0.5) return freeSlot(th, date, minutes);
                let d = date;
                while (isWorkingDay(d)) d = addDays(d, 1);
                const startMinute = 9 * 60 + 30 * int(0, 10);
                return slotFree(th.hprNumber, d, startMinute, minutes) ? { date: d, startMinute } : freeSlot(th, d, minutes);
              },
            });
          break;
        case "frikort-increase":
          // Before the frikort: weekly 30-minute treatments; after it: four a week of 40 minutes.
          for (let i = 0; i < avg; i++)
            series(p, t, newPerson(), {
              length: int(20, 40),
              gap: [6, 8],
              takst: (k) => (k === 0 ? "A1a" : "A2b"),
              frikortAfter: int(6, 9),
              afterGap: [1, 2],
              afterTakst: "A2c",
            });
          break;
        case "no-gaps": {
          // 110 working days of eleven back-to-back 40-minute treatments (08:00–15:20), for 40 patients in turn.
          const people = Array.from({ length: 40 }, () => newPerson());
          let d = nextWorkingDay(addDays(o.today, -200));
          for (let day = 0, n = 0; day < 110; day++, d = nextWorkingDay(addDays(d, 1)))
            for (let k = 0; k < 11; k++, n++) addLine(p, t, people[n % people.length]!, n < people.length ? "A1a" : "A2c", d, 8 * 60 + k * 40, { minutes: 40 });
          break;
        }
        case "same-takst-series":
          for (let i = 0; i < avg; i++) series(p, t, newPerson(), { length: int(6, 12), gap: [3, 10], takst: (k) => (k === 0 ? "A1a" : "A2c") });
          break;
        case "overlap": {
          ordinaryPatients(p, t, avg);
          // Individual treatments billed inside another individual treatment (rejected at receipt, merknad A1).
          const own = lines.map((l, i) => ({ l, i })).filter((x) => x.l.providerOrgnr === p.orgnr && x.l.outcome === "godkjent");
          for (let k = 0; k < Math.min(25, own.length); k++) {
            const { l } = own[Math.floor((k * own.length) / 25)]!;
            addLine(p, t, newPerson(), "A2b", l.serviceDate, l.startMinute + 10, {
              outcome: "avvist",
              controls: [{ rule: "claim.overlap", result: "avvist", reason: "overlap", detail: { overlapsFrom: l.startMinute, overlapsMinutes: l.minutes } }],
            });
          }
          break;
        }
        case "after-death": {
          ordinaryPatients(p, t, avg - 4);
          for (let i = 0; i < 4; i++) {
            const diedOn = addDays(o.today, -int(60, 300));
            const person = newPerson(diedOn);
            series(p, t, person, { length: 8, gap: [5, 9], startDate: addDays(diedOn, -90), stopBefore: diedOn });
            for (let k = 1; k <= 2; k++) {
              const d = nextWorkingDay(addDays(diedOn, k * 9));
              addLine(p, t, person, "A2c", d, 10 * 60, {
                outcome: "avvist",
                controls: [{ rule: "claim.patient-alive", result: "avvist", reason: "patient-dead", detail: { diedOn } }],
              });
            }
          }
          break;
        }
        case "patient-reports": {
          ordinaryPatients(p, t, avg);
          const own = lines.map((l, i) => ({ l, i })).filter((x) => x.l.providerOrgnr === p.orgnr && x.l.outcome === "godkjent");
          const seen = new Set<number>();
          for (const { l, i } of own) {
            if (reports.length >= 6 || seen.has(l.personKey)) continue;
            seen.add(l.personKey);
            reports.push({ lineIndex: i, reasons: [pick(["not-there", "shorter-than-billed", "treated-with-others", "other-time"])] });
          }
          break;
        }
        case "examinations-in-a-row": {
          ordinaryPatients(p, t, avg - 4);
          // Seed 000, example 5: the examination takst four days in a row; the last three are held at receipt.
          for (let i = 0; i < 4; i++) {
            const person = newPerson();
            let d = nextWorkingDay(addDays(start, int(30, span - 60)));
            for (let k = 0; k < 4; k++, d = nextWorkingDay(addDays(d, 1))) {
              addLine(
                p,
                t,
                person,
                "A1a",
                d,
                12 * 60,
                k === 0
                  ? {}
                  : {
                      outcome: "til-kontroll",
                      controls: [{ rule: "claim.examination-interval", result: "til-kontroll", reason: "examination-interval", detail: { withinDays: 7 } }],
                    },
              );
            }
            series(p, t, person, { length: 6, gap: [5, 9], startDate: addDays(d, 7), takst: () => "A2c" });
          }
          break;
        }
        default:
          break;
      }
    }
  }
  return { providers, persons, lines, reports };
}
