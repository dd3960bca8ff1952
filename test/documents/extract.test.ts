import { describe, expect, it } from "vitest";
import { extractFromPages } from "~/documents/extract";
import { canonicalName } from "~/documents/parties/names";
import { repairAmounts } from "~/documents/lines/summaries";
import type { PageText, Word } from "~/documents/types";

/**
 * Builds a page from rows of cells: each cell is [x, text]. Words get approximate boxes (6 units per character, row height 10),
 * as a text layer or OCR would give them.
 */
function page(rows: Array<Array<[number, string]>>): PageText[] {
  const lines = rows.map((cells, i) => {
    const y0 = 20 + i * 18;
    const words: Word[] = [];
    for (const [x, text] of cells) {
      let cx = x;
      for (const t of text.split(" ")) {
        words.push({ text: t, x0: cx, x1: cx + t.length * 6, y0, y1: y0 + 10 });
        cx += t.length * 6 + 4;
      }
    }
    return { page: 1, words, text: words.map((w) => w.text).join(" "), x0: words[0]!.x0, y0, x1: words[words.length - 1]!.x1, y1: y0 + 10 };
  });
  return [{ page: 1, width: 600, height: 900, lines, source: "text-layer" }];
}

describe("extractFromPages: invoices", () => {
  it('reads the number beside the title with an abbreviation between them ("FAKTURA Lp. 717/2025/R")', () => {
    const r = extractFromPages(
      page([
        [[20, "Fizjo Med Wrocław Sp. z o.o."]],
        [
          [20, "FAKTURA Lp. 717/2025/R"],
          [300, "Data: 14 lipca 2025"],
        ],
        [
          [20, "Nazwa usługi"],
          [300, "Zabiegów"],
          [400, "Wartość"],
        ],
        [
          [20, "Badanie i ocena funkcjonalna, 45 min"],
          [300, "1"],
          [400, "315,00 zł"],
        ],
        [
          [300, "Do zapłaty:"],
          [400, "315,00 zł"],
        ],
      ]),
    );
    expect(r.invoiceNumber).toBe("717/2025/R");
    expect(r.invoiceDate).toBe("2025-07-14");
  });

  it('finds the invoice number under a "Factura Nº" whose º OCR read as a letter', () => {
    for (const label of ["FACTURA Ne", "FACTURA N2", "FACTURA Nº"]) {
      const r = extractFromPages(
        page([
          [[20, "Fisioterapia Ejemplo S.L."]],
          [
            [20, label],
            [300, "Fecha factura"],
          ],
          [
            [20, "2025/000947"],
            [300, "7/2/2025"],
          ],
          [
            [20, "Fecha"],
            [100, "Concepto"],
            [400, "Importe"],
          ],
          [
            [20, "03/02/2025"],
            [100, "Valoración inicial"],
            [400, "60,00 €"],
          ],
          [
            [300, "Total"],
            [400, "60,00 €"],
          ],
        ]),
      );
      expect(r.invoiceNumber, label).toBe("2025/000947");
      expect(r.invoiceDate, label).toBe("2025-02-07");
    }
  });

  it("takes the patient from an unlabelled address block: over a birth-date line, or the top of a block ending in Norway", () => {
    const table: Array<Array<[number, string]>> = [
      [
        [20, "Date"],
        [100, "Description"],
        [400, "Amount"],
      ],
      [
        [20, "02/01/2025"],
        [100, "Exercise therapy (45 min)"],
        [400, "£39.00"],
      ],
      [
        [300, "Total"],
        [400, "£39.00"],
      ],
    ];
    const dob = extractFromPages(
      page([
        [[20, "Harbourside Physiotherapy Ltd"]],
        [
          [20, "Tor Erik Haugland"],
          [300, "Invoice no.:"],
          [400, "HP-10839"],
        ],
        [
          [20, "DOB 19/01/1959"],
          [300, "Invoice date:"],
          [400, "05/02/2025"],
        ],
        ...table,
      ]),
    );
    expect(dob.patientName).toBe("Tor Erik Haugland");
    expect(dob.patientBirthDate).toBe("1959-01-19");
    const norway = extractFromPages(
      page([
        [[20, "Aarhus Fysio & Træning"]],
        [
          [20, "Arne Fjeldstad"],
          [300, "Fakturanr.:"],
          [400, "52526"],
        ],
        [
          [300, "Fakturadato:"],
          [400, "19. november 2024"],
        ],
        [[20, "Åsveien 118"]],
        [[20, "3611 Kongsberg"]],
        [[20, "Norge"]],
        ...table,
      ]),
    );
    expect(norway.patientName).toBe("Arne Fjeldstad");
    // a block set flush right, beside the clinic's (its last line, Norway, unread): the name's right edge is the birth-date line's, its left edge is not
    const flushRight = extractFromPages(
      page([
        [
          [20, "Fysioterapeuterna i Lund"],
          [472, "Bjørn Grønli"],
        ],
        [
          [20, "Kyrkogatan 21"],
          [400, "Födelsedatum: 1978-01-09"],
        ],
        [[20, "411 08 Göteborg"]],
        ...table,
      ]),
    );
    expect(flushRight.patientName).toBe("Bjørn Grønli");
    // a letter of the birth-date label misread by OCR ("Fédelsedatum") still anchors the name over it
    const misread = extractFromPages(page([[[20, "Fysioterapeuterna i Lund"]], [[20, "Stina Berg"]], [[20, "Fédelsedatum: 1978-01-09"]], [[20, "Kyrkogatan 21"]], ...table]));
    expect(misread.patientName).toBe("Stina Berg");
    // the block's last line in two languages, its slash lost to OCR ("Norge / Norway" read as one cell); the name as "SURNAME, Given"
    const bilingual = extractFromPages(
      page([
        [
          [20, "BRÅTEN, Ola"],
          [300, "Cabinet Vieux-Port"],
        ],
        [
          [20, "Norge Norway"],
          [300, "3 avenue Robert Soleau"],
        ],
        [[300, "34000 Montpellier"]],
        ...table,
      ]),
    );
    expect(bilingual.patientName).toBe("Ola Bråten");
    // the clinic's own block names no patient, and a line of words over an address that is not the patient's is not taken
    const none = extractFromPages(page([[[20, "Harbourside Physiotherapy Ltd"]], [[20, "12 Canons Way"]], [[20, "Bristol BS1 5LF"]], ...table]));
    expect(none.patientName).toBeNull();
  });

  it('gives an ICD-10 code back the letter OCR read as a digit, and finds the number under a title whose "Nº" was lost', () => {
    const r = extractFromPages(
      page([
        [[20, "Centro de Fisioterapia Ejemplo"]],
        [
          [20, "FACTURA"],
          [300, "Fecha factura"],
        ],
        [
          [20, "2025/000947"],
          [300, "7/2/2025"],
        ],
        [
          [20, "Paciente"],
          [300, "Diagnóstico"],
        ],
        [
          [20, "KJERNES, Marit"],
          [300, "583.5 Esguince de ligamento"],
        ],
        [
          [20, "Fecha"],
          [100, "Concepto"],
          [400, "Importe"],
        ],
        [
          [20, "29/01/2025"],
          [100, "Valoración inicial"],
          [400, "67,50"],
        ],
        [
          [300, "Total"],
          [400, "67,50 €"],
        ],
      ]),
    );
    expect(r.diagnosis?.code).toBe("S83.5");
    expect(extractFromPages(page([[[20, "Diagnose: $83.5 Forstuing av korsbånd i kne"]]])).diagnosis).toEqual({ code: "S83.5", text: "Forstuing av korsbånd i kne" });
    expect(r.invoiceNumber).toBe("2025/000947");
    expect(r.patientName).toBe("Marit Kjernes");
    // a code printed right stays as it is; a number that is not an ICD code shape is not turned into one
    const ok = extractFromPages(
      page([
        [[20, "Diagnóstico: I89.0 Linfedema"]],
        [
          [20, "Fecha"],
          [100, "Concepto"],
          [400, "Importe"],
        ],
        [
          [20, "29/01/2025"],
          [100, "Drenaje linfático manual"],
          [400, "40,00"],
        ],
        [
          [300, "Total"],
          [400, "40,00 €"],
        ],
      ]),
    );
    expect(ok.diagnosis?.code).toBe("I89.0");
  });

  it('expands summary blocks above a table: the treatment, then "N sesiones x price", then the listed dates', () => {
    const r = extractFromPages(
      page([
        [[20, "Clínica de Fisioterapia Ejemplo"]],
        [[300, "Factura nº: F-2024/0153"]],
        [[300, "Fecha: 05/02/2024"]],
        [[20, "Diagnóstico: esguince de tobillo (ICD-10 S93.4)"]],
        [[20, "Terapia manual"]],
        [
          [20, "3 sesiones x EUR 55,00"],
          [400, "EUR 165,00"],
        ],
        [[20, "Fechas: 16/01/2024, 18/01/2024, 22/01/2024"]],
        [[20, "Manuelle Lymphdrainage"]],
        [
          [20, "2 aplicaciones x EUR 10,00"],
          [400, "EUR 20,00"],
        ],
        [[20, "Fechas: 16/01/2024,"]],
        [[20, "18/01/2024"]],
        [
          [20, "Fecha"],
          [100, "Otros conceptos"],
          [400, "Importe"],
        ],
        [
          [20, "22/01/2024"],
          [100, "Vendaje neuromuscular"],
          [400, "EUR 8,00"],
        ],
        [
          [300, "Total factura:"],
          [400, "EUR 193,00"],
        ],
      ]),
    );
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2024-01-16", "manuellterapi", 55],
      ["2024-01-18", "manuellterapi", 55],
      ["2024-01-22", "manuellterapi", 55],
      ["2024-01-16", "ovelsesbehandling", 10],
      ["2024-01-18", "ovelsesbehandling", 10],
      ["2024-01-22", "ikke-dekket", 8],
    ]);
    expect(r.total).toBe(193);
    expect(r.checks.linesMatchTotal).toBe(true);
    expect(r.diagnosis?.code).toBe("S93.4");
    // the invoice date above the table is not the date of a table row whose own date OCR lost
    const lost = extractFromPages(
      page([
        [
          [20, "FACTURA"],
          [300, "Fecha factura"],
        ],
        [
          [20, "2025/000947"],
          [300, "7/2/2025"],
        ],
        [
          [20, "Fecha"],
          [100, "Concepto"],
          [400, "Importe"],
        ],
        [
          [20, "2012025"],
          [100, "Valoración inicial"],
          [400, "67,50"],
        ],
        [
          [20, "29/01/2025"],
          [100, "Banda elástica"],
          [400, "8,00"],
        ],
        [
          [300, "Total"],
          [400, "75,50 €"],
        ],
      ]),
    );
    expect(lost.lines.map((l) => l.date)).toEqual(["2025-01-29"]);
    expect(lost.checks.linesMatchTotal).toBe(false);
  });

  it("reads a patient block beside the invoice block, a session's time range as its minutes, and a date stacked under the number", () => {
    const es = extractFromPages(
      page([
        [
          [20, "FisioMálaga Teatinos"],
          [300, "FACTURA"],
        ],
        [
          [20, "DATOS DEL PACIENTE"],
          [300, "DATOS DE LA FACTURA"],
        ],
        [
          [20, "Ingrid Engebretsen"],
          [300, "Número: 35/04/2025"],
        ],
        [
          [20, "F. nac. 11/03/1946"],
          [300, "Fecha: 13/04/2025"],
        ],
        [
          [20, "Fecha"],
          [100, "Descripción"],
          [400, "Importe"],
        ],
        [
          [20, "10/03/2025"],
          [100, "Valoración fisioterápica inicial"],
          [400, "50,00 €"],
        ],
        [
          [300, "Total"],
          [400, "50,00 €"],
        ],
      ]),
    );
    expect(es.patientName).toBe("Ingrid Engebretsen");
    expect(es.invoiceNumber).toBe("35/04/2025");
    expect(es.invoiceDate).toBe("2025-04-13");
    const sv = extractFromPages(
      page([
        [
          [20, "Sjukgymnastiken Vasastan AB"],
          [400, "KVITTO"],
        ],
        [[400, "Kvittonr 61034"]],
        [[400, "2024-05-27"]],
        [[20, "Födelsedatum: 1955-12-09"]],
        [
          [20, "Datum"],
          [100, "Tid"],
          [200, "Behandling"],
          [400, "Belopp"],
        ],
        [
          [20, "2024-05-13"],
          [100, "10:45-11:30"],
          [200, "Manuell terapi (OMT)"],
          [400, "750,00 kr"],
        ],
        [
          [300, "Att betala:"],
          [400, "750,00 kr"],
        ],
      ]),
    );
    expect(sv.invoiceDate).toBe("2024-05-27");
    expect(sv.lines.map((l) => [l.treatmentForm, l.durationMinutes])).toEqual([["manuellterapi", 45]]);
  });

  it("dates a receipt's items by the day headings above them, and takes a simplified invoice's number", () => {
    const r = extractFromPages(
      page([
        [[20, "FISIO BENIDORM LEVANTE"]],
        [
          [20, "FACTURA SIMPLIFICADA"],
          [300, "A-250477"],
        ],
        [
          [20, "Fecha:"],
          [200, "02/06/2025 19:41"],
        ],
        [
          [20, "CONCEPTO"],
          [400, "EUR"],
        ],
        [[20, "Miércoles, 14 de mayo de 2025"]],
        [
          [20, "Valoración fisioterápica inicial 45 min."],
          [400, "40,00"],
        ],
        [[20, "Lunes, 19 de mayo de 2025"]],
        [
          [20, "Sesión de fisioterapia 60 min."],
          [400, "50,00"],
        ],
        [
          [20, "TOTAL EUR"],
          [400, "90,00"],
        ],
      ]),
    );
    expect(r.invoiceNumber).toBe("A-250477");
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2025-05-14", "undersokelse", 40],
      ["2025-05-19", "ovelsesbehandling", 50],
    ]);
  });

  it("ends a colegiado number before the words that follow it", () => {
    const r = extractFromPages(
      page([
        [[20, "ILUSTRE COLEGIO PROFESIONAL DE FISIOTERAPEUTAS"]],
        [[20, "CERTIFICADO DE COLEGIACIÓN"]],
        [[20, "CERTIFICA: Que Dña. Lucía Fernández Ruiz figura inscrita con el número de colegiada 5259 desde el 15 de marzo de 2012."]],
      ]),
    );
    expect(r.documentType).toBe("authorisation");
    expect(r.therapists).toEqual([{ name: "Lucía Fernández Ruiz", authorisationNumber: "5259" }]);
  });

  it("takes a long label with one letter misread by OCR, only where no label was read right", () => {
    const r = extractFromPages(
      page([
        [
          [20, "Studio di Fisioterapia Esempio"],
          [300, "cattura n.: F20266963"],
        ],
        [[300, "Data: 2026-08-09"]],
        [[20, "Paziente: Sigrid Strom"]],
        [[20, "Disgnosi: M54.5 Lombalgia"]],
        [
          [20, "Data"],
          [100, "Descrizione"],
          [400, "Importo"],
        ],
        [
          [20, "2026-07-14"],
          [100, "Valutazione fisioterapica"],
          [400, "55,00 €"],
        ],
        [
          [300, "Totale"],
          [400, "55,00 €"],
        ],
      ]),
    );
    expect(r.invoiceNumber).toBe("F20266963");
    expect(r.diagnosis?.code).toBe("M54.5");
  });

  it("keeps a description wrapped in a narrow column, an amount glued to its word and a decimal comma followed by a space", () => {
    const r = extractFromPages(
      page([
        [
          [20, "Physiopraxis Beispiel GmbH"],
          [300, "Rechnung"],
        ],
        [
          [300, "Rechnungsnr.:"],
          [400, "R-2025-0101"],
        ],
        [
          [20, "Datum"],
          [100, "Leistung"],
          [300, "Min."],
          [350, "Anz."],
          [400, "Betrag"],
        ],
        [
          [20, "14.04.2025"],
          [100, "Physiotherapeutische"],
          [300, "45"],
          [350, "1"],
          [400, "54,00 EUR"],
        ],
        [[100, "Befunderhebung"]],
        [
          [20, "15.04.2025"],
          [100, "Physiotherapeutische Befunderhebung28,50"],
        ],
        [
          [20, "16.04.2025"],
          [100, "Krankengymnastik"],
          [300, "30"],
          [350, "1"],
          [400, "31, 00 EUR"],
        ],
        [
          [300, "Gesamt"],
          [400, "113,50 EUR"],
        ],
      ]),
    );
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2025-04-14", "undersokelse", 54],
      ["2025-04-15", "undersokelse", 28.5],
      ["2025-04-16", "ovelsesbehandling", 31],
    ]);
    expect(r.lines[0]!.description).toBe("Physiotherapeutische Befunderhebung");
    expect(r.lines[1]!.description).toBe("Physiotherapeutische Befunderhebung");
    expect(r.checks.linesMatchTotal).toBe(true);
  });

  const invoice = page([
    [
      [20, "Fisioterapia Ejemplo S.L."],
      [300, "Factura"],
    ],
    [
      [20, "C/ Mayor 1, 29001 Málaga"],
      [300, "Nº factura:"],
      [400, "F-2025/0042"],
    ],
    [
      [20, "Tel. +34 952 000 000"],
      [300, "Fecha factura:"],
      [400, "3 de marzo de 2025"],
    ],
    [[300, "Paciente"]],
    [[300, "NORDMANN, Ola"]],
    [[300, "Diagnóstico: M54.5 Lumbalgia"]],
    [
      [20, "Fecha"],
      [100, "Concepto"],
      [400, "Importe"],
    ],
    [
      [20, "03/02/2025"],
      [100, "Valoración inicial"],
      [400, "60,00 €"],
    ],
    [
      [20, "03/02/2025"],
      [100, "Subtotal día"],
      [400, "60,00 €"],
    ],
    [
      [20, "05/02/2025"],
      [100, "Masaje terapéutico (30 min)"],
      [400, "45,00 €"],
    ],
    [
      [20, "05/02/2025"],
      [100, "Vendaje neuromuscular"],
      [400, "12,50 €"],
    ],
    [
      [20, "IVA 0%"],
      [400, "0,00 €"],
    ],
    [
      [300, "Total"],
      [400, "117,50 €"],
    ],
  ]);

  it("reads lines, forms, durations, total, currency and header fields", () => {
    const r = extractFromPages(invoice);
    expect(r.documentType).toBe("invoice");
    expect(r.language).toBe("es");
    expect(r.country).toBe("ES");
    expect(r.currency).toBe("EUR");
    expect(r.invoiceNumber).toBe("F-2025/0042");
    expect(r.invoiceDate).toBe("2025-03-03");
    expect(r.patientName).toBe("Ola Nordmann");
    expect(r.diagnosis).toEqual({ code: "M54.5", text: "Lumbalgia" });
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount, l.durationMinutes])).toEqual([
      ["2025-02-03", "undersokelse", 60, null],
      ["2025-02-05", "ovelsesbehandling", 45, 30],
      ["2025-02-05", "ikke-dekket", 12.5, null],
    ]);
    expect(r.total).toBe(117.5);
    expect(r.checks.linesMatchTotal).toBe(true);
  });

  it("flags a total that does not match the lines instead of hiding it", () => {
    const bad = page([
      [[20, "Invoice"]],
      [
        [20, "Date"],
        [100, "Treatment"],
        [400, "Amount"],
      ],
      [
        [20, "02/01/2025"],
        [100, "Exercise therapy (45 min)"],
        [400, "£39.00"],
      ],
      [
        [20, "03/01/2025"],
        [100, "Exercise therapy (45 min)"],
        [400, "£39.00"],
      ],
      [
        [300, "Total due"],
        [400, "£87.00"],
      ],
    ]);
    const r = extractFromPages(bad);
    expect(r.currency).toBe("GBP");
    expect(r.total).toBe(87);
    expect(r.checks).toEqual({ linesMatchTotal: false, linesSum: 78, linesFrom: "older" });
  });

  it("expands a summary row whose session dates are listed, and keeps a period row with count", () => {
    const r = extractFromPages(
      page([
        [[20, "Faktura"]],
        [
          [20, "Behandling"],
          [200, "Antal"],
          [250, "Datum"],
          [420, "À-pris"],
          [500, "Summa"],
        ],
        [
          [20, "Träningsbehandling (30 min)"],
          [200, "4"],
          [250, "2025-04-26 – 2025-05-07"],
          [420, "500,00"],
          [500, "2 000,00"],
        ],
        [
          [20, "Elbehandling (15 min)"],
          [200, "3"],
          [250, "2025-04-26, 2025-04-28,"],
          [420, "140,00"],
          [500, "420,00"],
        ],
        [[250, "2025-04-30"]],
        [
          [300, "Att betala (SEK)"],
          [500, "2 420,00"],
        ],
      ]),
    );
    expect(r.lines).toEqual([
      expect.objectContaining({ date: "2025-04-26", treatmentForm: "ovelsesbehandling", amount: 2000, count: 4, durationMinutes: 30 }),
      expect.objectContaining({ date: "2025-04-26", treatmentForm: "elektroterapi", amount: 140 }),
      expect.objectContaining({ date: "2025-04-28", treatmentForm: "elektroterapi", amount: 140 }),
      expect.objectContaining({ date: "2025-04-30", treatmentForm: "elektroterapi", amount: 140 }),
    ]);
    expect(r.lines[1]).not.toHaveProperty("count");
    expect(r.currency).toBe("SEK");
    expect(r.total).toBe(2420);
  });

  it("carries a date printed on its own line to the items below it (receipts)", () => {
    const r = extractFromPages(
      page([
        [[20, "KVITTERING"]],
        [
          [20, "Nr. 22302"],
          [200, "11/11/2024"],
        ],
        [[20, "05/11/2024"]],
        [
          [30, "Fysioterapeutisk undersøkelse"],
          [250, "71,50"],
        ],
        [[20, "05/11/2024"]],
        [
          [30, "Parafango"],
          [250, "15,00"],
        ],
        [
          [20, "TOTALT EUR"],
          [250, "86,50"],
        ],
      ]),
    );
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2024-11-05", "undersokelse", 71.5],
      ["2024-11-05", "medisinske-bad", 15],
    ]);
    expect(r.invoiceNumber).toBe("22302");
    expect(r.invoiceDate).toBe("2024-11-11");
    expect(r.total).toBe(86.5);
  });
});

