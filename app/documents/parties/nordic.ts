/**
 * Norwegian letters in a name read with a model that cannot write them. A Spanish, German or Polish invoice is read with that
 * language's model (+ English), which has no "æ", "ø" or "å": "Røsok" comes out "Rosok", "Sæther" "Seether", "Holmøy" "Holmay".
 * The patients are Norwegian residents, so the line with the name is read again with the Norwegian model (`OcrPool.readLine`)
 * and a word of that read replaces a name's word when it differs from it only where a Norwegian letter stands. Pure functions;
 * the OCR call is the pipeline's.
 */
import { editDistance } from "../../domain/abroad-checks";
import { fold } from "../parse";
import type { PageText, Word } from "../types";

const NORDIC = /[æøåÆØÅ]/u;

/** Tesseract models with the Norwegian letters. */
export const hasNordicModel = (ocrLangs: string | undefined) => /\b(?:nor|dan)\b/.test(ocrLangs ?? "");

/** Lower case, letters only, the Norwegian letters as the plain ones OCR gives for them ("Hægeland" → "haegeland", "ø" → "o"). */
const key = (s: string) => fold(s).replace(/[^a-z]/g, "");

/**
 * Where the name was read: the line of an OCR'd page (read without a Norwegian model) that holds a word for each of at least
 * two of the name's words, and the box around those words. Null when there is none.
 */
export function nameBox(pages: PageText[], name: string): { page: number; box: { x0: number; y0: number; x1: number; y1: number } } | null {
  const tokens = name
    .split(/\s+/)
    .map((t) => fold(t).replace(/[^\p{L}]/gu, ""))
    .filter((t) => t.length >= 2);
  if (tokens.length < 2) return null;
  for (const p of pages) {
    if (p.source !== "ocr" || hasNordicModel(p.ocrLangs)) continue;
    for (const l of p.lines) {
      const hit: Word[] = [];
      for (const t of tokens) {
        const w = l.words.find((x) => !hit.includes(x) && fold(x.text).replace(/[^\p{L}]/gu, "") === t);
        if (w) hit.push(w);
      }
      if (hit.length >= Math.min(2, tokens.length)) {
        return {
          page: p.page,
          box: { x0: Math.min(...hit.map((w) => w.x0)), y0: Math.min(...hit.map((w) => w.y0)), x1: Math.max(...hit.map((w) => w.x1)), y1: Math.max(...hit.map((w) => w.y1)) },
        };
      }
    }
  }
  return null;
}

/**
 * The name with each word that the Norwegian read gives with a Norwegian letter, where that word is the same but for one
 * letter (two in words of eight letters or more) once those letters are read as OCR reads them plain; the name's capitals kept.
 */
export function withNordicLetters(name: string, reread: string[]): string {
  const cands = reread.map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "")).filter((w) => NORDIC.test(w));
  return name
    .split(" ")
    .map((t) => {
      if (NORDIC.test(t) || t.length < 2) return t;
      const k = key(t);
      const best = cands.find((c) => editDistance(key(c), k) <= (k.length >= 8 ? 2 : 1) && key(c)[0] === k[0]);
      if (!best) return t;
      // the name's case: "Røsok" for "Rosok" whether the line said "RØSOK" or "Røsok"
      const lower = best.toLowerCase();
      return t === t.toUpperCase() ? lower.toUpperCase() : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(" ");
}
