import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import { formatOre, ore } from "~/kernel/money";
import { useRootData, useT } from "~/i18n/use-t";
import { childForWholePeriod, earliestPaymentInTime } from "~/domain/abroad-start";
import { formatShortDate } from "~/i18n";
import { assess, submitApplication } from "~/services/abroad-application.server";
import { maskAccount, progressOf, countsAs, documentClasses } from "~/domain/abroad-application";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { loadDraft } from "./draft.server";
import { formatAmount, fromMinor, key, referrerText, StepOf, SummaryRow, toMinor } from "./shared";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.summary.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, view, today, birthDate } = await loadDraft(request, context, params.applicationId, "oppsummering");
  const db = context.database.db;
  const a = await assess(db, user.personId, view, today);
  const progress = progressOf(view, birthDate, today);
  const dd = view.data;
  return {
    applicationId: view.app.id,
    start: {
      country: dd.country ?? "",
      period: dd.period ?? null,
      paidBefore: dd.period?.paidRecently === false ? earliestPaymentInTime(today) : null,
      exemption: dd.exemption ?? null,
      child: childForWholePeriod(birthDate, dd.period),
      referral: progress.referralNeeded ? (dd.referral ?? null) : null,
    },
    // what each document counts as: a card slip uploaded among the invoices is listed as proof of payment
    documents: (() => {
      const classes = documentClasses(view.documents.map((d) => d.doc));
      return view.documents.map((d) => ({ kind: countsAs(classes, d.doc), filename: d.doc.filename }));
    })(),
    invoices: view.invoices.map((i) => {
      const sum = i.answers.lines.reduce((s, l) => s + (toMinor(l.amount) ?? 0), 0);
      return { filename: i.doc.filename, provider: i.answers.providerName, currency: i.answers.currency, lines: i.answers.lines.length, sum: fromMinor(sum) };
    }),
    refundOre: a.totals.refundOre,
    indicative: a.indicative || a.rateMissing,
    refundOpen: a.rateMissing,
    problems: a.checks.filter((c) => c.status === "missing").length,
    account: maskAccount(view.data.account!),
    accountKind: view.data.account!.kind,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const id = params.applicationId ?? "";
  const r = await submitApplication(context.database.db, user.personId, id, todayOslo());
  if (!r.ok) {
    if (r.reason === "not-found") throw new Response("Not Found", { status: 404 });
    const step = r.reason === "documents" ? "dokumenter" : r.reason === "invoices" ? "kontroll" : r.reason === "account" ? "konto" : r.reason;
    return redirect(`/mine/utland/${id}/${step}`);
  }
  return redirect(`/mine/utland/${r.app.id}?sendt=1`);
}

export default function AbroadSummary() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const d = useLoaderData<typeof loader>();
  const base = `/mine/utland/${d.applicationId}`;
  const change = (step: string) => ({ href: `${base}/${step}`, text: t("check.change") });
  // The start questions return here after saving.
  const changeStart = (step: string) => ({ href: `${base}/${step}?tilbake=oppsummering`, text: t("check.change") });
  const st = d.start;
  const exemptionText = st.child
    ? t("abroad.summary.exemption.child")
    : st.exemption
      ? st.exemption.kind === "other"
        ? t("abroad.summary.exemption.other", { text: st.exemption.otherText ?? "" })
        : t(key(`abroad.summary.exemption.${st.exemption.kind}`))
      : "–";
  return (
    <>
      <StepOf step="oppsummering" t={t} />
      <PageHeading>{t("abroad.summary.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("abroad.summary.lead")}</p>
      <h2 className="mb-2 text-xl font-bold">{t("abroad.summary.start")}</h2>
      <dl className="mb-8 max-w-3xl">
        <SummaryRow label={t("abroad.summary.country")} value={st.country ? t(key(`abroad.country.${st.country}`)) : "–"} change={changeStart("land")} testId="summary-country" />
        <SummaryRow
          label={t("abroad.summary.period")}
          value={
            st.period
              ? `${t("abroad.summary.periodValue", { from: formatShortDate(st.period.from, lang), to: formatShortDate(st.period.to, lang) })}${st.paidBefore ? ` (${t("abroad.summary.paidLate", { date: formatShortDate(st.paidBefore, lang) })})` : ""}`
              : "–"
          }
          change={changeStart("periode")}
          testId="summary-period"
        />
        <SummaryRow label={t("abroad.summary.exemption")} value={exemptionText} change={st.child ? undefined : changeStart("fritak")} testId="summary-exemption" />
        {st.referral ? (
          <SummaryRow
            label={t("abroad.summary.referral")}
            value={
              st.referral.had
                ? [t("abroad.summary.referral.yes", { date: formatShortDate(st.referral.date, lang) }), referrerText(st.referral.referrer, t)].filter(Boolean).join(". ")
                : t("abroad.summary.referral.no")
            }
            change={changeStart("henvisning")}
            testId="summary-referral"
          />
        ) : null}
      </dl>
      <h2 className="mb-2 text-xl font-bold">{t("abroad.summary.documents")}</h2>
      <dl className="mb-8 max-w-3xl">
        {d.documents.map((doc, i) => (
          <SummaryRow key={i} label={t(key(`abroad.kind.${doc.kind}`))} value={doc.filename} change={i === 0 ? change("dokumenter") : undefined} />
        ))}
      </dl>
      <h2 className="mb-2 text-xl font-bold">{t("abroad.summary.invoices")}</h2>
      <dl className="mb-8 max-w-3xl">
        {d.invoices.map((inv, i) => (
          <SummaryRow
            key={i}
            testId="summary-invoice"
            label={`${t("abroad.check.invoiceN", { n: i + 1 })}: ${inv.provider}`}
            value={t("abroad.summary.lines", { count: inv.lines, sum: formatAmount(inv.sum, inv.currency, lang) })}
            change={change("kontroll")}
          />
        ))}
        <SummaryRow
          label={t("abroad.summary.estimate")}
          value={d.refundOpen ? t("abroad.refundOpen") : `${formatOre(ore(d.refundOre), lang)}${d.indicative ? ` (${t("abroad.summary.indicative")})` : ""}`}
          // A computed value has nothing to change: the link shows how it was computed (issue 22, item 9).
          change={{ href: `${base}/vurdering`, text: t("abroad.summary.seeCalc") }}
          note={t("abroad.summary.computed")}
          testId="summary-estimate"
        />
      </dl>
      <h2 className="mb-2 text-xl font-bold">{t("abroad.summary.payment")}</h2>
      <dl className="mb-8 max-w-3xl">
        <SummaryRow label={t(d.accountKind === "no" ? "abroad.account.kontonummer" : "abroad.account.iban")} value={d.account} change={change("konto")} testId="summary-account" />
      </dl>
      {d.problems > 0 ? <Alert kind="warning">{t("abroad.summary.problems", { count: d.problems })}</Alert> : null}
      <h2 className="mb-2 text-xl font-bold">{t("abroad.summary.declarationHeading")}</h2>
      <p className="mb-6 max-w-prose">{t("abroad.summary.declaration")}</p>
      <Form method="post">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <button type="submit" className={buttonClass}>
          {t("abroad.summary.submit")}
        </button>
      </Form>
    </>
  );
}
