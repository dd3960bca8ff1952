import { FieldError } from "~/components/form";
import { HeldLineDecisionFieldset } from "~/components/held-line-decision";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Alert, Card, PageHeading, ColumnHeads } from "~/components/ui";
import {
  allowedCommands,
  appealOutcomeLetterOf,
  ASSESSMENTS,
  type ControlCommand,
  type ControlCommandKind,
  currentAssessment,
  FINAL_TAGS,
  LATE_APPEAL_GROUNDS,
  lateAppealPastLimit,
  type LineAssessment,
  letterKindOf,
  selectedLineIds,
} from "~/domain/control-case";
import { PAYOUT_RUN_IDENT, SET_OFF_JOB_IDENT } from "~/domain/provider-receivables";
import { CONTROL_CASES } from "~/domain/staff-roles";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { addDays, isIsoDate } from "~/kernel/dates";
import { formatOre, ore, parseNokToOre } from "~/kernel/money";
import { valueAt } from "~/rules/parameter";
import { documentationDeadlineDays, lateAppealLimitYears, noticeAnswerDays, setOffSharePercent } from "~/rules/parameters/control-cases";
import {
  AssessmentField,
  ControlDate,
  ControlIntent,
  ControlLineId,
  ControlText,
  KlageOutcomeField,
  LateDecisionField,
  LateGroundField,
  SeenField,
  VersionField,
} from "~/schemas/control-cases";
import {
  applyControlCommand,
  auditControlAction,
  auditControlRead,
  candidateLines,
  heldLinesForCase,
  loadControlCase,
  loadReceivables,
  reviewHeldLineFromCase,
} from "~/services/control-cases.server";
import type { ControlResult } from "~/domain/claim-controls";
import { LineReviewFormSchema } from "~/schemas/staff-register";
import { hhmm } from "~/services/control-letter-pdf.server";
import { loadCaseDebt, providerDebts, providerPayoutAccount, registerPayment, runSetOff, setProviderPayoutAccount } from "~/services/provider-receivables.server";
import { formatKontonummer } from "~/kernel/kontonummer";
import { todayOslo } from "~/utils/clock.server";
import { BAD_FORM_STATUS_TEXT, intentOf, readForm } from "~/utils/form.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang } from "~/utils/session.server";
import { notFound, requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";
import { readMultipartForm } from "~/utils/upload.server";
import type { IsoDate, Orgnr } from "~/kernel/types";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "control.list.title");

