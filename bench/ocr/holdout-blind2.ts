/**
 * holdout-blind2.ts — independent "blind" test-set generator for the document-reading pipeline.
 *
 * Written BLIND: without looking at the extractor (app/), its tests (test/), the other holdout
 * generators (bench/ocr/holdout.ts, bench/ocr/holdout-blind.ts) or any fixture image/PDF. Only the
 * ground-truth conventions (shared/fixtures/documents/README.md), the JSON schema and the scorer
 * were read.
 *
 *   npx tsx bench/ocr/holdout-blind2.ts OUT_DIR [--seed=1] [--n=30]
 *
 * Deterministic per seed (mulberry32). Per document: <id>-<lang>-<country>-<rendering>.<ext> plus a
 * same-named .json with the ground truth (schema shape and key order).
 *
 * Mix: ~60 % invoices, 20 % authorisations, 20 % epikriser; languages es sv da de pl en fr it nb.
 *
 * Invoice layout families (F7, F8, F10 are cross-cutting variations applied to all of them):
 *   F1 date-groups   lines grouped under date headings with a day subtotal; lines carry no date
 *   F2 calendar      treatments x dates grid with "x" marks; unit price column (one line per mark)
 *   F3 summary       "6 × Treatment 45 min" rows with session dates printed under them (expanded)
 *                    or only a period printed (one line with count)
 *   F4 multipage     two-page table with carried-forward subtotal at foot of p.1 / top of p.2
 *   F5 vat           qty × unit = amount, VAT column at 0 % / exempt + note, net/VAT/gross totals
 *   F6 words         dates in words, issue date label next to due date and treatment period
 *   F7 currency      symbol / ISO code only in column header / only as a word / not stated (null)
 *   F8 numbers       invoice-number labels & shapes, phone + tax id + postcode printed nearby
 *   F9 till-roll     narrow receipt (phone photo only) with lines, total, payment method
 *   F10 headers      patient left/clinic right and reverse; "FAMILY, Given" or capitals; æ/ø/å
 * Durations: own column, inside the text "(45 min)" / "45 min", or absent, varying per document.
 * Authorisations: A1 register extract, A2 certificate / Urkunde, A3 web-page printout.
 * Epikriser: letterhead, patient + birth date, ICD-10 code and/or text, period, signature.
 *
 * Renderings (spread evenly): pdf (Chromium page.pdf, text layer), scan-png / scan-jpg (grayscale,
 * 200–300 DPI, rotation ±1.5°, noise, mild blur), scan-pdf (image-only PDF of grayscale JPEG pages,
 * pdf-lib), phone (colour JPEG ~170–210 DPI, CSS perspective, uneven lighting). F4 is only pdf /
 * scan-pdf (multi-page); F9 only phone. Scans/photos sometimes get a stamp or handwritten mark, placed
 * in an empty slot of the layout (never over text); these are not ground truth.
 */
import { chromium, type Browser } from "playwright-core";
import { createCanvas, loadImage, type Canvas } from "@napi-rs/canvas";
import { PDFDocument } from "pdf-lib";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

