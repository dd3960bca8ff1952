/**
 * What a physiotherapist billed behind one of the resident's egenandeler (issue 20, part 3): the
 * takst in words, date, start time, duration and therapist. The resident confirms it, or reports
 * what does not match (seed 000's list); a report is a `claim-report` case for the controller,
 * with the claim behind it.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { ErrorSummary, Field, inputClass } from "~/components/form";
import { Alert, buttonClass, Card, PageHeading } from "~/components/ui";
import { formatOre } from "~/kernel/money";
import { formatDate, type MessageKey } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { billedLinesFor, confirmBilledLine } from "~/models/claims.server";
import { listEgenandelById } from "~/models/person.server";
import { isTakstCode, TAKST_INFO } from "~/rules/parameters/physio-takster";
import { CLAIM_REPORT_REASONS, ClaimReportSchema } from "~/schemas/claims";
import { submitClaimReport } from "~/services/cases.server";
import { todayOslo } from "~/utils/clock.server";
import { intentOf, readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { requireCitizen, requireCsrf } from "~/utils/session.server";
import { ClaimLineIntent } from "~/schemas/intents";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "claimReport.title");

async function load(db: Parameters<typeof billedLinesFor>[0], personId: string, egenandelId: string) {
  const egenandel = await listEgenandelById(db, personId, egenandelId);
  const billed = egenandel ? (await billedLinesFor(db, personId, [egenandel.id])).get(egenandel.id) : undefined;
  if (!egenandel || !billed) throw new Response("Not Found", { status: 404 });
  return { egenandel, billed };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const { egenandel, billed } = await load(context.database.db, user.personId, params.egenandelId!);
  const kind = isTakstCode(billed.takst) ? TAKST_INFO[billed.takst].kind : null;
  const time = `${String(Math.floor(billed.startMinute / 60)).padStart(2, "0")}:${String(billed.startMinute % 60).padStart(2, "0")}`;
  const done = new URL(request.url).searchParams.get("bekreftet") === "1";
  return {
    idempotencyKey: randomUUID(),
    done,
    line: {
      date: billed.serviceDate,
      time,
      minutes: billed.minutes,
      groupSize: billed.groupSize,
      takst: billed.takst,
      kind,
      therapist: billed.therapistName,
      provider: egenandel.providerName,
      amountOre: egenandel.amountOre,
      confirmed: billed.confirmedAt !== null,
      reportReference: billed.reportReference,
    },
  };
}

type Values = { reasons: string[]; comment: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  // The token first: a forged POST learns nothing, not even whether the egenandel exists.
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const { egenandel, billed } = await load(db, user.personId, params.egenandelId!);
  if (intentOf(form, ClaimLineIntent) === "confirm") {
    await confirmBilledLine(db, user.personId, billed.lineId);
    return redirect(`/mine/regning/${egenandel.id}?bekreftet=1`);
  }
  const values: Values = { reasons: form.getAll("reasons").map(String), comment: String(form.get("comment") ?? "") };
  const parsed = ClaimReportSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "reasons");
      errors[field] ??= field === "reasons" ? "errors.claimReport.reasons" : issue.message;
    }
    return data({ errors, values }, { status: 400 });
  }
  const c = await submitClaimReport(db, {
    personId: user.personId,
    egenandelId: egenandel.id,
    idempotencyKey: String(form.get("idempotencyKey") ?? "").slice(0, 64) || randomUUID(),
    today: todayOslo(),
    // The claim behind the report, for the controller: the provider's claim and line, the therapist, what was billed.
    data: {
      reasons: parsed.data.reasons,
      comment: parsed.data.comment,
      claim: { orgnr: billed.orgnr, claimId: billed.claimId, lineNo: billed.lineNo, lineId: billed.lineId, therapistHpr: billed.therapistHpr },
      billed: { takst: billed.takst, serviceDate: billed.serviceDate, startMinute: billed.startMinute, minutes: billed.minutes, groupSize: billed.groupSize },
    },
  });
  return redirect(`/mine/saker/${c.id}?sendt=1`);
}

export default function ClaimLine() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const { line, idempotencyKey, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Values = actionData?.values ?? { reasons: [], comment: "" };
  const treatment = `${line.kind ? t(`claimLine.kind.${line.kind}` as MessageKey) : line.takst} (${line.takst})${line.groupSize ? `, ${t("claimLine.group", { size: line.groupSize })}` : ""}`;
  return (
    <>
      <PageHeading>{t("claimReport.title")}</PageHeading>
      {done ? <Alert kind="success">{t("claimReport.done.confirmed")}</Alert> : null}
      <p className="mb-6 max-w-2xl">{t("claimReport.lead")}</p>
      <Card className="mb-8">
        <h2 className="mb-3 text-xl font-bold">{t("claimReport.billed")}</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2" data-testid="billed">
          <div>
            <dt className="text-sm text-muted">{t("claimReport.col.treatment")}</dt>
            <dd>{treatment}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("claimReport.col.date")}</dt>
            <dd>{formatDate(line.date, lang)}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("claimReport.col.time")}</dt>
            <dd>{line.time}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("claimReport.col.duration")}</dt>
            <dd>{t("claimReport.minutes", { minutes: line.minutes })}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("claimReport.col.therapist")}</dt>
            <dd>
              {line.therapist}, {line.provider}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("claimReport.col.egenandel")}</dt>
            <dd>{formatOre(line.amountOre, lang)}</dd>
          </div>
        </dl>
      </Card>
      {line.reportReference ? <Alert kind="info">{t("claimLine.reported", { reference: line.reportReference })}</Alert> : null}
      {line.confirmed && !done ? <p className="mb-6">{t("claimLine.confirmed")}</p> : null}

      <section aria-labelledby="confirm-heading" className="mb-8">
        <h2 id="confirm-heading" className="mb-2 text-2xl font-bold">
          {t("claimReport.confirm.heading")}
        </h2>
        <Form method="post">
          <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
          <input type="hidden" name="intent" value="confirm" />
          <button type="submit" className={buttonClass}>
            {t("claimReport.confirm")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="report-heading" className="max-w-2xl">
        <h2 id="report-heading" className="mb-4 text-2xl font-bold">
          {t("claimReport.report.heading")}
        </h2>
        <Form method="post" noValidate>
          <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
          <input type="hidden" name="intent" value="report" />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <fieldset className={`mb-6 ${errors.reasons ? "border-l-4 border-danger pl-4" : ""}`} aria-describedby={errors.reasons ? "reasons-error" : undefined}>
            <legend className="mb-2 text-lg font-semibold">{t("claimReport.reasons")}</legend>
            {errors.reasons ? (
              <p id="reasons-error" className="font-semibold text-danger">
                {t(errors.reasons as MessageKey)}
              </p>
            ) : null}
            {CLAIM_REPORT_REASONS.map((r, i) => (
              <div key={r} className="mb-2 flex items-start gap-2">
                <input type="checkbox" id={i === 0 ? "reasons" : `reasons-${r}`} name="reasons" value={r} defaultChecked={values.reasons.includes(r)} className="mt-1 h-5 w-5" />
                <label htmlFor={i === 0 ? "reasons" : `reasons-${r}`}>{t(`claimReport.reason.${r}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <Field id="comment" label={t("claimReport.comment")} hint={t("claimReport.comment.hint")} error={errors.comment} t={t}>
            {(d, inv) => (
              <textarea id="comment" name="comment" rows={4} defaultValue={values.comment} aria-describedby={d} aria-invalid={inv || undefined} className={inputClass} />
            )}
          </Field>
          <ErrorSummary errors={errors} t={t} order={["reasons", "comment"]} />
          <p className="mb-4 text-muted">{t("claimReport.stillCounted")}</p>
          <button type="submit" className={buttonClass}>
            {t("claimReport.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
