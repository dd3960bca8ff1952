import { isoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

const formatters = {
  nb: new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "medium", timeStyle: "short" }),
  nn: new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "medium", timeStyle: "short" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", dateStyle: "medium", timeStyle: "short" }),
};

/** A timestamp as the resident reads it: date and time in Europe/Oslo. */
export function osloDateTime(d: Date, lang: "nb" | "nn" | "en"): string {
  return formatters[lang].format(d);
}

const osloDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });

/** The Oslo calendar date of a timestamp (what a resident calls "the day it happened"), as YYYY-MM-DD. Never the UTC date: at 23:30 UTC it is already tomorrow in Oslo. */
export function osloDate(d: Date): IsoDate {
  return isoDate(osloDay.format(d));
}
