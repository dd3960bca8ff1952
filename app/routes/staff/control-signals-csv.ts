import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { RISK_SIGNAL_IDS } from "~/rules/parameters/risk-signals";
import { rankedRisk } from "~/services/risk-signals.server";
import { todayOslo } from "~/utils/clock.server";
import { requireStaff } from "~/utils/staff-session.server";
import { levelOf } from "./control-shared";

/**
 * The ranked list as CSV (issue 20, part 4): every provider (or therapist with ?niva=behandler), its
 * score and, per signal, the value, the threshold and the part. Aggregates only, no resident's data.
 * Column names are stable identifiers (the signal ids of app/rules/parameters/risk-signals.ts).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "control");
  const level = levelOf(new URL(request.url));
  const today = todayOslo();
  const ranked = await rankedRisk(context.database.db, level, today);
  const header = [
    "rank",
    "orgnr",
    "provider",
    "hpr",
    "therapist",
    "score",
    "lines",
    "patients",
    "refusjon_nok",
    ...RISK_SIGNAL_IDS.flatMap((s) => [`${s}.value`, `${s}.threshold`, `${s}.part`]),
    "refund-takst.takst",
  ];
  const rows = ranked.map((s, i) => [
    i + 1,
    s.providerOrgnr,
    s.providerName ?? "",
    s.therapistHpr,
    s.therapistName ?? "",
    s.score,
    s.lines,
    s.patients,
    (s.refusjonOre / 100).toFixed(2),
    ...s.parts.flatMap((p) => [Math.round(p.value * 10_000) / 10_000, Math.round(p.threshold * 10_000) / 10_000, p.part]),
    s.parts.find((p) => p.signal === "refund-takst")?.takst ?? "",
  ]);
  const body = stringify([header, ...rows]);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="risikosignaler-${level === "therapist" ? "behandlere" : "virksomheter"}-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
