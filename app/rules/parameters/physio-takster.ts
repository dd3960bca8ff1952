/**
 * Norwegian physiotherapy takster (honorar = refusjon + egenandel), as dated rows.
 * rules-research.md §3a (1.7.2016, C), §3b (1.7.2014, P), §3c (partial later values).
 *
 * The full tables after 30.6.2017 were not found. Those periods are filled by an explicit,
 * configurable method (ESTIMATION_STEPS): carry the last known values forward and apply only the
 * changes the research documents (the 2019/2020 patient poster, +6.85 % egenandel from 1.7.2020,
 * +4.48 % honorar from 1.7.2022, +2.74 % honorar and +4.35 % egenandel from 1.7.2024). Every
 * derived row has confidence U, `method: "estimated"` and a note that says how it was made, so
 * the estimate built on it is marked indicative.
 *
 * A row is valid from `from` until the day before the next row of the same code.
 */
import { addDays } from "../../kernel/dates";
import { kroner } from "../../kernel/money";
import type { Confidence, IsoDate, Ore } from "../../kernel/types";

export type TakstCode =
  | "A1a"
  | "A1c"
  | "A1d"
  | "A1f"
  | "A1g"
  | "A1h"
  | "A2a"
  | "A2b"
  | "A2c"
  | "A2e"
  | "A2f"
  | "A2g"
  | "A2k"
  | "A8a"
  | "A8b"
  | "A9a"
  | "A9b"
  | "A10"
  | "B22"
  | "C33a"
  | "C33b"
  | "C34a"
  | "C34b"
  | "C34c"
  | "C34d"
  | "C34e"
  | "C34f"
  | "C34g"
  | "C34h";

export type TakstMethod = "published" | "estimated";

export interface TakstRow {
  code: TakstCode;
  text: string;
  from: IsoDate;
  honorarOre: Ore;
  refusjonOre: Ore;
  egenandelOre: Ore;
  reference: string;
  confidence: Confidence;
  method: TakstMethod;
  note?: string;
}

export const TAKST_TEXT: Readonly<Record<TakstCode, string>> = {
  A1a: "Undersøkelse, inntil 30 min",
  A1c: "Undersøkelse, ut over 30 min",
  A1d: "Undersøkelse hos fysioterapeut med rett til A8, A9 eller A2k, inntil 30 min",
  A1f: "Undersøkelse hos fysioterapeut med rett til A8, A9 eller A2k, ut over 30 min",
  A1g: "Tillegg ved undersøkelse individuell plan/tverrfaglig utredning",
  A1h: "Tillegg for undersøkelse hos manuellterapeut",
  A2a: "Behandling hos fysioterapeut, 20 min",
  A2b: "Behandling hos fysioterapeut, 30 min",
  A2c: "Behandling hos fysioterapeut, 40 min",
  A2e: "Behandling hos fysioterapeut, 60 min",
  A2f: "Behandling hos fysioterapeut, 90 min",
  A2g: "Tillegg spesialkonstruert utstyr (medisinsk treningsterapi/slynge)",
  A2k: "Kompetansetillegg, spesialist",
  A8a: "Behandling hos manuellterapeut",
  A8b: "Manuellterapi: tillegg ut over 20 min, per påbegynte 10 min",
  A9a: "Behandling hos fysioterapeut med tilleggskompetanse i psykomotorisk fysioterapi",
  A9b: "Psykomotorisk fysioterapi: tillegg ut over 20 min, per påbegynte 10 min",
  A10: "Veiledet trening, minst 30 min",
  B22: "Aktiv oppvarming",
  C33a: "Grupper med inntil 3 barn under 12 år, 60 min",
  C33b: "For de neste tre barna, 60 min",
  C34a: "Gruppe 30 min (1–5 personer)",
  C34b: "Gruppe 30 min (6–10 personer)",
  C34c: "Gruppe 60 min (1–5 personer)",
  C34d: "Gruppe 60 min (6–10 personer)",
  C34e: "Gruppe 90 min (1–5 personer)",
  C34f: "Gruppe 90 min (6–10 personer)",
  C34g: "Tillegg basseng, per pasient",
  C34h: "Tillegg smågrupper 2–4, per pasient",
};

