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
}
