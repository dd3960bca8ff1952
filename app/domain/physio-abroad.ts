/**
 * Physiotherapy in another EEA country: the mapping from an invoice line (treatment form +
 * duration) to the Norwegian takster that price it, and the human-readable rendering of the rule
 * tables (docs/rules/physio-abroad.md). The tables and their sources: app/rules/parameters/physio-abroad.ts.
 */
import type { IsoDate } from "~/kernel/types";
import type { Parameter } from "~/rules/parameter";
import { coveredForms, INDIVIDUAL_FORMS, INDIVIDUAL_TIERS, isTreatmentForm, type CoveredForms, type IndividualTreatmentStructure } from "~/rules/parameters/physio-abroad";
import type { EstimationStep, TakstCode, TakstRow } from "~/rules/parameters/physio-takster";

export interface TakstQuantity {
  code: TakstCode;
  quantity: number;
}

export type TakstAssumption =
  "duration-missing-priced-at-minimum" | "group-size-unknown-priced-as-6-10" | "group-larger-than-10-priced-as-6-10" | "duration-between-tiers-rounded-down";

/** Started blocks beyond a base time, each priced as `blockAs.longer − blockAs.base` (the "per påbegynte 10 min" structure). */
export interface TakstBlocks {
  baseMinutes: number;
  blockMinutes: number;
  count: number;
  blockAs: { longer: TakstCode; base: TakstCode };
}

export type TakstMapping = { ok: true; takster: TakstQuantity[]; assumptions: TakstAssumption[]; blocks?: TakstBlocks } | { ok: false; reason: "not-covered" | "unknown-form" };
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
  return startedBlocksBeyond(minutes, 20, 10);
}

/** Started blocks of `blockMinutes` beyond the first `baseMinutes` (21 minutes beyond 20 is one started block of 10). */
export function startedBlocksBeyond(minutes: number, baseMinutes: number, blockMinutes: number): number {
  return minutes <= baseMinutes ? 0 : Math.ceil((minutes - baseMinutes) / blockMinutes);
}

/**
 * The Norwegian takster that price one treatment of `form` lasting `durationMinutes`.
 * - undersokelse → A1a (+ A1c when over 30 min)
 * - individual forms → A2a/A2b/A2c/A2e/A2f by the largest tier (20/30/40/60/90 min) not above the duration, or, where the
 *   dated structure is base-plus-blocks (`options.structure`), A2a + one block per started 10 min beyond 20
 * - manuellterapi → A8a + A8b per started 10 min beyond 20; psykomotorisk → A9a + A9b likewise
 * - aktiv-oppvarming → B22
 * - gruppe → C34a–f by duration (30/60/90) and group size; basseng → the same + C34g
 * - akupunktur, ikke-dekket → not covered
 * A missing duration prices the minimum and says so; an unknown group size prices 6–10 persons
 * (the lower public price) and says so.
 */
export function takstMappingFor(
  form: string,
  durationMinutes: number | null,
  options: { groupSize?: number | null; covered?: CoveredForms; structure?: IndividualTreatmentStructure } = {},
): TakstMapping {
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
    const st = options.structure;
    if (st?.kind === "base-plus-blocks") {
      // "inntil 20 min" + per started 10 min beyond it (physio.individual-treatment-structure)
      if (d === null) assumptions.push("duration-missing-priced-at-minimum");
      const count = d === null ? 0 : startedBlocksBeyond(d, st.baseMinutes, st.blockMinutes);
      return {
        ok: true,
        takster: [{ code: st.base, quantity: 1 }],
        assumptions,
        blocks: { baseMinutes: st.baseMinutes, blockMinutes: st.blockMinutes, count, blockAs: st.blockAs },
      };
    }
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
  takstRows: ReadonlyArray<TakstRow>;
  estimationSteps: ReadonlyArray<EstimationStep>;
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
    "by `renderPhysioAbroadMarkdown()` in `app/domain/physio-abroad.ts`; `test/rules/physio.test.ts` fails when this file differs",
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
    "| ovelsesbehandling, pulsator, kortbolge-mikrobolge-laser, elektroterapi, ultralyd, traksjon, medisinske-bad | A2a 20 / A2b 30 / A2c 40 / A2e 60 / A2f 90 min (structure `tiers`); A2a + per started 10 min beyond 20, one block = A2b − A2a (structure `base-plus-blocks`) | by the dated parameter `physio.individual-treatment-structure` (the change date is U); tiers: the largest tier not above the duration; since 1.7.2016 electrotherapy, traction and baths are priced by the time takster |",
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
