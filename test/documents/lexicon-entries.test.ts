/**
 * Every entry of every word list in app/documents/lexicon/ does what it is there for, one named test per entry (issue 21 item
 * 3): a wrong or removed word fails a test that names its language and the word.
 */
import { describe, expect, it } from "vitest";
import { extractFromPages } from "~/documents/extract";
import { currenciesOnPage, resolveCurrency } from "~/documents/fields/currency";
import { readBirthDate } from "~/documents/fields/birth-date";
import { readDiagnosis } from "~/documents/fields/diagnosis";
import { detectDocType } from "~/documents/fields/doc-type";
import { readInvoiceDate } from "~/documents/fields/invoice-date";
import { readInvoiceNumber } from "~/documents/fields/invoice-number";
import { extractPeriod } from "~/documents/fields/period";
import { findHeader } from "~/documents/layout/header";
import { toRows, type Row } from "~/documents/layout/rows";
import { findAmounts } from "~/documents/layout/tokens";
import { classifyTreatment, LEXICONS, type Lexicon } from "~/documents/lexicon";
import { CURRENCY_NAMES, CURRENCY_SIGNS, DOLLAR_PREFIXES, ISO_CURRENCIES, KRONE_BY_COUNTRY, KRONE_BY_LANGUAGE } from "~/documents/lexicon/currencies";
import { DATE_LIST_LABEL, minutesIn, SESSION_HEADING, WEEKDAY_RE } from "~/documents/lines/below";
import { detectCountry } from "~/documents/fields/country";
import { extractIssuer } from "~/documents/parties/issuer";
import { readPatientName } from "~/documents/parties/patient";
import { extractProvider } from "~/documents/parties/provider";
import { extractTherapists } from "~/documents/parties/therapists";
import { fold, findDates, monthFromName } from "~/documents/parse";
import { readPaymentEvidence, readPaymentProof } from "~/documents/payment-proof";
import type { PageText, Word } from "~/documents/types";

/** Every (language, word) of one list. */
const entries = (pick: (l: Lexicon) => readonly string[]) => LEXICONS.flatMap((l) => pick(l).map((w) => [l.code, w] as const));

/** A page of lines: each line is cells [x, text] (words 6 units a letter, 4 apart), lines 18 apart. */
function page(lines: Array<Array<[number, string]>>): PageText[] {
  return [
    {
      page: 1,
      width: 600,
      height: 900,
      source: "text-layer",
      lines: lines.map((cells, i) => {
        const y = 40 + i * 18;
        const words: Word[] = [];
        for (const [x, text] of cells) {
          let cx = x;
          for (const t of text.split(" ")) {
            words.push({ text: t, x0: cx, x1: cx + t.length * 6, y0: y, y1: y + 10 });
            cx += t.length * 6 + 4;
          }
        }
        return { page: 1, words, text: words.map((w) => w.text).join(" "), x0: words[0]!.x0, x1: words[words.length - 1]!.x1, y0: y, y1: y + 10 };
      }),
    },
  ];
}
const rowsOf = (lines: Array<Array<[number, string]>>): Row[] => toRows(page(lines));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

describe("no list names a word twice", () => {
  const lists = (l: Lexicon): Array<[string, readonly string[]]> => [
    ...Object.entries(l.forms).map(([k, v]): [string, readonly string[]] => [`forms.${k}`, v ?? []]),
    ...Object.entries(l.labels).map(([k, v]): [string, readonly string[]] => [`labels.${k}`, v]),
    ...Object.entries(l.columns).map(([k, v]): [string, readonly string[]] => [`columns.${k}`, v]),
    ...Object.entries(l.calendar)
      .filter(([k]) => k !== "months" && k !== "monthVariants")
      .map(([k, v]): [string, readonly string[]] => [`calendar.${k}`, v as string[]]),
    ...Object.entries(l.table)
      .filter(([k]) => k !== "headerRow")
      .map(([k, v]): [string, readonly string[]] => [`table.${k}`, v as string[]]),
    ...Object.entries(l.fields).map(([k, v]): [string, readonly string[]] => [`fields.${k}`, v]),
    ...Object.entries(l.payment).map(([k, v]): [string, readonly string[]] => [`payment.${k}`, v]),
  ];
  it.each(LEXICONS.flatMap((l) => lists(l).map(([name, ws]) => [l.code, name, ws] as const)))("%s: %s", (_lang, _name, ws) => {
    expect(ws.filter((w, i) => ws.indexOf(w) !== i)).toEqual([]);
  });
});