describe("extractFromPages: other documents", () => {
  it("reads an epikrise's treatment period", () => {
    const r = extractFromPages(
      page([
        [[20, "Physiotherapy report"]],
        [
          [20, "Patient:"],
          [120, "Kari Nordmann"],
        ],
        [
          [20, "Treatment period:"],
          [120, "02/06/2025 to 08/07/2025"],
        ],
        [[20, "The patient attended 14 sessions including exercise and ultrasound treatment."]],
      ]),
    );
    expect(r.documentType).toBe("epikrise");
    expect(r.treatmentPeriod).toEqual({ from: "2025-06-02", to: "2025-07-08" });
    expect(r.lines).toEqual([]);
    expect(r.total).toBeNull();
  });

  it("reads a period written in a sentence over two lines, and takes the title's kind over a signature's registration word", () => {
    const es = extractFromPages(
      page([
        [[20, "Informe de alta de fisioterapia"]],
        [[20, "Paciente: Kari Nordmann"]],
        [[20, "El paciente ha recibido 18 sesiones de fisioterapia entre el 10 de febrero de 2025 y el 2"]],
        [[20, "de abril de 2025, con una frecuencia de 2-3 sesiones semanales."]],
      ]),
    );
    expect(es.documentType).toBe("epikrise");
    expect(es.treatmentPeriod).toEqual({ from: "2025-02-10", to: "2025-04-02" });
    const fr = extractFromPages(
      page([
        [[20, "Compte rendu de kinésithérapie"]],
        [
          [20, "Patient(e):"],
          [120, "Håvard Holmøy"],
        ],
        [[20, "Période de soins : du 03/01/2024 au 29/02/2024"]],
        [[20, "Élodie Garnier"]],
        [[20, "Masseur-kinésithérapeute D.E., RPPS 10429150569"]],
      ]),
    );
    expect(fr.documentType).toBe("epikrise");
    expect(fr.treatmentPeriod).toEqual({ from: "2024-01-03", to: "2024-02-29" });
    // two dates that are not a period (a letter date and a referral date) are not taken as one
    const none = extractFromPages(page([[[20, "Informe de fisioterapia"]], [[20, "Fecha: 01/03/2024. Derivado por su médico el 26/12/2023."]]]));
    expect(none.treatmentPeriod).toBeNull();
  });

  it("reads a register extract's name from its family-name and given-name fields, and a certificate's holder on the line under 'Frau'", () => {
    const sv = extractFromPages(
      page([
        [[20, "Socialstyrelsen"]],
        [[20, "Utdrag ur registret över legitimerad hälso- och sjukvårdspersonal (HOSP)"]],
        [[20, "Socialstyrelsen intygar att nedanstående person är legitimerad."]],
        [
          [20, "Efternamn"],
          [200, "Håkansson"],
        ],
        [
          [20, "Förnamn"],
          [200, "Elin"],
        ],
        [
          [20, "Legitimationsnummer"],
          [200, "8838598"],
        ],
      ]),
    );
    expect(sv.documentType).toBe("authorisation");
    expect(sv.therapists).toEqual([{ name: "Elin Håkansson", authorisationNumber: "8838598" }]);
    const de = extractFromPages(
      page([
        [[20, "Landesprüfungsamt für Medizin"]],
        [[20, "U R K U N D E"]],
        [[20, "Frau"]],
        [[20, "Katrin Vogel"]],
        [[20, "geboren am 11.03.1990 in Leipzig"]],
        [[20, "erhält die Erlaubnis, die Berufsbezeichnung „Physiotherapeutin“ zu führen."]],
        [[20, "Urkunden-Nr.: 2020/775"]],
      ]),
    );
    expect(de.therapists).toEqual([{ name: "Katrin Vogel", authorisationNumber: "2020/775" }]);
  });

  it("reads an authorisation's holder, number and issuer", () => {
    const r = extractFromPages(
      page([
        [[20, "Helsedirektoratet"]],
        [[20, "Autorisasjon som fysioterapeut – Melding om vedtak"]],
        [[20, "Helsedirektoratet har 1. mars 2010 gitt Kari Nordmann, født 01.02.1980, autorisasjon som fysioterapeut."]],
        [[20, "HPR-nummer: 1234567"]],
      ]),
    );
    expect(r.documentType).toBe("authorisation");
    expect(r.country).toBe("NO");
    expect(r.therapists).toEqual([{ name: "Kari Nordmann", authorisationNumber: "1234567" }]);
    expect(r.issuingAuthority).toBe("Helsedirektoratet");
  });
});

