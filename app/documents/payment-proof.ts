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
 * `readPaymentProof` adds the payments a document shows (amount, currency, date), which the check
 * (domain/payment-proof-check.ts) matches against the invoices. The pipeline calls it on the pages it
 * has already read (`extractDocument`), so a proof costs no second read of the file.
 */
import { allWords, alternation, LEXICONS } from "./lexicon";
import { currencyMarksIn, KRONE_BY_LANGUAGE, pageDollar, resolveMark } from "./lexicon/currencies";
import { toRows } from "./layout/rows";
import { findAmounts, joinWords } from "./layout/tokens";
import { findDates, fold, type NumberStyle } from "./parse";
import type { PageText } from "./types";

export type PaymentEvidenceKind = "card-slip" | "bank-transfer" | "paid-on-invoice";

export interface PaymentEvidence {
  kind: PaymentEvidenceKind;
  /** The words that showed it, as found (folded), for the caseworker. */
  matched: string[];
}

/** The words of each kind of evidence, over every language (./lexicon: payment). */
const CARD = allWords((l) => l.payment.card);
const APPROVED = allWords((l) => l.payment.approved);
const TRANSFER = allWords((l) => l.payment.transfer);
/** A bank's statement of an account says so in its title: it is proof of the payments on it (with or without an account number read). */
const STATEMENT = allWords((l) => l.payment.statement);
/** The krone of a Nordic bank's statement, by the title's language. */
const STATEMENT_CURRENCY: Array<[string, string]> = LEXICONS.flatMap((l) => {
  const krone = KRONE_BY_LANGUAGE[l.code];
  return krone ? l.payment.statement.map((w): [string, string] => [w, krone]) : [];
});
/** An IBAN, or an account's word (./lexicon: payment.account). */
const ACCOUNT = new RegExp(`\\b[a-z]{2}\\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?\\b|\\b(?:${alternation(allWords((l) => l.payment.account))})\\b`);
const PAID = allWords((l) => l.payment.paid);
const NEGATION = new RegExp(`\\b(?:${alternation(allWords((l) => l.payment.negation))})\\s*$`);

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
  const statement = words(f, STATEMENT);
  if (transfer.length && account) out.push({ kind: "bank-transfer", matched: [...transfer, account[0]] });
  else if (statement.length) out.push({ kind: "bank-transfer", matched: [...new Set([...statement, ...transfer])] });
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

/** One payment a document shows: the amount (major units, positive), its currency and the date beside it. */
export interface PaymentRead {
  amount: number;
  /** ISO 4217, or null when the document prints none the amount can be tied to. */
  currency: string | null;
  /** The date on the amount's row, else the document's first date; null when it has none. */
  date: string | null;
}

export interface PaymentProofRead {
  evidence: PaymentEvidence[];
  payments: PaymentRead[];
}

/** At most this many payments are kept (a long bank statement): the result is stored with the document. */
export const MAX_PAYMENTS = 60;
/** A row with one of these is a balance or a limit, not a payment. */
const NOT_A_PAYMENT = new RegExp(`(?<![\\p{L}])(?:${alternation(allWords((l) => l.payment.notPayment))})(?![\\p{L}])`, "u");

/**
 * What a document shows of payment: the signs of it (`readPaymentEvidence`) and every amount with its currency and date. An
 * amount printed without a currency takes the currency the document prints most (a card slip's "IMPORTE 120,00" under "EUR");
 * a row with a date dates its amounts (a bank statement's rows), else the document's first date does (a card slip). Balances
 * are left out. Pure: `pages` are the positioned lines the pipeline read; `read` is what the extractor made of them.
 */
export function readPaymentProof(pages: PageText[], read: { language: string | null; country: string | null; currency: string | null }): PaymentProofRead {
  const rows = toRows(pages);
  const fullText = rows.map((r) => r.text).join("\n");
  const evidence = readPaymentEvidence(fullText);
  const commaDec = (fullText.match(/\d[.\s]?\d{0,3},\d{2}(?!\d)/g) ?? []).length;
  const dotDec = (fullText.match(/\d,?\d{0,3}\.\d{2}(?!\d)/g) ?? []).length;
  const style: NumberStyle | undefined = commaDec > dotDec ? "comma-decimal" : dotDec > commaDec ? "dot-decimal" : undefined;
  // a mark's currency on this page: "kr" by its country or language, "$" the dollar it names (../lexicon/currencies.ts)
  const onPage = { dollar: pageDollar(fullText), country: read.country, language: read.language };
  const resolve = (mark: string | null | undefined) => (mark ? resolveMark(mark, onPage) : null);
  // every amount with the currency printed next to it, row by row; the currencies printed apart from an amount ("EUR" on a
  // line of its own, "Importe (EUR)") are the document's own
  const found = rows
    .filter((row) => !NOT_A_PAYMENT.test(row.folded))
    .map((row) => {
      const text = joinWords(row.words);
      const dates = findDates(text);
      const amounts = findAmounts(row.words, style, dates);
      const printed = currencyMarksIn(text);
      const attached = amounts.map((a) => a.currency).filter((c): c is string => c !== null);
      const apart = [...printed];
      for (const c of attached) {
        const k = apart.indexOf(c);
        if (k >= 0) apart.splice(k, 1);
      }
      return { date: dates[0]?.iso ?? null, amounts, apart };
    });
  const top = (codes: string[]) => {
    const counts = new Map<string, number>();
    for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  };
  // an amount without a currency: the document's own currency, else the krone of a Nordic bank's statement, else the currency
  // printed most beside amounts, else the one the extractor found (never one guessed from the language alone)
  const fallbackCurrency =
    resolve(top(found.flatMap((f) => f.apart))) ??
    STATEMENT_CURRENCY.find(([w]) => words(fold(fullText), [w]).length > 0)?.[1] ??
    resolve(top(found.flatMap((f) => f.amounts.map((a) => a.currency).filter((c): c is string => c !== null)))) ??
    read.currency ??
    null;
  const firstDate = findDates(fullText)[0]?.iso ?? null;
  const payments: PaymentRead[] = [];
  const seen = new Set<string>();
  for (const row of found) {
    for (const a of row.amounts) {
      const amount = Math.abs(a.value);
      if (!(amount > 0)) continue;
      const p: PaymentRead = { amount, currency: resolve(a.currency) ?? resolve(row.apart[0]) ?? fallbackCurrency, date: row.date ?? firstDate };
      const key = `${p.amount}|${p.currency}|${p.date}`;
      if (seen.has(key)) continue;
      seen.add(key);
      payments.push(p);
      if (payments.length >= MAX_PAYMENTS) return { evidence, payments };
    }
  }
  return { evidence, payments };
}
