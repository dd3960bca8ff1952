import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatSignalValue } from "~/components/risk-charts";
import { PageHeading } from "~/components/ui";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { formatOre, ore } from "~/kernel/money";
import { rankedRisk } from "~/services/risk-signals.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireStaff } from "~/utils/staff-session.server";
import { CONTROL_BASE, levelOf, OpenCaseForm, signalHref } from "./control-shared";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "risk.title");

const SHOWN = 100;

/** The ranked list: aggregated figures per provider or therapist (no resident's data: not an audited read). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const level = levelOf(new URL(request.url));
  const ranked = await rankedRisk(context.database.db, level, todayOslo());
  return {
    level,
    csrf: staff.csrf,
    total: ranked.length,
    flagged: ranked.filter((s) => s.score > 0).length,
    rows: ranked.slice(0, SHOWN).map((s) => ({ ...s, parts: s.parts.filter((p) => p.part > 0) })),
  };
}

export default function ControlSignals() {
  const { t, lang } = useT();
  const { level, csrf, total, flagged, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("risk.title")}</PageHeading>
      <p className="mb-4 max-w-3xl">{t("risk.lead")}</p>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-4 rounded-lg border border-line bg-white p-4">
        <div>
          <label htmlFor="r-level" className="mb-1 block font-semibold">
            {t("risk.level")}
          </label>
          <select id="r-level" name="niva" defaultValue={level === "therapist" ? "behandler" : "virksomhet"} className="rounded border-2 border-ink px-2 py-1">
            <option value="virksomhet">{t("risk.level.provider")}</option>
            <option value="behandler">{t("risk.level.therapist")}</option>
          </select>
        </div>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
          {t("risk.apply")}
        </button>
        <a href={`${CONTROL_BASE}/signaler.csv${level === "therapist" ? "?niva=behandler" : ""}`} className="pb-2 font-semibold" download>
          {t("risk.csv")}
        </a>
      </Form>
      <p className="mb-3" role="status">
        {t("risk.count", { flagged, total })}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left" data-testid="risk-list">
          <caption className="sr-only">{t("risk.caption")}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2">
                {t("risk.col.rank")}
              </th>
              <th scope="col" className="p-2">
                {t("risk.col.subject")}
              </th>
              <th scope="col" className="p-2 text-right">
                {t("risk.col.score")}
              </th>
              <th scope="col" className="p-2">
                {t("risk.col.parts")}
              </th>
              <th scope="col" className="p-2 text-right">
                {t("risk.col.lines")}
              </th>
              <th scope="col" className="p-2 text-right">
                {t("risk.col.patients")}
              </th>
              <th scope="col" className="p-2 text-right">
                {t("risk.col.refusjon")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s, i) => {
              const subject = s.therapistHpr
                ? `${s.therapistName ?? s.therapistHpr} (HPR ${s.therapistHpr}), ${s.providerName ?? s.providerOrgnr}`
                : `${s.providerName ?? s.providerOrgnr} (${s.providerOrgnr})`;
              return (
                <tr key={`${s.providerOrgnr}|${s.therapistHpr}`} className="border-b border-line align-top" data-testid="risk-row">
                  <td className="p-2">{i + 1}</td>
                  <th scope="row" className="p-2 font-normal">
                    {subject}
                  </th>
                  <td className="p-2 text-right font-semibold">{s.score.toLocaleString(lang === "en" ? "en-GB" : "nb-NO")}</td>
                  <td className="p-2">
                    {s.parts.length ? (
                      <ul className="space-y-2">
                        {s.parts.map((p) => (
                          <li key={p.signal} data-testid="risk-part" data-signal={p.signal}>
                            <Link to={signalHref(s.providerOrgnr, s.therapistHpr || null, p.signal)} className="font-semibold">
                              {t(`risk.signal.${p.signal}` as MessageKey)}
                              <span className="sr-only">, {subject}</span>
                            </Link>{" "}
                            {p.signal === "refund-takst" && p.takst ? `${p.takst}: ` : ""}
                            {t("risk.part", {
                              value: formatSignalValue(p.signal, p.value, lang),
                              threshold: formatSignalValue(p.signal, p.threshold, lang),
                              part: p.part.toLocaleString(lang === "en" ? "en-GB" : "nb-NO"),
                            })}
                            <OpenCaseForm
                              csrf={csrf}
                              providerId={s.providerOrgnr}
                              therapistHpr={s.therapistHpr || null}
                              signal={p.signal}
                              label={`${t(`risk.signal.${p.signal}` as MessageKey)}, ${subject}`}
                            />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t("risk.none")
                    )}
                  </td>
                  <td className="p-2 text-right">{s.lines.toLocaleString("nb-NO")}</td>
                  <td className="p-2 text-right">{s.patients.toLocaleString("nb-NO")}</td>
                  <td className="p-2 text-right">{formatOre(ore(s.refusjonOre), lang === "en" ? "en" : "nb")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