describe("canonicalName", () => {
  it("reorders FAMILY, Given and fixes capitals", () => {
    expect(canonicalName("BRÅTHEN, Gunhild")).toBe("Gunhild Bråthen");
    expect(canonicalName("HÅKON STRAND")).toBe("Håkon Strand");
    expect(canonicalName("Dña. Lucía Fernández Ruiz")).toBe("Lucía Fernández Ruiz");
    expect(canonicalName("12 Canons Way")).toBeNull();
  });
});

describe("extractFromPages: OCR artefacts", () => {
  const ocrPage = (rows: Array<Array<[number, string, number?]>>): PageText[] => {
    const lines = rows.map((cells, i) => {
      const y0 = 100 + i * 40;
      const words: Word[] = cells.map(([x, text, tall]) => ({ text, x0: x, x1: x + text.length * 14, y0: y0 - (tall ?? 0), y1: y0 + 26, conf: 90 }));
      return { page: 1, words, text: words.map((w) => w.text).join(" "), x0: words[0]!.x0, y0: Math.min(...words.map((w) => w.y0)), x1: words[words.length - 1]!.x1, y1: y0 + 26 };
    });
    return [{ page: 1, width: 2400, height: 3400, lines, source: "ocr", confidence: 90 }];
  };

  it("keeps a confidently read word whose box a rule remnant stretched, and reads Ø misread as @", () => {
    const r = extractFromPages(
      ocrPage([
        [
          [100, "Faktura"],
          [1600, "Nr."],
          [1700, "2025-118"],
        ],
        [
          [100, "Dato"],
          [400, "Behandling"],
          [2000, "Beløp"],
        ],
        [
          [100, "10.03.2025"],
          [400, "Ultralyd", 50],
          [2000, "65,00"],
        ],
        [
          [100, "11.03.2025"],
          [400, "@velsesbehandling"],
          [2000, "44,00"],
        ],
        [
          [100, "Totalt"],
          [2000, "109,00"],
        ],
      ]),
    );
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2025-03-10", "ultralyd", 65],
      ["2025-03-11", "ovelsesbehandling", 44],
    ]);
    expect(r.total).toBe(109);
    expect(r.checks.linesMatchTotal).toBe(true);
  });

  it('keeps a column header\'s short word whose box a rule stretched ("min"), and a minute mark after the minutes', () => {
    const r = extractFromPages(
      ocrPage([
        [
          [100, "Faktura"],
          [1600, "Nr."],
          [1700, "NF250764"],
        ],
        [
          [100, "Dato"],
          [400, "Behandling"],
          [1500, "min", 45],
          [2000, "Beløp"],
        ],
        [
          [100, "29.5.2025"],
          [400, "Fysioterapi, individuell behandling"],
          [1500, "45'"],
          [2000, "44,50"],
        ],
        [
          [100, "29.5.2025"],
          [400, "Parafango"],
          [1500, "20"],
          [2000, "19,00"],
        ],
        [
          [100, "Totalt"],
          [2000, "63,50"],
        ],
      ]),
    );
    expect(r.lines.map((l) => [l.treatmentForm, l.durationMinutes, l.amount])).toEqual([
      ["ovelsesbehandling", 45, 44.5],
      ["medisinske-bad", 20, 19],
    ]);
    // no header over the minutes: their marks say what they are
    const marks = extractFromPages(
      ocrPage([
        [
          [100, "Faktura"],
          [1600, "Nr."],
          [1700, "NF250764"],
        ],
        [
          [100, "Dato"],
          [400, "Behandling"],
          [2000, "Beløp"],
        ],
        [
          [100, "29.5.2025"],
          [400, "Fysioterapi, individuell behandling"],
          [1500, "45'"],
          [2000, "44,50"],
        ],
        [
          [100, "30.5.2025"],
          [400, "Parafango"],
          [1500, "20’"],
          [2000, "19,00"],
        ],
        [
          [100, "Totalt"],
          [2000, "63,50"],
        ],
      ]),
    );
    expect(marks.lines.map((l) => l.durationMinutes)).toEqual([45, 20]);
  });

  it("accepts a total whose decimal separator was lost only when its digits are exactly the lines' sum", () => {
    const rows = (printed: string) =>
      ocrPage([
        [
          [100, "Factura"],
          [1600, "N."],
          [1700, "A-2025-7"],
        ],
        [
          [100, "Fecha"],
          [400, "Concepto"],
          [2000, "Importe"],
        ],
        [
          [100, "10/03/2025"],
          [400, "Fisioterapia"],
          [2000, "200,00"],
        ],
        [
          [100, "11/03/2025"],
          [400, "Masaje"],
          [2000, "45,00"],
        ],
        [
          [100, "Total"],
          [1800, "EUR"],
          [2000, printed],
        ],
      ]);
    const ok = extractFromPages(rows("24500"));
    expect(ok.total).toBe(245);
    expect(ok.checks.linesMatchTotal).toBe(true);
    const other = extractFromPages(rows("24600"));
    expect(other.total).toBeNull();
    expect(other.checks.linesMatchTotal).toBeNull();
  });

  it("puts back a total's leading 1 that OCR read as a letter of its label, only when the lines add up to it", () => {
    // "Att betala 1 400,00 SEK" read as "Att betalal 400,00 SEK" (a held-out Swedish scan read on two workers)
    const rows = (second: string, label: string) =>
      ocrPage([
        [
          [100, "Fakturanr:"],
          [400, "F2025-0892"],
        ],
        [
          [100, "Datum"],
          [400, "Behandling"],
          [2000, "Belopp"],
        ],
        [
          [100, "2025-05-08"],
          [400, "Undersökning"],
          [2000, "740,00"],
        ],
        [
          [100, "2025-05-09"],
          [400, "Sjukgymnastik"],
          [2000, second],
        ],
        [
          [100, "Att"],
          [250, label],
          [2000, "400,00"],
          [2200, "SEK"],
        ],
      ]);
    const ok = extractFromPages(rows("660,00", "betalal"));
    expect(ok.total).toBe(1400);
    expect(ok.checks.linesMatchTotal).toBe(true);
    expect(ok.lines.map((l) => l.amount)).toEqual([740, 660]);
    // lines that do not add up to 1 400: no total (neither 400 nor 1 400 is taken on this reading alone)
    const other = extractFromPages(rows("650,00", "betalal"));
    expect(other.total).toBeNull();
    // the label read whole: the amount as printed
    expect(extractFromPages(rows("660,00", "betala")).total).toBe(400);
    // another word before the label's stray letter ("usługa wartości" ends as the Polish label "wartość" + i): no total
    expect(extractFromPages(rows("660,00", "tjänst totall")).total).toBeNull();
  });

  it("never lets a total read in doubt stand against a total read plainly", () => {
    const page = ocrPage([
      [
        [100, "Datum"],
        [400, "Behandling"],
        [2000, "Belopp"],
      ],
      [
        [100, "2025-05-08"],
        [400, "Undersökning"],
        [2000, "740,00"],
      ],
      [
        [100, "2025-05-09"],
        [400, "Sjukgymnastik"],
        [2000, "660,00"],
      ],
      [
        [100, "Summa"],
        [2000, "1 300,00"],
      ],
      [
        [100, "Att"],
        [250, "betalal"],
        [2000, "400,00"],
      ],
    ]);
    const d = extractFromPages(page);
    // the lines add up to the doubtful reading (1 400), but the plainly printed 1 300 is the witness: they do not match it
    expect(d.total).toBe(1300);
    expect(d.checks.linesMatchTotal).toBe(false);
  });
});

