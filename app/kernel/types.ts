/**
 * Shared domain types. Pure data: no I/O, no framework imports.
 * Money is integer øre (1 NOK = 100 øre). Dates are ISO calendar dates (YYYY-MM-DD) in Europe/Oslo.
 */
declare const oreBrand: unique symbol;
/**
 * Integer øre. Branded: a bare number (kroner, a count, a row's column read without its type) is
 * refused where øre is expected. Make one with kernel/money: `ore()` (checks a safe integer),
 * `kroner()`, `parseNokToOre()`; compute with `sumOre`, `subOre`, `mulOre`, `percentOf`.
 */
export type Ore = number & { readonly [oreBrand]: "Ore" };
/**
 * A calendar date YYYY-MM-DD. The type has the date's shape, so a bare `string` (a form field, a
 * JSON body, a fødselsnummer) is refused where a date is expected and must be parsed first
 * (kernel/dates `isoDate()`, `toIsoDate()`, `isIsoDate()`, zod `isoDateSchema`); a literal written
 * in the code ("2026-12-06") is accepted as it stands, and whether it exists is checked at run time.
 */
export type IsoDate = `${number}-${number}-${number}`;

declare const fnrBrand: unique symbol;
declare const orgnrBrand: unique symbol;
declare const kontonummerBrand: unique symbol;
declare const ibanBrand: unique symbol;
/**
 * A fødselsnummer, D-nummer or H-nummer: 11 digits that passed the checksum and date checks.
 * Branded like `Ore`: a bare string (a form field, a JSON body, a path segment) is refused where an
 * identity number is expected. Made only by kernel/fnr: `parseFnr()` (null when invalid),
 * `validateFnr().fnr`, `fnrOf()` (a stored value read back; throws) and `generateFnr()`.
 * Never in logs or URLs: show it with `maskFnr()`.
 */
export type Fnr = string & { readonly [fnrBrand]: "Fnr" };
/** An organisasjonsnummer: 9 digits, no spaces, valid control digit. kernel/orgnr: `parseOrgnr()`, `orgnrOf()`, `completeOrgnr()`. */
export type Orgnr = string & { readonly [orgnrBrand]: "Orgnr" };
/** A Norwegian kontonummer: 11 digits, no separators, valid MOD11. kernel/kontonummer: `parseKontonummer()`, `kontonummerOf()`. */
export type Kontonummer = string & { readonly [kontonummerBrand]: "Kontonummer" };
/** An IBAN: upper case, no spaces, ISO 13616 shape and mod 97 = 1. kernel/iban: `parseIban()`, `ibanOf()`, `isValidIban()`. */
export type Iban = string & { readonly [ibanBrand]: "Iban" };

export const SERVICE_TYPES = [
  "lege",
  "psykolog",
  "poliklinikk",
  "radiologi",
  "laboratorium",
  "pasientreiser",
  "legemidler",
  "fysioterapi",
  "tannbehandling",
  "opptrening",
  "behandlingsreise",
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** tak1 and tak2 up to 2020; "felles" (the single egenandelstak) from 2021. */
export type TakId = "tak1" | "tak2" | "felles";

/** One registered egenandel as stored in the register. */
export interface EgenandelRow {
  id: string;
  serviceDate: IsoDate;
  serviceType: ServiceType;
  amountOre: Ore;
  providerName: string;
  /** Only paid egenandeler count towards the ceiling. */
  paid: boolean;
  /** Date the payment was reported; null when unpaid or unknown. */
  paidDate: IsoDate | null;
  /** Cancelled by the reporting provider; never counts. */
  cancelled: boolean;
}

export type Confidence = "C" | "P" | "U";
