import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrikortChart, formatSignalValue, HourWeekdayChart, SeriesLengthChart } from "~/components/risk-charts";
import { PageHeading } from "~/components/ui";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { daysBetween, isoDate } from "~/kernel/dates";
import { formatOre, ore } from "~/kernel/money";
import { isValidOrgnr } from "~/kernel/orgnr";
import { RISK_SIGNAL_IDS, RISK_SIGNAL_RULES, type RiskSignalId } from "~/rules/parameters/risk-signals";
import { valueAt } from "~/rules/parameter";
import { signalDetail } from "~/services/risk-signals.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireStaff } from "~/utils/staff-session.server";
import { CONTROL_BASE, OpenCaseForm } from "./control-shared";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "risk.title");

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Treatments per week and minutes per treatment on one side of the frikort. */
function side(lines: number, minutes: number, first: string | null, last: string | null) {
  const days = first && last ? Math.max(7, daysBetween(isoDate(first), isoDate(last)) + 1) : 7;
  return { perWeek: (lines / days) * 7, minutes: lines ? minutes / lines : 0 };
}

/** The rows behind one signal of one provider (or therapist), with charts. Shows residents' claims: every one shown is audit-logged. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const orgnr = params.orgnr ?? "";
  const signal = params.signal ?? "";
  const hprRaw = new URL(request.url).searchParams.get("hpr");
  if (!isValidOrgnr(orgnr) || !(RISK_SIGNAL_IDS as readonly string[]).includes(signal) || (hprRaw !== null && !/^\d{1,9}$/.test(hprRaw))) {
    throw new Response("Not Found", { status: 404 });
  }
  const today = todayOslo();
  const id = signal as RiskSignalId;
  const detail = await signalDetail(context.database.db, staff, { providerOrgnr: orgnr, therapistHpr: hprRaw }, id, today);
  if (!detail.subject) throw new Response("Not Found", { status: 404 });
  const rule = valueAt(RISK_SIGNAL_RULES[id], today);
  let frikort: { before: { perWeek: number; minutes: number }; after: { perWeek: number; minutes: number } } | null = null;
  if (id === "frikort-increase" && detail.rows.kind === "series" && detail.rows.rows.length) {
    const rows = detail.rows.rows;
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const b = rows.map((r) => side(r.beforeLines, r.beforeMinutes, r.beforeFirst, r.beforeLast));
    const a = rows.map((r) => side(r.afterLines, r.afterMinutes, r.afterFirst, r.afterLast));
    frikort = {
      before: { perWeek: mean(b.map((x) => x.perWeek)), minutes: mean(b.map((x) => x.minutes)) },
      after: { perWeek: mean(a.map((x) => x.perWeek)), minutes: mean(a.map((x) => x.minutes)) },
    };
  }
  return { orgnr, hpr: hprRaw, signal: id, rule, csrf: staff.csrf, ...detail, frikort };
}

export default function ControlSignal() {
  const { t, lang } = useT();
  const { orgnr, hpr, signal, rule, csrf, rows, hourWeekday, seriesLengths, subject, frikort } = useLoaderData<typeof loader>();
  const part = subject!.parts.find((p) => p.signal === signal)!;
  const name = t(`risk.signal.${signal}` as MessageKey);
  const date = (d: string | null) => (d ? formatShortDate(d, lang) : "–");
  const money = (amount: number) => formatOre(ore(amount), lang === "en" ? "en" : "nb");
  const back = `${CONTROL_BASE}${hpr ? "?niva=behandler" : ""}`;
  return (
    <>
      <p className="mb-2">
        <Link to={back}>{t("risk.back")}</Link>
      </p>
      <PageHeading>{t("risk.detail.title", { signal: name })}</PageHeading>
      <p className="mb-1 text-lg">{t("risk.detail.subject", { provider: subject!.providerName ?? orgnr, orgnr })}</p>
      {hpr ? <p className="mb-4">{t("risk.therapist", { name: subject!.therapistName ?? hpr, hpr })}</p> : null}
      <dl className="mb-4 grid max-w-2xl grid-cols-2 gap-x-6 gap-y-1 rounded-lg border border-line bg-white p-4" data-testid="signal-summary">
        <dt className="font-semibold">{t("risk.detail.value")}</dt>
        <dd>{signal === "refund-takst" && part.takst ? `${part.takst}: ${formatSignalValue(signal, part.value, lang)}` : formatSignalValue(signal, part.value, lang)}</dd>
        <dt className="font-semibold">{t("risk.detail.threshold")}</dt>
        <dd>{formatSignalValue(signal, part.threshold, lang)}</dd>
        <dt className="font-semibold">{t("risk.detail.part")}</dt>
        <dd>{part.part.toLocaleString(lang === "en" ? "en-GB" : "nb-NO")}</dd>
        <dt className="font-semibold">{t("risk.detail.score")}</dt>
        <dd>{subject!.score.toLocaleString(lang === "en" ? "en-GB" : "nb-NO")}</dd>
        <dt className="font-semibold">{t("risk.detail.rule")}</dt>
        <dd>
          risk.{signal}. {t("risk.detail.noThreshold", { floor: formatSignalValue(signal, rule.floor, lang) })}
          {part.eligible ? "" : ` ${t("risk.detail.notEligible", { min: rule.minSupport })}`}
        </dd>
      </dl>
      <OpenCaseForm csrf={csrf} providerId={orgnr} therapistHpr={hpr} signal={signal} label={name} />

      <h2 className="mb-2 mt-6 text-2xl font-bold">{t("risk.detail.rows")}</h2>
      <p className="mb-2 text-sm">{t("risk.detail.audit")}</p>
      <div className="mb-6 overflow-x-auto">
        {rows.rows.length === 0 ? (
          <p>{t("risk.detail.noRows")}</p>
        ) : (
          <table className="w-full border-collapse bg-white text-left text-sm" data-testid="signal-rows">
            <caption className="sr-only">{t("risk.detail.rowsCaption")}</caption>
            {rows.kind === "lines" ? (
              <>
                <thead>
                  <tr className="border-b-2 border-ink">
                    {(["patient", "therapistHpr", "date", "time", "minutes", "takst", "outcome", "refusjon", "diedOn"] as const).map((c) => (
                      <th key={c} scope="col" className="p-2">
                        {t(`risk.col.${c}` as MessageKey)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((r, i) => (
                    <tr key={i} className="border-b border-line" data-testid="signal-row">
                      <td className="p-2">{r.patientName ?? "–"}</td>
                      <td className="p-2">{r.therapistHpr}</td>
                      <td className="p-2">{date(r.serviceDate)}</td>
                      <td className="p-2">
                        {hhmm(r.startMinute)}–{hhmm(r.startMinute + r.minutes)}
                      </td>
                      <td className="p-2">{r.minutes}</td>
                      <td className="p-2">{r.takst}</td>
                      <td className="p-2">{t(`risk.outcome.${r.outcome}` as MessageKey)}</td>
                      <td className="p-2">{money(r.refusjonOre)}</td>
                      <td className="p-2">{date(r.diedOn)}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            ) : rows.kind === "series" ? (
              <>
                <thead>
                  <tr className="border-b-2 border-ink">
                    {(["patient", "therapistHpr", "lines", "refusjon", "first", "last", "pattern", "before", "after"] as const).map((c) => (
                      <th key={c} scope="col" className="p-2">
                        {t(`risk.col.${c}` as MessageKey)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((r, i) => {
                    const b = side(r.beforeLines, r.beforeMinutes, r.beforeFirst, r.beforeLast);
                    const a = side(r.afterLines, r.afterMinutes, r.afterFirst, r.afterLast);
                    return (
                      <tr key={i} className="border-b border-line" data-testid="signal-row">
                        <td className="p-2">{r.patientName ?? "–"}</td>
                        <td className="p-2">{r.therapistHpr}</td>
                        <td className="p-2">{r.lines}</td>
                        <td className="p-2">{money(r.refusjonOre)}</td>
                        <td className="p-2">{date(r.firstDate)}</td>
                        <td className="p-2">{date(r.lastDate)}</td>
                        <td className="p-2">{r.takstPattern.join(" ")}</td>
                        <td className="p-2">{r.beforeLines ? `${b.perWeek.toFixed(1)} × ${Math.round(b.minutes)}` : "–"}</td>
                        <td className="p-2">{r.afterLines ? `${a.perWeek.toFixed(1)} × ${Math.round(a.minutes)}` : "–"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </>
            ) : rows.kind === "days" ? (
              <>
                <thead>
                  <tr className="border-b-2 border-ink">
                    {(["therapistHpr", "date", "treatments", "minutes", "span"] as const).map((c) => (
                      <th key={c} scope="col" className="p-2">
                        {t(`risk.col.${c}` as MessageKey)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((r, i) => (
                    <tr key={i} className="border-b border-line" data-testid="signal-row">
                      <td className="p-2">{r.therapistHpr}</td>
                      <td className="p-2">{date(r.serviceDate)}</td>
                      <td className="p-2">{r.lines}</td>
                      <td className="p-2">{r.minutes}</td>
                      <td className="p-2">
                        {hhmm(r.firstStart)}–{hhmm(r.lastEnd)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </>
            ) : (
              <>
                <thead>
                  <tr className="border-b-2 border-ink">
                    {(["takst", "lines", "refusjon"] as const).map((c) => (
                      <th key={c} scope="col" className="p-2">
                        {t(`risk.col.${c}` as MessageKey)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.map((r) => (
                    <tr key={r.takst} className="border-b border-line" data-testid="signal-row">
                      <td className="p-2">{r.takst}</td>
                      <td className="p-2">{r.lines}</td>
                      <td className="p-2">{money(r.refusjonOre)}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
          </table>
        )}
      </div>

      {frikort ? <FrikortChart before={frikort.before} after={frikort.after} t={t} /> : null}
      <HourWeekdayChart data={hourWeekday} t={t} />
      <SeriesLengthChart data={seriesLengths} t={t} />
    </>
  );
}
