import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { YearPicker } from "~/components/year-picker";
import { Alert, PageHeading } from "~/components/ui";
import { formatProofCode } from "~/domain/frikort-proof";
import { formatOre } from "~/kernel/money";
import { formatDate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { FIRST_SUPPORTED_YEAR } from "~/rules/parameters/egenandelstak";
import { loadProofs } from "~/services/frikort-proof.server";
import { chooseYear, selectableYears } from "~/services/overview.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { clearSessionCookie, requireCitizen } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "proof.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const today = todayOslo();
  const thisYear = Number(today.slice(0, 4));
  const years = selectableYears(thisYear);
  const choice = chooseYear(new URL(request.url).searchParams.get("ar"), thisYear);
  const base = { thisYear, years, first: FIRST_SUPPORTED_YEAR, last: years[0] ?? thisYear };
  if (choice.kind !== "ok") return data({ ...base, choice, result: null }, { status: 400 });
  const result = await loadProofs(context.database.db, user.personId, choice.year);
  if (!result) throw redirect("/logg-inn?grunn=invalid", { headers: { "Set-Cookie": await clearSessionCookie(context.config) } });
  const { overview } = result;
  const withFrikort = new Set<string>(result.proofs.map((p) => p.tak));
  return {
    ...base,
    choice,
    result: {
      year: overview.year,
      name: result.name,
      childExempt: overview.childExempt,
      proofs: result.proofs.map((p) => ({ ...p, code: formatProofCode(p.code) })),
      // Taks without a frikort: how far there is still to go.
      without: overview.taks.filter((tak) => !withFrikort.has(tak.tak)).map((tak) => ({ tak: tak.tak, remainingOre: tak.remainingOre, ceilingOre: tak.ceilingOre })),
    },
  };
}

export default function Proof() {
  const { t, lang } = useT();
  const { years, choice, result, first, last, thisYear } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("proof.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("proof.lead")}</p>
      <YearPicker t={t} years={years} choice={choice} first={first} last={last} />

      {result ? (
        result.childExempt === "whole-year" ? (
          <Alert kind="info">{result.year === thisYear ? t("proof.childNow") : t("proof.childPast", { year: result.year })}</Alert>
        ) : (
          <>
            {result.year < thisYear && result.proofs.length > 0 ? <Alert kind="warning">{t("proof.past", { year: result.year })}</Alert> : null}
            {result.proofs.map((p) => {
              const headingId = `proof-${p.tak}`;
              const spelled = [...p.code].map((c) => (c === "-" ? "," : c)).join(" ");
              return (
                <section
                  key={p.tak}
                  aria-labelledby={headingId}
                  className="mb-8 max-w-xl overflow-hidden rounded-2xl border-2 border-success bg-white shadow-sm"
                  data-testid={`proof-${p.tak}`}
                >
                  <div className="bg-success px-6 py-4 text-white">
                    <h2 id={headingId} className="text-2xl font-bold">
                      {t("proof.heading", { year: result.year })}
                    </h2>
                    <p className="text-lg">{t(`overview.tak.${p.tak}`)}</p>
                  </div>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 px-6 py-5 text-lg">
                    <dt className="text-muted">{t("proof.name")}</dt>
                    <dd className="font-semibold" data-testid="proof-name">
                      {result.name ?? "–"}
                    </dd>
                    <dt className="text-muted">{t("proof.tak")}</dt>
                    <dd>{t(`overview.tak.${p.tak}`)}</dd>
                    <dt className="text-muted">{t("proof.valid")}</dt>
                    <dd data-testid="proof-valid">{t("proof.validRange", { from: formatDate(p.validFrom, lang), to: formatDate(p.validTo, lang) })}</dd>
                  </dl>
                  <div className="border-t border-line bg-surface px-6 py-5">
                    <p className="text-muted" id={`${headingId}-code`}>
                      {t("proof.code")}
                    </p>
                    <p className="font-mono text-4xl font-bold tracking-[0.15em] sm:text-5xl">
                      <span aria-hidden="true" data-testid="proof-code">
                        {p.code}
                      </span>
                      <span className="sr-only">{t("proof.codeSpelled", { chars: spelled })}</span>
                    </p>
                  </div>
                </section>
              );
            })}
            {result.proofs.length > 0 ? (
              <>
                <p className="mb-4 max-w-prose text-muted">{t("proof.checkHint")}</p>
                <p className="mb-6">
                  <a href={`/mine/frikortbevis.pdf?ar=${result.year}`} download className="font-semibold">
                    {t("proof.pdf")}
                  </a>
                </p>
              </>
            ) : (
              <Alert kind="info">{t("proof.noFrikortAtAll", { year: result.year })}</Alert>
            )}
            {result.childExempt ? <p className="mb-4">{t("overview.childUntil", { date: formatDate(result.childExempt.until, lang) })}</p> : null}
            {result.without.map((w) => (
              <p key={w.tak} className="mb-4" data-testid={`no-frikort-${w.tak}`}>
                {t("proof.noFrikort", {
                  tak: t(`overview.tak.${w.tak}`).toLowerCase(),
                  year: result.year,
                  remaining: formatOre(w.remainingOre, lang),
                  ceiling: formatOre(w.ceilingOre, lang),
                })}
              </p>
            ))}
            <p>
              <Link to={`/mine?ar=${result.year}`}>{t("proof.overviewLink", { year: result.year })}</Link>
            </p>
          </>
        )
      ) : null}
    </>
  );
}
