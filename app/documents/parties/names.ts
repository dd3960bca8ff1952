/** A person's name as printed ("FAMILY, Given", capitals, a title before it) in one form: "Given Family". */

/** A title before a name, alone or as a pair ("Pan/Pani", "Dott./Dott.ssa", "il/la"); in the prose patterns, any letter case. */
const TITLE_WORD =
  "(?:d\\.|dna\\.|dña\\.|don|dona|doña|sr\\.?|sra\\.?|mr\\.?|mrs\\.?|ms\\.?|dr\\.?|frau|herr|pan|pani|m\\.|mme\\.?|madame|monsieur|sig\\.(?:ra)?|sig\\.?|dott\\.(?:ssa)?|mgr)";
const TITLE_TOKEN = `(?:${TITLE_WORD}(?:\\/${TITLE_WORD})?|il\\/la|la\\/il)`;
const HONORIFIC = new RegExp(`^(?:${TITLE_TOKEN}\\s+)+`, "i");
/** Up to three title tokens in running text (case-insensitive letters, so that a name's capitals still anchor the name). */
export const TITLES_IN_TEXT = `(?:${TITLE_TOKEN.replace(/\p{Ll}/gu, (c) => `[${c}${c.toUpperCase()}]`)}\\s+){0,3}`;

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
  if (!words.every((w) => /^\p{Lu}[\p{L}'’\-.]*$/u.test(w) || /^(?:de|del|la|van|von|der|da|di|le|y|i)$/.test(w))) return null;
  return s;
}
