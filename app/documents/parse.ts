/** Locale-aware parsing of amounts and dates, and text folding. Pure functions. */
import { LEXICONS } from "./lexicon";
import { CURRENCY_MARK } from "./lexicon/currencies";

/** Lower-case, strip diacritics and map letters that NFD does not decompose (ø, æ, ß, ł, ...). */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[º°]/g, "o")
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/œ/g, "oe")
    .replace(/ß/g, "ss")
    .replace(/ł/g, "l")
    .replace(/đ/g, "d")
    .replace(/ı/g, "i");
}

/** Every letter that folds to a letter or a pair of letters ("o": "o", "ø", "ö", "Ó" …; "ae": "æ", "Æ"), Latin-1 and Latin Extended-A. */
const PRINTED_LETTERS: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (let cp = 0x41; cp <= 0x24f; cp++) {
    const c = String.fromCodePoint(cp);
    const f = fold(c);
    if (/\p{L}/u.test(c) && /^[a-z]{1,2}$/.test(f)) m.set(f, [...(m.get(f) ?? []), c]);
  }
  return m;
})();

/**
 * Words (folded, as the lexicon writes them) as a regex alternation over the text AS PRINTED: each letter also matches the
 * letters that fold to it ("fodt": "født", "FØDT"; "dona": "doña"; "ae": "æ"), so that a reader can cut the printed text where
 * a word stands. `letterCase`: "any" (the default), "lower" (lower case only, as a word runs in a sentence) or "capital" (the
 * first letter in either case, the others lower: a word that may open a sentence). A space matches one or more spaces.
 */
export function printedAlternation(words: readonly string[], letterCase: "any" | "lower" | "capital" = "any"): string {
  const letters = (f: string, anyCase: boolean) => (PRINTED_LETTERS.get(f) ?? []).filter((c) => anyCase || c === c.toLowerCase());
  const printed = (word: string) => {
    let out = "";
    for (let i = 0; i < word.length;) {
      const ch = word[i]!;
      if (!/[a-z]/.test(ch)) {
        out += ch === " " ? "\\s+" : ch.replace(/[.*+?^${}()|[\]\\/]/, "\\$&");
        i++;
        continue;
      }
      const anyCase = letterCase === "any" || (letterCase === "capital" && i === 0);
      const one = `[${letters(ch, anyCase).join("")}]`;
      const ligature = /^[a-z]{2}$/.test(word.slice(i, i + 2)) ? letters(word.slice(i, i + 2), anyCase) : [];
      if (ligature.length) {
        out += `(?:${one}[${letters(word[i + 1]!, letterCase === "any").join("")}]|[${ligature.join("")}])`;
        i += 2;
      } else {
        out += one;
        i++;
      }
    }
    return out;
  };
  return words.map(printed).join("|");
}

/** Currency marks beside an amount (../lexicon/currencies.ts). */
const CURRENCY_MARKS = new RegExp(CURRENCY_MARK, "gu");

export type NumberStyle = "comma-decimal" | "dot-decimal";

/**
 * Parses a printed amount: "1.234,56", "1 234,56", "1,234.56", "1'234.56", "245,00", "49", "2 000,00", "€ 62,00", "£61.50", "-12,50".
 * `style` breaks the tie for a lone separator followed by exactly three digits ("1.500" / "1,500"); without it such a value is taken
 * as a thousands-grouped integer. Returns null for anything that is not a plain amount.
 */