const REF_2016 =
  'Takstplakat 2016, "Takster for fysioterapi fra 1. juli 2016, for fysioterapeuter som har avtale om driftstilskudd med kommunen" (copy: https://abcdocz.com/doc/4904874/takstplakat_2016); egenandeler match hop2017.stavanger.kommune.no Tabell 4.17 and Spondylitten (seeds/egenandelsordningen-fysioterapi.txt)';
const REF_2014 = "oslofysikalskeinstitutt.no/priser (third-party copy of the takster from 1.7.2014)";
const REF_2019 = 'Helsedirektoratet, "Takstendringer for leger, psykologer og fysioterapeuter" (from 1.7.2019: A1a 309/136/173, A1c 150/150/0)';

type Triple = readonly [honorarKr: number, refusjonKr: number, egenandelKr: number];

const PUBLISHED_2016: Readonly<Record<TakstCode, Triple>> = {
  A1a: [266, 96, 170],
  A1c: [90, 90, 0],
  A1d: [346, 176, 170],
  A1f: [121, 121, 0],
  A1g: [55, 55, 0],
  A1h: [64, 64, 0],
  A2a: [134, 36, 98],
  A2b: [211, 57, 154],
  A2c: [270, 79, 191],
  A2e: [423, 181, 242],
  A2f: [605, 305, 300],
  A2g: [20, 10, 10],
  A2k: [45, 45, 0],
  A8a: [250, 90, 160],
  A8b: [104, 46, 58],
  A9a: [186, 87, 99],
  A9b: [91, 57, 34],
  A10: [30, 5, 25],
  B22: [21, 0, 21],
  C33a: [250, 250, 0],
  C33b: [190, 190, 0],
  C34a: [70, 15, 55],
  C34b: [55, 0, 55],
  C34c: [129, 32, 97],
  C34d: [97, 0, 97],
  C34e: [190, 52, 138],
  C34f: [138, 0, 138],
  C34g: [34, 13, 21],
  C34h: [25, 25, 0],
};

const PUBLISHED_2014: Readonly<Partial<Record<TakstCode, Triple>>> = {
  A1a: [251, 96, 155],
  A1d: [333, 178, 155],
  A2a: [112, 33, 79],
  A2b: [171, 49, 122],
  A2c: [226, 70, 156],
  A2e: [388, 178, 210],
  A2f: [581, 307, 274],
  A8a: [236, 91, 145],
  A8b: [99, 46, 53],
  A9a: [173, 83, 90],
  A9b: [86, 55, 31],
  A10: [30, 30, 0],
  C34a: [66, 15, 51],
};

/**
 * One step of the documented estimation method for the years whose full tables were not found.
 * Steps are applied in date order to the previous row of each code; all results are confidence U
 * unless the step publishes a code's values outright.
 */
export interface EstimationStep {
  from: IsoDate;
  description: string;
  reference: string;
  /** Published values for some codes (kroner), with their own confidence. */
  published?: Partial<Record<TakstCode, { values: Triple; confidence: Confidence }>>;
  /** Known egenandeler (kroner); refusjon carried forward, honorar = refusjon + egenandel. */
  egenandelKr?: Partial<Record<TakstCode, number>>;
  /** Egenandel × factor (basis points, 10 685 = +6.85 %), rounded half-up to whole kroner. */
  egenandelFactorBp?: number;
  /** Honorar × factor (basis points), rounded half-up to whole kroner; refusjon = honorar − egenandel (≥ 0). */
  honorarFactorBp?: number;
}

