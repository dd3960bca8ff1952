import { abroad } from "./abroad";
import { abroadDecision } from "./abroad-decision";
import { accountProof } from "./account-proof";
import { casework } from "./casework";
import { claims } from "./claims";
import { control } from "./control";
import { en } from "./en";
import { type MessageKey as CoreKey, nb } from "./nb";
import { nn } from "./nn";
import { portal } from "./portal";
import { representation } from "./representation";
import { risk } from "./risk";
import { selfService } from "./self-service";
import { staff } from "./staff";
import { abroadReview } from "./abroad-review";
import { repayment } from "./repayment";

/** Every message key: the core dictionary plus the feature modules, each with all three languages. */
export type MessageKey =
  | CoreKey
  | keyof typeof accountProof.nb
  | keyof typeof selfService.nb
  | keyof typeof abroad.nb
  | keyof typeof claims.nb
  | keyof typeof staff.nb
  | keyof typeof representation.nb
  | keyof typeof control.nb
  | keyof typeof casework.nb
  | keyof typeof abroadDecision.nb
  | keyof typeof portal.nb
  | keyof typeof risk.nb
  | keyof typeof abroadReview.nb
  | keyof typeof repayment.nb;
type Messages = Record<MessageKey, string>;

export const LANGS = ["nb", "nn", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "nb";
export const LANG_NAMES: Record<Lang, string> = { nb: "Bokmål", nn: "Nynorsk", en: "English" };

/** The feature modules, each with all three languages; a new module is added here and to MessageKey. */
export const MODULES = [accountProof, selfService, abroad, claims, staff, representation, control, casework, abroadDecision, portal, risk, abroadReview, repayment];

const dictionaries: Record<Lang, Messages> = {
  nb: Object.assign({}, nb, ...MODULES.map((m) => m.nb)) as Messages,
  nn: Object.assign({}, nn, ...MODULES.map((m) => m.nn)) as Messages,
  en: Object.assign({}, en, ...MODULES.map((m) => m.en)) as Messages,
};
const fallback = dictionaries.nb;

export function isLang(v: unknown): v is Lang {
  return typeof v === "string" && (LANGS as readonly string[]).includes(v);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, vars) => {
    const template = dict[key] ?? fallback[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

/** "2019-03-04" → "4. mars 2019" / "4 March 2019", without time zone arithmetic. */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const months: Record<Lang, string[]> = {
    nb: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
    nn: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
    en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  };
  return lang === "en" ? `${d} ${months.en[m - 1]} ${y}` : `${d}. ${months[lang][m - 1]} ${y}`;
}

/** Short numeric date for tables: 04.03.2019 (nb/nn) or 4 Mar 2019 (en). */
export function formatShortDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split("-") as [string, string, string];
  if (lang === "en") {
    const mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(m) - 1];
    return `${Number(d)} ${mon} ${y}`;
  }
  return `${d}.${m}.${y}`;
}