// ---------------------------------------------------------------- PRNG
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
class Rng {
  f: () => number;
  constructor(seed: number) {
    this.f = mulberry32(seed);
  }
  next() {
    return this.f();
  }
  int(a: number, b: number) {
    return a + Math.floor(this.f() * (b - a + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.f() * xs.length)]!;
  }
  chance(p: number) {
    return this.f() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.f() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
  range(a: number, b: number) {
    return a + this.f() * (b - a);
  }
}

// ---------------------------------------------------------------- types
type Lang = "es" | "sv" | "da" | "de" | "pl" | "en" | "fr" | "it" | "nb";
type Rendering = "pdf" | "scan-png" | "scan-jpg" | "scan-pdf" | "phone";
type Form =
  | "undersokelse"
  | "ovelsesbehandling"
  | "pulsator"
  | "kortbolge-mikrobolge-laser"
  | "elektroterapi"
  | "ultralyd"
  | "traksjon"
  | "manuellterapi"
  | "psykomotorisk"
  | "medisinske-bad"
  | "aktiv-oppvarming"
  | "gruppe"
  | "basseng"
  | "akupunktur"
  | "ikke-dekket";
interface Line {
  date: string;
  treatmentForm: Form;
  description: string;
  durationMinutes: number | null;
  amount: number;
  count?: number;
}
interface Truth {
  documentType: "invoice" | "authorisation" | "epikrise";
  language: Lang;
  country: string;
  providerName: string | null;
  therapists: { name: string; authorisationNumber: string | null }[];
  patientName: string | null;
  patientBirthDate: string | null;
  invoiceNumber: string | null;
  invoiceDate: string | null;
  diagnosis: { code: string | null; text: string | null } | null;
  currency: string | null;
  lines: Line[];
  total: number | null;
  issuingAuthority: string | null;
  treatmentPeriod: { from: string; to: string } | null;
}
interface Doc {
  truth: Truth;
  css: string;
  pages: string[]; // inner HTML of each .page
  receipt?: boolean;
  family: string;
}

// ---------------------------------------------------------------- dates
const D = (iso: string) => new Date(iso + "T00:00:00Z");
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => iso(new Date(D(s).getTime() + n * 86400000));
const dow = (s: string) => D(s).getUTCDay();
const p2 = (n: number) => String(n).padStart(2, "0");
const ymd = (s: string) => s.split("-").map(Number) as [number, number, number];

// ---------------------------------------------------------------- locales
interface Loc {
  months: string[];
  monthsGen?: string[];
  wd: string[]; // Sunday first
  wdShort: string[];
}
const LOC: Record<Lang, Loc> = {
  es: {
    months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    wd: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    wdShort: ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
  },
  sv: {
    months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
    wd: ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    wdShort: ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
  },
  da: {
    months: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
    wd: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    wdShort: ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
  },
  de: {
    months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    wd: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    wdShort: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
  },
  pl: {
    months: ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"],
    monthsGen: ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    wd: ["niedziela", "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota"],
    wdShort: ["nd", "pon", "wt", "śr", "czw", "pt", "sob"],
  },
  en: {
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    wd: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    wdShort: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  },
  fr: {
    months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    wd: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    wdShort: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
  },
  it: {
    months: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    wd: ["domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"],
    wdShort: ["dom", "lun", "mar", "mer", "gio", "ven", "sab"],
  },
  nb: {
    months: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
    wd: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    wdShort: ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
  },
};
const ordEn = (d: number) => d + (d % 10 === 1 && d !== 11 ? "st" : d % 10 === 2 && d !== 12 ? "nd" : d % 10 === 3 && d !== 13 ? "rd" : "th");
/** date in words, e.g. "3 de marzo de 2025" */
function dWords(s: string, lang: Lang, weekday = false): string {
  const [y, m, d] = ymd(s);
  const L = LOC[lang];
  const mo = (L.monthsGen ?? L.months)[m - 1];
  const w = L.wd[dow(s)]!;
  switch (lang) {
    case "es":
      return (weekday ? w[0]!.toUpperCase() + w.slice(1) + ", " : "") + `${d} de ${mo} de ${y}`;
    case "de":
      return (weekday ? w + ", " : "") + `${d}. ${mo} ${y}`;
    case "en":
      return weekday ? `${w} ${d} ${mo} ${y}` : `${ordEn(d)} ${mo} ${y}`;
    case "fr":
      return (weekday ? w[0]!.toUpperCase() + w.slice(1) + " " : "") + `${d === 1 ? "1er" : d} ${mo} ${y}`;
    case "it":
      return (weekday ? w[0]!.toUpperCase() + w.slice(1) + " " : "") + `${d} ${mo} ${y}`;
    case "sv":
      return (weekday ? w[0]!.toUpperCase() + w.slice(1) + " " : "") + `${d} ${mo} ${y}`;
    case "da":
      return (weekday ? w[0]!.toUpperCase() + w.slice(1) + " d. " : "") + `${d}. ${mo} ${y}`;
    case "nb":
      return (weekday ? w[0]!.toUpperCase() + w.slice(1) + " " : "") + `${d}. ${mo} ${y}`;
    case "pl":
      return (weekday ? w[0]!.toUpperCase() + w.slice(1) + ", " : "") + `${d} ${mo} ${y}`;
  }
}
/** numeric date in the local convention */
function dNum(s: string, lang: Lang): string {
  const [y, m, d] = ymd(s);
  if (lang === "sv") return s;
  if (lang === "de" || lang === "da" || lang === "nb" || lang === "pl") return `${p2(d)}.${p2(m)}.${y}`;
  return `${p2(d)}/${p2(m)}/${y}`;
}
/** short heading "Di, 04.03.2025" */
function dShortWd(s: string, lang: Lang): string {
  const w = LOC[lang].wdShort[dow(s)]!;
  return `${w[0]!.toUpperCase() + w.slice(1)}, ${dNum(s, lang)}`;
}

// ---------------------------------------------------------------- money
type CurMode = "symbol" | "iso-header" | "word" | "none";
function numFmt(cents: number, lang: Lang): string {
  const neg = cents < 0;
  const c = Math.abs(cents);
  const ip = Math.floor(c / 100);
  const dp = p2(c % 100);
  const th = lang === "en" ? "," : lang === "sv" || lang === "fr" || lang === "pl" || lang === "nb" ? " " : ".";
  const dec = lang === "en" ? "." : ",";
  const is = String(ip).replace(/\B(?=(\d{3})+(?!\d))/g, th);
  return (neg ? "-" : "") + is + dec + dp;
}
const CUR_WORD: Record<string, Partial<Record<Lang, string>> & { _: string }> = {
  EUR: { _: "euro", es: "euros", fr: "euros", de: "Euro", en: "euro", it: "euro", nb: "euro" },
  SEK: { _: "kronor" },
  DKK: { _: "kroner" },
  PLN: { _: "złotych" },
  GBP: { _: "pounds sterling" },
};
function withSym(cents: number, lang: Lang, cur: string): string {
  const n = numFmt(cents, lang);
  if (cur === "GBP") return "£" + n;
  if (cur === "EUR") return lang === "en" ? "€" + n : n + " €";
  if (cur === "SEK") return n + " kr";
  if (cur === "DKK") return "kr. " + n;
  if (cur === "PLN") return n + " zł";
  return n;
}

// ---------------------------------------------------------------- reference data
const LANG_COUNTRY: Record<Lang, [string, string][]> = {
  es: [["ES", "EUR"]],
  sv: [["SE", "SEK"]],
  da: [["DK", "DKK"]],
  de: [
    ["DE", "EUR"],
    ["AT", "EUR"],
  ],
  pl: [["PL", "PLN"]],
  en: [
    ["GB", "GBP"],
    ["GB", "GBP"],
    ["IE", "EUR"],
    ["MT", "EUR"],
  ],
  fr: [["FR", "EUR"]],
  it: [["IT", "EUR"]],
  nb: [["ES", "EUR"]],
};
const PRICE_MULT: Record<string, [number, number]> = { EUR: [1, 50], GBP: [0.9, 100], SEK: [11, 1000], DKK: [7.5, 500], PLN: [4.3, 500] };
function price(rng: Rng, cur: string, eurBase: number): number {
  const [m, step] = PRICE_MULT[cur]!;
  return Math.max(step, Math.round((eurBase * m * 100) / step) * step);
}

interface Tr {
  t: string;
  f: Form;
  eur: number; // base price in EUR
  dur?: number[]; // possible durations, only for timed sessions
}
const TR: Record<Lang, Tr[]> = {
  es: [
    { t: "Valoración fisioterapéutica inicial", f: "undersokelse", eur: 55, dur: [45, 60] },
    { t: "Sesión de fisioterapia", f: "ovelsesbehandling", eur: 42, dur: [30, 45, 60] },
    { t: "Terapia manual", f: "manuellterapi", eur: 48, dur: [30, 45] },
    { t: "Masaje terapéutico", f: "ovelsesbehandling", eur: 38, dur: [30, 45] },
    { t: "Electroterapia analgésica (TENS)", f: "elektroterapi", eur: 18, dur: [15, 20] },
    { t: "Ultrasonidos", f: "ultralyd", eur: 15, dur: [10, 15] },
    { t: "Láser de baja potencia", f: "kortbolge-mikrobolge-laser", eur: 16, dur: [10, 15] },
    { t: "Tracción cervical", f: "traksjon", eur: 20, dur: [15, 20] },
    { t: "Parafango", f: "medisinske-bad", eur: 14, dur: [15, 20] },
    { t: "Hidroterapia en grupo (piscina)", f: "basseng", eur: 22, dur: [45] },
    { t: "Pilates terapéutico en grupo", f: "gruppe", eur: 20, dur: [50, 60] },
    { t: "Acupuntura", f: "akupunktur", eur: 40, dur: [30] },
    { t: "Vendaje neuromuscular (kinesiotape)", f: "ikke-dekket", eur: 9 },
    { t: "Cancelación sin aviso previo", f: "ikke-dekket", eur: 25 },
    { t: "Crema de árnica 100 ml", f: "ikke-dekket", eur: 12.5 },
  ],
  sv: [
    { t: "Nybesök med undersökning", f: "undersokelse", eur: 75, dur: [45, 60] },
    { t: "Sjukgymnastisk behandling", f: "ovelsesbehandling", eur: 55, dur: [30, 45] },
    { t: "Manuell terapi", f: "manuellterapi", eur: 62, dur: [30, 45] },
    { t: "Massagebehandling", f: "ovelsesbehandling", eur: 50, dur: [30, 60] },
    { t: "TENS-behandling", f: "elektroterapi", eur: 22, dur: [20] },
    { t: "Ultraljudsbehandling", f: "ultralyd", eur: 20, dur: [10, 15] },
    { t: "Laserbehandling", f: "kortbolge-mikrobolge-laser", eur: 22, dur: [10] },
    { t: "Traktionsbehandling", f: "traksjon", eur: 25, dur: [15, 20] },
    { t: "Bassängträning i grupp", f: "basseng", eur: 20, dur: [45] },
    { t: "Gruppträning rygg", f: "gruppe", eur: 18, dur: [60] },
    { t: "Akupunktur", f: "akupunktur", eur: 45, dur: [30] },
    { t: "Tejpning inkl. material", f: "ikke-dekket", eur: 12 },
    { t: "Uteblivet besök", f: "ikke-dekket", eur: 40 },
    { t: "Gymkort 1 månad", f: "ikke-dekket", eur: 45 },
  ],
  da: [
    { t: "Første konsultation inkl. undersøgelse", f: "undersokelse", eur: 70, dur: [45, 60] },
    { t: "Fysioterapeutisk behandling", f: "ovelsesbehandling", eur: 52, dur: [30, 45] },
    { t: "Manuel terapi", f: "manuellterapi", eur: 58, dur: [30, 45] },
    { t: "Massage", f: "ovelsesbehandling", eur: 48, dur: [30, 45] },
    { t: "Elektroterapi (TENS)", f: "elektroterapi", eur: 20, dur: [20] },
    { t: "Ultralydsbehandling", f: "ultralyd", eur: 18, dur: [10] },
    { t: "Laserbehandling", f: "kortbolge-mikrobolge-laser", eur: 20, dur: [10] },
    { t: "Traktion", f: "traksjon", eur: 22, dur: [15] },
    { t: "Varmtvandstræning på hold", f: "basseng", eur: 18, dur: [45] },
    { t: "Holdtræning", f: "gruppe", eur: 16, dur: [60] },
    { t: "Akupunktur", f: "akupunktur", eur: 40, dur: [30] },
    { t: "Kinesiotape", f: "ikke-dekket", eur: 8 },
    { t: "Udeblivelsesgebyr", f: "ikke-dekket", eur: 35 },
    { t: "Træningskort, 1 måned", f: "ikke-dekket", eur: 40 },
  ],
  de: [
    { t: "Befunderhebung / Erstuntersuchung", f: "undersokelse", eur: 45, dur: [30, 45] },
    { t: "Krankengymnastik (KG)", f: "ovelsesbehandling", eur: 32, dur: [20, 25, 30] },
    { t: "Manuelle Therapie (MT)", f: "manuellterapi", eur: 38, dur: [20, 30] },
    { t: "Klassische Massagetherapie (KMT)", f: "ovelsesbehandling", eur: 26, dur: [20, 30] },
    { t: "Elektrotherapie", f: "elektroterapi", eur: 12, dur: [10, 15] },
    { t: "Ultraschalltherapie", f: "ultralyd", eur: 12, dur: [10] },
    { t: "Kurzwellentherapie", f: "kortbolge-mikrobolge-laser", eur: 11, dur: [10, 15] },
    { t: "Extensionsbehandlung", f: "traksjon", eur: 14, dur: [15] },
    { t: "Fango-Packung", f: "medisinske-bad", eur: 15, dur: [20] },
    { t: "KG im Bewegungsbad (Gruppe)", f: "basseng", eur: 18, dur: [30, 45] },
    { t: "Krankengymnastik in der Gruppe", f: "gruppe", eur: 14, dur: [45] },
    { t: "Akupunktur", f: "akupunktur", eur: 35, dur: [30] },
    { t: "Kinesio-Tape (Material)", f: "ikke-dekket", eur: 8 },
    { t: "Ausfallgebühr (Termin nicht abgesagt)", f: "ikke-dekket", eur: 30 },
  ],
  pl: [
    { t: "Konsultacja fizjoterapeutyczna", f: "undersokelse", eur: 40, dur: [45, 60] },
    { t: "Kinezyterapia indywidualna", f: "ovelsesbehandling", eur: 30, dur: [30, 45] },
    { t: "Terapia manualna", f: "manuellterapi", eur: 38, dur: [30, 45] },
    { t: "Masaż leczniczy", f: "ovelsesbehandling", eur: 28, dur: [30] },
    { t: "Elektroterapia (TENS)", f: "elektroterapi", eur: 8, dur: [15] },
    { t: "Ultradźwięki", f: "ultralyd", eur: 7, dur: [10] },
    { t: "Laseroterapia", f: "kortbolge-mikrobolge-laser", eur: 9, dur: [10] },
    { t: "Wyciąg trakcyjny", f: "traksjon", eur: 10, dur: [15] },
    { t: "Okłady borowinowe", f: "medisinske-bad", eur: 9, dur: [20] },
    { t: "Ćwiczenia grupowe", f: "gruppe", eur: 10, dur: [45] },
    { t: "Akupunktura", f: "akupunktur", eur: 30, dur: [30] },
    { t: "Kinesiotaping", f: "ikke-dekket", eur: 10 },
    { t: "Opłata za nieodwołaną wizytę", f: "ikke-dekket", eur: 20 },
  ],
  en: [
    { t: "Initial assessment", f: "undersokelse", eur: 70, dur: [45, 60] },
    { t: "Follow-up physiotherapy session", f: "ovelsesbehandling", eur: 55, dur: [30, 45] },
    { t: "Manual therapy", f: "manuellterapi", eur: 60, dur: [30, 45] },
    { t: "Sports massage", f: "ovelsesbehandling", eur: 50, dur: [30, 60] },
    { t: "Electrotherapy (TENS)", f: "elektroterapi", eur: 20, dur: [15, 20] },
    { t: "Therapeutic ultrasound", f: "ultralyd", eur: 18, dur: [10] },
    { t: "Low-level laser therapy", f: "kortbolge-mikrobolge-laser", eur: 20, dur: [10] },
    { t: "Mechanical cervical traction", f: "traksjon", eur: 22, dur: [15] },
    { t: "Hydrotherapy pool class", f: "basseng", eur: 20, dur: [45] },
    { t: "Rehab Pilates class", f: "gruppe", eur: 18, dur: [55, 60] },
    { t: "Acupuncture", f: "akupunktur", eur: 45, dur: [30] },
    { t: "Kinesiology taping", f: "ikke-dekket", eur: 10 },
    { t: "Late cancellation fee", f: "ikke-dekket", eur: 35 },
    { t: "Gym membership (monthly)", f: "ikke-dekket", eur: 40 },
  ],
  fr: [
    { t: "Bilan kinésithérapique", f: "undersokelse", eur: 50, dur: [45] },
    { t: "Séance de kinésithérapie", f: "ovelsesbehandling", eur: 35, dur: [30] },
    { t: "Thérapie manuelle", f: "manuellterapi", eur: 45, dur: [30, 45] },
    { t: "Massage thérapeutique", f: "ovelsesbehandling", eur: 35, dur: [30] },
    { t: "Électrothérapie antalgique", f: "elektroterapi", eur: 15, dur: [15, 20] },
    { t: "Ultrasons", f: "ultralyd", eur: 14, dur: [10] },
    { t: "Laser basse énergie", f: "kortbolge-mikrobolge-laser", eur: 16, dur: [10] },
    { t: "Traction cervicale", f: "traksjon", eur: 16, dur: [15] },
    { t: "Application de parafango", f: "medisinske-bad", eur: 14, dur: [20] },
    { t: "Balnéothérapie en groupe", f: "basseng", eur: 20, dur: [45] },
    { t: "Rééducation en groupe", f: "gruppe", eur: 18, dur: [45] },
    { t: "Acupuncture", f: "akupunktur", eur: 40, dur: [30] },
    { t: "Strapping (bande adhésive)", f: "ikke-dekket", eur: 9 },
    { t: "Rendez-vous non honoré", f: "ikke-dekket", eur: 30 },
  ],
  it: [
    { t: "Valutazione fisioterapica", f: "undersokelse", eur: 50, dur: [45, 60] },
    { t: "Seduta di fisioterapia", f: "ovelsesbehandling", eur: 40, dur: [30, 45] },
    { t: "Terapia manuale", f: "manuellterapi", eur: 45, dur: [30, 45] },
    { t: "Massoterapia", f: "ovelsesbehandling", eur: 38, dur: [30] },
    { t: "Elettroterapia antalgica (TENS)", f: "elektroterapi", eur: 15, dur: [20] },
    { t: "Ultrasuonoterapia", f: "ultralyd", eur: 15, dur: [10, 15] },
    { t: "Laserterapia", f: "kortbolge-mikrobolge-laser", eur: 18, dur: [10] },
    { t: "Trazione cervicale", f: "traksjon", eur: 18, dur: [15] },
    { t: "Fangoterapia", f: "medisinske-bad", eur: 16, dur: [20] },
    { t: "Idrokinesiterapia di gruppo", f: "basseng", eur: 20, dur: [45] },
    { t: "Ginnastica posturale di gruppo", f: "gruppe", eur: 15, dur: [60] },
    { t: "Agopuntura", f: "akupunktur", eur: 45, dur: [30] },
    { t: "Taping neuromuscolare", f: "ikke-dekket", eur: 10 },
    { t: "Disdetta tardiva", f: "ikke-dekket", eur: 25 },
  ],
  nb: [
    { t: "Førstegangskonsultasjon med undersøkelse", f: "undersokelse", eur: 60, dur: [45, 60] },
    { t: "Fysioterapibehandling", f: "ovelsesbehandling", eur: 45, dur: [30, 45] },
    { t: "Manuellterapi", f: "manuellterapi", eur: 50, dur: [30, 45] },
    { t: "Massasje", f: "ovelsesbehandling", eur: 40, dur: [30, 45] },
    { t: "Elektroterapi (TENS)", f: "elektroterapi", eur: 18, dur: [15, 20] },
    { t: "Ultralydbehandling", f: "ultralyd", eur: 16, dur: [10] },
    { t: "Laserbehandling", f: "kortbolge-mikrobolge-laser", eur: 18, dur: [10] },
    { t: "Traksjonsbehandling", f: "traksjon", eur: 20, dur: [15] },
    { t: "Varmepakning (parafango)", f: "medisinske-bad", eur: 15, dur: [20] },
    { t: "Bassengtrening i gruppe", f: "basseng", eur: 20, dur: [45] },
    { t: "Gruppetrening rygg", f: "gruppe", eur: 18, dur: [60] },
    { t: "Akupunktur", f: "akupunktur", eur: 40, dur: [30] },
    { t: "Kinesiotape", f: "ikke-dekket", eur: 8 },
    { t: "Avbestillingsgebyr (sen avbestilling)", f: "ikke-dekket", eur: 30 },
    { t: "Treningsavgift treningssal", f: "ikke-dekket", eur: 35 },
  ],
};

const GIVEN = [
  "Kari",
  "Ola",
  "Bjørn",
  "Åse",
  "Sølvi",
  "Håkon",
  "Jørgen",
  "Mette",
  "Tove",
  "Øystein",
  "Ragnhild",
  "Siv Åshild",
  "Per Øyvind",
  "Randi",
  "Sigbjørn",
  "Grethe",
  "Tor Inge",
  "Ingrid Marie",
  "Ståle",
  "Bodil",
];
const FAMILY = [
  "Bråten",
  "Sæther",
  "Løvås",
  "Hætta",
  "Røed",
  "Dahl",
  "Kvåle",
  "Strømme",
  "Aasheim",
  "Ødegård",
  "Nilsen",
  "Haugen",
  "Brækken",
  "Grønli",
  "Myklebust",
  "Sørensen Lie",
  "Fjærli",
  "Tangen",
];

const THER: Record<Lang, string[]> = {
  es: ["Marta Gil Serrano", "Javier Ortega Nieto", "Nuria Blanco Prieto", "Álvaro Cano Molina", "Rocío Herrera Vidal"],
  sv: ["Johanna Lindqvist", "Erik Sundberg", "Maja Holmgren", "Oskar Wallin", "Sara Åkesson"],
  da: ["Mads Kjærgaard", "Sofie Lindholm", "Rasmus Vestergaard", "Camilla Bøgh", "Anders Thygesen"],
  de: ["Katrin Wiesner", "Tobias Brandt", "Julia Kesselring", "Florian Hübner", "Anja Schröder"],
  pl: ["Agnieszka Wróbel", "Tomasz Kaczmarek", "Magdalena Zając", "Paweł Szymański", "Karolina Dąbrowska"],
  en: ["Rachel Whitmore", "Daniel O'Connor", "Priya Raman", "Thomas Ashby", "Niamh Gallagher"],
  fr: ["Camille Lefèvre", "Julien Moreau", "Élodie Fournier", "Maxime Girard", "Pauline Rousseau"],
  it: ["Chiara Bellini", "Marco Ferrante", "Giulia Rinaldi", "Luca Morandi", "Francesca Galli"],
  nb: ["Ingvild Haugland", "Eirik Solberg", "Marte Vik", "Henrik Aamodt", "Linn Brekke"],
};
interface Clinic {
  name: string;
  street: string;
  pc: string;
  city: string;
  phone: string;
  tax: string; // printed with label
  email: string;
  iban: string;
}
const CLINICS: Record<string, { names: string[]; streets: string[]; cities: [string, string][]; phone: () => string; tax: (r: Rng) => string; iban: string }> = {
  ES: {
    names: ["Fisioterapia Alameda", "Centro de Fisioterapia Costa Azahar", "Clínica FisioSur Estepona", "Fisio & Salud Torrevieja", "Centro Kine Altea"],
    streets: ["Avda. de Andalucía 27, local 3", "C/ Mayor 14, 1º B", "Paseo Marítimo 88", "C/ San Miguel 5"],
    cities: [
      ["29680", "Estepona"],
      ["03590", "Altea"],
      ["03181", "Torrevieja"],
      ["29640", "Fuengirola"],
      ["12100", "Castellón de la Plana"],
    ],
    phone: () => "+34 952 4",
    tax: (r) => `CIF: B${r.int(10000000, 99999999)}`,
    iban: "ES91 2100 0418 4502 0005 1332",
  },
  SE: {
    names: ["Fysiocentrum Söder", "Rehabkliniken Kungsholmen", "Sjukgymnastik Väst AB", "Fysioterapeuterna i Lund"],
    streets: ["Götgatan 46", "Sankt Eriksgatan 12", "Storgatan 3 B", "Kyrkogatan 21"],
    cities: [
      ["118 26", "Stockholm"],
      ["112 34", "Stockholm"],
      ["222 21", "Lund"],
      ["411 08", "Göteborg"],
    ],
    phone: () => "08-",
    tax: (r) => `Org.nr ${r.int(556000, 559999)}-${r.int(1000, 9999)}`,
    iban: "SE45 5000 0000 0583 9825 7466",
  },
  DK: {
    names: ["Fysioterapi Nørrebro", "Klinik for Fysioterapi Vejle", "FysioHuset Aalborg", "Østerbro Fysioterapi ApS"],
    streets: ["Nørrebrogade 112", "Vestergade 7, 1. sal", "Boulevarden 30", "Østerbrogade 64"],
    cities: [
      ["2200", "København N"],
      ["7100", "Vejle"],
      ["9000", "Aalborg"],
      ["2100", "København Ø"],
    ],
    phone: () => "+45 ",
    tax: (r) => `CVR-nr. ${r.int(20000000, 45999999)}`,
    iban: "DK50 0040 0440 1162 43",
  },
  DE: {
    names: ["Physiotherapie am Stadtpark", "Praxis für Physiotherapie Kessler & Roth", "Therapiezentrum Isartal", "Physio Vital Freiburg"],
    streets: ["Parkstraße 19", "Hauptstraße 102", "Lindenallee 4", "Am Marktplatz 8"],
    cities: [
      ["80331", "München"],
      ["79098", "Freiburg im Breisgau"],
      ["50667", "Köln"],
      ["20095", "Hamburg"],
    ],
    phone: () => "Tel. 0",
    tax: (r) => `Steuernr. ${r.int(10, 99)}/${r.int(100, 999)}/${r.int(10000, 99999)}`,
    iban: "DE89 3704 0044 0532 0130 00",
  },
  AT: {
    names: ["Physiotherapie Praxis Donaukanal", "Physio am Mirabellplatz"],
    streets: ["Obere Donaustraße 43", "Mirabellplatz 6"],
    cities: [
      ["1020", "Wien"],
      ["5020", "Salzburg"],
    ],
    phone: () => "Tel. +43 ",
    tax: (r) => `UID: ATU${r.int(10000000, 99999999)}`,
    iban: "AT61 1904 3002 3457 3201",
  },
  PL: {
    names: ["Centrum Rehabilitacji Ruchowa", "Gabinet Fizjoterapii Kręgosłup", "FizjoMed Gdańsk", "Rehabilitacja Zdrowie Kraków"],
    streets: ["ul. Długa 15/3", "ul. Grunwaldzka 210", "al. Jana Pawła II 44", "ul. Floriańska 9"],
    cities: [
      ["80-831", "Gdańsk"],
      ["31-021", "Kraków"],
      ["00-175", "Warszawa"],
      ["50-001", "Wrocław"],
    ],
    phone: () => "tel. +48 ",
    tax: (r) => `NIP: ${r.int(100, 999)}-${r.int(100, 999)}-${r.int(10, 99)}-${r.int(10, 99)}`,
    iban: "PL61 1090 1014 0000 0712 1981 2874",
  },
  GB: {
    names: ["Harbourside Physiotherapy", "Riverside Physio & Sports Injury Clinic", "Hartley Lane Physiotherapy Ltd", "The Back & Joint Clinic"],
    streets: ["14 Quay Street", "Unit 3, Riverside Park", "27 Hartley Lane", "102 High Street"],
    cities: [
      ["BS1 4DJ", "Bristol"],
      ["YO1 7HZ", "York"],
      ["EH3 9QG", "Edinburgh"],
      ["M2 5BQ", "Manchester"],
    ],
    phone: () => "Tel: 0",
    tax: (r) => `VAT Reg. No. GB ${r.int(100, 999)} ${r.int(1000, 9999)} ${r.int(10, 99)}`,
    iban: "GB33 BUKB 2020 1555 5555 55",
  },
  IE: {
    names: ["Claddagh Physiotherapy", "Liffey Physio Clinic"],
    streets: ["5 Dock Road", "41 Ormond Quay Upper"],
    cities: [
      ["H91 X2K7", "Galway"],
      ["D07 F6Y2", "Dublin 7"],
    ],
    phone: () => "Tel: +353 ",
    tax: (r) => `VAT No. IE${r.int(1000000, 9999999)}W`,
    iban: "IE29 AIBK 9311 5212 3456 78",
  },
  MT: {
    names: ["Sliema Physio Centre", "Valletta Physiotherapy Clinic"],
    streets: ["22 Tower Road", "Triq il-Merkanti 17"],
    cities: [
      ["SLM 1605", "Sliema"],
      ["VLT 1175", "Valletta"],
    ],
    phone: () => "Tel: +356 ",
    tax: (r) => `VAT No. MT${r.int(10000000, 99999999)}`,
    iban: "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
  },
  FR: {
    names: ["Cabinet de Kinésithérapie des Arceaux", "Kiné Santé Antibes", "Cabinet Masso-Kinésithérapie Vieux-Port"],
    streets: ["12 boulevard des Arceaux", "3 avenue Robert Soleau", "45 quai de Rive Neuve"],
    cities: [
      ["34000", "Montpellier"],
      ["06600", "Antibes"],
      ["13007", "Marseille"],
    ],
    phone: () => "Tél. 04 ",
    tax: (r) => `SIRET : ${r.int(300, 899)} ${r.int(100, 999)} ${r.int(100, 999)} 000${r.int(10, 99)}`,
    iban: "FR76 3000 6000 0112 3456 7890 189",
  },
  IT: {
    names: ["Studio di Fisioterapia Borgo Pinti", "Centro Riabilitativo San Marco", "FisioLab Sanremo"],
    streets: ["Borgo Pinti 36", "Via Roma 118", "Corso Garibaldi 7"],
    cities: [
      ["50121", "Firenze"],
      ["30124", "Venezia"],
      ["18038", "Sanremo"],
    ],
    phone: () => "Tel. 0",
    tax: (r) => `P.IVA ${r.int(10000000000, 99999999999)}`,
    iban: "IT60 X054 2811 1010 0000 0123 456",
  },
};
const ES_NB_CLINICS = ["Norsk Fysioterapi Costa Blanca", "Fysioklinikken Alfaz del Pi", "Den norske fysioterapeuten Marbella", "Nordic Fysio Torrevieja"];

function makeClinic(rng: Rng, country: string, lang: Lang): Clinic {
  const c = CLINICS[country]!;
  const [pc, city] = rng.pick(c.cities);
  const name = lang === "nb" ? rng.pick(ES_NB_CLINICS) : rng.pick(c.names);
  const digits = () => `${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`;
  const phone =
    country === "SE"
      ? `08-${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`
      : country === "DK"
        ? `+45 ${rng.int(20, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}`
        : c.phone() + digits();
  const slug = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z]/g, "")
    .slice(0, 16);
  const tld: Record<string, string> = { ES: "es", SE: "se", DK: "dk", DE: "de", AT: "at", PL: "pl", GB: "co.uk", IE: "ie", MT: "com.mt", FR: "fr", IT: "it" };
  return { name, street: rng.pick(c.streets), pc, city, phone, tax: c.tax(rng), email: `post@${slug}.${tld[country]}`, iban: c.iban };
}

