/** A timestamp as the resident reads it: date and time in Europe/Oslo. */
export function osloDateTime(d: Date, lang: "nb" | "nn" | "en"): string {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nb-NO", {
    timeZone: "Europe/Oslo",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(d);
}
