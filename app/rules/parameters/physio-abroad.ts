/**
 * Rules for refunds of physiotherapy received in another EEA country (folketrygdloven § 5-24 a,
 * forskrift 22.11.2010 nr. 1466), as dated parameters with sources (rules-research.md §4), and
 * the mapping from an invoice line (treatment form + duration) to the Norwegian takster that
 * price it. Human-readable rendering: docs/rules/physio-abroad.md.
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, type Parameter } from "../parameter";
import { TREATMENT_FORMS, type TreatmentForm } from "../../kernel/treatment-forms";
import type { TakstCode } from "./physio-takster";
import { needlesAsTool } from "./needles";

const LAST_REVIEWED_ON: IsoDate = "2026-11-23";
const LEGAL_BASIS = "folketrygdloven § 5-24 a; forskrift 22.11.2010 nr. 1466 om stønad til helsetjenester mottatt i et annet EØS-land";

export { TREATMENT_FORMS, type TreatmentForm };

export function isTreatmentForm(s: unknown): s is TreatmentForm {
  return typeof s === "string" && (TREATMENT_FORMS as readonly string[]).includes(s);
}

export type CoveredForms = Readonly<Record<TreatmentForm, boolean>>;

export const coveredForms = defineParameter<CoveredForms>({
  id: "physio-abroad.covered-forms",
  description:
    "The treatment forms folketrygden covers for physiotherapy in another EEA country; acupuncture as a treatment form and anything else are not covered (needles only as a tool inside a covered form).",
  unit: "mapping TreatmentForm → covered",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: {
        undersokelse: true,
        ovelsesbehandling: true,
        pulsator: true,
        "kortbolge-mikrobolge-laser": true,
        elektroterapi: true,
        ultralyd: true,
        traksjon: true,
        manuellterapi: true,
        psykomotorisk: true,
        "medisinske-bad": true,
        "aktiv-oppvarming": true,
        gruppe: true,
        basseng: true,
        akupunktur: false,
        "ikke-dekket": false,
      },
      reference:
        "seeds/egenandelsordningen-fysioterapi.txt (Spondylitten 2017/2018: 'Dette er behandlingsformene som dekkes'; 'Akupunktur som behandlingsform faller ikke inn under folketrygdens refusjonsordning'); rules-research.md §4",
      confidence: "P",
      note: "Helfo's own current list was not found (revmatiker.no: 'En fullstendig liste oppgis på Helfo sine nettsider'). Examination (undersokelse) is priced as in Norway (A1a).",
    },
  },
});

/**
 * The share of the physiotherapist's driftstilskudd that counts in "what the treatment would have
 * cost the public in Norway", in basis points of the refusjon part (10 000 = 100 %).
 */
export const driftstilskuddShareBp = defineParameter<number>({
  id: "physio-abroad.driftstilskudd-share-bp",
  description:
    "The driftstilskudd share added to the Norwegian refusjon when pricing treatment abroad, in basis points of the refusjon; the default 0 makes the estimate a lower bound until the official formula is known.",
  unit: "basis points of refusjon",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: 0,
      reference:
        "naaf.no 'Refusjonsordning for fysioterapibehandling i utlandet' ('Beløpet inkluderer refusjonsdel og driftstilskuddsdel'); seeds/egenandelsordningen-fysioterapi.txt ('en beregnet andel av fysioterapeutens driftstilskudd'); rules-research.md §4 and open question 6",
      confidence: "U",
      note: "A share is included, but the official formula was not found. Default 0: the estimate never promises more than the takst part. Configure per call (settings.driftstilskuddShareBp) or add a dated value when the formula is known.",
    },
  },
});

export const yrkesskadeExemption = defineParameter<boolean>({
  id: "physio-abroad.fritak.yrkesskade",
  description: "A person with an approved yrkesskade pays no egenandel for physiotherapy for that injury, also abroad.",
  unit: "boolean",
  legalBasis: "folketrygdloven kap. 13 and § 5-8; HDir rundskriv § 5-8",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: true,
      reference:
        "helsenorge.no/en 'User fees for physiotherapy'; seeds/egenandelsordningen-fysioterapi.txt ('De eneste som slipper egenandel er personer med godkjent yrkesskade og barn opp til 16 år'); rules-research.md §2",
      confidence: "C",
    },
  },
});