// ---------------------------------------------------------------- labels
const LBL = {
  es: {
    invoice: "FACTURA",
    receipt: "RECIBO",
    patient: "Paciente",
    born: "Fecha de nacimiento",
    date: "Fecha",
    desc: "Concepto",
    dur: "Duración",
    qty: "Cant.",
    unit: "Precio unit.",
    amount: "Importe",
    total: "TOTAL",
    subtotal: "Subtotal del día",
    due: "Fecha de vencimiento",
    period: "Periodo de tratamiento",
    issue: "Fecha de emisión",
    therapist: "Fisioterapeuta",
    colno: "Nº col.",
    vat: "IVA",
    net: "Base imponible",
    gross: "Total factura",
    exempt: "Operación exenta de IVA según art. 20.Uno.3º de la Ley 37/1992.",
    cf: "Suma y sigue",
    bf: "Suma anterior",
    sessions: "Sesiones",
    dx: "Diagnóstico",
    pay: "Forma de pago",
    card: "Tarjeta",
    cash: "Efectivo",
    thanks: "Gracias por su visita",
    page: "Página",
    treatment: "Tratamiento",
    days: "Días de tratamiento",
  },
  sv: {
    invoice: "FAKTURA",
    receipt: "KVITTO",
    patient: "Patient",
    born: "Födelsedatum",
    date: "Datum",
    desc: "Behandling",
    dur: "Tid",
    qty: "Antal",
    unit: "À-pris",
    amount: "Belopp",
    total: "Att betala",
    subtotal: "Summa dag",
    due: "Förfallodatum",
    period: "Behandlingsperiod",
    issue: "Fakturadatum",
    therapist: "Fysioterapeut",
    colno: "Leg.nr",
    vat: "Moms",
    net: "Netto",
    gross: "Totalt",
    exempt: "Momsfri sjukvård enligt 3 kap. 4 § ML.",
    cf: "Att överföra",
    bf: "Överfört",
    sessions: "Behandlingar",
    dx: "Diagnos",
    pay: "Betalsätt",
    card: "Kort",
    cash: "Kontant",
    thanks: "Tack för besöket",
    page: "Sida",
    treatment: "Behandling",
    days: "Behandlingsdagar",
  },
  da: {
    invoice: "FAKTURA",
    receipt: "KVITTERING",
    patient: "Patient",
    born: "Fødselsdato",
    date: "Dato",
    desc: "Ydelse",
    dur: "Varighed",
    qty: "Antal",
    unit: "Stk.pris",
    amount: "Beløb",
    total: "I alt",
    subtotal: "Dagens sum",
    due: "Forfaldsdato",
    period: "Behandlingsperiode",
    issue: "Fakturadato",
    therapist: "Fysioterapeut",
    colno: "Aut.-ID",
    vat: "Moms",
    net: "Netto",
    gross: "Total inkl. moms",
    exempt: "Momsfritaget sundhedsydelse, jf. momslovens § 13, stk. 1, nr. 1.",
    cf: "Transport",
    bf: "Transport",
    sessions: "Behandlinger",
    dx: "Diagnose",
    pay: "Betaling",
    card: "Dankort",
    cash: "Kontant",
    thanks: "Tak for besøget",
    page: "Side",
    treatment: "Behandling",
    days: "Behandlingsdage",
  },
  de: {
    invoice: "RECHNUNG",
    receipt: "QUITTUNG",
    patient: "Patient/in",
    born: "Geburtsdatum",
    date: "Datum",
    desc: "Leistung",
    dur: "Dauer",
    qty: "Menge",
    unit: "Einzelpreis",
    amount: "Betrag",
    total: "Gesamtbetrag",
    subtotal: "Tagessumme",
    due: "Zahlbar bis",
    period: "Behandlungszeitraum",
    issue: "Rechnungsdatum",
    therapist: "Therapeut/in",
    colno: "Reg.-Nr.",
    vat: "USt.",
    net: "Nettobetrag",
    gross: "Bruttobetrag",
    exempt: "Umsatzsteuerfrei gemäß § 4 Nr. 14 UStG.",
    cf: "Übertrag",
    bf: "Übertrag",
    sessions: "Behandlungen",
    dx: "Diagnose",
    pay: "Zahlungsart",
    card: "EC-Karte",
    cash: "Bar",
    thanks: "Vielen Dank für Ihren Besuch",
    page: "Seite",
    treatment: "Behandlung",
    days: "Behandlungstage",
  },
  pl: {
    invoice: "RACHUNEK",
    receipt: "PARAGON",
    patient: "Pacjent",
    born: "Data urodzenia",
    date: "Data",
    desc: "Nazwa usługi",
    dur: "Czas",
    qty: "Ilość",
    unit: "Cena jedn.",
    amount: "Wartość",
    total: "Razem do zapłaty",
    subtotal: "Suma dnia",
    due: "Termin płatności",
    period: "Okres leczenia",
    issue: "Data wystawienia",
    therapist: "Fizjoterapeuta",
    colno: "PWZFz",
    vat: "VAT",
    net: "Wartość netto",
    gross: "Wartość brutto",
    exempt: "Zwolnienie z VAT na podstawie art. 43 ust. 1 pkt 19 ustawy o VAT.",
    cf: "Suma z przeniesienia",
    bf: "Z przeniesienia",
    sessions: "Zabiegi",
    dx: "Rozpoznanie",
    pay: "Forma płatności",
    card: "Karta",
    cash: "Gotówka",
    thanks: "Dziękujemy za wizytę",
    page: "Strona",
    treatment: "Zabieg",
    days: "Dni zabiegowe",
  },
  en: {
    invoice: "INVOICE",
    receipt: "RECEIPT",
    patient: "Patient",
    born: "Date of birth",
    date: "Date",
    desc: "Description",
    dur: "Duration",
    qty: "Qty",
    unit: "Unit price",
    amount: "Amount",
    total: "Total due",
    subtotal: "Day subtotal",
    due: "Due date",
    period: "Treatment period",
    issue: "Issue date",
    therapist: "Physiotherapist",
    colno: "HCPC No.",
    vat: "VAT",
    net: "Net",
    gross: "Gross total",
    exempt: "Physiotherapy services are exempt from VAT.",
    cf: "Carried forward",
    bf: "Brought forward",
    sessions: "Sessions",
    dx: "Diagnosis",
    pay: "Payment",
    card: "Card",
    cash: "Cash",
    thanks: "Thank you for visiting",
    page: "Page",
    treatment: "Treatment",
    days: "Treatment days",
  },
  fr: {
    invoice: "FACTURE",
    receipt: "REÇU",
    patient: "Patient(e)",
    born: "Date de naissance",
    date: "Date",
    desc: "Acte",
    dur: "Durée",
    qty: "Qté",
    unit: "Prix unitaire",
    amount: "Montant",
    total: "Total à payer",
    subtotal: "Sous-total du jour",
    due: "Date d'échéance",
    period: "Période de soins",
    issue: "Date de facturation",
    therapist: "Masseur-kinésithérapeute",
    colno: "N° RPPS",
    vat: "TVA",
    net: "Total HT",
    gross: "Total TTC",
    exempt: "TVA non applicable, article 261-4-1° du CGI.",
    cf: "À reporter",
    bf: "Report",
    sessions: "Séances",
    dx: "Diagnostic",
    pay: "Règlement",
    card: "Carte bancaire",
    cash: "Espèces",
    thanks: "Merci de votre visite",
    page: "Page",
    treatment: "Soin",
    days: "Jours de soins",
  },
  it: {
    invoice: "FATTURA",
    receipt: "RICEVUTA",
    patient: "Paziente",
    born: "Data di nascita",
    date: "Data",
    desc: "Prestazione",
    dur: "Durata",
    qty: "Q.tà",
    unit: "Prezzo unit.",
    amount: "Importo",
    total: "Totale",
    subtotal: "Totale giornaliero",
    due: "Scadenza",
    period: "Periodo di trattamento",
    issue: "Data fattura",
    therapist: "Fisioterapista",
    colno: "Iscr. Albo n.",
    vat: "IVA",
    net: "Imponibile",
    gross: "Totale documento",
    exempt: "Operazione esente IVA ai sensi dell'art. 10, n. 18, DPR 633/1972.",
    cf: "A riportare",
    bf: "Riporto",
    sessions: "Sedute",
    dx: "Diagnosi",
    pay: "Pagamento",
    card: "Bancomat",
    cash: "Contanti",
    thanks: "Grazie della visita",
    page: "Pagina",
    treatment: "Trattamento",
    days: "Giorni di trattamento",
  },
  nb: {
    invoice: "FAKTURA",
    receipt: "KVITTERING",
    patient: "Pasient",
    born: "Fødselsdato",
    date: "Dato",
    desc: "Behandling",
    dur: "Varighet",
    qty: "Antall",
    unit: "Enhetspris",
    amount: "Beløp",
    total: "Totalt å betale",
    subtotal: "Sum dag",
    due: "Forfallsdato",
    period: "Behandlingsperiode",
    issue: "Fakturadato",
    therapist: "Fysioterapeut",
    colno: "Nº col.",
    vat: "MVA",
    net: "Netto",
    gross: "Brutto",
    exempt: "Fritatt for merverdiavgift (IVA exento, art. 20 Ley 37/1992).",
    cf: "Overført",
    bf: "Overført fra forrige side",
    sessions: "Behandlinger",
    dx: "Diagnose",
    pay: "Betalingsmåte",
    card: "Kort",
    cash: "Kontant",
    thanks: "Takk for besøket",
    page: "Side",
    treatment: "Behandling",
    days: "Behandlingsdager",
  },
} satisfies Record<Lang, Record<string, string>>;
// alternative issue-date labels (F6) and invoice number label/shape generators (F8)
const ISSUE_ALT: Record<Lang, string[]> = {
  es: ["Fecha de emisión", "Fecha factura", "Fecha"],
  sv: ["Fakturadatum", "Datum"],
  da: ["Fakturadato", "Udstedt"],
  de: ["Ausstellungsdatum", "Rechnungsdatum", "Datum"],
  pl: ["Data wystawienia"],
  en: ["Issue date", "Date of issue", "Invoice date"],
  fr: ["Date de facturation", "Date d'émission"],
  it: ["Data fattura", "Data emissione"],
  nb: ["Fakturadato", "Utstedt"],
};
function invNo(rng: Rng, lang: Lang, date: string): { label: string; no: string } {
  const [y, m, d] = ymd(date);
  const yy = String(y).slice(2);
  const n3 = rng.int(11, 480);
  const opts: Record<Lang, (() => { label: string; no: string })[]> = {
    es: [
      () => ({ label: "Nº fra.:", no: `F-${y}/${n3}` }),
      () => ({ label: "Factura nº", no: `${y}-${p2(rng.int(1, 9))}${n3}` }),
      () => ({ label: "Núm. factura:", no: `A/${yy}/${String(n3).padStart(4, "0")}` }),
    ],
    de: [() => ({ label: "Rechnungs-Nr.", no: `RE-${yy}/${String(n3).padStart(4, "0")}` }), () => ({ label: "Rechnungsnummer:", no: `${y}-${String(n3).padStart(4, "0")}` })],
    en: [
      () => ({ label: "Invoice No.: #", no: `${y}-${String(n3).padStart(4, "0")}` }),
      () => ({ label: "Invoice number", no: `INV-${String(rng.int(100, 9999)).padStart(6, "0")}` }),
    ],
    pl: [() => ({ label: "Faktura nr:", no: `${y}/${p2(m)}/${p2(d)}` }), () => ({ label: "Rachunek nr", no: `${n3}/${p2(m)}/${y}` })],
    sv: [() => ({ label: "Fakturanr:", no: `${yy}${p2(m)}${n3}` }), () => ({ label: "Fakturanummer", no: `${y}-${n3}` })],
    da: [() => ({ label: "Fakturanr.:", no: String(rng.int(10000, 39999)) }), () => ({ label: "Faktura nr.", no: `${y}-${String(n3).padStart(4, "0")}` })],
    fr: [() => ({ label: "Facture n°", no: `FA-${y}-${String(n3).padStart(4, "0")}` }), () => ({ label: "N° de facture :", no: `${y}/${n3}` })],
    it: [() => ({ label: "Fattura n.", no: `${n3}/${y}` }), () => ({ label: "Ricevuta sanitaria n.", no: `${n3}/A` })],
    nb: [() => ({ label: "Fakturanr.:", no: `${y}-${n3}` }), () => ({ label: "Kvittering nr.", no: String(rng.int(1000, 9999)) })],
  };
  return rng.pick(opts[lang])();
}