describe("treatment forms: every word classifies to its form", () => {
  const formEntries = LEXICONS.flatMap((l) => Object.entries(l.forms).flatMap(([form, ws]) => (ws ?? []).map((w) => [l.code, w, form] as const)));
  it.each(formEntries)("%s: %j is %s", (_lang, word, form) => {
    expect(classifyTreatment(word)).toBe(form);
    // as a clinic prints it: capitals, with the minutes after it
    expect(classifyTreatment(fold(`${word.toUpperCase()} (30 min)`))).toBe(form);
  });
  it.each([
    // the phone photo of issue 21 (documents-more doc-001): manual treatment by mobilisation is manual therapy, not exercise
    ["Manuell behandling (mobilisering)", "manuellterapi"],
    ["MANUELL BEHANDLING (MOBILISERING) 30 min", "manuellterapi"],
    // the mobilisation of a joint, as Swedish and Norwegian clinics write it in one word
    ["Ledmobilisering", "manuellterapi"],
    ["Leddmobilisering, nakke", "manuellterapi"],
  ])("%j → %s", (description, form) => expect(classifyTreatment(fold(description))).toBe(form));
});

describe("months: every name and its abbreviations read as that month", () => {
  const names = LEXICONS.flatMap((l) => l.calendar.months.flatMap((list) => list.map((m, i) => [l.code, m, i + 1] as const)));
  it("every list has twelve months", () => {
    for (const l of LEXICONS) for (const list of l.calendar.months) expect(list).toHaveLength(12);
  });
  it.each(names)("%s: %j is month %i", (_lang, name, month) => {
    const mm = String(month).padStart(2, "0");
    expect(monthFromName(name)).toBe(month);
    expect(findDates(`3 ${cap(name)} 2025`)[0]?.iso).toBe(`2025-${mm}-03`);
    expect(findDates(`${name.toUpperCase()} 3, 2025`)[0]?.iso).toBe(`2025-${mm}-03`);
  });
  it.each(names)("%s: %j's first three and four letters are its abbreviation unless another month shares them", (_lang, name, month) => {
    for (const n of [3, 4]) {
      const a = name.slice(0, n);
      if (a.length !== n) continue;
      // an abbreviation two months share ("jui": juin, juillet) is no month; any other is its month's
      const shared = names.some(([, other, m]) => m !== month && other.slice(0, n) === a);
      expect(monthFromName(`${a}.`)).toBe(shared ? null : month);
    }
  });
  it("reads no month from an abbreviation two months share", () => {
    expect(monthFromName("jui")).toBeNull();
    expect(monthFromName("juil.")).toBe(7);
    expect(findDates("3 jui 2025")).toEqual([]);
  });
  it.each(LEXICONS.flatMap((l) => l.calendar.monthVariants.map(([w, m]) => [l.code, w, m] as const)))("%s: %j is month %i", (_lang, word, month) => {
    expect(monthFromName(word)).toBe(month);
  });
});

/** An invoice whose one item takes its date from the heading above it. */
const headedInvoice = (heading: string) =>
  extractFromPages(
    page([
      [[40, "Faktura 48213"]],
      [[40, heading]],
      [
        [60, "Krankengymnastik 45 min"],
        [400, "54,00 €"],
      ],
      [
        [60, "Total"],
        [400, "54,00 €"],
      ],
    ]),
  ).lines.map((l) => l.date);

describe("weekdays: a day heading dates the lines under it", () => {
  it.each(entries((l) => l.calendar.weekdays))("%s: %j", (_lang, day) => {
    expect(WEEKDAY_RE.test(day)).toBe(true);
    expect(headedInvoice(`${cap(day)}, 03.03.2025`)).toEqual(["2025-03-03"]);
  });
  it.each(entries((l) => l.calendar.weekdayAbbreviations))("%s: %j (short)", (_lang, day) => {
    expect(headedInvoice(`${cap(day)} 03.03.2025`)).toEqual(["2025-03-03"]);
  });
  it("(a heading of another word does not date them)", () => {
    expect(WEEKDAY_RE.test("fysioterapi")).toBe(false);
    expect(headedInvoice("Fysioterapi, 03.03.2025")).toEqual([]);
  });
});

