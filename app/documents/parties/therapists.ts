/**
 * Therapists and their authorisation numbers: on an authorisation, the one it is for (a name field, the register's two name
 * fields, or the sentence that grants it) and its number; on an invoice, by a therapist label or a name with a number beside it.
 */
import { allLabels, allWords, alternation, exactWordRe, LEXICONS, wordRe } from "../lexicon";
import type { Row } from "../layout/rows";
import { findLabel, isLabelText, labelValue } from "../fields/labels";
import { fold, printedAlternation } from "../parse";
import { canonicalName, TITLES_IN_TEXT } from "./names";

/** Between two therapists' names in one field: ";", a comma outside brackets, or a joining word ("og", "y", "und"). */
const NAME_SEPARATOR = new RegExp(`\\s*(?:;|,(?![^()]*\\))|\\s(?:${alternation(allWords((l) => l.fields.nameJoiners))})\\s)\\s*`);

/** What ends a name in an authorisation's sentence: a birth or an identity document ("Frau NAME, geboren", "Dña. NAME con DNI"). */
const AFTER_NAME = printedAlternation(allWords((l) => l.fields.afterName));
/** The conjunction before the name ("… that NAME is registered", "Que Dña. NAME"), its first letter in either case. */
const THAT = printedAlternation(
  allWords((l) => l.fields.thatBeforeName),
  "capital",
);
/** The word that grants the authorisation to the name after it ("meddelat NAME", "erteilt", "granted to"), in lower case. */
const GRANTED_TO = printedAlternation(
  allWords((l) => l.fields.grantedTo),
  "lower",
);
/** Words between a registration number's label and the number ("HPR-nummer", "Nº de colegiado"). */
const NUMBER_WORDS = alternation(allWords((l) => l.fields.authNumberWords));
/** The last resort for the number: a member's word before two digits or more ("colegiado 27"). */
const MEMBER_NUMBER = new RegExp(`(?:${printedAlternation(allWords((l) => l.fields.memberNumberLabels))})\\s+(\\d{2,})`, "u");

/** A cell that is an authorisation number and nothing else: letters, digits and the marks between them, a digit among them. */
const AUTH_NUMBER_CELL = /^(?=[^\d]*\d)[\p{Lu}\d][\p{Lu}\d\-./ ]{1,28}[\p{Lu}\d]$/u;

/** An authority's or a register's words ("Registration Board", "Styrelsen for Patientsikkerhed"): no person's name. */
let authorityRe: RegExp | undefined;
const AUTHORITY_WORDS = () => (authorityRe ??= exactWordRe(LEXICONS.flatMap((l) => l.docType.authorisation)));
/** An issuer's, a profession's, a clinic's or an authority's words ("Chartered Physiotherapist", "Fysioterapiklinik"). */
let notPersonRe: RegExp | undefined;
const NOT_A_PERSON = () =>
  (notPersonRe ??= wordRe([...allLabels("issuer"), ...allLabels("therapist"), ...allWords((l) => [...l.fields.clinicWords, ...l.fields.authorityStarts])]));

