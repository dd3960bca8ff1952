/**
 * What kind of document a page is (invoice, authorisation, epikrise): the lexicon's title words, the first one on a tie,
 * and an invoice's structure (priced, dated lines).
 */
import { allWords, alternation, exactWordRe, LEXICONS } from "../lexicon";
import type { ExtractedDocument } from "../schema";

/** A compound invoice title ("Privatrechnung", "Sluttfaktura", "Behandlingskvitto"). */
const INVOICE_COMPOUND = new RegExp(`\\p{L}{3,}(?:${alternation(allWords((l) => l.fields.invoiceCompounds))})(?![\\p{L}])`, "u");

export function detectDocType(folded: string, hasInvoiceStructure: boolean): ExtractedDocument["documentType"] {
  const score = { invoice: 0, authorisation: 0, epikrise: 0 };
  // where each kind's first word is: on a tie the earlier one wins (the title comes before a signature's "RPPS 1042…")
  const first = { invoice: Infinity, authorisation: Infinity, epikrise: Infinity };
  for (const lex of LEXICONS) {
    for (const k of ["invoice", "authorisation", "epikrise"] as const) {
      for (const term of lex.docType[k]) {
        const m = exactWordRe([term]).exec(folded);
        if (m) {
          score[k] += 1;
          first[k] = Math.min(first[k], m.index);
        }
      }
    }
  }
  // a compound title ("Privatrechnung", "Sluttfaktura", "Behandlingskvitto")
  const compound = INVOICE_COMPOUND.exec(folded);
  if (compound) {
    score.invoice += 1;
    first.invoice = Math.min(first.invoice, compound.index);
  }
  if (hasInvoiceStructure) score.invoice += 3;
  const best = (Object.entries(score) as Array<[keyof typeof score, number]>).sort((a, b) => b[1] - a[1] || first[a[0]] - first[b[0]])[0]!;
  return best[1] > 0 ? best[0] : "unknown";
}