describe("session headings: a session's heading dates the lines under it", () => {
  it.each(entries((l) => [...l.table.sessionWords, ...l.table.dayWords]))("%s: %j (table reader)", (_lang, word) => {
    expect(headedInvoice(`${cap(word)} 03.03.2025`)).toEqual(["2025-03-03"]);
  });
  it.each(entries((l) => l.table.sessionWords))("%s: %j (older reader)", (_lang, word) => {
    expect(SESSION_HEADING.test(word)).toBe(true);
    expect(headedInvoice(`${cap(word)} 03.03.2025`)).toEqual(["2025-03-03"]);
  });
  it.each(entries((l) => l.table.sessionHeadingLinks))("%s: %j after a session word", (_lang, link) => {
    expect(SESSION_HEADING.test(`sesion${link}`)).toBe(true);
  });
  it.each(entries((l) => l.table.headingSmallWords))("%s: %j between a heading's words", (_lang, small) => {
    expect(headedInvoice(`Session ${small} visit 03.03.2025`)).toEqual(["2025-03-03"]);
  });
});

describe("date lists: a label before session dates gives one line per date", () => {
  const listed = (label: string) =>
    extractFromPages(
      page([
        [[40, "Faktura 48213"]],
        [
          [60, "Krankengymnastik 3 x 30,00 €"],
          [400, "90,00 €"],
        ],
        [[60, `${label} 03.03.2025, 05.03.2025, 07.03.2025`]],
        [
          [60, "Total"],
          [400, "90,00 €"],
        ],
      ]),
    ).lines.map((l) => [l.date, l.amount]);
  const three = [
    ["2025-03-03", 30],
    ["2025-03-05", 30],
    ["2025-03-07", 30],
  ];
  it.each(entries((l) => l.table.dateListWords))("%s: %j", (_lang, word) => {
    expect(DATE_LIST_LABEL.test(word)).toBe(true);
    expect(listed(`${cap(word)}:`)).toEqual(three);
  });
  it("(another word before the dates gives one line)", () => {
    expect(listed("Fysioterapi:")).toEqual([]);
  });
  it.each(entries((l) => l.table.dateListLinks))("%s: %j after a list label", (_lang, link) => {
    expect(DATE_LIST_LABEL.test(`fechas${link}`)).toBe(true);
  });
});

describe("period ranges: the words between a period's two dates", () => {
  it.each(entries((l) => l.calendar.rangeWords))("%s: %j on one row", (_lang, word) => {
    expect(extractPeriod(rowsOf([[[40, `01.03.2025 ${word} 05.04.2025`]]]), "")).toEqual({ from: "2025-03-01", to: "2025-04-05" });
  });
  it.each(entries((l) => [...l.calendar.rangeWords, ...l.calendar.proseRangeWords]))("%s: %j in a sentence", (_lang, word) => {
    const rows = rowsOf([[[40, "Treated from 01.03.2025"]], [[40, `${word} 05.04.2025 in twelve sessions.`]]]);
    expect(extractPeriod(rows, "")).toEqual({ from: "2025-03-01", to: "2025-04-05" });
  });
});

describe("quantities: a number before a count's or a minute's unit is no amount", () => {
  it.each(entries((l) => [...l.table.countUnits, ...l.calendar.minuteUnits.filter((u) => u.length >= 3)]))("%s: %j", (_lang, unit) => {
    // words 6 units a letter, 4 apart (a space, not a column's gap)
    const words = (text: string): Word[] => {
      let x = 0;
      return text.split(" ").map((t) => {
        const w = { text: t, x0: x, x1: x + t.length * 6, y0: 0, y1: 10 };
        x = w.x1 + 4;
        return w;
      });
    };
    expect(findAmounts(words(`Behandling 12 ${unit} 450,00`), "comma-decimal").map((a) => a.value)).toEqual([450]);
    expect(findAmounts(words(`Behandling 12,50 ${unit}`), "comma-decimal")).toEqual([]);
  });
});

describe("diagnosis codes: the classification's name before a code after the diagnosis's words", () => {
  it.each(entries((l) => l.fields.codeSystems))("%s: %j", (_lang, system) => {
    const rows = rowsOf([[[40, `Diagnosis: Ankle sprain ${system.toUpperCase()}-10 S93.4`]]]);
    expect(readDiagnosis(rows)).toEqual({ code: "S93.4", text: "Ankle sprain" });
    expect(readDiagnosis(rowsOf([[[40, `Diagnosis: Ankle sprain (${system.toUpperCase()}-10: S93.4)`]]]))?.code).toBe("S93.4");
  });
});

