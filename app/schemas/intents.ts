/**
 * What a form's submit button asks for. Each route names its intents as literals; anything else
 * (a missing intent, a typo, a forged value) is a 400, never a default action.
 */
import { z } from "zod";

export const ReservationIntent = z.enum(["reserve", "lift"]);
export const FrikortApplicationIntent = z.enum(["add", "remove", "continue"]);
export const AbroadDocumentsIntent = z.enum(["upload", "remove", "replace"]);
export const ClaimLineIntent = z.enum(["confirm", "report"]);
/** The resident's case page: answer a request for more information, or appeal the decision. */
export const CaseIntent = z.enum(["answer", "appeal"]);
/** "Check what we read": save, or add a line to invoice i, or remove line j of invoice i. */
export const AbroadCheckIntent = z.union([z.literal("save"), z.string().regex(/^add-line-\d{1,3}$/), z.string().regex(/^remove-line-\d{1,3}-\d{1,3}$/)]);
/** Whom to act for (issue 22 item 12): oneself, or a person chosen by opaque id in `subject`. */
export const ActingIntent = z.enum(["self", "act"]);
/** The fullmakt page: give one, or withdraw one given (by its id). */
export const FullmaktIntent = z.enum(["give", "withdraw"]);
/** The payout account page: a Norwegian kontonummer, or an account abroad (IBAN + BIC). */
export const AccountIntent = z.enum(["norwegian", "foreign"]);
