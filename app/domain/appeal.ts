/**
 * The outcome of the last appeal (klage) in a case's history, for the letter about it: "reverse"
 * (the case went back to be decided again: under-review right after appealed) or "forward" (the
 * decision was upheld and the appeal sent to the appeal body). Pure; works on `case_events` and on
 * a refund claim abroad's events alike.
 */
export interface AppealOutcome {
  outcome: "reverse" | "forward";
  at: string;
  reason: string | null;
}

export function lastAppealOutcome(events: ReadonlyArray<{ status: string; at: string | Date; note?: string | null | undefined }>): AppealOutcome | null {
  for (let i = events.length - 1; i > 0; i--) {
    const e = events[i]!;
    const at = typeof e.at === "string" ? e.at : e.at.toISOString();
    if (e.status === "appeal-forwarded") return { outcome: "forward", at, reason: e.note ?? null };
    if (e.status === "under-review" && events[i - 1]!.status === "appealed") return { outcome: "reverse", at, reason: e.note ?? null };
  }
  return null;
}