export const frikortAppliesAbroad = defineParameter<boolean>({
  id: "physio-abroad.frikort",
  description: "A Norwegian frikort applies to physiotherapy in the EEA on the same terms as at home: no egenandel is deducted after it.",
  unit: "boolean",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: true,
      reference: "helsenett.no Q&A; naaf.no; seeds/egenandelsordningen-fysioterapi.txt ('minus egenandelen, fram til du har fått frikort')",
      confidence: "P",
      note: "Applied from the day after the frikort date in the register (the overview's frikortFrom is the date the ceiling was reached).",
    },
  },
});

export const claimDeadlineMonthsAbroad = defineParameter<number>({
  id: "physio-abroad.deadline-months",
  description: "A refund claim for treatment abroad must reach Helfo within this many months, counted from the payment date.",
  unit: "months",
  legalBasis: "folketrygdloven § 22-13 andre ledd",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: 6,
      reference:
        "sivilombudet.no statement; Helsedirektoratet news 24.04.2024 (HOD: count from the payment date, also in earlier cases); helsenorge.no/en ('If you have not settled on the spot but paid later, we calculate the deadline from the payment date')",
      confidence: "C",
      note: "Counted from the payment date (practice since October 2023, applied to all earlier cases from April 2024).",
    },
  },
});

export interface ReferralRule {
  required: boolean;
  maxTreatments: number;
  startWithinMonths: number;
  maxGapMonths: number;
}

export const referralRule = defineParameter<ReferralRule>({
  id: "physio-abroad.referral",
  description:
    "Before 2018 physiotherapy needed a referral covering up to 24 treatments, started within 6 months and with no gap over 6 months; from 1 January 2018 no referral is needed.",
  unit: "rule",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi; ftrl § 5-24 a",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: { required: true, maxTreatments: 24, startWithinMonths: 6, maxGapMonths: 6 },
      reference: "Helsedirektoratet 'Endringer … fra 1. januar 2018'; helsenett.no Q&A; spafo.no (2011 rules): rules-research.md §4",
      confidence: "C",
      note: "Examination and treatment on the same day count as 2; takst A6 training came on top of the 24.",
    },
    "2018-01-01": {
      value: { required: false, maxTreatments: 0, startWithinMonths: 0, maxGapMonths: 0 },
      reference: "https://helfo.no/fysioterapeut/regelverk-og-takster-for-fysioterapeut/regelverk-for-fysioterapeut; helsereiser.no; seeds/egenandelsordningen-fysioterapi.txt",
      confidence: "C",
      note: "Ridefysioterapi still needs a referral (not a form handled here).",
    },
  },
});

/** Treatment forms that never needed a referral, also before 2018 (their dated lines do not count toward the referral's limit). */
export const referralExemptForms = defineParameter<readonly TreatmentForm[]>({
  id: "physio-abroad.referral-exempt-forms",
  description: "Treatment forms that need no referral even while physiotherapy did (before 2018): manual therapy.",
  unit: "list of TreatmentForm",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi; ftrl § 5-24 a",
  lastReviewedOn: "2026-12-06",
  values: {
    "2011-01-01": {
      value: ["manuellterapi"],
      reference:
        "seeds/egenandelsordningen-fysioterapi.txt (Spondylitten 2017/2018: 'Dersom du skal til utlandet for å motta manuellterapibehandling, trenger du ingen henvisning')",
      confidence: "P",
      note: "A patient could go to a manual therapist without a referral in Norway as well; not found in Helfo's own text for treatment abroad.",
    },
  },
});

/** Who may write the referral, while one was needed (before 2018). */
export interface ReferrerRule {
  /** Norwegian health personnel whose referral counts. */
  norwegian: readonly ("lege" | "kiropraktor" | "manuellterapeut")[];
  /** A doctor abroad counts only when the illness or injury arose while the person was there. */
  foreignDoctorOnlyWhenIllnessAroseAbroad: boolean;
}