describe("minutes: every unit after a session's minutes", () => {
  it.each(entries((l) => l.calendar.minuteUnits))("%s: %j", (_lang, unit) => {
    expect(minutesIn(`Behandling 45 ${unit}`, false)).toBe(45);
    expect(minutesIn(`Behandling (30 ${unit}.)`, false)).toBe(30);
  });
  it("reads Norwegian and Danish minutes written out (they were not read before)", () => {
    expect(minutesIn("Fysioterapi 45 minutter", false)).toBe(45);
  });
});

describe("carried-forward rows are no items", () => {
  /** Three items with a sum carried between them, and the total: what the table reader makes of it. */
  const carried = (word: string) => {
    const read = extractFromPages(
      page([
        [[40, "Faktura 48213"]],
        [
          [40, "Datum"],
          [120, "Leistung"],
          [400, "Betrag"],
        ],
        [
          [40, "03.03.2025"],
          [120, "Krankengymnastik"],
          [400, "50,00 €"],
        ],
        [
          [40, "05.03.2025"],
          [120, "Krankengymnastik"],
          [400, "50,00 €"],
        ],
        [
          [120, cap(word)],
          [400, "100,00 €"],
        ],
        [
          [40, "07.03.2025"],
          [120, "Krankengymnastik"],
          [400, "30,00 €"],
        ],
        [
          [120, "Total"],
          [400, "130,00 €"],
        ],
      ]),
    );
    return { amounts: read.lines.map((l) => l.amount), from: read.checks.linesFrom };
  };
  it.each(entries((l) => l.table.carriedForward))("%s: %j", (_lang, word) => {
    expect(carried(word)).toEqual({ amounts: [50, 50, 30], from: "table" });
  });
  it("(a row of another word is read as part of the table)", () => {
    expect(carried("Zwischentext").from).not.toBe("table");
  });
});

describe("header row words name a table's columns", () => {
  const header = (a: string, b: string) =>
    findHeader(
      rowsOf([
        [
          [40, a],
          [300, b],
        ],
        [[40, "Text"]],
      ]),
    )?.rowIndex ?? null;
  it.each(entries((l) => l.table.headerRow.date))("%s: %j is a date column", (_lang, w) => expect(header(cap(w), "Amount")).toBe(0));
  it.each(entries((l) => l.table.headerRow.description))("%s: %j is a description column", (_lang, w) => expect(header(cap(w), "Amount")).toBe(0));
  it.each(entries((l) => l.table.headerRow.amount))("%s: %j is an amount column", (_lang, w) => expect(header("Date", cap(w))).toBe(0));
});

describe("invoice dates: every label is the invoice date's, and a due or other date is not", () => {
  /** Each language's shortest invoice-date label ("dato", "date", "fecha"). */
  const bare = (l: Lexicon) => [...l.labels.invoiceDate].sort((a, b) => a.length - b.length)[0]!;
  it.each(LEXICONS.flatMap((l) => l.labels.invoiceDate.map((w) => [l.code, w, bare(l)] as const)))("%s: %j", (_lang, label, generic) => {
    const rows = rowsOf([[[40, `${cap(generic)} (due): 20.03.2024`]], [[40, `${cap(label)}: 05.03.2024`]]]);
    expect(readInvoiceDate(rows, -1)).toBe("2024-03-05");
  });
  it.each(LEXICONS.flatMap((l) => l.fields.notInvoiceDate.map((w) => [l.code, w, bare(l)] as const)))("%s: %j names another date", (_lang, word, generic) => {
    const rows = rowsOf([[[40, `${cap(generic)} (${word}): 20.03.2024`]], [[40, `${cap(generic)}: 05.03.2024`]]]);
    expect(readInvoiceDate(rows, -1)).toBe("2024-03-05");
  });
});

describe("invoice numbers: the number words and the titles a number stands with", () => {
  it.each(entries((l) => l.fields.numberWords))("%s: %j", (_lang, word) => {
    expect(readInvoiceNumber(rowsOf([[[40, `${cap(word)}: 48213`]]])).invoiceNumber).toBe("48213");
  });
  it.each(entries((l) => l.fields.invoiceTitles))("%s: %j", (_lang, title) => {
    expect(readInvoiceNumber(rowsOf([[[40, `${title.toUpperCase()} 48213`]]])).invoiceNumber).toBe("48213");
    expect(readInvoiceNumber(rowsOf([[[40, title.toUpperCase()]], [[40, "2024-0017"]]])).invoiceNumber).toBe("2024-0017");
  });
});

