const formatters = {
  nb: new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "medium", timeStyle: "short" }),
  nn: new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "medium", timeStyle: "short" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", dateStyle: "medium", timeStyle: "short" }),
};

/** A timestamp as the resident reads it: date and time in Europe/Oslo. */
export function osloDateTime(d: Date, lang: "nb" | "nn" | "en"): string {
  return formatters[lang].format(d);
}
