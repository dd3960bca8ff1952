/**
 * The child exemption (rules-research.md §2): children under CHILD_EXEMPTION_AGE pay no egenandel
 * for services under the egenandelstak. The age and its source: app/rules/parameters/exemptions.ts.
 */
import { addDays, nthBirthday, parseIsoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";
import { CHILD_EXEMPTION_AGE } from "~/rules/parameters/exemptions";

/**
 * The last day of the child exemption: the day before the 16th birthday.
 * A 29 February birthday whose 16th anniversary falls in a non-leap year counts as 1 March,
 * so the exemption runs to 28 February that year.
 */
export function childExemptUntil(birthDate: IsoDate): IsoDate {
  parseIsoDate(birthDate);
  return addDays(nthBirthday(birthDate, CHILD_EXEMPTION_AGE), -1);
}