/**
 * One control case (issue 20 part 5): the provider, the selected claim lines with their
 * assessment and amount, the timeline of every step with its letter, and a form for each step the
 * case's state allows (app/domain/control-case.ts decides; this page only offers what it allows).
 * Every view is audited per patient whose claim lines it shows; every step is audited as it is taken.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const db = context.database.db;
  const c = await loadControlCase(db, params.caseId ?? "");
  if (!c) throw notFound();
  const lang = await getLang(request);
  const today = todayOslo();
  const url = new URL(request.url);
  const allowed = allowedCommands(c.state);
  const from = url.searchParams.get("fra") ?? "";
  const to = url.searchParams.get("til") ?? "";
  const range = { from: isIsoDate(from) ? from : undefined, to: isIsoDate(to) ? to : undefined };
  const candidates = allowed.includes("innhenting") ? await candidateLines(db, c, range) : [];
  // the provider's claim lines held for control at receipt, to approve or reject here while the case is open (each read audited)
  const held = await heldLinesForCase(db, staff, c);
  // every read of residents' data is written to the audit log before it is shown
  await auditControlRead(db, staff, "control.view", c);
  if (candidates.length) await auditControlAction(db, staff, "control.candidates", c.id);
  // the provider's record: what it owes back from every control case (amounts only, no resident's data)
  const receivables = await loadReceivables(db, { providerOrgnr: c.providerOrgnr });
  // this case's debt (the open vedtak less what was paid and set off) and the provider's balance over every case
  const debt = await loadCaseDebt(db, c.id);
  const providerCases = receivables.length ? await providerDebts(db, c.providerOrgnr) : [];
  const providerBalanceOre = providerCases.reduce((sum, d) => sum + d.debt.balanceOre, 0);
  // the provider's record also says what Helfo owes it back and what it has paid back, over every case
  const providerOverpaidOre = providerCases.reduce((sum, d) => sum + d.debt.overpaidOre, 0);
  const providerRepaidOre = providerCases.reduce((sum, d) => sum + d.debt.repaidOre, 0);
  const account = debt.overpaidOre > 0 || debt.repaidOre > 0 ? await providerPayoutAccount(db, c.providerOrgnr) : null;
  const assessment = currentAssessment(c.state);
  const byLine = new Map((assessment?.lines ?? []).map((a) => [a.lineId, a]));
  const lineView = (l: (typeof c.lines)[number]) => ({
    id: l.id,
    claim: `${l.claimId}/${l.lineNo}`,
    date: l.serviceDate,
    time: hhmm(l.startMinute),
    minutes: l.minutes,
    takst: l.takst,
    therapistHpr: l.therapistHpr,
    paidOre: l.refusjonOre,
  });
  return {
    csrf: staff.csrf,
    today,
    range: { from: range.from ?? "", to: range.to ?? "" },
    saved: url.searchParams.has("lagret"),
    c: {
      id: c.id,
      reference: c.reference,
      providerName: c.providerName,
      providerOrgnr: c.providerOrgnr,
      therapistHpr: c.therapistHpr,
      signal: c.signal,
      openedOn: c.openedOn,
      openedBy: c.openedBy,
      version: c.version,
      stateTag: c.state.tag,
      final: FINAL_TAGS.includes(c.state.tag),
      deadline: "deadline" in c.state ? c.state.deadline : null,
      appealBy: "appealBy" in c.state ? c.state.appealBy : null,
      totalOre: assessment?.totalOre ?? null,
      // an appeal after the deadline, waiting for the forvaltningsloven § 31 decision
      late:
        c.state.tag === "klage-for-sent"
          ? {
              receivedOn: c.state.appealReceivedOn,
              deadline: c.state.appealBy,
              decidedOn: c.state.decidedOn,
              pastLimit: lateAppealPastLimit(c.state.decidedOn, c.state.appealReceivedOn, valueAt(lateAppealLimitYears, today)),
            }
          : null,
    },
    allowed,
    receivables: receivables.map((r) => ({ ...r, thisCase: r.caseId === c.id })),
    openReceivablesOre: providerBalanceOre,
    providerOverpaidOre,
    providerRepaidOre,
    debt: {
      owedOre: debt.owedOre,
      settledOre: debt.settledOre,
      repaidOre: debt.repaidOre,
      account: account ? formatKontonummer(account) : null,
      balanceOre: debt.balanceOre,
      overpaidOre: debt.overpaidOre,
      dueOn: debt.open?.dueOn ?? null,
      settlements: debt.settlements,
      history: debt.history,
      setOffShare: valueAt(setOffSharePercent, today),
    },
    setOff: url.searchParams.has("motregnet") ? { amountOre: Number(url.searchParams.get("motregnet")) || 0, count: Number(url.searchParams.get("antall")) || 0 } : null,
    paymentSaved: url.searchParams.has("innbetalt"),
    accountSaved: url.searchParams.has("konto"),
    lines: c.lines.map((l) => ({ ...lineView(l), assessment: byLine.get(l.id) ?? null })),
    candidates: candidates.map(lineView),
    held: held.map((h) => ({
      id: h.id,
      claimId: h.claimId,
      lineNo: h.lineNo,
      date: h.serviceDate,
      time: hhmm(h.startMinute),
      minutes: h.minutes,
      takst: h.takst,
      therapistHpr: h.therapistHpr,
      honorarOre: h.honorarOre,
      egenandelOre: h.egenandelOre,
      reasons: (h.controls as ControlResult[]).filter((r) => r.result === "til-kontroll" && r.reason && HELD_REASONS.has(r.reason)).map((r) => r.reason!),
    })),
    heldDone: url.searchParams.get("vurdert"),
    defaults: {
      documentation: addDays(today, valueAt(documentationDeadlineDays, today)),
      notice: addDays(today, valueAt(noticeAnswerDays, today)),
    },
    events: c.events.map((e) => {
      const s = e.stateAfter;
      return {
        seq: e.seq,
        kind: e.kind,
        on: e.on,
        at: osloDateTime(e.at, lang),
        atIso: new Date(e.at).toISOString(),
        actor: e.actor,
        letter: letterKindOf(e.kind, s) !== null || appealOutcomeLetterOf(e.kind, s) !== null,
        lineCount: e.kind === "innhenting" ? selectedLineIds(s).length : null,
        deadline: (e.kind === "innhenting" || e.kind === "varsel") && "deadline" in s ? s.deadline : null,
        totalOre: ["vurdering", "ny-vurdering", "varsel", "vedtak", "klage-behandling"].includes(e.kind) && "assessment" in s ? s.assessment.totalOre : null,
        appealBy: s.tag === "vedtak" ? s.appealBy : null,
        note: typeof e.data.note === "string" && e.data.note ? e.data.note : null,
        reason: typeof e.data.reason === "string" && e.data.reason ? e.data.reason : null,
        text: typeof e.data.text === "string" && e.data.text ? e.data.text : null,
        receivedOn: typeof e.data.receivedOn === "string" ? e.data.receivedOn : null,
        outcome: typeof e.data.outcome === "string" ? e.data.outcome : null,
        // a late appeal: registered after the deadline, and the § 31 decision (considered on a ground, or dismissed)
        lateAfter: e.kind === "klage" && s.tag === "klage-for-sent" ? s.appealBy : null,
        lateDecision: e.kind === "sen-klage" && (e.data.decision === "behandles" || e.data.decision === "avvises") ? e.data.decision : null,
        lateGround: e.kind === "sen-klage" && typeof e.data.ground === "string" && (LATE_APPEAL_GROUNDS as readonly string[]).includes(e.data.ground) ? e.data.ground : null,
        complaintBy: e.kind === "sen-klage" && s.tag === "klage-avvist" ? s.complaintBy : null,
        stateTag: s.tag,
        file: e.file ? { id: e.file.id, filename: e.file.filename } : null,
      };
    }),
  };
}

type StepErrors = { intent: ControlCommandKind; fields: Record<string, MessageKey>; form: { key: MessageKey; vars?: Record<string, string> } | null };

const badForm = () => new Response("Bad Request", { status: 400, statusText: BAD_FORM_STATUS_TEXT });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const db = context.database.db;
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const read = multipart ? await readMultipartForm(request) : await readForm(request);
  if (read === "too-large") return data({ errors: { intent: "tilsvar", fields: { file: "control.error.file" }, form: null } as StepErrors }, { status: 413 });
  const form = read;
  requireStaffCsrf(staff, form);
  const c = await loadControlCase(db, params.caseId ?? "");
  if (!c) throw notFound();
  const rawIntent = form.get("intent");
  if (rawIntent === "innbetaling" || rawIntent === "motregning") return debtAction(db, staff, c, form, rawIntent);
  if (rawIntent === "held-review") return heldAction(db, staff, c.id, form);
  if (rawIntent === "konto") {
    // the provider's kontonummer for what Helfo pays back to it (an overpayment), audit-logged on the case
    const r = await setProviderPayoutAccount(db, staff, c.id, String(form.get("account") ?? "").slice(0, 40));
    if (!r.ok) {
      if (r.error === "not-found") throw notFound();
      return data({ debtErrors: { intent: "konto", fields: { account: "control.debt.error.account-invalid" }, form: null } as DebtErrors }, { status: 400 });
    }
    return redirect(`${CONTROL_CASES}/${c.id}?konto=1#krav-title`);
  }
  const intent = intentOf(form, ControlIntent);
  const version = VersionField.safeParse(form.get("version"));
  if (!version.success) throw badForm();
  const today = todayOslo();
  const fields: Record<string, MessageKey> = {};
  const text = (name: string, required: MessageKey | null): string => {
    const raw = form.get(name);
    const p = ControlText.safeParse(typeof raw === "string" ? raw : "");
    if (!p.success) {
      fields[name] = p.error.issues[0]!.message as MessageKey;
      return "";
    }
    if (required && !p.data) fields[name] = required;
    return p.data;
  };
  const date = (name: string): IsoDate => {
    const p = ControlDate.safeParse(String(form.get(name) ?? ""));
    if (!p.success) fields[name] = "control.error.date";
    return p.success ? p.data : ("" as IsoDate); // never used: the field's error stops the command
  };
  /** The assessment fields of every line in the case: result-<id> and takst-<id>. */
  const assessments = (): LineAssessment[] =>
    selectedLineIds(c.state).flatMap((id) => {
      const r = AssessmentField.safeParse(form.get(`result-${id}`));
      if (!r.success) {
        fields[`result-${id}`] = "control.error.assessment-missing";
        return [];
      }
      const takst = String(form.get(`takst-${id}`) ?? "").trim();
      return [{ lineId: id, result: r.data, correctTakst: r.data === "wrong-takst" ? takst.slice(0, 8) : null }];
    });

  let cmd: ControlCommand;
  let file: { name: string; bytes: Uint8Array } | null = null;
  switch (intent) {
    case "innhenting":
      cmd = { kind: "innhenting", lineIds: form.getAll("lineId").filter((v): v is string => ControlLineId.safeParse(v).success), deadline: date("deadline") };
      break;
    case "vurdering":
    case "ny-vurdering":
      cmd = { kind: intent, assessments: assessments() };
      break;
    case "varsel":
      cmd = { kind: "varsel", deadline: date("deadline") };
      break;
    case "tilsvar": {
      const f = form.get("file");
      if (f instanceof File && f.size > 0) file = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
      cmd = { kind: "tilsvar", note: text("note", null), hasFile: file !== null };
      break;
    }
    case "vedtak":
      cmd = { kind: "vedtak" };
      break;
    case "henlegg":
      cmd = { kind: "henlegg", reason: text("reason", "control.error.reason-missing") };
      break;
    case "klage":
      cmd = { kind: "klage", receivedOn: date("receivedOn"), text: text("text", "control.error.klage-empty") };
      break;
    case "klage-behandling": {
      const outcome = KlageOutcomeField.safeParse(form.get("outcome"));
      if (!outcome.success) fields.outcome = "control.error.reason-missing";
      const reason = text("reason", "control.error.reason-missing");
      const changed = outcome.success && outcome.data === "changed";
      cmd = { kind: "klage-behandling", outcome: outcome.success ? outcome.data : "upheld", reason, assessments: changed ? assessments() : null };
      break;
    }
    case "sen-klage": {
      const decision = LateDecisionField.safeParse(form.get("decision"));
      if (!decision.success) fields.decision = "control.error.late-decision-missing";
      const ground = LateGroundField.safeParse(form.get("ground"));
      const reason = text("reason", "control.error.reason-missing");
      const considered = decision.success && decision.data === "behandles";
      // a ground belongs to considering the appeal; a dismissal has none
      cmd = { kind: "sen-klage", decision: decision.success ? decision.data : "avvises", ground: considered && ground.success ? ground.data : null, reason };
      break;
    }
  }
  if (Object.keys(fields).length) return data({ errors: { intent, fields, form: null } as StepErrors }, { status: 400 });
  const result = await applyControlCommand(db, staff, c.id, cmd, { today, version: version.data, file });
  if (!result.ok) {
    if (result.error === "not-found") throw notFound();
    const t = { state: c.state.tag };
    const formError: StepErrors["form"] =
      result.error === "file"
        ? null
        : result.error === "not-allowed"
          ? { key: "control.error.not-allowed", vars: { state: t.state } }
          : { key: `control.error.${result.error}` as MessageKey };
    const fileFields: Record<string, MessageKey> = result.error === "file" ? { file: "control.error.file" } : {};
    return data({ errors: { intent, fields: fileFields, form: formError } as StepErrors }, { status: result.error === "stale" ? 409 : 400 });
  }
  return redirect(`${CONTROL_CASES}/${c.id}?lagret=${result.seq}`);
}

