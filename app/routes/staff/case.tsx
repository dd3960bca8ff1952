import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading } from "~/components/ui";
import { isIsoDate } from "~/kernel/dates";
import { formatOre, ore } from "~/kernel/money";
import { can, decisionAmountOre, needsSecondApproval, STAFF_BASE } from "~/domain/staff-roles";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { abroadCheckText } from "~/components/abroad-check-text";
import { advanceStatus, loadApplication } from "~/services/abroad-application.server";
import { ABROAD_PROPOSAL, approveAbroadProposal, decideAbroad, handleAbroadAppeal } from "~/services/abroad-decision.server";
import { proposedAbroadDecision } from "./abroad-decision.server";
import { abroadDecisionView, abroadDecisionErrors } from "./abroad-decision.server";
import { AbroadDecisionSection, type AbroadDecisionErrors } from "~/components/abroad-decision";
import { parseAbroadDecisionForm } from "~/schemas/abroad-decision";
import { RepaymentList } from "~/components/repayment";
import { applicationDecisionView, CaseDecisionError, type CaseStatus, decideCase } from "~/services/cases.server";
import { correctedAssessment } from "~/services/abroad-review.server";
import { abroadReviewAction, abroadReviewLoad } from "./case-abroad-review.server";
import { AbroadAskMoreInfo, AbroadCorrections, AbroadPages, HistoryNote } from "./case-abroad-review";
import {
  askForMoreInfo,
  assignToSelf,
  auditRead,
  handleAppeal,
  pendingProposal,
  proposeDecision,
  takeProposal,
  caseAuditTrail,
  deadlinesOf,
  isOpen,
  loadStaffCase,
  sendProvisionalAnswer,
} from "~/services/staff-console.server";
import { todayOslo } from "~/utils/clock.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang } from "~/utils/session.server";
import { notFound, requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.case.title");

/** The decisions a case kind takes here, and the permission each needs (tips and claim reports belong to control). */
const DECISIONS: Record<string, { permission: "decide" | "control"; statuses: string[] }> = {
  "missing-egenandel": { permission: "decide", statuses: ["registered", "rejected", "more-info"] },
  "frikort-application": { permission: "decide", statuses: ["completed", "rejected", "more-info"] },
  tip: { permission: "control", statuses: ["upheld", "dismissed"] },
  // a refund claim abroad is decided per line (the abroad decision form); here it only moves on to
  // review. More information is asked on the review page (one way to ask: the resident gets a
  // question to answer there, which a bare status change would not give).
  "abroad-refund": { permission: "decide", statuses: ["under-review"] },
};

/** What a caseworker does with an appeal: decide again, or keep the decision and send it to the appeal body. */
const APPEAL_OUTCOMES = ["appeal-reverse", "appeal-forward"];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const db = context.database.db;
  const c = await loadStaffCase(db, params.caseId ?? "");
  if (!c) throw notFound();
  // every staff read of a resident's data is written to the audit log before it is shown
  await auditRead(db, staff, "case.view", c);
  const lang = await getLang(request);
  const trail = await caseAuditTrail(db, c.subjectKind, c.id);
  const decisions = DECISIONS[c.kind];
  const today = todayOslo();
  const proposal = await pendingProposal(db, c);
  let abroad = null;
  if (c.subjectKind === "abroad") {
    // the automatic checks and the refund by the same pure functions the resident's estimate uses, from the corrected answers
    const corrected = await correctedAssessment(db, c.id, today);
    if (corrected) {
      const { view, assessment: a } = corrected;
      const names = Object.fromEntries(view.documents.map((d) => [d.doc.id, d.doc.filename]));
      abroad = {
        documents: view.documents.map((d) => ({
          id: d.doc.id,
          kind: d.doc.kind,
          filename: d.doc.filename,
          status: d.doc.status,
          image: (d.mimeType ?? "").startsWith("image/"),
          stored: d.mimeType !== null,
        })),
        checks: a.checks.map((ch) => ({ code: ch.code, status: ch.status, params: ch.params, documentName: ch.documentId ? (names[ch.documentId] ?? null) : null })),
        invoices: a.invoices.map((i) => ({
          documentId: i.documentId,
          filename: names[i.documentId] ?? "",
          image: view.documents.some((d) => d.doc.id === i.documentId && (d.mimeType ?? "").startsWith("image/")),
          answers: {
            providerName: i.answers.providerName,
            invoiceNumber: i.answers.invoiceNumber,
            invoiceDate: i.answers.invoiceDate,
            currency: i.answers.currency,
            total: i.answers.total,
            paymentDate: i.answers.paymentDate,
            diagnosisCode: i.answers.diagnosisCode,
          },
          lines: i.answers.lines.map((l, n) => {
            const e = i.estimate?.lines.find((x) => x.index === n) ?? null;
            return {
              date: l.date,
              description: l.description,
              treatmentForm: l.treatmentForm,
              amount: l.amount,
              status: e?.status ?? "not-estimated",
              reason: e?.reason ?? null,
              refundOre: e?.refundOre ?? 0,
              // no Norges Bank rate for the date yet: "rate to be fixed", never shown as 0 kr (issue 18 item 3)
              rateOpen: e?.rateOpen ? { currency: e.rateOpen.currency, date: e.rateOpen.requestedDate, through: e.rateOpen.publishedThrough } : null,
            };
          }),
          error: i.error,
          // paid? (seed 004): the proof-of-payment check's result for this invoice
          payment: (() => {
            const ch = a.checks.find((x) => x.documentId === i.documentId && x.code.startsWith("payment.proof."));
            return ch ? { code: ch.code, status: ch.status, params: ch.params, documentName: null } : null;
          })(),
        })),
        totals: a.totals,
        indicative: a.indicative,
        decision: await abroadDecisionView(db, c.id, view, lang, {
          canDecide: can(staff.roles, "decide") && isOpen(c.status) && c.status !== "appealed" && !proposal,
          today,
        }),
        review: await abroadReviewLoad(db, c, corrected, lang),
      };
    }
  }
  // A frikort application: the receipts and what approving grants (ADR 0017)
  const application = c.kind === "frikort-application" ? await applicationDecisionView(db, c) : null;
  return {
    application,
    proposal: proposal
      ? {
          status: proposal.status,
          reason: proposal.reason,
          by: proposal.by,
          at: proposal.at ? osloDateTime(proposal.at, lang) : "",
          mine: proposal.by === staff.ident,
          // a refund claim abroad: what the second caseworker approves, recomputed as it would take effect
          abroad: c.subjectKind === "abroad" && proposal.status === ABROAD_PROPOSAL ? await proposedAbroadDecision(db, c.id, proposal.payload, today) : null,
        }
      : null,
    canApprove: can(staff.roles, "decide"),
    abroad,
    csrf: staff.csrf,
    me: staff.ident,
    today,
    canAssign: can(staff.roles, "assign"),
    decide:
      c.status === "appealed"
        ? can(staff.roles, "decide")
          ? APPEAL_OUTCOMES
          : []
        : decisions && can(staff.roles, decisions.permission) && isOpen(c.status)
          ? decisions.statuses.filter((s) => s !== c.status)
          : [],
    provisionalDue: deadlinesOf(c.kind, c.receivedOn).provisionalDue,
    c: {
      ...c,
      provisionalSentAt: c.provisionalSentAt ? osloDateTime(c.provisionalSentAt, lang) : null,
      history: c.history.map((h) => ({ ...h, at: osloDateTime(new Date(h.at), lang) })),
    },
    trail: trail.map((r) => ({ ...r, at: osloDateTime(r.at, lang) })),
  };
}

