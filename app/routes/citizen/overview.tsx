import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ServiceList, useCovers } from "~/components/services";
import { YearPicker } from "~/components/year-picker";
import { Alert, Card, PageHeading } from "~/components/ui";
import { formatOre } from "~/kernel/money";
import type { TakOverview, YearOverview } from "~/domain/overview";
import type { ServiceType } from "~/kernel/types";
import { formatDate, formatShortDate, type Lang, type Translate } from "~/i18n";
import { lineWordsText } from "~/i18n/line-words";
import { useT } from "~/i18n/use-t";
import { lineWords, type LineWords } from "~/domain/line-words";
import { FIRST_SUPPORTED_YEAR } from "~/rules/parameters/egenandelstak";
import { formatKontonummer } from "~/kernel/kontonummer";
import { listPayoutsForYear, listStatusLookupsForYear } from "~/models/register.server";
import { billedLinesFor } from "~/models/claims.server";
import { isTakstCode, TAKST_INFO } from "~/rules/parameters/physio-takster";
import type { MessageKey } from "~/i18n";
import { chooseYear, loadYearOverview, selectableYears } from "~/services/overview.server";
import { listProviderReadsForYear } from "~/services/read-audit.server";
import { osloDateTime } from "~/utils/format.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { clearSessionCookie, getLang, requireCitizen } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "overview.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const today = todayOslo();
  const thisYear = Number(today.slice(0, 4));
  const years = selectableYears(thisYear);
  const choice = chooseYear(new URL(request.url).searchParams.get("ar"), thisYear);
  const base = { today, years, first: FIRST_SUPPORTED_YEAR, last: years[0] ?? thisYear };
  if (choice.kind !== "ok") {
    return data({ ...base, choice, result: null }, { status: 400 });
  }
  const result = await loadYearOverview(context.database.db, user.personId, choice.year);
  if (!result) {
    // The session names a person who no longer exists: start over.
    throw redirect("/logg-inn?grunn=invalid", { headers: { "Set-Cookie": await clearSessionCookie(context.config) } });
  }
  const { person, overview } = result;
  const lang = await getLang(request);
  const [payoutRows, lookupRows, billedRows, readRows] = await Promise.all([
    listPayoutsForYear(context.database.db, user.personId, choice.year),
    listStatusLookupsForYear(context.database.db, user.personId, choice.year),
    billedLinesFor(
      context.database.db,
      user.personId,
      overview.lines.filter((l) => l.serviceType === "fysioterapi").map((l) => l.id),
    ),
    listProviderReadsForYear(context.database.db, user.personId, choice.year),
  ]);
  // What a physiotherapist billed behind an egenandel that came from a claim (issue 20).
  const billed: Record<string, Billed> = {};
  for (const [id, b] of billedRows) {
    billed[id] = {
      takst: b.takst,
      kind: isTakstCode(b.takst) ? TAKST_INFO[b.takst].kind : null,
      time: `${String(Math.floor(b.startMinute / 60)).padStart(2, "0")}:${String(b.startMinute % 60).padStart(2, "0")}`,
      minutes: b.minutes,
      therapist: b.therapistName,
      confirmed: b.confirmedAt !== null,
      reported: b.reportReference,
    };
  }
  // Each line's words follow its tak's payout (issue 22, item 5).
  const payoutStates = payoutRows.map((p) => ({ tak: p.tak as TakOverview["tak"], status: p.status as "paid" | "pending" | "withheld" | "cancelled", paidOn: p.paidOn }));
  const words: Record<string, LineWords> = {};
  for (const l of overview.lines) words[l.id] = lineWords(l.status, l.tak, payoutStates);
  return {
    ...base,
    choice,
    result: {
      overview,
      words,
      billed,
      payouts: payoutRows.map((p) => ({
        id: p.id,
        tak: p.tak as TakOverview["tak"],
        amountOre: p.amountOre,
        status: p.status as "paid" | "pending" | "withheld" | "cancelled",
        reason: p.statusReason as "below-minimum" | "no-account" | "reserved" | "correction" | null,
        account: p.accountNumber ? formatKontonummer(p.accountNumber) : null,
        paidOn: p.paidOn,
      })),
      lookups: lookupRows.map((l) => ({
        id: l.id,
        askedAt: osloDateTime(l.askedAt, lang),
        org: `${l.orgName} (${l.orgnr})`,
        serviceType: l.serviceType as ServiceType | "frikortbevis",
        result: l.result as "frikort" | "ikke-frikort" | "ukjent",
      })),
      reads: readRows.map((r) => ({
        id: r.id,
        at: osloDateTime(r.at, lang),
        org: r.orgName ? `${r.orgName} (${r.orgnr})` : String(r.orgnr),
        serviceDate: r.serviceDate,
        serviceType: r.serviceType as ServiceType,
        purpose: r.purpose as "egenandel-check",
      })),
      reserved: person.reservedAt !== null,
      granted: result.granted,
      yrkesskade: person.yrkesskadeDescription ? { description: person.yrkesskadeDescription, approvedOn: person.yrkesskadeApprovedOn } : null,
    },
  };
}

