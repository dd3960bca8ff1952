/**
 * Independent "blind" held-out test-set generator for the document pipeline.
 *
 * What it is: a blind held-out set of synthetic physiotherapy documents -- invoices, authorisation proofs
 * (register extracts, certificates, Urkunden) and epikriser (discharge summaries) -- in nine languages
 * (es, sv, da, de, pl, en, fr, it, nb) and many layouts. The layouts and wording were written without
 * reading the extractor (app/) or the other holdout generator, so they are not tuned to what the pipeline
 * expects. Each document is rendered as one of: born-digital pdf, flatbed scan (png / jpg), image-only
 * scanned pdf, or phone photo (jpg).
 *
 * Output: every document <id>-<lang>-<country>-<rendering>.<ext> gets a same-name .json with the ground
 * truth in the shape of ../shared/schemas/extracted-document.schema.json (i.e.
 * /work/shared/schemas/extracted-document.schema.json; conventions as in
 * /work/shared/fixtures/documents/README.md), plus a manifest-blind.txt with one JSON line per document.
 * Deterministic for a given seed: .json, .png and .jpg files (and image-only pdfs) are byte-identical between
 * runs; born-digital .pdf files differ only by Chromium's creation timestamp.
 *
 * Run:
 *   cd /work/main && npx tsx bench/ocr/holdout-blind.ts OUT_DIR [--seed=1] [--n=24]
 *   e.g. npx tsx bench/ocr/holdout-blind.ts /tmp/blind --seed=1 --n=24
 *
 * Score (from /work/main; the scorer runs the extractor on every document, default --cmd "npm run -s extract --",
 * and compares its JSON with the ground truth, per rendering and overall):
 *   node ../shared/tools/score-extraction.mjs /tmp/blind
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { createCanvas, loadImage, type SKRSContext2D } from "@napi-rs/canvas";
import { PDFDocument } from "pdf-lib";

// ---------------------------------------------------------------- args / rng
const argv = process.argv.slice(2);
const OUT = resolve(argv.find((a) => !a.startsWith("--")) ?? "/tmp/blind");
const SEED = Number((argv.find((a) => a.startsWith("--seed=")) ?? "--seed=1").slice(7));
const N = Number((argv.find((a) => a.startsWith("--n=")) ?? "--n=24").slice(4));

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** Uniform pick; callers always pass non-empty arrays, so the index is in range. */
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** Last element of a non-empty array. */
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;
const chance = (r: Rng, p: number) => r() < p;
function shuffle<T>(r: Rng, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
const round2 = (x: number) => Math.round(x * 100) / 100;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// ---------------------------------------------------------------- types
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
type Lang = "es" | "sv" | "da" | "de" | "pl" | "en" | "fr" | "it" | "nb";
type Rendering = "pdf" | "scan-png" | "scan-jpg" | "scan-pdf" | "phone";
interface TruthLine {
  date: string | null;
  treatmentForm: Form;
  description: string;
  durationMinutes: number | null;
  amount: number;
  count?: number;
}
interface Therapist {
  name: string;
  authorisationNumber: string | null;
}
interface Truth {
  documentType: "invoice" | "authorisation" | "epikrise";
  language: Lang;
  country: string;
  providerName: string | null;
  therapists: Therapist[];
  patientName: string | null;
  patientBirthDate: string | null;
  invoiceNumber: string | null;
  invoiceDate: string | null;
  diagnosis: { code: string | null; text: string | null } | null;
  currency: string | null;
  lines: TruthLine[];
  total: number | null;
  issuingAuthority: string | null;
  treatmentPeriod: { from: string; to: string } | null;
}
interface Doc {
  truth: Truth;
  html: string;
  note: string;
}

// ---------------------------------------------------------------- dates
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parseIso = (s: string) => new Date(s + "T00:00:00Z");
const addDays = (s: string, n: number) => iso(new Date(parseIso(s).getTime() + n * 86400000));
const dow = (s: string) => parseIso(s).getUTCDay();
/** Year, month (1-12), day of an ISO date string. */
function ymd(s: string): [number, number, number] {
  const [y, m, d] = s.split("-").map(Number);
  return [y!, m!, d!];
}
const MONTHS: Record<Lang, string[]> = {
  es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  de: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  sv: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
  da: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
  nb: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  it: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
  pl: ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
};
const WEEKDAYS: Record<"es" | "en", string[]> = {
  es: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};
/** Month name; m is 1-12 from an ISO date, so the index is in range. */
const monthName = (lang: Lang, m: number): string => MONTHS[lang][m - 1]!;
function fd(s: string, style: string): string {
  const [y, m, d] = ymd(s);
  switch (style) {
    case "d/m/y":
      return `${pad(d)}/${pad(m)}/${y}`;
    case "d.m.y":
      return `${pad(d)}.${pad(m)}.${y}`;
    case "d-m-y":
      return `${pad(d)}-${pad(m)}-${y}`;
    case "iso":
      return s;
    case "d.m.":
      return `${pad(d)}.${pad(m)}.`;
    case "d/m":
      return `${pad(d)}/${pad(m)}`;
    case "d/m/yy":
      return `${pad(d)}/${pad(m)}/${String(y).slice(2)}`;
    case "long-es":
      return `${d} de ${monthName("es", m)} de ${y}`;
    case "long-en":
      return `${d} ${monthName("en", m)} ${y}`;
    case "long-de":
      return `${d}. ${monthName("de", m)} ${y}`;
    case "long-sv":
      return `${d} ${monthName("sv", m)} ${y}`;
    case "long-da":
      return `${d}. ${monthName("da", m)} ${y}`;
    case "long-nb":
      return `${d}. ${monthName("nb", m)} ${y}`;
    case "long-fr":
      return `${d === 1 ? "1er" : d} ${monthName("fr", m)} ${y}`;
    case "long-it":
      return `${d} ${monthName("it", m)} ${y}`;
    case "long-pl":
      return `${d} ${monthName("pl", m)} ${y}`;
    case "short-en":
      return `${pad(d)} ${monthName("en", m).slice(0, 3)} ${y}`;
    case "short-sv":
      return `${d} ${monthName("sv", m).slice(0, 3)} ${y}`;
    default:
      throw new Error("date style " + style);
  }
}
/** Treatment dates on weekdays, 1-3 a week, ascending. */
function treatmentDates(r: Rng, n: number, start?: string): string[] {
  let d = start ?? iso(new Date(Date.UTC(int(r, 2023, 2025), int(r, 0, 10), int(r, 1, 26))));
  if (d > "2025-07-31") d = "2025-0" + int(r, 2, 7) + "-0" + int(r, 1, 9);
  const out: string[] = [];
  while (out.length < n) {
    while (dow(d) === 0 || dow(d) === 6) d = addDays(d, 1);
    out.push(d);
    d = addDays(d, pick(r, [1, 2, 2, 3, 3, 4, 5, 7]));
  }
  return out;
}

// ---------------------------------------------------------------- money
function num(x: number, dec: string, thou: string): string {
  const [i, f] = x.toFixed(2).split(".");
  return i!.replace(/\B(?=(\d{3})+(?!\d))/g, thou) + dec + f;
}
type MoneyStyle = (x: number) => string;
const M = {
  eurSuffix: (x) => `${num(x, ",", ".")} €`,
  eurPrefix: (x) => `€ ${num(x, ",", ".")}`,
  eurIso: (x) => `EUR ${num(x, ".", ",")}`,
  eurIsoComma: (x) => `EUR ${num(x, ",", ".")}`,
  eurBare: (x) => num(x, ",", "."),
  eurFr: (x) => `${num(x, ",", "\u202f")} €`,
  krPrefix: (x) => `kr ${num(x, ",", " ")}`,
  krSuffix: (x) => `${num(x, ",", " ")} kr`,
  krDot: (x) => `${num(x, ",", ".")} kr.`,
  dkkPrefix: (x) => `DKK ${num(x, ",", ".")}`,
  zlPrefix: (x) => `zł ${num(x, ",", " ")}`,
  zlSuffix: (x) => `${num(x, ",", " ")} zł`,
  gbp: (x) => `£${num(x, ".", ",")}`,
} satisfies Record<string, MoneyStyle>;

// ---------------------------------------------------------------- people & places
const GIVEN = [
  "Ingrid",
  "Bjørn",
  "Åse",
  "Øystein",
  "Sølvi",
  "Ragnhild",
  "Torstein",
  "Kjellaug",
  "Håvard",
  "Tor Erling",
  "Marit",
  "Sigrid",
  "Ståle",
  "Gunnhild",
  "Eirik",
  "Lars Petter",
  "Randi",
  "Jørgen",
  "Liv",
  "Kåre",
  "Berit",
  "Ørjan",
  "Signe Marie",
  "Terje",
  "Gro",
  "Asbjørn",
  "Hege",
  "Svein Åge",
  "Torill",
  "Ove",
  "Mette",
  "Jostein",
  "Brit",
  "Halvor",
  "Solveig",
  "Ånund",
];
const FAMILY = [
  "Haugen",
  "Bråten",
  "Sæther",
  "Løvås",
  "Kvålsvoll",
  "Mørkved",
  "Aasen",
  "Ødegård",
  "Nygård",
  "Fjærli",
  "Strømme",
  "Kåsa",
  "Bækken",
  "Solbakken",
  "Grøtterud",
  "Hægeland",
  "Tveit",
  "Vågen",
  "Lunde",
  "Røsok",
  "Myrvang",
  "Skjærvø",
  "Holmøy",
  "Engebretsen",
  "Bøe",
  "Teigen",
  "Vestbø",
  "Åmodt",
  "Rønning",
  "Flåten",
];
interface Patient {
  given: string;
  family: string;
  birth: string;
}
function patient(r: Rng): Patient {
  return { given: pick(r, GIVEN), family: pick(r, FAMILY), birth: iso(new Date(Date.UTC(int(r, 1938, 1992), int(r, 0, 11), int(r, 1, 28)))) };
}
const FEMALE = new Set([
  "Ingrid",
  "Åse",
  "Sølvi",
  "Ragnhild",
  "Kjellaug",
  "Marit",
  "Sigrid",
  "Gunnhild",
  "Randi",
  "Liv",
  "Berit",
  "Signe Marie",
  "Gro",
  "Hege",
  "Torill",
  "Mette",
  "Brit",
  "Solveig",
]);
const canon = (p: Patient) => `${p.given} ${p.family}`;
function printName(r: Rng, p: Patient, styles = ["gf", "gf", "FG", "Fg", "GF"]): string {
  switch (pick(r, styles)) {
    case "FG":
      return `${p.family.toUpperCase()}, ${p.given}`;
    case "Fg":
      return `${p.family}, ${p.given}`;
    case "GF":
      return `${p.given} ${p.family}`.toUpperCase();
    default:
      return canon(p);
  }
}

interface Clinic {
  name: string;
  addr: string[];
  taxLabel: string;
  tax: string;
  phone: string;
  email: string;
}
const CLINICS: Record<Lang, Clinic[]> = {
  es: [
    {
      name: "Fisioterapia Costa Blanca S.L.",
      addr: ["C/ Pintor Aparicio, 14 bajo", "03003 Alicante"],
      taxLabel: "CIF",
      tax: "B53912847",
      phone: "965 21 48 30",
      email: "info@fisiocostablanca.es",
    },
    {
      name: "Centro de Fisioterapia Ruzafa",
      addr: ["Calle de Sueca, 22", "46006 Valencia"],
      taxLabel: "NIF",
      tax: "B98451206",
      phone: "963 74 12 55",
      email: "citas@fisioruzafa.com",
    },
    {
      name: "Clínica Fisiosalud Torrevieja",
      addr: ["Av. de las Habaneras, 45, local 3", "03182 Torrevieja (Alicante)"],
      taxLabel: "C.I.F.",
      tax: "B54890173",
      phone: "966 70 33 18",
      email: "recepcion@fisiosaludtorrevieja.es",
    },
    {
      name: "FisioMálaga Teatinos",
      addr: ["C/ Navarro Ledesma, 120", "29010 Málaga"],
      taxLabel: "CIF",
      tax: "B93567024",
      phone: "952 10 67 89",
      email: "hola@fisiomalagateatinos.es",
    },
    {
      name: "Fisioterapia Altea Mar",
      addr: ["Carrer Conde de Altea, 31", "03590 Altea"],
      taxLabel: "NIF",
      tax: "21498376K",
      phone: "965 84 02 91",
      email: "alteamar.fisio@gmail.com",
    },
    {
      name: "Centro de Rehabilitación Guanarteme",
      addr: ["C/ Fernando Guanarteme, 77", "35010 Las Palmas de Gran Canaria"],
      taxLabel: "CIF",
      tax: "B76230918",
      phone: "928 27 45 10",
      email: "admin@rehabguanarteme.es",
    },
    {
      name: "Fisio Benidorm Levante",
      addr: ["Av. del Mediterráneo, 58", "03503 Benidorm"],
      taxLabel: "CIF",
      tax: "B42187365",
      phone: "966 80 55 12",
      email: "levante@fisiobenidorm.es",
    },
  ],
  nb: [
    {
      name: "Norsk Fysioterapi Alfaz del Pi",
      addr: ["Calle Federico García Lorca 9", "03580 l'Alfàs del Pi, Alicante"],
      taxLabel: "CIF",
      tax: "B42698127",
      phone: "+34 966 86 41 20",
      email: "post@norskfysio-alfaz.es",
    },
    {
      name: "Solkysten Fysio & Trening",
      addr: ["Avenida Jesús Santos Rein 18", "29640 Fuengirola, Málaga"],
      taxLabel: "NIF",
      tax: "B93812450",
      phone: "+34 952 47 90 32",
      email: "kontakt@solkystenfysio.com",
    },
  ],
  sv: [
    {
      name: "Sjukgymnastiken Vasastan AB",
      addr: ["Upplandsgatan 41", "113 28 Stockholm"],
      taxLabel: "Org.nr",
      tax: "556912-3456",
      phone: "08-31 22 90",
      email: "info@sjukgymnastikenvasastan.se",
    },
    {
      name: "Rehabkliniken Linnéstaden",
      addr: ["Linnégatan 18", "413 04 Göteborg"],
      taxLabel: "Org.nr",
      tax: "559104-8823",
      phone: "031-14 70 60",
      email: "reception@rehablinne.se",
    },
  ],
  da: [
    {
      name: "Fysioterapien Frederiksberg ApS",
      addr: ["Gammel Kongevej 120, st.", "1850 Frederiksberg C"],
      taxLabel: "CVR-nr.",
      tax: "38471925",
      phone: "33 21 47 00",
      email: "kontakt@fysiofrb.dk",
    },
    {
      name: "Aarhus Fysioterapi & Træning",
      addr: ["Frederiks Allé 62", "8000 Aarhus C"],
      taxLabel: "CVR",
      tax: "29830417",
      phone: "86 12 33 40",
      email: "info@aarhusfysiotraening.dk",
    },
  ],
  de: [
    {
      name: "Praxis für Physiotherapie Katrin Vogel",
      addr: ["Bergmannstraße 27", "10961 Berlin"],
      taxLabel: "St.-Nr.",
      tax: "29/412/03315",
      phone: "030 692 18 44",
      email: "praxis@physio-vogel.de",
    },
    {
      name: "Physio am Stadtpark GbR",
      addr: ["Jarrestraße 46", "22303 Hamburg"],
      taxLabel: "Steuernummer",
      tax: "43/171/02987",
      phone: "040 27 88 51 0",
      email: "team@physio-stadtpark.de",
    },
  ],
  pl: [
    {
      name: "Centrum Rehabilitacji FIZJO-MED Sp. z o.o.",
      addr: ["ul. Dietla 64/2", "31-039 Kraków"],
      taxLabel: "NIP",
      tax: "676-248-31-95",
      phone: "12 430 22 18",
      email: "rejestracja@fizjo-med.krakow.pl",
    },
    {
      name: "Gabinet Fizjoterapii Anna Wróbel",
      addr: ["ul. Grunwaldzka 211", "80-266 Gdańsk"],
      taxLabel: "NIP",
      tax: "584-271-90-36",
      phone: "+48 601 447 212",
      email: "gabinet@wrobel-fizjo.pl",
    },
  ],
  en: [
    {
      name: "Harbour Physiotherapy Ltd",
      addr: ["14 Marine Parade", "Brighton BN2 1TL"],
      taxLabel: "Company No.",
      tax: "09472183",
      phone: "01273 604 118",
      email: "hello@harbourphysio.co.uk",
    },
    {
      name: "Northgate Physio Clinic",
      addr: ["3 Gillygate", "York YO31 7EA"],
      taxLabel: "Company reg.",
      tax: "11850362",
      phone: "01904 622 490",
      email: "reception@northgatephysio.co.uk",
    },
  ],
  fr: [
    {
      name: "Cabinet de Kinésithérapie du Vieux-Port",
      addr: ["12 quai de Rive-Neuve", "13007 Marseille"],
      taxLabel: "SIRET",
      tax: "812 345 678 00019",
      phone: "04 91 33 20 17",
      email: "cabinet.vieuxport@kine13.fr",
    },
    {
      name: "Kinésithérapie Nice Libération",
      addr: ["41 avenue Malausséna", "06000 Nice"],
      taxLabel: "SIRET",
      tax: "839 102 557 00024",
      phone: "04 93 84 61 02",
      email: "contact@kine-liberation.fr",
    },
  ],
  it: [
    {
      name: "Studio di Fisioterapia Riva",
      addr: ["Via Lecco 9", "20124 Milano (MI)"],
      taxLabel: "P.IVA",
      tax: "08741250961",
      phone: "02 2952 1840",
      email: "segreteria@studioriva.it",
    },
    {
      name: "Centro FisioLab Trastevere",
      addr: ["Viale di Trastevere 112", "00153 Roma (RM)"],
      taxLabel: "P. IVA",
      tax: "14022871005",
      phone: "06 581 7723",
      email: "info@fisiolabtrastevere.it",
    },
  ],
};
const THERAPISTS: Record<Lang, string[]> = {
  es: [
    "Alejandro Moreno Gil",
    "Carmen Navarro Ortega",
    "Javier Sáez Domínguez",
    "Marta Iglesias Prieto",
    "Pablo Herrero Cano",
    "Nuria Campos Vidal",
    "Raquel Delgado Soler",
    "Sergio Peña Valero",
  ],
  nb: ["Kristin Vangen", "Henrik Myhre", "Tonje Sandvik", "Audun Eide"],
  sv: ["Karin Lindqvist", "Mikael Sjöberg", "Elin Håkansson", "Oskar Nyström"],
  da: ["Mette Kjærgaard", "Rasmus Holm Pedersen", "Louise Bech", "Anders Thygesen"],
  de: ["Katrin Vogel", "Tobias Krüger", "Svenja Hoffmann", "Jan-Philipp Weiß"],
  pl: ["Anna Wróbel", "Paweł Kowalczyk", "Magdalena Zając", "Tomasz Wiśniewski"],
  en: ["Hannah Whitfield", "Callum McAllister", "Priya Raman", "Oliver Brennan"],
  fr: ["Camille Lefèvre", "Julien Moreau", "Élodie Garnier", "Thomas Rousseau"],
  it: ["Giulia Bernardi", "Luca Ferretti", "Chiara Colombo", "Marco De Santis"],
};
function regNo(r: Rng, lang: Lang): string {
  switch (lang) {
    case "es":
      return String(int(r, 1200, 13999));
    case "nb":
      return String(int(r, 1000000, 9999999));
    case "sv":
      return String(int(r, 8000000, 9899999));
    case "da":
      return `${pick(r, "0123456789".split(""))}${pick(r, "BCDFGHJKLMNPQRSTVWXZ".split(""))}${pick(r, "BCDFGHJKLMNPQRSTVWXZ".split(""))}${int(r, 1, 9)}${pick(r, "BCDFGHJKLMNPQRSTVWXZ".split(""))}`;
    case "de":
      return `${int(r, 2008, 2021)}/${int(r, 100, 999)}`;
    case "pl":
      return String(int(r, 10000, 79999));
    case "en":
      return `PH${int(r, 100000, 199999)}`;
    case "fr":
      return `10${int(r, 100000000, 999999999)}`;
    case "it":
      return String(int(r, 300, 9999));
  }
}

// ICD-10 codes with texts per language
const DIAG: { code: string; t: Partial<Record<Lang, string>> }[] = [
  {
    code: "M54.5",
    t: {
      es: "Lumbalgia",
      sv: "Lumbago",
      da: "Lændesmerter",
      de: "Kreuzschmerz",
      pl: "Ból dolnego odcinka kręgosłupa",
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
      en: "Neck pain (cervicalgia)",
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
      de: "Rotatorenmanschettensyndrom",
      pl: "Zespół stożka rotatorów",
      en: "Rotator cuff syndrome",
      fr: "Syndrome de la coiffe des rotateurs",
      it: "Sindrome della cuffia dei rotatori",
      nb: "Rotatorcuff-syndrom",
    },
  },
  {
    code: "M17.1",
    t: {
      es: "Gonartrosis primaria",
      sv: "Primär knäledsartros",
      da: "Primær knæartrose",
      de: "Primäre Gonarthrose",
      pl: "Pierwotna choroba zwyrodnieniowa kolana",
      en: "Primary osteoarthritis of knee",
      fr: "Gonarthrose primitive",
      it: "Gonartrosi primaria",
      nb: "Primær kneleddsartrose",
    },
  },
  {
    code: "M51.1",
    t: {
      es: "Hernia discal lumbar con radiculopatía",
      sv: "Diskbråck i ländryggen med radikulopati",
      da: "Diskusprolaps i lænden med rodpåvirkning",
      de: "Lumbaler Bandscheibenvorfall mit Radikulopathie",
      pl: "Dyskopatia lędźwiowa z radikulopatią",
      en: "Lumbar disc disorder with radiculopathy",
      fr: "Hernie discale lombaire avec radiculopathie",
      it: "Ernia del disco lombare con radicolopatia",
      nb: "Lumbalt skiveprolaps med rotaffeksjon",
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
      de: "Epicondylitis humeri radialis",
      pl: "Zapalenie nadkłykcia bocznego",
      en: "Lateral epicondylitis",
      fr: "Épicondylite latérale",
      it: "Epicondilite laterale",
      nb: "Lateral epikondylitt",
    },
  },
  {
    code: "M16.1",
    t: {
      es: "Coxartrosis primaria",
      sv: "Primär höftledsartros",
      da: "Primær hofteartrose",
      de: "Primäre Koxarthrose",
      pl: "Pierwotna koksartroza",
      en: "Primary osteoarthritis of hip",
      fr: "Coxarthrose primitive",
      it: "Coxartrosi primaria",
      nb: "Primær hofteleddsartrose",
    },
  },
  {
    code: "Z96.6",
    t: {
      es: "Portador de prótesis de rodilla",
      sv: "Status efter knäprotes",
      da: "Status efter knæalloplastik",
      de: "Zustand nach Knie-TEP",
      pl: "Stan po endoprotezoplastyce kolana",
      en: "Following total knee replacement",
      fr: "Porteur de prothèse du genou",
      it: "Portatore di protesi di ginocchio",
      nb: "Tilstand etter kneprotese",
    },
  },
  {
    code: "M53.1",
    t: {
      es: "Síndrome cervicobraquial",
      sv: "Cervikobrakialt syndrom",
      da: "Cervikobrakialt syndrom",
      de: "Zervikobrachial-Syndrom",
      pl: "Zespół szyjno-ramienny",
      en: "Cervicobrachial syndrome",
      fr: "Syndrome cervico-brachial",
      it: "Sindrome cervico-brachiale",
      nb: "Cervikobrakialt syndrom",
    },
  },
  {
    code: "G56.0",
    t: {
      es: "Síndrome del túnel carpiano",
      sv: "Karpaltunnelsyndrom",
      da: "Karpaltunnelsyndrom",
      de: "Karpaltunnelsyndrom",
      pl: "Zespół cieśni nadgarstka",
      en: "Carpal tunnel syndrome",
      fr: "Syndrome du canal carpien",
      it: "Sindrome del tunnel carpale",
      nb: "Karpaltunnelsyndrom",
    },
  },
];

// ---------------------------------------------------------------- treatment catalogues
/** A catalogue entry: printed text, treatment form, possible durations (null = no duration printed), price in currency. */
interface Cat {
  text: string;
  form: Form;
  durs: (number | null)[];
  price: [number, number];
  kind: "main" | "extra" | "exam" | "nc";
}
const CAT: Record<Lang, Cat[]> = {
  es: [
    { text: "Valoración fisioterápica inicial", form: "undersokelse", durs: [45, 60, null], price: [40, 60], kind: "exam" },
    { text: "Sesión de fisioterapia", form: "ovelsesbehandling", durs: [30, 45, 60], price: [35, 55], kind: "main" },
    { text: "Terapia manual", form: "manuellterapi", durs: [30, 45, null], price: [40, 55], kind: "main" },
    { text: "Masaje descontracturante", form: "ovelsesbehandling", durs: [30, 45], price: [30, 45], kind: "main" },
    { text: "Ejercicio terapéutico", form: "ovelsesbehandling", durs: [30, 45, null], price: [30, 45], kind: "main" },
    { text: "Electroterapia (TENS)", form: "elektroterapi", durs: [15, 20, null], price: [10, 18], kind: "extra" },
    { text: "Ultrasonidos", form: "ultralyd", durs: [10, null], price: [8, 15], kind: "extra" },
    { text: "Magnetoterapia / onda corta", form: "kortbolge-mikrobolge-laser", durs: [20, null], price: [10, 18], kind: "extra" },
    { text: "Láser de baja potencia", form: "kortbolge-mikrobolge-laser", durs: [10, null], price: [10, 15], kind: "extra" },
    { text: "Tracción cervical", form: "traksjon", durs: [15, null], price: [12, 20], kind: "extra" },
    { text: "Hidroterapia en piscina (grupo)", form: "basseng", durs: [45, 60], price: [15, 25], kind: "main" },
    { text: "Punción seca", form: "akupunktur", durs: [null], price: [20, 35], kind: "nc" },
    { text: "Vendaje neuromuscular", form: "ikke-dekket", durs: [null], price: [8, 15], kind: "nc" },
    { text: "Bono gimnasio (mensual)", form: "ikke-dekket", durs: [null], price: [30, 45], kind: "nc" },
    { text: "Cita no anulada", form: "ikke-dekket", durs: [null], price: [20, 30], kind: "nc" },
  ],
  nb: [
    { text: "Førstegangskonsultasjon med undersøkelse", form: "undersokelse", durs: [60, 45, null], price: [55, 70], kind: "exam" },
    { text: "Fysioterapi", form: "ovelsesbehandling", durs: [45, 30, 60], price: [45, 60], kind: "main" },
    { text: "Manuellterapi", form: "manuellterapi", durs: [30, 45], price: [50, 65], kind: "main" },
    { text: "Massasje/bløtvevsbehandling", form: "ovelsesbehandling", durs: [30, null], price: [35, 45], kind: "main" },
    { text: "Opptrening i sal med veiledning", form: "ovelsesbehandling", durs: [45, 60], price: [35, 45], kind: "main" },
    { text: "Varmebehandling (varmepakning)", form: "medisinske-bad", durs: [15, 20, null], price: [8, 12], kind: "extra" },
    { text: "Shockwave / trykkbølge", form: "ikke-dekket", durs: [null], price: [40, 55], kind: "nc" },
    { text: "Laser", form: "kortbolge-mikrobolge-laser", durs: [10, null], price: [10, 15], kind: "extra" },
    { text: "Tørrnåling", form: "akupunktur", durs: [null], price: [25, 35], kind: "nc" },
    { text: "Treningsavgift sal (måned)", form: "ikke-dekket", durs: [null], price: [35, 50], kind: "nc" },
    { text: "Ikke møtt til avtalt time", form: "ikke-dekket", durs: [null], price: [30, 45], kind: "nc" },
  ],
  sv: [
    { text: "Nybesök, bedömning", form: "undersokelse", durs: [60, 45], price: [750, 950], kind: "exam" },
    { text: "Sjukgymnastik", form: "ovelsesbehandling", durs: [30, 45], price: [550, 750], kind: "main" },
    { text: "Fysioterapi, återbesök", form: "ovelsesbehandling", durs: [30, 45], price: [550, 700], kind: "main" },
    { text: "Manuell terapi (OMT)", form: "manuellterapi", durs: [30, 45], price: [650, 850], kind: "main" },
    { text: "Massage", form: "ovelsesbehandling", durs: [30, 45], price: [500, 650], kind: "main" },
    { text: "Gruppträning, rygg", form: "gruppe", durs: [60], price: [150, 220], kind: "main" },
    { text: "Akupunktur", form: "akupunktur", durs: [30, null], price: [300, 450], kind: "nc" },
    { text: "Laserbehandling", form: "kortbolge-mikrobolge-laser", durs: [10, null], price: [150, 250], kind: "extra" },
    { text: "Ultraljudsbehandling", form: "ultralyd", durs: [10, null], price: [150, 220], kind: "extra" },
    { text: "Tejpning, material", form: "ikke-dekket", durs: [null], price: [80, 150], kind: "nc" },
    { text: "Uteblivet besök", form: "ikke-dekket", durs: [null], price: [300, 450], kind: "nc" },
  ],
  da: [
    { text: "Første konsultation inkl. undersøgelse", form: "undersokelse", durs: [60, 45], price: [550, 700], kind: "exam" },
    { text: "Fysioterapi, opfølgende behandling", form: "ovelsesbehandling", durs: [30, 45], price: [400, 550], kind: "main" },
    { text: "Manuel behandling", form: "manuellterapi", durs: [30, null], price: [450, 600], kind: "main" },
    { text: "Massage og bløddelsbehandling", form: "ovelsesbehandling", durs: [30, 45], price: [380, 500], kind: "main" },
    { text: "Holdtræning (max 8 pers.)", form: "gruppe", durs: [60], price: [120, 180], kind: "main" },
    { text: "Varmtvandstræning, hold", form: "basseng", durs: [45, 60], price: [130, 190], kind: "main" },
    { text: "Akupunktur", form: "akupunktur", durs: [null, 20], price: [250, 350], kind: "nc" },
    { text: "Elektroterapi", form: "elektroterapi", durs: [15, null], price: [100, 150], kind: "extra" },
    { text: "Kinesiotape", form: "ikke-dekket", durs: [null], price: [60, 100], kind: "nc" },
    { text: "Udeblivelsesgebyr", form: "ikke-dekket", durs: [null], price: [250, 400], kind: "nc" },
  ],
  de: [
    { text: "Physiotherapeutische Befundung", form: "undersokelse", durs: [30, 45, null], price: [30, 45], kind: "exam" },
    { text: "Krankengymnastik (KG)", form: "ovelsesbehandling", durs: [20, 25, null], price: [26, 38], kind: "main" },
    { text: "Manuelle Therapie (MT)", form: "manuellterapi", durs: [20, 25, null], price: [30, 42], kind: "main" },
    { text: "Manuelle Lymphdrainage (MLD)", form: "ovelsesbehandling", durs: [30, 45, 60], price: [45, 60], kind: "main" },
    { text: "Klassische Massagetherapie (KMT)", form: "ovelsesbehandling", durs: [20, null], price: [20, 28], kind: "main" },
    { text: "KG-Gerät (gerätegestützte Krankengymnastik)", form: "ovelsesbehandling", durs: [60], price: [45, 60], kind: "main" },
    { text: "Fango", form: "medisinske-bad", durs: [20, null], price: [12, 18], kind: "extra" },
    { text: "Wärmetherapie mittels Heißluft", form: "medisinske-bad", durs: [10, 15, null], price: [8, 12], kind: "extra" },
    { text: "Elektrotherapie", form: "elektroterapi", durs: [15, null], price: [8, 14], kind: "extra" },
    { text: "Traktionsbehandlung mit Gerät", form: "traksjon", durs: [15, null], price: [10, 16], kind: "extra" },
    { text: "Akupunktur", form: "akupunktur", durs: [30, null], price: [30, 45], kind: "nc" },
    { text: "Kinesio-Taping (Material)", form: "ikke-dekket", durs: [null], price: [8, 15], kind: "nc" },
    { text: "Ausfallhonorar (nicht abgesagter Termin)", form: "ikke-dekket", durs: [null], price: [25, 35], kind: "nc" },
  ],
  pl: [
    { text: "Konsultacja fizjoterapeutyczna z oceną funkcjonalną", form: "undersokelse", durs: [60, 45], price: [180, 250], kind: "exam" },
    { text: "Kinezyterapia indywidualna", form: "ovelsesbehandling", durs: [45, 30, 60], price: [140, 200], kind: "main" },
    { text: "Terapia manualna", form: "manuellterapi", durs: [45, 30, null], price: [160, 220], kind: "main" },
    { text: "Masaż leczniczy", form: "ovelsesbehandling", durs: [30, 45], price: [120, 170], kind: "main" },
    { text: "Laseroterapia", form: "kortbolge-mikrobolge-laser", durs: [10, null], price: [30, 50], kind: "extra" },
    { text: "Elektroterapia (prądy TENS)", form: "elektroterapi", durs: [15, null], price: [25, 40], kind: "extra" },
    { text: "Ultradźwięki", form: "ultralyd", durs: [8, 10, null], price: [25, 40], kind: "extra" },
    { text: "Suche igłowanie", form: "akupunktur", durs: [null], price: [80, 120], kind: "nc" },
    { text: "Kinesiotaping (materiał)", form: "ikke-dekket", durs: [null], price: [30, 50], kind: "nc" },
  ],
  en: [
    { text: "Initial assessment", form: "undersokelse", durs: [45, 60], price: [60, 85], kind: "exam" },
    { text: "Follow-up physiotherapy", form: "ovelsesbehandling", durs: [30, 45], price: [45, 65], kind: "main" },
    { text: "Sports massage", form: "ovelsesbehandling", durs: [30, 45, 60], price: [40, 60], kind: "main" },
    { text: "Manual therapy / joint mobilisation", form: "manuellterapi", durs: [30, null], price: [50, 65], kind: "main" },
    { text: "Hydrotherapy class", form: "basseng", durs: [45], price: [15, 22], kind: "main" },
    { text: "Acupuncture / dry needling", form: "akupunktur", durs: [null, 20], price: [30, 45], kind: "nc" },
    { text: "Shockwave therapy", form: "ikke-dekket", durs: [null], price: [50, 70], kind: "nc" },
    { text: "Missed appointment fee", form: "ikke-dekket", durs: [null], price: [30, 45], kind: "nc" },
    { text: "Resistance band (supplied)", form: "ikke-dekket", durs: [null], price: [6, 12], kind: "nc" },
  ],
  fr: [
    { text: "Bilan-diagnostic kinésithérapique", form: "undersokelse", durs: [null, 45], price: [40, 55], kind: "exam" },
    { text: "Séance de kinésithérapie", form: "ovelsesbehandling", durs: [30, null], price: [30, 45], kind: "main" },
    { text: "Rééducation du rachis lombaire", form: "ovelsesbehandling", durs: [30, null], price: [30, 42], kind: "main" },
    { text: "Drainage lymphatique manuel", form: "ovelsesbehandling", durs: [45, null], price: [40, 55], kind: "main" },
    { text: "Massage thérapeutique", form: "ovelsesbehandling", durs: [30, null], price: [35, 45], kind: "main" },
    { text: "Balnéothérapie en groupe", form: "basseng", durs: [45, null], price: [20, 30], kind: "main" },
    { text: "Acupuncture", form: "akupunktur", durs: [null], price: [35, 50], kind: "nc" },
    { text: "Dépassement d'honoraires", form: "ikke-dekket", durs: [null], price: [5, 15], kind: "nc" },
  ],
  it: [
    { text: "Visita fisiatrica e valutazione funzionale", form: "undersokelse", durs: [45, null], price: [60, 80], kind: "exam" },
    { text: "Seduta di fisioterapia", form: "ovelsesbehandling", durs: [45, 30, 60], price: [40, 60], kind: "main" },
    { text: "Terapia manuale", form: "manuellterapi", durs: [30, 45], price: [45, 60], kind: "main" },
    { text: "Massoterapia", form: "ovelsesbehandling", durs: [30], price: [35, 45], kind: "main" },
    { text: "Tecarterapia", form: "kortbolge-mikrobolge-laser", durs: [20, 30, null], price: [30, 45], kind: "extra" },
    { text: "Laserterapia", form: "kortbolge-mikrobolge-laser", durs: [10, null], price: [20, 30], kind: "extra" },
    { text: "Ultrasuonoterapia", form: "ultralyd", durs: [10, null], price: [15, 25], kind: "extra" },
    { text: "Ginnastica di gruppo", form: "gruppe", durs: [60], price: [12, 18], kind: "main" },
    { text: "Agopuntura", form: "akupunktur", durs: [null], price: [40, 55], kind: "nc" },
  ],
};
const price = (r: Rng, c: Cat, step = 1) => {
  const [lo, hi] = c.price;
  const steps = Math.floor((hi - lo) / (step >= 5 ? step : 5));
  return lo + (step >= 5 ? step : 5) * int(r, 0, Math.max(0, steps));
};

/** Plans visits: first visit examination (sometimes), then main treatment each visit, occasional extras and a not-covered item. */
interface Item {
  cat: Cat;
  dur: number | null;
  amount: number;
}
interface Visit {
  date: string;
  items: Item[];
}
function planVisits(r: Rng, lang: Lang, nVisits: number, opts: { start?: string; ncMax?: number; extras?: number } = {}): Visit[] {
  const cat = CAT[lang];
  const mains = cat.filter((c) => c.kind === "main");
  const extras = cat.filter((c) => c.kind === "extra");
  const ncs = cat.filter((c) => c.kind === "nc");
  const exam = cat.find((c) => c.kind === "exam");
  const dates = treatmentDates(r, nVisits, opts.start);
  const main = pick(r, mains);
  const mainDur = pick(r, main.durs);
  const mainPrice = price(r, main);
  const extra = extras.length && chance(r, opts.extras ?? 0.5) ? pick(r, extras) : null;
  const extraDur = extra ? pick(r, extra.durs) : null;
  const extraPrice = extra ? price(r, extra) : 0;
  let ncLeft = opts.ncMax ?? int(r, 0, 2);
  const visits: Visit[] = dates.map((date, i) => {
    const items: Item[] = [];
    if (i === 0 && exam && chance(r, 0.6)) items.push({ cat: exam, dur: pick(r, exam.durs), amount: price(r, exam) });
    else items.push({ cat: main, dur: mainDur, amount: mainPrice });
    if (extra && chance(r, 0.5)) items.push({ cat: extra, dur: extraDur, amount: extraPrice });
    if (ncLeft > 0 && i > 0 && chance(r, 0.3)) {
      const nc = pick(r, ncs);
      items.push({ cat: nc, dur: pick(r, nc.durs), amount: price(r, nc) });
      ncLeft--;
    }
    return { date, items };
  });
  if (ncLeft > 0 && ncs.length && chance(r, 0.6)) {
    const nc = pick(r, ncs);
    last(visits).items.push({ cat: nc, dur: pick(r, nc.durs), amount: price(r, nc) });
  }
  return visits;
}
/** Description with the duration written the way the layout prints it. */
function withDur(text: string, dur: number | null, style: string): string {
  if (dur == null || style === "none") return text;
  switch (style) {
    case "apos":
      return `${text} ${dur}'`;
    case "paren":
      return `${text} (${dur} min)`;
    case "parenDot":
      return `${text} (${dur} min.)`;
    case "minDot":
      return `${text} ${dur} min.`;
    case "comma":
      return `${text}, ${dur} min`;
    case "dash":
      return `${text} – ${dur} min`;
    case "minutes":
      return `${text} (${dur} minutes)`;
    case "mins":
      return `${text} (${dur} mins)`;
    case "minuti":
      return `${text} (${dur} minuti)`;
    case "minut":
      return `${text} ${dur} minut`;
    default:
      throw new Error(style);
  }
}
const tl = (date: string | null, it: Item, description: string, dur = it.dur, amount = it.amount): TruthLine => ({
  date,
  treatmentForm: it.cat.form,
  description,
  durationMinutes: dur,
  amount: round2(amount),
});

function baseTruth(type: Truth["documentType"], lang: Lang, country: string): Truth {
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
const sum = (ls: TruthLine[]) => round2(ls.reduce((a, l) => a + l.amount, 0));

// ---------------------------------------------------------------- page shell
const FONTS = ["'DejaVu Sans'", "'DejaVu Serif'", "'Liberation Sans'", "'Liberation Serif'", "'Liberation Sans Narrow'", "'DejaVu Sans Condensed'"];
function page(r: Rng, body: string, css = "", opts: { font?: string; size?: number } = {}): string {
  const font = opts.font ?? pick(r, FONTS);
  const size = opts.size ?? pick(r, [9, 9.5, 10, 10.5, 11, 11.5, 12]);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0 }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: ${font}, sans-serif; font-size: ${size}pt; color: #1a1a1a; line-height: 1.35; }
.sheet { width: 210mm; min-height: 296mm; box-sizing: border-box; padding: ${int(r, 14, 22)}mm ${int(r, 14, 20)}mm 14mm ${int(r, 15, 22)}mm; position: relative; }
table { border-collapse: collapse; }
.r { text-align: right; } .c { text-align: center; } .b { font-weight: bold; } .small { font-size: 0.82em; } .muted { color: #555; }
.stamp { display: inline-block; border: 3px double rgba(170,30,40,.75); color: rgba(170,30,40,.75); font: bold 18pt 'DejaVu Sans', sans-serif; padding: 4px 14px; transform: rotate(-9deg); border-radius: 6px; letter-spacing: 2px; }
.stamp.blue { border-color: rgba(30,60,160,.7); color: rgba(30,60,160,.7); }
${css}
</style></head><body><div class="sheet">${body}</div></body></html>`;
}

// ---------------------------------------------------------------- invoice layouts
type InvLayout = (r: Rng, ctx: { stamp: boolean }) => Doc;

/** es-A: clinic block left, invoice meta box right; Fecha | Concepto | Importe; durations as 45' in the text; "45,00 €". */
const esClassic: InvLayout = (r, { stamp }) => {
  const lang = "es",
    cl = pick(r, CLINICS.es),
    p = patient(r),
    th = pick(r, THERAPISTS.es),
    col = regNo(r, "es");
  const visits = planVisits(r, lang, int(r, 4, 9));
  const durStyle = pick(r, ["apos", "paren", "minDot"]);
  const money = pick(r, [M.eurSuffix, M.eurSuffix, M.eurPrefix]);
  const dstyle = pick(r, ["d/m/y", "d-m-y", "d/m/y"]);
  const invDate = addDays(last(visits).date, int(r, 0, 4));
  const invNo = pick(r, [
    `F-${invDate.slice(0, 4)}/${pad(int(r, 1, 9))}${int(r, 10, 99)}`,
    `${invDate.slice(0, 4)}-${int(r, 100, 999)}`,
    `FV${invDate.slice(2, 4)}-${int(r, 1000, 4999)}`,
  ]);
  const dx = chance(r, 0.6) ? pick(r, DIAG) : null;
  const dxStyle = pick(r, ["text(code)", "code text", "text"]);
  const lines: TruthLine[] = [];
  const rows = visits
    .flatMap((v) =>
      v.items.map((it) => {
        const d = withDur(it.cat.text, it.dur, durStyle);
        lines.push(tl(v.date, it, d));
        return `<tr><td>${fd(v.date, dstyle)}</td><td>${esc(d)}</td><td class="r">${money(it.amount)}</td></tr>`;
      }),
    )
    .join("");
  const total = sum(lines);
  const t = baseTruth("invoice", lang, "ES");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: col }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
  });
  let dxHtml = "";
  if (dx) {
    const txt = dx.t.es!;
    if (dxStyle === "text") {
      t.diagnosis = { code: null, text: txt };
      dxHtml = `<p><b>Diagnóstico:</b> ${esc(txt)}</p>`;
    } else if (dxStyle === "code text") {
      t.diagnosis = { code: dx.code, text: txt };
      dxHtml = `<p><b>Diagnóstico (CIE-10):</b> ${dx.code} ${esc(txt)}</p>`;
    } else {
      t.diagnosis = { code: dx.code, text: txt };
      dxHtml = `<p><b>Diagnóstico:</b> ${esc(txt)} (${dx.code})</p>`;
    }
  }
  const html = page(
    r,
    `
<table style="width:100%"><tr>
 <td style="vertical-align:top;width:55%"><div class="b" style="font-size:1.45em">${esc(cl.name)}</div>
  <div>${cl.addr.map(esc).join("<br>")}</div><div>Tel. ${cl.phone} · ${cl.email}</div><div>${cl.taxLabel}: ${cl.tax}</div></td>
 <td style="vertical-align:top"><div style="border:1px solid #444;padding:8px 12px">
  <div class="b" style="font-size:1.3em;letter-spacing:1px">FACTURA</div>
  <table style="width:100%"><tr><td>Nº factura:</td><td class="r b">${invNo}</td></tr><tr><td>Fecha:</td><td class="r">${fd(invDate, dstyle)}</td></tr>
  <tr><td>Forma de pago:</td><td class="r">${pick(r, ["Tarjeta", "Efectivo", "Transferencia"])}</td></tr></table></div></td>
</tr></table>
<div style="margin-top:10mm;padding:6px 0;border-top:1px solid #999;border-bottom:1px solid #999">
 <b>Paciente:</b> ${esc(printName(r, p))} &nbsp;&nbsp; <b>Fecha nac.:</b> ${fd(p.birth, dstyle)} &nbsp;&nbsp; <b>Pasaporte:</b> ${pick(r, ["FJ", "KC", "NB"])}${int(r, 1000000, 9999999)}
</div>
${dxHtml}
<table style="width:100%;margin-top:6mm" class="lines">
 <thead><tr style="background:#e8e8e8"><th style="text-align:left;padding:4px">Fecha</th><th style="text-align:left">Concepto</th><th class="r" style="padding-right:4px">Importe</th></tr></thead>
 <tbody>${rows}</tbody>
</table>
<table style="margin-left:auto;margin-top:5mm;min-width:45%">
 <tr><td>Base imponible</td><td class="r">${money(total)}</td></tr>
 <tr><td>IVA (exento art. 20.Uno.3º LIVA)</td><td class="r">${money(0)}</td></tr>
 <tr class="b" style="font-size:1.15em"><td style="border-top:2px solid #222">TOTAL</td><td class="r" style="border-top:2px solid #222">${money(total)}</td></tr>
</table>
<p style="margin-top:12mm">Fisioterapeuta: ${esc(th)} — Nº colegiado ${col}</p>
${stamp ? `<div style="margin:6mm 0 0 20mm"><span class="stamp">PAGADO</span></div>` : ""}
<p class="small muted" style="margin-top:10mm">Sus datos serán tratados conforme al RGPD (UE) 2016/679. ${esc(cl.name)} · ${cl.addr.join(", ")}</p>
`,
    "table.lines td { padding: 3px 4px; border-bottom: 1px dotted #bbb; }",
  );
  return { truth: t, html, note: "es classic table, meta box right" };
};

/** de: Rechnung with Pos./Datum/Leistung/Anzahl/Einzelpreis/Gesamt, MwSt note, one summary position over a period. */
const deRechnung: InvLayout = (r, { stamp }) => {
  const lang = "de",
    cl = pick(r, CLINICS.de),
    p = patient(r),
    th = pick(r, THERAPISTS.de);
  const visits = planVisits(r, lang, int(r, 5, 9), { ncMax: 1 });
  const money = pick(r, [M.eurSuffix, M.eurBare]);
  const invDate = addDays(last(visits).date, int(r, 1, 6));
  const invNo = pick(r, [`RE ${int(r, 1000, 9999)}`, `RE-${invDate.slice(0, 4)}-${int(r, 100, 999)}`, `${invDate.slice(2, 4)}${pad(int(r, 1, 12))}${int(r, 10, 99)}`]);
  const dx = pick(r, DIAG);
  const useSummary = chance(r, 0.6);
  const lines: TruthLine[] = [];
  const rows: string[] = [];
  let pos = 1;
  const cell = (x: number) => money(x);
  // main treatment as summary position over the period when every visit has it
  const mainCat = last(visits).items[0]!.cat; // every visit has at least one item
  const mainVisits = visits.filter((v) => v.items[0]!.cat === mainCat);
  const others = visits.map((v) => ({ date: v.date, items: v.items.filter((it, k) => !(useSummary && k === 0 && it.cat === mainCat)) }));
  if (useSummary && mainVisits.length >= 2) {
    const it = mainVisits[0]!.items[0]!;
    const first = mainVisits[0]!.date,
      lastDate = last(mainVisits).date;
    const d = withDur(it.cat.text, it.dur, "paren");
    const n = mainVisits.length;
    lines.push({ ...tl(first, it, d, it.dur, it.amount * n), count: n });
    rows.push(
      `<tr><td class="c">${pos++}</td><td>${fd(first, "d.m.")}–${fd(lastDate, "d.m.y")}</td><td>${esc(d)}</td><td class="c">${n}</td><td class="r">${cell(it.amount)}</td><td class="r">${cell(it.amount * n)}</td></tr>`,
    );
  } else {
    for (const o of others) o.items = visits.find((v) => v.date === o.date)!.items;
  }
  for (const o of others)
    for (const it of o.items) {
      const d = withDur(it.cat.text, it.dur, "paren");
      lines.push(tl(o.date, it, d));
      rows.push(
        `<tr><td class="c">${pos++}</td><td>${fd(o.date, "d.m.y")}</td><td>${esc(d)}</td><td class="c">1</td><td class="r">${cell(it.amount)}</td><td class="r">${cell(it.amount)}</td></tr>`,
      );
    }
  const total = sum(lines);
  const t = baseTruth("invoice", lang, "DE");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: null }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
    diagnosis: { code: dx.code, text: dx.t.de! },
  });
  const html = page(
    r,
    `
<div style="text-align:right"><div class="b" style="font-size:1.5em">${esc(cl.name)}</div><div class="small">${cl.addr.join(" · ")} · Tel. ${cl.phone}</div></div>
<div class="small" style="margin-top:12mm;text-decoration:underline">${esc(cl.name)} · ${cl.addr.join(" · ")}</div>
<table style="width:100%;margin-top:2mm"><tr>
 <td style="vertical-align:top">${FEMALE.has(p.given) ? "Frau" : "Herrn"}<br>${esc(canon(p))}<br>${pick(r, ["Storgata 14", "Kirkeveien 5B", "Elvegata 3"])}<br>${pick(r, ["0182 Oslo", "5003 Bergen", "7010 Trondheim"])}<br>NORWEGEN</td>
 <td style="vertical-align:top;width:42%"><table style="width:100%">
  <tr><td>Rechnungsnummer:</td><td class="r">${invNo}</td></tr><tr><td>Rechnungsdatum:</td><td class="r">${fd(invDate, "d.m.y")}</td></tr>
  <tr><td>Geburtsdatum:</td><td class="r">${fd(p.birth, "d.m.y")}</td></tr><tr><td>${cl.taxLabel}:</td><td class="r">${cl.tax}</td></tr></table></td>
</tr></table>
<h2 style="margin-top:12mm;font-size:1.5em">Rechnung</h2>
<p>Für die physiotherapeutische Behandlung von ${esc(canon(p))} (geb. ${fd(p.birth, "d.m.y")}) auf Grundlage der ärztlichen Verordnung erlauben wir uns zu berechnen:</p>
<p>Diagnose: ${dx.code} ${esc(dx.t.de!)}</p>
<table style="width:100%" class="lines"><thead><tr><th>Pos.</th><th>Datum</th><th style="text-align:left">Leistung</th><th>Anzahl</th><th class="r">Einzelpreis${money === M.eurBare ? " €" : ""}</th><th class="r">Gesamt${money === M.eurBare ? " €" : ""}</th></tr></thead>
<tbody>${rows.join("")}</tbody>
<tfoot><tr><td colspan="5" class="r b">Rechnungsbetrag</td><td class="r b">${money(total)}${money === M.eurBare ? " €" : ""}</td></tr></tfoot></table>
<p class="small" style="margin-top:6mm">Heilbehandlungen im Bereich der Humanmedizin sind gemäß § 4 Nr. 14 UStG von der Umsatzsteuer befreit; es wird keine MwSt. berechnet.</p>
<p>Bitte überweisen Sie den Betrag innerhalb von 14 Tagen auf das unten genannte Konto.</p>
<p>Behandelnde Therapeutin/Therapeut: ${esc(th)}</p>
${stamp ? `<div style="margin:4mm 0 0 100mm"><span class="stamp blue">BEZAHLT</span></div>` : ""}
<div class="small muted" style="position:absolute;bottom:12mm;left:20mm;right:20mm;border-top:1px solid #aaa;padding-top:2mm">
${esc(cl.name)} · IBAN DE${int(r, 10, 99)} 1005 0000 ${int(r, 1000, 9999)} ${int(r, 1000, 9999)} ${int(r, 10, 99)} · BIC BELADEBEXXX · IK ${int(r, 590000000, 599999999)}</div>
`,
    "table.lines th { border-bottom: 1.5px solid #222; padding: 3px; } table.lines td { padding: 3px; border-bottom: 1px solid #ddd; } table.lines tfoot td { border-top: 1.5px solid #222; border-bottom: none; }",
  );
  return { truth: t, html, note: "de Rechnung Pos/Datum/Leistung/Anzahl" + (useSummary ? " + period summary row" : "") };
};

/** sv: kvitto with Datum | Tid (10:00–10:45) | Behandling | Belopp, "kr 650,00". Duration from the time range. */
const svKvitto: InvLayout = (r, { stamp }) => {
  const lang = "sv",
    cl = pick(r, CLINICS.sv),
    p = patient(r),
    th = pick(r, THERAPISTS.sv);
  const visits = planVisits(r, lang, int(r, 3, 7), { extras: 0.3 });
  const money = pick(r, [M.krPrefix, M.krSuffix]);
  const invDate = last(visits).date;
  const invNo = String(int(r, 20000, 89999));
  const lines: TruthLine[] = [];
  const rows = visits
    .flatMap((v) => {
      let h = int(r, 8, 16),
        m = pick(r, [0, 15, 30, 45]);
      return v.items.map((it) => {
        let time = "";
        if (it.dur != null) {
          const start = h * 60 + m,
            end = start + it.dur;
          time = `${pad(Math.floor(start / 60))}:${pad(start % 60)}–${pad(Math.floor(end / 60))}:${pad(end % 60)}`;
          h = Math.floor(end / 60);
          m = end % 60;
        }
        lines.push(tl(v.date, it, it.cat.text));
        return `<tr><td>${fd(v.date, "iso")}</td><td>${time}</td><td>${esc(it.cat.text)}</td><td class="r">${money(it.amount)}</td></tr>`;
      });
    })
    .join("");
  const total = sum(lines);
  const t = baseTruth("invoice", lang, "SE");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: null }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "SEK",
    lines,
    total,
  });
  const html = page(
    r,
    `
<div style="display:flex;justify-content:space-between;align-items:flex-start">
 <div><div class="b" style="font-size:1.6em;color:#0b5a3c">${esc(cl.name)}</div><div>${cl.addr.join(", ")}</div></div>
 <div class="r"><div class="b" style="font-size:1.3em">KVITTO</div><div>Kvittonr ${invNo}</div><div>${fd(invDate, "iso")}</div></div>
</div>
<div style="margin-top:10mm;background:#f1f5f3;padding:8px">
 <div>Patient: <b>${esc(printName(r, p, ["gf", "Fg"]))}</b></div><div>Födelsedatum: ${fd(p.birth, "iso")}</div>
 <div>Behandlare: ${esc(th)}, leg. fysioterapeut</div></div>
<table style="width:100%;margin-top:8mm" class="lines"><thead><tr><th>Datum</th><th>Tid</th><th>Behandling</th><th class="r">Belopp</th></tr></thead><tbody>${rows}</tbody></table>
<div style="margin-top:5mm;text-align:right;font-size:1.2em"><b>Att betala: ${money(total)}</b></div>
<div class="r small">varav moms ${money(0)} (momsfri sjukvård)</div>
<p style="margin-top:8mm">Betalt med kort ${fd(invDate, "iso")}. Tack för ditt besök!</p>
${stamp ? `<div style="margin:4mm 0 0 30mm"><span class="stamp blue">BETALT</span></div>` : ""}
<p class="small muted" style="margin-top:14mm">${cl.taxLabel} ${cl.tax} · Godkänd för F-skatt · ${cl.phone} · ${cl.email}</p>
`,
    "table.lines th { text-align: left; border-bottom: 1px solid #0b5a3c; padding: 4px; } table.lines td { padding: 4px; }",
  );
  return { truth: t, html, note: "sv kvitto with time ranges" };
};

// ---------------------------------------------------------------- more invoice layouts
/** Items grouped by identical catalogue entry + duration + price, in order of first appearance. */
function groupItems(visits: Visit[]): { it: Item; dates: string[] }[] {
  const out: { it: Item; dates: string[] }[] = [];
  for (const v of visits)
    for (const it of v.items) {
      const g = out.find((o) => o.it.cat === it.cat && o.it.dur === it.dur && o.it.amount === it.amount);
      if (g) g.dates.push(v.date);
      else out.push({ it, dates: [v.date] });
    }
  return out;
}
function invNumber(r: Rng, d: string, styles: string[]): string {
  const y = d.slice(0, 4),
    yy = d.slice(2, 4);
  switch (pick(r, styles)) {
    case "F-Y/N":
      return `F-${y}/${String(int(r, 12, 980)).padStart(4, "0")}`;
    case "Y-N":
      return `${y}-${int(r, 100, 999)}`;
    case "RE N":
      return `RE ${int(r, 1000, 9999)}`;
    case "N/Y":
      return `${int(r, 12, 480)}/${y}`;
    case "N/M/Y":
      return `${int(r, 10, 299)}/${d.slice(5, 7)}/${y}`;
    case "A-N":
      return `A-${yy}${String(int(r, 1, 999)).padStart(4, "0")}`;
    case "T":
      return `T${y}-${String(int(r, 1, 9999)).padStart(5, "0")}`;
    case "INV":
      return `INV-${int(r, 10000, 99999)}`;
    case "HP":
      return `HP/${yy}/${int(r, 100, 999)}`;
    default:
      return String(int(r, 10000, 99999));
  }
}
function dxPrint(r: Rng, lang: Lang, p = 0.6): { code: string; text: string } | null {
  if (!chance(r, p)) return null;
  const d = pick(r, DIAG);
  return { code: d.code, text: d.t[lang]! };
}

/** es-B: summary "8 sesiones × 40,00 €" with the list of session dates underneath (expanded to one line per date), then other items. */
const esSummary: InvLayout = (r, { stamp }) => {
  const lang = "es",
    cl = pick(r, CLINICS.es),
    p = patient(r),
    th = pick(r, THERAPISTS.es),
    col = regNo(r, "es");
  const visits = planVisits(r, lang, int(r, 6, 12), { extras: 0.6 });
  const money = pick(r, [M.eurSuffix, M.eurIsoComma]);
  const dsty = pick(r, ["d/m/y", "d/m/yy"]);
  const invDate = addDays(last(visits).date, int(r, 0, 3));
  const invNo = invNumber(r, invDate, ["F-Y/N", "A-N", "N/Y"]);
  const groups = groupItems(visits);
  const lines: TruthLine[] = [];
  const blocks: string[] = [];
  const singles: string[] = [];
  const durStyle = pick(r, ["apos", "paren"]);
  for (const g of groups) {
    const d = withDur(g.it.cat.text, g.it.dur, durStyle);
    if (g.dates.length >= 3) {
      for (const dt of g.dates) lines.push(tl(dt, g.it, d));
      const word = g.it.cat.form === "ovelsesbehandling" || g.it.cat.form === "manuellterapi" || g.it.cat.form === "basseng" ? "sesiones" : "aplicaciones";
      blocks.push(`<div style="margin-top:5mm;border-left:3px solid #7a9;padding-left:8px">
<div class="b">${esc(d)}</div>
<div style="display:flex;justify-content:space-between"><span>${g.dates.length} ${word} × ${money(g.it.amount)}</span><span class="b">${money(g.it.amount * g.dates.length)}</span></div>
<div class="small">Fechas: ${g.dates.map((x) => fd(x, dsty)).join(", ")}</div></div>`);
    } else {
      for (const dt of g.dates) {
        lines.push(tl(dt, g.it, d));
        singles.push(`<tr><td>${fd(dt, dsty)}</td><td>${esc(d)}</td><td class="r">${money(g.it.amount)}</td></tr>`);
      }
    }
  }
  // print order: blocks first, then singles; reorder truth accordingly
  const blockLines = lines.filter((l) => groups.some((g) => g.dates.length >= 3 && g.dates.includes(l.date!) && withDur(g.it.cat.text, g.it.dur, durStyle) === l.description));
  const singleLines = lines.filter((l) => !blockLines.includes(l));
  const ordered = [...blockLines, ...singleLines];
  const total = sum(ordered);
  const dx = dxPrint(r, lang, 0.7);
  const t = baseTruth("invoice", lang, "ES");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: col }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines: ordered,
    total,
    diagnosis: dx,
  });
  const html = page(
    r,
    `
<div class="c"><div class="b" style="font-size:1.6em">${esc(cl.name)}</div><div>${cl.addr.join(" – ")}</div><div class="small">${cl.taxLabel} ${cl.tax} · Tel. ${cl.phone}</div></div>
<hr style="margin:6mm 0">
<table style="width:100%"><tr><td style="vertical-align:top">
<div><b>Cliente / paciente</b></div><div>${esc(printName(r, p))}</div><div>Nacido/a el ${fd(p.birth, "d/m/y")}</div><div>Residente en Noruega</div></td>
<td style="vertical-align:top" class="r"><div>Factura nº <b>${invNo}</b></div><div>Fecha de emisión: ${fd(invDate, "d/m/y")}</div></td></tr></table>
${dx ? `<p>Motivo de consulta: ${esc(dx.text)} — CIE-10: ${dx.code}</p>` : ""}
<h3 style="margin-top:8mm;border-bottom:1px solid #999">Detalle de servicios</h3>
${blocks.join("")}
${singles.length ? `<table style="width:100%;margin-top:6mm" class="lines"><tr><th style="text-align:left">Fecha</th><th style="text-align:left">Otros conceptos</th><th class="r">Importe</th></tr>${singles.join("")}</table>` : ""}
<div style="margin-top:8mm;text-align:right;font-size:1.25em" class="b">Total factura: ${money(total)}</div>
<div class="r small">Operación exenta de IVA (art. 20.1.3º Ley 37/1992)</div>
<p style="margin-top:10mm">Profesional: ${esc(th)}, fisioterapeuta colegiado/a nº ${col}</p>
${stamp ? `<div style="margin:4mm 0 0 110mm"><span class="stamp">PAGADO</span></div>` : ""}
`,
    "table.lines td, table.lines th { padding: 3px 2px; border-bottom: 1px solid #ddd; }",
  );
  return { truth: t, html, note: "es summary rows '8 sesiones × 40,00 €' with date lists" };
};

/** es-C: till-receipt style, monospace, each treatment day as a heading with daily subtotals. */
const esTicket: InvLayout = (r, { stamp }) => {
  const lang = "es",
    cl = pick(r, CLINICS.es),
    p = patient(r),
    th = pick(r, THERAPISTS.es),
    col = regNo(r, "es");
  const visits = planVisits(r, lang, int(r, 3, 6), { extras: 0.7 });
  const invDate = last(visits).date;
  const invNo = invNumber(r, invDate, ["T", "A-N"]);
  const headStyle = pick(r, ["weekday", "dmy"]);
  const durStyle = pick(r, ["minDot", "apos"]);
  const lines: TruthLine[] = [];
  const W = 40;
  const padLine = (a: string, b: string) => a + " ".repeat(Math.max(1, W - a.length - b.length)) + b;
  const out: string[] = [];
  for (const v of visits) {
    const [y, m, d] = ymd(v.date);
    const head = headStyle === "weekday" ? `${WEEKDAYS.es[dow(v.date)]}, ${d} de ${monthName("es", m)} de ${y}` : `SESIÓN ${fd(v.date, "d/m/y")}`;
    out.push(`<div class="b" style="margin-top:3mm">${esc(head[0]!.toUpperCase() + head.slice(1))}</div>`);
    let day = 0;
    for (const it of v.items) {
      const desc = withDur(it.cat.text, it.dur, durStyle);
      lines.push(tl(v.date, it, desc));
      day += it.amount;
      // wrap at word boundaries like a till printer with ~30 columns for the text
      const parts: string[] = [];
      let cur = "";
      for (const w of desc.split(" ")) {
        if ((cur + " " + w).trim().length > 30 && cur) {
          parts.push(cur);
          cur = w;
        } else cur = (cur + " " + w).trim();
      }
      parts.push(cur);
      out.push(`<pre>${esc(padLine(parts[0]!, num(it.amount, ",", ".")))}</pre>`);
      for (const extra of parts.slice(1)) out.push(`<pre>${esc("  " + extra)}</pre>`);
    }
    if (v.items.length > 1) out.push(`<pre class="muted">${esc(padLine("  subtotal día", num(day, ",", ".")))}</pre>`);
  }
  // a receipt prints long descriptions wrapped; the truth keeps the full text
  const total = sum(lines);
  const t = baseTruth("invoice", lang, "ES");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: col }],
    patientName: canon(p),
    patientBirthDate: null,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
  });
  const html = page(
    r,
    `
<div style="width:98mm;margin:0 auto;border:1px dashed #bbb;padding:6mm 5mm;background:#fdfdfb">
<div class="c b" style="font-size:1.2em">${esc(cl.name.toUpperCase())}</div>
<div class="c">${cl.addr.map(esc).join("<br>")}</div><div class="c">${cl.taxLabel} ${cl.tax}</div>
<pre>${"=".repeat(W)}</pre>
<pre>${esc(padLine("FACTURA SIMPLIFICADA", invNo))}</pre>
<pre>${esc(padLine("Fecha:", fd(invDate, "d/m/y") + " " + pad(int(r, 9, 19)) + ":" + pad(int(r, 0, 59))))}</pre>
<pre>${esc(padLine("Paciente:", printName(r, p, ["GF", "FG"]).slice(0, 28)))}</pre>
<pre>${esc(padLine("Fisio:", th.split(" ").slice(0, 2).join(" ") + " (col. " + col + ")"))}</pre>
<pre>${"-".repeat(W)}</pre>
<pre>${esc(padLine("CONCEPTO", "EUR"))}</pre>
${out.join("\n")}
<pre>${"=".repeat(W)}</pre>
<pre class="b" style="font-size:1.15em">${esc(padLine("TOTAL EUR", num(total, ",", ".")))}</pre>
<pre>${esc(padLine("IVA 0% (exento)", "0,00"))}</pre>
<pre>${esc(padLine(pick(r, ["TARJETA", "EFECTIVO"]), num(total, ",", ".")))}</pre>
<pre>${"-".repeat(W)}</pre>
<div class="c small">Gracias por su visita · ${cl.phone}</div>
</div>
${stamp ? `<div style="margin:6mm 0 0 120mm"><span class="stamp">PAGADO</span></div>` : ""}
`,
    `pre { margin: 0; font-family: 'Liberation Mono', 'DejaVu Sans Mono', monospace; font-size: 1em; white-space: pre; }`,
    { font: "'Liberation Mono'", size: pick(r, [9, 9.5, 10]) },
  );
  // fix truth for wrapped lines: description is the full text (as printed, over two lines)
  return { truth: t, html, note: "es till receipt, date headings, daily subtotals" };
};

/** es-D: discount column, gross sum, discount, base, IVA 0 %, total; duration column. */
const esDiscount: InvLayout = (r, { stamp }) => {
  const lang = "es",
    cl = pick(r, CLINICS.es),
    p = patient(r),
    ths = shuffle(r, THERAPISTS.es).slice(0, 2),
    cols = ths.map(() => regNo(r, "es"));
  const visits = planVisits(r, lang, int(r, 5, 10), { extras: 0.4 });
  const invDate = addDays(last(visits).date, int(r, 1, 10));
  const invNo = invNumber(r, invDate, ["Y-N", "F-Y/N", "N/M/Y"]);
  const money = pick(r, [M.eurSuffix, M.eurBare]);
  const disc = pick(r, [10, 15, 20]);
  const lines: TruthLine[] = [];
  let gross = 0;
  const descending = chance(r, 0.4);
  const vs = descending ? [...visits].reverse() : visits;
  const rows = vs
    .flatMap((v) =>
      v.items.map((it) => {
        const dpct = it.cat.kind === "main" ? disc : 0;
        const net = round2(it.amount * (1 - dpct / 100));
        gross += it.amount;
        lines.push(tl(v.date, it, it.cat.text, it.dur, net));
        return `<tr><td>${fd(v.date, "d/m/y")}</td><td>${esc(it.cat.text)}</td><td class="c">${it.dur != null ? it.dur + " min" : "—"}</td><td class="r">${money(it.amount)}</td><td class="c">${dpct ? dpct + " %" : ""}</td><td class="r">${money(net)}</td></tr>`;
      }),
    )
    .join("");
  const total = sum(lines);
  const dx = dxPrint(r, lang, 0.5);
  const t = baseTruth("invoice", lang, "ES");
  Object.assign(t, {
    providerName: cl.name,
    therapists: ths.map((n, i) => ({ name: n, authorisationNumber: cols[i] })),
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
    diagnosis: dx,
  });
  const html = page(
    r,
    `
<table style="width:100%"><tr><td style="vertical-align:top"><div style="font-size:1.7em;color:#8a1c2b" class="b">${esc(cl.name)}</div><div class="small">${cl.addr.join(", ")} · ${cl.taxLabel} ${cl.tax}</div></td>
<td class="r" style="vertical-align:top;font-size:1.5em;color:#8a1c2b">FACTURA</td></tr></table>
<table style="width:100%;margin-top:8mm" class="meta"><tr>
<td style="width:50%;vertical-align:top;border:1px solid #bbb;padding:6px"><div class="small muted">DATOS DEL PACIENTE</div>${esc(printName(r, p))}<br>F. nac. ${fd(p.birth, "d/m/y")}<br>${pick(r, ["Calle Mayor 3, 03590 Altea", "Urb. Los Pinos 12, 29649 Mijas", "Av. Europa 40, 03503 Benidorm"])}</td>
<td style="vertical-align:top;border:1px solid #bbb;padding:6px"><div class="small muted">DATOS DE LA FACTURA</div>Número: ${invNo}<br>Fecha: ${fd(invDate, "d/m/y")}<br>Vencimiento: ${fd(addDays(invDate, 30), "d/m/y")}</td></tr></table>
${dx ? `<p>Diagnóstico: ${dx.code} – ${esc(dx.text)}</p>` : ""}
<table style="width:100%;margin-top:5mm" class="lines"><thead><tr><th>Fecha</th><th style="text-align:left">Descripción</th><th>Duración</th><th class="r">Precio</th><th>Dto.</th><th class="r">Importe</th></tr></thead><tbody>${rows}</tbody></table>
<table style="margin-left:auto;margin-top:5mm;min-width:50%" class="tot">
<tr><td>Suma bruta</td><td class="r">${money(gross)}</td></tr>
<tr><td>Descuento bono (${disc} %)</td><td class="r">-${money(round2(gross - total))}</td></tr>
<tr><td>Subtotal / base imponible</td><td class="r">${money(total)}</td></tr>
<tr><td>IVA 0 %</td><td class="r">${money(0)}</td></tr>
<tr class="b"><td>TOTAL A PAGAR</td><td class="r">${money(total)}${money === M.eurBare ? " €" : ""}</td></tr></table>
<p style="margin-top:10mm" class="small">Fisioterapeutas: ${ths.map((n, i) => `${esc(n)} (Col. nº ${cols[i]})`).join(" · ")}</p>
<p class="small muted">Exento de IVA según art. 20.Uno.3º de la Ley 37/1992. Transferencia a ES${int(r, 10, 99)} 2100 ${int(r, 1000, 9999)} ${int(r, 10, 99)}${int(r, 10, 99)} ${int(r, 1000, 9999)} ${int(r, 1000, 9999)}</p>
${stamp ? `<div style="margin:4mm 0 0 20mm"><span class="stamp">PAGADO</span></div>` : ""}
`,
    "table.lines th { background:#8a1c2b; color:#fff; padding:4px; } table.lines td { padding:3px 4px; border-bottom:1px solid #e3d3d5; } table.tot td { padding:2px 6px; } table.tot tr:last-child td { border-top: 2px solid #8a1c2b; font-size:1.15em }",
  );
  return { truth: t, html, note: "es discount column + gross/discount/base/IVA 0%" + (descending ? ", descending dates" : "") };
};

/** da: faktura with newest date first, Varighed column, "450,00 kr." or "kr. 450,00", Danish autorisations-ID on the invoice. */
const daFaktura: InvLayout = (r, { stamp }) => {
  const lang = "da",
    cl = pick(r, CLINICS.da),
    p = patient(r),
    th = pick(r, THERAPISTS.da),
    aut = regNo(r, "da");
  const visits = planVisits(r, lang, int(r, 4, 8), { extras: 0.3 });
  const money = pick(r, [M.krDot, M.dkkPrefix]);
  const invDate = addDays(last(visits).date, int(r, 0, 5));
  const invNo = invNumber(r, invDate, ["Y-N", "plain"]);
  const lines: TruthLine[] = [];
  const rows = [...visits]
    .reverse()
    .flatMap((v) =>
      v.items.map((it) => {
        lines.push(tl(v.date, it, it.cat.text));
        return `<tr><td>${fd(v.date, "d.m.y")}</td><td>${esc(it.cat.text)}</td><td>${it.dur != null ? it.dur + " min." : ""}</td><td class="r">${money(it.amount)}</td></tr>`;
      }),
    )
    .join("");
  const total = sum(lines);
  const dx = dxPrint(r, lang, 0.4);
  const t = baseTruth("invoice", lang, "DK");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: aut }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "DKK",
    lines,
    total,
    diagnosis: dx,
  });
  const html = page(
    r,
    `
<div style="display:flex;justify-content:space-between">
<div>${esc(canon(p))}<br>${pick(r, ["Lilletorget 2", "Bygdøy allé 40", "Sandviksveien 12"])}<br>${pick(r, ["4006 Stavanger", "0265 Oslo", "5035 Bergen"])}<br>Norge<br><br>Fødselsdato: ${fd(p.birth, "d.m.y")}</div>
<div class="r"><div class="b" style="font-size:1.3em">${esc(cl.name)}</div>${cl.addr.map(esc).join("<br>")}<br>Tlf. ${cl.phone}<br>${cl.taxLabel} ${cl.tax}</div></div>
<h1 style="margin-top:14mm;font-weight:normal;letter-spacing:4px">FAKTURA</h1>
<table class="meta"><tr><td>Fakturanr.:</td><td>${invNo}</td></tr><tr><td>Fakturadato:</td><td>${fd(invDate, "d.m.y")}</td></tr><tr><td>Betalingsfrist:</td><td>${fd(addDays(invDate, 8), "d.m.y")}</td></tr></table>
${dx ? `<p>Diagnose: ${esc(dx.text)} (${dx.code})</p>` : ""}
<table style="width:100%;margin-top:6mm" class="lines"><thead><tr><th>Dato</th><th>Ydelse</th><th>Varighed</th><th class="r">Beløb</th></tr></thead><tbody>${rows}</tbody></table>
<table style="margin-left:auto;margin-top:4mm"><tr><td>Subtotal</td><td class="r" style="padding-left:20mm">${money(total)}</td></tr><tr><td>Moms 0 % (momsfri sundhedsydelse)</td><td class="r">${money(0)}</td></tr>
<tr class="b"><td style="border-top:1px solid #000">I alt at betale</td><td class="r" style="border-top:1px solid #000">${money(total)}</td></tr></table>
<p style="margin-top:10mm">Behandler: ${esc(th)}, autoriseret fysioterapeut (aut.-ID ${aut})</p>
<p class="small muted">Betaling til reg.nr. ${int(r, 1000, 9999)} kontonr. ${int(r, 1000000, 9999999)} · MobilePay ${int(r, 10000, 99999)}</p>
${stamp ? `<div style="margin:4mm 0 0 100mm"><span class="stamp blue">BETALT</span></div>` : ""}
`,
    "table.lines th { text-align:left; border-bottom: 2px solid #333; padding:3px; } table.lines td { padding:3px; } table.lines tr:nth-child(even) td { background:#f2f2f2 } table.meta td { padding: 1px 8px 1px 0 }",
  );
  return { truth: t, html, note: "da faktura, descending dates" };
};

/** pl: rachunek with Sprzedawca/Nabywca boxes, Lp./Nazwa usługi/Data/Ilość/Cena/Wartość; quantity rows list their dates. */
const plRachunek: InvLayout = (r, { stamp }) => {
  const lang = "pl",
    cl = pick(r, CLINICS.pl),
    p = patient(r),
    th = pick(r, THERAPISTS.pl),
    pwz = regNo(r, "pl");
  const visits = planVisits(r, lang, int(r, 4, 9), { extras: 0.6 });
  const money = pick(r, [M.zlPrefix, M.zlSuffix]);
  const invDate = addDays(last(visits).date, int(r, 0, 3));
  const invNo = invNumber(r, invDate, ["N/M/Y", "N/Y"]);
  const durStyle = pick(r, ["minut", "paren"]);
  const groups = groupItems(visits);
  const lines: TruthLine[] = [];
  let lp = 1;
  const rows = groups
    .map((g) => {
      const d = withDur(g.it.cat.text, g.it.dur, durStyle);
      for (const dt of g.dates) lines.push(tl(dt, g.it, d));
      const dates = g.dates.length === 1 ? fd(g.dates[0]!, "d.m.y") : g.dates.map((x) => fd(x, "d.m.y")).join(", ");
      return `<tr><td class="c">${lp++}</td><td>${esc(d)}</td><td class="small">${dates}</td><td class="c">${g.dates.length}</td><td class="c">usł.</td><td class="r">${money(g.it.amount)}</td><td class="r">${money(g.it.amount * g.dates.length)}</td></tr>`;
    })
    .join("");
  const total = sum(lines);
  const dx = dxPrint(r, lang, 0.5);
  const t = baseTruth("invoice", lang, "PL");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: pwz }],
    patientName: canon(p),
    patientBirthDate: null,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "PLN",
    lines,
    total,
    diagnosis: dx,
  });
  const html = page(
    r,
    `
<div class="r small">${cl.addr[1]!.split(" ").slice(1).join(" ")}, dnia ${fd(invDate, "d.m.y")}</div>
<h2 class="c" style="margin-top:6mm">RACHUNEK nr ${invNo}</h2>
<div class="c small">Data wystawienia: ${fd(invDate, "d.m.y")} · Data wykonania usługi: ${fd(visits[0]!.date, "d.m.y")} – ${fd(last(visits).date, "d.m.y")}</div>
<table style="width:100%;margin-top:8mm"><tr>
<td style="width:50%;vertical-align:top;border:1px solid #999;padding:6px"><div class="b">Sprzedawca:</div>${esc(cl.name)}<br>${cl.addr.map(esc).join("<br>")}<br>${cl.taxLabel}: ${cl.tax}</td>
<td style="vertical-align:top;border:1px solid #999;padding:6px"><div class="b">Nabywca:</div>${esc(printName(r, p, ["gf", "GF"]))}<br>${pick(r, ["Skogveien 7, 1430 Ås", "Kongens gate 22, 7011 Trondheim", "Parkveien 3, 3015 Drammen"])}<br>Norwegia</td></tr></table>
${dx ? `<p>Rozpoznanie: ${dx.code} ${esc(dx.text)}</p>` : ""}
<table style="width:100%;margin-top:6mm" class="lines"><thead><tr><th>Lp.</th><th>Nazwa usługi</th><th>Data wykonania</th><th>Ilość</th><th>J.m.</th><th>Cena jedn.</th><th>Wartość</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><td colspan="6" class="r b">Razem:</td><td class="r b">${money(total)}</td></tr></tfoot></table>
<p style="margin-top:6mm"><b>Do zapłaty: ${money(total)}</b> · Forma płatności: ${pick(r, ["gotówka", "karta płatnicza", "przelew"])}</p>
<p class="small">Zwolnienie z VAT na podstawie art. 43 ust. 1 pkt 19 ustawy o podatku od towarów i usług.</p>
<p style="margin-top:12mm">Usługi wykonał(a): mgr ${esc(th)}, fizjoterapeuta, nr PWZFz ${pwz}</p>
<div style="display:flex;justify-content:space-between;margin-top:18mm" class="small c"><div>......................................<br>podpis osoby uprawnionej do odbioru</div><div>......................................<br>podpis osoby uprawnionej do wystawienia</div></div>
${stamp ? `<div style="margin:4mm 0 0 20mm"><span class="stamp blue">ZAPŁACONO</span></div>` : ""}
`,
    "table.lines th { border:1px solid #555; background:#eee; padding:3px; } table.lines td { border:1px solid #999; padding:3px; } table.lines tfoot td { border:none }",
  );
  return { truth: t, html, note: "pl rachunek, quantity rows with date lists" };
};

/** en-GB: invoice with treatment table (date | treatment | clinician | fee), HCPC numbers, payments section and balance 0. */
const enInvoice: InvLayout = (r, { stamp }) => {
  const lang = "en",
    cl = pick(r, CLINICS.en),
    p = patient(r),
    ths = shuffle(r, THERAPISTS.en).slice(0, int(r, 1, 2)),
    hc = ths.map(() => regNo(r, "en"));
  const visits = planVisits(r, lang, int(r, 3, 7), { extras: 0 });
  const invDate = addDays(last(visits).date, int(r, 0, 7));
  const invNo = invNumber(r, invDate, ["INV", "HP"]);
  const dstyle = pick(r, ["short-en", "d/m/y"]);
  const durStyle = pick(r, ["mins", "minutes", "dash"]);
  const lines: TruthLine[] = [];
  const ini = (n: string) =>
    n
      .split(/[\s-]+/)
      .map((x) => x[0])
      .join("");
  const rows = visits
    .flatMap((v, vi) =>
      v.items.map((it) => {
        const d = withDur(it.cat.text, it.dur, durStyle);
        lines.push(tl(v.date, it, d));
        return `<tr><td>${fd(v.date, dstyle)}</td><td>${esc(d)}</td><td class="c">${ini(ths[vi % ths.length]!)}</td><td class="r">${M.gbp(it.amount)}</td></tr>`;
      }),
    )
    .join("");
  const total = sum(lines);
  const dx = dxPrint(r, lang, 0.5);
  const t = baseTruth("invoice", lang, "GB");
  Object.assign(t, {
    providerName: cl.name,
    therapists: ths.map((n, i) => ({ name: n, authorisationNumber: hc[i] })),
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "GBP",
    lines,
    total,
    diagnosis: dx ? { code: dx.code, text: dx.text } : null,
  });
  const half = round2(Math.floor(total / 2));
  const html = page(
    r,
    `
<div style="background:#12355b;color:#fff;padding:8mm 8mm 6mm;margin:-4mm -4mm 0"><div style="font-size:1.8em" class="b">${esc(cl.name)}</div><div>${cl.addr.join(", ")} · ${cl.phone}</div></div>
<table style="width:100%;margin-top:8mm"><tr><td style="vertical-align:top"><div class="muted small">BILL TO</div>${FEMALE.has(p.given) ? pick(r, ["Mrs", "Ms"]) : "Mr"} ${esc(canon(p))}<br>Date of birth: ${fd(p.birth, "d/m/y")}</td>
<td style="vertical-align:top;text-align:right"><div style="font-size:1.6em;color:#12355b" class="b">INVOICE</div>Invoice no. ${invNo}<br>Invoice date: ${fd(invDate, "long-en")}<br>Terms: payable on receipt</td></tr></table>
${dx ? `<p>Condition treated: ${esc(dx.text)} (ICD-10 ${dx.code})</p>` : ""}
<table style="width:100%;margin-top:6mm" class="lines"><thead><tr><th>Date</th><th>Treatment</th><th>Clinician</th><th class="r">Fee</th></tr></thead><tbody>${rows}</tbody></table>
<table style="margin-left:auto;margin-top:4mm;min-width:50%"><tr><td>Total charges</td><td class="r b">${M.gbp(total)}</td></tr>
<tr><td>Payment received ${fd(visits[0]!.date, "short-en")} (card)</td><td class="r">−${M.gbp(half)}</td></tr>
<tr><td>Payment received ${fd(invDate, "short-en")} (card)</td><td class="r">−${M.gbp(round2(total - half))}</td></tr>
<tr class="b"><td style="border-top:1px solid #000">Balance due</td><td class="r" style="border-top:1px solid #000">${M.gbp(0)}</td></tr></table>
<p style="margin-top:10mm" class="small">Clinicians: ${ths.map((n, i) => `${ini(n)} = ${esc(n)} MCSP, HCPC reg. ${hc[i]}`).join("; ")}</p>
<p class="small muted">Physiotherapy services are exempt from VAT. ${cl.taxLabel} ${cl.tax}. Registered in England &amp; Wales.</p>
${stamp ? `<div style="margin:4mm 0 0 110mm"><span class="stamp blue">PAID</span></div>` : ""}
`,
    "table.lines th { text-align:left; border-bottom:2px solid #12355b; padding:4px; color:#12355b } table.lines td { padding:4px; border-bottom:1px solid #dde } table.lines th.r { text-align:right }",
  );
  return { truth: t, html, note: "en-GB invoice with clinician column, payments, balance 0" };
};

/** fr: note d'honoraires with cotation column (AMK …), "8 séances × 40,00 €" and the session dates. */
const frNote: InvLayout = (r, { stamp }) => {
  const lang = "fr",
    cl = pick(r, CLINICS.fr),
    p = patient(r),
    th = pick(r, THERAPISTS.fr),
    rpps = regNo(r, "fr");
  const visits = planVisits(r, lang, int(r, 6, 12), { extras: 0, ncMax: int(r, 0, 1) });
  const invDate = addDays(last(visits).date, int(r, 0, 4));
  const invNo = invNumber(r, invDate, ["Y-N", "N/Y"]);
  const groups = groupItems(visits);
  const lines: TruthLine[] = [];
  const durStyle = pick(r, ["paren", "none"]);
  const rows = groups
    .map((g) => {
      const d = withDur(g.it.cat.text, g.it.dur, durStyle);
      const dur = durStyle === "none" ? null : g.it.dur;
      for (const dt of g.dates) lines.push(tl(dt, g.it, d, dur));
      const cot =
        g.it.cat.form === "undersokelse" ? "AMK 8,1" : g.it.cat.form === "akupunktur" || g.it.cat.form === "ikke-dekket" ? "HN" : pick(r, ["AMK 7,5", "AMS 7,5", "AMC 8"]);
      const n = g.dates.length;
      return `<tr><td>${esc(d)}<div class="small muted">${n > 1 ? "Séances des " : "Séance du "}${g.dates.map((x) => fd(x, "d/m/y")).join(", ")}</div></td><td class="c">${cot}</td><td class="c">${n > 1 ? `${n} séances × ${M.eurFr(g.it.amount)}` : "1"}</td><td class="r">${M.eurFr(g.it.amount * n)}</td></tr>`;
    })
    .join("");
  const total = sum(lines);
  const dx = dxPrint(r, lang, 0.4);
  const t = baseTruth("invoice", lang, "FR");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: rpps }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
    diagnosis: dx,
  });
  const presc = addDays(visits[0]!.date, -int(r, 5, 30));
  const html = page(
    r,
    `
<table style="width:100%"><tr><td style="vertical-align:top"><div class="b" style="font-size:1.3em">${esc(cl.name)}</div><div>${esc(th)}<br>Masseur-kinésithérapeute D.E.<br>N° RPPS ${rpps}</div><div>${cl.addr.map(esc).join("<br>")}<br>Tél. ${cl.phone}</div></td>
<td class="r" style="vertical-align:top">${cl.addr[1]!.replace(/^\d+\s*/, "")}, le ${fd(invDate, "long-fr")}</td></tr></table>
<h2 class="c" style="margin-top:12mm;letter-spacing:1px">NOTE D'HONORAIRES N° ${invNo}</h2>
<p>Patient(e) : <b>${esc(printName(r, p, ["FG", "GF"]))}</b>, né(e) le ${fd(p.birth, "d/m/y")}<br>
Prescription médicale du Dr ${pick(r, ["A. Bonnet", "F. Mercier", "S. Dubois"])} en date du ${fd(presc, "d/m/y")}</p>
${dx ? `<p>Motif : ${esc(dx.text)} (CIM-10 ${dx.code})</p>` : ""}
<table style="width:100%;margin-top:4mm" class="lines"><thead><tr><th style="text-align:left">Désignation des actes</th><th>Cotation</th><th>Quantité</th><th class="r">Montant</th></tr></thead><tbody>${rows}</tbody></table>
<p class="r b" style="font-size:1.2em;margin-top:5mm">Total des honoraires : ${M.eurFr(total)}</p>
<p>Note acquittée le ${fd(invDate, "d/m/y")} par ${pick(r, ["carte bancaire", "chèque", "espèces"])}.</p>
<p class="small muted">TVA non applicable, article 261-4-1° du CGI. ${cl.taxLabel} ${cl.tax}. Membre d'une association agréée, le règlement des honoraires par chèque est accepté.</p>
${stamp ? `<div style="margin:4mm 0 0 100mm"><span class="stamp blue">ACQUITTÉ</span></div>` : ""}
`,
    "table.lines th { border-bottom:1px solid #000; padding:3px } table.lines td { padding:4px 3px; border-bottom:1px solid #ccc; vertical-align: top }",
  );
  return { truth: t, html, note: "fr note d'honoraires, cotation column, séances × prix with dates" };
};

/** it: ricevuta sanitaria, "€ 45,00", IVA exemption, stamp-duty row without date. */
const itRicevuta: InvLayout = (r, { stamp }) => {
  const lang = "it",
    cl = pick(r, CLINICS.it),
    p = patient(r),
    th = pick(r, THERAPISTS.it),
    alb = regNo(r, "it");
  const visits = planVisits(r, lang, int(r, 4, 9), { extras: 0.5 });
  const invDate = addDays(last(visits).date, int(r, 0, 3));
  const invNo = invNumber(r, invDate, ["N/Y"]);
  const durStyle = pick(r, ["minuti", "paren", "none"]);
  const lines: TruthLine[] = [];
  const rows = visits
    .flatMap((v) =>
      v.items.map((it) => {
        const d = withDur(it.cat.text, it.dur, durStyle);
        const dur = durStyle === "none" ? null : it.dur;
        lines.push(tl(v.date, it, d, dur));
        return `<tr><td>${fd(v.date, "d/m/y")}</td><td>${esc(d)}</td><td class="r">${M.eurPrefix(it.amount)}</td></tr>`;
      }),
    )
    .join("");
  const sub = sum(lines);
  const bollo = sub > 77.47;
  if (bollo) lines.push({ date: null, treatmentForm: "ikke-dekket", description: "Imposta di bollo", durationMinutes: null, amount: 2 });
  const total = sum(lines);
  const t = baseTruth("invoice", lang, "IT");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: alb }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
  });
  const dott = th.split(" ")[0]!.endsWith("a") ? "Dott.ssa" : "Dott.";
  const html = page(
    r,
    `
<div style="border-bottom:1px solid #666;padding-bottom:3mm"><div class="b" style="font-size:1.4em">${esc(cl.name)}</div><div>${dott} ${esc(th)} – Fisioterapista, iscr. Albo n. ${alb}</div><div class="small">${cl.addr.join(" – ")} · ${cl.taxLabel} ${cl.tax} · tel. ${cl.phone}</div></div>
<table style="width:100%;margin-top:8mm"><tr><td style="vertical-align:top"><b>FATTURA / RICEVUTA SANITARIA</b><br>N. ${invNo} del ${fd(invDate, "d/m/y")}</td>
<td style="vertical-align:top;width:48%"><div class="small muted">Spett.le</div>${esc(printName(r, p))}<br>nato/a il ${fd(p.birth, "d/m/y")}<br>residente in Norvegia</td></tr></table>
<table style="width:100%;margin-top:8mm" class="lines"><thead><tr><th>Data</th><th>Descrizione della prestazione</th><th class="r">Importo</th></tr></thead><tbody>${rows}
${bollo ? `<tr><td></td><td>Imposta di bollo</td><td class="r">${M.eurPrefix(2)}</td></tr>` : ""}</tbody></table>
<table style="margin-left:auto;margin-top:4mm"><tr><td>Imponibile prestazioni</td><td class="r" style="padding-left:14mm">${M.eurPrefix(sub)}</td></tr>
${bollo ? `<tr><td>Bollo</td><td class="r">${M.eurPrefix(2)}</td></tr>` : ""}<tr class="b"><td>TOTALE DOCUMENTO</td><td class="r">${M.eurPrefix(total)}</td></tr></table>
<p class="small" style="margin-top:8mm">Operazione esente IVA ai sensi dell'art. 10, comma 1, n. 18, D.P.R. 633/1972. ${bollo ? "Imposta di bollo da € 2,00 assolta sull'originale." : ""}</p>
<p class="small">Pagamento: ${pick(r, ["POS", "bonifico bancario", "contanti"])} – tracciabile ai fini della detrazione fiscale.</p>
${stamp ? `<div style="margin:4mm 0 0 30mm"><span class="stamp">PAGATO</span></div>` : ""}
`,
    "table.lines th { text-align:left; border-top:1px solid #000; border-bottom:1px solid #000; padding:3px } table.lines td { padding:3px } table.lines th.r { text-align:right }",
  );
  return { truth: t, html, note: "it ricevuta sanitaria, stamp-duty row" };
};

/** nb-es: Norwegian clinic in Spain writing Norwegian; "EUR 45.00"; Tid column; HPR and colegiado numbers. */
const nbEs: InvLayout = (r, { stamp }) => {
  const lang = "nb",
    cl = pick(r, CLINICS.nb),
    p = patient(r),
    th = pick(r, THERAPISTS.nb),
    hpr = regNo(r, "nb"),
    col = regNo(r, "es");
  const visits = planVisits(r, lang, int(r, 4, 10), { extras: 0.4 });
  const invDate = addDays(last(visits).date, int(r, 0, 2));
  const invNo = invNumber(r, invDate, ["Y-N", "plain", "F-Y/N"]);
  const money = pick(r, [M.eurIso, M.eurIsoComma, M.eurSuffix]);
  const useCount = chance(r, 0.4);
  const lines: TruthLine[] = [];
  const rows: string[] = [];
  if (useCount) {
    // "10 x Fysioterapi 45 min" with the period only -> one line with count
    const groups = groupItems(visits);
    for (const g of groups) {
      const d = withDur(g.it.cat.text, g.it.dur, "minDot").replace(/ min\.$/, " min");
      if (g.dates.length >= 3) {
        lines.push({ ...tl(g.dates[0]!, g.it, d, g.it.dur, g.it.amount * g.dates.length), count: g.dates.length });
        rows.push(
          `<tr><td>${fd(g.dates[0]!, "d.m.y")}–${fd(last(g.dates), "d.m.y")}</td><td>${g.dates.length} x ${esc(d)}</td><td class="r">${money(g.it.amount)}</td><td class="r">${money(g.it.amount * g.dates.length)}</td></tr>`,
        );
      } else
        for (const dt of g.dates) {
          lines.push(tl(dt, g.it, d));
          rows.push(`<tr><td>${fd(dt, "d.m.y")}</td><td>${esc(d)}</td><td class="r">${money(g.it.amount)}</td><td class="r">${money(g.it.amount)}</td></tr>`);
        }
    }
  } else {
    for (const v of visits)
      for (const it of v.items) {
        lines.push(tl(v.date, it, it.cat.text));
        rows.push(
          `<tr><td>${fd(v.date, "d.m.y")}</td><td>${esc(it.cat.text)}</td><td class="r">${it.dur != null ? it.dur + " min" : ""}</td><td class="r">${money(it.amount)}</td></tr>`,
        );
      }
  }
  const total = sum(lines);
  const dx = dxPrint(r, lang, 0.7);
  const t = baseTruth("invoice", lang, "ES");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: hpr }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
    diagnosis: dx,
  });
  const html = page(
    r,
    `
<table style="width:100%"><tr><td style="vertical-align:top;width:55%"><div style="font-size:1.6em;color:#b03a2e" class="b">${esc(cl.name)}</div><div>${cl.addr.map(esc).join("<br>")}<br>España</div><div class="small">${cl.taxLabel} ${cl.tax} · ${cl.phone}</div></td>
<td style="vertical-align:top;border-left:3px solid #b03a2e;padding-left:8px"><div class="b" style="font-size:1.3em">FAKTURA / FACTURA</div>Fakturanr.: <b>${invNo}</b><br>Fakturadato: ${fd(invDate, "d.m.y")}<br>Forfall: ved behandling</td></tr></table>
<div style="margin-top:10mm"><b>Pasient:</b> ${esc(printName(r, p, ["gf", "FG"]))}, f. ${fd(p.birth, "d.m.y")}</div>
${dx ? `<div><b>Diagnose (ICD-10):</b> ${dx.code} ${esc(dx.text)}</div>` : ""}
<table style="width:100%;margin-top:6mm" class="lines"><thead><tr><th>Dato</th><th>Behandling</th><th class="r">${useCount ? "Pris" : "Tid"}</th><th class="r">Beløp</th></tr></thead><tbody>${rows.join("")}</tbody></table>
<table style="margin-left:auto;margin-top:4mm"><tr><td>Sum behandlinger</td><td class="r" style="padding-left:16mm">${money(total)}</td></tr><tr><td>IVA/mva 0 % (exento)</td><td class="r">${money(0)}</td></tr>
<tr class="b" style="font-size:1.15em"><td>Å betale</td><td class="r">${money(total)}</td></tr></table>
<p style="margin-top:10mm">Behandlende fysioterapeut: ${esc(th)} – norsk autorisasjon, HPR-nr. ${hpr}; colegiado/a nº ${col}</p>
<p class="small muted">Fakturaen kan sendes til Helfo sammen med dokumentasjon på autorisasjon. Betalt med ${pick(r, ["bankkort", "kontant", "Vipps"])}.</p>
${stamp ? `<div style="margin:4mm 0 0 100mm"><span class="stamp">BETALT</span></div>` : ""}
`,
    "table.lines th { text-align:left; background:#f4e1de; padding:4px } table.lines th.r { text-align:right } table.lines td { padding:4px; border-bottom:1px solid #eee }",
  );
  return { truth: t, html, note: "nb clinic in Spain" + (useCount ? ", 'N x' rows over a period" : "") };
};

/** de-B: short "Privatrechnung" of a practice, dates in the first column as headings of blocks, "EUR 45.00". */
const dePrivat: InvLayout = (r, { stamp }) => {
  const lang = "de",
    cl = pick(r, CLINICS.de),
    p = patient(r),
    th = pick(r, THERAPISTS.de);
  const visits = planVisits(r, lang, int(r, 3, 6), { extras: 0.8, ncMax: 1 });
  const invDate = addDays(last(visits).date, int(r, 2, 9));
  const invNo = invNumber(r, invDate, ["RE N", "Y-N"]);
  const lines: TruthLine[] = [];
  const blocks = visits
    .map((v) => {
      const its = v.items
        .map((it) => {
          const d = withDur(it.cat.text, it.dur, "comma");
          lines.push(tl(v.date, it, d));
          return `<tr><td style="width:35mm"></td><td>${esc(d)}</td><td class="r">${M.eurIso(it.amount)}</td></tr>`;
        })
        .join("");
      return `<tr><td colspan="3" class="b" style="padding-top:3mm">Behandlung am ${fd(v.date, "long-de")}</td></tr>${its}`;
    })
    .join("");
  const total = sum(lines);
  const dx = pick(r, DIAG);
  const t = baseTruth("invoice", lang, "DE");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: null }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "EUR",
    lines,
    total,
    diagnosis: { code: dx.code, text: null },
  });
  const html = page(
    r,
    `
<div class="b" style="font-size:1.3em">${esc(cl.name)}</div><div>${cl.addr.join(", ")}</div>
<h2 style="margin-top:14mm">Privatrechnung Nr. ${invNo}</h2>
<table><tr><td>Datum:</td><td>${fd(invDate, "d.m.y")}</td></tr><tr><td>Patient/in:</td><td>${esc(printName(r, p, ["Fg", "gf"]))}, geb. ${fd(p.birth, "d.m.y")}</td></tr><tr><td>ICD-10:</td><td>${dx.code}</td></tr><tr><td>Therapeut/in:</td><td>${esc(th)}</td></tr></table>
<table style="width:100%;margin-top:6mm" class="lines">${blocks}
<tr><td colspan="2" class="b r" style="border-top:1px solid #000;padding-top:2mm">Summe</td><td class="r b" style="border-top:1px solid #000">${M.eurIso(total)}</td></tr></table>
<p class="small" style="margin-top:8mm">Umsatzsteuerfrei nach § 4 Nr. 14 a UStG. Zahlbar innerhalb von 14 Tagen ohne Abzug.</p>
${stamp ? `<div style="margin:4mm 0 0 100mm"><span class="stamp blue">BEZAHLT</span></div>` : ""}
<p class="small muted" style="margin-top:20mm">${cl.taxLabel} ${cl.tax} · ${cl.phone} · ${cl.email}</p>
`,
    "table.lines td { padding:2px 3px }",
  );
  return { truth: t, html, note: "de Privatrechnung, date headings, EUR prefix with point decimals" };
};

/** sv-B: faktura with "Fysioterapi, besök 45 min" style descriptions and SEK amounts without currency sign per line. */
const svFaktura: InvLayout = (r, { stamp }) => {
  const lang = "sv",
    cl = pick(r, CLINICS.sv),
    p = patient(r),
    th = pick(r, THERAPISTS.sv),
    leg = regNo(r, "sv");
  const visits = planVisits(r, lang, int(r, 4, 8), { extras: 0.3 });
  const invDate = addDays(last(visits).date, int(r, 1, 5));
  const invNo = invNumber(r, invDate, ["plain", "Y-N"]);
  const lines: TruthLine[] = [];
  const rows = visits
    .flatMap((v) =>
      v.items.map((it) => {
        const d = it.dur != null ? `${it.cat.text}, besök ${it.dur} min` : it.cat.text;
        lines.push(tl(v.date, it, d));
        return `<tr><td>${fd(v.date, "iso")}</td><td>${esc(d)}</td><td class="r">${num(it.amount, ",", " ")}</td></tr>`;
      }),
    )
    .join("");
  const total = sum(lines);
  const dx = dxPrint(r, lang, 0.5);
  const t = baseTruth("invoice", lang, "SE");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: leg }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    invoiceNumber: invNo,
    invoiceDate: invDate,
    currency: "SEK",
    lines,
    total,
    diagnosis: dx,
  });
  const html = page(
    r,
    `
<table style="width:100%"><tr><td><div style="font-size:1.5em" class="b">${esc(cl.name)}</div></td><td class="r"><span style="font-size:1.6em">FAKTURA</span></td></tr></table>
<table style="width:100%;margin-top:6mm"><tr><td style="vertical-align:top">${esc(printName(r, p, ["gf", "GF"]))}<br>Födelsedatum ${fd(p.birth, "iso")}<br>${pick(r, ["Torggata 4", "Nedre Slottsgate 9", "Strandveien 55"])}<br>NORGE</td>
<td style="vertical-align:top"><table><tr><td>Fakturanummer</td><td>${invNo}</td></tr><tr><td>Fakturadatum</td><td>${fd(invDate, "iso")}</td></tr><tr><td>Förfallodatum</td><td>${fd(addDays(invDate, 30), "iso")}</td></tr><tr><td>Er referens</td><td>${esc(canon(p))}</td></tr></table></td></tr></table>
${dx ? `<p>Diagnos: ${dx.code} ${esc(dx.text)}</p>` : ""}
<table style="width:100%;margin-top:6mm" class="lines"><thead><tr><th>Datum</th><th>Specifikation</th><th class="r">Belopp (SEK)</th></tr></thead><tbody>${rows}</tbody></table>
<table style="margin-left:auto;margin-top:4mm"><tr><td>Summa exkl. moms</td><td class="r" style="padding-left:12mm">${num(total, ",", " ")}</td></tr><tr><td>Moms 0 %</td><td class="r">0,00</td></tr><tr class="b"><td>Att betala SEK</td><td class="r">${num(total, ",", " ")}</td></tr></table>
<p style="margin-top:10mm">Behandlande fysioterapeut: ${esc(th)} (leg. nr ${leg})</p>
<div class="small muted" style="margin-top:16mm;border-top:1px solid #999;padding-top:2mm">${esc(cl.name)} · ${cl.addr.join(", ")} · ${cl.taxLabel} ${cl.tax} · Bankgiro ${int(r, 100, 999)}-${int(r, 1000, 9999)} · Momsfri hälso- och sjukvård enl. 3 kap. 4 § ML</div>
${stamp ? `<div style="margin:4mm 0 0 30mm"><span class="stamp blue">BETALD</span></div>` : ""}
`,
    "table.lines th { text-align:left; border-bottom:1px solid #000; padding:3px } table.lines th.r { text-align:right } table.lines td { padding:3px }",
  );
  return { truth: t, html, note: "sv faktura, 'besök 45 min' in text, bare SEK amounts" };
};

// ---------------------------------------------------------------- authorisation layouts
type OtherLayout = (r: Rng, ctx: { stamp: boolean }) => Doc;
const COLEGIOS: [string, string][] = [
  ["Ilustre Colegio Profesional de Fisioterapeutas de la Comunidad Valenciana", "Valencia"],
  ["Colegio Profesional de Fisioterapeutas de la Comunidad de Madrid", "Madrid"],
  ["Colegio Oficial de Fisioterapeutas de Canarias", "Las Palmas de Gran Canaria"],
  ["Colegio Profesional de Fisioterapeutas de Andalucía", "Sevilla"],
  ["Colegio Oficial de Fisioterapeutas de la Región de Murcia", "Murcia"],
];
const authEs: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.es),
    num = regNo(r, "es"),
    [col, city] = pick(r, COLEGIOS);
  const since = iso(new Date(Date.UTC(int(r, 2002, 2019), int(r, 0, 11), int(r, 1, 28))));
  const issued = iso(new Date(Date.UTC(int(r, 2023, 2025), int(r, 0, 11), int(r, 1, 28))));
  const secretary = pick(r, ["María José Lloret Ferrer", "Antonio Ruiz Blanco", "Inmaculada Torres Gómez"]);
  const t = baseTruth("authorisation", "es", "ES");
  Object.assign(t, { therapists: [{ name, authorisationNumber: num }], issuingAuthority: col });
  const html = page(
    r,
    `
<div class="c"><div style="font-size:1.1em;letter-spacing:2px" class="b">${esc(col.toUpperCase())}</div><div class="small">Inscrito en el Registro de Colegios Profesionales</div></div>
<h1 class="c" style="margin-top:22mm;font-size:1.8em;letter-spacing:3px">CERTIFICADO</h1>
<p style="margin-top:12mm;text-align:justify;line-height:1.8">D./Dña. ${esc(secretary)}, Secretario/a del ${esc(col)},</p>
<p class="c b" style="font-size:1.2em">CERTIFICA:</p>
<p style="text-align:justify;line-height:1.8">Que D./Dña. <b>${esc(name)}</b>, con DNI ${int(r, 10000000, 99999999)}${pick(r, "TRWAGMYFPDXBNJZSQVHLCKE".split(""))}, figura inscrito/a en este Colegio como <b>colegiado/a ejerciente</b> con el <b>número de colegiado ${num}</b> desde el ${fd(since, "long-es")}, hallándose al corriente de sus obligaciones colegiales y sin que conste sanción disciplinaria alguna que le impida el ejercicio de la profesión de fisioterapeuta.</p>
<p style="text-align:justify;line-height:1.8">Y para que conste a los efectos oportunos, a petición del/de la interesado/a, expido el presente certificado en ${city}, a ${fd(issued, "long-es")}.</p>
<div style="margin-top:26mm;display:flex;justify-content:space-around"><div class="c">V.º B.º<br>El/La Decano/a<br><br><br>____________________</div><div class="c">El/La Secretario/a<br><br><br><br>____________________</div></div>
<p class="small muted c" style="margin-top:20mm">Código seguro de verificación: ${Math.floor(r() * 1e12)
      .toString(36)
      .toUpperCase()}-${int(r, 1000, 9999)}</p>
`,
  );
  return { truth: t, html, note: "es colegiado certificate" };
};

// ---------------------------------------------------------------- epikrise layouts
const epiEs: OtherLayout = (r) => {
  const cl = pick(r, CLINICS.es),
    p = patient(r),
    th = pick(r, THERAPISTS.es),
    col = regNo(r, "es"),
    dx = pick(r, DIAG);
  const n = int(r, 8, 20);
  const dates = treatmentDates(r, n);
  const from = dates[0]!,
    to = dates[n - 1]!; // treatmentDates returns exactly n dates
  const t = baseTruth("epikrise", "es", "ES");
  Object.assign(t, {
    providerName: cl.name,
    therapists: [{ name: th, authorisationNumber: col }],
    patientName: canon(p),
    patientBirthDate: p.birth,
    diagnosis: { code: dx.code, text: dx.t.es! },
    treatmentPeriod: { from, to },
  });
  const ds = pick(r, ["d/m/y", "long-es"]);
  const html = page(
    r,
    `
<div style="border-bottom:2px solid #2a6f97;padding-bottom:4px"><span class="b" style="font-size:1.4em;color:#2a6f97">${esc(cl.name)}</span><span style="float:right" class="small">${cl.addr.join(" · ")}<br>${cl.phone}</span></div>
<h2 style="margin-top:10mm">INFORME DE FISIOTERAPIA AL ALTA</h2>
<table style="width:100%"><tr><td><b>Paciente:</b> ${esc(printName(r, p))}</td><td><b>F. nacimiento:</b> ${fd(p.birth, "d/m/y")}</td></tr>
<tr><td><b>Diagnóstico médico:</b> ${esc(dx.t.es!)} (CIE-10 ${dx.code})</td><td><b>Nº historia:</b> ${int(r, 1000, 9999)}</td></tr></table>
<h3>Tratamiento realizado</h3>
<p>El paciente ha recibido <b>${n} sesiones</b> de fisioterapia ${ds === "long-es" ? `entre el ${fd(from, ds)} y el ${fd(to, ds)}` : `en el periodo del ${fd(from, ds)} al ${fd(to, ds)}`}, con una frecuencia de 2–3 sesiones semanales.
Se ha aplicado terapia manual, ejercicio terapéutico progresivo, electroterapia analgésica y educación en higiene postural.</p>
<h3>Evolución</h3>
<p>Al inicio EVA ${int(r, 6, 9)}/10; al alta EVA ${int(r, 1, 3)}/10. Mejora del balance articular y de la fuerza. Se pauta programa de ejercicios domiciliarios.</p>
<h3>Recomendaciones</h3><p>Continuar con ejercicio aeróbico suave y revisión por su médico si reaparecen los síntomas.</p>
<p style="margin-top:16mm">${fd(addDays(to, int(r, 0, 5)), "long-es")}</p>
<p>Fdo.: ${esc(th)}<br>Fisioterapeuta · Nº Col. ${col}</p>
`,
  );
  return { truth: t, html, note: "es discharge report" };
};

// ---------------------------------------------------------------- more authorisation layouts
const someDate = (r: Rng, y0: number, y1: number) => iso(new Date(Date.UTC(int(r, y0, y1), int(r, 0, 11), int(r, 1, 28))));
const authDoc = (lang: Lang, country: string, name: string, num: string, authority: string) => {
  const t = baseTruth("authorisation", lang, country);
  Object.assign(t, { therapists: [{ name, authorisationNumber: num }], issuingAuthority: authority });
  return t;
};
/** sv: HOSP register extract (Socialstyrelsen) as a key/value table. */
const authSv: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.sv),
    num = regNo(r, "sv"),
    leg = someDate(r, 2004, 2020),
    printed = someDate(r, 2023, 2025);
  const [given, ...fam] = name.split(" ");
  const t = authDoc("sv", "SE", name, num, "Socialstyrelsen");
  const html = page(
    r,
    `
<div style="display:flex;justify-content:space-between;align-items:center;border-bottom:2px solid #6e2a5e;padding-bottom:3mm"><div class="b" style="font-size:1.6em;color:#6e2a5e">Socialstyrelsen</div><div class="small r">Utskriftsdatum ${fd(printed, "iso")}<br>Sida 1 (1)</div></div>
<h2 style="margin-top:10mm">Utdrag ur registret över legitimerad hälso- och sjukvårdspersonal (HOSP)</h2>
<p>Socialstyrelsen intygar att nedanstående person är legitimerad enligt 4 kap. patientsäkerhetslagen (2010:659).</p>
<table class="kv" style="margin-top:6mm">
<tr><td>Efternamn</td><td>${esc(fam.join(" "))}</td></tr><tr><td>Förnamn</td><td>${esc(given!)}</td></tr>
<tr><td>Födelseår</td><td>${int(r, 1970, 1995)}</td></tr><tr><td>Yrke</td><td>Fysioterapeut (tidigare sjukgymnast)</td></tr>
<tr><td>Legitimationsnummer</td><td>${num}</td></tr><tr><td>Legitimationsdatum</td><td>${fd(leg, "iso")}</td></tr>
<tr><td>Specialistkompetens</td><td>${pick(r, ["–", "Ortopedisk manuell terapi", "Idrottsmedicin"])}</td></tr><tr><td>Behörighetsbegränsning</td><td>Nej</td></tr></table>
<p style="margin-top:10mm" class="small">Uppgifterna är hämtade ur HOSP ${fd(printed, "iso")}. Kontrollera äktheten på socialstyrelsen.se med kontrollkod ${int(r, 100000, 999999)}-${int(r, 1000, 9999)}.</p>
<p class="small muted" style="margin-top:30mm">Socialstyrelsen, 106 30 Stockholm · Besöksadress Rålambsvägen 3 · Tel 075-247 30 00</p>
`,
    "table.kv td { padding: 4px 14px 4px 0; border-bottom: 1px solid #ddd } table.kv td:first-child { color:#555; width: 60mm }",
  );
  return { truth: t, html, note: "sv HOSP extract" };
};
/** da: printout of the Autorisationsregister (Styrelsen for Patientsikkerhed), web-page like. */
const authDa: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.da),
    num = regNo(r, "da"),
    since = someDate(r, 2003, 2020),
    printed = someDate(r, 2023, 2025);
  const t = authDoc("da", "DK", name, num, "Styrelsen for Patientsikkerhed");
  const html = page(
    r,
    `
<div class="small muted">${fd(printed, "d.m.y")} ${pad(int(r, 8, 20))}.${pad(int(r, 0, 59))} &nbsp; Autorisationsregistret – Søgeresultat</div>
<div style="background:#0d3b66;color:#fff;padding:5mm;margin-top:2mm"><span class="b" style="font-size:1.4em">Styrelsen for Patientsikkerhed</span><br>Autorisationsregistret</div>
<h3 style="margin-top:8mm">Oplysninger om autoriseret sundhedsperson</h3>
<table class="kv"><tr><td>Navn</td><td class="b">${esc(name)}</td></tr><tr><td>Autorisations-ID</td><td>${num}</td></tr>
<tr><td>Faggruppe</td><td>Fysioterapeut</td></tr><tr><td>Autorisationsdato</td><td>${fd(since, "d.m.y")}</td></tr>
<tr><td>Fødselsdato</td><td>${pad(int(r, 1, 28))}.${pad(int(r, 1, 12))}.${int(r, 1970, 1995)}</td></tr><tr><td>Status</td><td>Autoriseret – ingen begrænsninger i retten til at udøve selvstændig virksomhed</td></tr>
<tr><td>Specialer</td><td>${pick(r, ["Ingen", "Specialist i muskuloskeletal fysioterapi"])}</td></tr></table>
<p class="small" style="margin-top:10mm">Registret opdateres dagligt. Oplysningerne er offentligt tilgængelige jf. autorisationsloven § 13.</p>
<p class="small muted" style="margin-top:40mm">https://autregweb.sst.dk/AuthorizationSearchResult.aspx</p>
`,
    "table.kv td { padding: 5px 12px 5px 0; border-bottom: 1px solid #ccd } table.kv td:first-child { width: 55mm; color:#0d3b66 }",
  );
  return { truth: t, html, note: "da Autorisationsregister printout" };
};
const DE_AUTH = [
  "Landesamt für Gesundheit und Soziales Berlin",
  "Regierungspräsidium Stuttgart",
  "Landesprüfungsamt für Medizin, Psychotherapie und Pharmazie Nordrhein-Westfalen",
  "Behörde für Arbeit, Gesundheit, Soziales, Familie und Integration Hamburg",
];
/** de: Urkunde, centred, serif. */
const authDe: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.de),
    num = regNo(r, "de"),
    auth = pick(r, DE_AUTH),
    issued = someDate(r, 2008, 2021);
  const fem = ["Katrin", "Svenja"].includes(name.split(" ")[0]!);
  const t = authDoc("de", "DE", name, num, auth);
  const html = page(
    r,
    `
<div class="c" style="margin-top:8mm"><div class="b" style="font-size:1.15em">${esc(auth)}</div></div>
<h1 class="c" style="margin-top:26mm;font-size:2.6em;letter-spacing:8px;font-weight:normal">URKUNDE</h1>
<p class="c" style="margin-top:14mm;font-size:1.15em;line-height:2">${fem ? "Frau" : "Herr"}<br><span class="b" style="font-size:1.3em">${esc(name)}</span><br>geboren am ${fd(someDate(r, 1975, 1998), "d.m.y")} in ${pick(r, ["Leipzig", "Kassel", "Bremen", "Augsburg"])}</p>
<p class="c" style="font-size:1.1em;line-height:1.9;margin:10mm 16mm">erhält auf Grund des § 1 Abs. 1 Nr. 2 des Masseur- und Physiotherapeutengesetzes (MPhG) vom 26. Mai 1994 die Erlaubnis, die Berufsbezeichnung</p>
<p class="c b" style="font-size:1.5em">„${fem ? "Physiotherapeutin" : "Physiotherapeut"}“</p>
<p class="c">zu führen.</p>
<div style="margin-top:30mm;display:flex;justify-content:space-between"><div>${pick(r, ["Berlin", "Stuttgart", "Düsseldorf", "Hamburg"])}, den ${fd(issued, "d.m.y")}</div><div class="c">Im Auftrag<br><br><br>_______________________</div></div>
<p style="margin-top:16mm">Urkunden-Nr.: ${num}</p>
`,
    "",
    { font: pick(r, ["'DejaVu Serif'", "'Liberation Serif'"]) },
  );
  return { truth: t, html, note: "de Urkunde MPhG" };
};
/** pl: Zaświadczenie of the Krajowa Rada Fizjoterapeutów. */
const authPl: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.pl),
    num = regNo(r, "pl"),
    since = someDate(r, 2016, 2021),
    issued = someDate(r, 2023, 2025);
  const t = authDoc("pl", "PL", name, num, "Krajowa Rada Fizjoterapeutów");
  const html = page(
    r,
    `
<div class="c b" style="font-size:1.3em">KRAJOWA IZBA FIZJOTERAPEUTÓW</div><div class="c">Krajowa Rada Fizjoterapeutów · ul. Kopernika 30, 00-336 Warszawa</div>
<div class="r" style="margin-top:10mm">Warszawa, ${fd(issued, "long-pl")} r.</div><div>Znak: KRF/ZAŚ/${int(r, 100, 9999)}/${issued.slice(0, 4)}</div>
<h2 class="c" style="margin-top:14mm;letter-spacing:4px">ZAŚWIADCZENIE</h2>
<p style="line-height:1.9;text-align:justify;margin-top:8mm">Krajowa Rada Fizjoterapeutów zaświadcza, że Pan/Pani <b>${esc(name)}</b> posiada prawo wykonywania zawodu fizjoterapeuty nr <b>${num}</b>, stwierdzone uchwałą z dnia ${fd(since, "d.m.y")} r., i jest wpisany/wpisana do Krajowego Rejestru Fizjoterapeutów. Prawo wykonywania zawodu nie zostało zawieszone ani ograniczone.</p>
<p style="line-height:1.9">Zaświadczenie wydaje się na wniosek zainteresowanego w celu przedłożenia w instytucji zagranicznej (Helfo, Norwegia).</p>
<div class="r" style="margin-top:28mm">Prezes Krajowej Rady Fizjoterapeutów<br><br><br>.................................................</div>
`,
  );
  return { truth: t, html, note: "pl zaświadczenie KRF" };
};
/** en-GB: HCPC register entry printout. */
const authEn: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.en),
    num = regNo(r, "en"),
    since = someDate(r, 2005, 2021),
    printed = someDate(r, 2023, 2025);
  const t = authDoc("en", "GB", name, num, "Health and Care Professions Council");
  const html = page(
    r,
    `
<div style="display:flex;justify-content:space-between;border-bottom:4px solid #00857c;padding-bottom:2mm"><div><span class="b" style="font-size:1.7em;color:#00857c">hcpc</span><br><span class="small">Health and Care Professions Council</span></div><div class="small r">Check the Register<br>Printed ${fd(printed, "long-en")}</div></div>
<h2 style="margin-top:10mm">Registrant details</h2>
<table class="kv"><tr><td>Name</td><td class="b">${esc(name)}</td></tr><tr><td>Registration number</td><td>${num}</td></tr><tr><td>Profession</td><td>Physiotherapist</td></tr>
<tr><td>Registered from</td><td>${fd(since, "d/m/y")}</td></tr><tr><td>Registered until</td><td>${fd(`${Number(printed.slice(0, 4)) + 2}-02-28`, "d/m/y")}</td></tr><tr><td>Status</td><td>Registered</td></tr>
<tr><td>Location</td><td>${pick(r, ["Brighton and Hove", "York", "Bristol", "Leeds"])}</td></tr><tr><td>Domain</td><td>Physiotherapists – no annotations</td></tr></table>
<p style="margin-top:10mm">This confirms that the person named above is on the HCPC Register and may practise using the protected title “physiotherapist” in the United Kingdom.</p>
<p class="small muted" style="margin-top:40mm">HCPC, 184 Kennington Park Road, London SE11 4BU · www.hcpc-uk.org</p>
`,
    "table.kv td { padding: 5px 14px 5px 0; border-bottom: 1px solid #d0e6e4 } table.kv td:first-child { width: 55mm; color:#555 }",
  );
  return { truth: t, html, note: "en HCPC register entry" };
};
/** fr: Attestation d'inscription au tableau de l'Ordre. */
const authFr: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.fr),
    num = regNo(r, "fr"),
    since = someDate(r, 2005, 2020),
    issued = someDate(r, 2023, 2025);
  const dep = pick(r, ["des Bouches-du-Rhône", "des Alpes-Maritimes", "de Paris", "du Rhône"]);
  const auth = `Conseil départemental de l'Ordre des masseurs-kinésithérapeutes ${dep}`;
  const t = authDoc("fr", "FR", name, num, auth);
  const html = page(
    r,
    `
<div class="b" style="font-size:1.15em">${esc(auth)}</div><div class="small">Ordre des masseurs-kinésithérapeutes · ${pick(r, ["Marseille", "Nice", "Paris", "Lyon"])}</div>
<h2 class="c" style="margin-top:22mm">ATTESTATION D'INSCRIPTION AU TABLEAU</h2>
<p style="line-height:1.9;margin-top:10mm;text-align:justify">Le Président du ${esc(auth)} atteste que <b>${esc(name)}</b>, masseur-kinésithérapeute, titulaire du diplôme d'État, est inscrit(e) au tableau de l'Ordre depuis le ${fd(since, "long-fr")} sous le numéro RPPS <b>${num}</b>, et qu'aucune procédure disciplinaire n'est en cours à son encontre.</p>
<p>Mode d'exercice : ${pick(r, ["libéral", "salarié", "mixte"])}</p>
<p>Attestation délivrée pour servir et valoir ce que de droit.</p>
<div class="r" style="margin-top:24mm">Fait le ${fd(issued, "d/m/y")}<br>Le Président<br><br><br>_________________</div>
`,
  );
  return { truth: t, html, note: "fr attestation Ordre MK" };
};
/** it: certificato di iscrizione all'Albo dei Fisioterapisti. */
const authIt: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.it),
    num = regNo(r, "it"),
    since = someDate(r, 2019, 2021),
    issued = someDate(r, 2023, 2025);
  const city = pick(r, ["Milano", "Roma", "Torino", "Bologna"]);
  const auth = `Ordine TSRM e PSTRP di ${city}`;
  const t = authDoc("it", "IT", name, num, auth);
  const html = page(
    r,
    `
<div class="c"><div class="b" style="font-size:1.2em">${esc(auth)}</div><div class="small">Ordine dei Tecnici Sanitari di Radiologia Medica e delle Professioni Sanitarie Tecniche, della Riabilitazione e della Prevenzione</div></div>
<h2 class="c" style="margin-top:20mm">CERTIFICATO DI ISCRIZIONE ALL'ALBO</h2>
<p class="c">Albo della professione sanitaria di Fisioterapista</p>
<p style="line-height:1.9;margin-top:10mm;text-align:justify">Si certifica che il/la Dott./Dott.ssa <b>${esc(name)}</b>, nato/a a ${pick(r, ["Monza", "Latina", "Novara", "Modena"])} il ${fd(someDate(r, 1975, 1996), "d/m/y")}, risulta iscritto/a all'Albo dei Fisioterapisti con il <b>numero di iscrizione ${num}</b> a far data dal ${fd(since, "d/m/y")} e che a tutt'oggi non risultano a suo carico provvedimenti disciplinari.</p>
<p>Si rilascia su richiesta dell'interessato/a per gli usi consentiti dalla legge.</p>
<div style="margin-top:26mm;display:flex;justify-content:space-between"><div>${city}, ${fd(issued, "d/m/y")}</div><div class="c">Il Presidente<br><br><br>_________________</div></div>
`,
  );
  return { truth: t, html, note: "it certificato iscrizione albo" };
};
/** nb: HPR printout (Helsedirektoratet), for a Norwegian therapist working in Spain. */
const authNb: OtherLayout = (r) => {
  const name = pick(r, THERAPISTS.nb),
    num = regNo(r, "nb"),
    since = someDate(r, 2002, 2020),
    printed = someDate(r, 2023, 2025);
  const t = authDoc("nb", "NO", name, num, "Helsedirektoratet");
  const html = page(
    r,
    `
<div style="display:flex;justify-content:space-between"><div class="b" style="font-size:1.5em">Helsedirektoratet</div><div class="small r">Utskrift ${fd(printed, "d.m.y")}</div></div>
<h2 style="margin-top:10mm">Helsepersonellregisteret (HPR) – oppslag</h2>
<table class="kv"><tr><td>Navn</td><td class="b">${esc(name)}</td></tr><tr><td>HPR-nummer</td><td>${num}</td></tr><tr><td>Fødselsår</td><td>${int(r, 1968, 1994)}</td></tr></table>
<h3 style="margin-top:8mm">Godkjenninger</h3>
<table class="list" style="width:100%"><tr><th>Helsepersonellkategori</th><th>Type</th><th>Gyldig fra</th><th>Gyldig til</th></tr>
<tr><td>Fysioterapeut</td><td>Autorisasjon</td><td>${fd(since, "d.m.y")}</td><td>–</td></tr>
${chance(r, 0.5) ? `<tr><td>Manuellterapeut (spesialitet)</td><td>Spesialistgodkjenning</td><td>${fd(addDays(since, 2000), "d.m.y")}</td><td>–</td></tr>` : ""}</table>
<p style="margin-top:8mm">Ingen registrerte begrensninger eller tilbakekall.</p>
<p class="small muted" style="margin-top:40mm">Kilde: Helsepersonellregisteret, Helsedirektoratet · Pb. 220 Skøyen, 0213 Oslo</p>
`,
    "table.kv td { padding: 4px 14px 4px 0 } table.kv td:first-child { width: 45mm; color:#555 } table.list th { text-align:left; border-bottom:1px solid #000; padding:3px } table.list td { padding:3px }",
  );
  return { truth: t, html, note: "nb HPR printout" };
};