describe("extractFromPages: layouts the dev fixtures do not have", () => {
  const lineTuples = (pages: PageText[]) => extractFromPages(pages).lines.map((l) => [l.date, l.treatmentForm, l.amount, l.durationMinutes]);

  it("takes the date (and duration) printed in small print under an item for that item, not the next one", () => {
    expect(
      lineTuples(
        page([
          [[20, "Rechnung"]],
          [
            [20, "Leistung"],
            [300, "Anz."],
            [400, "Betrag"],
          ],
          [
            [20, "Krankengymnastik"],
            [300, "1"],
            [400, "25,00 €"],
          ],
          [[20, "Datum 14.04.2025 · 45 Min."]],
          [
            [20, "Manuelle Therapie"],
            [300, "1"],
            [400, "38,50 €"],
          ],
          [[20, "Datum 23.04.2025"]],
          [
            [20, "Gesamtbetrag"],
            [400, "63,50 €"],
          ],
        ]),
      ),
    ).toEqual([
      ["2025-04-14", "ovelsesbehandling", 25, 45],
      ["2025-04-23", "manuellterapi", 38.5, null],
    ]);
  });

  it("keeps items under their date heading, also when the headings are not indented differently from the items", () => {
    for (const itemX of [40, 20]) {
      expect(
        lineTuples(
          page([
            [[20, "Faktura"]],
            [
              [20, "Ydelse"],
              [400, "Beløb"],
            ],
            [[20, "09-03-2025"]],
            [
              [itemX, "Individuel træningsterapi"],
              [400, "410,00 kr."],
            ],
            [
              [itemX, "Holdtræning"],
              [400, "546,50 kr."],
            ],
            [[20, "14-03-2025"]],
            [
              [itemX, "Manuel terapi"],
              [400, "364,50 kr."],
            ],
            [
              [20, "I alt at betale"],
              [400, "1.321,00 kr."],
            ],
          ]),
        ),
      ).toEqual([
        ["2025-03-09", "ovelsesbehandling", 410, null],
        ["2025-03-09", "gruppe", 546.5, null],
        ["2025-03-14", "manuellterapi", 364.5, null],
      ]);
    }
  });

  it("puts a date wrapped in a narrow column back together", () => {
    expect(
      lineTuples(
        page([
          [[20, "Kvittering"]],
          [
            [20, "Dato"],
            [100, "Behandling"],
            [300, "Min"],
            [400, "Beløp"],
          ],
          [
            [20, "2024-08-"],
            [100, "Førstegangskonsultasjon med"],
            [300, "40"],
            [400, "33,00 EUR"],
          ],
          [
            [20, "04"],
            [100, "undersøkelse"],
          ],
          [
            [20, "2024-08-"],
            [100, "Akupunktur"],
            [300, "30"],
            [400, "24,50 EUR"],
          ],
          [[20, "12"]],
          [
            [20, "Totalt betalt"],
            [400, "57,50 EUR"],
          ],
        ]),
      ),
    ).toEqual([
      ["2024-08-04", "undersokelse", 33, 40],
      ["2024-08-12", "akupunktur", 24.5, 30],
    ]);
  });

  it("reads a space-grouped amount in a wide (monospaced) font, but not a quantity column beside a price", () => {
    const word = (text: string, x0: number, charWidth = 12): Word => ({ text, x0, x1: x0 + text.length * charWidth, y0: 100, y1: 110 });
    const receipt = (amountWords: Word[], total: string): PageText[] => {
      const lines = [
        [word("Kvitto", 20)],
        [word("2024-07-04", 20), word("Återbesök", 160), word("fysioterapi", 280), ...amountWords],
        [word("Att", 20), word("betala", 70), word(total, 500)],
      ].map((words, i) => {
        const ws = words.map((w) => ({ ...w, y0: 20 + i * 18, y1: 30 + i * 18 }));
        return { page: 1, words: ws, text: ws.map((w) => w.text).join(" "), x0: ws[0]!.x0, x1: ws[ws.length - 1]!.x1, y0: ws[0]!.y0, y1: ws[0]!.y1 };
      });
      return [{ page: 1, width: 800, height: 900, lines, source: "ocr" }];
    };
    // "1 066,50" with a one-character space in a 12-unit monospaced font
    expect(extractFromPages(receipt([word("1", 500), word("066,50", 528)], "1066,50")).lines.map((l) => l.amount)).toEqual([1066.5]);
    // quantity "1" in its own column, then the price
    expect(extractFromPages(receipt([word("1", 440), word("250,00", 528)], "250,00")).lines.map((l) => l.amount)).toEqual([250]);
  });

  it("separates a minute mark glued to the amount after it", () => {
    expect(
      lineTuples(
        page([
          [[20, "Rachunek"]],
          [[20, "05-09-2025 Konsultacja fizjoterapeutyczna 45'140,00"]],
          [
            [20, "Do zapłaty"],
            [400, "140,00 zł"],
          ],
        ]),
      ),
    ).toEqual([["2025-09-05", "undersokelse", 140, 45]]);
  });

  it("reads a missed appointment as not covered in every language", () => {
    const form = (text: string) =>
      extractFromPages(
        page([
          [[20, "Invoice"]],
          [
            [20, "Date"],
            [100, "Treatment"],
            [400, "Amount"],
          ],
          [
            [20, "03/02/2025"],
            [100, text],
            [400, "20,00 €"],
          ],
          [
            [20, "Total"],
            [400, "20,00 €"],
          ],
        ]),
      ).lines[0]?.treatmentForm;
    for (const t of ["Séance non décommandée", "No-show fee", "Cita no anulada", "Mancata disdetta", "Termin nicht abgesagt", "Nieobecność"])
      expect(form(t), t).toBe("ikke-dekket");
  });

  /** Lines at given heights (y0; each 11 units tall), cells as [x, text], for layouts whose rows are not evenly spaced. */
  const placed = (lines: Array<[number, Array<[number, string]>]>): PageText[] => [
    {
      page: 1,
      width: 600,
      height: 900,
      source: "text-layer",
      lines: lines.map(([y0, cells]) => {
        const words: Word[] = [];
        for (const [x, text] of cells) {
          let cx = x;
          for (const t of text.split(" ")) {
            words.push({ text: t, x0: cx, x1: cx + t.length * 6, y0, y1: y0 + 11 });
            cx += t.length * 6 + 4;
          }
        }
        return { page: 1, words, text: words.map((w) => w.text).join(" "), x0: words[0]!.x0, y0, x1: words[words.length - 1]!.x1, y1: y0 + 11 };
      }),
    },
  ];

  it("keeps items under a session heading ('SESIÓN 02/04/2025', 'Behandlung am 8. Januar 2024'), not under the invoice date", () => {
    expect(
      lineTuples(
        page([
          [
            [20, "FACTURA SIMPLIFICADA"],
            [300, "T2025-03954"],
          ],
          [
            [20, "Fecha:"],
            [300, "28/04/2025"],
          ],
          [
            [20, "CONCEPTO"],
            [400, "EUR"],
          ],
          [[20, "SESIÓN 02/04/2025"]],
          [
            [20, "Hidroterapia en piscina"],
            [400, "20,00"],
          ],
          [[30, "(grupo) 45 min."]],
          [
            [20, "Láser de baja potencia"],
            [400, "15,00"],
          ],
          [
            [30, "subtotal día"],
            [400, "35,00"],
          ],
          [[20, "SESIÓN 07/04/2025"]],
          [
            [20, "Terapia manual"],
            [400, "40,00"],
          ],
          [
            [20, "TOTAL EUR"],
            [400, "75,00"],
          ],
        ]),
      ),
    ).toEqual([
      ["2025-04-02", "basseng", 20, 45],
      ["2025-04-02", "kortbolge-mikrobolge-laser", 15, null],
      ["2025-04-07", "manuellterapi", 40, null],
    ]);
    const de = extractFromPages(
      page([
        [[20, "Privatrechnung Nr. RE 3645"]],
        [[20, "Datum: 27.01.2024"]],
        [[20, "Patient/in: Nygård, Terje, geb. 10.03.1960"]],
        [[20, "Therapeut/in: Svenja Hoffmann"]],
        [[20, "Behandlung am 8. Januar 2024"]],
        [
          [20, "KG-Gerät (gerätegestützte Krankengymnastik), 60 min"],
          [400, "EUR 45.00"],
        ],
        [
          [20, "Wärmetherapie mittels Heißluft, 10 min"],
          [400, "EUR 8.00"],
        ],
        [[20, "Behandlung am 10. Januar 2024"]],
        [
          [20, "KG-Gerät (gerätegestützte Krankengymnastik), 60 min"],
          [400, "EUR 45.00"],
        ],
        [
          [20, "Summe"],
          [400, "EUR 98.00"],
        ],
      ]),
    );
    expect(de.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2024-01-08", "ovelsesbehandling", 45],
      ["2024-01-08", "medisinske-bad", 8],
      ["2024-01-10", "ovelsesbehandling", 45],
    ]);
    expect([de.invoiceNumber, de.patientName, de.therapists[0]?.name]).toEqual(["RE 3645", "Terje Nygård", "Svenja Hoffmann"]);
  });

  it("reads a table row whose cells sit at different heights (date and amount centred between two lines of description)", () => {
    expect(
      lineTuples(
        placed([
          [20, [[46, "FAKTURA"]]],
          [
            230,
            [
              [48, "Dato"],
              [171, "Behandling"],
              [459, "Pris"],
              [512, "Beløp"],
            ],
          ],
          [
            251,
            [
              [171, "Førstegangskonsultasjon med undersøkelse"],
              [460, "EUR"],
            ],
          ],
          [
            257,
            [
              [48, "05.06.2025"],
              [489, "EUR 60,00"],
            ],
          ],
          [
            265,
            [
              [171, "60 min"],
              [451, "60,00"],
            ],
          ],
          [
            287,
            [
              [48, "09.06.2025–"],
              [460, "EUR"],
              [524, "EUR"],
            ],
          ],
          [294, [[171, "6 x Massasje/bløtvevsbehandling 30 min"]]],
          [
            302,
            [
              [48, "04.07.2025"],
              [451, "35,00"],
              [508, "210,00"],
            ],
          ],
          [
            368,
            [
              [319, "Sum behandlinger"],
              [485, "EUR 270,00"],
            ],
          ],
        ]),
      ),
    ).toEqual([
      ["2025-06-05", "undersokelse", 60, 60],
      ["2025-06-09", "ovelsesbehandling", 210, 30],
    ]);
  });

  it("reads a row spread over four lines, its amount wrapped in a narrow column ('zł 1' over '600,00')", () => {
    expect(
      lineTuples(
        placed([
          [85, [[218, "RACHUNEK nr 279/2023"]]],
          [
            250,
            [
              [60, "Lp."],
              [100, "Nazwa usługi"],
              [256, "Data wykonania"],
              [406, "Ilość"],
              [433, "J.m."],
              [505, "Wartość"],
            ],
          ],
          [
            277,
            [
              [80, "Kinezyterapia"],
              [189, "14.02.2023, 21.02.2023,"],
              [532, "zł 1"],
            ],
          ],
          [
            283,
            [
              [64, "1"],
              [189, "24.02.2023,"],
              [414, "4"],
              [435, "usł."],
              [457, "zł 400,00"],
            ],
          ],
          [
            289,
            [
              [80, "indywidualna (30 min)"],
              [517, "600,00"],
            ],
          ],
          [295, [[189, "28.02.2023"]]],
          [330, [[57, "Do zapłaty: zł 1 600,00"]]],
        ]),
      ),
    ).toEqual(["2023-02-14", "2023-02-21", "2023-02-24", "2023-02-28"].map((d) => [d, "ovelsesbehandling", 400, 30]));
  });

  it("reads a session list set over three lines around its row, and a period's full start date above its end", () => {
    const r = extractFromPages(
      placed([
        [
          60,
          [
            [20, "Lp."],
            [60, "Nazwa usługi"],
            [300, "Data wykonania"],
            [420, "Ilość"],
            [480, "Wartość"],
          ],
        ],
        [80, [[300, "06.06.2025, 09.06.2025,"]]],
        [
          95,
          [
            [20, "2"],
            [60, "Masaż leczniczy 45 minut"],
            [300, "17.06.2025, 19.06.2025,"],
            [420, "5 usł"],
            [440, "165,00"],
            [500, "825,00"],
          ],
        ],
        [
          110,
          [
            [300, "25.06.2025"],
            [440, "zł"],
            [500, "zł"],
          ],
        ],
        [
          140,
          [
            [380, "Razem:"],
            [500, "825,00 zł"],
          ],
        ],
      ]),
    );
    expect(r.lines.map((l) => l.date)).toEqual(["2025-06-06", "2025-06-09", "2025-06-17", "2025-06-19", "2025-06-25"]);
    expect(r.lines.every((l) => l.amount === 165)).toBe(true);
    expect(
      lineTuples(
        placed([
          [
            60,
            [
              [20, "Dato"],
              [150, "Behandling"],
              [400, "Pris"],
              [480, "Beløp"],
            ],
          ],
          [
            80,
            [
              [20, "04.07.2025-"],
              [400, "EUR"],
              [480, "EUR"],
            ],
          ],
          [
            95,
            [
              [20, "21.07.2025"],
              [150, "3 x Varmebehandling (varmepakning)"],
              [400, "8,00"],
              [480, "24,00"],
            ],
          ],
          [
            130,
            [
              [300, "Å betale"],
              [480, "EUR 24,00"],
            ],
          ],
        ]),
      ),
    ).toEqual([["2025-07-04", "medisinske-bad", 24, null]]);
  });

  it("leaves a header's two blocks of stacked fields apart, even where their lines overlap in height", () => {
    const r = extractFromPages(
      placed([
        [43, [[186, "Factura"]]],
        [
          83,
          [
            [186, "Nº factura:"],
            [276, "F-2024/0288"],
          ],
        ],
        [89, [[20, "Fisio Benalmádena"]]],
        [
          96,
          [
            [186, "Fecha factura:"],
            [276, "19/09/2024"],
          ],
        ],
        [
          130,
          [
            [20, "Fecha"],
            [100, "Concepto"],
            [400, "Importe"],
          ],
        ],
        [
          150,
          [
            [20, "10/09/2024"],
            [100, "Terapia manual"],
            [400, "45,00 €"],
          ],
        ],
        [
          170,
          [
            [300, "Total"],
            [400, "45,00 €"],
          ],
        ],
      ]),
    );
    expect([r.invoiceNumber, r.invoiceDate, r.lines.length]).toEqual(["F-2024/0288", "2024-09-19", 1]);
  });

  it("takes a period's start printed above its end in the date cell, and keeps an undated fee row of the table", () => {
    expect(
      lineTuples(
        placed([
          [20, [[20, "Rechnung"]]],
          [
            60,
            [
              [20, "Pos."],
              [60, "Datum"],
              [150, "Leistung"],
              [400, "Anzahl"],
              [480, "Gesamt"],
            ],
          ],
          [78, [[60, "29.04.-"]]],
          [
            90,
            [
              [20, "1"],
              [60, "26.05.2025"],
              [150, "Manuelle Therapie (20 min)"],
              [400, "8"],
              [480, "320,00 €"],
            ],
          ],
          [
            130,
            [
              [300, "Rechnungsbetrag"],
              [480, "320,00"],
            ],
          ],
        ]),
      ),
    ).toEqual([["2025-04-29", "manuellterapi", 320, 20]]);
    expect(
      lineTuples(
        page([
          [[20, "Fattura"]],
          [
            [20, "Data"],
            [100, "Descrizione della prestazione"],
            [400, "Importo"],
          ],
          [
            [20, "08/04/2024"],
            [100, "Massoterapia (30 min)"],
            [400, "€ 40,00"],
          ],
          [
            [100, "Imposta di bollo"],
            [400, "€ 2,00"],
          ],
          [
            [300, "Bollo"],
            [400, "€ 2,00"],
          ],
          [
            [300, "TOTALE DOCUMENTO"],
            [400, "€ 42,00"],
          ],
        ]),
      ),
    ).toEqual([
      ["2024-04-08", "ovelsesbehandling", 40, 30],
      [null, "ikke-dekket", 2, null],
    ]);
  });
});

