/** A person's name as printed ("FAMILY, Given", capitals, a title before it) in one form: "Given Family". */
import { allWords, alternation } from "../lexicon";
import { printedAlternation } from "../parse";

/** A title before a name, alone or as a pair ("Pan/Pani", "Dott./Dott.ssa", "il/la"), in any letter case (./lexicon: fields.titles). */
const TITLE_WORD = `(?:${printedAlternation(allWords((l) => l.fields.titles))})`;
const TITLE_TOKEN = `(?:${TITLE_WORD}(?:\\/${TITLE_WORD})?)`;
const HONORIFIC = new RegExp(`^(?:${TITLE_TOKEN}\\s+)+`, "u");
/** Up to three title tokens in running text (any letter case, so that a name's capitals still anchor the name). */
export const TITLES_IN_TEXT = `(?:${TITLE_TOKEN}\\s+){0,3}`;
/** The small words a name may hold in lower case ("de", "von", "di"; ./lexicon: fields.nameParticles). */
const PARTICLE = new RegExp(`^(?:${alternation(allWords((l) => l.fields.nameParticles))})$`);

/** "FAMILY, Given" → "Given Family"; ALL CAPS → Title Case. */
export function canonicalName(raw: string): string | null {
  let s = raw
    .replace(/\s+/g, " ")
    .replace(HONORIFIC, "")
    .replace(/[,;:.]+$/, "")
    .trim();
  if (!s) return null;
  const comma = s.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) s = `${comma[2]!.trim()} ${comma[1]!.trim()}`;
  // words printed in capitals (surname in caps, or the whole name) → Title Case
  s = s
    .split(" ")
    .map((w) => (w.length >= 2 && w === w.toUpperCase() && /\p{Lu}/u.test(w) ? w.toLowerCase().replace(/(^|[-'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()) : w))
    .join(" ");
  const words = s.split(" ");
  if (words.length < 2 || words.length > 6) return null;
  if (!words.every((w) => /^\p{Lu}[\p{L}'’\-.]*$/u.test(w) || PARTICLE.test(w))) return null;
  return s;
}
