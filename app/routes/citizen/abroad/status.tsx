import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppealForm } from "~/components/appeal-form";
import { RepaymentNotice } from "~/components/repayment";
import { claimsOfApplication } from "~/models/repayment-claims.server";
import { AbroadAnswerForm } from "./answer-form";
import { answerAction } from "./answer.server";
import { openQuestion } from "~/services/abroad-review.server";
import { answerOf } from "~/domain/abroad-corrections";
import { useRootData } from "~/i18n/use-t";
import { Alert, PageHeading } from "~/components/ui";
import { abroadAppealDeadline } from "~/domain/abroad-decision";
import { expectedPayout } from "~/domain/payout-timing";
import { formatDate, type MessageKey } from "~/i18n";
import { CaseIntent } from "~/schemas/intents";
import { appealAbroad, lastAppealOutcome, listAbroadPayouts, listDecisions } from "~/services/abroad-decision.server";
import { intentOf, readForm } from "~/utils/form.server";
import { readMultipartForm, takeUpload } from "~/utils/upload.server";
import { requireCsrf } from "~/utils/session.server";
import { formatOre, ore } from "~/kernel/money";
import { useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { loadApplication } from "~/services/abroad-application.server";
import { maskAccount, resumeStep, timelineOf } from "~/domain/abroad-application";
import { todayOslo } from "~/utils/clock.server";
import { osloDate, osloDateTime } from "~/utils/format.server";
import { daysBetween } from "~/kernel/dates";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen } from "~/utils/session.server";
import { caseOpenings, deadlinesOf } from "~/services/staff-console.server";
import { key } from "./shared";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.status.title");

/** While Helfo works on it: the service goal for an application abroad, counted from the Oslo day it was received. */
function processingTime(submittedAt: string | null, status: string): { weeks: number; by: string } | null {
  if (!submittedAt || !["received", "under-review", "more-info"].includes(status)) return null;
  const receivedOn = osloDate(new Date(submittedAt));
  const by = deadlinesOf("abroad-refund", receivedOn).deadline;
  return { weeks: Math.round(daysBetween(receivedOn, by) / 7), by };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const view = await loadApplication(context.database.db, user.personId, params.applicationId ?? "");
  if (!view) throw new Response("Not Found", { status: 404 });
  if (view.app.status === "draft") {
    // A draft has no status yet: continue it where it was left.
    const person = await getPerson(context.database.db, user.personId);
    throw redirect(`/mine/utland/${view.app.id}/${resumeStep(view, person?.birthDate ?? null, todayOslo())}`);
  }
  const lang = await getLang(request);
  const d = view.data;
  const events = d.events ?? [];
  const openings = await caseOpenings(context.database.db, user.personId, "abroad", view.app.id);
  const decisions = await listDecisions(context.database.db, view.app.id);
  const payouts = await listAbroadPayouts(context.database.db, view.app.id);
  const repayments = await claimsOfApplication(context.database.db, view.app.id);
  const last = decisions.at(-1) ?? null;
  const appealBy = last ? abroadAppealDeadline(last.decidedOn) : null;
  const appealOutcome = lastAppealOutcome(events);
  const question = openQuestion(view.app);
  return {
    question: question ? { text: question.question, at: osloDateTime(new Date(question.at), lang) } : null,
    answered: new URL(request.url).searchParams.get("svart") === "1",
    csrf: user.csrf,
    appealed: new URL(request.url).searchParams.get("klage") === "1",
    appeal: last && appealBy && (view.app.status === "decided" || view.app.status === "paid") ? { by: appealBy, open: todayOslo() <= appealBy } : null,
    appealOutcome: appealOutcome ? { outcome: appealOutcome.outcome } : null,
    decisions: decisions
      .map((x) => ({
        seq: x.seq,
        outcome: x.outcome,
        refundOre: x.refundOre,
        decidedOn: x.decidedOn,
        lines: x.lines.map((l) => ({
          key: `${l.invoiceNo}-${l.lineNo}`,
          treatmentDate: l.treatmentDate,
          description: l.description,
          claimed: `${l.claimedAmount} ${l.currency}`,
          outcome: l.outcome,
          approved: l.outcome === "approve-part" ? `${l.approvedAmount} ${l.currency}` : null,
          refundOre: l.refundOre,
          reasons: l.reasons,
        })),
      }))
      .reverse(),
    payouts: payouts.filter((p) => p.status === "paid" || p.status === "pending").map((p) => ({ amountOre: p.amountOre, status: p.status, paidOn: p.paidOn })),
    // when a pending payout is expected: the next payout run by the dated rhythm (issue 18 item 5), uncertain in words
    nextPayout: expectedPayout(todayOslo()),
    repayments: repayments.map((r) => ({ amountOre: r.amountOre, paidOre: r.paidOre, refundOre: r.refundOre, status: r.status })),
    openings: openings.map((o) => ({ unit: o.unit, count: o.count, at: osloDateTime(o.at, lang) })),
    applicationId: view.app.id,
    justSent: new URL(request.url).searchParams.get("sendt") === "1",
    reference: d.reference ?? "",
    status: view.app.status,
    // every status in the order it happened, then the steps ahead ("more information" only when asked: issue 22, item 9)
    steps: timelineOf(events, view.app.status).map((s) => ({ ...s, at: s.at ? osloDateTime(new Date(s.at), lang) : null })),
    processing: processingTime(d.submittedAt ?? null, view.app.status),
    sent: d.sent
      ? {
          documents: d.sent.documents.length,
          refundOre: d.sent.estimate.refundOre,
          indicative: d.sent.estimate.indicative || d.sent.estimate.rateMissing,
          refundOpen: d.sent.estimate.rateMissing,
          account: maskAccount(d.sent.account),
        }
      : null,
  };
}