describe("extractFromPages: amounts checked against each other", () => {
  it("takes several session dates on a row for its sessions when the unit price times their number is the row's amount", () => {
    const r = extractFromPages(
      page([
        [[20, "RACHUNEK nr 291/04/2024"]],
        [
          [20, "Lp."],
          [60, "Nazwa usługi"],
          [250, "Data wykonania"],
          [400, "llość"],
          [480, "Wartość"],
        ],
        [
          [20, "2"],
          [60, "Ultradźwięki 8 minut"],
          [250, "08.04.2024, 15.04.2024"],
          [400, "2 usł."],
          [440, "35,00 zł"],
          [500, "70,00 zł"],
        ],
        [
          [20, "3"],
          [60, "Masaż leczniczy 45 minut"],
          [250, "11.04.2024, 15.04.2024"],
          [400, "2 usł."],
          [440, "130,00 zł"],
          [500, "390,00 zł"],
        ],
        [
          [300, "Razem:"],
          [500, "460,00 zł"],
        ],
      ]),
    );
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2024-04-08", "ultralyd", 35],
      ["2024-04-15", "ultralyd", 35],
      // 130 × 2 is not 390: the row stays one line, its amount as printed
      ["2024-04-11", "ovelsesbehandling", 390],
    ]);
  });

  it("puts back a decimal separator OCR lost when that, and only that, makes the lines add up to the printed total", () => {
    const inv = (last: string, total: string) =>
      extractFromPages(
        page([
          [[20, "FAKTURA"]],
          [
            [20, "Dato"],
            [100, "Behandling"],
            [300, "Pris"],
            [400, "Beløp"],
          ],
          [
            [20, "14.08.2023"],
            [100, "Shockwave trykkbølge"],
            [300, "50,00 €"],
            [400, "50,00 €"],
          ],
          [
            [20, "01.09.2023"],
            [100, "Shockwave trykkbølge"],
            [300, "45,00 €"],
            [400, last],
          ],
          [
            [100, "Å betale"],
            [400, total],
          ],
        ]),
      );
    expect(inv("4500 €", "95,00 €").lines.map((l) => l.amount)).toEqual([50, 45]);
    const unconfirmed = inv("4500 €", "96,00 €");
    expect([unconfirmed.lines.map((l) => l.amount), unconfirmed.checks.linesMatchTotal]).toEqual([[50, 4500], false]);
  });

  it("reads an amount as the row's price times its quantity only when that makes the lines add up to the total", () => {
    const rows = (sixth: string, total: string) =>
      page([
        [[20, "Rechnung"]],
        [
          [20, "Pos."],
          [60, "Datum"],
          [150, "Leistung"],
          [330, "Anzahl"],
          [380, "Einzelpreis"],
          [470, "Gesamt"],
        ],
        [
          [20, "1"],
          [60, "07.04.2025"],
          [150, "KG-Gerät (60 min)"],
          [330, "1"],
          [380, "60,00 €"],
          [470, "60,00 €"],
        ],
        [
          [20, "2"],
          [60, "10.04.2025"],
          [150, "KG-Gerät (60 min)"],
          [330, "1"],
          [380, "60,00 €"],
          [470, sixth],
        ],
        [
          [300, "Rechnungsbetrag"],
          [470, total],
        ],
      ]);
    expect(extractFromPages(rows("560,00 €", "120,00 €")).lines.map((l) => l.amount)).toEqual([60, 60]);
    // the total does not confirm it: left as read, and the document is flagged
    const flagged = extractFromPages(rows("560,00 €", "130,00 €"));
    expect([flagged.lines.map((l) => l.amount), flagged.checks.linesMatchTotal]).toEqual([[60, 560], false]);
  });

  it("leaves the amounts as read when more than one correction would add up", () => {
    const alts = new Map([
      [0, [10]],
      [1, [10]],
    ]);
    expect(repairAmounts([100, 100], alts, [110])).toBeNull();
    expect(repairAmounts([100, 100], new Map([[1, [10]]]), [110])).toEqual(new Map([[1, 10]]));
    expect(
      repairAmounts(
        [100, 100],
        new Map([
          [0, [1, 10]],
          [1, [50]],
        ]),
        [60],
      ),
    ).toEqual(
      new Map([
        [0, 10],
        [1, 50],
      ]),
    );
  });

  it("reads an 'ø' OCR gave as '@' in a name, not in an e-mail address", () => {
    const r = extractFromPages(
      page([
        [
          [20, "Rehabkliniken Linnéstaden"],
          [300, "FAKTURA"],
        ],
        [
          [20, "HALVOR R@NNING"],
          [300, "Fakturanummer 2023-758"],
        ],
        [
          [20, "Födelsedatum 1947-08-18"],
          [300, "info@rehab.se"],
        ],
        [
          [20, "2023-07-26 Sjukgymnastik, besök 45 min"],
          [400, "710,00"],
        ],
        [
          [20, "Att betala"],
          [400, "710,00"],
        ],
      ]),
    );
    expect(r.patientName).toBe("Halvor Rønning");
  });

  it("takes a total printed (or read) without decimals when its digits are the lines' whole sum, and only then", () => {
    const total = (printed: string) =>
      extractFromPages(
        page([
          [
            [20, "FACTURA SIMPLIFICADA"],
            [300, "T2024-00123"],
          ],
          [[20, "Lunes, 17 de junio de 2024"]],
          [
            [20, "Valoración fisioterápica"],
            [400, "45,00"],
          ],
          [[20, "Miércoles, 19 de junio de 2024"]],
          [
            [20, "Terapia manual"],
            [400, "55,00"],
          ],
          [
            [20, "TOTAL"],
            [100, "EUR"],
            [420, printed],
          ],
        ]),
      ).total;
    expect(total("100")).toBe(100);
    expect(total("101")).toBeNull();
  });

  it("ends the patient's name where the birth date field on the same line starts", () => {
    expect(
      extractFromPages(
        page([
          [
            [20, "FACTURA"],
            [300, "Nº factura: 2023-497"],
          ],
          [
            [20, "Paciente: Terje Vestbø Fecha nac.: 04-10-1938"],
            [400, "Pasaporte: KC7933946"],
          ],
          [
            [20, "22-02-2023 Terapia manual"],
            [400, "€ 45,00"],
          ],
          [
            [20, "TOTAL"],
            [400, "€ 45,00"],
          ],
        ]),
      ).patientName,
    ).toBe("Terje Vestbø");
  });
});

