import { formatShortDate, type Lang, type Translate } from "~/i18n";
import type { ResidentRule } from "~/domain/resident-rules";
import { MAX_FALLBACK_DAYS } from "~/rules/parameters/exchange-rates";
import { PUBLIC_SOURCES } from "~/rules/public-sources";
import { key } from "./shared";

export { residentRule, type ResidentRule } from "~/domain/resident-rules";

/** A decimal with a point ("11.713") as the resident's language writes it. */
function decimal(v: string | number, lang: Lang): string {
  const s = String(v);
  return lang === "en" ? s : s.replace(".", ",");
}

/**
 * What "Slik har vi regnet" says about one rule: a plain sentence in the resident's language,
 * "uncertain" in words where the value is, and the public source (label and address). Every string
 * on that list comes from here (test/unit/resident-rules.test.ts scans them for internal notes).
 */
export function residentRuleText(r: ResidentRule, t: Translate, lang: Lang): { sentence: string; uncertain: string | null; source: { label: string; href: string } } {
  const v = r.vars;
  const date = (d: string | number | undefined) => (typeof d === "string" ? formatShortDate(d, lang) : "");
  let sentence: string;
  switch (r.kind) {
    case "rate-date":
      sentence = t(key(`abroad.assess.rule.rateDate.${String(v.rule)}`), { days: MAX_FALLBACK_DAYS });
      break;
    case "rate":
      sentence = t("abroad.assess.rule.rate", { date: date(v.date), rate: decimal(v.rate ?? "", lang), per: v.per ?? "", currency: v.currency ?? "" });
      break;
    case "takst":
      sentence = t("abroad.assess.rule.takst", { code: v.code ?? "", date: date(v.date), honorar: decimal(v.honorar ?? "", lang), egenandel: decimal(v.egenandel ?? "", lang) });
      break;
    case "takst-structure":
      sentence = t(key(`abroad.assess.rule.takst-structure.${String(v.structure)}`), { date: date(v.date) });
      break;
    case "takst-block":
      sentence = t("abroad.assess.rule.takst-block", {
        minutes: v.minutes ?? "",
        date: date(v.date),
        honorar: decimal(v.honorar ?? "", lang),
        egenandel: decimal(v.egenandel ?? "", lang),
      });
      break;
    case "driftstilskudd-share":
      sentence = v.percent ? t("abroad.assess.rule.driftstilskudd-share", { percent: decimal(v.percent, lang) }) : t("abroad.assess.rule.driftstilskudd-share.none");
      break;
    case "child-age":
      sentence = t("abroad.assess.rule.child-age", { age: v.age ?? "" });
      break;
    case "frikort-date":
      sentence = t("abroad.assess.rule.frikort-date", { date: date(v.date), year: v.year ?? "" });
      break;
    case "other":
      sentence = t("abroad.assess.rule.other", { date: date(v.date) });
      break;
    default:
      sentence = t(key(`abroad.assess.rule.${r.kind}`));
  }
  const uncertain = r.uncertain
    ? t(
        r.kind === "rate-date"
          ? "abroad.assess.rule.rateDateUncertain"
          : r.kind === "takst-structure"
            ? "abroad.assess.rule.takst-structureUncertain"
            : "abroad.assess.rule.uncertain",
      )
    : null;
  return { sentence, uncertain, source: { label: t(key(`abroad.source.${r.source}`)), href: PUBLIC_SOURCES[r.source] } };
}
