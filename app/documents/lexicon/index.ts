import type { TreatmentForm } from "../schema";
import { needleUse } from "../../domain/needles";
import { da } from "./da";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { it } from "./it";
import { nb } from "./nb";
import { pl } from "./pl";
import { sv } from "./sv";
import type { Lexicon } from "./types";

export type { Lexicon } from "./types";
export const LEXICONS: Lexicon[] = [nb, sv, da, en, de, es, pl, fr, it];

/**
 * Treatment forms in the order they are tried: not-covered and specific modalities first, so that e.g. "Kinesio-Tape (Material)" is
 * not-covered before "tape" could be read as anything else, "Pilates en grupo" is a group before "pilates" is exercise, and the
 * generic words ("behandling", "treatment", "session") decide last.
 */
export const FORM_PRIORITY: TreatmentForm[] = [
  "akupunktur",
  "ikke-dekket",
  "basseng",
  "gruppe",
  "psykomotorisk",
  "pulsator",
  "kortbolge-mikrobolge-laser",
  "ultralyd",
  "elektroterapi",
  "traksjon",
  "medisinske-bad",
  "aktiv-oppvarming",
  "manuellterapi",
  "undersokelse",
  "ovelsesbehandling",
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[\\s\\-/]*");
/** Terms match at a word start; short terms (≤ 4 letters: "tens", "bad", "gym", "kg") must be whole words. */
export const wordRe = (terms: string[], flags = "") =>
  new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${terms.map((t) => (t.replace(/[^\p{L}]/gu, "").length <= 4 ? `${esc(t)}(?![\\p{L}])` : esc(t))).join("|")})`, `u${flags}`);
/** As wordRe but the term must also END at a word boundary. */
export const exactWordRe = (terms: string[], flags = "") => new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${terms.map(esc).join("|")})(?![\\p{L}])`, `u${flags}`);

const FORM_RES: Array<[TreatmentForm, RegExp]> = FORM_PRIORITY.map((f) => [f, wordRe(LEXICONS.flatMap((l) => l.forms[f] ?? []))]);

/** The form of the general words ("behandling", "treatment", "fisioterapia"): the last in priority, taken when nothing more specific is named. */
const GENERIC_FORM: TreatmentForm = FORM_PRIORITY[FORM_PRIORITY.length - 1]!;

/** Every single word of every form's terms, with its form (a term's words each: "manuell behandling" gives both). */
const FORM_WORDS: Array<[string, TreatmentForm]> = FORM_PRIORITY.flatMap((f) =>
  [...new Set(LEXICONS.flatMap((l) => l.forms[f] ?? []).flatMap((t) => t.split(/[^\p{L}]+/u)))].filter((w) => w.length >= 4).map((w) => [w, f] as [string, TreatmentForm]),
);

/**
 * A word whose start OCR lost (a mark or a fold over it: "Manuell behandling (mobilisering)" read "Mi Il behandling ( ilisering)"):
 * a token of seven letters or more that is no known word, but the end of known words of one specific form only. Asked for only
 * where the description would otherwise count as the general form, so a word read whole always decides.
 */
function formOfFragment(folded: string): TreatmentForm | null {
  for (const t of folded.split(/[^\p{L}]+/u)) {
    if (t.length < 7 || FORM_WORDS.some(([w]) => t.startsWith(w))) continue;
    const forms = new Set(FORM_WORDS.filter(([w]) => w.length > t.length && w.endsWith(t)).map(([, f]) => f));
    if (forms.size === 1) {
      const [form] = forms;
      if (form !== GENERIC_FORM) return form!;
    }
  }
  return null;
}

/** The treatment form named in a (folded) description, or null when no known treatment word occurs. */
export function classifyTreatment(foldedDescription: string): TreatmentForm | null {
  // needles as a tool inside a covered form (dry needling, punción seca, electropunción) are that form,
  // not acupuncture (rules/parameters/needles.ts, issue 18 item 7)
  const needles = needleUse(foldedDescription);
  if (needles?.use === "needles-in-electrotherapy") return "elektroterapi";
  if (needles?.use === "needles-in-soft-tissue") return "ovelsesbehandling";
  for (const [form, re] of FORM_RES) if (re.test(foldedDescription)) return form === GENERIC_FORM ? (formOfFragment(foldedDescription) ?? form) : form;
  // OCR reads "ø" as "g" ("undersgkelse"): a "g" between two consonants is tried as the vowel, only when nothing matched as read
  const repaired = foldedDescription.replace(/(?<=[bcdfhjklmnprstvwxz])g(?=[bcdfhjklmnprstvwxz])/g, "o");
  if (repaired !== foldedDescription) for (const [form, re] of FORM_RES) if (re.test(repaired)) return form;
  return null;
}

/** One list's words over every language, once each, longest first (a regex alternation then tries the longer word first). */
export function allWords(pick: (l: Lexicon) => readonly string[]): string[] {
  return [...new Set(LEXICONS.flatMap((l) => pick(l)))].sort((a, b) => b.length - a.length);
}

/** Words as a regex alternation (escaped; a space matches one or more spaces). */
export const alternation = (terms: readonly string[]) => terms.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "\\s+")).join("|");

/** The minutes of a session in text: "45 min", "(30 min.)", "45 minutter", "45'" (group 1 or 2). */
export const MINUTES_IN_TEXT = new RegExp(`(?:^|[\\s(])(\\d{1,3})\\s?(?:${alternation(allWords((l) => l.calendar.minuteUnits))})\\b\\.?\\)?|(\\d{1,3})['’′]`, "i");

/** A sum carried from one page to the next ("Übertrag", "Suma y sigue", "Att överföra"), in folded text: a running sum, no item, no total. */
export const CARRIED_FORWARD = new RegExp(`\\b(?:${alternation(allWords((l) => l.table.carriedForward))})\\b`);

/** What stands alone between a period's two dates on a row: a dash or a range word ("til", "bis", "au"). */
export const RANGE_BETWEEN_DATES = new RegExp(`^\\s*(?:[-–—]|${alternation(allWords((l) => l.calendar.rangeWords))})\\s*$`, "i");

/** Union of one label group over all languages (the document's language first is not needed: labels rarely collide). */
export function allLabels(key: keyof Lexicon["labels"]): string[] {
  return [...new Set(LEXICONS.flatMap((l) => l.labels[key]))].sort((a, b) => b.length - a.length);
}

/** The language whose lexicon words (stopwords count once, labels and treatment words 1.5 times) are most on the folded text; null under 3. */
export function detectLanguage(folded: string): string | null {
  const tokens = folded.split(/[^\p{L}]+/u).filter(Boolean);
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best: string | null = null,
    bestScore = 0;
  for (const lex of LEXICONS) {
    const vocab = new Set(
      [...lex.stopwords, ...Object.values(lex.forms).flat(), ...Object.values(lex.labels).flat(), ...Object.values(lex.docType).flat()]
        .flatMap((t) => t.split(/[^\p{L}]+/u))
        .filter((t) => t.length >= 2),
    );
    let score = 0;
    for (const [t, n] of counts) if (vocab.has(t)) score += Math.min(n, 3) * (lex.stopwords.includes(t) ? 1 : 1.5);
    if (score > bestScore) {
      bestScore = score;
      best = lex.code;
    }
  }
  return bestScore >= 3 ? best : null;
}
