/**
 * Staff changes to the register that are not case decisions (issue 20), as pure checks: a person's
 * date of death, and the review of a claim line held for control.
 */
import { isIsoDate } from "../kernel/dates";
import type { IsoDate } from "../kernel/types";

export type DeathDateError = "date" | "future" | "before-birth" | "reason" | "reason-long";

/** Checks a date of death set by staff: empty clears it; otherwise a real date, not in the future, not before birth; a reason always. */
export function checkDeathDate(
  input: { diedOn: string; reason: string },
  ctx: { today: IsoDate; birthDate: IsoDate | null },
): { ok: true; diedOn: IsoDate | null; reason: string } | { ok: false; errors: Partial<Record<"diedOn" | "reason", DeathDateError>> } {
  const errors: Partial<Record<"diedOn" | "reason", DeathDateError>> = {};
  const raw = input.diedOn.trim();
  const diedOn = raw === "" ? null : isIsoDate(raw) ? raw : undefined;
  if (diedOn !== null) {
    if (diedOn === undefined) errors.diedOn = "date";
    else if (diedOn > ctx.today) errors.diedOn = "future";
    else if (ctx.birthDate && diedOn < ctx.birthDate) errors.diedOn = "before-birth";
  }
  const reason = input.reason.trim();
  if (!reason) errors.reason = "reason";
  else if (reason.length > 500) errors.reason = "reason-long";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, diedOn: diedOn ?? null, reason };
}

export type LineReview = "godkjent" | "avvist";
