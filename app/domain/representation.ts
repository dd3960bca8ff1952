/**
 * Acting for another resident (issue 22 item 12): who may act for whom, and what the represented person reads about it.
 * Pure: the relations come from the register (parental responsibility) and from this portal (fullmakt).
 */
import { nthBirthday } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

/**
 * A parent acts for a child in this portal until the child turns 16. Source: pasient- og brukerrettighetsloven § 4-4 and
 * § 3-4 (parents consent and are informed on behalf of children under 16), https://lovdata.no/lov/1999-07-02-63/§4-4,
 * as Helsenorge applies it to acting for children.
 */
export const PARENT_ACTS_UNTIL_AGE = 16;

export type RepresentationBasis = "parent" | "fullmakt";

/** True while a child born on `birthDate` is under 16 on `today`; a child without a known birth date is not represented. */
export function isChildParentActsFor(birthDate: IsoDate | null, today: IsoDate): boolean {
  if (!birthDate) return false;
  return today < nthBirthday(birthDate, PARENT_ACTS_UNTIL_AGE);
}

/** The basis on which the actor may act for the subject today, or null: a live fullmakt, or parental responsibility for a child under 16. */
export function representationBasis(rel: { parent: boolean; subjectBirthDate: IsoDate | null; fullmakt: boolean }, today: IsoDate): RepresentationBasis | null {
  if (rel.parent && isChildParentActsFor(rel.subjectBirthDate, today)) return "parent";
  if (rel.fullmakt) return "fullmakt";
  return null;
}

/**
 * What the represented person reads for a logged action: the page's path with ids taken out, as a code the i18n labels
 * (unknown paths say "a form on the page …"). Keeps the log free of personal data: no query string, no ids.
 */
export function actionCode(method: string, pathname: string): string {
  const path = pathname
    .replace(/\.data$/, "")
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, "/:id")
    .replace(/\/\d+(?=\/|$)/g, "/:id")
    .replace(/[^\w/:.-]/g, "")
    .slice(0, 120);
  return `${method.toUpperCase()} ${path || "/"}`;
}