describe("titles, letters and clinics", () => {
  it.each(entries((l) => l.fields.invoiceCompounds))("%s: %j ends a compound invoice title that carries the number", (_lang, end) => {
    expect(detectDocType(fold(`Privat${end}`), false)).toBe("invoice");
    expect(readInvoiceNumber(rowsOf([[[40, `Privat${end} Nr. 48213`]]])).invoiceNumber).toBe("48213");
  });
  it.each(entries((l) => l.fields.placeDateWords))("%s: %j between a letter's place and its date", (_lang, w) => {
    expect(readInvoiceDate(rowsOf([[[40, `Bergen, ${w} 05.03.2024`]]]), -1)).toBe("2024-03-05");
  });
  it("(another word there is no letter's date)", () => {
    expect(readInvoiceDate(rowsOf([[[40, "Bergen, paid 05.03.2024"]]]), -1)).toBeNull();
  });
  it.each(entries((l) => l.fields.clinicWords))("%s: %j names a clinic at the top of the page", (_lang, stem) => {
    expect(extractProvider(rowsOf([[[40, `Nord${stem}en Vest`]]]))).toBe(`Nord${stem}en Vest`);
  });
  it.each(entries((l) => l.fields.nameJoiners))("%s: %j joins two therapists' names", (_lang, w) => {
    const names = extractTherapists(rowsOf([[[40, `Terapeut: Ana Ruiz ${w} Marta Gil`]]]), "", "", "invoice").map((t) => t.name);
    expect(names).toEqual(["Ana Ruiz", "Marta Gil"]);
  });
});

describe("birth markers in running text", () => {
  const born = (text: string) => readBirthDate([], text, fold(text));
  it.each(entries((l) => l.fields.bornMarkers))("%s: %j before a date makes it the birth date", (_lang, marker) => {
    expect(born(`Terje Vestbø, ${cap(marker)} 12.03.1961, Storgata 12`)).toBe("1961-03-12");
  });
  it("(another word before a date does not)", () => expect(born("Terje Vestbø, tlf 12.03.1961, Storgata 12")).toBeNull());
});

describe("name fields and addresses", () => {
  it.each(entries((l) => l.fields.personName))("%s: %j labels an authorisation's name", (_lang, label) => {
    const rows = rowsOf([[[40, `${cap(label)}: Elin Håkansson`]]]);
    expect(extractTherapists(rows, "", "", "authorisation")[0]?.name).toBe("Elin Håkansson");
  });
  it.each(entries((l) => l.fields.norway))("%s: %j ends a Norwegian patient's address", (_lang, word) => {
    const rows = rowsOf([[[300, "Terje Vestbø"]], [[300, "Storgata 12"]], [[300, "0155 Oslo"]], [[300, word.toUpperCase()]]]);
    expect(readPatientName(rows)).toBe("Terje Vestbø");
  });
});

describe("names: what ends a name, a title before it, the small words in it", () => {
  const patientOf = (value: string) => readPatientName(rowsOf([[[40, `Patient: ${value}`]]]));
  const grantedTo = (sentence: string) => extractTherapists(rowsOf([[[40, sentence]]]), sentence, fold(sentence), "authorisation")[0]?.name ?? null;
  it.each(entries((l) => l.fields.afterName))("%s: %j after the patient's name ends it", (_lang, word) => {
    expect(patientOf(`Terje Vestbø, ${word} 12.03.1961`)).toBe("Terje Vestbø");
  });
  it.each(entries((l) => l.fields.afterName))("%s: %j after a name in an authorisation's sentence ends it", (_lang, word) => {
    expect(grantedTo(`Hiermit wird Frau Anna Berg, ${word} 12.03.1980, die Erlaubnis erteilt.`)).toBe("Anna Berg");
  });
  it("(another word after the name does not end it)", () => {
    expect(patientOf("Terje Vestbø, tlf 12.03.1961")).toBeNull();
    expect(grantedTo("Hiermit wird Frau Anna Berg, tlf 12.03.1980, die Erlaubnis erteilt.")).toBeNull();
  });
  it.each(entries((l) => l.fields.afterName))("%s: %j as printed, with its letters and in capitals", (_lang, word) => {
    const printed = word.replace("fod", "fød").replace(/^ne/, "né").toUpperCase();
    expect(patientOf(`Terje Vestbø, ${printed} 12.03.1961`)).toBe("Terje Vestbø");
  });
  it.each(entries((l) => l.fields.titles))("%s: %j before a name is no part of it", (_lang, title) => {
    expect(patientOf(`${cap(title)} Ana Ruiz`)).toBe("Ana Ruiz");
    expect(patientOf(`${title.toUpperCase()} Ana Ruiz`)).toBe("Ana Ruiz");
    expect(grantedTo(`Se certifica que ${cap(title)} Ana Ruiz Gil, con DNI 12345678Z, está colegiada.`)).toBe("Ana Ruiz Gil");
  });
  it("(another word before a name is read as part of it)", () => expect(patientOf("Xy. Ana Ruiz")).toBe("Xy. Ana Ruiz"));
  it.each(entries((l) => l.fields.nameParticles))("%s: %j in lower case inside a name", (_lang, particle) => {
    expect(patientOf(`Ana ${particle} Ruiz`)).toBe(`Ana ${particle} Ruiz`);
  });
  it("(another lower-case word makes it no name)", () => expect(patientOf("Ana xyz Ruiz")).toBeNull());
});