describe("extractFromPages: a French note d'honoraires", () => {
  it("reads the sessions listed under an item with the price of one session on the list, the letter's date and the CIM-10 code", () => {
    const r = extractFromPages(
      page([
        [
          [60, "Kinésithérapie Nice Libération"],
          [470, "Nice, le 5 mai 2024"],
        ],
        [[60, "N° RPPS 10784729787"]],
        [[60, "41 avenue Malausséna"]],
        [[176, "NOTE D'HONORAIRES N° 2024-387"]],
        [[60, "Prescription médicale du Dr S. Dubois en date du 05/03/2024"]],
        [[60, "Motif Syndrome de la coiffe des rotateurs (CIM-10 M75.1)"]],
        [
          [62, "Désignation des actes"],
          [397, "Cotation"],
          [455, "Quantité"],
          [514, "Montant"],
        ],
        [
          [62, "Bilan-diagnostic kinésithérapique (45 min)"],
          [398, "AMK 8,1"],
          [472, "1"],
          [519, "50,00 €"],
        ],
        [[62, "Séance du 15/03/2024"]],
        [
          [62, "Drainage lymphatique manuel (45 min)"],
          [398, "AMS 7,5"],
          [446, "3 séances ×"],
          [514, "135,00 €"],
        ],
        [
          [62, "Séances des 18/03/2024, 20/03/2024,"],
          [459, "45,00 €"],
        ],
        [[62, "25/03/2024"]],
        [
          [387, "Total des honoraires"],
          [510, "185,00 €"],
        ],
      ]),
    );
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2024-03-15", "undersokelse", 50],
      ["2024-03-18", "ovelsesbehandling", 45],
      ["2024-03-20", "ovelsesbehandling", 45],
      ["2024-03-25", "ovelsesbehandling", 45],
    ]);
    expect([r.invoiceNumber, r.invoiceDate, r.diagnosis?.code, r.total]).toEqual(["2024-387", "2024-05-05", "M75.1", 185]);
  });

  it("does not take a price on a dates line for the session price when it does not multiply to the item's amount", () => {
    const r = extractFromPages(
      page([
        [[20, "Facture"]],
        [
          [20, "Rééducation (30 min)"],
          [446, "3 séances ×"],
          [514, "135,00 €"],
        ],
        [
          [20, "Séances des 18/03/2024, 20/03/2024, 25/03/2024"],
          [459, "40,00 €"],
        ],
        [
          [387, "Total"],
          [510, "175,00 €"],
        ],
      ]),
    );
    expect(r.lines.every((l) => l.amount !== 45)).toBe(true);
  });
});