// ---------------------------------------------------------------- more epikrise layouts
interface EpiCfg {
  lang: Lang;
  country: string;
  clinics: Clinic[];
  ds: string[];
  title: string[];
  patient: string;
  birth: string;
  dx: string;
  period: (a: string, b: string, ds: string) => string;
  sessions: (n: number) => string;
  body: string[];
  sign: string;
  reg?: string;
  referral?: string;
}
const EPI: EpiCfg[] = [
  {
    lang: "sv",
    country: "SE",
    clinics: CLINICS.sv,
    ds: ["iso"],
    title: ["Epikris – fysioterapi", "Sammanfattning av behandling"],
    patient: "Patient",
    birth: "Född",
    dx: "Diagnos",
    period: (a, b, d) => `Behandlingsperiod: ${fd(a, d)} – ${fd(b, d)}`,
    sessions: (n) => `Antal behandlingar: ${n}`,
    body: [
      "Patienten har behandlats med individuellt anpassad träning, manuell behandling och rådgivning.",
      "Vid avslut har patienten förbättrad rörlighet och minskad smärta (NRS 2/10). Fortsatt hemträningsprogram rekommenderas.",
    ],
    sign: "leg. fysioterapeut",
    reg: "Leg.nr",
  },
  {
    lang: "de",
    country: "DE",
    clinics: CLINICS.de,
    ds: ["d.m.y", "long-de"],
    title: ["Therapiebericht", "Abschlussbericht Physiotherapie"],
    patient: "Patient/in",
    birth: "geb.",
    dx: "Diagnose",
    period: (a, b, d) => `Behandlungszeitraum: ${fd(a, d)} bis ${fd(b, d)}`,
    sessions: (n) => `Anzahl der Behandlungen: ${n}`,
    body: [
      "Durchgeführt wurden Krankengymnastik, Manuelle Therapie sowie Wärmeanwendungen.",
      "Befund bei Abschluss: deutliche Schmerzreduktion, Bewegungsausmaß nahezu frei. Eigenübungsprogramm wurde instruiert.",
    ],
    sign: "Physiotherapeut/in",
    referral: "Verordnung vom",
  },
  {
    lang: "en",
    country: "GB",
    clinics: CLINICS.en,
    ds: ["long-en", "d/m/y"],
    title: ["Discharge summary – physiotherapy", "Physiotherapy treatment report"],
    patient: "Patient",
    birth: "DOB",
    dx: "Diagnosis",
    period: (a, b, d) => `Treatment period: ${fd(a, d)} to ${fd(b, d)}`,
    sessions: (n) => `Number of sessions attended: ${n}`,
    body: [
      "Treatment consisted of graded exercise, soft tissue work and joint mobilisation, with a home exercise programme.",
      "At discharge the patient reports pain 2/10 and has returned to normal daily activities.",
    ],
    sign: "Chartered Physiotherapist",
    reg: "HCPC",
    referral: "Referral received",
  },
  {
    lang: "nb",
    country: "ES",
    clinics: CLINICS.nb,
    ds: ["d.m.y", "long-nb"],
    title: ["Epikrise", "Epikrise – fysioterapi"],
    patient: "Pasient",
    birth: "Født",
    dx: "Diagnose",
    period: (a, b, d) => `Behandlingsperiode: ${fd(a, d)}–${fd(b, d)}`,
    sessions: (n) => `Antall behandlinger: ${n}`,
    body: [
      "Pasienten har fått øvelsesbehandling, manuellterapi og veiledning i egentrening under oppholdet i Spania.",
      "Ved avslutning er smertene betydelig redusert og funksjonen bedret. Anbefaler videre oppfølging hos fysioterapeut i Norge.",
    ],
    sign: "fysioterapeut",
    reg: "HPR-nr.",
    referral: "Henvisning datert",
  },
  {
    lang: "da",
    country: "DK",
    clinics: CLINICS.da,
    ds: ["d.m.y"],
    title: ["Epikrise", "Afslutningsnotat – fysioterapi"],
    patient: "Patient",
    birth: "Fødselsdato",
    dx: "Diagnose",
    period: (a, b, d) => `Forløbet strakte sig fra ${fd(a, d)} til ${fd(b, d)}.`,
    sessions: (n) => `Antal behandlinger: ${n}`,
    body: [
      "Behandlingen har bestået af træningsterapi, manuel behandling og instruktion i hjemmeøvelser.",
      "Ved afslutning er patienten smertefri i hvile og har genvundet fuld funktion.",
    ],
    sign: "autoriseret fysioterapeut",
    reg: "Aut.-ID",
  },
  {
    lang: "fr",
    country: "FR",
    clinics: CLINICS.fr,
    ds: ["d/m/y", "long-fr"],
    title: ["Bilan de fin de traitement", "Compte rendu de kinésithérapie"],
    patient: "Patient(e)",
    birth: "Né(e) le",
    dx: "Diagnostic",
    period: (a, b, d) => `Période de traitement : du ${fd(a, d)} au ${fd(b, d)}`,
    sessions: (n) => `Nombre de séances réalisées : ${n}`,
    body: [
      "Rééducation par renforcement musculaire, techniques manuelles et conseils d'hygiène posturale.",
      "En fin de traitement, douleur EVA 2/10, mobilité améliorée, autonomie complète.",
    ],
    sign: "Masseur-kinésithérapeute D.E.",
    reg: "RPPS",
    referral: "Prescription du",
  },
  {
    lang: "it",
    country: "IT",
    clinics: CLINICS.it,
    ds: ["d/m/y", "long-it"],
    title: ["Relazione di fine trattamento fisioterapico", "Relazione fisioterapica"],
    patient: "Paziente",
    birth: "nato/a il",
    dx: "Diagnosi",
    period: (a, b, d) => `Il trattamento si è svolto dal ${fd(a, d)} al ${fd(b, d)}`,
    sessions: (n) => `per un totale di ${n} sedute.`,
    body: [
      "Sono state eseguite kinesiterapia attiva e passiva, terapia manuale e tecarterapia.",
      "Alla dimissione il dolore è ridotto (VAS 2/10) e il recupero funzionale è buono.",
    ],
    sign: "Fisioterapista",
    reg: "Iscr. Albo n.",
  },
  {
    lang: "pl",
    country: "PL",
    clinics: CLINICS.pl,
    ds: ["d.m.y"],
    title: ["Karta informacyjna z leczenia fizjoterapeutycznego", "Podsumowanie terapii"],
    patient: "Pacjent",
    birth: "Data urodzenia",
    dx: "Rozpoznanie",
    period: (a, b, d) => `Okres terapii: ${fd(a, d)} – ${fd(b, d)}`,
    sessions: (n) => `Liczba zabiegów: ${n}`,
    body: [
      "Zastosowano kinezyterapię indywidualną, terapię manualną oraz laseroterapię.",
      "Po zakończeniu terapii pacjent zgłasza zmniejszenie dolegliwości bólowych i poprawę zakresu ruchu.",
    ],
    sign: "fizjoterapeuta",
    reg: "PWZFz",
  },
];
function epiGeneric(cfg: EpiCfg): OtherLayout {
  return (r) => {
    const cl = pick(r, cfg.clinics),
      p = patient(r),
      th = pick(r, THERAPISTS[cfg.lang]),
      dx = pick(r, DIAG);
    const reg = cfg.reg && chance(r, 0.7) ? regNo(r, cfg.lang === "nb" ? "nb" : cfg.lang) : null;
    const n = int(r, 6, 18),
      dates = treatmentDates(r, n),
      from = dates[0]!,
      to = dates[n - 1]!;
    const ds = pick(r, cfg.ds);
    const codeOnly = chance(r, 0.3);
    const t = baseTruth("epikrise", cfg.lang, cfg.country);
    Object.assign(t, {
      providerName: cl.name,
      therapists: [{ name: th, authorisationNumber: reg }],
      patientName: canon(p),
      patientBirthDate: p.birth,
      diagnosis: { code: dx.code, text: codeOnly ? null : dx.t[cfg.lang]! },
      treatmentPeriod: { from, to },
    });
    const letter = addDays(to, int(r, 1, 12));
    const referral = cfg.referral ? addDays(from, -int(r, 4, 25)) : null;
    const boxed = chance(r, 0.5);
    const info = `<table class="kv"><tr><td>${cfg.patient}:</td><td class="b">${esc(printName(r, p))}</td></tr><tr><td>${cfg.birth}:</td><td>${fd(p.birth, cfg.ds[0]!)}</td></tr>
<tr><td>${cfg.dx}:</td><td>${codeOnly ? `ICD-10 ${dx.code}` : `${esc(dx.t[cfg.lang]!)} (${dx.code})`}</td></tr>${referral ? `<tr><td>${cfg.referral}:</td><td>${fd(referral, cfg.ds[0]!)}</td></tr>` : ""}</table>`;
    const html = page(
      r,
      `
<div style="display:flex;justify-content:space-between;border-bottom:1px solid #333;padding-bottom:2mm"><div><div class="b" style="font-size:1.35em">${esc(cl.name)}</div><div class="small">${cl.addr.join(", ")}</div></div><div class="small r">${cl.phone}<br>${cl.email}</div></div>
<div class="r" style="margin-top:6mm">${fd(letter, cfg.ds[0]!)}</div>
<h2 style="margin-top:6mm">${esc(pick(r, cfg.title))}</h2>
${boxed ? `<div style="border:1px solid #999;padding:3mm">${info}</div>` : info}
<p style="margin-top:6mm"><b>${esc(cfg.period(from, to, ds))}</b><br>${esc(cfg.sessions(n))}</p>
${cfg.body.map((b) => `<p>${esc(b)}</p>`).join("")}
<p style="margin-top:16mm">${esc(th)}<br>${esc(cfg.sign)}${reg ? `, ${cfg.reg} ${reg}` : ""}</p>
`,
      "table.kv td { padding: 2px 10px 2px 0; vertical-align: top }",
    );
    return { truth: t, html, note: `${cfg.lang} epikrise` };
  };
}

