import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppealForm } from "~/components/appeal-form";
import { lastAppealOutcome } from "~/domain/appeal";
import { Alert, Card, PageHeading } from "~/components/ui";
import { formatOre, ore } from "~/kernel/money";
import type { ServiceType } from "~/kernel/types";
import { formatDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { caseHistory, getCase } from "~/services/cases.server";
import { answerMoreInfo, APPEALABLE, appealCase, caseOpenings, lastDecision } from "~/services/staff-console.server";
import { appealDeadline } from "~/services/vedtak-pdf.server";
import { RepaymentNotice } from "~/components/repayment";
import { claimsOfCase } from "~/models/repayment-claims.server";
import { todayOslo } from "~/utils/clock.server";
import { FileInput } from "~/components/file-input";
import { MAX_UPLOAD_BYTES } from "~/utils/upload-limits";
import { readMultipartForm, takeUpload } from "~/utils/upload.server";
import { intentOf, readForm } from "~/utils/form.server";
import { CaseIntent } from "~/schemas/intents";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen, requireCsrf } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "case.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const c = await getCase(db, user.personId, params.caseId!);
  if (!c || c.status === "draft") throw new Response("Not Found", { status: 404 });
  const lang = await getLang(request);
  const history = await caseHistory(db, c.id);
  const openings = await caseOpenings(db, user.personId, "case", c.id);
  const decision = lastDecision(c.kind, history);
  const appealBy = decision ? appealDeadline(decision.on) : null;
  const repayments = c.kind === "frikort-application" ? await claimsOfCase(db, c.id) : [];
  return {
    repayments: repayments.map((r) => ({ amountOre: r.amountOre, paidOre: r.paidOre, refundOre: r.refundOre, status: r.status })),
    hasLetter: decision !== null,
    hasAppealLetter: lastAppealOutcome(history) !== null,
    appeal: decision && appealBy && (APPEALABLE[c.kind] ?? []).includes(c.status) ? { by: appealBy, open: todayOslo() <= appealBy } : null,
    appealed: new URL(request.url).searchParams.get("klage") === "1",
    caseId: c.id,
    csrf: user.csrf,
    answered: new URL(request.url).searchParams.get("svar") === "1",
    openings: openings.map((o) => ({ unit: o.unit, count: o.count, at: osloDateTime(o.at, lang) })),
    justSent: new URL(request.url).searchParams.get("sendt") === "1",
    c: { reference: c.reference, kind: c.kind, status: c.status, reason: c.statusReason, data: c.data as Record<string, string | number> },
    history: history.filter((h) => h.status !== "draft").map((h) => ({ id: h.id, status: h.status, note: h.note, at: osloDateTime(h.at, lang) })),
  };
}

const ANSWER_MAX = 2000;