export const referrerRule = defineParameter<ReferrerRule>({
  id: "physio-abroad.referrer",
  description:
    "Who may refer to physiotherapy abroad (while a referral was needed): a doctor, chiropractor or manual therapist in Norway; a doctor abroad only when the need arose from an illness or injury that happened there.",
  unit: "rule",
  legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi; ftrl § 5-24 a",
  lastReviewedOn: "2026-12-06",
  values: {
    "2011-01-01": {
      value: { norwegian: ["lege", "kiropraktor", "manuellterapeut"], foreignDoctorOnlyWhenIllnessAroseAbroad: true },
      reference:
        "seeds/egenandelsordningen-fysioterapi.txt ('må du først få henvisning fra lege, kiropraktor eller manuellterapeut i Norge … ikke … fra lege i utlandet, med mindre ditt behov for behandling skyldes en skade eller sykdom som har oppstått mens du var der'); rules-research.md §4 (lege, kiropraktor or manuellterapeut, C)",
      confidence: "C",
    },
  },
});

export interface FrequencyRule {
  /** Flag when more than this many treatment days fall in any 7 consecutive days. */
  maxDaysInRolling7: number;
  /** Flag when the average over the period exceeds num/den treatment days per week. */
  maxAveragePerWeek: { num: number; den: number };
}

export const frequencyRule = defineParameter<FrequencyRule>({
  id: "physio-abroad.frequency-flag",
  description: "A claim is flagged for the caseworker when treatment is far more frequent than Norway would cover (on average up to one a week, rarely more than two).",
  unit: "rule",
  legalBasis: "folketrygdloven § 5-24 a (only treatment that would be covered in Norway); Helfo practice from autumn 2017",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: { maxDaysInRolling7: 2, maxAveragePerWeek: { num: 3, den: 2 } },
      reference: "revmatiker.no 24.4.2018 and 6.9.2018 ('pasienter i gjennomsnitt mottar opp til én behandling i uka, og sjeldent mer enn to'): rules-research.md §4–5",
      confidence: "U",
      note: "Thresholds are our own reading of a third-party quote; a flag is a prompt for the caseworker, never a refusal.",
    },
  },
});

export const acceptedLanguages = defineParameter<readonly string[]>({
  id: "physio-abroad.languages",
  description: "Documentation in these languages needs no translation; in any other language Helfo may require a translation by a state-authorised translator.",
  unit: "ISO 639-1 codes",
  legalBasis: LEGAL_BASIS,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: ["nb", "nn", "no", "sv", "da", "en"],
      reference: "helsenorge.no/en 'Medical assistance in the EU/EEA'; helsenett.no: rules-research.md §4",
      confidence: "C",
    },
  },
});

/** All parameters of this module (for invariant tests and docs). */
export const physioAbroadParameters: ReadonlyArray<Parameter<unknown>> = [
  coveredForms,
  driftstilskuddShareBp,
  yrkesskadeExemption,
  frikortAppliesAbroad,
  claimDeadlineMonthsAbroad,
  referralRule,
  referralExemptForms,
  referrerRule,
  needlesAsTool,
  frequencyRule,
  acceptedLanguages,
] as ReadonlyArray<Parameter<unknown>>;

// ---------------------------------------------------------------------------------------------
// Treatment form + duration → Norwegian takster.

export interface TakstQuantity {
  code: TakstCode;
  quantity: number;
}

export type TakstAssumption =
  "duration-missing-priced-at-minimum" | "group-size-unknown-priced-as-6-10" | "group-larger-than-10-priced-as-6-10" | "duration-between-tiers-rounded-down";

export type TakstMapping = { ok: true; takster: TakstQuantity[]; assumptions: TakstAssumption[] } | { ok: false; reason: "not-covered" | "unknown-form" };

const INDIVIDUAL_FORMS: ReadonlySet<TreatmentForm> = new Set([
  "ovelsesbehandling",
  "pulsator",
  "kortbolge-mikrobolge-laser",
  "elektroterapi",
  "ultralyd",
  "traksjon",
  "medisinske-bad",
]);

