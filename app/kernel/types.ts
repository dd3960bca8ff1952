/**
 * Shared domain types. Pure data: no I/O, no framework imports.
 * Money is integer øre (1 NOK = 100 øre). Dates are ISO calendar dates (YYYY-MM-DD) in Europe/Oslo.
 */
export type Ore = number;
export type IsoDate = string;

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