describe("extractFromPages: authorisation proofs in running text", () => {
  it("finds the therapist after titles in pairs ('il/la Dott./Dott.ssa', 'Pan/Pani') and the number on the next line", () => {
    const it1 = extractFromPages(
      page([
        [[20, "CERTIFICATO DI ISCRIZIONE ALL'ALBO"]],
        [[20, "Si certifica che il/la Dott./Dott.ssa Chiara Colombo, nato/a a Novara il 14/12/1992, risulta"]],
        [[20, "iscritto/a all'Albo dei Fisioterapisti con il numero di iscrizione 3315 a far data dal 14/09/2021 e"]],
      ]),
    );
    expect([it1.documentType, it1.therapists]).toEqual(["authorisation", [{ name: "Chiara Colombo", authorisationNumber: "3315" }]]);
    const pl = extractFromPages(
      page([
        [[180, "ZAŚWIADCZENIE"]],
        [[180, "Krajowa Rada Fizjoterapeutów zaświadcza, że Pan/Pani Magdalena Zając posiada prawo wykonywania zawodu fizjoterapeuty nr"]],
        [
          [30, "3"],
          [180, "32618, stwierdzone uchwałą z dnia 10.03.2017 r."],
        ],
      ]),
    );
    expect(pl.therapists).toEqual([{ name: "Magdalena Zając", authorisationNumber: "32618" }]);
    const fr = extractFromPages(
      page([
        [[20, "ATTESTATION D'INSCRIPTION AU TABLEAU"]],
        [[20, "Le Président du Conseil départemental de l'Ordre des masseurs-kinésithérapeutes atteste que Camille Lefèvre, masseur-"]],
        [[20, "kinésithérapeute, est inscrit(e) au tableau de l'Ordre depuis le 1er décembre 2010 sous le numéro"]],
        [[20, "10886274905, et qu'aucune procédure disciplinaire n'est en cours."]],
      ]),
    );
    expect(fr.therapists).toEqual([{ name: "Camille Lefèvre", authorisationNumber: "10886274905" }]);
  });

  it("finds the holder without a title before the name: the name, a comma, then the birth", () => {
    const da = extractFromPages(
      page([
        [[20, "Styrelsen for Patientsikkerhed"]],
        [[20, "Autorisation som fysioterapeut"]],
        [[20, "Styrelsen for Patientsikkerhed meddeler hermed Louise Bech Nielsen, født 09-02-1987, autorisation som fysioterapeut."]],
        [[20, "Autorisations-ID: 3X8YM"]],
      ]),
    );
    expect([da.documentType, da.therapists]).toEqual(["authorisation", [{ name: "Louise Bech Nielsen", authorisationNumber: "3X8YM" }]]);
  });

  it("reads a form's numbered fields: the label after its number, the value on the line under it", () => {
    const de = extractFromPages(
      page([
        [[20, "Bezirksregierung Köln"]],
        [[20, "URKUNDE über die Erlaubnis zur Führung der Berufsbezeichnung „Physiotherapeutin“"]],
        [[20, "1. Name"]],
        [[20, "Katrin Weiß"]],
        [[20, "2. Beruf"]],
        [[20, "Physiotherapeutin"]],
        [[20, "3. Aktenzeichen"]],
        [[20, "37-2447.7-PT 833/20"]],
        [[20, "4. Datum"]],
        [[20, "20.01.2025"]],
      ]),
    );
    expect([de.documentType, de.therapists]).toEqual(["authorisation", [{ name: "Katrin Weiß", authorisationNumber: "37-2447.7-PT 833/20" }]]);
  });
});
