import { PDFDocument, StandardFonts } from "pdf-lib";

/** A born-digital receipt: each entry a line of text at (x, y from the top), in Helvetica 10 pt on A4. */
export async function receiptPdf(lines: Array<[number, number, string]>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  for (const [x, y, text] of lines) page.drawText(text, { x, y: 842 - y, size: 10, font });
  return pdf.save();
}

/** A Norwegian physiotherapist's receipt for one egenandel (made up: the clinic, the number and the patient do not exist). */
export const NORWEGIAN_RECEIPT: Array<[number, number, string]> = [
  [50, 60, "Fjordbyen Fysioterapi AS"],
  [50, 74, "Storgata 12, 0155 Oslo"],
  [50, 88, "Org.nr. 987 654 325 MVA"],
  [400, 60, "KVITTERING"],
  [400, 74, "Kvitteringsnr. 20461"],
  [400, 88, "Dato: 14.10.2026"],
  [50, 140, "Pasient: Kari Nordby"],
  [50, 180, "Behandlingsdato: 12.10.2026"],
  [50, 200, "Fysioterapi, behandling 30 min"],
  [50, 230, "Egenandel"],
  [450, 230, "kr 336,00"],
  [50, 250, "Betalt med kort"],
];
