/**
 * Renders the rule tables as Markdown for people to review (docs/rules/egenandelstak.md).
 * test/rules/docs.approved.test.ts fails when the committed file differs from this output.
 */
import { formatOre } from "../kernel/money";
import { SERVICE_TYPES, type Ore } from "../kernel/types";
import type { Parameter, ParameterEntry } from "../rules/parameter";
import { ceilingFor, ceilingParameters, FIRST_SUPPORTED_YEAR, lastSupportedYear, taksForYear } from "../rules/parameters/egenandelstak";
import { childExemptionAge, minimumPayout } from "../rules/parameters/exemptions";
import { abroadProcessingMonths, payoutRhythm, smallRefundMergeMonths } from "../rules/parameters/payouts";
import { takMapping, type TakMapping } from "../rules/parameters/tak-mapping";

const CONFIDENCE_TEXT = { C: "C (certain)", P: "P (probable)", U: "U (uncertain)" } as const;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function kroner(ore: Ore): string {
  return formatOre(ore, "nb").replace(/\u00a0/g, " ");
}

function parameterSection<T>(p: Parameter<T>, show: (value: T) => string): string {
  const rows = [...p.values]
    .reverse()
    .map((v: ParameterEntry<T>) => `| ${v.from} | ${v.value === null ? "— (ended)" : show(v.value)} | ${v.confidence} | ${cell(v.reference)} | ${cell(v.note ?? "")} |`);
  return [
    `### \`${p.id}\``,
    "",
    p.description,
    "",
    `- Unit: ${p.unit}`,
    `- Legal basis: ${p.legalBasis}`,
    `- Last reviewed: ${p.lastReviewedOn}`,
    "",
    "| From | Value | Conf. | Source | Note |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

export function renderRulesMarkdown(): string {
  const years: string[] = [];
  for (let year = FIRST_SUPPORTED_YEAR; year <= lastSupportedYear(); year++) {
    const taks = taksForYear(year);
    const col = (tak: "tak1" | "tak2" | "felles") => {
      if (!taks.includes(tak)) return "–";
      const c = ceilingFor(tak, year);
      return `${kroner(c.ceilingOre)} (${c.confidence})`;
    };
    years.push(`| ${year} | ${col("tak1")} | ${col("tak2")} | ${col("felles")} |`);
  }

  const mappings = [...takMapping.values].reverse().filter((v) => v.value !== null);
  const mappingHeader = `| Service type | ${mappings.map((m) => `from ${m.from}`).join(" | ")} |`;
  const mappingRule = `|---|${mappings.map(() => "---").join("|")}|`;
  const mappingRows = SERVICE_TYPES.map((s) => `| ${s} | ${mappings.map((m) => (m.value as TakMapping)[s]).join(" | ")} |`);

  return [
    "# Egenandelstak and frikort: rule tables",
    "",
    "<!-- Generated from app/rules by renderRulesMarkdown() (app/domain/rule-docs.ts). Do not edit by hand:",
    "     change the parameter files, then run",
    "     UPDATE_APPROVED=1 npx vitest run test/rules/docs.approved.test.ts -->",
    "",
    "Amounts are in Norwegian kroner; the code stores integer øre. Confidence:",
    `${CONFIDENCE_TEXT.C}: an official source states it, or two independent sources agree;`,
    `${CONFIDENCE_TEXT.P}: one reputable or several third-party sources;`,
    `${CONFIDENCE_TEXT.U}: sources conflict, or third-party/undated only — verify before relying on it.`,
    "",
    "## Ceilings by year",
    "",
    "The ceiling that applies is the one valid on 1 January of the year the service was given.",
    "Egenandelstak 1 and 2 were merged into one egenandelstak (`felles` in code) from 1 January 2021.",
    "",
    "| Year | Tak 1 | Tak 2 | Egenandelstak (felles) |",
    "|---|---|---|---|",
    ...years,
    "",
    "## Ceiling parameters with sources",
    "",
    parameterSection(ceilingParameters.tak1, kroner),
    parameterSection(ceilingParameters.tak2, kroner),
    parameterSection(ceilingParameters.felles, kroner),
    "## Which tak a service counts towards",
    "",
    `By the date of the service. Sources: ${cell(mappings.map((m) => m.reference).join("; "))}`,
    "",
    mappingHeader,
    mappingRule,
    ...mappingRows,
    "",
    "## Exemptions and payout threshold",
    "",
    parameterSection(childExemptionAge, (v) => `under ${v} years`),
    parameterSection(minimumPayout, kroner),
    "## Payouts: merging small amounts, when payouts run, processing time",
    "",
    parameterSection(smallRefundMergeMonths, (v) => `${v} months`),
    parameterSection(payoutRhythm, (v) => v),
    parameterSection(abroadProcessingMonths, (v) => `up to ${v} months`),
  ].join("\n");
}