export const ESTIMATION_STEPS: readonly EstimationStep[] = [
  {
    from: "2017-07-01",
    description:
      "Carry forward the 1.7.2016 values: the takster from 1.7.2017 and 1.7.2018 were not found; Helfo told Spondylitten the egenandeler were unchanged in 2017 and 2018.",
    reference: "rules-research.md §3c ('not found' for 2017-H2 and 2018); seeds/egenandelsordningen-fysioterapi.txt ('Satsene er ikke endret for 2018', P)",
  },
  {
    from: "2019-07-01",
    description:
      "A1a and A1c as published from 1.7.2019. Egenandeler from the 2019/2020 patient poster (behandling inntil 20 min 123 kr + 37 kr per påbegynte 10 min → 20/30/40/60/90 min = 123/160/197/271/382; manuellterapeut 163 + 59; psykomotorisk 123 + 39; gruppe 55/97/138). Refusjon carried forward; the poster's date (before 1.7.2020) is taken as 1.7.2019.",
    reference: `${REF_2019}; gafysio.no/priser (patient poster 2019/early 2020, P)`,
    published: {
      A1a: { values: [309, 136, 173], confidence: "C" },
      A1c: { values: [150, 150, 0], confidence: "C" },
    },
    egenandelKr: { A2a: 123, A2b: 160, A2c: 197, A2e: 271, A2f: 382, A8a: 163, A8b: 59, A9a: 123, A9b: 39 },
  },
  {
    from: "2020-07-01",
    description: "All egenandeler +6.85 % (Storting decision); refusjon carried forward.",
    reference: 'Helsedirektoratet, "Takstendringer for leger, psykologer og fysioterapeuter" (1.7.2020: egenandeler +6.85 %)',
    egenandelFactorBp: 10_685,
  },
  {
    from: "2022-07-01",
    description: "Honorartakster +4.48 % (frame of the 1.7.2022 forskrift); egenandeler carried forward.",
    reference: "Helsedirektoratet takstendringer; fysio.no; manuell.no (1.7.2022: honorartakster +4.48 %)",
    honorarFactorBp: 10_448,
  },
  {
    from: "2024-07-01",
    description: "Honorartakster +2.74 % and egenandeler +4.35 % (forskrift fastsatt 17.6.2024).",
    reference: "arko.no quoting Helsedirektoratet, 26.06.2024 (P)",
    honorarFactorBp: 10_274,
    egenandelFactorBp: 10_435,
  },
];

/** Whole kroner × factor in basis points, rounded half-up to whole kroner (takster are whole kroner). */
function scaleKr(kr: number, bp: number): number {
  return Math.floor((kr * bp + 5_000) / 10_000);
}

function row(code: TakstCode, from: IsoDate, [h, r, e]: Triple, reference: string, confidence: Confidence, method: TakstMethod, note?: string): TakstRow {
  const out: TakstRow = {
    code,
    text: TAKST_TEXT[code],
    from,
    honorarOre: kroner(h),
    refusjonOre: kroner(r),
    egenandelOre: kroner(e),
    reference,
    confidence,
    method,
  };
  if (note !== undefined) out.note = note;
  return out;
}

/** Applies the estimation steps to the last published table; exported so tests and docs can show the method. */
export function deriveEstimatedRows(base: Readonly<Record<TakstCode, Triple>>, steps: readonly EstimationStep[]): TakstRow[] {
  const out: TakstRow[] = [];
  const current = new Map<TakstCode, Triple>(Object.entries(base) as Array<[TakstCode, Triple]>);
  for (const step of [...steps].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    for (const [code, [h0, r0, e0]] of current) {
      const pub = step.published?.[code];
      if (pub) {
        current.set(code, pub.values);
        out.push(row(code, step.from, pub.values, step.reference, pub.confidence, "published"));
        continue;
      }
      let e = step.egenandelKr?.[code] ?? e0;
      if (step.egenandelFactorBp !== undefined) e = scaleKr(e, step.egenandelFactorBp);
      let r = r0;
      // A takst the published table gives no refusjon (group treatment for 6–10 persons: C34b/d/f) has
      // no public part to raise: it stays 0 and the honorar is the egenandel (issue 18 item 9).
      if (step.honorarFactorBp !== undefined && r0 > 0) r = Math.max(0, scaleKr(h0, step.honorarFactorBp) - e);
      const values: Triple = [r + e, r, e];
      current.set(code, values);
      out.push(row(code, step.from, values, step.reference, "U", "estimated", `Estimated (not a published takst): ${step.description}`));
    }
  }
  return out;
}