export function extractTherapists(rows: Row[], fullText: string, folded: string, docType: string): Array<{ name: string; authorisationNumber: string | null }> {
  const out: Array<{ name: string; authorisationNumber: string | null }> = [];
  const authLabels = allLabels("authNumber");
  const numRe = new RegExp(
    `(?:${authLabels.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[\\s.\\-]*")).join("|")})(?:[\\s.\\-]*(?:${NUMBER_WORDS}))?[\\s.:#°º?\\-–—]*([A-Z]{0,3}[\\s-]?\\d[\\d\\-./A-Z ]{2,20}[\\dA-Z]|[A-Z]{0,3}\\d{3,})`,
    "i",
  );
  // (between the label and the number: its colon, or a hyphen or dash OCR read for one: "Legitimationsnummer- 603170")
  // the number ends before the words that follow it ("nº 5259 desde el 15 de marzo"): a space then a word of two letters or more
  // (and before a sentence's stop set apart, or a date: "HPR-nummer:" / "5137835 ." / "22.10.2024 Helsedirektoratet")
  const clip = (n: string) =>
    n
      .replace(/\s+(?:\p{L}{2,}|\p{L}(?=\s))[\s\S]*$/u, "")
      .replace(/\s+(?:[.;,](?=\s|$)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d))[\s\S]*$/u, "")
      .trim();
  const findNumber = (s: string): string | null => {
    const m = numRe.exec(s);
    if (!m) {
      const f = numRe.exec(fold(s));
      return f ? clip(f[1]!).toUpperCase() : null;
    }
    return clip(m[1]!);
  };
  const push = (name: string | null, num: string | null) => {
    if (!name) return;
    if (out.some((t) => fold(t.name) === fold(name))) return;
    out.push({ name, authorisationNumber: num });
  };
  if (docType === "authorisation") {
    // name: an explicit name field, or "… that NAME is registered", "Que Dña. NAME, con DNI", "meddelat NAME, född", "Frau NAME, geboren"
    let name: string | null = null;
    // a register extract's name in two fields: "Efternamn  Håkansson" / "Förnamn  Elin", "Nachname" / "Vorname", "Nom" / "Prénom"
    const field = (labels: string[]) => {
      for (const h of findLabel(rows, labels)) {
        const v = labelValue(rows, h, (s) => /^\p{Lu}[\p{L}'’\- ]+$/u.test(s.trim()) && !isLabelText(fold(s)));
        if (v) return v.text.trim();
      }
      return null;
    };
    const family = field(allLabels("familyName")),
      given = family ? field(allLabels("givenName")) : null;
    if (family && given) name = canonicalName(`${given} ${family}`);
    if (!name)
      for (const h of findLabel(
        rows,
        allWords((l) => l.fields.personName),
      )) {
        const v = labelValue(rows, h, (s) => canonicalName(s) !== null);
        if (v) {
          name = canonicalName(v.text);
          break;
        }
      }
    if (!name) {
      const pats = [
        new RegExp(`(?:${THAT})\\s+${TITLES_IN_TEXT}((?:\\p{Lu}[\\p{L}'’\\-]+\\s+){1,4}\\p{Lu}[\\p{L}'’\\-]+)`, "u"),
        new RegExp(`(?:${GRANTED_TO})\\s+((?:\\p{Lu}[\\p{L}'’-]+\\s+){1,4}\\p{Lu}[\\p{L}'’-]+)`, "u"),
        new RegExp(`${TITLES_IN_TEXT.replace("{0,3}", "{1,3}")}((?:\\p{Lu}[\\p{L}'’\\-]+\\s+){1,4}\\p{Lu}[\\p{L}'’\\-]+)\\s*,?\\s*(?:${AFTER_NAME})(?![\\p{L}])`, "u"),
        // no title: the name's capitalised words, a comma, then the birth ("meddeler hermed Louise Bech Nielsen, født 09-02-1987")
        new RegExp(`(?<![\\p{L}'’\\-])((?:\\p{Lu}[\\p{L}'’\\-]+\\s+){1,3}\\p{Lu}[\\p{L}'’\\-]+)\\s*,\\s*(?:${AFTER_NAME})(?![\\p{L}])`, "u"),
      ];
      const flat = fullText.replace(/\s+/g, " ");
      for (const re of pats) {
        const m = re.exec(flat);
        if (m) {
          name = canonicalName(m[1]!);
          if (name) break;
        }
      }
    }
    let num: string | null = null;
    for (const r of rows) {
      num = findNumber(r.text);
      if (num) break;
    }
    // a form's field: the label alone on its line, the number in the cell beside or under it ("3. Aktenzeichen" / "37-2447.7-PT 833/20")
    if (!num)
      for (const h of findLabel(rows, authLabels)) {
        if (h.rest) continue;
        const v = labelValue(rows, h, (s) => AUTH_NUMBER_CELL.test(s.trim()));
        if (v) {
          num = v.text.trim();
          break;
        }
      }
    // the label at the end of one line, the number at the start of the next ("… zawodu fizjoterapeuty nr" / "32618, …")
    // (a scanner's margin marks before a line, "3  32618, …", are left out)
    if (!num) {
      const body = (r: Row) => r.words.filter((w, k) => !(k === 0 && /^[^\p{L}]{1,2}$/u.test(w.text) && r.words[1] && r.words[1].x0 - w.x1 > r.height * 3));
      num = findNumber(
        rows
          .map((r) =>
            body(r)
              .map((w) => w.text)
              .join(" "),
          )
          .join(" ")
          .replace(/\s+/g, " "),
      );
    }
    if (!num) {
      num = MEMBER_NUMBER.exec(fullText.replace(/\s+/g, " "))?.[1] ?? null;
    }
    // a register's identifier of capitals alone by its label ("Autorisations-ID  CUFVC": Danish IDs need no digit)
    if (!num)
      for (const h of findLabel(rows, authLabels)) {
        const v = labelValue(rows, h, (s) => /^[A-Z0-9]{4,10}$/.test(s.trim()) && /[A-Z]/.test(s));
        if (v) {
          num = v.text.trim();
          break;
        }
      }
    // a register's printout with the name as its own heading over the number's fields ("MADS KJÆRGAARD" / "Faggruppe …" /
    // "Autorisations-ID …"): the nearest line above the number that is a name and nothing else (not a label's line)
    if (!name && num) {
      const esc = num.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      const token = new RegExp(`(?:^|[^\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, "u");
      const at = rows.findIndex((r) => token.test(r.text));
      for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
        const r = rows[k]!;
        if (r.cells.length !== 1 || isLabelText(r.folded) || /\d/.test(r.text) || AUTHORITY_WORDS().test(r.folded) || NOT_A_PERSON().test(r.folded)) continue;
        const n = canonicalName(r.text);
        if (n && n.split(" ").length <= 4) {
          name = n;
          break;
        }
      }
    }
    push(name, num ? num.replace(/\s+/g, " ") : null);
    return out;
  }
  const labels = allLabels("therapist");
  for (const h of findLabel(rows, labels, { anywhere: false })) {
    const v = labelValue(rows, h, (s) => /\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(s));
    if (!v) continue;
    const parts = v.text.split(NAME_SEPARATOR);
    for (const p of parts) {
      const num = /\(([^)]*\d[^)]*)\)/.exec(p);
      const nameText = p.replace(/\([^)]*\)/g, "").trim();
      let authNo: string | null = null;
      if (num)
        authNo = num[1]!
          .replace(new RegExp(`^(?:${authLabels.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})[\\s.:#-]*(?:(?:${NUMBER_WORDS})\\.?[º°]?)?[\\s.:]*`, "i"), "")
          .trim();
      push(canonicalName(nameText), authNo || null);
    }
    if (out.length) break;
  }
  // "Name (HPR-nr. 8458090)" without a label; or a signature followed by a line with a registration number
  if (!out.length) {
    for (let i = 0; i < rows.length; i++) {
      const m = /^((?:\p{Lu}[\p{L}'’-]+\s+){1,3}\p{Lu}[\p{L}'’-]+)\s*\(([^)]*\d[^)]*)\)/u.exec(rows[i]!.text);
      if (m && findNumber(`(${m[2]})`.replace(/[()]/g, ""))) push(canonicalName(m[1]!), findNumber(m[2]!));
    }
  }
  if (!out.length) {
    for (let i = 1; i < rows.length; i++) {
      const num = findNumber(rows[i]!.text);
      if (!num) continue;
      const prev = rows[i - 1]!;
      const name = canonicalName(prev.cells[0]?.text ?? "");
      if (name) push(name, num);
    }
  }
  // numbers printed elsewhere for a named therapist
  for (const t of out) {
    if (t.authorisationNumber) continue;
    const idx = fullText.indexOf(t.name);
    if (idx >= 0) {
      const n = findNumber(fullText.slice(idx, idx + t.name.length + 60));
      if (n) t.authorisationNumber = n;
    }
  }
  void folded;
  return out;
}
