/**
 * A second, home-made held-out set for the document pipeline:  npx tsx bench/ocr/holdout.ts [OUT_DIR] [--n=30] [--seed=7]
 *
 * The dev fixtures in ../shared/fixtures/documents come from one generator with six invoice layouts. The set the pipeline
 * is judged on has other layouts, clinics, people and values. To see how the pipeline generalises before that, this script
 * writes invoices in layouts the pipeline was never tuned on (description before date, items grouped under a date heading,
 * a narrow till receipt, two-line items, a currency column), in all nine languages, with other clinics, people, number and
 * date styles, and renders each as a born-digital PDF, a scan (PNG/JPEG), an image-only PDF or a phone photo, with ground
 * truth in the shape of ../shared/schemas/extracted-document.schema.json. Then score it with the same tool:
 *
 *   npx tsx bench/ocr/holdout.ts /tmp/fp-holdout && node ../shared/tools/score-extraction.mjs /tmp/fp-holdout
 *
 * Pages are laid out as HTML and rendered by Debian's Chromium (PDF with a text layer, or a screenshot at the scan's DPI);
 * scans and photos are degraded with @napi-rs/canvas (rotation, blur, noise, perspective-like shear, uneven light).
 * Deterministic for a seed. Writes only to OUT_DIR.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { PDFDocument } from "pdf-lib";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const outDir = resolve(args.find((a) => !a.startsWith("--")) ?? "/tmp/fp-holdout");
const N = Number(opt("n", "30"));
let seed = Number(opt("seed", "7"));

// ---------------------------------------------------------------------------------------------------------------------
// Deterministic randomness

function rnd(): number {
  // mulberry32
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

// ---------------------------------------------------------------------------------------------------------------------
// Languages: what clinics print

type Form =
  | "undersokelse"
  | "ovelsesbehandling"
  | "manuellterapi"
  | "elektroterapi"
  | "ultralyd"
  | "traksjon"
  | "kortbolge-mikrobolge-laser"
  | "medisinske-bad"
  | "gruppe"
  | "basseng"
  | "pulsator"
  | "akupunktur"
  | "ikke-dekket";

interface Lang {
  code: string;
  countries: string[];
  title: string;
  labels: {
    no: string;
    date: string;
    patient: string;
    born: string;
    diagnosis: string;
    therapist: string;
    total: string;
    subtotal: string;
    vat: string;
    desc: string;
    lineDate: string;
    min: string;
    qty: string;
    price: string;
    amount: string;
    paid: string;
  };
  items: Array<[Form, string]>;
  clinics: string[];
  therapistTitle: string;
  diagnoses: Array<[string, string]>;
  money: Array<{ dec: string; thou: string; sym: string; pos: "before" | "after" }>;
  currency: string;
}

const EUR_AFTER = { dec: ",", thou: ".", sym: "€", pos: "after" as const };
const LANGS: Lang[] = [
  {
    code: "es",
    countries: ["ES"],
    title: "Factura",
    currency: "EUR",
    labels: {
      no: "Nº de factura",
      date: "Fecha de emisión",
      patient: "Paciente",
      born: "Fecha de nacimiento",
      diagnosis: "Diagnóstico",
      therapist: "Fisioterapeuta",
      total: "Total a pagar",
      subtotal: "Subtotal",
      vat: "IVA (exento)",
      desc: "Concepto",
      lineDate: "Fecha",
      min: "Min.",
      qty: "Uds.",
      price: "Precio",
      amount: "Importe",
      paid: "Pagado con tarjeta",
    },
    items: [
      ["undersokelse", "Valoración inicial de fisioterapia"],
      ["ovelsesbehandling", "Sesión de fisioterapia"],
      ["ovelsesbehandling", "Masaje terapéutico"],
      ["manuellterapi", "Terapia manual ortopédica"],
      ["elektroterapi", "Electroterapia (TENS)"],
      ["ultralyd", "Ultrasonidos"],
      ["medisinske-bad", "Parafango"],
      ["kortbolge-mikrobolge-laser", "Láser de alta intensidad"],
      ["gruppe", "Pilates terapéutico en grupo"],
      ["akupunktur", "Punción seca"],
      ["ikke-dekket", "Vendaje neuromuscular (material)"],
    ],
    clinics: ["Clínica de Fisioterapia Mar Menor", "Centro Fisio Levante S.L.", "Fisioterapia Alameda", "Rehabilitación Costa Blanca"],
    therapistTitle: "Col. nº",
    diagnoses: [
      ["M54.5", "Lumbalgia"],
      ["M75.1", "Síndrome del manguito rotador"],
      ["S83.5", "Esguince de rodilla"],
    ],
    money: [EUR_AFTER, { dec: ",", thou: "", sym: "EUR", pos: "after" }, { dec: ",", thou: ".", sym: "€", pos: "before" }],
  },
  {
    code: "sv",
    countries: ["SE"],
    title: "Kvitto",
    currency: "SEK",
    labels: {
      no: "Kvittonummer",
      date: "Datum",
      patient: "Patient",
      born: "Personnummer/födelsedatum",
      diagnosis: "Diagnos",
      therapist: "Legitimerad fysioterapeut",
      total: "Att betala",
      subtotal: "Delsumma",
      vat: "Moms 0 %",
      desc: "Behandling",
      lineDate: "Datum",
      min: "Min",
      qty: "Antal",
      price: "À-pris",
      amount: "Belopp",
      paid: "Betalt",
    },
    items: [
      ["undersokelse", "Nybesök, bedömning"],
      ["ovelsesbehandling", "Återbesök fysioterapi"],
      ["ovelsesbehandling", "Träningsbehandling"],
      ["manuellterapi", "Manuell terapi"],
      ["elektroterapi", "TENS-behandling"],
      ["ultralyd", "Ultraljudsbehandling"],
      ["akupunktur", "Akupunktur"],
      ["ikke-dekket", "Träningsgummiband"],
    ],
    clinics: ["Fysiocentrum Söder AB", "Rörelsekliniken i Lund", "Sjukgymnastik Norrmalm"],
    therapistTitle: "Leg. nr",
    diagnoses: [
      ["M54.2", "Cervikalgi"],
      ["M17.1", "Knäartros"],
    ],
    money: [
      { dec: ",", thou: " ", sym: "kr", pos: "after" },
      { dec: ",", thou: " ", sym: "SEK", pos: "after" },
    ],
  },
  {
    code: "da",
    countries: ["DK"],
    title: "Faktura",
    currency: "DKK",
    labels: {
      no: "Fakturanr.",
      date: "Fakturadato",
      patient: "Patient",
      born: "Fødselsdato",
      diagnosis: "Diagnose",
      therapist: "Autoriseret fysioterapeut",
      total: "I alt at betale",
      subtotal: "Subtotal",
      vat: "Moms 0,00",
      desc: "Ydelse",
      lineDate: "Dato",
      min: "Min.",
      qty: "Antal",
      price: "Stk.pris",
      amount: "Beløb",
      paid: "Betalt via MobilePay",
    },
    items: [
      ["undersokelse", "Første konsultation og undersøgelse"],
      ["ovelsesbehandling", "Individuel træningsterapi"],
      ["ovelsesbehandling", "Fysioterapeutisk behandling"],
      ["manuellterapi", "Manuel terapi"],
      ["elektroterapi", "Elektroterapi"],
      ["gruppe", "Holdtræning"],
      ["akupunktur", "Akupunktur"],
      ["ikke-dekket", "Afbud, ikke mødt"],
    ],
    clinics: ["Fysioterapi Amager ApS", "Klinik for Fysioterapi Aarhus C", "Vesterbro Fysioterapi"],
    therapistTitle: "Aut. ID",
    diagnoses: [
      ["M75.4", "Impingement af skulder"],
      ["M54.5", "Lændesmerter"],
    ],
    money: [
      { dec: ",", thou: ".", sym: "kr.", pos: "after" },
      { dec: ",", thou: ".", sym: "DKK", pos: "after" },
    ],
  },
  {
    code: "de",
    countries: ["DE"],
    title: "Rechnung",
    currency: "EUR",
    labels: {
      no: "Rechnungsnummer",
      date: "Rechnungsdatum",
      patient: "Patient/in",
      born: "Geburtsdatum",
      diagnosis: "Diagnose",
      therapist: "Physiotherapeut/in",
      total: "Gesamtbetrag",
      subtotal: "Zwischensumme",
      vat: "MwSt. befreit",
      desc: "Leistung",
      lineDate: "Datum",
      min: "Min.",
      qty: "Anz.",
      price: "Einzelpreis",
      amount: "Betrag",
      paid: "Bar bezahlt",
    },
    items: [
      ["undersokelse", "Physiotherapeutische Befunderhebung"],
      ["ovelsesbehandling", "Krankengymnastik"],
      ["ovelsesbehandling", "Klassische Massagetherapie"],
      ["manuellterapi", "Manuelle Therapie"],
      ["elektroterapi", "Elektrotherapie"],
      ["medisinske-bad", "Heiße Rolle"],
      ["medisinske-bad", "Fangopackung"],
      ["traksjon", "Extensionsbehandlung"],
      ["gruppe", "Krankengymnastik in der Gruppe"],
      ["akupunktur", "Akupunktur"],
      ["ikke-dekket", "Ausfallhonorar"],
    ],
    clinics: ["Physiotherapie am Stadtpark", "Praxis für Krankengymnastik Hoffmann", "Therapiezentrum Nord GmbH"],
    therapistTitle: "Reg.-Nr.",
    diagnoses: [
      ["M53.1", "Zervikobrachial-Syndrom"],
      ["M51.2", "Bandscheibenverlagerung"],
    ],
    money: [EUR_AFTER, { dec: ",", thou: ".", sym: "EUR", pos: "after" }],
  },
  {
    code: "en",
    countries: ["GB", "IE", "MT"],
    title: "Invoice",
    currency: "GBP",
    labels: {
      no: "Invoice No.",
      date: "Invoice date",
      patient: "Patient",
      born: "Date of birth",
      diagnosis: "Diagnosis",
      therapist: "Physiotherapist",
      total: "Total due",
      subtotal: "Subtotal",
      vat: "VAT exempt",
      desc: "Treatment",
      lineDate: "Date",
      min: "Mins",
      qty: "Qty",
      price: "Unit price",
      amount: "Amount",
      paid: "Paid by card",
    },
    items: [
      ["undersokelse", "Initial assessment"],
      ["ovelsesbehandling", "Follow-up physiotherapy session"],
      ["ovelsesbehandling", "Sports massage"],
      ["manuellterapi", "Manual therapy"],
      ["ultralyd", "Therapeutic ultrasound"],
      ["kortbolge-mikrobolge-laser", "Laser therapy"],
      ["gruppe", "Group exercise class"],
      ["basseng", "Hydrotherapy pool session (group)"],
      ["akupunktur", "Acupuncture"],
      ["ikke-dekket", "Late cancellation fee"],
    ],
    clinics: ["Riverside Physio Clinic", "The Back & Joint Centre", "Kingsway Physiotherapy Ltd"],
    therapistTitle: "HCPC No.",
    diagnoses: [
      ["M25.56", "Knee pain"],
      ["M54.5", "Low back pain"],
    ],
    money: [
      { dec: ".", thou: ",", sym: "£", pos: "before" },
      { dec: ".", thou: ",", sym: "GBP", pos: "before" },
    ],
  },
  {
    code: "nb",
    countries: ["ES"],
    title: "Kvittering",
    currency: "EUR",
    labels: {
      no: "Kvitteringsnr.",
      date: "Dato",
      patient: "Pasient",
      born: "Født",
      diagnosis: "Diagnose",
      therapist: "Fysioterapeut",
      total: "Totalt betalt",
      subtotal: "Sum",
      vat: "MVA 0",
      desc: "Behandling",
      lineDate: "Dato",
      min: "Min",
      qty: "Antall",
      price: "Pris",
      amount: "Beløp",
      paid: "Betalt med kort",
    },
    items: [
      ["undersokelse", "Førstegangskonsultasjon med undersøkelse"],
      ["ovelsesbehandling", "Fysioterapibehandling"],
      ["ovelsesbehandling", "Øvelsesbehandling"],
      ["manuellterapi", "Manuellterapi"],
      ["elektroterapi", "Elektroterapi"],
      ["ultralyd", "Ultralydbehandling"],
      ["basseng", "Bassengtrening i gruppe"],
      ["akupunktur", "Akupunktur"],
      ["ikke-dekket", "Treningsstrikk"],
    ],
    clinics: ["Norsk Fysioterapisenter Alfaz del Pi", "Solkysten Fysioterapi", "Fysio Torrevieja"],
    therapistTitle: "Aut.nr.",
    diagnoses: [
      ["M16.1", "Hofteartrose"],
      ["M79.1", "Myalgi"],
    ],
    money: [EUR_AFTER, { dec: ",", thou: " ", sym: "EUR", pos: "before" }],
  },
  {
    code: "pl",
    countries: ["PL"],
    title: "Rachunek",
    currency: "PLN",
    labels: {
      no: "Rachunek nr",
      date: "Data wystawienia",
      patient: "Pacjent",
      born: "Data urodzenia",
      diagnosis: "Rozpoznanie",
      therapist: "Fizjoterapeuta",
      total: "Do zapłaty",
      subtotal: "Razem",
      vat: "VAT zw.",
      desc: "Usługa",
      lineDate: "Data",
      min: "Min",
      qty: "Ilość",
      price: "Cena",
      amount: "Wartość",
      paid: "Zapłacono gotówką",
    },
    items: [
      ["undersokelse", "Konsultacja fizjoterapeutyczna"],
      ["ovelsesbehandling", "Kinezyterapia indywidualna"],
      ["ovelsesbehandling", "Masaż leczniczy"],
      ["manuellterapi", "Terapia manualna"],
      ["elektroterapi", "Elektroterapia"],
      ["ultralyd", "Ultradźwięki"],
      ["kortbolge-mikrobolge-laser", "Laseroterapia"],
      ["akupunktur", "Akupunktura"],
      ["ikke-dekket", "Kinesiotaping"],
    ],
    clinics: ["Centrum Rehabilitacji Zdrowie", "Gabinet Fizjoterapii Ruch", "FizjoMed Kraków"],
    therapistTitle: "Nr PWZFz",
    diagnoses: [
      ["M54.4", "Rwa kulszowa"],
      ["M77.1", "Łokieć tenisisty"],
    ],
    money: [
      { dec: ",", thou: " ", sym: "zł", pos: "after" },
      { dec: ",", thou: " ", sym: "PLN", pos: "after" },
    ],
  },
  {
    code: "fr",
    countries: ["FR"],
    title: "Note d'honoraires",
    currency: "EUR",
    labels: {
      no: "Facture n°",
      date: "Date",
      patient: "Patient",
      born: "Né(e) le",
      diagnosis: "Diagnostic",
      therapist: "Masseur-kinésithérapeute",
      total: "Total à régler",
      subtotal: "Sous-total",
      vat: "TVA non applicable",
      desc: "Acte",
      lineDate: "Date",
      min: "Durée",
      qty: "Qté",
      price: "Prix unitaire",
      amount: "Montant",
      paid: "Réglé par chèque",
    },
    items: [
      ["undersokelse", "Bilan-diagnostic kinésithérapique"],
      ["ovelsesbehandling", "Séance de rééducation"],
      ["ovelsesbehandling", "Massage thérapeutique"],
      ["manuellterapi", "Thérapie manuelle"],
      ["elektroterapi", "Électrothérapie antalgique"],
      ["basseng", "Balnéothérapie en groupe"],
      ["akupunktur", "Acupuncture"],
      ["ikke-dekket", "Séance non décommandée"],
    ],
    clinics: ["Cabinet de Kinésithérapie du Port", "Kiné Santé Lyon 3", "Centre de Rééducation Les Pins"],
    therapistTitle: "RPPS",
    diagnoses: [
      ["M75.1", "Tendinopathie de la coiffe"],
      ["M54.5", "Lombalgie"],
    ],
    money: [EUR_AFTER, { dec: ",", thou: " ", sym: "€", pos: "after" }],
  },
  {
    code: "it",
    countries: ["IT"],
    title: "Fattura",
    currency: "EUR",
    labels: {
      no: "Fattura n.",
      date: "Data",
      patient: "Paziente",
      born: "Data di nascita",
      diagnosis: "Diagnosi",
      therapist: "Fisioterapista",
      total: "Totale documento",
      subtotal: "Imponibile",
      vat: "Esente IVA art. 10",
      desc: "Descrizione",
      lineDate: "Data",
      min: "Min.",
      qty: "Q.tà",
      price: "Prezzo",
      amount: "Importo",
      paid: "Pagato",
    },
    items: [
      ["undersokelse", "Valutazione fisioterapica"],
      ["ovelsesbehandling", "Seduta di fisioterapia"],
      ["ovelsesbehandling", "Massoterapia"],
      ["manuellterapi", "Terapia manuale"],
      ["elektroterapi", "Elettroterapia"],
      ["ultralyd", "Ultrasuonoterapia"],
      ["kortbolge-mikrobolge-laser", "Tecarterapia"],
      ["akupunktur", "Agopuntura"],
      ["ikke-dekket", "Bendaggio funzionale (materiale)"],
    ],
    clinics: ["Studio di Fisioterapia San Marco", "Centro Riabilitativo Aurora", "FisioLab Bologna"],
    therapistTitle: "Iscr. Albo n.",
    diagnoses: [
      ["M54.5", "Lombalgia"],
      ["S93.4", "Distorsione della caviglia"],
    ],
    money: [EUR_AFTER, { dec: ",", thou: ".", sym: "EUR", pos: "before" }],
  },
];

const GIVEN = ["Åse", "Bjørn", "Kari", "Øystein", "Sigrid", "Tor", "Hanne", "Ståle", "Ingeborg", "Håkon", "Marte", "Eirik"];
const FAMILY = ["Bråten", "Sæther", "Løvås", "Haugen", "Kristiansen", "Grønli", "Moe", "Aasheim", "Bakke", "Strøm"];
const THER_GIVEN = ["Lucía", "Erik", "Mette", "Jonas", "Emma", "Piotr", "Claire", "Giulia", "Anders", "Laura"];
const THER_FAMILY = ["Romero", "Lindqvist", "Sørensen", "Becker", "Walsh", "Nowak", "Moreau", "Ricci", "Holm", "Vidal"];

// ---------------------------------------------------------------------------------------------------------------------
// Formatting

type DateStyle = "d.m.Y" | "d/m/Y" | "d-m-Y" | "Y-m-d" | "d.m.y";
function fmtDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split("-");
  switch (style) {
    case "d.m.Y":
      return `${d}.${m}.${y}`;
    case "d/m/Y":
      return `${d}/${m}/${y}`;
    case "d-m-Y":
      return `${d}-${m}-${y}`;
    case "Y-m-d":
      return iso;
    case "d.m.y":
      return `${d}.${m}.${y!.slice(2)}`;
  }
}
function fmtMoney(cents: number, m: Lang["money"][number], withSym = true): string {
  const int = Math.floor(cents / 100).toString();
  const grouped = m.thou ? int.replace(/\B(?=(\d{3})+(?!\d))/g, m.thou) : int;
  const num = `${grouped}${m.dec}${String(cents % 100).padStart(2, "0")}`;
  if (!withSym) return num;
  return m.pos === "before" ? `${m.sym} ${num}` : `${num} ${m.sym}`;
}
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------------------------------
// One invoice

interface Item {
  date: string;
  form: Form;
  text: string;
  minutes: number | null;
  cents: number;
}
interface Invoice {
  lang: Lang;
  country: string;
  clinic: string;
  therapist: string;
  authNo: string;
  patient: string;
  born: string;
  number: string;
  date: string;
  diagnosis: [string, string];
  items: Item[];
  money: Lang["money"][number];
  dateStyle: DateStyle;
  currency: string;
  durationShown: boolean;
}

function makeInvoice(lang: Lang): Invoice {
  const year = pick([2024, 2025, 2026]);
  const start = `${year}-${String(int(1, 9)).padStart(2, "0")}-${String(int(1, 20)).padStart(2, "0")}`;
  const durationShown = rnd() < 0.6;
  const items: Item[] = [];
  let day = start;
  const visits = int(3, 8);
  const base = lang.currency === "SEK" || lang.currency === "DKK" ? int(40, 90) * 1000 : lang.currency === "PLN" ? int(12, 25) * 1000 : int(30, 70) * 100;
  for (let v = 0; v < visits; v++) {
    const perVisit = v === 0 ? 1 : int(1, 2);
    for (let k = 0; k < perVisit; k++) {
      const [form, text] = v === 0 && k === 0 ? lang.items[0]! : pick(lang.items.slice(1));
      const minutes = form === "ikke-dekket" ? null : pick([30, 40, 45, 60]);
      const cents = form === "ikke-dekket" ? Math.round(base * 0.3) : Math.round((base * (minutes ?? 30)) / 45 / 50) * 50;
      items.push({ date: day, form, text, minutes: durationShown ? minutes : null, cents });
    }
    day = addDays(day, int(2, 8));
  }
  const date = addDays(day, int(0, 4));
  const country = pick(lang.countries);
  // An English invoice from Ireland or Malta is in euro.
  const euro = lang.code === "en" && country !== "GB";
  return {
    lang,
    country,
    clinic: pick(lang.clinics),
    therapist: `${pick(THER_GIVEN)} ${pick(THER_FAMILY)}`,
    authNo: `${int(10, 99)}${int(1000, 9999)}`,
    patient: `${pick(GIVEN)} ${pick(FAMILY)}`,
    born: `${int(1940, 1995)}-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`,
    number: `${pick(["", "F", "R-", "FA"])}${year}${pick(["/", "-", ""])}${int(100, 9999)}`,
    date,
    diagnosis: pick(lang.diagnoses),
    items,
    money: euro ? { dec: ".", thou: ",", sym: "€", pos: "before" } : pick(lang.money),
    dateStyle: pick(["d.m.Y", "d/m/Y", "d-m-Y", "Y-m-d", "d.m.y"] as const),
    currency: euro ? "EUR" : lang.currency,
    durationShown,
  };
}

const CSS = `body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:11pt;color:#111;margin:0;padding:48px 56px}
h1{font-size:20pt;margin:0 0 8px} table{border-collapse:collapse;width:100%;margin-top:16px} th,td{padding:5px 6px;text-align:left;vertical-align:top}
th{border-bottom:1.5px solid #333;white-space:nowrap} td.r,th.r{text-align:right} .muted{color:#444;font-size:9.5pt} .box{border:1px solid #999;padding:8px 10px;margin:10px 0}
.tot td{border-top:1.5px solid #333;font-weight:bold} .mono{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:10.5pt}`;

function header(inv: Invoice, L: Lang["labels"]): string {
  const left = `<h1>${esc(inv.clinic)}</h1><div class="muted">${esc(inv.lang.title)} · ${inv.country}</div>`;
  const meta = `<div class="box" style="white-space:nowrap">${L.no}: <b>${esc(inv.number)}</b><br>${L.date}: ${fmtDate(inv.date, inv.dateStyle)}</div>`;
  const who = `<p>${L.patient}: <b>${esc(inv.patient)}</b><br>${L.born}: ${fmtDate(inv.born, inv.dateStyle)}<br>${L.diagnosis}: ${inv.diagnosis[0]} ${esc(inv.diagnosis[1])}</p>`;
  return `<div style="display:flex;justify-content:space-between;gap:24px"><div>${left}</div><div>${meta}</div></div>${who}`;
}
function footer(inv: Invoice, L: Lang["labels"]): string {
  return `<p style="margin-top:28px">${L.therapist}: ${esc(inv.therapist)}, ${inv.lang.therapistTitle} ${inv.authNo}</p><p class="muted">${L.paid}. IBAN ES12 3456 7890 1234 5678 90</p>`;
}
const money = (inv: Invoice, c: number) => fmtMoney(c, inv.money);
const sum = (inv: Invoice) => inv.items.reduce((s, i) => s + i.cents, 0);

/** The layouts: none of them is one of the dev set's. */
const LAYOUTS: Record<string, (inv: Invoice) => string> = {
  // description first, then date, duration, amount; subtotal + VAT + total rows
  descFirst(inv) {
    const L = inv.lang.labels;
    const rows = inv.items
      .map(
        (i) =>
          `<tr><td>${esc(i.text)}</td><td>${fmtDate(i.date, inv.dateStyle)}</td>${inv.durationShown ? `<td class="r">${i.minutes ?? ""}</td>` : ""}<td class="r">${money(inv, i.cents)}</td></tr>`,
      )
      .join("");
    return `${header(inv, L)}<table><tr><th>${L.desc}</th><th>${L.lineDate}</th>${inv.durationShown ? `<th class="r">${L.min}</th>` : ""}<th class="r">${L.amount}</th></tr>${rows}
      <tr><td colspan="${inv.durationShown ? 3 : 2}" class="r">${L.subtotal}</td><td class="r">${money(inv, sum(inv))}</td></tr>
      <tr><td colspan="${inv.durationShown ? 3 : 2}" class="r">${L.vat}</td><td class="r">${money(inv, 0)}</td></tr>
      <tr class="tot"><td colspan="${inv.durationShown ? 3 : 2}" class="r">${L.total}</td><td class="r">${money(inv, sum(inv))}</td></tr></table>${footer(inv, L)}`;
  },
  // items grouped under a date heading
  byDate(inv) {
    const L = inv.lang.labels;
    const dates = [...new Set(inv.items.map((i) => i.date))];
    const rows = dates
      .map(
        (d) =>
          `<tr><td colspan="3"><b>${fmtDate(d, inv.dateStyle)}</b></td></tr>` +
          inv.items
            .filter((i) => i.date === d)
            .map(
              (i) =>
                `<tr><td style="padding-left:24px">${esc(i.text)}${inv.durationShown && i.minutes ? ` (${i.minutes} min)` : ""}</td><td></td><td class="r">${money(inv, i.cents)}</td></tr>`,
            )
            .join(""),
      )
      .join("");
    return `${header(inv, L)}<table><tr><th>${L.desc}</th><th></th><th class="r">${L.amount}</th></tr>${rows}<tr class="tot"><td>${L.total}</td><td></td><td class="r">${money(inv, sum(inv))}</td></tr></table>${footer(inv, L)}`;
  },
  // a narrow till receipt in a monospace font, dot leaders
  receipt(inv) {
    const L = inv.lang.labels;
    const lines = inv.items
      .map((i) => {
        const left = `${fmtDate(i.date, inv.dateStyle)} ${i.text}${inv.durationShown && i.minutes ? ` ${i.minutes}'` : ""}`;
        const right = fmtMoney(i.cents, inv.money, false);
        return `<div style="display:flex;justify-content:space-between"><span>${esc(left)}</span><span>${right}</span></div>`;
      })
      .join("");
    return `<div class="mono" style="width:430px;margin:0 auto"><div style="text-align:center"><b>${esc(inv.clinic)}</b><br>${esc(inv.lang.title)}<br>${L.no} ${esc(inv.number)}<br>${L.date} ${fmtDate(inv.date, inv.dateStyle)}</div>
      <p>${L.patient}: ${esc(inv.patient)}<br>${L.diagnosis}: ${inv.diagnosis[0]} ${esc(inv.diagnosis[1])}</p><hr>${lines}<hr>
      <div style="display:flex;justify-content:space-between"><b>${L.total} ${inv.money.sym}</b><b>${fmtMoney(sum(inv), inv.money, false)}</b></div>
      <p>${L.therapist}: ${esc(inv.therapist)} ${inv.lang.therapistTitle} ${inv.authNo}<br>${L.paid}</p></div>`;
  },
  // two-line items: text and amount, then date and duration in small print under it
  twoLine(inv) {
    const L = inv.lang.labels;
    const rows = inv.items
      .map(
        (i) =>
          `<tr><td>${esc(i.text)}<br><span class="muted">${L.lineDate} ${fmtDate(i.date, inv.dateStyle)}${inv.durationShown && i.minutes ? ` · ${i.minutes} ${L.min}` : ""}</span></td><td class="r">1</td><td class="r">${money(inv, i.cents)}</td></tr>`,
      )
      .join("");
    return `${header(inv, L)}<table><tr><th>${L.desc}</th><th class="r">${L.qty}</th><th class="r">${L.amount}</th></tr>${rows}<tr class="tot"><td>${L.total}</td><td></td><td class="r">${money(inv, sum(inv))}</td></tr></table>${footer(inv, L)}`;
  },
  // date, description, qty, unit price, a currency column, amount without symbol
  currencyColumn(inv) {
    const L = inv.lang.labels;
    const n = (c: number) => fmtMoney(c, inv.money, false);
    const rows = inv.items
      .map(
        (i) =>
          `<tr><td>${fmtDate(i.date, inv.dateStyle)}</td><td>${esc(i.text)}</td>${inv.durationShown ? `<td class="r">${i.minutes ?? ""}</td>` : ""}<td class="r">1</td><td class="r">${n(i.cents)}</td><td>${inv.currency}</td><td class="r">${n(i.cents)}</td></tr>`,
      )
      .join("");
    const span = inv.durationShown ? 6 : 5;
    return `${header(inv, L)}<table><tr><th>${L.lineDate}</th><th>${L.desc}</th>${inv.durationShown ? `<th class="r">${L.min}</th>` : ""}<th class="r">${L.qty}</th><th class="r">${L.price}</th><th></th><th class="r">${L.amount}</th></tr>${rows}
      <tr class="tot"><td colspan="${span}">${L.total} (${inv.currency})</td><td class="r">${n(sum(inv))}</td></tr></table>${footer(inv, L)}`;
  },
  // a ruled grid with a row number and the clinic's own service code before the description
  grid(inv) {
    const L = inv.lang.labels;
    const td = (x: string, r = false) => `<td style="border:1px solid #555"${r ? ' class="r"' : ""}>${x}</td>`;
    const rows = inv.items
      .map(
        (i, k) =>
          `<tr>${td(String(k + 1))}${td(fmtDate(i.date, inv.dateStyle))}${td(`${i.form === "ikke-dekket" ? "X" : "FT"}${String(10 + (i.text.length % 30)).padStart(2, "0")}`)}${td(esc(i.text))}${inv.durationShown ? td(i.minutes ? `${i.minutes} ${L.min}` : "") : ""}${td(money(inv, i.cents), true)}</tr>`,
      )
      .join("");
    const th = (x: string) => `<th style="border:1px solid #555">${x}</th>`;
    return `${header(inv, L)}<table>${`<tr>${th("#")}${th(L.lineDate)}${th("Kode")}${th(L.desc)}${inv.durationShown ? th(L.min) : ""}${th(L.amount)}</tr>`}${rows}</table>
      <p style="text-align:right;font-weight:bold;margin-top:12px">${L.total}: ${money(inv, sum(inv))}</p>${footer(inv, L)}`;
  },
};