describe("authorisations: the sentence that names the therapist, the number, the authority", () => {
  const therapist = (lines: string[]) => {
    const rows = rowsOf(lines.map((t) => [[40, t]]));
    const text = lines.join("\n");
    return extractTherapists(rows, text, fold(text), "authorisation")[0] ?? null;
  };
  it.each(entries((l) => l.fields.thatBeforeName))("%s: %j before the name", (_lang, w) => {
    expect(therapist([`We hereby certify ${w} Ana Ruiz Gil is registered.`])?.name).toBe("Ana Ruiz Gil");
    expect(therapist([`${cap(w)} Ana Ruiz Gil is registered.`])?.name).toBe("Ana Ruiz Gil");
  });
  it.each(entries((l) => l.fields.grantedTo))("%s: %j before the name", (_lang, w) => {
    expect(therapist([`Autorisasjon er ${w} Ana Ruiz Gil som fysioterapeut.`])?.name).toBe("Ana Ruiz Gil");
  });
  it("(another word before the name names no one)", () => {
    expect(therapist(["We hereby certify whether Ana Ruiz Gil is registered."])).toBeNull();
    expect(therapist(["Autorisasjon er xyz Ana Ruiz Gil som fysioterapeut."])).toBeNull();
  });
  it.each(entries((l) => l.fields.authNumberWords))("%s: %j between the number's label and the number", (_lang, w) => {
    expect(therapist(["Name: Ana Ruiz", `HPR ${w} 8458090`])).toEqual({ name: "Ana Ruiz", authorisationNumber: "8458090" });
  });
  it("(another word there is read with the number)", () => {
    expect(therapist(["Name: Ana Ruiz", "HPR xyz 8458090"])?.authorisationNumber).not.toBe("8458090");
  });
  it.each(entries((l) => l.fields.memberNumberLabels))("%s: %j before a short number", (_lang, w) => {
    expect(therapist(["Nombre: Ana Ruiz", `${cap(w)} 27`])).toEqual({ name: "Ana Ruiz", authorisationNumber: "27" });
  });
  it("(another word before a short number is no number)", () => {
    expect(therapist(["Nombre: Ana Ruiz", "Xyz 27"])?.authorisationNumber).toBeNull();
  });
  it.each(entries((l) => l.fields.authorityStarts))("%s: %j starts the authority's name", (_lang, w) => {
    expect(extractIssuer(rowsOf([[[40, `Anexo ${cap(w)} · HCPC`]]]))).toBe(cap(w));
  });
  it("(another word starts nothing)", () => expect(extractIssuer(rowsOf([[[40, "Anexo Xyz · HCPC"]]]))).toBe("Anexo Xyz"));
  // (the dash glued to the title: a dash standing alone is dropped as a scan's noise, and the cell splits there)
  it.each(entries((l) => l.fields.authorisationTitles))("%s: %j with a dash before the authority is left out", (_lang, w) => {
    expect(extractIssuer(rowsOf([[[40, `${w.toUpperCase()}- Landesamt für Gesundheit`]]]))).toBe("Landesamt für Gesundheit");
  });
  it("(another title stays)", () => {
    expect(extractIssuer(rowsOf([[[40, "XYZ- Landesamt für Gesundheit"]]]))).toBe("XYZ- Landesamt für Gesundheit");
  });
  it.each(entries((l) => l.fields.authorityLowerCase))("%s: %j stays in lower case in an authority printed in capitals", (_lang, w) => {
    expect(extractIssuer(rowsOf([[[40, `HELSEDIREKTORATET ${w.toUpperCase()} NORGE`]]]))).toBe(`Helsedirektoratet ${w} Norge`);
  });
  it("(another word is capitalised)", () => {
    expect(extractIssuer(rowsOf([[[40, "HELSEDIREKTORATET XYZ NORGE"]]]))).toBe("Helsedirektoratet Xyz Norge");
  });
});