/** Why a held line is held, as the console words it (the rules that hold a line at receipt). */
const HELD_REASONS = new Set(["examination-count", "examination-interval"]);

type HeldErrors = { lineId: string; fields: Partial<Record<"decision" | "reason", MessageKey>>; form: MessageKey | null };

/** Approves or rejects a held claim line of the case's provider from the case page: the one review function (reviewHeldLine) does it. */
async function heldAction(db: Parameters<typeof reviewHeldLineFromCase>[0], staff: Parameters<typeof reviewHeldLineFromCase>[1], caseId: string, form: FormData) {
  const v = LineReviewFormSchema.parse({ lineId: form.get("lineId"), decision: form.get("decision"), reason: form.get("reason") });
  const fields: HeldErrors["fields"] = {};
  if (!v.decision) fields.decision = "staff.held.error.decision";
  const reason = v.reason.trim();
  if (!reason) fields.reason = "staff.decide.error.reason";
  if (fields.decision || fields.reason || !v.decision) return data({ heldErrors: { lineId: v.lineId, fields, form: null } as HeldErrors }, { status: 400 });
  const r = await reviewHeldLineFromCase(db, staff, caseId, v.lineId, v.decision, reason, todayOslo());
  if (!r.ok) {
    if (r.reason === "not-found" && !v.lineId) throw badForm();
    const key: MessageKey = r.reason === "not-held" ? "staff.held.error.notHeld" : r.reason === "not-found" ? "staff.held.error.notFound" : `control.held.error.${r.reason}`;
    return data({ heldErrors: { lineId: v.lineId, fields: {}, form: key } as HeldErrors }, { status: r.reason === "not-held" || r.reason === "case-closed" ? 409 : 400 });
  }
  return redirect(`${CONTROL_CASES}/${caseId}?vurdert=${v.decision}#held-title`);
}

type DebtErrors = { intent: "innbetaling" | "konto"; fields: Record<string, MessageKey>; form: MessageKey | null };

/** A payment registered against the case's debt, or a set-off run for its provider (app/services/provider-receivables.server.ts). */
async function debtAction(
  db: Parameters<typeof registerPayment>[0],
  staff: Parameters<typeof registerPayment>[1],
  c: { id: string; providerOrgnr: Orgnr },
  form: FormData,
  intent: "innbetaling" | "motregning",
) {
  const here = `${CONTROL_CASES}/${c.id}`;
  const today = todayOslo();
  if (intent === "motregning") {
    const run = await runSetOff(db, staff, c.providerOrgnr, today);
    return redirect(`${here}?motregnet=${run.totalOre}&antall=${new Set(run.setOffs.map((s) => s.claimId)).size}#krav-title`);
  }
  const fields: Record<string, MessageKey> = {};
  const amount = parseNokToOre(String(form.get("amount") ?? ""));
  if (amount === null) fields.amount = "control.debt.error.amount";
  const paidOn = ControlDate.safeParse(String(form.get("paidOn") ?? ""));
  if (!paidOn.success) fields.paidOn = "control.error.date";
  const reference = ControlText.safeParse(String(form.get("reference") ?? ""));
  if (!reference.success) fields.reference = "control.error.tooLong";
  const seen = SeenField.safeParse(form.get("seen"));
  if (!seen.success) throw badForm();
  if (Object.keys(fields).length || amount === null || !paidOn.success || !reference.success)
    return data({ debtErrors: { intent, fields, form: null } as DebtErrors }, { status: 400 });
  const result = await registerPayment(db, staff, c.id, { amountOre: amount, paidOn: paidOn.data, reference: reference.data.slice(0, 200) || null, seen: seen.data }, today);
  if (!result.ok) {
    if (result.error === "not-found") throw notFound();
    return data({ debtErrors: { intent, fields: {}, form: `control.debt.error.${result.error}` as MessageKey } as DebtErrors }, { status: result.error === "stale" ? 409 : 400 });
  }
  return redirect(`${here}?innbetalt=1#krav-title`);
}

function Step({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card className="mb-6">
      <section aria-labelledby={id}>
        <h2 id={id} className="mb-3 text-xl font-bold">
          {title}
        </h2>
        {children}
      </section>
    </Card>
  );
}

const inputClass = "rounded border-2 border-ink px-2 py-1";
const submitClass = "rounded bg-brand px-4 py-2 font-semibold text-white";

/**
 * The case's timeline, newest first: its steps, and the payments, set-offs and repayments registered against its debt
 * (settlements, not steps), each on its day (a payment on the day it was paid); within a day, in the order
 * they were registered.
 */
