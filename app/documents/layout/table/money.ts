/** Money and other numeric tokens of a table row, by number format (pure). */
import { CURRENCY_MARK } from "../../lexicon/currencies";
import { parseAmount, type NumberStyle } from "../../parse";
import type { Word } from "../../types";

export interface MoneyToken {
  value: number;
  x0: number;
  x1: number;
  /** Printed in parentheses: a day's or group's subtotal beside a heading, not an item. */
  paren: boolean;
  words: Word[];
}

/** A word that is only a currency mark, and a mark (or ",-") at either end of an amount's word (../lexicon/currencies.ts). */
const CURRENCY = new RegExp(`^${CURRENCY_MARK}$`, "u");
const STRIP = new RegExp(`^[([]*(?:${CURRENCY_MARK})?\\s?|\\s?(?:${CURRENCY_MARK}|,-|\\.-)?[)\\]]*[.,;:]?$`, "gu");
const WITH_DECIMALS = /^-?(?:\d{1,3}(?:[.,'\u00a0\u202f]\d{3})+|\d+)[.,]\d{2}$/;
const INTEGER = /^-?\d{1,6}$/;

/**
 * Money tokens of a row's words: numbers with two decimals ("62,00", "1.234,56", "(76.50)", "€62.00"), a thousands group split
 * over two words ("1 066,50"), and whole numbers only when a currency sign or code stands beside them ("€ 62", "540 kr").
 */
export function moneyTokens(words: Word[], style?: NumberStyle): MoneyToken[] {
  const out: MoneyToken[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const raw = w.text;
    const paren = /^[([]/.test(raw) && /[)\]][.,;:]?$/.test(raw);
    const core = raw.replace(STRIP, "");
    const hasSign = core !== raw.replace(/^[([]+|[)\]]+$/g, "") || CURRENCY.test(words[k - 1]?.text ?? "") || CURRENCY.test(words[k + 1]?.text ?? "");
    let text = core;
    let ws = [w];
    // "1 066,50": a group of 1–3 digits right before three digits with decimals, closer than a digit's width or two
    const next = words[k + 1];
    if (/^\d{1,3}$/.test(core) && next && /^\d{3}[.,]\d{2}$/.test(next.text.replace(STRIP, ""))) {
      const digit = (next.x1 - next.x0) / Math.max(1, next.text.length);
      if (next.x0 - w.x1 < digit * 1.6) {
        text = core + next.text.replace(STRIP, "");
        ws = [w, next];
        k++;
      }
    }
    // "(1 100.00)": the parentheses open on the first word and close on the last
    const closed = paren || (/^[([]/.test(raw) && /[)\]][.,;:]?$/.test(ws[ws.length - 1]!.text));
    if (!WITH_DECIMALS.test(text) && !(INTEGER.test(text) && hasSign && !/^0\d/.test(text))) continue;
    const value = parseAmount(text, style);
    if (value === null) continue;
    out.push({ value, x0: ws[0]!.x0, x1: ws[ws.length - 1]!.x1, paren: closed, words: ws });
  }
  return out;
}

/** Whether a word is only a currency sign or code. */
export const isCurrencyWord = (t: string) => CURRENCY.test(t);
