/**
 * Column headers of invoice tables: which words name which kind of column, in every supported language (folded, see parse.fold).
 * A header row has at least two kinds of these words and no date of its own.
 */
import { fold } from "../parse";
import type { ColumnKind, TableCell, TableRow } from "./types";

/** Header words per column kind. Order matters only inside a cell: the first kind whose word occurs at the cell's start wins. */
export const HEADER_WORDS: Record<Exclude<ColumnKind, "other">, string[]> = {
  date: ["fecha", "date", "datum", "dato", "data", "dag", "dia", "termin", "day", "jour", "giorno", "dzien"],
  period: ["periode", "period", "zeitraum", "periodo", "okres", "behandlingsperiode", "behandlingsperiod", "behandlungszeitraum", "from to", "von bis", "desde hasta"],
  description: [
    "concepto",
    "behandling",
    "ydelse",
    "leistung",
    "treatment",
    "description",
    "designation",
    "descrizione",
    "prestazione",
    "usluga",
    "opis",
    "tjeneste",
    "service",
    "nazwa",
    "zabieg",
    "servicio",
    "tratamiento",
    "item",
    "items",
    "beskrivelse",
    "beskrivning",
    "bezeichnung",
    "acte",
    "prestation",
    "trattamento",
    "descripcion",
    "artikel",
    "pos",
  ],
  duration: ["duration", "dauer", "duracion", "durata", "duree", "varighet", "varaktighet", "varighed", "czas", "min", "minutes", "minuten", "minutter", "minuter", "tid"],
  quantity: [
    "qty",
    "quantity",
    "anzahl",
    "menge",
    "cantidad",
    "cant",
    "antal",
    "antall",
    "ilosc",
    "quantita",
    "quantite",
    "qte",
    "units",
    "unidades",
    "sessions",
    "stk",
    "szt",
    "ud",
    "uds",
  ],
  unitPrice: [
    "unit price",
    "price",
    "rate",
    "einzelpreis",
    "preis",
    "precio unitario",
    "precio",
    "p unit",
    "prix unitaire",
    "prix",
    "prezzo unitario",
    "prezzo",
    "a pris",
    "a-pris",
    "apris",
    "pris",
    "styckpris",
    "enhedspris",
    "enhetspris",
    "cena jedn",
    "cena jednostkowa",
    "cena",
  ],
  amount: [
    "amount",
    "belopp",
    "summe",
    "koszt",
    "betrag",
    "importe",
    "montant",
    "importo",
    "belob",
    "belop",
    "summa",
    "sum",
    "kwota",
    "wartosc",
    "total",
    "gesamt",
    "line total",
    "totalt",
    "i alt",
  ],
  vat: ["vat", "mwst", "ust", "iva", "tva", "moms", "mva", "vat rate", "podatek"],
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[\\s.\\-/]*");
const KIND_RES: Array<[ColumnKind, RegExp]> = (Object.keys(HEADER_WORDS) as Array<Exclude<ColumnKind, "other">>).map((k) => [
  k,
  new RegExp(
    `^(?:${[...HEADER_WORDS[k]]
      .sort((a, b) => b.length - a.length)
      .map(esc)
      .join("|")})(?![\\p{L}])`,
    "u",
  ),
]);

/** The kind of column a header cell names (its first words), or "other". */
export function headerKind(cellText: string): ColumnKind {
  const f = fold(cellText)
    .replace(/^[^\p{L}]+/u, "")
    .trim();
  for (const [k, re] of KIND_RES) if (re.test(f)) return k;
  return "other";
}

export interface Column {
  kind: ColumnKind;
  x0: number;
  x1: number;
  /** A column of dates named by its header cell (a calendar grid: treatment × date). */
  date?: string;
}

/**
 * Columns named by a header row, left to right. "Price" left of an amount column is the unit price; a lone price column is the
 * amount. Returns null when the row is no header (fewer than two kinds, or it carries amounts).
 */
export function headerColumns(row: TableRow, hasDates: boolean): Column[] | null {
  if (hasDates) return null;
  if (row.cells.some((c) => /\d[.,]\d{2}(?!\d)/.test(c.text))) return null;
  const cols: Column[] = row.cells.map((c: TableCell) => ({ kind: headerKind(c.text), x0: c.x0, x1: c.x1 }));
  const kinds = new Set(cols.map((c) => c.kind).filter((k) => k !== "other"));
  if (kinds.size < 2) return null;
  // the only money column is the amount, whatever its word ("Pris", "Price")
  const money = cols.filter((c) => c.kind === "unitPrice" || c.kind === "amount");
  if (money.length === 1) money[0]!.kind = "amount";
  // two amount-kind columns ("Preis" "Gesamt" read both as amount words): the left one is the unit price
  const amounts = cols.filter((c) => c.kind === "amount");
  if (amounts.length >= 2) for (const c of amounts.slice(0, -1)) c.kind = "unitPrice";
  if (!cols.some((c) => c.kind === "amount")) return null;
  return cols;
}

/**
 * The column a span of a body row belongs to: the header cell it overlaps most; otherwise (numbers are right-aligned under a
 * wider or narrower header) the nearest header cell by right edge for a number, by left edge for text.
 */
export function columnOf(cols: Column[], x0: number, x1: number, numeric: boolean): Column | null {
  let best: Column | null = null;
  let bestOv = 0;
  for (const c of cols) {
    const ov = Math.min(c.x1, x1) - Math.max(c.x0, x0);
    if (ov > bestOv) {
      bestOv = ov;
      best = c;
    }
  }
  if (best) return best;
  let nearest: Column | null = null;
  let dist = Infinity;
  for (const c of cols) {
    const d = numeric ? Math.abs(c.x1 - x1) : Math.abs(c.x0 - x0);
    if (d < dist) {
      dist = d;
      nearest = c;
    }
  }
  return nearest;
}