function publishedRows(table: Readonly<Partial<Record<TakstCode, Triple>>>, from: IsoDate, reference: string, confidence: Confidence): TakstRow[] {
  return (Object.entries(table) as Array<[TakstCode, Triple]>).map(([code, v]) => row(code, from, v, reference, confidence, "published"));
}

const CODE_ORDER = Object.keys(TAKST_TEXT) as TakstCode[];

/** Every takst row, sorted by code (table order) and then date. */
export const TAKST_ROWS: readonly TakstRow[] = Object.freeze(
  [
    ...publishedRows(PUBLISHED_2014, "2014-07-01", REF_2014, "P"),
    ...publishedRows(PUBLISHED_2016, "2016-07-01", REF_2016, "C"),
    ...deriveEstimatedRows(PUBLISHED_2016, ESTIMATION_STEPS),
  ]
    .sort((a, b) => (a.code !== b.code ? CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code) : a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .map((r) => Object.freeze(r)),
);

/** The row of `code` in force on `date`, or null before the first known value. */
export function findTakst(code: TakstCode, date: IsoDate, rows: readonly TakstRow[] = TAKST_ROWS): TakstRow | null {
  let hit: TakstRow | null = null;
  for (const r of rows) if (r.code === code && r.from <= date && (hit === null || r.from > hit.from)) hit = r;
  return hit;
}

/** The day before the next row of the same code, or null for the newest row. */
export function takstValidUntil(r: TakstRow, rows: readonly TakstRow[] = TAKST_ROWS): IsoDate | null {
  let next: IsoDate | null = null;
  for (const o of rows) if (o.code === r.code && o.from > r.from && (next === null || o.from < next)) next = o.from;
  return next === null ? null : addDays(next, -1);
}

// ---------------------------------------------------------------------------------------------
// What a claim line needs besides the amounts (issue 20): which kind of service each takst is,
// the treatment time the takst stands for, the group sizes it is for, and the codes that ended.

/**
 * examination: an undersøkelse (counted by the examination rules); examination-addon: a supplement
 * to one (A1c "ut over 30 min", A1g, A1h); individual: a treatment during which the patient has the
 * therapist's full attention (merknad A1: overlap in time is not paid); addon: a supplement billed
 * with an individual treatment, in the same time; training: guided training (A10), the therapist
 * may follow several; group: group treatment (a group size is required); group-addon: a supplement
 * per patient in a group (also needs the group size).
 */
export type TakstKind = "examination" | "examination-addon" | "individual" | "addon" | "training" | "group" | "group-addon";

export interface TakstInfo {
  kind: TakstKind;
  /** The treatment time the takst stands for ("i 40 min", "minst 30 min"): a shorter line is not this takst. */
  minMinutes?: number;
  /** The group sizes the takst is for (persons, both ends included). */
  groupSize?: { min: number; max: number };
}

/** From the takst texts (Takstplakat 2016, confidence C): the minutes and group sizes are in the texts themselves. */
export const TAKST_INFO: Readonly<Record<TakstCode, TakstInfo>> = {
  A1a: { kind: "examination" },
  A1c: { kind: "examination-addon", minMinutes: 31 },
  A1d: { kind: "examination" },
  A1f: { kind: "examination-addon", minMinutes: 31 },
  A1g: { kind: "examination-addon" },
  A1h: { kind: "examination-addon" },
  A2a: { kind: "individual", minMinutes: 20 },
  A2b: { kind: "individual", minMinutes: 30 },
  A2c: { kind: "individual", minMinutes: 40 },
  A2e: { kind: "individual", minMinutes: 60 },
  A2f: { kind: "individual", minMinutes: 90 },
  A2g: { kind: "addon" },
  A2k: { kind: "addon" },
  A8a: { kind: "individual" },
  A8b: { kind: "addon", minMinutes: 21 },
  A9a: { kind: "individual" },
  A9b: { kind: "addon", minMinutes: 21 },
  A10: { kind: "training", minMinutes: 30 },
  B22: { kind: "addon" },
  C33a: { kind: "group", minMinutes: 60, groupSize: { min: 1, max: 3 } },
  C33b: { kind: "group", minMinutes: 60, groupSize: { min: 4, max: 6 } },
  C34a: { kind: "group", minMinutes: 30, groupSize: { min: 1, max: 5 } },
  C34b: { kind: "group", minMinutes: 30, groupSize: { min: 6, max: 10 } },
  C34c: { kind: "group", minMinutes: 60, groupSize: { min: 1, max: 5 } },
  C34d: { kind: "group", minMinutes: 60, groupSize: { min: 6, max: 10 } },
  C34e: { kind: "group", minMinutes: 90, groupSize: { min: 1, max: 5 } },
  C34f: { kind: "group", minMinutes: 90, groupSize: { min: 6, max: 10 } },
  C34g: { kind: "group-addon", groupSize: { min: 1, max: 10 } },
  C34h: { kind: "group-addon", groupSize: { min: 2, max: 4 } },
};

export const TAKST_INFO_REFERENCE = `${REF_2016} (the minutes and group sizes are part of each takst's text: "i 40 min", "minst 30 min", "(1-5 personer)", "smågrupper, 2-4")`;

/** Codes that once existed and ended: a claim line with one of them after its last day is not valid. */
export interface EndedTakst {
  text: string;
  /** The last day it could be used. */
  validTo: IsoDate;
  reference: string;
  confidence: Confidence;
  note?: string;
}

const ENDED_NOTE =
  "The end date is certain; which name belongs to which of the four codes is inferred from the order the source lists them in (electrotherapy, traction, baths, heat/cold).";

export const ENDED_TAKSTER: Readonly<Record<string, EndedTakst>> = {
  A7: {
    text: "Elektroterapi (eget tillegg)",
    validTo: "2016-06-30",
    reference: 'helfo.no "Bruk tidstakstane for behandling med elektroterapi" (rules-research.md §3a: A7, A11, B20 and B21 were folded into the time takster from 1.7.2016)',
    confidence: "C",
    note: ENDED_NOTE,
  },
  A11: {
    text: "Traksjonsbehandling (eget tillegg)",
    validTo: "2016-06-30",
    reference: 'helfo.no "Bruk tidstakstane for behandling med elektroterapi" (rules-research.md §3a)',
    confidence: "C",
    note: ENDED_NOTE,
  },
  B20: {
    text: "Medisinske bad (eget tillegg)",
    validTo: "2016-06-30",
    reference: 'helfo.no "Bruk tidstakstane for behandling med elektroterapi" (rules-research.md §3a)',
    confidence: "C",
    note: ENDED_NOTE,
  },
  B21: {
    text: "Varme- og kuldebehandling (eget tillegg)",
    validTo: "2016-06-30",
    reference: 'helfo.no "Bruk tidstakstane for behandling med elektroterapi" (rules-research.md §3a)',
    confidence: "C",
    note: ENDED_NOTE,
  },
};

export function isTakstCode(s: string): s is TakstCode {
  return Object.prototype.hasOwnProperty.call(TAKST_TEXT, s);
}
