import { createCanvas } from "@napi-rs/canvas";
import { afterAll, describe, expect, it } from "vitest";
import { nameBox, withNordicLetters } from "~/documents/parties/nordic";
import { extractDocument, OcrPool } from "~/documents/pipeline";
import type { PageText } from "~/documents/types";

describe("Norwegian letters in a name read without a Norwegian model", () => {
  it("takes a word of the Norwegian read that differs only where a Norwegian letter stands", () => {
    expect(withNordicLetters("Hege Rosok", ["Hege", "Røsok"])).toBe("Hege Røsok");
    expect(withNordicLetters("Marit Seether", ["Paciente:", "Marit", "Sæther"])).toBe("Marit Sæther");
    expect(withNordicLetters("Svein Age Holmay", ["SVEIN", "ÅGE", "HOLMØY,"])).toBe("Svein Åge Holmøy");
    // a different name, or no Norwegian letter in the new read: the name stays as it was
    expect(withNordicLetters("Hege Rosok", ["Hege", "Rasmussen"])).toBe("Hege Rosok");
    expect(withNordicLetters("Hege Rosok", ["Hege", "Rosak"])).toBe("Hege Rosok");
  });

  it("finds the name's line on an OCR'd page read without a Norwegian model only", () => {
    const line = (words: Array<[string, number]>, y: number) => ({
      page: 1,
      text: words.map((w) => w[0]).join(" "),
      x0: 0,
      x1: 0,
      y0: y,
      y1: y + 30,
      words: words.map(([text, x]) => ({ text, x0: x, x1: x + text.length * 20, y0: y, y1: y + 30 })),
    });
    const page = (ocrLangs: string): PageText[] => [
      {
        page: 1,
        width: 2000,
        height: 3000,
        source: "ocr",
        ocrLangs,
        lines: [
          line([["FACTURA", 100]], 100),
          line(
            [
              ["Paciente:", 100],
              ["ROSOK,", 400],
              ["Hege", 560],
              ["Fecha", 700],
            ],
            200,
          ),
        ],
      },
    ];
    expect(nameBox(page("spa+eng"), "Hege Rosok")).toEqual({ page: 1, box: { x0: 400, y0: 200, x1: 640, y1: 230 } });
    expect(nameBox(page("nor+eng"), "Hege Rosok")).toBeNull();
    expect(nameBox(page("spa+eng"), "Kari Nordmann")).toBeNull();
  });
});

describe("a Spanish invoice for a Norwegian patient, end to end", () => {
  const pool = new OcrPool({ size: 1 });
  afterAll(() => pool.terminate());

  it("reads the patient's 'ø' and 'å' that the Spanish model has not", async () => {
    const c = createCanvas(1700, 1200);
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, 1700, 1200);
    g.fillStyle = "#000";
    g.font = "40px sans-serif";
    const text: Array<[string, number, number]> = [
      ["Fisioterapia Costa Blanca S.L.", 100, 120],
      ["FACTURA Nº F-2025/0123", 100, 200],
      ["Fecha: 12/03/2025", 100, 270],
      ["Paciente: Åse Røsok", 100, 340],
      ["Fecha", 100, 470],
      ["Concepto", 400, 470],
      ["Importe", 1300, 470],
      ["03/03/2025", 100, 550],
      ["Terapia manual", 400, 550],
      ["45,00 €", 1300, 550],
      ["10/03/2025", 100, 630],
      ["Terapia manual", 400, 630],
      ["45,00 €", 1300, 630],
      ["TOTAL", 900, 760],
      ["90,00 €", 1300, 760],
    ];
    for (const [t, x, y] of text) g.fillText(t, x, y);
    const r = await extractDocument(new Uint8Array(c.toBuffer("image/png")), { ocr: pool });
    expect(r.language).toBe("es");
    expect(r.patientName).toBe("Åse Røsok");
    expect(r.lines.map((l) => [l.date, l.treatmentForm, l.amount])).toEqual([
      ["2025-03-03", "manuellterapi", 45],
      ["2025-03-10", "manuellterapi", 45],
    ]);
  }, 60_000);
});