function TakCard({ tak, year, t, lang, granted }: { tak: TakOverview; year: number; t: Translate; lang: Lang; granted: boolean }) {
  const headingId = `tak-${tak.tak}`;
  return (
    <Card className="mb-6">
      <h3 id={headingId} className="mb-1 text-xl font-bold">
        {t(`overview.tak.${tak.tak}`)}
      </h3>
      <p className="mb-4 text-muted">{t(`overview.tak.${tak.tak}.desc`)}</p>
      {tak.frikortFrom ? (
        <Alert kind="success">
          <strong>{t("overview.frikortFrom", { date: formatDate(tak.frikortFrom, lang) })}</strong>
          {granted ? <span data-testid="granted-by-application"> {t("overview.grantedByApplication")}</span> : null}{" "}
          <Link to={`/mine/frikortbevis?ar=${year}`}>{t("proof.title")}</Link>
        </Alert>
      ) : (
        <p className="mb-4">{t("overview.noFrikort", { year })}</p>
      )}
      <dl className="mb-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2" data-testid={`tak-${tak.tak}`}>
        <div>
          <dt className="text-sm text-muted">{t("overview.registered")}</dt>
          <dd className="text-2xl font-semibold" data-testid="registered">
            {formatOre(tak.registeredOre, lang)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-muted">{t("overview.ceiling")}</dt>
          <dd className="text-2xl font-semibold" data-testid="ceiling">
            {formatOre(tak.ceilingOre, lang)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-muted">{t("overview.remaining")}</dt>
          <dd className="text-lg" data-testid="remaining">
            {formatOre(tak.remainingOre, lang)}
          </dd>
        </div>
        {tak.overCeilingOre > 0 ? (
          <div>
            <dt className="text-sm text-muted">{t("overview.overCeiling")}</dt>
            <dd className="text-lg" data-testid="over">
              {formatOre(tak.overCeilingOre, lang)}
            </dd>
          </div>
        ) : null}
      </dl>
      <progress
        max={100}
        value={tak.progressPercent}
        aria-labelledby={headingId}
        aria-valuetext={t("overview.progressLabel", { percent: tak.progressPercent })}
        className={`tak-progress ${tak.frikortFrom ? "tak-progress-done" : ""}`}
      >
        {tak.progressPercent} %
      </progress>
      <p className="mt-1 text-sm">{t("overview.progressLabel", { percent: tak.progressPercent })}</p>
      {tak.ceilingConfidence !== "C" ? <p className="mt-3 text-sm text-muted">{t("overview.ceilingUncertain", { year })}</p> : null}
    </Card>
  );
}

interface Billed {
  takst: string;
  kind: string | null;
  time: string;
  minutes: number;
  therapist: string;
  confirmed: boolean;
  reported: string | null;
}

/** `canReport`: the links to check a billed line or flag one (hidden on a fullmakt that does not cover reporting). */
function Lines({
  overview,
  words,
  billed,
  t,
  lang,
  canReport,
}: {
  overview: YearOverview;
  words: Record<string, LineWords>;
  billed: Record<string, Billed>;
  t: Translate;
  lang: Lang;
  canReport: boolean;
}) {
  const { year, lines } = overview;
  if (lines.length === 0) return <p className="mb-6">{t("overview.noLines", { year })}</p>;
  const showTak = overview.taks.length > 1;
  return (
    <div id="egenandeler" className="mb-6 overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full border-collapse text-left">
        <caption className="p-4 text-left text-lg font-bold">
          {t("overview.lines", { year })} <span className="text-base font-normal text-muted">({t("overview.linesCount", { count: lines.length })})</span>
        </caption>
        <thead className="bg-surface">
          <tr>
            <th scope="col" className="px-4 py-2">
              {t("overview.col.date")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("overview.col.provider")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("overview.col.service")}
            </th>
            {showTak ? (
              <th scope="col" className="px-4 py-2">
                {t("overview.col.tak")}
              </th>
            ) : null}
            <th scope="col" className="px-4 py-2 text-right">
              {t("overview.col.amount")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("overview.col.status")}
            </th>
            <th scope="col" className="px-4 py-2">
              <span className="sr-only">{t("overview.col.action")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className="border-t border-line">
              <td className="whitespace-nowrap px-4 py-2">{formatShortDate(l.serviceDate, lang)}</td>
              <td className="px-4 py-2">{l.providerName}</td>
              <td className="px-4 py-2">
                {t(`service.${l.serviceType}`)}
                {billed[l.id] ? (
                  <span className="block text-sm text-muted" data-testid="billed">
                    {t("claimLine.billed", {
                      takst: billed[l.id]!.kind ? t(`claimLine.kind.${billed[l.id]!.kind}` as MessageKey) : billed[l.id]!.takst,
                      code: billed[l.id]!.takst,
                      time: billed[l.id]!.time,
                      minutes: billed[l.id]!.minutes,
                      therapist: billed[l.id]!.therapist,
                    })}
                    {billed[l.id]!.reported
                      ? ` ${t("claimLine.reported", { reference: billed[l.id]!.reported! })}`
                      : billed[l.id]!.confirmed
                        ? ` ${t("claimLine.confirmed")}`
                        : null}
                  </span>
                ) : null}
              </td>
              {showTak ? <td className="whitespace-nowrap px-4 py-2">{t(`overview.takShort.${l.tak}`)}</td> : null}
              <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">{formatOre(l.amountOre, lang)}</td>
              <td className="px-4 py-2">{lineWordsText(words[l.id] ?? { key: l.status }, t, lang)}</td>
              <td className="px-4 py-2 text-sm">
                {!canReport ? null : billed[l.id] ? (
                  <a href={`/mine/regning/${l.id}`}>
                    {t("claimLine.check")}
                    <span className="sr-only">{` ${formatShortDate(l.serviceDate, lang)} ${l.providerName}`}</span>
                  </a>
                ) : l.status === "cancelled" ? null : (
                  // A plain link: a <Link> resolves its route on every render, 200 times on a full year,
                  // for a link that gains nothing from client-side navigation (bench/overview-render.ts).
                  <a href={`/mine/tips/${l.id}`}>
                    {t("overview.tipLink")}
                    <span className="sr-only">{` ${formatShortDate(l.serviceDate, lang)} ${l.providerName}`}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-ink font-semibold">
            <th scope="row" colSpan={showTak ? 4 : 3} className="px-4 py-2">
              {t("overview.total")}
            </th>
            <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums" data-testid="total-paid">
              {formatOre(overview.totalPaidOre, lang)}
            </td>
            <td />
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

type LoaderResult = NonNullable<Awaited<ReturnType<typeof useLoaderData<typeof loader>>>["result"]>;

function Payouts({ payouts, year, t, lang, showTak }: { payouts: LoaderResult["payouts"]; year: number; t: Translate; lang: Lang; showTak: boolean }) {
  const covers = useCovers();
  return (
    <section aria-labelledby="payouts-heading" className="mb-8">
      <h2 id="payouts-heading" className="mb-2 text-2xl font-bold">
        {t("overview.payouts", { year })}
      </h2>
      <p className="mb-4 text-muted">{t("overview.payouts.lead")}</p>
      {payouts.length === 0 ? (
        <p>{t("overview.payouts.none", { year })}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full border-collapse text-left" data-testid="payouts">
            <thead className="bg-surface">
              <tr>
                {showTak ? (
                  <th scope="col" className="px-4 py-2">
                    {t("overview.payouts.col.tak")}
                  </th>
                ) : null}
                <th scope="col" className="px-4 py-2 text-right">
                  {t("overview.payouts.col.amount")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.payouts.col.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((p) => (
                <tr key={p.id} className="border-t border-line align-top">
                  {showTak ? <td className="whitespace-nowrap px-4 py-2">{t(`overview.takShort.${p.tak}`)}</td> : null}
                  <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">{formatOre(p.amountOre, lang)}</td>
                  <td className="px-4 py-2">
                    {p.status === "paid"
                      ? t("payout.status.paid", { date: p.paidOn ? formatDate(p.paidOn, lang) : "–", account: p.account ?? "–" })
                      : p.status === "pending"
                        ? t("payout.status.pending", { account: p.account ?? "–" })
                        : t(`payout.status.${p.status}`)}
                    {p.status === "withheld" && p.reason && p.reason !== "correction" ? (
                      <span className="block text-sm text-muted">
                        {t(`payout.reason.${p.reason}`)} {p.reason === "no-account" && covers("account") ? <Link to="/mine/kontonummer">{t("account.form.new")}</Link> : null}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Lookups({ lookups, year, t }: { lookups: LoaderResult["lookups"]; year: number; t: Translate }) {
  return (
    <section aria-labelledby="lookups-heading" className="mb-8">
      <h2 id="lookups-heading" className="mb-2 text-2xl font-bold">
        {t("overview.lookups", { year })}
      </h2>
      <p className="mb-4 text-muted">{t("overview.lookups.lead")}</p>
      {lookups.length === 0 ? (
        <p>{t("overview.lookups.none", { year })}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full border-collapse text-left" data-testid="lookups">
            <thead className="bg-surface">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("overview.lookups.col.time")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.lookups.col.org")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.lookups.col.service")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.lookups.col.answer")}
                </th>
              </tr>
            </thead>
            <tbody>
              {lookups.map((l) => (
                <tr key={l.id} className="border-t border-line">
                  <td className="whitespace-nowrap px-4 py-2">{l.askedAt}</td>
                  <td className="px-4 py-2">{l.org}</td>
                  <td className="px-4 py-2">{t(`service.${l.serviceType}`)}</td>
                  <td className="px-4 py-2">{t(`lookup.result.${l.result}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ProviderReads({ reads, year, t, lang }: { reads: LoaderResult["reads"]; year: number; t: Translate; lang: Lang }) {
  return (
    <section aria-labelledby="reads-heading" className="mb-8">
      <h2 id="reads-heading" className="mb-2 text-2xl font-bold">
        {t("overview.reads", { year })}
      </h2>
      <p className="mb-4 text-muted">{t("overview.reads.lead")}</p>
      {reads.length === 0 ? (
        <p>{t("overview.reads.none", { year })}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full border-collapse text-left" data-testid="provider-reads">
            <thead className="bg-surface">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("overview.lookups.col.time")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.reads.col.org")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.reads.col.egenandel")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("overview.reads.col.purpose")}
                </th>
              </tr>
            </thead>
            <tbody>
              {reads.map((r) => (
                <tr key={r.id} className="border-t border-line">
                  <td className="whitespace-nowrap px-4 py-2">{r.at}</td>
                  <td className="px-4 py-2">{r.org}</td>
                  <td className="px-4 py-2">{`${formatDate(r.serviceDate, lang)}, ${t(`service.${r.serviceType}`).toLowerCase()}`}</td>
                  <td className="px-4 py-2">{t(`read.purpose.${r.purpose}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function Overview() {
  const { t, lang } = useT();
  const { years, choice, result, first, last } = useLoaderData<typeof loader>();
  const covers = useCovers();
  return (
    <>
      <PageHeading>{t("overview.title")}</PageHeading>
      <YearPicker t={t} years={years} choice={choice} first={first} last={last} />

      {result?.reserved ? (
        <Alert kind="warning">
          <p>{t("reserved.banner")}</p>
          <p className="mt-2">{t("reserved.what")}</p>
          {covers("reservation") ? (
            <ul className="mt-2 list-disc pl-6" data-testid="reserved-links">
              <li>
                <a href="/mine/frikort-soknad">{t("reserved.apply")}</a>
              </li>
              <li>
                <a href="/mine/reservasjon">{t("reserved.lift")}</a>
              </li>
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {result ? (
        <>
          <h2 className="mb-4 text-2xl font-bold">{t("overview.summaryFor", { year: result.overview.year })}</h2>
          {result.yrkesskade ? (
            <Alert kind="info">
              {t("overview.yrkesskade", {
                description: result.yrkesskade.description,
                date: result.yrkesskade.approvedOn ? formatDate(result.yrkesskade.approvedOn, lang) : "–",
              })}
            </Alert>
          ) : null}
          {result.overview.childExempt === "whole-year" ? (
            <Alert kind="info">{t("overview.childWholeYear", { year: result.overview.year })}</Alert>
          ) : (
            <>
              {result.overview.childExempt ? <Alert kind="info">{t("overview.childUntil", { date: formatDate(result.overview.childExempt.until, lang) })}</Alert> : null}
              {result.overview.taks.map((tak) => (
                <TakCard key={tak.tak} tak={tak} year={result.overview.year} t={t} lang={lang} granted={result.granted[tak.tak] === tak.frikortFrom} />
              ))}
            </>
          )}
          <Lines overview={result.overview} words={result.words} billed={result.billed} t={t} lang={lang} canReport={covers("tip")} />
          {/* A reserved resident cannot have a missing egenandel registered: the banner above links to applying instead. */}
          {result.reserved || !covers("missing") ? null : (
            <p className="mb-8">
              <Link to="/mine/manglende">{t("overview.missingLink")}</Link>
            </p>
          )}
          <Payouts payouts={result.payouts} year={result.overview.year} t={t} lang={lang} showTak={result.overview.taks.length > 1} />
          <Lookups lookups={result.lookups} year={result.overview.year} t={t} />
          <ProviderReads reads={result.reads} year={result.overview.year} t={t} lang={lang} />
          <p>
            <a href={`/mine/oversikt.pdf?ar=${result.overview.year}`} download>
              {t("overview.pdf", { year: result.overview.year })}
            </a>
          </p>
        </>
      ) : null}
      <div className="mt-10">
        <ServiceList t={t} />
      </div>
    </>
  );
}