const APPEAL_MAX = 2000;

/** The resident appeals the decision (text and/or a file, content-checked like every upload), as on the case page. */
export async function action(args: ActionFunctionArgs) {
  const { request, context, params } = args;
  const user = await requireCitizen(request, context.config);
  // While Helfo asks for more information the page's form is the answer (answer.server.ts); after a decision, the appeal.
  const current = await loadApplication(context.database.db, user.personId, params.applicationId ?? "");
  if (current?.app.status === "more-info") return answerAction(request, context, params.applicationId ?? "");
  return appealAction(args);
}

async function appealAction({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const form = multipart ? await readMultipartForm(request) : await readForm(request);
  if (form === "too-large") return data({ errors: { attachment: "errors.upload.too-large" as MessageKey } as Record<string, MessageKey>, text: "" }, { status: 400 });
  requireCsrf(user.csrf, form);
  const db = context.database.db;
  const view = await loadApplication(db, user.personId, params.applicationId ?? "");
  if (!view || view.app.status === "draft") throw new Response("Not Found", { status: 404 });
  intentOf(form, CaseIntent.extract(["appeal"]));
  const text = String(form.get("answer") ?? "").trim();
  const errors: Record<string, MessageKey> = {};
  if (text.length > APPEAL_MAX) errors.answer = "case.answer.error.long";
  const { upload, error } = await takeUpload(db, user.personId, form, "attachment", null);
  if (error) errors.attachment = error as MessageKey;
  if (!text && !upload && !error) errors.answer = "case.appeal.error.empty";
  if (Object.keys(errors).length) return data({ errors, text }, { status: 400 });
  const res = await appealAbroad(db, user.personId, view.app.id, { text, uploadId: upload?.id ?? null }, todayOslo());
  if (!res.ok && res.reason === "not-found") throw new Response("Not Found", { status: 404 });
  if (!res.ok)
    return data(
      { errors: { answer: res.reason === "deadline-passed" ? "case.appeal.error.deadline" : "case.appeal.error.notDecided" } as Record<string, MessageKey>, text },
      { status: 409 },
    );
  return redirect(`/mine/utland/${view.app.id}?klage=1`);
}

export default function AbroadStatus() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, MessageKey> = result && "errors" in result ? result.errors : {};
  const currentIndex = d.steps.findIndex((s) => s.current);
  return (
    <>
      {d.justSent ? (
        <div className="mb-8 rounded-lg bg-success p-6 text-center text-white" data-testid="confirmation">
          <h1 className="mb-2 text-3xl font-bold">{t("abroad.status.sent")}</h1>
          <p className="text-lg">{t("case.reference")}</p>
          <p className="text-2xl font-bold tracking-wider" data-testid="reference">
            {d.reference}
          </p>
        </div>
      ) : (
        <PageHeading>{t("abroad.status.title")}</PageHeading>
      )}
      {d.justSent ? <h2 className="mb-4 text-2xl font-bold">{t("abroad.status.title")}</h2> : null}
      <p className="mb-2">
        {t("case.reference")}: <strong>{d.reference}</strong>
      </p>
      <p className="mb-6">
        {t("case.status")}: <strong data-testid="status">{t(key(`case.status.${d.status}`))}</strong>
      </p>
      {d.justSent ? <Alert kind="info">{t("abroad.status.next")}</Alert> : null}
      {d.appealed ? <Alert kind="success">{t("case.appeal.sent")}</Alert> : null}
      {d.decisions.length ? (
        <section className="mb-8" aria-labelledby="decision-title" data-testid="abroad-decision">
          <h2 id="decision-title" className="mb-3 text-xl font-bold">
            {t("abroad.decision.title")}
          </h2>
          <RepaymentNotice claims={d.repayments} kind="abroad-refund" />
          {d.payouts.map((p, i) => (
            <p key={i} className="mb-2 font-semibold" data-testid={p.status === "paid" ? "abroad-paid" : "abroad-payout-pending"}>
              {p.status === "paid" && p.paidOn
                ? t("abroad.decision.paid", { amount: formatOre(p.amountOre, lang), date: formatDate(p.paidOn, lang) })
                : `${t("abroad.decision.payoutExpected", { amount: formatOre(p.amountOre, lang), date: formatDate(d.nextPayout.runOn, lang) })}${d.nextPayout.uncertain ? ` ${t("abroad.assess.next.payoutUncertain")}` : ""}`}
            </p>
          ))}
          {d.decisions.map((x, i) => (
            <div key={x.seq} className={`mb-6 ${i > 0 ? "text-muted" : ""}`} data-testid="abroad-decision-entry">
              <p className="font-semibold">
                {t("abroad.decision.decidedOn", { date: formatDate(x.decidedOn, lang) })}: {t(`abroadDecision.outcome.${x.outcome}`)} · {t("abroad.decision.refund")}{" "}
                {formatOre(x.refundOre, lang)}
                {i > 0 ? ` · ${t("abroad.decision.superseded")}` : ""}
              </p>
              <table className="mb-2 w-full border-collapse text-left text-sm">
                <caption className="sr-only">{t("abroad.decision.title")}</caption>
                <thead>
                  <tr className="border-b-2 border-ink">
                    <th scope="col" className="p-1">
                      {t("abroad.decision.col.line")}
                    </th>
                    <th scope="col" className="p-1">
                      {t("abroad.decision.col.claimed")}
                    </th>
                    <th scope="col" className="p-1">
                      {t("abroad.decision.col.decision")}
                    </th>
                    <th scope="col" className="p-1">
                      {t("abroad.decision.col.refund")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {x.lines.map((l) => (
                    <tr key={l.key} className="border-b border-line" data-testid="abroad-decision-line">
                      <td className="p-1">
                        {l.treatmentDate ? formatDate(l.treatmentDate, lang) : "–"} {l.description}
                      </td>
                      <td className="p-1">{l.claimed}</td>
                      <td className="p-1">
                        {t(`abroadDecision.line.${l.outcome}`)}
                        {l.approved ? ` (${l.approved})` : ""}
                        {l.reasons.map((r) => (
                          <span key={r} className="block text-muted">
                            {t(`abroadDecision.reason.${r}` as MessageKey)}
                          </span>
                        ))}
                      </td>
                      <td className="p-1">{formatOre(l.refundOre, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <a href={`/mine/utland/${d.applicationId}/vedtak.pdf?nr=${x.seq}`} download data-testid="abroad-vedtak">
                {t("abroad.decision.letter")}
              </a>
            </div>
          ))}
          {d.appealOutcome ? (
            <p className="mb-4">
              <a href={`/mine/utland/${d.applicationId}/klagesvar.pdf`} download data-testid="abroad-appeal-letter">
                {t("appealLetter.link")}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
      {d.appeal ? <AppealForm appeal={d.appeal} csrf={d.csrf} errors={errors} text={result && "text" in result ? result.text : ""} /> : null}
      {d.answered ? <Alert kind="success">{t("abroad.answer.sent")}</Alert> : null}
      {d.question ? <AbroadAnswerForm csrf={user?.csrf ?? ""} question={d.question} errors={result && "answerErrors" in result ? result.answerErrors : undefined} /> : null}
      {d.sent ? (
        <dl className="mb-6 max-w-xl">
          <div className="flex justify-between border-b border-line py-2">
            <dt>{t("abroad.summary.documents")}</dt>
            <dd>{d.sent.documents}</dd>
          </div>
          <div className="flex justify-between border-b border-line py-2">
            <dt>{t("abroad.summary.estimate")}</dt>
            <dd>
              {d.sent.refundOpen ? t("abroad.refundOpen") : formatOre(ore(d.sent.refundOre), lang)}
              {d.sent.indicative && !d.sent.refundOpen ? ` (${t("abroad.summary.indicative")})` : ""}
            </dd>
          </div>
          <div className="flex justify-between border-b border-line py-2">
            <dt>{t("abroad.summary.payment")}</dt>
            <dd>{d.sent.account}</dd>
          </div>
        </dl>
      ) : null}
      <p className="mb-8">
        <a href={`/mine/utland/${d.applicationId}/kvittering.pdf`} className="font-semibold" data-testid="receipt" download>
          {t("abroad.status.receipt")}
        </a>
      </p>
      <h2 className="mb-3 text-xl font-bold">{t("abroad.status.timeline")}</h2>
      {d.processing ? (
        <p className="mb-4 max-w-prose" data-testid="processing-time">
          {t("abroad.status.processingTime", { weeks: d.processing.weeks, date: formatDate(d.processing.by, lang) })}
        </p>
      ) : null}
      <ol className="mb-8 border-l-2 border-line pl-4" data-testid="timeline">
        {d.steps.map((s, i) => {
          const reached = s.at !== null || i <= currentIndex;
          return (
            <li key={i} className={`mb-3 ${reached ? "" : "text-muted"}`} data-testid="timeline-step" data-reached={reached ? "yes" : "no"}>
              <p className="font-semibold">
                {t(key(`case.status.${s.status}`))}
                {s.current ? <span className="ml-2 rounded bg-info-bg px-2 py-0.5 text-sm text-ink">{t("abroad.status.now")}</span> : null}
              </p>
              <p className="text-sm">{s.at ?? (reached ? "" : t("abroad.status.notYet"))}</p>
              {s.note ? (
                answerOf(s.note) !== null ? (
                  <p>
                    <strong>{t("abroad.answer.yours")}</strong> {answerOf(s.note)}
                  </p>
                ) : (
                  <p>{s.note}</p>
                )
              ) : null}
            </li>
          );
        })}
      </ol>
      {d.openings.length ? (
        <>
          <h2 className="mb-3 text-xl font-bold">{t("case.openings")}</h2>
          <ul className="mb-8" data-testid="case-openings">
            {d.openings.map((o, i) => (
              <li key={i}>{t(o.count > 1 ? "case.openedByTimes" : "case.openedBy", { unit: t(key(`case.unit.${o.unit}`)), at: o.at, count: o.count })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="/mine/utland">{t("abroad.status.back")}</Link>
      </p>
    </>
  );
}