/** Individual treatment tiers (minutes → takst): the largest tier not above the duration. */
export const INDIVIDUAL_TIERS: ReadonlyArray<readonly [number, TakstCode]> = [
  [20, "A2a"],
  [30, "A2b"],
  [40, "A2c"],
  [60, "A2e"],
  [90, "A2f"],
];

function tier<T>(tiers: ReadonlyArray<readonly [number, T]>, minutes: number | null, assumptions: TakstAssumption[]): T {
  if (minutes === null) {
    assumptions.push("duration-missing-priced-at-minimum");
    return tiers[0]![1];
  }
  let hit = tiers[0]![1];
  let exact = false;
  for (const [m, code] of tiers) {
    if (minutes >= m) {
      hit = code;
      exact = minutes === m;
    }
  }
  if (!exact && minutes > tiers[0]![0]) assumptions.push("duration-between-tiers-rounded-down");
  return hit;
}

/** Started 10-minute blocks beyond the first 20 minutes (A8b/A9b). */
export function startedTenMinuteBlocksBeyond20(minutes: number): number {
  return minutes <= 20 ? 0 : Math.ceil((minutes - 20) / 10);
}

/**
 * The Norwegian takster that price one treatment of `form` lasting `durationMinutes`.
 * - undersokelse → A1a (+ A1c when over 30 min)
 * - individual forms → A2a/A2b/A2c/A2e/A2f by the largest tier (20/30/40/60/90 min) not above the duration
 * - manuellterapi → A8a + A8b per started 10 min beyond 20; psykomotorisk → A9a + A9b likewise
 * - aktiv-oppvarming → B22
 * - gruppe → C34a–f by duration (30/60/90) and group size; basseng → the same + C34g
 * - akupunktur, ikke-dekket → not covered
 * A missing duration prices the minimum and says so; an unknown group size prices 6–10 persons
 * (the lower public price) and says so.
 */
export function takstMappingFor(form: string, durationMinutes: number | null, options: { groupSize?: number | null; covered?: CoveredForms } = {}): TakstMapping {
  if (!isTreatmentForm(form)) return { ok: false, reason: "unknown-form" };
  const covered = options.covered ?? coveredForms.values[0]!.value!;
  if (!covered[form]) return { ok: false, reason: "not-covered" };
  const assumptions: TakstAssumption[] = [];
  const d = durationMinutes === null || !Number.isFinite(durationMinutes) || durationMinutes <= 0 ? null : Math.floor(durationMinutes);

  if (form === "undersokelse") {
    return {
      ok: true,
      takster:
        d !== null && d > 30
          ? [
              { code: "A1a", quantity: 1 },
              { code: "A1c", quantity: 1 },
            ]
          : [{ code: "A1a", quantity: 1 }],
      assumptions,
    };
  }
  if (INDIVIDUAL_FORMS.has(form)) {
    return { ok: true, takster: [{ code: tier(INDIVIDUAL_TIERS, d, assumptions), quantity: 1 }], assumptions };
  }
  if (form === "manuellterapi" || form === "psykomotorisk") {
    const [base, extra]: [TakstCode, TakstCode] = form === "manuellterapi" ? ["A8a", "A8b"] : ["A9a", "A9b"];
    if (d === null) assumptions.push("duration-missing-priced-at-minimum");
    const blocks = d === null ? 0 : startedTenMinuteBlocksBeyond20(d);
    const takster: TakstQuantity[] = [{ code: base, quantity: 1 }];
    if (blocks > 0) takster.push({ code: extra, quantity: blocks });
    return { ok: true, takster, assumptions };
  }
  if (form === "aktiv-oppvarming") return { ok: true, takster: [{ code: "B22", quantity: 1 }], assumptions };
  // gruppe, basseng
  const size = options.groupSize ?? null;
  let small: boolean;
  if (size === null || !Number.isInteger(size) || size < 1) {
    assumptions.push("group-size-unknown-priced-as-6-10");
    small = false;
  } else if (size > 10) {
    assumptions.push("group-larger-than-10-priced-as-6-10");
    small = false;
  } else small = size <= 5;
  const groupTiers: ReadonlyArray<readonly [number, TakstCode]> = small
    ? [
        [30, "C34a"],
        [60, "C34c"],
        [90, "C34e"],
      ]
    : [
        [30, "C34b"],
        [60, "C34d"],
        [90, "C34f"],
      ];
  const takster: TakstQuantity[] = [{ code: tier(groupTiers, d, assumptions), quantity: 1 }];
  if (form === "basseng") takster.push({ code: "C34g", quantity: 1 });
  return { ok: true, takster, assumptions };
}

