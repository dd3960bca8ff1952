import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AbroadAnswerForm } from "./answer-form";
import { answerAction } from "./answer.server";
import { openQuestion } from "~/services/abroad-review.server";
import { answerOf } from "~/domain/abroad-corrections";
import { useRootData } from "~/i18n/use-t";
import { Alert, PageHeading } from "~/components/ui";
import { formatOre } from "~/kernel/money";
import { useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { loadApplication } from "~/services/abroad-application.server";
import { maskAccount, resumeStep, STATUS_FLOW } from "~/domain/abroad-application";
import { todayOslo } from "~/utils/clock.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen } from "~/utils/session.server";
import { caseOpenings } from "~/services/staff-console.server";
import { key } from "./shared";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.status.title");

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
  const q = new URL(request.url).searchParams;
  const question = openQuestion(view.app);
  return {
    question: question ? { text: question.question, at: osloDateTime(new Date(question.at), lang) } : null,
    answered: q.get("svart") === "1",
    openings: openings.map((o) => ({ unit: o.unit, at: osloDateTime(o.at, lang) })),
    applicationId: view.app.id,
    justSent: new URL(request.url).searchParams.get("sendt") === "1",
    reference: d.reference ?? "",
    status: view.app.status,
    steps: STATUS_FLOW.map((s) => {
      const e = [...events].reverse().find((x) => x.status === s);
      return { status: s, at: e ? osloDateTime(new Date(e.at), lang) : null, note: e?.note ?? null };
    }),
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

/** The resident's answer to a request for more information (answer.server.ts). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  return answerAction(request, context, params.applicationId ?? "");
}

export default function AbroadStatus() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const currentIndex = STATUS_FLOW.indexOf(d.status as (typeof STATUS_FLOW)[number]);
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
              {d.sent.refundOpen ? t("abroad.refundOpen") : formatOre(d.sent.refundOre, lang)}
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
      <ol className="mb-8 border-l-2 border-line pl-4" data-testid="timeline">
        {d.steps.map((s, i) => {
          const reached = s.at !== null || i <= currentIndex;
          return (
            <li key={s.status} className={`mb-3 ${reached ? "" : "text-muted"}`} data-testid="timeline-step" data-reached={reached ? "yes" : "no"}>
              <p className="font-semibold">
                {t(key(`case.status.${s.status}`))}
                {i === currentIndex ? <span className="ml-2 rounded bg-info-bg px-2 py-0.5 text-sm text-ink">{t("abroad.status.now")}</span> : null}
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
              <li key={i}>{t("case.openedBy", { unit: t(key(`case.unit.${o.unit}`)), at: o.at })}</li>
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
