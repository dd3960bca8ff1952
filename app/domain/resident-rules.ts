/**
 * What a resident reads about each rule behind an estimate, under "Slik har vi regnet" (issue 18
 * item 11): one plain sentence (an i18n key per kind, filled with `vars`), the public source it rests
 * on (app/rules/public-sources.ts), and whether it is uncertain (confidence U), said in words by the
 * page. Nothing internal is carried: no parameter id, reference, note or file name. Pure.
 */
import type { PublicSourceId } from "../rules/public-sources";
import type { IsoDate } from "../kernel/types";
import type { AppliedRule } from "./refund-estimate";

export type ResidentRuleKind =
  "rate-date" | "rate" | "covered-forms" | "takst" | "takst-structure" | "takst-block" | "driftstilskudd-share" | "yrkesskade" | "child-age" | "frikort" | "frikort-date" | "other";

export interface ResidentRule {
  /** A stable React key (not shown). */
  key: string;
  kind: ResidentRuleKind;
  validFrom: IsoDate;
  /** The values the sentence needs: numbers and decimal strings with a point, codes, dates. */
  vars: Record<string, string | number>;
  source: PublicSourceId;
  /** The value has confidence U: the page says so in words. */
  uncertain: boolean;
}

const TAKST_VALUE = /^honorar (\d+(?:\.\d+)?) \/ refusjon (\d+(?:\.\d+)?) \/ egenandel (\d+(?:\.\d+)?) kr$/;
const BLOCK_VALUE = /^honorar (\d+(?:\.\d+)?) \/ refusjon (\d+(?:\.\d+)?) \/ egenandel (\d+(?:\.\d+)?) kr per (\d+) min$/;
const RATE_VALUE = /^(\d+(?:\.\d+)?) NOK per (\d+) ([A-Z]{3})$/;

export function residentRule(r: Pick<AppliedRule, "key" | "parameterId" | "validFrom" | "value" | "confidence">): ResidentRule {
  const base = { key: r.key, validFrom: r.validFrom, uncertain: r.confidence === "U" };
  const id = r.parameterId;
  if (id === "physio-abroad.rate-date-rule") return { ...base, kind: "rate-date", vars: { rule: String(r.value) }, source: "norges-bank" };
  if (id.startsWith("norges-bank.exr.")) {
    const m = RATE_VALUE.exec(String(r.value));
    if (m) return { ...base, kind: "rate", vars: { rate: m[1]!, per: m[2]!, currency: m[3]!, date: r.validFrom }, source: "norges-bank" };
  }
  if (id === "physio-abroad.covered-forms") return { ...base, kind: "covered-forms", vars: {}, source: "forskrift-eos" };
  if (id.startsWith("physio.takst.")) {
    const m = TAKST_VALUE.exec(String(r.value));
    if (m) return { ...base, kind: "takst", vars: { code: id.slice("physio.takst.".length), honorar: m[1]!, egenandel: m[3]!, date: r.validFrom }, source: "helfo-fysio" };
  }
  if (id === "physio.individual-treatment-structure") return { ...base, kind: "takst-structure", vars: { structure: String(r.value), date: r.validFrom }, source: "helfo-fysio" };
  if (id.startsWith("physio.takst-block.")) {
    const m = BLOCK_VALUE.exec(String(r.value));
    if (m) return { ...base, kind: "takst-block", vars: { honorar: m[1]!, egenandel: m[3]!, minutes: Number(m[4]), date: r.validFrom }, source: "helfo-fysio" };
  }
  if (id === "physio-abroad.driftstilskudd-share-bp" && typeof r.value === "number") {
    return { ...base, kind: "driftstilskudd-share", vars: { percent: r.value / 100 }, source: "ftrl-5-24a" };
  }
  if (id === "physio-abroad.fritak.yrkesskade") return { ...base, kind: "yrkesskade", vars: {}, source: "ftrl-5-25" };
  if (id === "fritak.barn.alder") return { ...base, kind: "child-age", vars: { age: Number(r.value) }, source: "helsedir-egenandelstak" };
  if (id === "physio-abroad.frikort") return { ...base, kind: "frikort", vars: {}, source: "helsenorge-frikort" };
  if (id.startsWith("register.frikort."))
    return { ...base, kind: "frikort-date", vars: { date: String(r.value), year: id.slice("register.frikort.".length) }, source: "helsenorge-frikort" };
  // a rule this list does not know yet: a general sentence and the law, never its internal text
  return { ...base, kind: "other", vars: { date: r.validFrom }, source: "ftrl-5-24a" };
}
