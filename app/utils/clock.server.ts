import { setting } from "~/config.server";
import { isoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

// Building an Intl.DateTimeFormat is expensive; one per process is enough.
const osloDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in Europe/Oslo. The only place the portal reads the wall clock for dates. */
export function todayOslo(now: Date = new Date()): IsoDate {
  const override = setting("FRIKORT_TODAY"); // tests and demos may pin the date
  if (override) return override;
  return isoDate(osloDate.format(now));
}