// ---------------------------------------------------------------- diagnoses
const DX: { code: string; t: Record<Lang, string> }[] = [
  {
    code: "M54.5",
    t: {
      es: "Lumbalgia",
      sv: "Ländryggssmärta",
      da: "Lændesmerter",
      de: "Kreuzschmerz",
      pl: "Ból krzyża",
      en: "Low back pain",
      fr: "Lombalgie",
      it: "Lombalgia",
      nb: "Korsryggsmerter",
    },
  },
  {
    code: "M54.2",
    t: {
      es: "Cervicalgia",
      sv: "Cervikalgi",
      da: "Nakkesmerter",
      de: "Zervikalneuralgie",
      pl: "Ból odcinka szyjnego kręgosłupa",
      en: "Cervicalgia",
      fr: "Cervicalgie",
      it: "Cervicalgia",
      nb: "Nakkesmerter",
    },
  },
  {
    code: "M75.1",
    t: {
      es: "Síndrome del manguito rotador",
      sv: "Rotatorkuffsyndrom",
      da: "Rotator cuff-syndrom",
      de: "Läsionen der Rotatorenmanschette",
      pl: "Zespół stożka rotatorów",
      en: "Rotator cuff syndrome",
      fr: "Syndrome de la coiffe des rotateurs",
      it: "Sindrome della cuffia dei rotatori",
      nb: "Rotatorcuffsyndrom",
    },
  },
  {
    code: "M17.1",
    t: {
      es: "Gonartrosis primaria",
      sv: "Primär knäartros",
      da: "Primær knæartrose",
      de: "Primäre Gonarthrose",
      pl: "Pierwotna choroba zwyrodnieniowa stawu kolanowego",
      en: "Primary osteoarthritis of knee",
      fr: "Gonarthrose primaire",
      it: "Gonartrosi primaria",
      nb: "Primær kneartrose",
    },
  },
  {
    code: "S93.4",
    t: {
      es: "Esguince de tobillo",
      sv: "Fotledsdistorsion",
      da: "Forstuvning af ankel",
      de: "Distorsion des oberen Sprunggelenks",
      pl: "Skręcenie stawu skokowego",
      en: "Sprain of ankle",
      fr: "Entorse de la cheville",
      it: "Distorsione della caviglia",
      nb: "Forstuing av ankel",
    },
  },
  {
    code: "M77.1",
    t: {
      es: "Epicondilitis lateral",
      sv: "Lateral epikondylit",
      da: "Tennisalbue",
      de: "Epicondylitis radialis humeri",
      pl: "Łokieć tenisisty",
      en: "Lateral epicondylitis",
      fr: "Épicondylite latérale",
      it: "Epicondilite laterale",
      nb: "Lateral epikondylitt",
    },
  },
];

// ---------------------------------------------------------------- shared helpers for documents
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const FONTS = ["'Liberation Sans'", "'Liberation Serif'", "'DejaVu Sans'", "'DejaVu Serif'", "'Liberation Sans Narrow'", "'DejaVu Sans Condensed'"];
const ACCENTS = ["#1d4e89", "#2a6f4e", "#7a2e3a", "#444", "#005f73", "#6b4c9a", "#9a5b13"];

interface Person {
  given: string;
  family: string;
  birth: string | null;
}
interface Ctx {
  rng: Rng;
  lang: Lang;
  country: string;
  cur: string;
  curMode: CurMode;
  clinic: Clinic;
  ther: { name: string; auth: string | null; showAuth: boolean };
  patient: Person;
  font: string;
  fs: number;
  accent: string;
  durMode: "column" | "text" | "none";
  L: (typeof LBL)[Lang];
}
function canonical(p: Person) {
  return `${p.given} ${p.family}`;
}
function printedName(rng: Rng, p: Person): string {
  const k = rng.int(0, 2);
  if (k === 0) return `${p.family.toUpperCase()}, ${p.given}`;
  if (k === 1) return `${p.given} ${p.family}`.toUpperCase();
  return `${p.given} ${p.family}`;
}
function therAuth(rng: Rng, country: string): string {
  switch (country) {
    case "ES":
      return String(rng.int(1200, 16999));
    case "SE":
      return String(rng.int(100000, 999999));
    case "DK":
      return Array.from({ length: 5 }, () => rng.pick("ABCDEFGHJKLMNPQRSTUVXYZ0123456789".split(""))).join("");
    case "DE":
    case "AT":
      return `PT-${rng.int(2008, 2021)}-${rng.int(100, 999)}`;
    case "PL":
      return String(rng.int(10000, 79999));
    case "GB":
      return `PH${rng.int(10000, 199999)}`;
    case "IE":
      return `PT${String(rng.int(1000, 29999)).padStart(6, "0")}`;
    case "MT":
      return String(rng.int(100, 999));
    case "FR":
      return `10${rng.int(100000000, 999999999)}`;
    case "IT":
      return String(rng.int(100, 4999));
    case "NO":
      return String(rng.int(1000000, 9999999));
  }
  return String(rng.int(1000, 9999));
}

/** pick weekdays (Mon–Fri) starting at start, count n, with gaps */
function sessionDates(rng: Rng, start: string, n: number, gapMax = 4): string[] {
  const out: string[] = [];
  let d = start;
  while (dow(d) === 0 || dow(d) === 6) d = addDays(d, 1);
  while (out.length < n) {
    out.push(d);
    d = addDays(d, rng.int(1, gapMax));
    while (dow(d) === 0 || dow(d) === 6) d = addDays(d, 1);
  }
  return out;
}
function randStart(rng: Rng): string {
  return addDays("2024-09-02", rng.int(0, 260));
}

function baseCss(c: Ctx, extra = ""): string {
  return `*{box-sizing:border-box}html,body{margin:0;padding:0;background:#fff}
.page{width:794px;height:1123px;padding:54px 62px 40px;position:relative;overflow:hidden;background:#fff;font-family:${c.font},sans-serif;font-size:${c.fs}px;color:#161616;line-height:1.32;break-after:page;page-break-after:always}
.page:last-child{break-after:auto;page-break-after:auto}
table{border-collapse:collapse;width:100%}td,th{padding:3px 6px;text-align:left;vertical-align:top}th{font-weight:bold}
.r{text-align:right!important}.c{text-align:center!important}.small{font-size:0.82em}.muted{color:#555}.b{font-weight:bold}
.markslot{position:relative;height:118px}.acc{color:${c.accent}}
h1,h2,h3{margin:0}
${extra}`;
}
/** amount cell text */
function amt(c: Ctx, cents: number): string {
  return c.curMode === "symbol" ? withSym(cents, c.lang, c.cur) : numFmt(cents, c.lang);
}
/** total text, e.g. "245,00 €" / "245,00 euro" / "245,00" */
function totalTxt(c: Ctx, cents: number): string {
  if (c.curMode === "symbol") return withSym(cents, c.lang, c.cur);
  if (c.curMode === "word") return `${numFmt(cents, c.lang)} ${CUR_WORD[c.cur]![c.lang] ?? CUR_WORD[c.cur]!._}`;
  return numFmt(cents, c.lang);
}
/** column header of the amount column */
function amtHead(c: Ctx, label = c.L.amount): string {
  return c.curMode === "iso-header" ? `${label} (${c.cur})` : label;
}
function clinicBlock(c: Ctx, align: "left" | "right" = "left", big = true): string {
  const k = c.clinic;
  return `<div style="text-align:${align}"><div class="${big ? "acc" : ""}" style="font-size:${big ? 1.55 : 1.1}em;font-weight:bold">${esc(k.name)}</div>
<div>${esc(k.street)}</div><div>${esc(k.pc)} ${esc(k.city)}</div><div class="small">${esc(k.phone)} · ${esc(k.email)}</div><div class="small">${esc(k.tax)}</div></div>`;
}
function patientBlock(c: Ctx, align: "left" | "right" = "left", showBirth = true): string {
  const p = c.patient;
  return `<div style="text-align:${align}"><div class="small muted">${esc(c.L.patient)}</div><div class="b">${esc(printedName(c.rng, p))}</div>
${showBirth && p.birth ? `<div>${esc(c.L.born)}: ${esc(dNum(p.birth, c.lang))}</div>` : ""}<div class="small">Norge / Norway</div></div>`;
}
function therapistLine(c: Ctx): string {
  return `<div style="margin-top:8px">${esc(c.L.therapist)}: ${esc(c.ther.name)}${c.ther.showAuth && c.ther.auth ? `, ${esc(c.L.colno)} ${esc(c.ther.auth)}` : ""}</div>`;
}
/** description text and duration for a treatment under the doc's duration mode */
function descOf(c: Ctx, tr: Tr, dur: number | null): { text: string; dur: number | null; col: string } {
  if (!tr.dur || dur == null || c.durMode === "none") return { text: tr.t, dur: null, col: "" };
  if (c.durMode === "text") return { text: `${tr.t} (${dur} min)`, dur, col: "" };
  return { text: tr.t, dur, col: `${dur} min` };
}
function pickTreatments(rng: Rng, lang: Lang, nCovered: number, extra: boolean): Tr[] {
  const all = TR[lang];
  const covered = all.filter((t) => t.f !== "ikke-dekket" && t.f !== "akupunktur" && t.f !== "undersokelse");
  const main = covered.filter((t) => t.f === "ovelsesbehandling" || t.f === "manuellterapi");
  const first = rng.pick(main);
  const chosen = [first, ...rng.shuffle(covered.filter((t) => t !== first)).slice(0, nCovered - 1)];
  if (extra) chosen.push(rng.pick(all.filter((t) => t.f === "ikke-dekket" || t.f === "akupunktur")));
  return chosen;
}
const exam = (lang: Lang) => TR[lang].find((t) => t.f === "undersokelse")!;

function metaBlock(c: Ctx, rows: [string, string][], align: "left" | "right" = "left"): string {
  return `<table style="width:auto;${align === "right" ? "margin-left:auto" : ""}">${rows.map(([a, b]) => `<tr><td class="muted" style="padding:1px 8px 1px 0">${esc(a)}</td><td class="b" style="padding:1px 0">${esc(b)}</td></tr>`).join("")}</table>`;
}
function headerPair(c: Ctx, title: string, metaRows: [string, string][]): string {
  // two-column header: clinic left / patient right, or the reverse
  const swap = c.rng.chance(0.5);
  const left = swap ? patientBlock(c) : clinicBlock(c);
  const right = swap ? clinicBlock(c, "right") : patientBlock(c, "right");
  return `<div style="display:flex;justify-content:space-between;gap:30px">${left}${right}</div>
<div style="display:flex;justify-content:space-between;align-items:flex-end;margin:26px 0 14px"><h1 class="acc" style="font-size:1.9em;letter-spacing:1px">${esc(title)}</h1>${metaBlock(c, metaRows, "right")}</div>`;
}
function footer(c: Ctx, extra = ""): string {
  return `<div style="position:absolute;left:62px;right:62px;bottom:30px;border-top:1px solid #bbb;padding-top:5px" class="small muted">${esc(c.clinic.name)} · ${esc(c.clinic.street)}, ${esc(c.clinic.pc)} ${esc(c.clinic.city)} · IBAN ${esc(c.clinic.iban)}${extra}</div>`;
}

interface InvResult {
  pages: string[];
  lines: Line[];
  invoiceNumber: string;
  invoiceDate: string;
  diagnosis: { code: string | null; text: string | null } | null;
  extraCss?: string;
  receipt?: boolean;
  therapistPrinted: boolean;
}