export function parseAmount(raw: string, style?: NumberStyle): number | null {
  let s = raw
    .trim()
    .replace(CURRENCY_MARKS, "")
    .replace(/\s*[-–]$/, "")
    .trim();
  let neg = false;
  if (/^[-−–]/.test(s)) {
    neg = true;
    s = s.slice(1).trim();
  }
  s = s.replace(/[\u00a0\u202f\u2009]/g, " ");
  if (!/^\d[\d .,']*$/.test(s)) return null;
  if (/[.,]$/.test(s)) s = s.slice(0, -1); // "49,-" style leftovers / trailing punctuation
  const lastComma = s.lastIndexOf(","),
    lastDot = s.lastIndexOf(".");
  let intPart = s,
    frac = "";
  const sepIdx = Math.max(lastComma, lastDot);
  if (sepIdx >= 0) {
    const after = s.slice(sepIdx + 1);
    const sep = s[sepIdx]!;
    const other = sep === "," ? "." : ",";
    const sepCount = s.split(sep).length - 1;
    let isDecimal: boolean;
    if (s.includes(other) && s.lastIndexOf(other) < sepIdx)
      isDecimal = true; // 1.234,56 / 1,234.56
    else if (sepCount > 1)
      isDecimal = false; // 1.234.567
    else if (after.length === 2 || after.length === 1) isDecimal = true;
    else if (after.length === 3) isDecimal = style ? (style === "comma-decimal" ? sep === "," : sep === ".") : false;
    else isDecimal = false;
    if (isDecimal) {
      intPart = s.slice(0, sepIdx);
      frac = after;
    }
  }
  // remaining separators in the integer part must be valid thousands groups
  const groups = intPart.split(/[ .,']/);
  if (groups.length > 1 && (groups[0]!.length === 0 || groups[0]!.length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
  const n = Number(groups.join("") + (frac ? "." + frac : ""));
  if (!Number.isFinite(n)) return null;
  return neg ? -n : n;
}

const MONTHS: Record<string, number> = {};
/** Every language's month names (./lexicon), each way of writing all twelve. */
const monthLists: string[][] = LEXICONS.flatMap((l) => l.calendar.months);
for (const list of monthLists)
  list.forEach((m, i) => {
    MONTHS[m] = i + 1;
  });
// abbreviations: a name's first three and four letters, where no other month of any language starts with them ("jui" is juin
// or juillet, and no month)
const abbreviations = new Map<string, Set<number>>();
for (const list of monthLists)
  list.forEach((m, i) => {
    for (const n of [3, 4]) if (m.length >= n) abbreviations.set(m.slice(0, n), (abbreviations.get(m.slice(0, n)) ?? new Set()).add(i + 1));
  });
for (const [a, months] of abbreviations) if (months.size === 1 && MONTHS[a] === undefined) MONTHS[a] = [...months][0]!;
for (const l of LEXICONS) for (const [word, month] of l.calendar.monthVariants) MONTHS[word] = month;

export function monthFromName(name: string): number | null {
  const f = fold(name).replace(/\.$/, "");
  return MONTHS[f] ?? null;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function year2(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n > 50 ? 1900 + n : 2000 + n) : n;
}

export interface DateMatch {
  iso: string;
  index: number;
  length: number;
  text: string;
}

// month names as printed: accept the folded names and their accented spellings (any letters folding to a known name are verified later)
const MONTH_WORD = "(?<![\\p{L}])\\p{L}{3,12}\\.?(?![\\p{L}])";
// a day's ordinal ending: "1er juin", "3rd March", "March 3rd,", "1º de mayo", "1° maggio"
const ORDINAL = "(?:er|st|nd|rd|th|[º°ª])?";
// dd.mm.yyyy / dd/mm/yyyy / dd-mm-yyyy / dd.mm.yy ; yyyy-mm-dd ; "3 March 2024", "19 de septiembre de 2024", "27. maj 2025", "March 3, 2024"
const DATE_RE = new RegExp(
  [
    "(?<iy>\\d{4})[-./](?<im>\\d{1,2})[-./](?<id>\\d{1,2})(?!\\d)",
    // a period's start printed without its year ("29.04.–26.05.2025"): the year is the end's (the one before, over a new year)
    "(?<!\\d)(?<sd>\\d{1,2})[./](?<sm>\\d{1,2})\\.?(?=\\s*[-–—]\\s*(?<ed>\\d{1,2})[./](?<em>\\d{1,2})[./](?<ey>\\d{4})(?!\\d))",
    "(?<!\\d)(?<nd>\\d{1,2})\\s*[./\\-]\\s*(?<nm>\\d{1,2})\\s*[./\\-]\\s*(?<ny>\\d{4}|\\d{2})(?![\\d])",
    `(?<!\\d)(?<td>\\d{1,2})${ORDINAL}\\.?\\s+(?:de\\s+|of\\s+)?(?<tm>${MONTH_WORD})\\s+(?:de\\s+|del\\s+)?(?<ty>\\d{4})(?!\\d)`,
    `(?<um>${MONTH_WORD})\\s+(?<ud>\\d{1,2})${ORDINAL},?\\s+(?<uy>\\d{4})(?!\\d)`,
  ].join("|"),
  "gu",
);

/** Like s.matchAll(DATE_RE) but a textual candidate whose "month" is not a month name does not consume the text. */
function* matchAllVerified(s: string): Generator<RegExpMatchArray> {
  const re = new RegExp(DATE_RE.source, "u");
  let pos = 0;
  while (pos < s.length) {
    const m = re.exec(s.slice(pos));
    if (!m) return;
    const g = m.groups ?? {};
    const monthName = g.tm ?? g.um;
    if (monthName && monthFromName(monthName) === null) {
      // retry after the first character of this candidate
      pos += m.index! + 1;
      continue;
    }
    const abs = Object.assign([...m], { index: pos + m.index!, groups: m.groups, input: s }) as unknown as RegExpMatchArray;
    yield abs;
    pos += m.index! + Math.max(1, m[0].length);
  }
}

/** All dates in a string, in order. Numeric dates are read day-first (European documents). */
export function findDates(s: string): DateMatch[] {
  const out: DateMatch[] = [];
  for (const m of matchAllVerified(s)) {
    const g = m.groups ?? {};
    let v: string | null = null;
    if (g.iy) v = iso(Number(g.iy), Number(g.im), Number(g.id));
    else if (g.nd) v = iso(year2(g.ny!), Number(g.nm), Number(g.nd));
    else if (g.sd) {
      const y = Number(g.ey),
        start = Number(g.sm) * 100 + Number(g.sd),
        end = Number(g.em) * 100 + Number(g.ed);
      v = iso(start > end ? y - 1 : y, Number(g.sm), Number(g.sd));
    } else if (g.td) {
      const mo = monthFromName(g.tm!);
      v = mo ? iso(Number(g.ty), mo, Number(g.td)) : null;
    } else if (g.um) {
      const mo = monthFromName(g.um);
      v = mo ? iso(Number(g.uy), mo, Number(g.ud)) : null;
    }
    if (v) out.push({ iso: v, index: m.index!, length: m[0].length, text: m[0] });
  }
  return out;
}

export function parseDate(s: string): string | null {
  return findDates(s)[0]?.iso ?? null;
}

/** Repairs common OCR confusions inside digit-like tokens (O→0, l/I→1, S→5 ...) when the token is mostly digits. */
export function repairDigits(token: string): string {
  // a date whose separators the OCR dropped: "[19022025" → "19/02/2025" (only when it is a valid day-month-year)
  const packed = /^[[(|]?(\d{2})(\d{2})((?:19|20)\d{2})[\])|]?$/.exec(token);
  if (packed && Number(packed[1]) >= 1 && Number(packed[1]) <= 31 && Number(packed[2]) >= 1 && Number(packed[2]) <= 12) return `${packed[1]}/${packed[2]}/${packed[3]}`;
  const digits = (token.match(/\d/g) ?? []).length;
  const letters = (token.match(/[OoIlSB|]/g) ?? []).length;
  if (digits < 2 || letters === 0 || letters > 2) return token;
  if (/[A-Za-z]{2,}/.test(token.replace(/[OoIlSB]/g, "0"))) return token;
  return token.replace(/[Oo]/g, "0").replace(/[Il|]/g, "1").replace(/S/g, "5").replace(/B/g, "8");
}
