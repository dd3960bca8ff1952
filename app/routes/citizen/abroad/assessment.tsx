import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import { formatOre, ore } from "~/kernel/money";
import { formatDate, formatShortDate, type Lang, type Translate } from "~/i18n";
import { MAX_FALLBACK_DAYS } from "~/rules/parameters/exchange-rates";
import { PUBLIC_SOURCES } from "~/rules/public-sources";
import { abroadNextSteps } from "~/domain/payout-timing";
import { residentRule, residentRuleText } from "./resident-rules";
import { useT } from "~/i18n/use-t";
import { abroadCheckText } from "~/components/abroad-check-text";
import { assess } from "~/services/abroad-application.server";
import { progressOf } from "~/domain/abroad-application";
import { pageTitle } from "~/utils/meta";
import { loadDraft } from "./draft.server";
import { formatAmount, key, StepOf } from "./shared";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.assess.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, view, today, birthDate } = await loadDraft(request, context, params.applicationId, "vurdering");
  const db = context.database.db;
  const a = await assess(db, user.personId, view, today);
  const referralAsked = progressOf(view, birthDate, today).referralNeeded;
  const names = Object.fromEntries(view.documents.map((d) => [d.doc.id, d.doc.filename]));
  return {
    applicationId: view.app.id,
    checks: a.checks.map((c) => ({ ...c, documentName: c.documentId ? (names[c.documentId] ?? null) : null })),
    invoices: a.invoices.map((i) => ({
      documentId: i.documentId,
      filename: names[i.documentId] ?? "",
      currency: i.answers.currency,
      paymentDate: i.answers.paymentDate,
      lines: i.answers.lines,
      error: i.error,
      estimate: i.estimate
        ? {
            lines: i.estimate.lines,
            totals: i.estimate.totals,
            indicative: i.estimate.indicative,
            indicativeReasons: i.estimate.indicativeReasons,
            rules: i.estimate.appliedRules.map(residentRule),
          }
        : null,
    })),
    totals: a.totals,
    indicative: a.indicative,
    rateMissing: a.rateMissing,
    exemptions: a.exemptions,
    referralAsked,
    next: abroadNextSteps(today),
  };
}

type Check = ReturnType<typeof useLoaderData<typeof loader>>["checks"][number];

/** A check result as one plain sentence (the same words the caseworker sees). */
function checkText(c: Check, t: Translate, lang: Lang): string {
  return abroadCheckText(c, t, lang);
}

const STATUS_STYLE = { ok: "bg-success-bg", missing: "bg-danger-bg", warning: "bg-warning-bg", flag: "bg-info-bg" } as const;

