/**
 * The diagnosis by its label: an ICD-10 code before or after its words, the code's letter taken back where OCR read a digit.
 */
import { allLabels, allWords, alternation } from "../lexicon";
import type { Row } from "../layout/rows";
import { findLabel, labelValue } from "./labels";

/**
 * An ICD-10 code's letter that OCR read as the digit or sign it looks like ("583.5" or "$83.5" for S83.5, "189.0" for I89.0): ICD-10 codes start
 * with a letter, so a diagnosis value that starts with three digits, a point and a decimal takes the letter back.
 */
const CODE_LETTER: Record<string, string> = { "5": "S", $: "S", "§": "S", "1": "I", "2": "Z", "6": "G", "7": "T", "8": "B", "0": "O" };
function ocrCodeLetter(t: string): string {
  const m = /^([\d$§])(\d{2}\.\d{1,2})(?=\s|$|[-–:])/.exec(t);
  return m && CODE_LETTER[m[1]!] ? CODE_LETTER[m[1]!]! + m[2]! + t.slice(m[0].length) : t;
}

/** The classification's name in the document's language and its version (ICD-10, CIM-10, CIE-10), from ../lexicon. */
const SYSTEM = `(?:${alternation(allWords((l) => l.fields.codeSystems))})-?10:?`;
/** A code after the diagnosis's words, in brackets with or without the classification's name, or after the name. */
const CODE_AFTER_WORDS = new RegExp(`\\s*\\((?:${SYSTEM}\\s*)?([A-TV-Z]\\d{2}(?:\\.\\d{1,2})?)\\)|\\s*[-–,]?\\s*${SYSTEM}\\s*([A-TV-Z]\\d{2}(?:\\.\\d{1,2})?)\\b`, "i");

/** The diagnosis field: its code and words. */
export function readDiagnosis(rows: Row[]): { code: string | null; text: string | null } | null {
  for (const h of findLabel(rows, allLabels("diagnosis"), { fuzzy: true })) {
    const v = labelValue(rows, h, (s) => /\p{L}{3,}|[A-Z]\d{2}/u.test(s) || ocrCodeLetter(s.trim()) !== s.trim());
    if (!v) continue;
    const t = ocrCodeLetter(v.text.replace(/^[:\s]+/, ""));
    const cm = /^([A-TV-Z]\d{2}(?:\.\d{1,2})?)\b\s*[-–:]?\s*(.*)$/.exec(t);
    if (cm) return { code: cm[1]!, text: cm[2]!.trim() || null };
    // the code after the words: "Lumbago (M54.5)", "… sprain (ICD-10 S93.4)"
    const late = CODE_AFTER_WORDS.exec(t);
    if (late) return { code: (late[1] ?? late[2])!.toUpperCase(), text: (t.slice(0, late.index) + t.slice(late.index + late[0].length)).trim() || null };
    if (/^[\p{L}]/u.test(t) && !/^[—–-]+$/.test(t)) return { code: null, text: t };
  }
  return null;
}
