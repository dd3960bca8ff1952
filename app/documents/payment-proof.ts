/**
 * Proof of payment (issue 18 item 8, seed 004: "Originale kvitteringer for alle utgifter" and
 * "Dokumentasjon på at utgiftene er betalt"), read from a document's text: pure.
 *
 * Three kinds of evidence are recognised, each by words that say the money moved, not by the word
 * "invoice" alone:
 * - a card slip: a card scheme or "card" word together with an approval word (GODKJENT, APPROVED, AUTORIZADO …);
 * - a bank statement or transfer line: a transfer word together with an IBAN or an account;
 * - "paid" on the invoice itself: a paid word (BETALT, PAID, PAGADO, BEZAHLT, PAYÉ …) as a word of its own,
 *   not negated ("ikke betalt", "unpaid", "no pagado") and not a due-date phrase ("betales innen").
 * Not yet wired into the upload kinds and the pipeline (see the branch report): this is the reader and
 * the check those will call.
 */
import { fold } from "./parse";

export type PaymentEvidenceKind = "card-slip" | "bank-transfer" | "paid-on-invoice";

export interface PaymentEvidence {
  kind: PaymentEvidenceKind;
  /** The words that showed it, as found (folded), for the caseworker. */
  matched: string[];
}

const CARD = ["visa", "mastercard", "maestro", "amex", "american express", "bankaxept", "girocard", "carte bancaire", "kort", "card", "tarjeta", "karte", "carte"];
const APPROVED = [
  "godkjent",
  "approved",
  "autorizado",
  "aprobado",
  "autorizada",
  "genehmigt",
  "autorisiert",
  "accepte",
  "authorised",
  "authorized",
  "auth code",
  "autorisasjonskode",
];
const TRANSFER = ["overforing", "overfort", "transfer", "transferencia", "uberweisung", "virement", "kontoutskrift", "bank statement", "extracto", "kontoauszug", "releve"];
const ACCOUNT = /\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?\b|\bkonto(?:nr|nummer)?\b|\baccount\b|\bcuenta\b/;
const PAID = ["betalt", "paid", "pagado", "pagada", "bezahlt", "paye", "payee", "acquitte", "betald", "maksettu", "pago recibido", "payment received"];
const NEGATION = /\b(?:ikke|ikkje|not|un|no|nicht|non|inte|ej)\s*$/;

function words(folded: string, terms: readonly string[]): string[] {
  return terms.filter((t) => new RegExp(`(?<![\\p{L}\\p{N}])${t.replace(/ /g, "\\s+")}(?![\\p{L}\\p{N}])`, "u").test(folded));
}

/** Every sign of payment in a document's text (empty when none). */
export function readPaymentEvidence(text: string): PaymentEvidence[] {
  const f = fold(text);
  const out: PaymentEvidence[] = [];
  const card = words(f, CARD);
  const approved = words(f, APPROVED);
  if (card.length && approved.length) out.push({ kind: "card-slip", matched: [...card, ...approved] });
  const transfer = words(f, TRANSFER);
  const account = ACCOUNT.exec(f);
  if (transfer.length && account) out.push({ kind: "bank-transfer", matched: [...transfer, account[0]] });
  const paid: string[] = [];
  for (const t of PAID) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${t.replace(/ /g, "\\s+")}(?![\\p{L}\\p{N}])`, "gu");
    for (let m = re.exec(f); m; m = re.exec(f)) {
      const before = f.slice(Math.max(0, m.index - 8), m.index);
      if (!NEGATION.test(before) && !/un$/.test(before)) paid.push(t);
    }
  }
  if (paid.length) out.push({ kind: "paid-on-invoice", matched: [...new Set(paid)] });
  return out;
}