// ---------------------------------------------------------------- registry of layouts
interface Spec {
  kind: "invoice" | "authorisation" | "epikrise";
  lang: Lang;
  country: string;
  fn: InvLayout | OtherLayout;
  name: string;
}
const INVOICES: Spec[] = [
  { kind: "invoice", lang: "es", country: "es", fn: esClassic, name: "esClassic" },
  { kind: "invoice", lang: "de", country: "de", fn: deRechnung, name: "deRechnung" },
  { kind: "invoice", lang: "sv", country: "se", fn: svKvitto, name: "svKvitto" },
  { kind: "invoice", lang: "es", country: "es", fn: esSummary, name: "esSummary" },
  { kind: "invoice", lang: "es", country: "es", fn: esTicket, name: "esTicket" },
  { kind: "invoice", lang: "es", country: "es", fn: esDiscount, name: "esDiscount" },
  { kind: "invoice", lang: "da", country: "dk", fn: daFaktura, name: "daFaktura" },
  { kind: "invoice", lang: "pl", country: "pl", fn: plRachunek, name: "plRachunek" },
  { kind: "invoice", lang: "en", country: "gb", fn: enInvoice, name: "enInvoice" },
  { kind: "invoice", lang: "fr", country: "fr", fn: frNote, name: "frNote" },
  { kind: "invoice", lang: "it", country: "it", fn: itRicevuta, name: "itRicevuta" },
  { kind: "invoice", lang: "nb", country: "es", fn: nbEs, name: "nbEs" },
  { kind: "invoice", lang: "de", country: "de", fn: dePrivat, name: "dePrivat" },
  { kind: "invoice", lang: "sv", country: "se", fn: svFaktura, name: "svFaktura" },
];
const AUTHS: Spec[] = [
  { kind: "authorisation", lang: "es", country: "es", fn: authEs, name: "authEs" },
  { kind: "authorisation", lang: "sv", country: "se", fn: authSv, name: "authSv" },
  { kind: "authorisation", lang: "da", country: "dk", fn: authDa, name: "authDa" },
  { kind: "authorisation", lang: "de", country: "de", fn: authDe, name: "authDe" },
  { kind: "authorisation", lang: "pl", country: "pl", fn: authPl, name: "authPl" },
  { kind: "authorisation", lang: "en", country: "gb", fn: authEn, name: "authEn" },
  { kind: "authorisation", lang: "fr", country: "fr", fn: authFr, name: "authFr" },
  { kind: "authorisation", lang: "it", country: "it", fn: authIt, name: "authIt" },
  { kind: "authorisation", lang: "nb", country: "no", fn: authNb, name: "authNb" },
];
const EPIS: Spec[] = [
  { kind: "epikrise", lang: "es", country: "es", fn: epiEs, name: "epiEs" },
  ...EPI.map((c): Spec => ({ kind: "epikrise", lang: c.lang, country: c.country.toLowerCase(), fn: epiGeneric(c), name: `epi${c.lang[0]!.toUpperCase()}${c.lang[1]}` })),
];