export default function AbroadAssessment() {
  const { t, lang } = useT();
  const d = useLoaderData<typeof loader>();
  const base = `/mine/utland/${d.applicationId}`;
  const problems = d.checks.filter((c) => c.status !== "ok");
  const oks = d.checks.filter((c) => c.status === "ok");
  const money = (amount: number | null) => (amount === null ? "–" : formatOre(ore(amount), lang));
  return (
    <>
      <StepOf step="vurdering" t={t} />
      <PageHeading>{t("abroad.assess.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("abroad.assess.lead")}</p>

      <h2 className="mb-3 text-2xl font-bold">{t("abroad.assess.checks")}</h2>
      {problems.length === 0 ? <Alert kind="success">{t("abroad.assess.allOk")}</Alert> : <p className="mb-3 max-w-prose">{t("abroad.assess.someIssues")}</p>}
      <ul className="mb-4 max-w-3xl" data-testid="checks">
        {problems.map((c, i) => (
          <li key={`p${i}`} className="mb-2 flex items-start gap-3" data-testid="check" data-status={c.status} data-code={c.code}>
            <span className={`inline-block min-w-28 rounded px-2 py-0.5 text-center font-semibold ${STATUS_STYLE[c.status]}`}>{t(key(`abroad.checkStatus.${c.status}`))}</span>
            <span>
              {c.documentName ? <span className="font-semibold">{c.documentName}: </span> : null}
              {checkText(c, t, lang)}
            </span>
          </li>
        ))}
      </ul>
      {oks.length ? (
        <details className="mb-8 max-w-3xl">
          <summary className="cursor-pointer font-semibold text-brand underline">{t("abroad.assess.okCount", { count: oks.length })}</summary>
          <ul className="mt-2">
            {oks.map((c, i) => (
              <li key={`o${i}`} className="mb-1 flex items-start gap-3" data-testid="check" data-status="ok" data-code={c.code}>
                <span className={`inline-block min-w-28 rounded px-2 py-0.5 text-center font-semibold ${STATUS_STYLE.ok}`}>{t("abroad.checkStatus.ok")}</span>
                <span>
                  {c.documentName ? <span className="font-semibold">{c.documentName}: </span> : null}
                  {checkText(c, t, lang)}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <h2 className="mb-3 text-2xl font-bold">{t("abroad.assess.estimate")}</h2>
      {d.indicative || d.rateMissing ? (
        <Alert kind="warning">
          <p className="font-semibold" data-testid="indicative">
            {t("abroad.assess.indicative")}
          </p>
          {d.rateMissing ? <p className="mt-2">{t("abroad.assess.rateMissing")}</p> : null}
        </Alert>
      ) : null}
      <dl className="mb-6 max-w-xl" data-testid="totals">
        <div className="flex justify-between border-b border-line py-2">
          <dt>{t("abroad.assess.totalPaid")}</dt>
          <dd>{money(d.totals.paidOre)}</dd>
        </div>
        <div className="flex justify-between border-b border-line py-2">
          <dt>{t("abroad.assess.totalEgenandel")}</dt>
          <dd>{money(d.totals.egenandelDeductedOre)}</dd>
        </div>
        <div className="flex justify-between border-b-2 border-ink py-2 text-xl font-bold">
          <dt>{t("abroad.assess.totalRefund")}</dt>
          <dd data-testid="refund-total">{d.rateMissing ? t("abroad.refundOpen") : money(d.totals.refundOre)}</dd>
        </div>
      </dl>
      {d.exemptions.toVerify ? (
        <Alert kind="info">
          <p data-testid="exemption-to-verify">{t(key(`abroad.assess.toVerify.${d.exemptions.toVerify}`))}</p>
        </Alert>
      ) : null}
      {d.exemptions.frikortYears.length ? (
        <p className="mb-4 max-w-prose">{d.exemptions.frikortYears.map((f) => t("abroad.assess.frikort", { year: f.year, date: formatDate(f.from, lang) })).join(" ")}</p>
      ) : null}

      <section className="mb-8 max-w-prose" aria-labelledby="next-steps" data-testid="next-steps">
        <h3 id="next-steps" className="mb-2 text-xl font-bold">
          {t("abroad.assess.next.title")}
        </h3>
        <p className="mb-2">
          {t("abroad.assess.next.processing", { months: d.next.processingMonths })}
          {d.next.processingUncertain ? ` ${t("abroad.assess.next.processingUncertain")}` : ""}
        </p>
        <p className="mb-2" data-testid="payout-rhythm" data-rhythm={d.next.rhythm}>
          {t(key(`abroad.assess.next.payout.${d.next.rhythm}`))}
          {d.next.rhythmUncertain ? ` ${t("abroad.assess.next.payoutUncertain")}` : ""}
        </p>
        <p>
          {t("abroad.assess.next.travel")} <a href={PUBLIC_SOURCES.pasientreiser}>{t("abroad.assess.next.travelSource")}</a>
        </p>
      </section>

      {d.invoices.map((inv, n) => (
        <section key={inv.documentId} className="mb-8" aria-labelledby={`est-${n}`}>
          <h3 id={`est-${n}`} className="mb-2 text-xl font-bold">
            {t("abroad.check.invoiceN", { n: n + 1 })}: <span className="break-all font-normal">{inv.filename}</span>
          </h3>
          {!inv.estimate ? (
            <Alert kind="warning">{t(key(`abroad.assess.error.${inv.error ?? "not-estimated"}`))}</Alert>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm" data-testid="estimate">
                <caption className="sr-only">{t("abroad.assess.caption", { n: n + 1 })}</caption>
                <thead>
                  <tr className="border-b-2 border-line">
                    <th scope="col" className="py-2 pr-3">
                      {t("abroad.line.date")}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t("abroad.line.treatmentForm")}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t("abroad.assess.col.paid")}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t("abroad.assess.col.norway")}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t("abroad.assess.col.egenandel")}
                    </th>
                    <th scope="col" className="py-2 text-right">
                      {t("abroad.assess.col.refund")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {inv.estimate.lines.map((l) => {
                    const line = inv.lines[l.index]!;
                    return (
                      <tr key={l.index} className="border-b border-line align-top" data-testid="estimate-line" data-status={l.status}>
                        <td className="py-2 pr-3 whitespace-nowrap">{line.date ? formatShortDate(line.date, lang) : "–"}</td>
                        <td className="py-2 pr-3">
                          {t(key(`abroad.form.${l.treatmentForm}`))}
                          {l.durationMinutes ? <span className="block text-muted">{t("abroad.assess.minutes", { n: l.durationMinutes })}</span> : null}
                          {l.status !== "covered" ? <span className="block font-semibold">{t(key(`abroad.assess.reason.${l.reason ?? "none"}`))}</span> : null}
                          {l.takster.length ? (
                            <span className="block text-muted">
                              {l.takster
                                .map((tk) => t("abroad.assess.takst", { code: tk.code, price: money(tk.honorarOre), from: formatShortDate(tk.validFrom, lang) }))
                                .join("; ")}
                              {l.takster.some((tk) => tk.confidence === "U") ? ` ${t("abroad.assess.estimatedTakst")}` : ""}
                            </span>
                          ) : null}
                          {l.notes.includes("duration-missing-priced-at-minimum") ? <span className="block text-muted">{t("abroad.assess.note.duration")}</span> : null}
                          {l.blockPricing && l.durationMinutes ? (
                            <span className="block text-muted" data-testid="priced-as" data-blocks={l.blockPricing.blocks}>
                              {l.blockPricing.blocks > 0
                                ? t("abroad.assess.note.blocks", {
                                    minutes: l.durationMinutes,
                                    base: l.blockPricing.baseMinutes,
                                    blocks: l.blockPricing.blocks,
                                    block: l.blockPricing.blockMinutes,
                                    price: money(l.blockPricing.perBlock.honorarOre),
                                  })
                                : t("abroad.assess.note.blocksNone", { minutes: l.durationMinutes, base: l.blockPricing.baseMinutes })}
                            </span>
                          ) : null}
                          {l.pricedAsMinutes !== null && l.durationMinutes ? (
                            <span className="block text-muted" data-testid="priced-as">
                              {t("abroad.assess.note.rounded", { minutes: l.durationMinutes, tier: l.pricedAsMinutes })}
                            </span>
                          ) : null}
                        </td>
                        <td className="py-2 pr-3">
                          {formatAmount(line.amount, inv.currency, lang)}
                          {l.rate ? (
                            <span className="block text-muted" data-testid="line-rate">
                              = {money(l.paidOre)} (
                              {t("abroad.assess.rate", {
                                rate: lang === "en" ? l.rate.nokPerUnit : l.rate.nokPerUnit.replace(".", ","),
                                currency: l.rate.currency,
                                date: formatShortDate(l.rate.rateDate, lang),
                              })}
                              )
                              {l.rate.rateDate !== l.rate.requestedDate ? (
                                <span className="block">
                                  {t("abroad.assess.rateEarlier", {
                                    date: formatShortDate(l.rate.requestedDate, lang),
                                    why: t(key(`abroad.assess.noRateDay.${l.rate.skipped[0]?.reason ?? "not-published"}`)),
                                  })}
                                </span>
                              ) : null}
                            </span>
                          ) : l.rateOpen ? (
                            <span className="block text-muted" data-testid="line-rate-open">
                              {t(key(`abroad.assess.rateOpen.${l.rateOpen.why}`), {
                                date: formatShortDate(l.rateOpen.requestedDate, lang),
                                through: l.rateOpen.publishedThrough ? formatShortDate(l.rateOpen.publishedThrough, lang) : "–",
                                currency: l.rateOpen.currency,
                                days: MAX_FALLBACK_DAYS,
                              })}{" "}
                              {t("abroad.assess.noRate")}
                            </span>
                          ) : l.reason === "rate-missing" ? (
                            <span className="block text-muted">{t("abroad.assess.noRate")}</span>
                          ) : null}
                        </td>
                        <td className="py-2 pr-3">{l.status === "not-covered" ? "–" : money(l.norwegianPriceOre)}</td>
                        <td className="py-2 pr-3">
                          {l.status === "not-covered" ? "–" : money(l.egenandelDeductedOre)}
                          {l.egenandelExemption ? <span className="block text-muted">{t(key(`abroad.assess.exempt.${l.egenandelExemption}`))}</span> : null}
                          {l.exemptionToVerify ? (
                            <span className="block font-semibold" data-testid="to-verify">
                              {t("abroad.assess.toVerify")}
                            </span>
                          ) : null}
                        </td>
                        <td className="py-2 text-right font-semibold">
                          {l.status === "covered" ? money(l.refundOre) : l.reason === "rate-missing" || l.reason === "currency-unknown" ? t("abroad.assess.lineOpen") : "–"}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr className="font-bold">
                    <th scope="row" colSpan={5} className="py-2 pr-3 text-left">
                      {t("abroad.assess.invoiceTotal")}
                    </th>
                    <td className="py-2 text-right">{inv.estimate.totals.refundOpen ? t("abroad.refundOpen") : money(inv.estimate.totals.refundOre)}</td>
                  </tr>
                </tfoot>
              </table>
              <details className="mt-2">
                <summary className="cursor-pointer font-semibold text-brand underline">{t("abroad.assess.rules")}</summary>
                <p className="mt-2 max-w-prose text-sm">{t("abroad.assess.formula")}</p>
                <ul className="mt-2 text-sm">
                  {inv.estimate.rules.map((r) => {
                    const text = residentRuleText(r, t, lang);
                    return (
                      <li key={r.key} className="mb-1" data-testid="rule" data-rule={r.kind}>
                        {text.sentence}
                        {text.uncertain ? ` ${text.uncertain}` : ""} <a href={text.source.href}>{text.source.label}</a>
                      </li>
                    );
                  })}
                </ul>
              </details>
            </div>
          )}
        </section>
      ))}

      <Link to={`${base}/konto`} className={`${buttonClass} inline-block no-underline`} data-testid="continue">
        {t("form.continue")}
      </Link>
      <p className="mt-6">
        <Link to={`${base}/${d.referralAsked ? "henvisning" : "kontroll"}`}>{d.referralAsked ? t("abroad.back") : t("abroad.back.check")}</Link>
      </p>
    </>
  );
}