function truthOf(inv: Invoice): object {
  return {
    documentType: "invoice",
    language: inv.lang.code,
    country: inv.country,
    providerName: inv.clinic,
    therapists: [{ name: inv.therapist, authorisationNumber: inv.authNo }],
    patientName: inv.patient,
    patientBirthDate: inv.born,
    invoiceNumber: inv.number,
    invoiceDate: inv.date,
    diagnosis: { code: inv.diagnosis[0], text: inv.diagnosis[1] },
    currency: inv.currency,
    lines: inv.items.map((i) => ({ date: i.date, treatmentForm: i.form, description: i.text, durationMinutes: i.minutes, amount: i.cents / 100 })),
    total: sum(inv) / 100,
    issuingAuthority: null,
    treatmentPeriod: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Degrading a page image

async function degrade(png: Buffer, kind: "scan" | "phone"): Promise<Buffer> {
  const img = await loadImage(png);
  const pad = kind === "phone" ? Math.round(img.width * 0.06) : 0;
  const c = createCanvas(img.width + 2 * pad, img.height + 2 * pad);
  const ctx = c.getContext("2d");
  ctx.fillStyle = kind === "phone" ? "#5a4a3c" : "#ffffff"; // a wooden table under the phone photo
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.translate(c.width / 2, c.height / 2);
  const angle = ((kind === "phone" ? rnd() * 6 - 3 : rnd() * 3 - 1.5) * Math.PI) / 180;
  ctx.rotate(angle);
  if (kind === "phone") ctx.transform(1, (rnd() - 0.5) * 0.03, (rnd() - 0.5) * 0.03, 1, 0, 0);
  ctx.filter = `blur(${(kind === "phone" ? 0.6 + rnd() * 0.5 : 0.3 + rnd() * 0.5).toFixed(2)}px)`;
  ctx.drawImage(img, -img.width / 2, -img.height / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.filter = "none";
  if (kind === "phone") {
    // uneven light: darker towards one corner
    const g = ctx.createRadialGradient(c.width * rnd(), c.height * rnd() * 0.5, c.width * 0.1, c.width / 2, c.height / 2, c.width);
    g.addColorStop(0, "rgba(255,250,235,0)");
    g.addColorStop(1, "rgba(60,50,30,0.35)");
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, c.width, c.height);
  }
  const data = ctx.getImageData(0, 0, c.width, c.height);
  const px = data.data;
  const noise = kind === "phone" ? 18 : 14;
  for (let i = 0; i < px.length; i += 4) {
    const n = (rnd() - 0.5) * noise;
    if (kind === "scan") {
      const y = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]! + n;
      px[i] = px[i + 1] = px[i + 2] = Math.max(0, Math.min(255, y));
    } else {
      px[i] = Math.max(0, Math.min(255, px[i]! + n));
      px[i + 1] = Math.max(0, Math.min(255, px[i + 1]! + n));
      px[i + 2] = Math.max(0, Math.min(255, px[i + 2]! + n - 6));
    }
  }
  ctx.putImageData(data, 0, 0);
  return Buffer.from(kind === "phone" ? await c.encode("jpeg", 82) : await c.encode("png"));
}

// ---------------------------------------------------------------------------------------------------------------------

const RENDERINGS = ["pdf", "scan-png", "scan-jpg", "scan-pdf", "phone"] as const;
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const layouts = Object.keys(LAYOUTS);
  for (let k = 0; k < N; k++) {
    const lang = LANGS[k % LANGS.length]!;
    const layout = pick(layouts);
    const rendering = pick(RENDERINGS);
    const inv = makeInvoice(lang);
    const html = `<!doctype html><html lang="${lang.code}"><meta charset="utf-8"><style>${CSS}</style><body>${LAYOUTS[layout]!(inv)}</body></html>`;
    const name = `ho${String(k + 1).padStart(2, "0")}-${lang.code}-${inv.country.toLowerCase()}-${layout}-${rendering}`;
    const dpi = rendering === "phone" ? int(170, 200) : int(200, 290);
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: dpi / 96 });
    await page.setContent(html);
    let file: string;
    if (rendering === "pdf") {
      file = `${name}.pdf`;
      writeFileSync(join(outDir, file), await page.pdf({ format: "A4", printBackground: true, margin: { top: "0", bottom: "0", left: "0", right: "0" } }));
    } else {
      const shot = await page.screenshot({ fullPage: true, type: "png" });
      const img = await degrade(shot, rendering === "phone" ? "phone" : "scan");
      if (rendering === "scan-png") writeFileSync(join(outDir, (file = `${name}.png`)), img);
      else {
        const jpeg =
          rendering === "phone"
            ? img
            : Buffer.from(
                await (async () => {
                  const i = await loadImage(img);
                  const c = createCanvas(i.width, i.height);
                  c.getContext("2d").drawImage(i, 0, 0);
                  return c.encode("jpeg", 85);
                })(),
              );
        if (rendering === "scan-pdf") {
          const pdf = await PDFDocument.create();
          const emb = await pdf.embedJpg(jpeg);
          const p = pdf.addPage([595.28, 841.89]);
          p.drawImage(emb, { x: 0, y: 0, width: 595.28, height: 841.89 });
          writeFileSync(join(outDir, (file = `${name}.pdf`)), await pdf.save());
        } else writeFileSync(join(outDir, (file = `${name}.jpg`)), jpeg);
      }
    }
    await page.close();
    writeFileSync(join(outDir, file.replace(/\.[a-z]+$/, ".json")), JSON.stringify(truthOf(inv), null, 2));
    process.stdout.write(`${file}\n`);
  }
} finally {
  await browser.close();
}