describe("a report's title before the clinic's name", () => {
  it.each(entries((l) => l.fields.reportTitles))("%s: %j is no part of the clinic's name", (_lang, w) => {
    expect(extractProvider(rowsOf([[[40, `${cap(w)} Fisioterapia Sol`]]]))).toBe("Fisioterapia Sol");
    expect(extractProvider(rowsOf([[[40, `${w.toUpperCase()} Fisioterapia Sol`]]]))).toBe("Fisioterapia Sol");
  });
  it("(another word is)", () => expect(extractProvider(rowsOf([[[40, "Informe Fisioterapia Sol"]]]))).toBe("Informe Fisioterapia Sol"));
});

describe("a country's marks: its tax ids, registers and authorities", () => {
  const country = (text: string, docType = "invoice") => detectCountry(text, fold(text), null, docType);
  const home: Record<string, string> = { nb: "NO", sv: "SE", da: "DK", en: "GB", de: "DE", es: "ES", pl: "PL", fr: "FR", it: "IT" };
  it.each(entries((l) => l.fields.countryMarks))("%s: %j", (lang, w) => {
    expect(country(`${w.toUpperCase()}: 12345678`)).toBe(home[lang]);
  });
  it.each(entries((l) => l.fields.authorityCountryMarks))("%s: %j on an authorisation", (lang, w) => {
    expect(country(`${cap(w)} 12345`, "authorisation")).toBe(home[lang]);
    expect(country(`${cap(w)} 12345`, "invoice")).toBeNull();
  });
  it("(another word shows no country)", () => expect(country("XYZ: 12345678")).toBeNull());
});

describe("proof of payment: every word", () => {
  const kinds = (text: string) => readPaymentEvidence(text).map((e) => e.kind);
  it.each(entries((l) => l.payment.card))("%s: %j with an approval is a card slip", (_lang, w) =>
    expect(kinds(`${w.toUpperCase()} ****1234 APPROVED 120,00 EUR`)).toContain("card-slip"),
  );
  it.each(entries((l) => l.payment.approved))("%s: %j on a card payment is a card slip", (_lang, w) =>
    expect(kinds(`VISA ****1234 ${w.toUpperCase()} 120,00 EUR`)).toContain("card-slip"),
  );
  it.each(entries((l) => l.payment.transfer))("%s: %j with an IBAN is a bank transfer", (_lang, w) =>
    expect(kinds(`${w} ES91 2100 0418 4502 0005 1332 120,00 EUR`)).toContain("bank-transfer"),
  );
  it.each(entries((l) => l.payment.account))("%s: %j with a transfer word is a bank transfer", (_lang, w) => {
    expect(kinds(`Transfer to ${w} 4711 120,00 EUR`)).toContain("bank-transfer");
  });
  it("(another word with a transfer word is none)", () => expect(kinds("Transfer to xyz 4711 120,00 EUR")).not.toContain("bank-transfer"));
  it.each(entries((l) => l.payment.statement))("%s: %j titles a bank statement", (_lang, w) =>
    expect(kinds(`${w.toUpperCase()}\n01.03.2025 Fisio 120,00`)).toContain("bank-transfer"),
  );
  it.each(entries((l) => l.payment.paid))("%s: %j says the invoice is paid", (_lang, w) => expect(kinds(`Total 120,00 EUR ${w.toUpperCase()}`)).toContain("paid-on-invoice"));
  it.each(entries((l) => l.payment.negation))("%s: %j before paid says it is not", (_lang, w) => {
    const paid = LEXICONS.find((l) => l.payment.negation.includes(w))!.payment.paid[0] ?? "paid";
    expect(kinds(`Total 120,00 EUR ${w} ${paid}`)).not.toContain("paid-on-invoice");
  });
  it.each(entries((l) => l.payment.notPayment))("%s: %j is a balance, not a payment", (_lang, w) => {
    const read = readPaymentProof(
      page([
        [[40, "Overføring 01.03.2025 Fisioterapia 120,00 EUR"]],
        [
          [40, cap(w)],
          [300, "4 567,89 EUR"],
        ],
      ]),
      { language: null, country: null, currency: "EUR" },
    );
    expect(read.payments.map((p) => p.amount)).toEqual([120]);
  });
});