// ---------------------------------------------------------------- rendering
async function screenshot(browser: Browser, html: string, dpi: number): Promise<Buffer> {
  const ctx = await browser.newContext({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: dpi / 96 });
  const pg = await ctx.newPage();
  await pg.setContent(html, { waitUntil: "load" });
  const buf = await pg.screenshot({ fullPage: true, type: "png" });
  await ctx.close();
  return buf;
}
async function bornDigital(browser: Browser, html: string): Promise<Buffer> {
  const ctx = await browser.newContext();
  const pg = await ctx.newPage();
  await pg.setContent(html, { waitUntil: "load" });
  // note: Chromium stamps the PDF with the current time, so born-digital PDF bytes differ between runs (content is identical)
  const buf = await pg.pdf({ format: "A4", printBackground: true, margin: { top: "0", bottom: "0", left: "0", right: "0" } });
  await ctx.close();
  return buf;
}
function noiseAndTone(ctx: SKRSContext2D, W: number, H: number, r: Rng, o: { gray: boolean; noise: number; contrast: number; bright: number; clipWhite?: number }) {
  const cw = o.clipWhite ?? 256;
  const id = ctx.getImageData(0, 0, W, H);
  const d = id.data;
  // cheap deterministic noise table
  const table = new Float32Array(65536);
  for (let i = 0; i < table.length; i++) table[i] = (r() + r() + r() - 1.5) * o.noise;
  let k = int(r, 0, 65535);
  for (let i = 0; i < d.length; i += 4) {
    k = (k * 1103515245 + 12345) & 0xffff;
    const n = table[k]!;
    if (o.gray) {
      const g = (0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!) * o.contrast + o.bright + n;
      d[i] = d[i + 1] = d[i + 2] = g < 0 ? 0 : g > 255 || g >= cw ? 255 : g;
    } else {
      for (let c = 0; c < 3; c++) {
        const v = d[i + c]! * o.contrast + o.bright + n;
        d[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  ctx.putImageData(id, 0, 0);
}
/** Flatbed scan look: grayscale, small rotation and offset, slight blur, noise, lid shadow at one edge. */
async function scanLook(png: Buffer, r: Rng, clipWhite = 256) {
  const img = await loadImage(png);
  const W = img.width,
    H = img.height;
  const c = createCanvas(W, H);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "#f6f6f4";
  ctx.fillRect(0, 0, W, H);
  ctx.save();
  ctx.translate(W / 2 + int(r, -15, 15), H / 2 + int(r, -15, 15));
  ctx.rotate(((r() * 3 - 1.5) * Math.PI) / 180);
  ctx.filter = `blur(${(0.4 + r() * 0.7).toFixed(2)}px)`;
  ctx.drawImage(img, -W / 2, -H / 2);
  ctx.restore();
  ctx.filter = "none";
  if (chance(r, 0.5)) {
    const g = ctx.createLinearGradient(0, 0, W * 0.03, 0);
    g.addColorStop(0, "rgba(60,60,60,0.55)");
    g.addColorStop(1, "rgba(60,60,60,0)");
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, W * 0.03, H);
  }
  noiseAndTone(ctx, W, H, r, { gray: true, noise: clipWhite < 256 ? 5 + r() * 5 : 6 + r() * 8, contrast: 0.9 + r() * 0.12, bright: 4 + r() * 10, clipWhite });
  return c;
}
/** Phone photo look: paper on a dark table, mild keystone, rotation, uneven light, colour noise. */
async function phoneLook(png: Buffer, r: Rng) {
  const img = await loadImage(png);
  const W = img.width,
    H = img.height;
  const CW = Math.round(W * 1.16),
    CH = Math.round(H * 1.1);
  const c = createCanvas(CW, CH);
  const ctx = c.getContext("2d");
  const bg = ctx.createLinearGradient(0, 0, CW, CH);
  const tone = pick<[string, string]>(r, [
    ["#3b2f27", "#1d1713"],
    ["#2e3236", "#15181b"],
    ["#4a3b2c", "#2a2118"],
  ]);
  bg.addColorStop(0, tone[0]);
  bg.addColorStop(1, tone[1]);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, CW, CH);
  ctx.save();
  ctx.translate(CW / 2, CH / 2);
  ctx.rotate(((r() * 4 - 2) * Math.PI) / 180);
  const k = 0.03 + r() * 0.05; // top narrower than bottom
  const skew = (r() - 0.5) * 0.03 * W;
  const vs = 0.97 + r() * 0.02;
  ctx.shadowColor = "rgba(0,0,0,0.6)";
  ctx.shadowBlur = 30;
  ctx.fillStyle = "#fff";
  ctx.beginPath();
  ctx.moveTo((-W / 2) * (1 - k), (-H / 2) * vs);
  ctx.lineTo((W / 2) * (1 - k), (-H / 2) * vs);
  ctx.lineTo(W / 2 + skew, (H / 2) * vs);
  ctx.lineTo(-W / 2 + skew, (H / 2) * vs);
  ctx.closePath();
  ctx.fill();
  ctx.shadowBlur = 0;
  ctx.shadowColor = "transparent";
  ctx.filter = `blur(${(0.5 + r() * 0.6).toFixed(2)}px)`;
  const step = 3;
  for (let y = 0; y < H; y += step) {
    const tt = y / H;
    const s = 1 - k * (1 - tt);
    const dw = W * s;
    ctx.drawImage(img, 0, y, W, step, -dw / 2 + skew * tt, (-H / 2) * vs + y * vs, dw, step * vs + 0.6);
  }
  ctx.filter = "none";
  ctx.restore();
  // uneven lighting
  const lx = CW * (0.2 + r() * 0.6),
    ly = CH * (0.15 + r() * 0.5);
  const light = ctx.createRadialGradient(lx, ly, CW * 0.05, lx, ly, CW * 1.1);
  light.addColorStop(0, "rgba(255,250,235,0.10)");
  light.addColorStop(0.6, "rgba(0,0,0,0.12)");
  light.addColorStop(1, "rgba(0,0,0,0.38)");
  ctx.fillStyle = light;
  ctx.fillRect(0, 0, CW, CH);
  ctx.fillStyle = `rgba(255,190,120,${(0.03 + r() * 0.05).toFixed(3)})`;
  ctx.fillRect(0, 0, CW, CH);
  noiseAndTone(ctx, CW, CH, r, { gray: false, noise: 7 + r() * 6, contrast: 0.92 + r() * 0.08, bright: r() * 6 });
  return c;
}
async function jpegPdf(jpg: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const fixed = new Date(Date.UTC(2025, 0, 1)); // deterministic bytes for a seed
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  doc.setProducer("scanner");
  doc.setCreator("scanner");
  const im = await doc.embedJpg(jpg);
  const pg = doc.addPage([595.28, 841.89]);
  const s = Math.min(595.28 / im.width, 841.89 / im.height);
  pg.drawImage(im, { x: (595.28 - im.width * s) / 2, y: 841.89 - im.height * s, width: im.width * s, height: im.height * s });
  return Buffer.from(await doc.save());
}
async function render(browser: Browser, html: string, rendering: Rendering, r: Rng): Promise<{ ext: string; data: Buffer; info: string }> {
  if (rendering === "pdf") return { ext: "pdf", data: await bornDigital(browser, html), info: "born-digital" };
  if (rendering === "phone") {
    const dpi = int(r, 170, 200);
    const c = await phoneLook(await screenshot(browser, html, dpi), r);
    const q = int(r, 62, 82);
    return { ext: "jpg", data: await c.encode("jpeg", q), info: `~${dpi}dpi q${q}` };
  }
  const dpi = rendering === "scan-png" ? int(r, 200, 230) : int(r, 210, 290);
  const c = await scanLook(await screenshot(browser, html, dpi), r, rendering === "scan-png" ? 228 : 256);
  if (rendering === "scan-png") return { ext: "png", data: await c.encode("png"), info: `${dpi}dpi` };
  const q = int(r, 60, 85);
  const jpg = await c.encode("jpeg", q);
  if (rendering === "scan-jpg") return { ext: "jpg", data: jpg, info: `${dpi}dpi q${q}` };
  return { ext: "pdf", data: await jpegPdf(jpg), info: `${dpi}dpi q${q} image-only` };
}

// ---------------------------------------------------------------- plan & main
function plan(n: number): { spec: Spec; rendering: Rendering }[] {
  const r = mulberry32(SEED * 31 + 5);
  const nInv = Math.round(n * 0.6),
    nAuth = Math.round(n * 0.2),
    nEpi = n - nInv - nAuth;
  /** ~40 % Spanish-language layouts (the most common case), the rest spread over the other languages without repeats until exhausted. */
  const take = (pool: Spec[], k: number) => {
    const nEs = Math.min(k, Math.max(1, Math.round(k * 0.4)));
    const cyc = (xs: Spec[], m: number) => {
      const out: Spec[] = [];
      while (out.length < m) out.push(...shuffle(r, xs));
      return out.slice(0, m);
    };
    return [
      ...cyc(
        pool.filter((s) => s.lang === "es"),
        nEs,
      ),
      ...cyc(
        pool.filter((s) => s.lang !== "es"),
        k - nEs,
      ),
    ];
  };
  const docs = [...take(INVOICES, nInv), ...take(AUTHS, nAuth), ...take(EPIS, nEpi)];
  const rends: Rendering[] = [];
  const base: Rendering[] = ["pdf", "scan-png", "scan-jpg", "scan-pdf", "phone"];
  while (rends.length < docs.length) rends.push(...shuffle(r, base));
  const mixed = shuffle(r, docs);
  return mixed.map((spec, i) => ({ spec, rendering: rends[i]! }));
}

function check(t: Truth, name: string) {
  const isoRe = /^\d{4}-\d{2}-\d{2}$/;
  const bad = (m: string) => {
    throw new Error(`${name}: ${m}`);
  };
  if (t.documentType === "invoice") {
    if (!t.lines.length) bad("no lines");
    if (t.total !== sum(t.lines)) bad(`total ${t.total} != sum ${sum(t.lines)}`);
    for (const l of t.lines) {
      if (l.date !== null && (!isoRe.test(l.date) || l.date < "2023-01-01" || l.date > "2025-12-31")) bad("line date " + l.date);
      if (l.count !== undefined && l.count < 2) bad("count < 2");
    }
    if (!t.invoiceDate || !isoRe.test(t.invoiceDate)) bad("invoice date");
  } else if (t.lines.length) bad("lines on non-invoice");
  if (t.documentType === "epikrise" && !t.treatmentPeriod) bad("no period");
  if (t.documentType === "authorisation" && !t.therapists[0]?.authorisationNumber) bad("no authorisation number");
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const items = plan(N);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const manifest: unknown[] = [];
  try {
    for (let i = 0; i < items.length; i++) {
      const { spec, rendering } = items[i]!;
      const r = mulberry32(SEED * 1000003 + i * 7717 + 3);
      const stamp = rendering !== "pdf" && chance(r, 0.35);
      const doc = spec.fn(r, { stamp });
      check(doc.truth, spec.name);
      const id = `blind${pad(i + 1)}-${spec.lang}-${spec.country}-${rendering}`;
      const out = await render(browser, doc.html, rendering, r);
      writeFileSync(join(OUT, `${id}.${out.ext}`), out.data);
      writeFileSync(join(OUT, `${id}.json`), JSON.stringify(doc.truth, null, 2) + "\n");
      manifest.push({ file: `${id}.${out.ext}`, layout: spec.name, note: doc.note, render: out.info, stamp, bytes: out.data.length });
      console.log(`${id}.${out.ext}  ${spec.name}  ${out.info}  ${(out.data.length / 1024).toFixed(0)} KB`);
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(OUT, "manifest-blind.txt"), manifest.map((m) => JSON.stringify(m)).join("\n") + "\n");
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
