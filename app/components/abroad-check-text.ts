import { formatDate, type Lang, type MessageKey, type Translate } from "~/i18n";

type Param = string | number | boolean | null | string[] | undefined;

/** One automatic check of a refund claim abroad as a plain sentence (resident's assessment page and the console). */
export function abroadCheckText(c: { code: string; params: Record<string, Param>; documentName: string | null }, t: Translate, lang: Lang): string {
  const key = (k: string) => k as MessageKey;
  const p = c.params;
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (Array.isArray(v)) vars[k] = v.map((x) => (typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x) ? formatDate(x, lang) : x)).join(", ");
    else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) vars[k] = formatDate(v, lang);
    else if (v !== null && v !== undefined) vars[k] = typeof v === "boolean" ? String(v) : v;
  }
  if (typeof p.averagePerWeek === "string" && lang !== "en") vars.averagePerWeek = p.averagePerWeek.replace(".", ",");
  // amounts of the proof-of-payment check ("120.00"), as a person reads them
  for (const k of ["amount", "total", "converted", "sum", "rate"] as const) if (typeof p[k] === "string" && lang !== "en") vars[k] = p[k].replace(".", ",");
  if (Array.isArray(p.densestWindowDates)) vars.count = p.densestWindowDates.length;
  if (c.code.startsWith("language.")) vars.language = t(key(`abroad.lang.${String(p.language ?? "")}`)) || String(p.language ?? "");
  if (c.code.startsWith("country.")) {
    for (const k of ["stated", "found"] as const) if (typeof p[k] === "string") vars[k] = t(key(`abroad.country.${p[k]}`));
  }
  vars.document = c.documentName ?? "";
  return t(key(`abroad.result.${c.code}`), vars);
}