describe("currencies: only what the page prints", () => {
  /** What the extractor makes of an invoice whose item and total print `amount`. */
  const currencyOf = (amount: string, ...more: string[]) =>
    extractFromPages(
      page([
        [[40, "Faktura 48213"]],
        ...more.map((t): Array<[number, string]> => [[40, t]]),
        [
          [60, "Fysioterapi 45 min"],
          [400, amount],
        ],
        [
          [60, "Total"],
          [400, amount],
        ],
      ]),
    ).currency;
  it.each(ISO_CURRENCIES.map((c) => [c]))("%s beside an amount", (code) => {
    expect(currenciesOnPage(`Total 120,00 ${code}`)).toEqual([code]);
    expect(currencyOf(`120,00 ${code}`)).toBe(code);
    expect(currencyOf(`${code} 120,00`)).toBe(code);
  });
  it.each(ISO_CURRENCIES.map((c) => [c]))("%s in lower case or inside a word is no currency", (code) => {
    expect(currenciesOnPage(`Total 120,00 ${code.toLowerCase()} ${code}X`)).toEqual([]);
  });
  it.each(Object.entries(CURRENCY_SIGNS).filter(([sign]) => sign !== "kr" && sign !== "rm"))("%s beside an amount is %s", (sign, code) => {
    const printed = sign === "kč" || sign === "ft" ? cap(sign) : sign;
    expect(currenciesOnPage(`Total 120,00 ${printed}`)).toEqual([code]);
    expect(currencyOf(`120,00 ${printed}`)).toBe(code);
  });
  it("RM before an amount is the ringgit", () => {
    expect(currenciesOnPage("Jumlah RM 12.50")).toEqual(["MYR"]);
    expect(currencyOf("RM 12.50")).toBe("MYR");
  });
  it.each(Object.entries(DOLLAR_PREFIXES))("%s$ is %s", (prefix, code) => {
    expect(currenciesOnPage(`Total ${prefix}$120.00`)).toEqual([code]);
    expect(currencyOf(`${prefix}$120.00`)).toBe(code);
  });
  it("$ alone is the US dollar, unless the page names another dollar", () => {
    expect(currencyOf("$120.00")).toBe("USD");
    expect(currencyOf("$120.00", "All amounts in CAD")).toBe("CAD");
  });
  it.each(Object.entries(CURRENCY_NAMES))("the word %j is %s", (name, code) => {
    expect(currenciesOnPage(`Importe en ${name}`)).toEqual([code]);
    expect(currenciesOnPage(`Importe en ${name.toUpperCase()}`)).toEqual([code]);
  });
  it.each(Object.entries(KRONE_BY_COUNTRY))("kr on a page from %s is %s", (country, code) => {
    expect(resolveCurrency(new Map([["kr", 1]]), country, "en")).toBe(code);
  });
  it.each(Object.entries(KRONE_BY_LANGUAGE))("kr on a page in %s is %s", (lang, code) => expect(resolveCurrency(new Map([["kr", 1]]), null, lang)).toBe(code));
  it("kr with no country or Nordic language shown is unknown: null, never a guess", () => {
    expect(resolveCurrency(new Map([["kr", 1]]), null, "en")).toBeNull();
    expect(resolveCurrency(new Map([["kr", 1]]), "ES", "es")).toBeNull();
  });
  it("no currency printed is null, whatever the language", () => {
    expect(currencyOf("120,00")).toBeNull();
    expect(currencyOf("120,00", "Factura de fisioterapia, Málaga")).toBeNull();
  });
});

describe("the lists as reviewed: a word added, changed or removed shows here by its language and list", () => {
  it.each(LEXICONS.map((l) => [l.code, l] as const))("%s", (_lang, lex) => {
    expect(lex).toMatchSnapshot();
  });
});