// ================================================================ invoice families
/** F1: lines grouped under date headings with a day subtotal */
function famDateGroups(c: Ctx): InvResult {
  const { rng, lang, L } = c;
  const nDays = rng.int(3, 6);
  const dates = sessionDates(rng, randStart(rng), nDays);
  const trs = pickTreatments(rng, lang, 2, false);
  const lines: Line[] = [];
  const headStyle = rng.int(0, 2);
  const pr = new Map<Tr, number>();
  const durs = new Map<Tr, number>();
  let body = "";
  dates.forEach((d, i) => {
    const items: Tr[] = i === 0 && rng.chance(0.6) ? [exam(lang)] : trs.slice(0, rng.int(1, trs.length));
    if (i === dates.length - 1 && rng.chance(0.4)) items.push(rng.pick(TR[lang].filter((t) => t.f === "ikke-dekket")));
    const head = headStyle === 0 ? dWords(d, lang, true) : headStyle === 1 ? dShortWd(d, lang) : dWords(d, lang, true).replace(/^./, (x) => x.toUpperCase());
    body += `<tr><td colspan="${c.durMode === "column" ? 3 : 2}" class="b acc" style="padding-top:12px;border-bottom:1px solid ${c.accent}">${esc(head)}</td></tr>`;
    let sub = 0;
    for (const tr of items) {
      if (!pr.has(tr)) pr.set(tr, price(rng, c.cur, tr.eur));
      if (tr.dur && !durs.has(tr)) durs.set(tr, rng.pick(tr.dur));
      const cents = pr.get(tr)!;
      const ds = descOf(c, tr, durs.get(tr) ?? null);
      sub += cents;
      lines.push({ date: d, treatmentForm: tr.f, description: ds.text, durationMinutes: ds.dur, amount: cents / 100 });
      body += `<tr><td style="padding-left:22px">${esc(ds.text)}</td>${c.durMode === "column" ? `<td>${esc(ds.col)}</td>` : ""}<td class="r">${esc(amt(c, cents))}</td></tr>`;
    }
    body += `<tr><td class="r small muted" colspan="${c.durMode === "column" ? 2 : 1}">${esc(L.subtotal)}</td><td class="r small muted" style="border-top:1px dotted #888">${esc(amt(c, sub))}</td></tr>`;
  });
  const total = lines.reduce((s, l) => s + Math.round(l.amount * 100), 0);
  const invDate = addDays(dates[dates.length - 1]!, rng.int(0, 6));
  const inr = invNo(rng, lang, invDate);
  const meta: [string, string][] = [
    [inr.label.replace(/ ?#$/, ""), inr.no],
    [L.issue, dNum(invDate, lang)],
  ];
  const showDx = rng.chance(0.35);
  const dx = rng.pick(DX);
  const page = `${headerPair(c, L.invoice, meta)}
${showDx ? `<div>${esc(L.dx)}: ${esc(dx.code)} ${esc(dx.t[lang])}</div>` : ""}
<table style="margin-top:10px"><tr style="border-bottom:2px solid #333"><th>${esc(L.desc)}</th>${c.durMode === "column" ? `<th>${esc(L.dur)}</th>` : ""}<th class="r">${esc(amtHead(c))}</th></tr>${body}
<tr><td colspan="${c.durMode === "column" ? 2 : 1}" class="b r" style="padding-top:12px;font-size:1.15em">${esc(L.total)}</td><td class="b r" style="padding-top:12px;font-size:1.15em;border-top:2px solid #333">${esc(totalTxt(c, total))}</td></tr></table>
${therapistLine(c)}<div class="markslot"></div>${footer(c)}`;
  return { pages: [page], lines, invoiceNumber: inr.no, invoiceDate: invDate, diagnosis: showDx ? { code: dx.code, text: dx.t[lang] } : null, therapistPrinted: true };
}

/** F2: calendar grid treatments × dates with x marks */
function famCalendar(c: Ctx): InvResult {
  const { rng, lang, L } = c;
  const nDates = rng.int(5, 9);
  const dates = sessionDates(rng, randStart(rng), nDates, 3);
  const trs = pickTreatments(rng, lang, rng.int(2, 3), rng.chance(0.5));
  const rows = trs.map((tr) => {
    const cents = price(rng, c.cur, tr.eur);
    const dur = tr.dur ? rng.pick(tr.dur) : null;
    // marks: the first treatment every date, others on a subset
    return { tr, cents, dur, marks: dates.map((_, i) => (tr === trs[0] ? true : tr.f === "ikke-dekket" || tr.f === "akupunktur" ? i === 1 : rng.chance(0.55))) };
  });
  const gridMode = c.durMode === "column" ? "text" : c.durMode; // no separate duration column in the grid
  const cc: Ctx = { ...c, durMode: gridMode };
  const lines: Line[] = [];
  for (const r of rows) {
    const ds = descOf(cc, r.tr, r.dur);
    r.marks.forEach((m, i) => {
      if (m) lines.push({ date: dates[i]!, treatmentForm: r.tr.f, description: ds.text, durationMinutes: ds.dur, amount: r.cents / 100 });
    });
  }
  const total = lines.reduce((s, l) => s + Math.round(l.amount * 100), 0);
  const [y] = ymd(dates[0]!);
  const sameYear = dates.every((d) => ymd(d)[0] === y);
  const colHead = (d: string) => {
    const [yy, m, dd] = ymd(d);
    const base = lang === "sv" ? `${dd}/${m}` : lang === "en" || lang === "es" || lang === "fr" || lang === "it" ? `${p2(dd)}/${p2(m)}` : `${p2(dd)}.${p2(m)}.`;
    return sameYear ? base : `${base}${lang === "sv" || ["en", "es", "fr", "it"].includes(lang) ? "/" : ""}${String(yy).slice(2)}`;
  };
  const yearNote = sameYear ? ` ${y}` : "";
  const mark = rng.pick(["x", "X", "×"]);
  const grid = `<table style="margin-top:8px;font-size:0.92em;border:1px solid #555"><tr style="background:#eee"><th style="border:1px solid #777">${esc(L.treatment)}</th><th class="r" style="border:1px solid #777">${esc(c.curMode === "iso-header" ? `${L.unit} (${c.cur})` : L.unit)}</th>${dates.map((d) => `<th class="c" style="border:1px solid #777;width:44px">${esc(colHead(d))}</th>`).join("")}<th class="r" style="border:1px solid #777">${esc(amtHead(c))}</th></tr>
${rows
  .map((r) => {
    const ds = descOf(cc, r.tr, r.dur);
    const n = r.marks.filter(Boolean).length;
    return `<tr><td style="border:1px solid #999">${esc(ds.text)}</td><td class="r" style="border:1px solid #999">${esc(amt(c, r.cents))}</td>${r.marks.map((m) => `<td class="c" style="border:1px solid #999">${m ? mark : ""}</td>`).join("")}<td class="r" style="border:1px solid #999">${esc(amt(c, r.cents * n))}</td></tr>`;
  })
  .join("")}
<tr><td colspan="${dates.length + 2}" class="r b" style="border:1px solid #999">${esc(L.total)}</td><td class="r b" style="border:1px solid #999">${esc(totalTxt(c, total))}</td></tr></table>`;
  const invDate = addDays(dates[dates.length - 1]!, rng.int(1, 9));
  const inr = invNo(rng, lang, invDate);
  const clinicTop = rng.chance(0.5);
  const page = `${clinicTop ? `<div style="text-align:center;border-bottom:3px double ${c.accent};padding-bottom:8px">${clinicBlock(c, "left").replace("text-align:left", "text-align:center")}</div>` : ""}
<div style="display:flex;justify-content:space-between;margin-top:22px"><div>${patientBlock(c)}</div><div>${metaBlock(c, [
    [inr.label.replace(/ ?#$/, ""), inr.no],
    [rng.pick(ISSUE_ALT[lang]), dNum(invDate, lang)],
    [L.due, dNum(addDays(invDate, rng.pick([14, 30])), lang)],
  ])}</div></div>
${clinicTop ? "" : `<div style="margin-top:18px">${clinicBlock(c)}</div>`}
<h2 class="acc" style="margin-top:24px">${esc(L.invoice)} — ${esc(L.days)}${esc(yearNote)}</h2>
${grid}
${therapistLine(c)}<div class="markslot"></div>${footer(c)}`;
  return { pages: [page], lines, invoiceNumber: inr.no, invoiceDate: invDate, diagnosis: null, therapistPrinted: true };
}

/** F3: summary rows, "6 × Treatment 45 min" with dates printed (expanded) or only a period (count) */
function famSummary(c: Ctx): InvResult {
  const { rng, lang, L } = c;
  const start = randStart(rng);
  const trs = pickTreatments(rng, lang, rng.int(2, 3), rng.chance(0.4));
  const lines: Line[] = [];
  let body = "";
  let total = 0;
  let last = start;
  const sep = rng.pick(["×", "x", "x "]);
  trs.forEach((tr, idx) => {
    const single = tr.f === "ikke-dekket" || tr.f === "akupunktur";
    const n = single ? 1 : rng.int(2, 8);
    const dates = sessionDates(rng, addDays(start, idx), n, 3);
    last = dates[dates.length - 1]! > last ? dates[dates.length - 1]! : last;
    const cents = price(rng, c.cur, tr.eur);
    const dur = tr.dur ? rng.pick(tr.dur) : null;
    // here "text" duration is written without parentheses: "Sesión de fisioterapia 45 min"
    const withDur = c.durMode !== "none" && dur != null;
    const text = withDur ? `${tr.t} ${dur} min` : tr.t;
    const expanded = n === 1 || rng.chance(0.55);
    const rowTotal = cents * n;
    total += rowTotal;
    const qtyTxt = n > 1 ? `${n} ${sep.trim()} ` : "";
    let sub: string;
    if (expanded) {
      for (const d of dates) lines.push({ date: d, treatmentForm: tr.f, description: text, durationMinutes: withDur ? dur : null, amount: cents / 100 });
      sub = `${esc(L.sessions)}: ${dates.map((d) => esc(dNum(d, lang))).join(", ")}`;
    } else {
      lines.push({ date: dates[0]!, treatmentForm: tr.f, description: text, durationMinutes: withDur ? dur : null, amount: rowTotal / 100, count: n });
      sub = `${esc(L.period)}: ${esc(dNum(dates[0]!, lang))} – ${esc(dNum(dates[dates.length - 1]!, lang))}`;
    }
    body += `<tr style="border-top:1px solid #aaa"><td class="b">${esc(qtyTxt + text)}</td><td class="r">${n > 1 ? esc(amt(c, cents)) : ""}</td><td class="r">${esc(amt(c, rowTotal))}</td></tr>
<tr><td colspan="3" class="small muted" style="padding:0 6px 8px 18px">${sub}</td></tr>`;
  });
  const invDate = addDays(last, rng.int(0, 5));
  const inr = invNo(rng, lang, invDate);
  const showBirth = rng.chance(0.6);
  const page = `<div style="display:flex;justify-content:space-between;align-items:flex-start">${clinicBlock(c)}<div style="text-align:right"><h1 style="font-size:2.2em;color:${c.accent}">${esc(L.invoice)}</h1>${metaBlock(
    c,
    [
      [inr.label.replace(/ ?#$/, ""), inr.no],
      [rng.pick(ISSUE_ALT[lang]), dNum(invDate, lang)],
    ],
    "right",
  )}</div></div>
<div style="margin:30px 0 20px;padding:10px 14px;background:#f3f3f3;width:60%">${patientBlock(c, "left", showBirth)}</div>
<table><tr style="border-bottom:2px solid ${c.accent}"><th>${esc(L.desc)}</th><th class="r">${esc(c.curMode === "iso-header" ? `${L.unit} (${c.cur})` : L.unit)}</th><th class="r">${esc(amtHead(c))}</th></tr>${body}
<tr style="border-top:2px solid #333"><td class="b" colspan="2" style="padding-top:8px">${esc(L.total)}</td><td class="r b" style="padding-top:8px">${esc(totalTxt(c, total))}</td></tr></table>
${therapistLine(c)}<div class="markslot"></div>${footer(c)}`;
  return { pages: [page], lines, invoiceNumber: inr.no, invoiceDate: invDate, diagnosis: null, therapistPrinted: true };
}

/** F4: two-page table with carried-forward subtotal */
function famMultipage(c: Ctx): InvResult {
  const { rng, lang, L } = c;
  const dates = sessionDates(rng, randStart(rng), rng.int(14, 18), 3);
  const trs = pickTreatments(rng, lang, 2, false);
  const durs = new Map<Tr, number>();
  const prices = new Map<Tr, number>();
  const lines: Line[] = [];
  const ex = exam(lang);
  dates.forEach((d, i) => {
    const items = i === 0 ? [ex, trs[0]!] : rng.chance(0.55) ? trs : [trs[0]!];
    for (const tr of items) {
      if (!prices.has(tr)) prices.set(tr, price(rng, c.cur, tr.eur));
      if (tr.dur && !durs.has(tr)) durs.set(tr, rng.pick(tr.dur));
      const ds = descOf(c, tr, durs.get(tr) ?? null);
      lines.push({ date: d, treatmentForm: tr.f, description: ds.text, durationMinutes: ds.dur, amount: prices.get(tr)! / 100 });
    }
  });
  if (rng.chance(0.5)) {
    const nc = rng.pick(TR[lang].filter((t) => t.f === "ikke-dekket"));
    lines.push({ date: dates[dates.length - 1]!, treatmentForm: nc.f, description: nc.t, durationMinutes: null, amount: price(rng, c.cur, nc.eur) / 100 });
  }
  const k = Math.min(lines.length - 4, rng.int(17, 20));
  const durCol = c.durMode === "column";
  const dateFirst = rng.chance(0.6);
  const row = (l: Line) => {
    const dc = `<td style="white-space:nowrap">${esc(dNum(l.date, lang))}</td>`;
    const tc = `<td>${esc(l.description)}</td>`;
    return `<tr style="border-bottom:1px solid #ddd">${dateFirst ? dc + tc : tc + dc}${durCol ? `<td>${l.durationMinutes ? l.durationMinutes + " min" : ""}</td>` : ""}<td class="r">${esc(amt(c, Math.round(l.amount * 100)))}</td></tr>`;
  };
  const head = `<tr style="background:${c.accent};color:#fff">${dateFirst ? `<th>${esc(L.date)}</th><th>${esc(L.desc)}</th>` : `<th>${esc(L.desc)}</th><th>${esc(L.date)}</th>`}${durCol ? `<th>${esc(L.dur)}</th>` : ""}<th class="r">${esc(amtHead(c))}</th></tr>`;
  const ncol = durCol ? 3 : 2;
  const sum1 = Math.round(lines.slice(0, k).reduce((s, l) => s + l.amount * 100, 0));
  const total = Math.round(lines.reduce((s, l) => s + l.amount * 100, 0));
  const invDate = addDays(dates[dates.length - 1]!, rng.int(1, 7));
  const inr = invNo(rng, lang, invDate);
  const meta: [string, string][] = [
    [inr.label.replace(/ ?#$/, ""), inr.no],
    [L.issue, dNum(invDate, lang)],
    [L.period, `${dNum(dates[0]!, lang)} – ${dNum(dates[dates.length - 1]!, lang)}`],
  ];
  const p1 = `${headerPair(c, L.invoice, meta)}
<table style="font-size:0.93em">${head}${lines.slice(0, k).map(row).join("")}
<tr><td colspan="${ncol}" class="r b" style="padding-top:8px">${esc(L.cf)}</td><td class="r b" style="padding-top:8px;border-top:1px solid #333">${esc(amt(c, sum1))}</td></tr></table>
${footer(c, ` · ${L.page} 1/2`)}`;
  const p2 = `<div style="display:flex;justify-content:space-between;border-bottom:1px solid #999;padding-bottom:6px"><span class="b">${esc(c.clinic.name)}</span><span>${esc(inr.label.replace(/ ?#$/, ""))} ${esc(inr.no)}</span></div>
<table style="font-size:0.93em;margin-top:16px">${head}<tr><td colspan="${ncol}" class="r b">${esc(L.bf)}</td><td class="r b">${esc(amt(c, sum1))}</td></tr>${lines.slice(k).map(row).join("")}
<tr><td colspan="${ncol}" class="r b" style="padding-top:10px;font-size:1.12em">${esc(L.total)}</td><td class="r b" style="padding-top:10px;font-size:1.12em;border-top:2px solid #333">${esc(totalTxt(c, total))}</td></tr></table>
${therapistLine(c)}<div class="markslot"></div>${footer(c, ` · ${L.page} 2/2`)}`;
  return { pages: [p1, p2], lines, invoiceNumber: inr.no, invoiceDate: invDate, diagnosis: null, therapistPrinted: true };
}

/** F5: qty × unit = amount, VAT column, net / VAT / gross */
function famVat(c: Ctx): InvResult {
  const { rng, lang, L } = c;
  const dates = sessionDates(rng, randStart(rng), rng.int(4, 8), 4);
  const trs = pickTreatments(rng, lang, rng.int(1, 2), false);
  const durs = new Map<Tr, number>();
  const prices = new Map<Tr, number>();
  const rows: { l: Line; qty: number; unit: number }[] = [];
  dates.forEach((d, i) => {
    const items = i === 0 && rng.chance(0.5) ? [exam(lang)] : trs.slice(0, rng.int(1, trs.length));
    for (const tr of items) {
      if (!prices.has(tr)) prices.set(tr, price(rng, c.cur, tr.eur));
      if (tr.dur && !durs.has(tr)) durs.set(tr, rng.pick(tr.dur));
      const ds = descOf(c, tr, durs.get(tr) ?? null);
      rows.push({ l: { date: d, treatmentForm: tr.f, description: ds.text, durationMinutes: ds.dur, amount: prices.get(tr)! / 100 }, qty: 1, unit: prices.get(tr)! });
    }
  });
  if (rng.chance(0.6)) {
    const nc = rng.pick(TR[lang].filter((t) => t.f === "ikke-dekket" && t.eur < 15));
    const q = rng.int(2, 3);
    const u = price(rng, c.cur, nc.eur);
    const d = rng.pick(dates);
    const idx = rows.findLastIndex((r) => r.l.date <= d);
    rows.splice(idx + 1, 0, { l: { date: d, treatmentForm: nc.f, description: nc.t, durationMinutes: null, amount: (u * q) / 100 }, qty: q, unit: u });
  }
  const vatTxt = rng.pick(
    (
      {
        es: ["0 %", "Exento"],
        de: ["0 %", "befreit"],
        pl: ["zw.", "0%"],
        fr: ["0 %", "Exo."],
        it: ["Esente", "0%"],
        en: ["0%", "Exempt"],
        sv: ["0 %", "Momsfri"],
        da: ["0 %", "Fritaget"],
        nb: ["0 %", "Fritatt"],
      } as Record<Lang, string[]>
    )[lang],
  );
  const durCol = c.durMode === "column";
  const order = rng
    .pick([
      ["date", "desc", "dur", "qty", "unit", "vat", "amt"],
      ["desc", "date", "dur", "qty", "unit", "vat", "amt"],
      ["date", "desc", "dur", "unit", "qty", "vat", "amt"],
    ])
    .filter((k) => k !== "dur" || durCol);
  const th: Record<string, string> = {
    date: L.date,
    desc: L.desc,
    dur: L.dur,
    qty: L.qty,
    unit: c.curMode === "iso-header" ? `${L.unit} (${c.cur})` : L.unit,
    vat: `${L.vat} %`,
    amt: amtHead(c),
  };
  const cell = (k: string, r: (typeof rows)[number]) => {
    switch (k) {
      case "date":
        return `<td style="white-space:nowrap">${esc(dNum(r.l.date, lang))}</td>`;
      case "desc":
        return `<td>${esc(r.l.description)}</td>`;
      case "dur":
        return `<td>${r.l.durationMinutes ? r.l.durationMinutes + " min" : ""}</td>`;
      case "qty":
        return `<td class="c">${r.qty}</td>`;
      case "unit":
        return `<td class="r">${esc(amt(c, r.unit))}</td>`;
      case "vat":
        return `<td class="c">${esc(vatTxt)}</td>`;
      default:
        return `<td class="r">${esc(amt(c, r.unit * r.qty))}</td>`;
    }
  };
  const total = rows.reduce((s, r) => s + r.unit * r.qty, 0);
  const invDate = addDays(dates[dates.length - 1]!, rng.int(0, 5));
  const inr = invNo(rng, lang, invDate);
  const showDx = rng.chance(0.4);
  const dx = rng.pick(DX);
  const dxMode = rng.int(0, 2);
  const dxTruth = showDx ? { code: dxMode === 2 ? null : dx.code, text: dxMode === 1 ? null : dx.t[lang] } : null;
  const meta: [string, string][] = [
    [inr.label.replace(/ ?#$/, ""), inr.no],
    [rng.pick(ISSUE_ALT[lang]), dNum(invDate, lang)],
    [L.due, dNum(addDays(invDate, rng.pick([10, 14, 30])), lang)],
  ];
  const page = `${headerPair(c, L.invoice, meta)}
${dxTruth ? `<div style="margin-bottom:6px">${esc(L.dx)}: ${esc([dxTruth.code, dxTruth.text].filter(Boolean).join(" – "))}</div>` : ""}
<table style="font-size:0.92em"><tr style="border-top:2px solid #333;border-bottom:1px solid #333">${order.map((k) => `<th class="${k === "amt" || k === "unit" ? "r" : k === "qty" || k === "vat" ? "c" : ""}">${esc(th[k]!)}</th>`).join("")}</tr>
${rows.map((r) => `<tr style="border-bottom:1px solid #e3e3e3">${order.map((k) => cell(k, r)).join("")}</tr>`).join("")}</table>
<table style="width:46%;margin:14px 0 0 auto"><tr><td>${esc(L.net)}</td><td class="r">${esc(amt(c, total))}</td></tr><tr><td>${esc(L.vat)} ${esc(vatTxt)}</td><td class="r">${esc(amt(c, 0))}</td></tr>
<tr style="border-top:2px solid #333"><td class="b">${esc(L.gross)}</td><td class="r b">${esc(totalTxt(c, total))}</td></tr></table>
<div class="small" style="margin-top:12px">* ${esc(L.exempt)}</div>
${therapistLine(c)}<div class="markslot"></div>${footer(c)}`;
  return { pages: [page], lines: rows.map((r) => r.l), invoiceNumber: inr.no, invoiceDate: invDate, diagnosis: dxTruth, therapistPrinted: true };
}

/** F6: dates in words; issue date near due date and treatment period; F8 number block */
function famWords(c: Ctx): InvResult {
  const { rng, lang, L } = c;
  const dates = sessionDates(rng, randStart(rng), rng.int(3, 7), 5);
  const trs = pickTreatments(rng, lang, 1, rng.chance(0.4));
  const lines: Line[] = [];
  const main = trs[0]!;
  const dur = main.dur ? rng.pick(main.dur) : null;
  const cents = price(rng, c.cur, main.eur);
  dates.forEach((d, i) => {
    const tr = i === 0 && rng.chance(0.5) ? exam(lang) : main;
    const dd = tr === main ? dur : tr.dur ? tr.dur[0]! : null;
    const ds = descOf(c, tr, dd);
    lines.push({ date: d, treatmentForm: tr.f, description: ds.text, durationMinutes: ds.dur, amount: (tr === main ? cents : price(rng, c.cur, tr.eur)) / 100 });
  });
  if (trs[1]) lines.push({ date: dates[dates.length - 1]!, treatmentForm: trs[1].f, description: trs[1].t, durationMinutes: null, amount: price(rng, c.cur, trs[1].eur) / 100 });
  const total = Math.round(lines.reduce((s, l) => s + l.amount * 100, 0));
  const invDate = addDays(dates[dates.length - 1]!, rng.int(0, 8));
  const due = addDays(invDate, rng.pick([14, 15, 30]));
  const inr = invNo(rng, lang, invDate);
  const durCol = c.durMode === "column";
  const issueLbl = rng.pick(ISSUE_ALT[lang]);
  const numBlock = `<div style="border:1px solid #999;padding:8px 12px;margin:16px 0">
<div><span class="b">${esc(inr.label.replace(/ ?#$/, ""))} ${esc((inr.label.endsWith("#") ? "#" : "") + inr.no)}</span> &nbsp;·&nbsp; ${esc(c.clinic.phone)} &nbsp;·&nbsp; ${esc(c.clinic.tax)} &nbsp;·&nbsp; ${esc(c.clinic.pc)} ${esc(c.clinic.city)}</div>
<div style="display:flex;gap:26px;margin-top:6px"><div>${esc(issueLbl)}: <b>${esc(dWords(invDate, lang))}</b></div><div>${esc(L.due)}: ${esc(dWords(due, lang))}</div></div>
<div>${esc(L.period)}: ${esc(dWords(dates[0]!, lang))} – ${esc(dWords(dates[dates.length - 1]!, lang))}</div></div>`;
  const patRight = rng.chance(0.5);
  const page = `<div style="display:flex;justify-content:space-between;align-items:flex-start">${patRight ? clinicBlock(c) + patientBlock(c, "right") : patientBlock(c) + clinicBlock(c, "right")}</div>
<h1 style="margin-top:26px;font-size:1.7em;border-bottom:2px solid ${c.accent};display:inline-block">${esc(L.invoice)}</h1>
${numBlock}
<table><tr style="border-bottom:1px solid #333"><th>${esc(L.date)}</th><th>${esc(L.desc)}</th>${durCol ? `<th>${esc(L.dur)}</th>` : ""}<th class="r">${esc(amtHead(c))}</th></tr>
${lines.map((l) => `<tr><td style="white-space:nowrap">${esc(dWords(l.date, lang))}</td><td>${esc(l.description)}</td>${durCol ? `<td>${l.durationMinutes ? l.durationMinutes + " min" : "–"}</td>` : ""}<td class="r">${esc(amt(c, Math.round(l.amount * 100)))}</td></tr>`).join("")}
<tr style="border-top:2px solid #333"><td colspan="${durCol ? 3 : 2}" class="b">${esc(L.total)}</td><td class="r b">${esc(totalTxt(c, total))}</td></tr></table>
${therapistLine(c)}<div class="markslot"></div>${footer(c)}`;
  return { pages: [page], lines, invoiceNumber: inr.no, invoiceDate: invDate, diagnosis: null, therapistPrinted: true };
}

/** F9: narrow till-roll receipt (phone only) */
function famReceipt(c: Ctx): InvResult {
  const { rng, lang, L } = c;
  const dates = sessionDates(rng, randStart(rng), rng.int(1, 4), 3);
  const trs = pickTreatments(rng, lang, 1, rng.chance(0.5));
  const cents = price(rng, c.cur, trs[0]!.eur);
  const dur = trs[0]!.dur ? rng.pick(trs[0]!.dur) : null;
  const cc: Ctx = { ...c, durMode: c.durMode === "column" ? "text" : c.durMode };
  const lines: Line[] = dates.map((d) => {
    const ds = descOf(cc, trs[0]!, dur);
    return { date: d, treatmentForm: trs[0]!.f, description: ds.text, durationMinutes: ds.dur, amount: cents / 100 };
  });
  if (trs[1]) lines.push({ date: dates[dates.length - 1]!, treatmentForm: trs[1].f, description: trs[1].t, durationMinutes: null, amount: price(rng, c.cur, trs[1].eur) / 100 });
  const total = Math.round(lines.reduce((s, l) => s + l.amount * 100, 0));
  const invDate = dates[dates.length - 1]!;
  const inr = invNo(rng, lang, invDate);
  const rc: Ctx = { ...c, curMode: c.curMode === "iso-header" ? "symbol" : c.curMode };
  const dash = `<div style="border-top:1px dashed #333;margin:6px 0"></div>`;
  const page = `<div class="c b" style="font-size:1.15em">${esc(c.clinic.name)}</div><div class="c">${esc(c.clinic.street)}</div><div class="c">${esc(c.clinic.pc)} ${esc(c.clinic.city)}</div><div class="c">${esc(c.clinic.tax)}</div><div class="c">${esc(c.clinic.phone)}</div>
${dash}<div class="c b">${esc(L.receipt)}</div><div>${esc(inr.label.replace(/ ?#$/, ""))} ${esc(inr.no)}</div><div>${esc(dNum(invDate, lang))} ${p2(rng.int(9, 18))}:${p2(rng.int(0, 59))}</div>
<div>${esc(L.patient)}: ${esc(printedName(rng, c.patient))}</div>${dash}
${lines.map((l) => `<div class="small">${esc(dNum(l.date, lang))}</div><div style="display:flex;justify-content:space-between;gap:8px"><span>${esc(l.description)}</span><span style="white-space:nowrap">${esc(amt(rc, Math.round(l.amount * 100)))}</span></div>`).join("")}
${dash}<div style="display:flex;justify-content:space-between" class="b"><span>${esc(L.total)}</span><span>${esc(totalTxt(rc, total))}</span></div>
<div>${esc(L.pay)}: ${rng.chance(0.7) ? `${esc(L.card)} VISA ****${rng.int(1000, 9999)}` : esc(L.cash)}</div><div class="small">AUT ${rng.int(100000, 999999)} · TID ${rng.int(10000000, 99999999)}</div>${dash}<div class="c">${esc(L.thanks)}</div><div style="height:10px"></div>`;
  return {
    pages: [page],
    lines,
    invoiceNumber: inr.no,
    invoiceDate: invDate,
    diagnosis: null,
    receipt: true,
    therapistPrinted: false,
    extraCss: `.page{font-family:'DejaVu Sans Mono',monospace!important;font-size:13px!important}`,
  };
}

// ================================================================ authorisations
interface AuthSpec {
  country: string;
  bodies: string[];
  title: string;
  nameL: string;
  profL: string;
  prof: string;
  numL: string;
  dateL: string;
  statusL: string;
  status: string;
  url: string;
  prose: (name: string, num: string, date: string, body: string) => string;
}
const AUTH: Record<Lang, AuthSpec> = {
  es: {
    country: "ES",
    bodies: [
      "Ilustre Colegio Profesional de Fisioterapeutas de la Comunidad de Madrid",
      "Colegio Oficial de Fisioterapeutas de la Comunitat Valenciana",
      "Ilustre Colegio Profesional de Fisioterapeutas de Andalucía",
    ],
    title: "CERTIFICADO DE COLEGIACIÓN",
    nameL: "Nombre y apellidos",
    profL: "Profesión",
    prof: "Fisioterapeuta",
    numL: "Nº de colegiado/a",
    dateL: "Fecha de alta",
    statusL: "Situación",
    status: "Ejerciente",
    url: "https://www.cfisio.org/ventanilla-unica/buscador-colegiados",
    prose: (n, k, d, b) =>
      `La Secretaría del ${b} CERTIFICA que D./Dña. <b>${n}</b> figura inscrito/a en este Colegio con el número de colegiado/a <b>${k}</b> desde el ${d}, encontrándose en situación de ejerciente y habilitado/a para el ejercicio de la profesión de Fisioterapeuta.`,
  },
  sv: {
    country: "SE",
    bodies: ["Socialstyrelsen"],
    title: "Utdrag ur registret över hälso- och sjukvårdspersonal (HOSP)",
    nameL: "Namn",
    profL: "Yrke",
    prof: "Fysioterapeut",
    numL: "Legitimationsnummer",
    dateL: "Legitimationsdatum",
    statusL: "Status",
    status: "Giltig legitimation",
    url: "https://legitimation.socialstyrelsen.se/sok",
    prose: (n, k, d, b) => `${b} intygar att <b>${n}</b> den ${d} har fått legitimation som fysioterapeut. Legitimationsnummer: <b>${k}</b>.`,
  },
  da: {
    country: "DK",
    bodies: ["Styrelsen for Patientsikkerhed"],
    title: "Udskrift fra Autorisationsregistret",
    nameL: "Navn",
    profL: "Faggruppe",
    prof: "Fysioterapeut",
    numL: "Autorisations-ID",
    dateL: "Autorisationsdato",
    statusL: "Status",
    status: "Autoriseret, ingen begrænsninger",
    url: "https://autregweb.sst.dk/authorizationsearch.aspx",
    prose: (n, k, d, b) => `${b} bekræfter hermed, at <b>${n}</b> har autorisation som fysioterapeut fra den ${d}. Autorisations-ID: <b>${k}</b>.`,
  },
  de: {
    country: "DE",
    bodies: ["Regierung von Oberbayern", "Landesamt für Gesundheit und Soziales Berlin", "Regierungspräsidium Stuttgart"],
    title: "URKUNDE",
    nameL: "Name",
    profL: "Berufsbezeichnung",
    prof: "Physiotherapeut/in",
    numL: "Urkunden-Nr.",
    dateL: "Ausgestellt am",
    statusL: "Status",
    status: "erteilt",
    url: "https://www.berlin.de/lageso/gesundheit/berufe-im-gesundheitswesen/",
    prose: (n, k, d, b) =>
      `<b>${n}</b> erhält auf Grund des Masseur- und Physiotherapeutengesetzes (MPhG) mit Wirkung vom heutigen Tage die Erlaubnis, die Berufsbezeichnung „Physiotherapeutin / Physiotherapeut“ zu führen.<br><br>${b}, ${d}<br>Urkunden-Nr. <b>${k}</b>`,
  },
  pl: {
    country: "PL",
    bodies: ["Krajowa Izba Fizjoterapeutów"],
    title: "Zaświadczenie o prawie wykonywania zawodu fizjoterapeuty",
    nameL: "Imię i nazwisko",
    profL: "Zawód",
    prof: "Fizjoterapeuta",
    numL: "Numer PWZFz",
    dateL: "Data wpisu",
    statusL: "Status",
    status: "Aktywny",
    url: "https://kif.info.pl/rejestr/",
    prose: (n, k, d, b) =>
      `${b} zaświadcza, że Pan/Pani <b>${n}</b> posiada prawo wykonywania zawodu fizjoterapeuty nr <b>${k}</b>, wpisany/a do Krajowego Rejestru Fizjoterapeutów w dniu ${d}.`,
  },
  en: {
    country: "GB",
    bodies: ["Health and Care Professions Council"],
    title: "Certificate of Registration",
    nameL: "Name",
    profL: "Profession",
    prof: "Physiotherapist",
    numL: "Registration number",
    dateL: "Registered from",
    statusL: "Status",
    status: "Registered",
    url: "https://www.hcpc-uk.org/check-the-register/",
    prose: (n, k, d, b) => `This is to certify that <b>${n}</b> is registered with the ${b} as a Physiotherapist, registration number <b>${k}</b>, with effect from ${d}.`,
  },
  fr: {
    country: "FR",
    bodies: ["Conseil national de l'Ordre des masseurs-kinésithérapeutes", "Conseil départemental de l'Ordre des masseurs-kinésithérapeutes de l'Hérault"],
    title: "Attestation d'inscription au Tableau de l'Ordre",
    nameL: "Nom d'exercice",
    profL: "Profession",
    prof: "Masseur-kinésithérapeute",
    numL: "N° RPPS",
    dateL: "Date d'inscription",
    statusL: "Situation",
    status: "Inscrit(e) au Tableau",
    url: "https://annuaire.sante.fr/",
    prose: (n, k, d, b) => `Le ${b} atteste que <b>${n}</b>, masseur-kinésithérapeute, est inscrit(e) au Tableau de l'Ordre depuis le ${d}, sous le numéro RPPS <b>${k}</b>.`,
  },
  it: {
    country: "IT",
    bodies: ["Ordine TSRM e PSTRP di Firenze, Arezzo, Prato e Pistoia", "Ordine TSRM e PSTRP di Venezia e Padova"],
    title: "Certificato di iscrizione all'Albo dei Fisioterapisti",
    nameL: "Cognome e nome",
    profL: "Professione",
    prof: "Fisioterapista",
    numL: "N. iscrizione Albo",
    dateL: "Data iscrizione",
    statusL: "Stato",
    status: "Attivo",
    url: "https://www.tsrm-pstrp.org/albo/",
    prose: (n, k, d, b) =>
      `Si certifica che <b>${n}</b> risulta iscritto/a all'Albo della professione sanitaria di Fisioterapista presso l'${b} con il numero <b>${k}</b> dal ${d}.`,
  },
  nb: {
    country: "NO",
    bodies: ["Helsedirektoratet"],
    title: "Bekreftelse på autorisasjon som helsepersonell",
    nameL: "Navn",
    profL: "Helsepersonellkategori",
    prof: "Fysioterapeut",
    numL: "HPR-nummer",
    dateL: "Autorisert fra",
    statusL: "Status",
    status: "Autorisasjon, gyldig",
    url: "https://www.helsedirektoratet.no/tema/autorisasjon-og-spesialistutdanning/sok-i-helsepersonellregisteret",
    prose: (n, k, d, b) => `${b} bekrefter at <b>${n}</b> er registrert i Helsepersonellregisteret (HPR) med autorisasjon som fysioterapeut fra ${d}. HPR-nummer: <b>${k}</b>.`,
  },
};
function buildAuth(rng: Rng, lang: Lang): Doc {
  const A = AUTH[lang];
  let country = A.country;
  let body = rng.pick(A.bodies);
  let numL = A.numL;
  if (lang === "en" && rng.chance(0.35)) {
    country = "IE";
    body = "CORU – Physiotherapists Registration Board";
    numL = "Registration number";
  }
  const name = rng.pick(lang === "nb" ? THER.nb : THER[lang]);
  const num = therAuth(rng, country);
  const authDate = iso(new Date(Date.UTC(rng.int(2004, 2022), rng.int(0, 11), rng.int(1, 28))));
  const issued = addDays("2024-06-03", rng.int(0, 300));
  const font = rng.pick(FONTS);
  const style = rng.int(0, 2);
  const css = `*{box-sizing:border-box}html,body{margin:0;background:#fff}.page{width:794px;height:1123px;position:relative;overflow:hidden;background:#fff;font-family:${font},serif;font-size:14px;color:#141414;line-height:1.4;padding:60px 70px;break-after:page}
table{border-collapse:collapse;width:100%}td,th{padding:6px 8px;text-align:left;vertical-align:top}.markslot{position:relative;height:118px}.small{font-size:0.82em}.muted{color:#555}`;
  const showDate = (d: string) => (rng.chance(0.5) ? dWords(d, lang) : dNum(d, lang));
  const printed = rng.chance(0.25) ? name.toUpperCase() : name;
  let page = "";
  const rowsT: [string, string][] = [
    [A.nameL, printed],
    [A.profL, A.prof],
    [numL, num],
    [A.dateL, showDate(authDate)],
    [A.statusL, A.status],
  ];
  if (style === 0) {
    // register extract
    page = `<div style="border-bottom:3px solid #234;padding-bottom:10px;display:flex;justify-content:space-between;align-items:flex-end"><div style="font-size:1.5em;font-weight:bold">${esc(body)}</div><div class="small muted">${esc(dNum(issued, lang))}</div></div>
<h2 style="margin:34px 0 18px;font-size:1.3em">${esc(A.title)}</h2>
<table style="border:1px solid #888">${rowsT.map(([a, b]) => `<tr><td style="width:38%;background:#f0f0f0;border:1px solid #aaa">${esc(a)}</td><td style="border:1px solid #aaa;font-weight:bold">${esc(b)}</td></tr>`).join("")}</table>
<div class="markslot"></div><div class="small muted" style="position:absolute;bottom:40px;left:70px;right:70px">${esc(body)} · ${esc(A.url)}</div>`;
  } else if (style === 1) {
    // certificate / Urkunde
    page = `<div style="position:absolute;inset:28px;border:6px double #6a5a2a"></div>
<div style="text-align:center;margin-top:40px;font-size:1.2em;letter-spacing:1px">${esc(body)}</div>
<div style="text-align:center;margin-top:60px;font-size:2.4em;letter-spacing:6px;font-weight:bold">${esc(A.title)}</div>
<div style="margin:60px 30px 0;font-size:1.15em;text-align:justify">${A.prose(esc(printed), esc(num), esc(showDate(authDate)), esc(body))}</div>
<div style="margin:60px 30px 0;display:flex;justify-content:space-between"><div>${esc(dNum(issued, lang))}</div><div style="text-align:center;border-top:1px solid #333;padding-top:4px;width:240px" class="small">${esc(body)}</div></div>
<div class="markslot" style="margin:20px 30px"></div>`;
  } else {
    // web page printout
    const stamp = `${dNum(issued, lang)} ${p2(rng.int(8, 20))}:${p2(rng.int(0, 59))}`;
    page = `<div class="small" style="display:flex;justify-content:space-between;margin:-40px -40px 20px"><span>${esc(stamp)}</span><span>${esc(A.title)} – ${esc(body)}</span></div>
<div style="background:#1f3b5a;color:#fff;padding:14px 18px;font-size:1.3em;font-weight:bold">${esc(body)}</div>
<div style="padding:8px 0;color:#1f3b5a" class="small">Start › ${esc(A.title)}</div>
<div style="border:1px solid #ccc;padding:18px;margin-top:10px"><div style="font-size:1.4em;font-weight:bold;margin-bottom:12px">${esc(printed)}</div>
<table>${rowsT
      .slice(1)
      .map(([a, b]) => `<tr style="border-bottom:1px solid #eee"><td style="width:40%;color:#555">${esc(a)}</td><td>${esc(b)}</td></tr>`)
      .join("")}</table></div>
<div class="markslot"></div>
<div class="small" style="position:absolute;bottom:24px;left:30px;right:30px;display:flex;justify-content:space-between"><span>${esc(A.url)}</span><span>1/1</span></div>`;
  }
  const t = emptyTruth("authorisation", lang, country);
  t.therapists = [{ name, authorisationNumber: num }];
  t.issuingAuthority = body;
  return { truth: t, css, pages: [page], family: `A${style + 1}` };
}

// ================================================================ epikriser
const EPI: Record<Lang, { title: string; born: string; dx: string; period: string; sessions: string; course: string; status: string; rec: string; sign: string; texts: string[] }> =
  {
    es: {
      title: "INFORME DE ALTA DE FISIOTERAPIA",
      born: "Fecha de nacimiento",
      dx: "Diagnóstico",
      period: "Periodo de tratamiento",
      sessions: "Número de sesiones",
      course: "Evolución",
      status: "Estado al alta",
      rec: "Recomendaciones",
      sign: "Fdo.",
      texts: [
        "El paciente acude por dolor de larga evolución. Se realiza tratamiento con terapia manual, ejercicio terapéutico y educación postural.",
        "Mejoría de la movilidad y disminución del dolor (EVA 7/10 → 2/10).",
        "Continuar con el programa de ejercicios domiciliarios.",
      ],
    },
    sv: {
      title: "EPIKRIS – FYSIOTERAPI",
      born: "Födelsedatum",
      dx: "Diagnos",
      period: "Behandlingsperiod",
      sessions: "Antal behandlingar",
      course: "Förlopp",
      status: "Status vid avslut",
      rec: "Rekommendation",
      sign: "Underskrift",
      texts: [
        "Patienten har behandlats med manuell terapi och individuellt anpassad träning.",
        "Förbättrad rörlighet, smärtan minskad från VAS 6 till VAS 2.",
        "Fortsatt hemträningsprogram enligt instruktion.",
      ],
    },
    da: {
      title: "EPIKRISE",
      born: "Fødselsdato",
      dx: "Diagnose",
      period: "Behandlingsperiode",
      sessions: "Antal behandlinger",
      course: "Forløb",
      status: "Status ved afslutning",
      rec: "Anbefaling",
      sign: "Underskrift",
      texts: [
        "Patienten er behandlet med manuel terapi, øvelsesterapi og instruktion i hjemmeøvelser.",
        "Bedre bevægelighed og mindre smerte (VAS 7 → 3).",
        "Fortsætter selvtræning; ny henvisning ved forværring.",
      ],
    },
    de: {
      title: "PHYSIOTHERAPEUTISCHER ABSCHLUSSBERICHT",
      born: "Geburtsdatum",
      dx: "Diagnose",
      period: "Behandlungszeitraum",
      sessions: "Anzahl Behandlungen",
      course: "Verlauf",
      status: "Befund bei Abschluss",
      rec: "Empfehlung",
      sign: "Unterschrift",
      texts: [
        "Die Patientin / der Patient wurde mit Krankengymnastik und Manueller Therapie behandelt.",
        "Deutliche Schmerzreduktion (NRS 7 → 2), Beweglichkeit weitgehend frei.",
        "Fortführung des Eigenübungsprogramms empfohlen.",
      ],
    },
    pl: {
      title: "KARTA INFORMACYJNA Z LECZENIA FIZJOTERAPEUTYCZNEGO",
      born: "Data urodzenia",
      dx: "Rozpoznanie",
      period: "Okres leczenia",
      sessions: "Liczba zabiegów",
      course: "Przebieg leczenia",
      status: "Stan przy zakończeniu",
      rec: "Zalecenia",
      sign: "Podpis",
      texts: [
        "Pacjent był leczony metodami terapii manualnej oraz kinezyterapii.",
        "Zmniejszenie dolegliwości bólowych (VAS 6 → 2), poprawa zakresu ruchu.",
        "Kontynuacja ćwiczeń w domu.",
      ],
    },
    en: {
      title: "DISCHARGE SUMMARY – PHYSIOTHERAPY",
      born: "Date of birth",
      dx: "Diagnosis",
      period: "Treatment period",
      sessions: "Number of sessions",
      course: "Course of treatment",
      status: "Status at discharge",
      rec: "Recommendations",
      sign: "Signed",
      texts: [
        "The patient was treated with manual therapy, graded exercise and advice.",
        "Pain reduced from 7/10 to 2/10 on NRS; range of movement improved.",
        "Continue the home exercise programme; re-refer if symptoms recur.",
      ],
    },
    fr: {
      title: "COMPTE RENDU DE FIN DE TRAITEMENT",
      born: "Date de naissance",
      dx: "Diagnostic",
      period: "Période de soins",
      sessions: "Nombre de séances",
      course: "Évolution",
      status: "Bilan de sortie",
      rec: "Recommandations",
      sign: "Signature",
      texts: [
        "Le patient a bénéficié de séances de kinésithérapie associant thérapie manuelle et renforcement musculaire.",
        "Diminution des douleurs (EVA 6/10 → 2/10), amplitudes améliorées.",
        "Poursuite des exercices d'auto-rééducation.",
      ],
    },
    it: {
      title: "RELAZIONE DI FINE TRATTAMENTO FISIOTERAPICO",
      born: "Data di nascita",
      dx: "Diagnosi",
      period: "Periodo di trattamento",
      sessions: "Numero di sedute",
      course: "Decorso",
      status: "Stato alla dimissione",
      rec: "Indicazioni",
      sign: "Firma",
      texts: [
        "Il paziente è stato trattato con terapia manuale ed esercizio terapeutico.",
        "Riduzione del dolore (NRS 7 → 2) e miglioramento dell'articolarità.",
        "Si consiglia di proseguire gli esercizi a domicilio.",
      ],
    },
    nb: {
      title: "EPIKRISE",
      born: "Fødselsdato",
      dx: "Diagnose",
      period: "Behandlingsperiode",
      sessions: "Antall behandlinger",
      course: "Forløp",
      status: "Status ved avslutning",
      rec: "Anbefaling",
      sign: "Signatur",
      texts: [
        "Pasienten er behandlet med manuellterapi, øvelsesbehandling og veiledning.",
        "Smerter redusert fra NRS 7 til NRS 2, bedre bevegelighet.",
        "Fortsetter med hjemmeøvelser. Ny kontakt ved forverring.",
      ],
    },
  };
function buildEpi(rng: Rng, lang: Lang): Doc {
  const [country, cur] = rng.pick(LANG_COUNTRY[lang]);
  const c = makeCtx(rng, lang, country, cur);
  const E = EPI[lang];
  const dates = sessionDates(rng, randStart(rng), rng.int(6, 14), 5);
  const from = dates[0]!,
    to = dates[dates.length - 1]!;
  const dx = rng.pick(DX);
  const dxMode = rng.int(0, 3); // 0,1 code+text, 2 code only, 3 text only
  const dxT = { code: dxMode === 3 ? null : dx.code, text: dxMode === 2 ? null : dx.t[lang] };
  const birth = c.patient.birth ?? "1961-04-12";
  c.patient.birth = birth;
  const words = rng.chance(0.4);
  const fd = (d: string) => (words ? dWords(d, lang) : dNum(d, lang));
  const showAuth = rng.chance(0.6);
  const letter = addDays(to, rng.int(1, 10));
  const page = `<div style="display:flex;justify-content:space-between;border-bottom:2px solid ${c.accent};padding-bottom:10px">${clinicBlock(c)}<div class="small" style="text-align:right">${esc(c.clinic.city)}, ${esc(fd(letter))}</div></div>
<h2 style="margin:30px 0 16px;color:${c.accent}">${esc(E.title)}</h2>
<table style="width:auto"><tr><td class="muted">${esc(c.L.patient)}:</td><td class="b">${esc(printedName(rng, c.patient))}</td></tr>
<tr><td class="muted">${esc(E.born)}:</td><td>${esc(fd(birth))}</td></tr>
<tr><td class="muted">${esc(E.dx)}:</td><td>${esc([dxT.code, dxT.text].filter(Boolean).join(dxT.code && dxT.text ? rng.pick([" ", " – ", ": "]) : ""))}</td></tr>
<tr><td class="muted">${esc(E.period)}:</td><td>${esc(fd(from))} – ${esc(fd(to))}</td></tr>
<tr><td class="muted">${esc(E.sessions)}:</td><td>${dates.length}</td></tr></table>
<h3 style="margin-top:22px">${esc(E.course)}</h3><p>${esc(E.texts[0]!)}</p>
<h3>${esc(E.status)}</h3><p>${esc(E.texts[1]!)}</p>
<h3>${esc(E.rec)}</h3><p>${esc(E.texts[2]!)}</p>
<div style="margin-top:30px;display:flex;gap:40px;align-items:flex-end"><div><div style="font-family:'DejaVu Serif';font-style:italic;font-size:1.6em;color:#23408e;transform:rotate(-4deg)">${esc(c.ther.name.split(" ")[0]![0]! + ". " + c.ther.name.split(" ").slice(-1)[0])}</div>
<div style="border-top:1px solid #333;width:260px;padding-top:3px">${esc(E.sign)}: ${esc(c.ther.name)}</div><div>${esc(c.L.therapist)}${showAuth ? `, ${esc(c.L.colno)} ${esc(c.ther.auth!)}` : ""}</div></div></div>
<div class="markslot"></div>${footer(c)}`;
  const t = emptyTruth("epikrise", lang, country);
  t.providerName = c.clinic.name;
  t.therapists = [{ name: c.ther.name, authorisationNumber: showAuth ? c.ther.auth : null }];
  t.patientName = canonical(c.patient);
  t.patientBirthDate = birth;
  t.diagnosis = dxT;
  t.treatmentPeriod = { from, to };
  return { truth: t, css: baseCss(c), pages: [page], family: "E1" };
}

const FAMILIES: Record<string, (c: Ctx) => InvResult> = { F1: famDateGroups, F2: famCalendar, F3: famSummary, F4: famMultipage, F5: famVat, F6: famWords, F9: famReceipt };

// ================================================================ document assembly
function makeCtx(rng: Rng, lang: Lang, country: string, cur: string): Ctx {
  const birth = rng.chance(0.75) ? iso(new Date(Date.UTC(rng.int(1938, 1990), rng.int(0, 11), rng.int(1, 28)))) : null;
  const tCountry = country;
  const auth = therAuth(rng, tCountry);
  const r = rng.next();
  const curMode: CurMode = r < 0.5 ? "symbol" : r < 0.72 ? "iso-header" : r < 0.9 ? "word" : "none";
  return {
    rng,
    lang,
    country,
    cur,
    curMode,
    clinic: makeClinic(rng, country, lang),
    ther: { name: rng.pick(THER[lang]), auth, showAuth: rng.chance(0.5) },
    patient: { given: rng.pick(GIVEN), family: rng.pick(FAMILY), birth },
    font: rng.pick(FONTS),
    fs: rng.pick([12.5, 13, 13.5, 14]),
    accent: rng.pick(ACCENTS),
    durMode: rng.pick(["column", "text", "none"] as const),
    L: LBL[lang],
  };
}
function emptyTruth(type: Truth["documentType"], lang: Lang, country: string): Truth {
  return {
    documentType: type,
    language: lang,
    country,
    providerName: null,
    therapists: [],
    patientName: null,
    patientBirthDate: null,
    invoiceNumber: null,
    invoiceDate: null,
    diagnosis: null,
    currency: null,
    lines: [],
    total: null,
    issuingAuthority: null,
    treatmentPeriod: null,
  };
}
function buildInvoice(rng: Rng, lang: Lang, fam: string): Doc {
  const [country, cur] = rng.pick(LANG_COUNTRY[lang]);
  const c = makeCtx(rng, lang, country, cur);
  const res = FAMILIES[fam]!(c);
  const t = emptyTruth("invoice", lang, country);
  t.providerName = c.clinic.name;
  t.therapists = res.therapistPrinted ? [{ name: c.ther.name, authorisationNumber: c.ther.showAuth ? c.ther.auth : null }] : [];
  t.patientName = canonical(c.patient);
  t.patientBirthDate = res.pages.join("").includes(esc(dNum(c.patient.birth ?? "1900-01-01", lang))) ? c.patient.birth : null;
  t.invoiceNumber = res.invoiceNumber;
  t.invoiceDate = res.invoiceDate;
  t.diagnosis = res.diagnosis;
  t.currency = c.curMode === "none" ? null : cur;
  t.lines = res.lines;
  t.total = Math.round(res.lines.reduce((s, l) => s + l.amount * 100, 0)) / 100;
  return { truth: t, css: baseCss(c, res.extraCss ?? ""), pages: res.pages, receipt: res.receipt, family: fam };
}

// ================================================================ rendering
function grayPng(w: number, h: number, gray: Uint8Array): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const cr = Buffer.alloc(4);
    cr.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, cr]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 1; // Sub filter
    for (let x = 0; x < w; x++) {
      const v = gray[y * w + x]!;
      const left = x > 0 ? gray[y * w + x - 1]! : 0;
      raw[y * (w + 1) + 1 + x] = (v - left) & 0xff;
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/** grayscale scan degradation; returns {gray,w,h, jpeg?} */
async function degradeScan(png: Buffer, rng: Rng, angleDeg: number, pngOut = false): Promise<{ w: number; h: number; gray: Uint8Array; canvas: Canvas }> {
  const img = await loadImage(png);
  const w = img.width,
    h = img.height;
  const cv = createCanvas(w, h);
  const ctx = cv.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.filter = `blur(${rng.range(0.35, 0.8).toFixed(2)}px)`;
  ctx.translate(w / 2 + rng.range(-8, 8), h / 2 + rng.range(-8, 8));
  ctx.rotate((angleDeg * Math.PI) / 180);
  ctx.drawImage(img, -w / 2, -h / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.filter = "none";
  const id = ctx.getImageData(0, 0, w, h);
  const d = id.data;
  const gray = new Uint8Array(w * h);
  const nf = mulberry32(rng.int(1, 1e9));
  const amp = pngOut ? rng.range(3, 6) : rng.range(5, 11);
  const paper = rng.int(232, 246);
  const ink = rng.int(18, 45);
  for (let i = 0, p = 0; p < w * h; i += 4, p++) {
    let g = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
    g = ink + (g / 255) * (paper - ink); // paper tone + ink density
    g += (nf() + nf() + nf() - 1.5) * amp;
    if (nf() < 0.0004) g = rng.int(40, 140); // specks
    g = g < 0 ? 0 : g > 255 ? 255 : g;
    gray[p] = g;
    d[i] = d[i + 1] = d[i + 2] = g;
  }
  ctx.putImageData(id, 0, 0);
  return { w, h, gray, canvas: cv };
}
async function degradePhone(jpgOrPng: Buffer, rng: Rng): Promise<Buffer> {
  const img = await loadImage(jpgOrPng);
  const cv = createCanvas(img.width, img.height);
  const ctx = cv.getContext("2d");
  ctx.filter = `blur(${rng.range(0.3, 0.7).toFixed(2)}px)`;
  ctx.drawImage(img, 0, 0);
  ctx.filter = "none";
  const id = ctx.getImageData(0, 0, img.width, img.height);
  const d = id.data;
  const nf = mulberry32(rng.int(1, 1e9));
  const amp = rng.range(4, 9);
  for (let i = 0; i < d.length; i += 4) {
    const n = (nf() + nf() - 1) * amp;
    d[i] = Math.max(0, Math.min(255, d[i]! + n + (nf() - 0.5) * 3));
    d[i + 1] = Math.max(0, Math.min(255, d[i + 1]! + n));
    d[i + 2] = Math.max(0, Math.min(255, d[i + 2]! + n + (nf() - 0.5) * 3));
  }
  ctx.putImageData(id, 0, 0);
  return cv.toBuffer("image/jpeg", rng.int(78, 88));
}

/** stamp / handwriting HTML placed inside the empty .markslot */
function marksHtml(rng: Rng, lang: Lang, type: string): { html: string; kinds: string[] } {
  const kinds: string[] = [];
  let html = "";
  const stampWords: Record<Lang, string[]> = {
    es: ["PAGADO", "COPIA"],
    sv: ["BETALD", "KOPIA"],
    da: ["BETALT", "KOPI"],
    de: ["BEZAHLT", "KOPIE"],
    pl: ["ZAPŁACONO", "KOPIA"],
    en: ["PAID", "COPY"],
    fr: ["PAYÉ", "COPIE"],
    it: ["PAGATO", "COPIA"],
    nb: ["BETALT", "KOPI"],
  };
  if (rng.chance(0.55)) {
    kinds.push("stamp");
    const word = type === "invoice" ? stampWords[lang][0] : stampWords[lang][1];
    const col = rng.pick(["rgba(190,30,40,.72)", "rgba(30,60,170,.7)", "rgba(120,40,140,.65)"]);
    html += `<div style="position:absolute;left:${rng.int(10, 300)}px;top:${rng.int(8, 30)}px;transform:rotate(${rng.int(-14, 14)}deg);border:3px solid ${col};color:${col};padding:5px 16px;font:bold 26px 'DejaVu Sans';letter-spacing:4px;border-radius:8px">${word}</div>`;
  }
  if (rng.chance(0.55) || kinds.length === 0) {
    kinds.push("handwriting");
    const x0 = rng.int(380, 560),
      y0 = rng.int(10, 40);
    const j = () => rng.range(-3, 3);
    let path = `M${5 + j()} ${30 + j()} L${16 + j()} ${46 + j()} L${44 + j()} ${6 + j()}`; // tick
    let x = 62;
    const loops = rng.int(3, 6);
    path += ` M${x} 34`;
    for (let i = 0; i < loops; i++) {
      const w = rng.range(10, 18);
      path += ` C${x + w * 0.2} ${8 + j()}, ${x + w * 0.9} ${10 + j()}, ${x + w * 0.6} ${34 + j()} S${x + w * 1.1} ${40 + j()}, ${x + w * 1.3} ${28 + j()}`;
      x += w * 1.3;
    }
    html += `<svg style="position:absolute;left:${x0}px;top:${y0}px" width="${Math.ceil(x + 20)}" height="60"><path d="${path}" fill="none" stroke="${rng.pick(["#1b3a8c", "#222", "#0b4f9c"])}" stroke-width="${rng.range(1.8, 2.8).toFixed(1)}" stroke-linecap="round"/></svg>`;
  }
  return { html, kinds };
}

function fullHtml(doc: Doc, rendering: Rendering, rng: Rng, marks: string): string {
  const pages = doc.pages.map((p) => (marks ? p.replace('<div class="markslot"></div>', `<div class="markslot">${marks}</div>`) : p));
  let css = doc.css;
  if (doc.receipt) css += `.page{width:302px!important;height:auto!important;padding:22px 16px 30px!important}`;
  if (rendering === "phone") {
    const rx = rng.range(2, 6).toFixed(1),
      ry = rng.range(-4, 4).toFixed(1),
      rz = rng.range(-2.5, 2.5).toFixed(1);
    const lx = rng.int(10, 90),
      ly = rng.int(5, 60);
    css += `html,body{background:${rng.pick(["#6b5644", "#8a8f96", "#3e4a52", "#a48b6c"])}}
.stage{padding:${doc.receipt ? "60px 80px" : "70px 90px"};perspective:2200px;background:linear-gradient(${rng.int(0, 180)}deg,rgba(255,255,255,.08),rgba(0,0,0,.18));display:inline-block}
.page{transform:rotateX(${rx}deg) rotateY(${ry}deg) rotateZ(${rz}deg);box-shadow:0 12px 40px rgba(0,0,0,.55);margin-bottom:10px}
.light{position:absolute;inset:0;pointer-events:none;background:radial-gradient(ellipse at ${lx}% ${ly}%,rgba(255,250,235,0) 25%,rgba(40,30,10,.28) 100%);mix-blend-mode:multiply}`;
    return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div class="stage">${pages.map((p) => `<div class="page">${p}<div class="light"></div></div>`).join("")}</div></body></html>`;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>${pages.map((p) => `<div class="page">${p}</div>`).join("")}</body></html>`;
}

async function render(browser: Browser, doc: Doc, rendering: Rendering, rng: Rng, outBase: string): Promise<{ ext: string; marks: string[]; overflow: boolean }> {
  const marks =
    rendering !== "pdf" && doc.pages.some((p) => p.includes('<div class="markslot"></div>')) && rng.chance(0.55)
      ? marksHtml(rng, doc.truth.language, doc.truth.documentType)
      : { html: "", kinds: [] as string[] };
  const html = fullHtml(doc, rendering, rng, marks.html);
  const dpi =
    rendering === "phone"
      ? rng.int(172, 208)
      : rendering === "scan-png"
        ? rng.int(200, 240)
        : rendering === "scan-jpg"
          ? rng.int(220, 300)
          : rendering === "scan-pdf"
            ? rng.int(200, 260)
            : 96;
  const context = await browser.newContext({ viewport: { width: doc.receipt ? 520 : 1000, height: 1200 }, deviceScaleFactor: dpi / 96 });
  const page = await context.newPage();
  const over = () => page.evaluate(() => Array.from(document.querySelectorAll(".page")).some((p) => p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1));
  await page.setContent(html, { waitUntil: "load" });
  let overflow = await over();
  // content too big for the page: shrink the type (ground truth is unaffected), at most 3 times
  for (let k = 1; overflow && k <= 3; k++) {
    await page.setContent(html.replace("</style>", `.page{font-size:${13 - k * 1.2}px!important}.page td,.page th{padding:2px 3px!important}</style>`), { waitUntil: "load" });
    overflow = await over();
  }
  let ext = "";
  try {
    if (rendering === "pdf") {
      const pdf = await page.pdf({ width: "210mm", height: "297mm", printBackground: true, margin: { top: "0", bottom: "0", left: "0", right: "0" } });
      writeFileSync(outBase + ".pdf", pdf);
      ext = "pdf";
    } else if (rendering === "phone") {
      const shot = await page.locator(".stage").screenshot({ type: "png" });
      writeFileSync(outBase + ".jpg", await degradePhone(shot, rng));
      ext = "jpg";
    } else {
      const handles = await page.locator(".page").all();
      const shots: Buffer[] = [];
      for (const h of handles) shots.push(await h.screenshot({ type: "png" }));
      const angle = rng.range(-1.5, 1.5);
      if (rendering === "scan-png") {
        const s = await degradeScan(shots[0]!, rng, angle, true);
        writeFileSync(outBase + ".png", grayPng(s.w, s.h, s.gray));
        ext = "png";
      } else if (rendering === "scan-jpg") {
        const s = await degradeScan(shots[0]!, rng, angle);
        writeFileSync(outBase + ".jpg", s.canvas.toBuffer("image/jpeg", rng.int(72, 86)));
        ext = "jpg";
      } else {
        const pdf = await PDFDocument.create();
        for (const shot of shots) {
          const s = await degradeScan(shot, rng, angle + rng.range(-0.4, 0.4));
          const jpg = await pdf.embedJpg(s.canvas.toBuffer("image/jpeg", rng.int(65, 80)));
          const pg = pdf.addPage([(s.w / dpi) * 72, (s.h / dpi) * 72]);
          pg.drawImage(jpg, { x: 0, y: 0, width: pg.getWidth(), height: pg.getHeight() });
        }
        writeFileSync(outBase + ".pdf", await pdf.save());
        ext = "pdf";
      }
    }
  } finally {
    await context.close();
  }
  return { ext, marks: marks.kinds, overflow };
}

// ================================================================ main

async function main() {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith("--"));
  if (!out) {
    console.error("usage: holdout-blind2.ts OUT_DIR [--seed=1] [--n=30]");
    process.exit(2);
  }
  const seed = Number(args.find((a) => a.startsWith("--seed="))?.slice(7) ?? 1);
  const n = Number(args.find((a) => a.startsWith("--n="))?.slice(4) ?? 30);
  mkdirSync(out, { recursive: true });
  const rng = new Rng(seed * 7919 + 17);

  const nInv = Math.round(n * 0.6),
    nAuth = Math.round(n * 0.2),
    nEpi = n - nInv - nAuth;
  const types = rng.shuffle([...Array(nInv).fill("invoice"), ...Array(nAuth).fill("authorisation"), ...Array(nEpi).fill("epikrise")]) as Truth["documentType"][];
  const R: Rendering[] = ["pdf", "scan-png", "scan-jpg", "scan-pdf", "phone"];
  const rends = rng.shuffle(Array.from({ length: n }, (_, i) => R[i % R.length]));
  const langsAll: Lang[] = ["es", "sv", "da", "de", "pl", "en", "fr", "it", "nb"];
  let langPool: Lang[] = [];
  const famOrder = rng.shuffle(["F1", "F2", "F3", "F5", "F6"]);
  let phoneInv = 0,
    multiInv = 0;
  let famIdx = 0;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  const manifest: unknown[] = [];
  try {
    for (let i = 0; i < n; i++) {
      if (langPool.length === 0) langPool = rng.shuffle(langsAll);
      const lang = langPool.pop()!;
      const type = types[i];
      const rendering = rends[i]!;
      const drng = new Rng(rng.int(1, 2 ** 31 - 1));
      let doc: Doc | null = null;
      if (type === "invoice") {
        // choose a family compatible with the rendering, cycling to spread families;
        // every 2nd phone invoice is a till-roll (F9), every 3rd pdf/scan-pdf invoice is multi-page (F4)
        let f: string;
        if (rendering === "phone" && phoneInv++ % 2 === 0) f = "F9";
        else if ((rendering === "pdf" || rendering === "scan-pdf") && multiInv++ % 3 === 0) f = "F4";
        else f = famOrder[famIdx++ % famOrder.length]!;
        doc = buildInvoice(drng, lang, f);
      } else if (type === "authorisation") doc = buildAuth(drng, lang);
      else doc = buildEpi(drng, lang);
      if (!doc) {
        // fall back to an invoice until the other builders exist
        doc = buildInvoice(drng, lang, famOrder[famIdx++ % famOrder.length]!);
      }
      const t = doc.truth;
      const id = `b2-${String(i + 1).padStart(3, "0")}-${t.language}-${t.country.toLowerCase()}-${rendering}`;
      const r = await render(browser, doc, rendering, drng, join(out, id));
      writeFileSync(join(out, id + ".json"), JSON.stringify(t, null, 2) + "\n");
      manifest.push({
        file: `${id}.${r.ext}`,
        type: t.documentType,
        family: doc.family,
        language: t.language,
        country: t.country,
        rendering,
        marks: r.marks,
        lines: t.lines.length,
      });
      console.log(
        `${id}.${r.ext}\t${t.documentType}\t${doc.family}\tlines=${t.lines.length}${r.marks.length ? "\tmarks=" + r.marks.join("+") : ""}${r.overflow ? "\tOVERFLOW!" : ""}`,
      );
      if (r.overflow) console.error(`WARNING: content overflows page in ${id}`);
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(out, "manifest.json"), JSON.stringify({ seed, n, generator: "bench/ocr/holdout-blind2.ts", documents: manifest }, null, 2) + "\n");
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
