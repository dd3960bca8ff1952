import type { TreatmentForm } from "../schema";

/**
 * Vocabulary of one language. All terms are written FOLDED (lower case, no diacritics, ø→o, æ→ae, ß→ss, ł→l) and are matched as
 * regular-expression fragments against folded text; a term matches at a word start.
 */
export interface Lexicon {
  code: string;
  /** Treatment words clinics use, per treatment form. */
  forms: Partial<Record<TreatmentForm, string[]>>;
  /** Frequent function words, for language detection. */
  stopwords: string[];
  docType: { invoice: string[]; authorisation: string[]; epikrise: string[] };
  labels: {
    total: string[];
    /** Rows that look like totals but are not the amount due (subtotals, VAT, net base, paid, change...). */
    notTotal: string[];
    invoiceNumber: string[];
    invoiceDate: string[];
    patient: string[];
    birthDate: string[];
    diagnosis: string[];
    therapist: string[];
    period: string[];
    quantity: string[];
    duration: string[];
    /** Label preceding a therapist's registration number. */
    authNumber: string[];
    issuer: string[];
    /** A register extract's name printed in two fields: the family name's label and the given name's. */
    familyName: string[];
    givenName: string[];
  };
  /** Words of a table's column headers, per kind of column (app/documents/layout/table/columns.ts). */
  columns: { date: string[]; period: string[]; description: string[]; duration: string[]; quantity: string[]; unitPrice: string[]; amount: string[]; vat: string[] };
  /**
   * Dates in words, and the words around dates. Not counted for language detection (detectLanguage reads forms, stopwords,
   * docType and labels only).
   */
  calendar: {
    /**
     * The months, January first, in full; one list per form of them (Polish: nominative and genitive). Their first three and
     * four letters are read as abbreviations where no other month of any language shares them (parse.ts monthFromName).
     */
    months: string[][];
    /** Other spellings of a month: [word, month 1–12] ("setiembre"). */
    monthVariants: Array<[string, number]>;
    /** Monday first: a day heading's weekday ("Miércoles, 14 de mayo de 2025"). */
    weekdays: string[];
    /** Short weekdays of a table's date headings ("Mon 3.3.", "tir 4.3."). */
    weekdayAbbreviations: string[];
    /** A word between the two dates of a period on one row ("1.3.2025 til 5.3.2025"). */
    rangeWords: string[];
    /** Words that, besides rangeWords, join a period's two dates in a sentence ("entre el 10 de febrero y el 2 de abril"). */
    proseRangeWords: string[];
    /** The unit after a session's minutes ("45 min", "30 minutos"). */
    minuteUnits: string[];
  };
  /** Words of a treatment table besides treatments and column headers. */
  table: {
    /**
     * Words for a session (a treatment, a visit) that head the lines of that session, with its date: "SESIÓN 02/04/2025",
     * "Behandlung am 8. Januar 2024", "Visit 3 – 12/03/2025". Read by both table readers (layout/table/reader.ts, lines/below.ts).
     */
    sessionWords: string[];
    /** The table reader's words for a day in such a heading ("Día 3", "Tag 2"). */
    dayWords: string[];
    /** Small words the table reader lets stand in such a heading ("y", "og", "le"). */
    headingSmallWords: string[];
    /** Words glued after a session heading's word in folded letters ("am", "vom", "den", "on"). */
    sessionHeadingLinks: string[];
    /** A label introducing a list of session dates under an item ("Fechas:", "Termine:", "Behandlingsdatoer:"). */
    dateListWords: string[];
    /** Small words after such a label ("Dates des …", "Termine am …", "Fechas de …"). */
    dateListLinks: string[];
    /** A count's unit after a number ("5 stk", "3 szt", "2 x"): the number is a quantity, not an amount (the minute units likewise). */
    countUnits: string[];
    /** A row carrying a sum over from one page to the next ("Übertrag", "Carried forward"): a subtotal, never an item. */
    carriedForward: string[];
    /** The older reader's header row (layout/header.ts): a row naming two of these kinds of column. */
    headerRow: { date: string[]; description: string[]; amount: string[] };
  };
  /** Words of the fields besides their labels (labels above count for language detection; these do not). */
  fields: {
    /**
     * A date label with one of these in it is not the invoice date (a due, birth, service or period date): matched anywhere in
     * the label's cell, words of three letters or fewer as whole words.
     */
    notInvoiceDate: string[];
    /** "Nr", "No", "Número": the number word after a document's title ("Faktura nr. 1234"). */
    numberWords: string[];
    /** A document's title that may stand with its number ("Factura A-25-0960", "RECEIPT" over "HP-12240"). */
    invoiceTitles: string[];
    /** The end of a compound title that makes it an invoice's ("Privatrechnung", "Sluttfaktura", "Behandlingskvitto"). */
    invoiceCompounds: string[];
    /** Stems of a clinic's name, matched anywhere in a word ("Fisioterapia", "Physiotherapy", "Praxis", "Kinésithérapeute"). */
    clinicWords: string[];
    /** The word between a letter's place and its date ("Nice, le 5 mai 2024", "Gdańsk, dnia 20.03.2023"). */
    placeDateWords: string[];
    /** The word joining two therapists' names in one field ("Ana Ruiz y Marta Gil"). */
    nameJoiners: string[];
    /** Before a birth date in running text, folded ("f. 12.03.1961", "geb. 10.03.1960", "DOB 19/01/1959", "née le …"). */
    bornMarkers: string[];
    /**
     * What ends a person's name in running text and begins what identifies them: a birth marker or a birth date's label, or an
     * identity document ("Terje Vestbø, født 12.03.1961", "Frau Anna Berg, geb. …", "Mario Rossi, nato a Roma", "Dña. Ana Ruiz
     * con DNI …"). Matched on the text as printed, in any letter case, at a word's end.
     */
    afterName: string[];
    /** A title before a person's name ("Sr.", "Frau", "Mme", "Dott.ssa", "il/la"): not part of the name. Any letter case. */
    titles: string[];
    /** Small words a person's name may hold in lower case ("de", "von", "van", "di", "y"). */
    nameParticles: string[];
    /** The conjunction before the name in an authorisation's sentence ("… certifies that NAME is", "que Dña. NAME", "że"). */
    thatBeforeName: string[];
    /** The word that grants an authorisation to the name after it ("meddelat NAME", "erteilt", "granted to"), in lower case. */
    grantedTo: string[];
    /** Words between a registration number's label and the number ("HPR-nummer", "Registration number", "Nº de colegiado"). */
    authNumberWords: string[];
    /** A member's word before a short number, two digits or more ("colegiado 27"): an authorisation's number when nothing else is. */
    memberNumberLabels: string[];
    /** The first word of an issuing authority's name ("Colegio", "Behörde"): what stands before it in its cell is left out. */
    authorityStarts: string[];
    /** A document's title before a dash and the authority's name in one cell ("URKUNDE – Landesamt …"): left out. */
    authorisationTitles: string[];
    /** Small words an authority's name keeps in lower case when the page prints it in capitals ("Colegio Oficial de …"). */
    authorityLowerCase: string[];
    /** A report's title before the clinic's name in one cell ("Therapiebericht Praxis am Markt"): left out of the clinic's name. */
    reportTitles: string[];
    /** Tax ids, registers and authorities that show a page comes from the language's country ("CIF", "CVR", "SIRET", "HPR"). */
    countryMarks: string[];
    /** On an authorisation, words of the language's country's authority ("Behörde", "Urkunde"): stronger than countryMarks. */
    authorityCountryMarks: string[];
    /** The label of a person's name in one field ("Name", "Nombre y apellidos"). */
    personName: string[];
    /** The diagnosis classification's name before its version and a code ("ICD-10 S93.4", "CIM-10", "CIE-10"), in lower case. */
    codeSystems: string[];
    /** "Norway": the last line of a Norwegian resident's address printed abroad. */
    norway: string[];
  };
  /** Words of a proof of payment (payment-proof.ts). */
  payment: {
    /** A card scheme or the word for a card. */
    card: string[];
    /** A card payment's approval. */
    approved: string[];
    /** A bank transfer or a bank statement. */
    transfer: string[];
    /** A bank statement's title. */
    statement: string[];
    /** An account's word ("konto", "account", "cuenta"): with a transfer word, a bank transfer (as an IBAN is). */
    account: string[];
    /** "Paid" on the invoice itself. */
    paid: string[];
    /** A word before "paid" that negates it ("ikke betalt", "not paid"). */
    negation: string[];
    /** A row with one of these is a balance or a limit, not a payment. */
    notPayment: string[];
  };
}