// ---------------------------------------------------------------------------------------------
// Human-readable rendering (docs/rules/physio-abroad.md; test/rules/physio.test.ts keeps it in sync).

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function kr(ore: number): string {
  return (ore / 100).toFixed(ore % 100 === 0 ? 0 : 2);
}

function showValue(v: unknown): string {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.join(", ");
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${typeof x === "object" && x !== null ? JSON.stringify(x) : String(x)}`)
    .join("; ");
}

export function renderPhysioAbroadMarkdown(input: {
  takstRows: ReadonlyArray<import("./physio-takster").TakstRow>;
  estimationSteps: ReadonlyArray<import("./physio-takster").EstimationStep>;
  extraParameters: ReadonlyArray<Parameter<unknown>>;
  rateSources: Readonly<Record<string, { reference: string; confidence: string; note?: string }>>;
  /** The loaded daily rates, summarised: per currency the first and last date and the unit. */
  rateData: ReadonlyArray<{ currency: string; first: IsoDate; last: IsoDate; dates: number; unitMultiplier: number }>;
  rateBoundDays: number;
}): string {
  const out: string[] = [
    "# Physiotherapy in another EEA country (folketrygdloven § 5-24 a): rule tables",
    "",
    "Generated from `app/rules/parameters/physio-abroad.ts`, `physio-takster.ts` and `exchange-rates.ts`",
    "by `renderPhysioAbroadMarkdown()`; `test/rules/physio.test.ts` fails when this file differs",
    "(regenerate with `UPDATE_APPROVED=1`). Confidence: C certain, P probable, U uncertain",
    "(rules-research.md). The formula and governing dates: docs/decisions/0008-refund-estimate.md.",
    "",
    "## What the estimate means",
    "",
    "The refund is estimated per treatment line as",
    "`max(0, min(paid in NOK, Norwegian price) − Norwegian egenandel)`, where the Norwegian price is",
    "the honorar of the Norwegian takster for the same treatment plus a driftstilskudd share, and no",
    "egenandel is deducted for children under 16, an approved yrkesskade, or treatment after the",
    "frikort date. Rows marked U are not published values: the estimate built on them is shown as",
    "**indicative**. The driftstilskudd share and the exchange-rate date are settings with",
    "confidence U, so every estimate is indicative until Helfo's practice is confirmed.",
    "",
    "## Treatment form → Norwegian takst",
    "",
    "| Treatment form | Takster | Note |",
    "|---|---|---|",
    "| undersokelse | A1a (+ A1c over 30 min) | |",
    "| ovelsesbehandling, pulsator, kortbolge-mikrobolge-laser, elektroterapi, ultralyd, traksjon, medisinske-bad | A2a 20 / A2b 30 / A2c 40 / A2e 60 / A2f 90 min | the largest tier not above the duration; since 1.7.2016 electrotherapy, traction and baths are priced by the time takster |",
    "| manuellterapi | A8a + A8b per started 10 min beyond 20 | |",
    "| psykomotorisk | A9a + A9b per started 10 min beyond 20 | |",
    "| aktiv-oppvarming | B22 | |",
    "| gruppe | C34a/c/e (1–5 persons) or C34b/d/f (6–10) by 30/60/90 min | unknown group size: 6–10 (the lower price) |",
    "| basseng | as gruppe + C34g | |",
    "| akupunktur, ikke-dekket | — | not covered |",
    "",
    "A missing duration is priced at the minimum tier, and the line says so.",
    "",
    "## Takster (honorar / refusjon / egenandel, kroner)",
    "",
    "A row is valid from its date until the next row of the same code.",
    "",
  ];
  const codes = [...new Set(input.takstRows.map((r) => r.code))];
  for (const code of codes) {
    const rows = input.takstRows.filter((r) => r.code === code);
    out.push(`### ${code} — ${rows[0]!.text}`, "", "| From | Honorar | Refusjon | Egenandel | Conf. | Method |", "|---|---|---|---|---|---|");
    for (const r of rows) out.push(`| ${r.from} | ${kr(r.honorarOre)} | ${kr(r.refusjonOre)} | ${kr(r.egenandelOre)} | ${r.confidence} | ${r.method} |`);
    out.push("");
  }
  out.push("### Sources of the takst rows", "");
  for (const ref of [...new Set(input.takstRows.map((r) => r.reference))]) out.push(`- ${cell(ref)}`);
  out.push("", "### Estimation method for the years not found (confidence U)", "", "| From | Step | Source |", "|---|---|---|");
  for (const s of input.estimationSteps) out.push(`| ${s.from} | ${cell(s.description)} | ${cell(s.reference)} |`);
  out.push("", "Derived values are rounded half-up to whole kroner (as published takster are); refusjon never goes below 0.", "", "## Parameters", "");
  for (const p of input.extraParameters) {
    out.push(`### \`${p.id}\``, "", p.description, "", `- Unit: ${p.unit}`, `- Legal basis: ${p.legalBasis}`, `- Last reviewed: ${p.lastReviewedOn}`, "");
    out.push("| From | Value | Conf. | Source | Note |", "|---|---|---|---|---|");
    for (const v of [...p.values].reverse()) {
      out.push(`| ${v.from} | ${v.value === null ? "— (ended)" : cell(showValue(v.value))} | ${v.confidence} | ${cell(v.reference)} | ${cell(v.note ?? "")} |`);
    }
    out.push("");
  }
  out.push(
    "## Exchange rates (Norges Bank)",
    "",
    "Rates are NOK per 10^UNIT_MULT units, kept as exact decimals. The rule: the last rate Norges Bank",
    `published on or before the date, at most ${input.rateBoundDays} days earlier (weekends, Norwegian public holidays and`,
    "24 December have no rate; the skipped days are reported). A date after the loaded data, or with no",
    "rate within the bound, leaves the rate and the refund open (never 0); the caseworker fixes the rate.",
    "Decision: docs/decisions/0016-exchange-rates.md.",
    "",
    "Later dates are imported from Norges Bank's API into PostgreSQL (`exchange_rates`) by a daily pg-boss",
    "schedule and by `npm run rates -- import --from YYYY-MM-DD`: `NORGES_BANK_API_URL/data/EXR/B.BGN+CHF+…+USD.NOK.SP?format=csv&startPeriod=…&endPeriod=…&locale=en`,",
    "semicolon-separated with label columns (`FREQ;Frequency;BASE_CUR;Base Currency;…;UNIT_MULT;Unit Multiplier;…;TIME_PERIOD;OBS_VALUE`),",
    "OBS_VALUE per 10^UNIT_MULT units; read by `readNorgesBankCsv`. The estimate reads the embedded file with the",
    "imported rows on top (`exchangeRateTable`), complete through the import runs' contiguous coverage.",
    "",
    "| Source | Conf. | Reference | Note |",
    "|---|---|---|---|",
  );
  for (const [id, s] of Object.entries(input.rateSources)) out.push(`| ${id} | ${s.confidence} | ${cell(s.reference)} | ${cell(s.note ?? "")} |`);
  out.push("", "Loaded daily rates (app/rules/data/norges-bank-exr-daily-2017.csv):", "");
  out.push("| Currency | Per | First date | Last date | Dates |", "|---|---|---|---|---|");
  for (const c of input.rateData) out.push(`| ${c.currency} | ${10 ** c.unitMultiplier} | ${c.first} | ${c.last} | ${c.dates} |`);
  out.push("");
  return out.join("\n");
}