function timeline<E extends { on: string; atIso: string }, H extends { on: string; kind: string; registeredAt: string | null }>(events: readonly E[], history: readonly H[]) {
  const items: Array<{ key: string; event?: E; settlement?: H }> = [
    ...events.map((event) => ({ key: `${event.on} ${event.atIso}`, event })),
    ...history
      .filter((h) => h.kind === "innbetaling" || h.kind === "motregning" || h.kind === "tilbakebetaling")
      .map((settlement) => ({ key: `${settlement.on} ${settlement.registeredAt}`, settlement })),
  ];
  return items.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
}

export default function ControlCase() {
  const { t, lang } = useT();
  const {
    c,
    allowed,
    lines,
    candidates,
    events,
    csrf,
    defaults,
    range,
    saved,
    today,
    receivables,
    openReceivablesOre,
    providerOverpaidOre,
    providerRepaidOre,
    debt,
    setOff,
    paymentSaved,
    accountSaved,
    held,
    heldDone,
  } = useLoaderData<typeof loader>();

  /** What a debt entry rests on: the claim set off, the payment's reference, who registered it (Helfo's daily run in words). */
  const debtDetail = (h: (typeof debt.history)[number]) =>
    [
      h.claimId ? t("control.debt.detail.claim", { claimId: h.claimId }) : null,
      h.paymentReference && h.kind !== "tilbakebetaling" ? t("control.debt.detail.reference", { reference: h.paymentReference }) : null,
      h.accountNumber ? t("control.debt.detail.account", { account: formatKontonummer(h.accountNumber) }) : null,
      h.actor === SET_OFF_JOB_IDENT
        ? t("control.debt.detail.byJob")
        : h.actor === PAYOUT_RUN_IDENT
          ? t("control.debt.detail.byPayoutRun")
          : h.actor
            ? t("control.debt.detail.by", { actor: h.actor })
            : null,
    ]
      .filter(Boolean)
      .join(" · ");

  /** One step of the case in the timeline. */
  const renderEvent = (e: (typeof events)[number]) => (
    <li key={e.seq} className="border-l-4 border-brand pl-3" data-testid="control-event">
      <p>
        <strong>{t(`control.event.${e.kind}` as MessageKey)}</strong> · {formatShortDate(e.on, lang)} ({e.at}) · {t("control.case.by", { actor: e.actor })}
      </p>
      {e.outcome ? <p>{t(`control.klage.${e.outcome}` as MessageKey)}</p> : null}
      {e.lineCount !== null ? <p>{t("control.case.lineCount", { count: e.lineCount })}</p> : null}
      {e.deadline ? <p>{t("control.case.deadline", { date: formatShortDate(e.deadline, lang) })}</p> : null}
      {e.totalOre !== null ? <p>{t("control.case.total", { amount: fmt(e.totalOre) })}</p> : null}
      {e.appealBy ? <p>{t("control.case.appealBy", { date: formatShortDate(e.appealBy, lang) })}</p> : null}
      {e.receivedOn ? <p>{t("control.case.klageReceived", { date: formatShortDate(e.receivedOn, lang) })}</p> : null}
      {e.lateAfter ? <p data-testid="control-late">{t("control.case.klageLate", { date: formatShortDate(e.lateAfter, lang) })}</p> : null}
      {e.lateDecision ? <p>{t(`control.case.late.${e.lateDecision}` as MessageKey)}</p> : null}
      {e.lateGround ? <p>{t("control.case.late.ground", { ground: t(`control.senKlage.ground.${e.lateGround}` as MessageKey) })}</p> : null}
      {e.complaintBy ? <p>{t("control.case.complaintBy", { date: formatShortDate(e.complaintBy, lang) })}</p> : null}
      {e.text ? <p className="whitespace-pre-line">{e.text}</p> : null}
      {e.note ? <p className="whitespace-pre-line">{t("control.case.note", { note: e.note })}</p> : null}
      {e.reason ? <p className="whitespace-pre-line">{t("control.case.reason", { reason: e.reason })}</p> : null}
      {e.file ? (
        <p>
          <a href={`${here}/fil/${e.file.id}`}>{t("control.case.file", { name: e.file.filename })}</a>
        </p>
      ) : null}
      {e.letter ? (
        <p>
          <a href={`${here}/brev/${e.seq}`} data-testid="control-letter">
            {t("control.case.letter")}
            <span className="sr-only">: {t(`control.event.${e.kind}` as MessageKey)}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
  const result = useActionData<typeof action>();
  const errors: StepErrors | null = result && "errors" in result ? (result.errors as StepErrors) : null;
  const debtErrors: DebtErrors | null = result && "debtErrors" in result ? (result.debtErrors as DebtErrors) : null;
  const heldErrors: HeldErrors | null = result && "heldErrors" in result ? (result.heldErrors as HeldErrors) : null;
  const errs = (intent: ControlCommandKind) => (errors && errors.intent === intent ? errors : null);
  const here = `${CONTROL_CASES}/${c.id}`;
  const can = (k: ControlCommandKind) => allowed.includes(k);
  const fmt = (amount: number) => formatOre(ore(amount), lang);
  const hidden = (intent: ControlCommandKind) => (
    <>
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="version" value={c.version} />
      <input type="hidden" name="intent" value={intent} />
    </>
  );
  const formError = (intent: ControlCommandKind) => {
    const e = errs(intent);
    if (!e?.form) return null;
    const vars = e.form.vars?.state ? { ...e.form.vars, state: t(`control.state.${e.form.vars.state}` as MessageKey) } : e.form.vars;
    return <Alert kind="error">{t(e.form.key, vars)}</Alert>;
  };

  /** The assessment form's fields, one row per line (for vurdering, ny vurdering and a changed appeal). */
  const assessmentRows = (intent: ControlCommandKind) => (
    <div className="overflow-x-auto">
      <table className="mb-4 w-full border-collapse text-left">
        <caption className="sr-only">{t("control.case.linesCaption")}</caption>
        <ColumnHeads heads={[t("control.col.claim"), t("control.col.takst"), t("control.col.result"), t("control.col.correctTakst")]} />
        <tbody>
          {lines.map((l) => {
            const rid = `${intent}-result-${l.id}`;
            const err = errs(intent)?.fields[`result-${l.id}`];
            return (
              <tr key={l.id} className="border-b border-line">
                <th scope="row" className="p-2 font-normal">
                  {l.claim} · {formatShortDate(l.date, lang)}
                </th>
                <td className="p-2">{l.takst}</td>
                <td className="p-2">
                  <label htmlFor={rid} className="sr-only">
                    {t("control.vurdering.result", { claim: l.claim })}
                  </label>
                  <FieldError id={`${rid}-error`} msg={err ? t(err) : undefined} />
                  <select
                    id={rid}
                    name={`result-${l.id}`}
                    defaultValue={l.assessment?.result ?? ""}
                    className={inputClass}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${rid}-error` : undefined}
                  >
                    <option value="">–</option>
                    {ASSESSMENTS.map((a) => (
                      <option key={a} value={a}>
                        {t(`control.assessment.${a}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="p-2">
                  <label htmlFor={`${intent}-takst-${l.id}`} className="sr-only">
                    {t("control.vurdering.takst", { claim: l.claim })}
                  </label>
                  <input id={`${intent}-takst-${l.id}`} name={`takst-${l.id}`} defaultValue={l.assessment?.correctTakst ?? ""} className={`${inputClass} w-24`} maxLength={8} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );

  return (
    <>
      <p className="mb-2">
        <Link to={CONTROL_CASES}>{t("control.list.title")}</Link>
      </p>
      <PageHeading>{t("control.case.title", { reference: c.reference })}</PageHeading>
      {saved ? <Alert kind="success">{t("control.case.saved")}</Alert> : null}
      <dl className="mb-6 grid grid-cols-[12rem_1fr] gap-2">
        <dt className="font-semibold">{t("control.case.provider")}</dt>
        <dd>
          {c.providerName} ({c.providerOrgnr})
        </dd>
        <dt className="font-semibold">{t("control.case.therapist")}</dt>
        <dd>{c.therapistHpr ?? t("control.case.allTherapists")}</dd>
        <dt className="font-semibold">{t("control.case.signal")}</dt>
        <dd>{c.signal}</dd>
        <dt className="font-semibold">{t("control.case.opened")}</dt>
        <dd>
          {formatShortDate(c.openedOn, lang)} ({c.openedBy})
        </dd>
        <dt className="font-semibold">{t("control.case.state")}</dt>
        <dd data-testid="control-state">{t(`control.state.${c.stateTag}` as MessageKey)}</dd>
        {c.deadline ? (
          <>
            <dt className="font-semibold">{t("control.letter.deadline")}</dt>
            <dd>{formatShortDate(c.deadline, lang)}</dd>
          </>
        ) : null}
        {c.totalOre !== null ? (
          <>
            <dt className="font-semibold">{t("control.col.repay")}</dt>
            <dd data-testid="control-total">{fmt(c.totalOre)}</dd>
          </>
        ) : null}
        {c.appealBy ? (
          <>
            <dt className="font-semibold">{t("control.case.appealDeadline")}</dt>
            <dd>{formatShortDate(c.appealBy, lang)}</dd>
          </>
        ) : null}
      </dl>

      {lines.length ? (
        <Step title={t("control.case.lines")} id="lines-title">
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left" data-testid="control-lines">
              <caption className="sr-only">{t("control.case.linesCaption")}</caption>
              <ColumnHeads
                heads={[
                  t("control.col.claim"),
                  t("control.col.date"),
                  t("control.col.time"),
                  t("control.col.takst"),
                  t("control.col.paid"),
                  t("control.col.result"),
                  t("control.col.repay"),
                ]}
              />
              <tbody>
                {lines.map((l) => (
                  <tr key={l.id} className="border-b border-line" data-testid="control-line">
                    <td className="p-2">{l.claim}</td>
                    <td className="p-2">{formatShortDate(l.date, lang)}</td>
                    <td className="p-2">
                      {l.time} ({l.minutes} min)
                    </td>
                    <td className="p-2">{l.takst}</td>
                    <td className="p-2">{fmt(l.paidOre)}</td>
                    <td className="p-2">
                      {l.assessment
                        ? `${t(`control.assessment.${l.assessment.result}` as MessageKey)}${l.assessment.correctTakst ? ` (${l.assessment.correctTakst})` : ""}`
                        : t("control.case.notAssessed")}
                    </td>
                    <td className="p-2">{l.assessment ? fmt(l.assessment.repayOre) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Step>
      ) : null}

      {debt.history.length ? (
        <Step title={t("control.debt.title")} id="krav-title">
          <p className="mb-3">{t("control.debt.lead")}</p>
          {paymentSaved ? <Alert kind="success">{t("control.debt.payment.saved")}</Alert> : null}
          {setOff ? (
            <Alert kind={setOff.amountOre > 0 ? "success" : "info"}>
              {setOff.amountOre > 0 ? t("control.debt.setoff.done", { amount: fmt(setOff.amountOre), count: String(setOff.count) }) : t("control.debt.setoff.none")}
            </Alert>
          ) : null}
          <dl className="mb-4 grid grid-cols-[16rem_1fr] gap-2" data-testid="control-debt">
            <dt className="font-semibold">{t("control.debt.owed")}</dt>
            <dd>{fmt(debt.owedOre)}</dd>
            <dt className="font-semibold">{t("control.debt.settled")}</dt>
            <dd>{fmt(debt.settledOre)}</dd>
            <dt className="font-semibold">{t("control.debt.balance")}</dt>
            <dd data-testid="control-debt-balance">{fmt(debt.balanceOre)}</dd>
            {debt.overpaidOre > 0 ? (
              <>
                <dt className="font-semibold">{t("control.debt.overpaid")}</dt>
                <dd data-testid="control-debt-overpaid">{fmt(debt.overpaidOre)}</dd>
              </>
            ) : null}
            {debt.repaidOre > 0 ? (
              <>
                <dt className="font-semibold">{t("control.debt.repaid")}</dt>
                <dd data-testid="control-debt-repaid">{fmt(debt.repaidOre)}</dd>
              </>
            ) : null}
            {debt.dueOn ? (
              <>
                <dt className="font-semibold">{t("control.debt.due")}</dt>
                <dd>{formatShortDate(debt.dueOn, lang)}</dd>
              </>
            ) : null}
          </dl>
          <div className="mb-4 overflow-x-auto">
            <table className="w-full border-collapse text-left" data-testid="control-debt-history">
              <caption className="mb-2 text-left font-semibold">{t("control.debt.historyCaption")}</caption>
              <ColumnHeads
                heads={[
                  t("control.debt.col.date"),
                  t("control.debt.col.event"),
                  t("control.debt.col.amount"),
                  t("control.debt.col.change"),
                  t("control.debt.col.balance"),
                  t("control.debt.col.detail"),
                ]}
              />
              <tbody>
                {debt.history.map((h, i) => (
                  <tr key={i} className="border-b border-line" data-testid="control-debt-entry" data-kind={h.kind}>
                    <td className="p-2">{formatShortDate(h.on, lang)}</td>
                    <td className="p-2">{t(`control.debt.kind.${h.kind}` as MessageKey)}</td>
                    <td className="p-2">{fmt(h.amountOre)}</td>
                    <td className="p-2">{fmt(h.changeOre)}</td>
                    <td className="p-2">{fmt(h.balanceOre)}</td>
                    <td className="p-2">{debtDetail(h)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {debt.overpaidOre > 0 ? (
            <>
              <h3 className="mb-2 text-lg font-bold">{t("control.debt.refund.title")}</h3>
              {accountSaved ? <Alert kind="success">{t("control.debt.refund.saved")}</Alert> : null}
              <p className="mb-2" data-testid="control-refund-status">
                {debt.account ? t("control.debt.refund.next", { amount: fmt(debt.overpaidOre), account: debt.account }) : t("control.debt.refund.noAccount")}
              </p>
              <Form method="post" className="mb-4">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="konto" />
                <div className="mb-3">
                  <label htmlFor="refund-account" className="mb-1 block font-semibold">
                    {t("control.debt.refund.account")}
                  </label>
                  <FieldError id="refund-account-error" msg={debtErrors?.fields.account ? t(debtErrors.fields.account) : undefined} />
                  <input
                    id="refund-account"
                    name="account"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={40}
                    defaultValue={debt.account ?? ""}
                    className={inputClass}
                    required
                    aria-invalid={debtErrors?.fields.account ? true : undefined}
                    aria-describedby={debtErrors?.fields.account ? "refund-account-error" : undefined}
                  />
                </div>
                <button type="submit" className="rounded border-2 border-brand px-4 py-2 font-semibold text-brand">
                  {t("control.debt.refund.submit")}
                </button>
              </Form>
            </>
          ) : null}
          {debt.balanceOre > 0 ? (
            <>
              <h3 className="mb-2 text-lg font-bold">{t("control.debt.payment.title")}</h3>
              {debtErrors?.form ? <Alert kind="error">{t(debtErrors.form)}</Alert> : null}
              <Form method="post" className="mb-4">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="innbetaling" />
                <input type="hidden" name="seen" value={debt.settlements} />
                <div className="mb-3">
                  <label htmlFor="payment-amount" className="mb-1 block font-semibold">
                    {t("control.debt.payment.amount")}
                  </label>
                  <FieldError id="payment-amount-error" msg={debtErrors?.fields.amount ? t(debtErrors.fields.amount) : undefined} />
                  <input
                    id="payment-amount"
                    name="amount"
                    inputMode="decimal"
                    className={inputClass}
                    required
                    aria-invalid={debtErrors?.fields.amount ? true : undefined}
                    aria-describedby={debtErrors?.fields.amount ? "payment-amount-error" : undefined}
                  />
                </div>
                <div className="mb-3">
                  <label htmlFor="payment-date" className="mb-1 block font-semibold">
                    {t("control.debt.payment.paidOn")}
                  </label>
                  <FieldError id="payment-date-error" msg={debtErrors?.fields.paidOn ? t(debtErrors.fields.paidOn) : undefined} />
                  <input id="payment-date" type="date" name="paidOn" defaultValue={today} max={today} className={inputClass} required />
                </div>
                <div className="mb-3">
                  <label htmlFor="payment-reference" className="mb-1 block font-semibold">
                    {t("control.debt.payment.reference")}
                  </label>
                  <FieldError id="payment-reference-error" msg={debtErrors?.fields.reference ? t(debtErrors.fields.reference) : undefined} />
                  <input id="payment-reference" name="reference" maxLength={200} className={inputClass} />
                </div>
                <button type="submit" className={submitClass}>
                  {t("control.debt.payment.submit")}
                </button>
              </Form>
              <h3 className="mb-2 text-lg font-bold">{t("control.debt.setoff.title")}</h3>
              <p className="mb-2">{t("control.debt.setoff.lead", { share: String(debt.setOffShare) })}</p>
              <Form method="post">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="motregning" />
                <button type="submit" className="rounded border-2 border-brand px-4 py-2 font-semibold text-brand">
                  {t("control.debt.setoff.submit")}
                </button>
              </Form>
            </>
          ) : null}
        </Step>
      ) : null}

      {receivables.length ? (
        <Step title={t("control.receivable.title")} id="receivables-title">
          <p className="mb-3">{t("control.receivable.lead")}</p>
          <p className="mb-3 font-semibold" data-testid="control-receivables-open">
            {t("control.receivable.openTotal", { amount: fmt(openReceivablesOre) })}
          </p>
          {providerOverpaidOre > 0 ? <p className="mb-3">{t("control.receivable.overpaidTotal", { amount: fmt(providerOverpaidOre) })}</p> : null}
          {providerRepaidOre > 0 ? (
            <p className="mb-3" data-testid="control-receivables-repaid">
              {t("control.receivable.repaidTotal", { amount: fmt(providerRepaidOre) })}
            </p>
          ) : null}
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left" data-testid="control-receivables">
              <caption className="sr-only">{t("control.receivable.caption")}</caption>
              <ColumnHeads
                heads={[
                  t("control.receivable.col.case"),
                  t("control.receivable.col.decided"),
                  t("control.receivable.col.amount"),
                  t("control.receivable.col.due"),
                  t("control.receivable.col.status"),
                ]}
              />
              <tbody>
                {receivables.map((r) => (
                  <tr key={r.id} className="border-b border-line" data-testid="control-receivable" data-status={r.status}>
                    <td className="p-2">{r.thisCase ? `${r.reference} (${t("control.receivable.thisCase")})` : <Link to={`${CONTROL_CASES}/${r.caseId}`}>{r.reference}</Link>}</td>
                    <td className="p-2">{formatShortDate(r.decidedOn, lang)}</td>
                    <td className="p-2">{fmt(r.amountOre)}</td>
                    <td className="p-2">{formatShortDate(r.dueOn, lang)}</td>
                    <td className="p-2">{t(`control.receivable.status.${r.status}` as MessageKey, { date: formatShortDate(r.statusOn, lang) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Step>
      ) : null}

      {c.final ? <Alert kind="info">{t("control.case.final")}</Alert> : null}

      {held.length || heldDone ? (
        <Step title={t("control.held.title")} id="held-title">
          <p className="mb-3">{t("control.held.lead")}</p>
          {heldDone === "godkjent" || heldDone === "avvist" ? <Alert kind="success">{t(`staff.held.done.${heldDone}`)}</Alert> : null}
          {!held.length ? <p role="status">{t("control.held.none")}</p> : null}
          <ul className="space-y-4" data-testid="control-held">
            {held.map((l) => {
              const mine = heldErrors?.lineId === l.id ? heldErrors : null;
              const pre = `held-${l.id.slice(0, 8)}`;
              return (
                <li key={l.id} className="border-l-4 border-line pl-3" data-testid="control-held-line">
                  <h3 id={`${pre}-h`} className="font-bold">
                    {t("staff.held.line", { claim: l.claimId, line: l.lineNo, takst: l.takst, date: formatShortDate(l.date, lang) })}
                  </h3>
                  <p>
                    {l.time}, {t("staff.held.minutes", { minutes: l.minutes })} · {t("control.case.therapist")}: {l.therapistHpr} ·{" "}
                    {t("staff.held.money", { honorar: fmt(l.honorarOre), egenandel: fmt(l.egenandelOre) })}
                  </p>
                  <ul className="mb-2 list-disc pl-6">
                    {l.reasons.map((r) => (
                      <li key={r}>{t(`staff.held.reason.${r}` as MessageKey)}</li>
                    ))}
                  </ul>
                  {mine?.form ? <Alert kind="error">{t(mine.form)}</Alert> : null}
                  <Form method="post" aria-labelledby={`${pre}-h`}>
                    <input type="hidden" name="csrf" value={csrf} />
                    <input type="hidden" name="intent" value="held-review" />
                    <input type="hidden" name="lineId" value={l.id} />
                    <HeldLineDecisionFieldset idPrefix={pre} error={mine?.fields.decision ? t(mine.fields.decision) : undefined} className="mb-2" />
                    <div className="mb-2">
                      <label htmlFor={`${pre}-reason`} className="mb-1 block font-semibold">
                        {t("control.held.reason")}
                      </label>
                      <FieldError id={`${pre}-reason-error`} msg={mine?.fields.reason ? t(mine.fields.reason) : undefined} />
                      <textarea
                        id={`${pre}-reason`}
                        name="reason"
                        rows={2}
                        maxLength={2000}
                        className={`${inputClass} w-full`}
                        aria-invalid={mine?.fields.reason ? true : undefined}
                        aria-describedby={mine?.fields.reason ? `${pre}-reason-error` : undefined}
                      />
                    </div>
                    <button type="submit" className={submitClass}>
                      {t("staff.held.submit")}
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        </Step>
      ) : null}

      {can("innhenting") ? (
        <Step title={t("control.innhenting.title")} id="innhenting-title">
          <p className="mb-3">{t("control.innhenting.lead")}</p>
          <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("control.innhenting.range")}>
            <div>
              <label htmlFor="range-from" className="mb-1 block font-semibold">
                {t("control.innhenting.from")}
              </label>
              <input id="range-from" type="date" name="fra" defaultValue={range.from} className={inputClass} />
            </div>
            <div>
              <label htmlFor="range-to" className="mb-1 block font-semibold">
                {t("control.innhenting.to")}
              </label>
              <input id="range-to" type="date" name="til" defaultValue={range.to} className={inputClass} />
            </div>
            <button type="submit" className="rounded border-2 border-brand px-3 py-1 font-semibold text-brand">
              {t("control.innhenting.show")}
            </button>
          </Form>
          {formError("innhenting")}
          {candidates.length ? (
            <Form method="post">
              {hidden("innhenting")}
              <div className="mb-4 max-h-[32rem] overflow-auto">
                <table className="w-full border-collapse text-left" data-testid="control-candidates">
                  <caption className="sr-only">{t("control.innhenting.caption")}</caption>
                  <ColumnHeads
                    heads={[
                      t("control.col.select"),
                      t("control.col.claim"),
                      t("control.col.date"),
                      t("control.col.time"),
                      t("control.col.takst"),
                      t("control.col.therapist"),
                      t("control.col.paid"),
                    ]}
                  />
                  <tbody>
                    {candidates.map((l) => (
                      <tr key={l.id} className="border-b border-line">
                        <td className="p-2">
                          <input id={`line-${l.id}`} type="checkbox" name="lineId" value={l.id} className="h-5 w-5" />
                          <label htmlFor={`line-${l.id}`} className="sr-only">
                            {t("control.innhenting.select", { claim: `${l.claim} ${formatShortDate(l.date, lang)}` })}
                          </label>
                        </td>
                        <td className="p-2">{l.claim}</td>
                        <td className="p-2">{formatShortDate(l.date, lang)}</td>
                        <td className="p-2">
                          {l.time} ({l.minutes} min)
                        </td>
                        <td className="p-2">{l.takst}</td>
                        <td className="p-2">{l.therapistHpr}</td>
                        <td className="p-2">{fmt(l.paidOre)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="mb-4">
                <label htmlFor="innhenting-deadline" className="mb-1 block font-semibold">
                  {t("control.innhenting.deadline")}
                </label>
                <FieldError id="innhenting-deadline-error" msg={errs("innhenting")?.fields.deadline ? t(errs("innhenting")!.fields.deadline!) : undefined} />
                <input id="innhenting-deadline" type="date" name="deadline" defaultValue={defaults.documentation} min={today} className={inputClass} required />
              </div>
              <button type="submit" className={submitClass}>
                {t("control.innhenting.submit")}
              </button>
            </Form>
          ) : (
            <p role="status">{t("control.innhenting.none")}</p>
          )}
        </Step>
      ) : null}

      {can("vurdering") || can("ny-vurdering") ? (
        <Step title={t(can("vurdering") ? "control.vurdering.title" : "control.vurdering.newTitle")} id="vurdering-title">
          <p className="mb-3">{t("control.vurdering.lead")}</p>
          {formError(can("vurdering") ? "vurdering" : "ny-vurdering")}
          <Form method="post">
            {hidden(can("vurdering") ? "vurdering" : "ny-vurdering")}
            {assessmentRows(can("vurdering") ? "vurdering" : "ny-vurdering")}
            <button type="submit" className={submitClass}>
              {t("control.vurdering.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      {can("varsel") ? (
        <Step title={t("control.varsel.title")} id="varsel-title">
          <p className="mb-3">{t("control.varsel.lead", { amount: fmt(c.totalOre ?? 0) })}</p>
          {formError("varsel")}
          <Form method="post">
            {hidden("varsel")}
            <div className="mb-4">
              <label htmlFor="varsel-deadline" className="mb-1 block font-semibold">
                {t("control.varsel.deadline")}
              </label>
              <FieldError id="varsel-deadline-error" msg={errs("varsel")?.fields.deadline ? t(errs("varsel")!.fields.deadline!) : undefined} />
              <input id="varsel-deadline" type="date" name="deadline" defaultValue={defaults.notice} min={today} className={inputClass} required />
            </div>
            <button type="submit" className={submitClass}>
              {t("control.varsel.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      {can("tilsvar") ? (
        <Step title={t("control.tilsvar.title")} id="tilsvar-title">
          <p className="mb-3">{t("control.tilsvar.lead")}</p>
          {formError("tilsvar")}
          <Form method="post" encType="multipart/form-data">
            {hidden("tilsvar")}
            <div className="mb-4">
              <label htmlFor="tilsvar-file" className="mb-1 block font-semibold">
                {t("control.tilsvar.file")}
              </label>
              <FieldError id="tilsvar-file-error" msg={errs("tilsvar")?.fields.file ? t(errs("tilsvar")!.fields.file!) : undefined} />
              <input
                id="tilsvar-file"
                type="file"
                name="file"
                accept="application/pdf,image/jpeg,image/png"
                aria-describedby={errs("tilsvar")?.fields.file ? "tilsvar-file-error" : undefined}
              />
            </div>
            <div className="mb-4">
              <label htmlFor="tilsvar-note" className="mb-1 block font-semibold">
                {t("control.tilsvar.note")}
              </label>
              <FieldError id="tilsvar-note-error" msg={errs("tilsvar")?.fields.note ? t(errs("tilsvar")!.fields.note!) : undefined} />
              <textarea id="tilsvar-note" name="note" rows={4} maxLength={4000} className={`${inputClass} w-full`} />
            </div>
            <button type="submit" className={submitClass}>
              {t("control.tilsvar.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      {can("vedtak") ? (
        <Step title={t("control.vedtak.title")} id="vedtak-title">
          <p className="mb-3">{t("control.vedtak.lead", { amount: fmt(c.totalOre ?? 0) })}</p>
          {formError("vedtak")}
          <Form method="post">
            {hidden("vedtak")}
            <button type="submit" className={submitClass}>
              {t("control.vedtak.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      {can("klage") ? (
        <Step title={t("control.klage.title")} id="klage-title">
          {formError("klage")}
          <Form method="post">
            {hidden("klage")}
            <div className="mb-4">
              <label htmlFor="klage-received" className="mb-1 block font-semibold">
                {t("control.klage.receivedOn")}
              </label>
              <FieldError id="klage-received-error" msg={errs("klage")?.fields.receivedOn ? t(errs("klage")!.fields.receivedOn!) : undefined} />
              <input id="klage-received" type="date" name="receivedOn" defaultValue={today} max={today} className={inputClass} required />
            </div>
            <div className="mb-4">
              <label htmlFor="klage-text" className="mb-1 block font-semibold">
                {t("control.klage.text")}
              </label>
              <FieldError id="klage-text-error" msg={errs("klage")?.fields.text ? t(errs("klage")!.fields.text!) : undefined} />
              <textarea id="klage-text" name="text" rows={4} maxLength={4000} className={`${inputClass} w-full`} />
            </div>
            <button type="submit" className={submitClass}>
              {t("control.klage.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      {can("klage-behandling") ? (
        <Step title={t("control.klageBehandling.title")} id="klage-behandling-title">
          {formError("klage-behandling")}
          <Form method="post">
            {hidden("klage-behandling")}
            <fieldset className="mb-4">
              <legend className="mb-1 font-semibold">{t("control.klageBehandling.outcome")}</legend>
              <FieldError id="klage-outcome-error" msg={errs("klage-behandling")?.fields.outcome ? t(errs("klage-behandling")!.fields.outcome!) : undefined} />
              {(["upheld", "changed", "reversed"] as const).map((o) => (
                <div key={o} className="mb-1 flex items-center gap-2">
                  <input id={`outcome-${o}`} type="radio" name="outcome" value={o} className="h-5 w-5" defaultChecked={o === "upheld"} />
                  <label htmlFor={`outcome-${o}`}>{t(`control.klage.${o}` as MessageKey)}</label>
                </div>
              ))}
            </fieldset>
            <div className="mb-4">
              <label htmlFor="klage-reason" className="mb-1 block font-semibold">
                {t("control.klageBehandling.reason")}
              </label>
              <FieldError id="klage-reason-error" msg={errs("klage-behandling")?.fields.reason ? t(errs("klage-behandling")!.fields.reason!) : undefined} />
              <textarea id="klage-reason" name="reason" rows={4} maxLength={4000} className={`${inputClass} w-full`} />
            </div>
            <p className="mb-2">{t("control.klageBehandling.changedHint")}</p>
            {assessmentRows("klage-behandling")}
            <button type="submit" className={submitClass}>
              {t("control.klageBehandling.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      {can("sen-klage") && c.late ? (
        <Step title={t("control.senKlage.title")} id="sen-klage-title">
          <p className="mb-3">{t("control.senKlage.lead", { received: formatShortDate(c.late.receivedOn, lang), deadline: formatShortDate(c.late.deadline, lang) })}</p>
          {c.late.pastLimit ? <Alert kind="info">{t("control.senKlage.pastLimit", { date: formatShortDate(c.late.decidedOn, lang) })}</Alert> : null}
          {formError("sen-klage")}
          <Form method="post">
            {hidden("sen-klage")}
            <fieldset className="mb-4" aria-describedby={errs("sen-klage")?.fields.decision ? "late-decision-error" : undefined}>
              <legend className="mb-1 font-semibold">{t("control.senKlage.decision")}</legend>
              <FieldError id="late-decision-error" msg={errs("sen-klage")?.fields.decision ? t(errs("sen-klage")!.fields.decision!) : undefined} />
              {(["behandles", "avvises"] as const).map((d) => (
                <div key={d} className="mb-1 flex items-center gap-2">
                  <input id={`late-${d}`} type="radio" name="decision" value={d} className="h-5 w-5" defaultChecked={c.late!.pastLimit && d === "avvises"} />
                  <label htmlFor={`late-${d}`}>{t(`control.senKlage.decision.${d}` as MessageKey)}</label>
                </div>
              ))}
            </fieldset>
            <fieldset className="mb-4">
              <legend className="mb-1 font-semibold">{t("control.senKlage.ground")}</legend>
              {LATE_APPEAL_GROUNDS.map((g) => (
                <div key={g} className="mb-1 flex items-center gap-2">
                  <input id={`late-ground-${g}`} type="radio" name="ground" value={g} className="h-5 w-5" />
                  <label htmlFor={`late-ground-${g}`}>{t(`control.senKlage.ground.${g}` as MessageKey)}</label>
                </div>
              ))}
            </fieldset>
            <div className="mb-4">
              <label htmlFor="late-reason" className="mb-1 block font-semibold">
                {t("control.senKlage.reason")}
              </label>
              <FieldError id="late-reason-error" msg={errs("sen-klage")?.fields.reason ? t(errs("sen-klage")!.fields.reason!) : undefined} />
              <textarea id="late-reason" name="reason" rows={4} maxLength={4000} className={`${inputClass} w-full`} />
            </div>
            <button type="submit" className={submitClass}>
              {t("control.senKlage.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      {can("henlegg") ? (
        <Step title={t("control.henlegg.title")} id="henlegg-title">
          {formError("henlegg")}
          <Form method="post">
            {hidden("henlegg")}
            <div className="mb-4">
              <label htmlFor="henlegg-reason" className="mb-1 block font-semibold">
                {t("control.henlegg.reason")}
              </label>
              <FieldError id="henlegg-reason-error" msg={errs("henlegg")?.fields.reason ? t(errs("henlegg")!.fields.reason!) : undefined} />
              <textarea id="henlegg-reason" name="reason" rows={3} maxLength={4000} className={`${inputClass} w-full`} />
            </div>
            <button type="submit" className="rounded border-2 border-ink px-4 py-2 font-semibold">
              {t("control.henlegg.submit")}
            </button>
          </Form>
        </Step>
      ) : null}

      <Step title={t("control.case.timeline")} id="tidslinje">
        <ol className="space-y-3" data-testid="control-timeline">
          {timeline(events, debt.history).map((item) =>
            item.settlement ? (
              <li key={item.key} className="border-l-4 border-line pl-3" data-testid="control-settlement" data-kind={item.settlement.kind}>
                <p>
                  <strong>{t(`control.debt.kind.${item.settlement.kind}` as MessageKey)}</strong> · {formatShortDate(item.settlement.on, lang)} · {fmt(item.settlement.amountOre)}
                </p>
                <p>{debtDetail(item.settlement)}</p>
              </li>
            ) : item.event ? (
              renderEvent(item.event)
            ) : null,
          )}
        </ol>
      </Step>
    </>
  );
}
