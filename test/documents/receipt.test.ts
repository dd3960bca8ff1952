import { describe, expect, it } from "vitest";
import { NB_RECEIPT_WORDS, NB_SERVICE_WORDS } from "~/documents/lexicon/nb-services";
import { readReceipt } from "~/documents/pipeline";
import { readEgenandelReceipt, serviceTypeOf } from "~/documents/receipt";
import { extractFromPages } from "~/documents/extract";
import type { PageText } from "~/documents/types";
import { NORWEGIAN_RECEIPT, receiptPdf } from "../support/receipt-pdf";

/** Positioned lines as a text layer gives them: one word box per word, 10-unit letters. */
function pagesOf(lines: Array<[number, number, string]>): PageText[] {
  return [
    {
      page: 1,
      width: 595,
      height: 842,
      source: "text-layer",
      lines: lines.map(([x, y, text]) => {
        let at = x;
        const words = text.split(" ").map((w) => {
          const word = { text: w, x0: at, y0: y, x1: at + w.length * 5, y1: y + 10 };
          at = word.x1 + 3;
          return word;
        });
        return { page: 1, words, text, x0: x, y0: y, x1: at, y1: y + 10 };
      }),
    },
  ];
}
const read = (lines: Array<[number, number, string]>) => {
  const pages = pagesOf(lines);
  return readEgenandelReceipt(extractFromPages(pages), pages);
};

describe("the organisation number's labels (lexicon/nb-services.ts), each", () => {
  it.each(NB_RECEIPT_WORDS.orgnrLabels.map((l) => [l]))("%j", (label) => {
    const lines = (l: string): Array<[number, number, string]> => [
      [40, 40, "Fjordbyen Fysioterapi AS"],
      [40, 60, `${l.length <= 2 ? l.toUpperCase() : l.charAt(0).toUpperCase() + l.slice(1)}: 987 654 325`],
      [40, 80, "Behandlingsdato 12.10.2026"],
      [40, 100, "Egenandel kr 350,00"],
    ];
    expect(read(lines(label)).providerOrgnr).toBe("987654325");
    // the same digits without the label, or after another word ending so ("Telefonnr"), are no organisation number
    expect(read(lines("Telefon")).providerOrgnr).toBeNull();
  });
});

describe("issue 21 item 5: a Norwegian egenandel receipt prefills the missing-egenandel report", () => {
  it("a born-digital receipt: provider, organisation number, the treatment's date (not the receipt's), service and amount", async () => {
    const r = await readReceipt(await receiptPdf(NORWEGIAN_RECEIPT));
    expect(r).toEqual({
      providerName: "Fjordbyen Fysioterapi AS",
      providerOrgnr: "987654325",
      serviceDate: "2026-10-12",
      serviceType: "fysioterapi",
      amountOre: 33_600,
    });
  });

  it("without a treatment date label the receipt's date is the service date; the amount on the total row", () => {
    const r = read([
      [50, 60, "Legesenteret Sentrum"],
      [50, 80, "Dato 03.11.2026"],
      [50, 120, "Konsultasjon fastlege"],
      [50, 140, "Totalt"],
      [400, 140, "kr 175,-"],
    ]);
    expect(r.serviceDate).toBe("2026-11-03");
    expect(r.serviceType).toBe("lege");
    expect(r.amountOre).toBe(17_500);
  });

  it("an organisation number whose control digit is wrong is not used (it may be a phone number or an account)", () => {
    const r = read([...NORWEGIAN_RECEIPT.filter(([, , t]) => !t.startsWith("Org")), [50, 88, "Org.nr. 987 654 322"]]);
    expect(r.providerOrgnr).toBeNull();
  });

  it("a receipt in another currency gives no amount (an egenandel is paid in kroner)", () => {
    const r = read([
      [50, 60, "Clínica Fisio Sol"],
      [50, 80, "Fecha 03/11/2026"],
      [50, 120, "Fisioterapia"],
      [50, 140, "Total"],
      [400, 140, "45,00 €"],
    ]);
    expect(r.amountOre).toBeNull();
  });

  it("a page with nothing of a receipt gives nulls, not guesses", () => {
    expect(read([[50, 60, "Hei, dette er et brev"]])).toEqual({ providerName: null, providerOrgnr: null, serviceDate: null, serviceType: null, amountOre: null });
  });

  describe("every service word names its service type", () => {
    for (const [type, words] of NB_SERVICE_WORDS) {
      for (const w of words) {
        const sample = w.endsWith("*") ? `${w.slice(0, -1)}en` : w;
        it(`${sample} → ${type}`, () => expect(serviceTypeOf(`Kvittering for ${sample}`)).toBe(type));
      }
    }
    it("a word inside another word does not count (legemidler is not a doctor)", () => expect(serviceTypeOf("Apotek: legemidler")).toBe("legemidler"));
    it("no service word: null", () => expect(serviceTypeOf("Kvittering 300 kr")).toBeNull());
  });
});