type ActionErrors = { expectedBy?: MessageKey; status?: MessageKey; reason?: MessageKey; form?: MessageKey };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  const form = await readForm(request);
  requireStaffCsrf(staff, form);
  const db = context.database.db;
  const c = await loadStaffCase(db, params.caseId ?? "");
  if (!c) throw notFound();
  const intent = form.get("intent");
  const reviewed = await abroadReviewAction(db, c, staff, String(intent ?? ""), form);
  if (reviewed) return reviewed;
  const here = `${STAFF_BASE}/sak/${c.id}`;
  if (intent === "assign") {
    if (!can(staff.roles, "assign")) throw new Response("Forbidden", { status: 403 });
    await assignToSelf(db, c, staff.ident);
    return redirect(here);
  }
  if (intent === "provisional") {
    if (!can(staff.roles, "assign")) throw new Response("Forbidden", { status: 403 });
    const expectedBy = String(form.get("expectedBy") ?? "").trim();
    if (!isIsoDate(expectedBy)) return data({ errors: { expectedBy: "staff.provisional.error.date" } as ActionErrors }, { status: 400 });
    const res = await sendProvisionalAnswer(db, c, expectedBy, todayOslo());
    if (!res.ok)
      return data({ errors: { expectedBy: res.reason === "closed" ? "staff.provisional.error.closed" : "staff.provisional.error.past" } as ActionErrors }, { status: 400 });
    return redirect(`${here}?sendt=foreløpig`);
  }
  if (intent === "approve" || intent === "decline") {
    if (!can(staff.roles, "decide")) throw new Response("Forbidden", { status: 403 });
    const p = await pendingProposal(db, c);
    // the second pair of eyes: never the one who proposed it
    if (!p || p.by === staff.ident) throw new Response("Forbidden", { status: 403 });
    if (c.subjectKind === "abroad" && p.status === ABROAD_PROPOSAL) {
      if (intent === "approve") {
        const res = await approveAbroadProposal(db, c.id, staff.ident, todayOslo());
        if (res.kind === "invalid" || res.kind === "not-estimated")
          return data({ abroadErrors: abroadDecisionErrors(res.kind === "invalid" ? res.errors : "not-estimated") }, { status: 409 });
      } else await takeProposal(db, c, p.by);
      return redirect(`${here}?sendt=${intent === "approve" ? "vedtak" : "avvist"}`);
    }
    const taken = await takeProposal(db, c, p.by);
    if (taken && intent === "approve") {
      try {
        await decideCase(db, c.id, { status: taken.status as CaseStatus, reason: taken.reason ?? undefined, actor: `${taken.by}+${staff.ident}` });
      } catch (err) {
        if (err instanceof CaseDecisionError) return data({ errors: { form: "staff.decide.error.register" } as ActionErrors }, { status: 409 });
        throw err;
      }
    }
    return redirect(`${here}?sendt=${intent === "approve" ? "vedtak" : "avvist"}`);
  }
  if (intent === "abroad-decide") {
    if (c.subjectKind !== "abroad" || !can(staff.roles, "decide")) throw new Response("Forbidden", { status: 403 });
    if (!isOpen(c.status) || c.status === "appealed" || (await pendingProposal(db, c)))
      return data({ errors: { form: "staff.decide.error.closed" } as ActionErrors }, { status: 409 });
    const view = await loadApplication(db, c.personId, c.id);
    if (!view) throw notFound();
    const parsed = parseAbroadDecisionForm(
      form,
      view.invoices.map((i) => i.answers.lines.length),
    );
    if (!parsed.ok) return data({ errors: { reason: "staff.decide.error.reasonLong" } as ActionErrors }, { status: 400 });
    const res = await decideAbroad(db, c.id, parsed.input, staff.ident, context.config.staff.fourEyesAboveOre, todayOslo());
    if (res.kind === "invalid" || res.kind === "not-estimated")
      return data({ abroadErrors: abroadDecisionErrors(res.kind === "invalid" ? res.errors : "not-estimated") }, { status: 400 });
    if (res.kind === "not-found") throw notFound();
    return redirect(`${here}?sendt=${res.kind === "proposed" ? "forslag" : "vedtak"}`);
  }
  if (intent === "decide") {
    const appeal = c.status === "appealed";
    const allowed = appeal ? { permission: "decide" as const, statuses: APPEAL_OUTCOMES } : DECISIONS[c.kind];
    if (!allowed || !can(staff.roles, allowed.permission)) throw new Response("Forbidden", { status: 403 });
    const status = String(form.get("status") ?? "");
    const reason = String(form.get("reason") ?? "").trim();
    const errors: ActionErrors = {};
    if (!allowed.statuses.includes(status)) errors.status = "staff.decide.error.status";
    if ((status === "rejected" || status === "more-info" || status === "dismissed" || appeal) && !reason) errors.reason = "staff.decide.error.reason";
    if (reason.length > 2000) errors.reason = "staff.decide.error.reasonLong";
    if (!isOpen(c.status)) errors.form = "staff.decide.error.closed";
    if (Object.keys(errors).length) return data({ errors }, { status: 400 });
    try {
      if (c.subjectKind === "case" && needsSecondApproval(c.kind, status, decisionAmountOre(c.kind, c.data), context.config.staff.fourEyesAboveOre)) {
        await proposeDecision(db, c, { status, reason: reason || null }, staff.ident);
        return redirect(`${here}?sendt=forslag`);
      }
      if (appeal && c.subjectKind === "abroad") await handleAbroadAppeal(db, c.id, status === "appeal-reverse" ? "reverse" : "forward", reason);
      else if (appeal) await handleAppeal(db, c, status === "appeal-reverse" ? "reverse" : "forward", reason, staff.ident);
      else if (c.subjectKind === "abroad") await advanceStatus(db, c.id, "under-review", reason || undefined);
      else if (status === "more-info") await askForMoreInfo(db, c, reason, staff.ident);
      else await decideCase(db, c.id, { status: status as CaseStatus, reason: reason || undefined, actor: staff.ident });
    } catch (err) {
      if (err instanceof CaseDecisionError) return data({ errors: { form: "staff.decide.error.register" } as ActionErrors, code: err.code }, { status: 409 });
      throw err;
    }
    return redirect(`${here}?sendt=vedtak`);
  }
  throw new Response("Bad Request", { status: 400 });
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div className="mb-2 grid grid-cols-[12rem_1fr] gap-2">
      <dt className="font-semibold">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export default function StaffCase() {
  const { t, lang } = useT();
  const { c, csrf, me, canAssign, decide, provisionalDue, trail, today, abroad, proposal, canApprove, application } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: ActionErrors = (result && "errors" in result ? result.errors : {}) ?? {};
  const abroadErrors: AbroadDecisionErrors = (result && "abroadErrors" in result ? result.abroadErrors : null) ?? {};
  const d = c.data as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined || v === null || v === "" ? "–" : String(v));
  return (
    <>
      <PageHeading>
        {t(`staff.kind.${c.kind}` as MessageKey)} {c.reference}
      </PageHeading>
      {errors.form ? <Alert kind="error">{t(errors.form)}</Alert> : null}
      <dl className="mb-6">
        <Field label={t("staff.col.status")} value={t(`staff.status.${c.status}` as MessageKey)} />
        <Field label={t("staff.case.resident")} value={str(c.personName)} />
        <Field label={t("staff.col.received")} value={formatShortDate(c.receivedOn, lang)} />
        <Field label={t("staff.col.assigned")} value={c.assignedTo ? (c.assignedTo === me ? t("staff.queue.you") : c.assignedTo) : "–"} />
      </dl>
      {canAssign && c.assignedTo !== me ? (
        <Form method="post" className="mb-6">
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="intent" value="assign" />
          <button type="submit" className="rounded border-2 border-brand px-3 py-2 font-semibold text-brand">
            {t("staff.queue.take")}
          </button>
        </Form>
      ) : null}
      <Card className="mb-6">
        <h2 className="mb-3 text-xl font-bold">{t("staff.case.submitted")}</h2>
        {c.kind === "missing-egenandel" ? (
          <dl>
            <Field label={t("staff.case.provider")} value={`${str(d.providerName)} ${d.providerOrgnr ? `(${String(d.providerOrgnr)})` : ""}`} />
            <Field label={t("staff.case.serviceDate")} value={isIsoDateStr(d.serviceDate) ? formatShortDate(d.serviceDate, lang) : str(d.serviceDate)} />
            <Field label={t("staff.case.serviceType")} value={str(d.serviceType)} />
            <Field label={t("staff.case.amount")} value={typeof d.amountOre === "number" ? formatOre(ore(d.amountOre), lang) : "–"} />
          </dl>
        ) : application ? (
          <FrikortApplication application={application} c={c} />
        ) : abroad ? (
          <div data-testid="abroad-view">
            <AbroadPages caseId={c.id} review={abroad.review} />
            <h3 className="mb-2 text-lg font-bold">{t("staff.abroad.checks")}</h3>
            <ul className="mb-6" data-testid="abroad-checks">
              {abroad.checks.map((ch, i) => (
                <li key={i} className="mb-1">
                  <strong>{t(`staff.check.${ch.status}` as MessageKey)}</strong>: {abroadCheckText(ch, t, lang)} <span className="text-sm text-muted">({ch.code})</span>
                </li>
              ))}
            </ul>
            {abroad.invoices.map((inv, n) => (
              <section key={inv.documentId} className="mb-8 border-t-4 border-brand pt-4" aria-labelledby={`inv-${n}`} data-testid="abroad-invoice">
                <h3 id={`inv-${n}`} className="mb-3 text-lg font-bold">
                  {t("abroad.check.invoiceN", { n: n + 1 })}: <span className="break-all font-normal">{inv.filename}</span>
                </h3>
                <div className="grid gap-6 lg:grid-cols-2">
                  <div>
                    {inv.image ? (
                      <a href={`${STAFF_BASE}/sak/${c.id}/fil/${inv.documentId}`} target="_blank" rel="noreferrer">
                        <img
                          src={`${STAFF_BASE}/sak/${c.id}/fil/${inv.documentId}`}
                          alt={t("abroad.check.previewAlt", { name: inv.filename })}
                          className="max-h-[40rem] w-full border border-line object-contain object-top"
                        />
                      </a>
                    ) : (
                      <a href={`${STAFF_BASE}/sak/${c.id}/fil/${inv.documentId}`} target="_blank" rel="noreferrer" data-testid="staff-document-link">
                        {t("abroad.check.openPdf", { name: inv.filename })}
                      </a>
                    )}
                  </div>
                  <div>
                    <dl className="mb-4">
                      <Field label={t("staff.case.provider")} value={str(inv.answers.providerName)} />
                      <Field label={t("staff.abroad.invoiceNumber")} value={str(inv.answers.invoiceNumber)} />
                      <Field label={t("staff.abroad.invoiceDate")} value={inv.answers.invoiceDate ? formatShortDate(inv.answers.invoiceDate, lang) : "–"} />
                      <Field label={t("staff.abroad.paymentDate")} value={inv.answers.paymentDate ? formatShortDate(inv.answers.paymentDate, lang) : "–"} />
                      <Field label={t("staff.abroad.total")} value={`${str(inv.answers.total)} ${inv.answers.currency}`} />
                      <Field label={t("staff.abroad.diagnosis")} value={str(inv.answers.diagnosisCode)} />
                    </dl>
                    {inv.payment ? (
                      <p
                        className={`mb-4 border-l-4 p-2 ${inv.payment.status === "ok" ? "border-success bg-success-bg" : "border-[#b36b00] bg-warning-bg"}`}
                        data-testid="staff-payment"
                        data-status={inv.payment.status}
                      >
                        <strong>
                          {t("staff.abroad.payment")}: {t(`staff.check.${inv.payment.status}` as MessageKey)}
                        </strong>{" "}
                        {abroadCheckText(inv.payment, t, lang)}
                      </p>
                    ) : null}
                    <table className="w-full border-collapse text-left text-sm">
                      <caption className="sr-only">{t("staff.abroad.lines")}</caption>
                      <thead>
                        <tr className="border-b-2 border-ink">
                          <th scope="col" className="p-1">
                            {t("abroad.line.date")}
                          </th>
                          <th scope="col" className="p-1">
                            {t("abroad.line.description")}
                          </th>
                          <th scope="col" className="p-1">
                            {t("abroad.line.amount")}
                          </th>
                          <th scope="col" className="p-1">
                            {t("abroad.assess.col.refund")}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {inv.lines.map((l, i) => (
                          <tr key={i} className="border-b border-line" data-testid="abroad-line">
                            <td className="p-1">{l.date ? formatShortDate(l.date, lang) : "–"}</td>
                            <td className="p-1">{l.description || l.treatmentForm}</td>
                            <td className="p-1">
                              {l.amount} {inv.answers.currency}
                            </td>
                            <td className="p-1">
                              {l.rateOpen ? (
                                <span data-testid="rate-open">
                                  <strong className="inline-block rounded border-2 border-ink bg-warning-bg px-1">{t("staff.abroad.rateOpen")}</strong>
                                  <span className="block text-muted">
                                    {t("staff.abroad.rateOpen.detail", {
                                      currency: l.rateOpen.currency,
                                      date: formatShortDate(l.rateOpen.date, lang),
                                      through: l.rateOpen.through ? formatShortDate(l.rateOpen.through, lang) : "–",
                                    })}
                                  </span>
                                </span>
                              ) : (
                                <>
                                  {formatOre(ore(l.refundOre), lang)}
                                  {l.reason ? <span className="block text-muted">{t(`abroad.assess.reason.${l.reason}` as MessageKey)}</span> : null}
                                </>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              </section>
            ))}
            <p className="font-semibold" data-testid="abroad-total">
              {t("staff.abroad.refundTotal", { amount: formatOre(ore(abroad.totals.refundOre), lang) })}
              {abroad.indicative ? ` ${t("staff.abroad.indicative")}` : ""}
            </p>
            {rateOpenCount(abroad) > 0 ? (
              <p className="font-semibold" data-testid="abroad-rate-open-total">
                {t("staff.abroad.rateOpen.total", { count: rateOpenCount(abroad) })}
              </p>
            ) : null}
            {abroad.decision ? <AbroadDecisionSection d={abroad.decision} csrf={csrf} errors={abroadErrors} /> : null}
            <AbroadCorrections csrf={csrf} review={abroad.review} />
          </div>
        ) : (
          <pre className="overflow-x-auto whitespace-pre-wrap text-sm" data-testid="case-data">
            {JSON.stringify(c.data, null, 2)}
          </pre>
        )}
      </Card>
      {abroad ? <AbroadAskMoreInfo csrf={csrf} review={abroad.review} /> : null}
      {proposal ? (
        <Card className="mb-6">
          <h2 className="mb-3 text-xl font-bold">{t("staff.fourEyes.title")}</h2>
          <p className="mb-3" data-testid="proposal">
            {t("staff.fourEyes.proposed", { by: proposal.by, at: proposal.at, outcome: t(`staff.decide.${proposal.status}` as MessageKey) })}
            {proposal.reason ? <span className="block whitespace-pre-wrap">{proposal.reason}</span> : null}
          </p>
          {proposal.abroad ? (
            <div className="mb-3" data-testid="abroad-proposal">
              <p className="font-semibold">
                {t(`abroadDecision.outcome.${proposal.abroad.outcome}`)}: {t("abroad.decision.refund")} {formatOre(proposal.abroad.refundOre, lang)}
              </p>
              <ul className="text-sm">
                {proposal.abroad.lines.map((l) => (
                  <li key={l.key}>
                    {l.description}: {t(`abroadDecision.line.${l.outcome}`)}
                    {l.outcome === "approve-part" ? ` (${l.approvedAmount} ${l.currency})` : ""}, {formatOre(ore(l.refundOre), lang)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {proposal.mine ? (
            <p>{t("staff.fourEyes.waiting")}</p>
          ) : canApprove ? (
            <div className="flex flex-wrap gap-3">
              <Form method="post">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="approve" />
                <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
                  {t("staff.fourEyes.approve")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="decline" />
                <button type="submit" className="rounded border-2 border-brand px-5 py-3 font-semibold text-brand">
                  {t("staff.fourEyes.decline")}
                </button>
              </Form>
            </div>
          ) : null}
        </Card>
      ) : null}
      {decide.length && !proposal ? (
        <Card className="mb-6">
          <h2 className="mb-3 text-xl font-bold">{t("staff.decide.title")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="decide" />
            <fieldset className="mb-4" aria-describedby={errors.status ? "status-error" : undefined}>
              <legend className="mb-2 font-semibold">{t("staff.decide.outcome")}</legend>
              {errors.status ? (
                <p id="status-error" className="mb-2 font-semibold text-danger">
                  {t(errors.status)}
                </p>
              ) : null}
              {decide.map((s) => (
                <div key={s} className="mb-1 flex items-center gap-2">
                  <input type="radio" id={`status-${s}`} name="status" value={s} className="h-5 w-5" />
                  <label htmlFor={`status-${s}`}>{t(`staff.decide.${s}` as MessageKey)}</label>
                </div>
              ))}
            </fieldset>
            <label htmlFor="reason" className="mb-1 block font-semibold">
              {t("staff.decide.reason")}
            </label>
            <p id="reason-hint" className="mb-1 text-muted">
              {t("staff.decide.reasonHint")}
            </p>
            {errors.reason ? (
              <p id="reason-error" className="mb-1 font-semibold text-danger">
                {t(errors.reason)}
              </p>
            ) : null}
            <textarea
              id="reason"
              name="reason"
              rows={4}
              maxLength={2000}
              className="mb-4 w-full rounded border-2 border-ink p-2"
              aria-describedby={errors.reason ? "reason-hint reason-error" : "reason-hint"}
              aria-invalid={errors.reason ? true : undefined}
            />
            <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
              {t("staff.decide.submit")}
            </button>
          </Form>
        </Card>
      ) : null}
      {canAssign ? (
        <Card className="mb-6">
          <h2 className="mb-3 text-xl font-bold">{t("staff.provisional.title")}</h2>
          {c.provisionalSentAt ? (
            <p data-testid="provisional-sent">
              {t("staff.provisional.sentOn", { at: c.provisionalSentAt, date: c.provisionalExpectedBy ? formatShortDate(c.provisionalExpectedBy, lang) : "" })}
            </p>
          ) : (
            <>
              <p className="mb-3">
                {provisionalDue <= today
                  ? t("staff.provisional.overdue", { date: formatShortDate(provisionalDue, lang) })
                  : t("staff.provisional.dueOn", { date: formatShortDate(provisionalDue, lang) })}
              </p>
              <Form method="post" noValidate>
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="provisional" />
                <label htmlFor="expectedBy" className="mb-1 block font-semibold">
                  {t("staff.provisional.expectedBy")}
                </label>
                <p id="expectedBy-hint" className="mb-1 text-muted">
                  {t("staff.provisional.expectedByHint")}
                </p>
                {errors.expectedBy ? (
                  <p id="expectedBy-error" className="mb-1 font-semibold text-danger">
                    {t(errors.expectedBy)}
                  </p>
                ) : null}
                <input
                  id="expectedBy"
                  name="expectedBy"
                  type="date"
                  className="mb-4 block rounded border-2 border-ink p-2"
                  aria-describedby={errors.expectedBy ? "expectedBy-hint expectedBy-error" : "expectedBy-hint"}
                  aria-invalid={errors.expectedBy ? true : undefined}
                />
                <button type="submit" className="rounded border-2 border-brand px-4 py-2 font-semibold text-brand">
                  {t("staff.provisional.send")}
                </button>
              </Form>
            </>
          )}
        </Card>
      ) : null}
      <h2 className="mb-3 text-xl font-bold">{t("staff.case.history")}</h2>
      <ol className="mb-6 border-l-2 border-line pl-4" data-testid="staff-history">
        {c.history.map((h, i) => (
          <li key={i} className="mb-2">
            <p className="font-semibold">{t(`staff.status.${h.status}` as MessageKey)}</p>
            <p className="text-sm text-muted">
              {h.at} {h.actor ? `· ${h.actor}` : ""}
            </p>
            {h.note ? <HistoryNote note={h.note} /> : null}
            {h.uploadId ? (
              <p>
                <a href={`${STAFF_BASE}/sak/${c.id}/fil/${h.uploadId}`} target="_blank" rel="noreferrer" data-testid="history-upload">
                  {t("staff.case.attachment")}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <h2 className="mb-3 text-xl font-bold">{t("staff.case.audit")}</h2>
      <ul className="mb-6" data-testid="audit-trail">
        {trail.map((r, i) => (
          <li key={i}>
            {r.at} · {r.staffIdent} · {r.action}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The frikort application's receipts and what approving grants, or what it granted (issue 19 item 8). */
function FrikortApplication({ application, c }: { application: Awaited<ReturnType<typeof applicationDecisionView>>; c: { receivedOn: string } }) {
  const { t, lang } = useT();
  const tak = (k: string) => t(`overview.tak.${k}` as MessageKey);
  return (
    <div data-testid="application-view">
      <table className="mb-4 w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left text-lg font-bold">{t("staff.application.receipts", { year: application.year ?? "–" })}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="p-1">
              {t("staff.case.serviceDate")}
            </th>
            <th scope="col" className="p-1">
              {t("staff.case.provider")}
            </th>
            <th scope="col" className="p-1">
              {t("staff.case.serviceType")}
            </th>
            <th scope="col" className="p-1 text-right">
              {t("staff.case.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {application.lines.map((l) => (
            <tr key={l.id} className="border-b border-line">
              <td className="p-1">{isIsoDateStr(l.serviceDate) ? formatShortDate(l.serviceDate, lang) : "–"}</td>
              <td className="p-1">{l.providerName}</td>
              <td className="p-1">{t(`service.${l.serviceType}` as MessageKey)}</td>
              <td className="p-1 text-right tabular-nums">
                {formatOre(l.amountOre, lang)}
                {"confirmedAboveUsualMax" in l && l.confirmedAboveUsualMax ? (
                  <span className="block font-semibold text-danger" data-testid="above-usual-max">
                    {t("staff.application.aboveUsualMax")}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {application.grants.length ? (
        application.grants.map((g) => (
          <p key={g.tak} className="mb-2 font-semibold" data-testid="application-granted">
            {g.revoked
              ? t("staff.application.revoked", { date: formatShortDate(g.validFrom, lang), tak: tak(g.tak) })
              : t("staff.application.granted", { date: formatShortDate(g.validFrom, lang), tak: tak(g.tak), amount: formatOre(g.overCeilingOre, lang) })}
          </p>
        ))
      ) : (
        <>
          <p className="mb-2">{t(application.reserved ? "staff.application.reserved" : "staff.application.notReserved")}</p>
          {application.wouldGrant.length ? (
            application.wouldGrant.map((g) => (
              <p key={g.tak} className="mb-2 font-semibold" data-testid="application-would-grant">
                {t("staff.application.wouldGrant", { date: formatShortDate(g.validFrom, lang), tak: tak(g.tak), amount: formatOre(g.overCeilingOre, lang) })}{" "}
                <span data-testid="application-deadline" className={c.receivedOn > g.deadline ? "text-danger" : undefined}>
                  {t(c.receivedOn > g.deadline ? "staff.application.late" : "staff.application.inTime", { deadline: formatShortDate(g.deadline, lang) })}
                </span>
              </p>
            ))
          ) : (
            <p className="mb-2 font-semibold" data-testid="application-would-grant">
              {t("staff.application.belowCeiling", { year: application.year ?? "–" })}
            </p>
          )}
        </>
      )}
      {application.repayments.length ? <RepaymentList claims={application.repayments} /> : null}
    </div>
  );
}

function isIsoDateStr(v: unknown): v is string {
  return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
}

/** How many lines of the claim wait for a Norges Bank rate ("rate to be fixed"). */
function rateOpenCount(a: { invoices: ReadonlyArray<{ lines: ReadonlyArray<{ rateOpen: unknown }> }> }): number {
  return a.invoices.reduce((n, i) => n + i.lines.filter((l) => l.rateOpen !== null).length, 0);
}