/** The resident answers Helfo's request for more information: text and/or a file (content-checked like every upload). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  // the form is multipart (it takes a file); an urlencoded post (text only) is read as such, never a 500
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const form = multipart ? await readMultipartForm(request) : await readForm(request);
  if (form === "too-large") return data({ errors: { attachment: "errors.upload.too-large" as MessageKey } as Record<string, MessageKey>, text: "" }, { status: 400 });
  requireCsrf(user.csrf, form);
  const db = context.database.db;
  const c = await getCase(db, user.personId, params.caseId ?? "");
  if (!c || c.status === "draft") throw new Response("Not Found", { status: 404 });
  const intent = intentOf(form, CaseIntent);
  const text = String(form.get("answer") ?? "").trim();
  const errors: Record<string, MessageKey> = {};
  if (text.length > ANSWER_MAX) errors.answer = "case.answer.error.long";
  const { upload, error } = await takeUpload(db, user.personId, form, "attachment", null);
  if (error) errors.attachment = error as MessageKey;
  if (!text && !upload && !error) errors.answer = intent === "appeal" ? "case.appeal.error.empty" : "case.answer.error.empty";
  if (Object.keys(errors).length) return data({ errors, text }, { status: 400 });
  if (intent === "appeal") {
    const res = await appealCase(db, user.personId, c.id, { text, uploadId: upload?.id ?? null }, todayOslo(), appealDeadline);
    if (!res.ok && res.reason === "not-found") throw new Response("Not Found", { status: 404 });
    if (!res.ok)
      return data(
        { errors: { answer: res.reason === "deadline-passed" ? "case.appeal.error.deadline" : "case.appeal.error.notDecided" } as Record<string, MessageKey>, text },
        { status: 409 },
      );
    return redirect(`/mine/saker/${c.id}?klage=1`);
  }
  const res = await answerMoreInfo(db, user.personId, c.id, { text, uploadId: upload?.id ?? null });
  if (!res.ok && res.reason === "not-found") throw new Response("Not Found", { status: 404 });
  return redirect(`/mine/saker/${c.id}?svar=1`);
}

export default function CasePage() {
  const { t, lang } = useT();
  const { justSent, c, history, openings, csrf, answered, caseId, hasLetter, hasAppealLetter, appeal, appealed, repayments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, MessageKey> = result?.errors ?? {};
  const d = c.data;
  return (
    <>
      {justSent ? (
        <div className="mb-8 rounded-lg bg-success p-6 text-center text-white" data-testid="confirmation">
          <h1 className="mb-2 text-3xl font-bold">{t(`case.sent.${c.kind}` as MessageKey)}</h1>
          <p className="text-lg">{t("case.reference")}</p>
          <p className="text-2xl font-bold tracking-wider" data-testid="reference">
            {c.reference}
          </p>
        </div>
      ) : (
        <PageHeading>{t(`case.kind.${c.kind}` as MessageKey)}</PageHeading>
      )}
      {justSent ? <h2 className="mb-4 text-2xl font-bold">{t(`case.kind.${c.kind}` as MessageKey)}</h2> : null}
      <p className="mb-2">
        {t("case.reference")}: <strong>{c.reference}</strong>
      </p>
      <p className="mb-6">
        {t("case.status")}: <strong data-testid="case-status">{t(`case.status.${c.status}` as MessageKey)}</strong>
        {c.reason ? <span className="block text-muted">{c.reason}</span> : null}
      </p>
      <RepaymentNotice claims={repayments} kind="frikort-grant" />
      {answered ? <Alert kind="success">{t("case.answer.sent")}</Alert> : null}
      {appealed ? <Alert kind="success">{t("case.appeal.sent")}</Alert> : null}
      {hasLetter ? (
        <p className="mb-6">
          <a href={`/mine/saker/${caseId}/vedtak.pdf`} data-testid="vedtak-link" download>
            {t("case.vedtak")}
          </a>
        </p>
      ) : null}
      {hasAppealLetter ? (
        <p className="mb-6">
          <a href={`/mine/saker/${caseId}/klagesvar.pdf`} data-testid="appeal-letter-link" download>
            {t("appealLetter.link")}
          </a>
        </p>
      ) : null}
      {c.status === "more-info" ? (
        <Card className="mb-6">
          <h2 className="mb-3 text-xl font-bold">{t("case.answer.title")}</h2>
          <p className="mb-4 whitespace-pre-wrap" data-testid="more-info-question">
            {c.reason}
          </p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="answer" />
            <label htmlFor="answer" className="mb-1 block font-semibold">
              {t("case.answer.text")}
            </label>
            {errors.answer ? (
              <p id="answer-error" className="mb-1 font-semibold text-danger">
                {t(errors.answer)}
              </p>
            ) : null}
            <textarea
              id="answer"
              name="answer"
              rows={5}
              defaultValue={result?.text ?? ""}
              className="mb-4 w-full rounded border-2 border-ink p-2"
              aria-invalid={errors.answer ? true : undefined}
              aria-describedby={errors.answer ? "answer-error" : undefined}
            />
            <label htmlFor="attachment" className="mb-1 block font-semibold">
              {t("case.answer.attachment")}
            </label>
            <p id="attachment-hint" className="mb-1 text-muted">
              {t("case.answer.attachmentHint")}
            </p>
            {errors.attachment ? (
              <p id="attachment-error" className="mb-1 font-semibold text-danger">
                {t(errors.attachment)}
              </p>
            ) : null}
            <FileInput
              id="attachment"
              name="attachment"
              t={t}
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              className="mb-4"
              invalid={Boolean(errors.attachment)}
              describedBy={errors.attachment ? "attachment-hint attachment-error" : "attachment-hint"}
              maxBytes={MAX_UPLOAD_BYTES}
            />
            <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
              {t("case.answer.send")}
            </button>
          </Form>
        </Card>
      ) : null}
      {appeal ? <AppealForm appeal={appeal} csrf={csrf} errors={errors} text={result?.text ?? ""} /> : null}
      {c.kind === "missing-egenandel" ? (
        <Card className="mb-6">
          <p>
            {formatDate(String(d.serviceDate), lang)} · {String(d.providerName)} · {t(`service.${d.serviceType as ServiceType}`)} · {formatOre(ore(Number(d.amountOre)), lang)}
          </p>
          <p className="mt-2 text-muted">{t("case.next.missing-egenandel")}</p>
        </Card>
      ) : null}
      {c.kind === "tip" ? (
        <Card className="mb-6">
          <p>{t(`tip.reason.${String(d.reason)}` as MessageKey)}</p>
          <p className="mt-2 text-muted">{t("tip.stillCounted")}</p>
        </Card>
      ) : null}
      {c.kind === "reservation" ? <Alert kind="info">{t("reservation.receipt", { count: Number(d.deletedEgenandeler ?? 0), year: Number(d.year ?? 0) })}</Alert> : null}
      {c.kind === "lift-reservation" ? <Alert kind="info">{t("reservation.liftedReceipt")}</Alert> : null}
      <h2 className="mb-3 text-xl font-bold">{t("case.history")}</h2>
      <ol className="mb-8 border-l-2 border-line pl-4" data-testid="history">
        {history.map((h) => (
          <li key={h.id} className="mb-3">
            <p className="font-semibold">{t(`case.status.${h.status}` as MessageKey)}</p>
            <p className="text-sm text-muted">{h.at}</p>
            {h.note?.startsWith("provisional-answer:") ? (
              <p data-testid="provisional-answer">{t("case.provisional", { date: formatDate(h.note.slice("provisional-answer:".length), lang) })}</p>
            ) : h.note ? (
              <p>{h.note}</p>
            ) : null}
          </li>
        ))}
      </ol>
      {openings.length ? (
        <>
          <h2 className="mb-3 text-xl font-bold">{t("case.openings")}</h2>
          <ul className="mb-8" data-testid="case-openings">
            {openings.map((o, i) => (
              <li key={i}>{t(o.count > 1 ? "case.openedByTimes" : "case.openedBy", { unit: t(`case.unit.${o.unit}` as MessageKey), at: o.at, count: o.count })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="/mine/saker">{t("case.all")}</Link>
      </p>
    </>
  );
}
