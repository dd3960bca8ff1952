/**
 * A table's header row: the first row without a date that names two kinds of column (date, description, amount), and where its
 * quantity, duration and amount columns are.
 */
import { allLabels, exactWordRe } from "../lexicon";
import { findDates, fold } from "../parse";
import type { Row } from "./rows";

export interface HeaderInfo {
  rowIndex: number;
  qty?: { x0: number; x1: number };
  dur?: { x0: number; x1: number };
  amountX?: number;
}

const DATE_HDR = ["fecha", "date", "datum", "dato", "data", "dag", "dia"];
const DESC_HDR = [
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
];
const AMOUNT_HDR = [
  "importe",
  "summa",
  "belob",
  "belop",
  "betrag",
  "amount",
  "montant",
  "importo",
  "kwota",
  "wartosc",
  "pris",
  "price",
  "precio",
  "preis",
  "prix",
  "prezzo",
  "cena",
  "total",
  "sum",
];

export function findHeader(rows: Row[]): HeaderInfo | null {
  const qtyLabels = allLabels("quantity");
  const durLabels = allLabels("duration");
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (findDates(r.text).length) continue;
    let kinds = 0;
    if (r.cells.some((c) => exactWordRe(DATE_HDR).test(c.folded))) kinds++;
    if (r.cells.some((c) => exactWordRe(DESC_HDR).test(c.folded))) kinds++;
    if (r.cells.some((c) => exactWordRe(AMOUNT_HDR).test(c.folded))) kinds++;
    if (kinds < 2) continue;
    const info: HeaderInfo = { rowIndex: i };
    for (const w of r.words) {
      const f = fold(w.text).replace(/[.:]$/, "");
      if (!info.qty && qtyLabels.includes(f) && f !== "n") info.qty = { x0: w.x0, x1: w.x1 };
      if (!info.dur && durLabels.includes(f) && f !== "tid") info.dur = { x0: w.x0, x1: w.x1 };
    }
    const amountCell = [...r.cells].reverse().find((c) => exactWordRe(AMOUNT_HDR).test(c.folded));
    if (amountCell) info.amountX = amountCell.x1;
    return info;
  }
  return null;
}
