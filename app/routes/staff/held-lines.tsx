import { readForm } from "~/utils/form.server";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { HeldLineDecisionFieldset } from "~/components/held-line-decision";
import { Alert, Card, PageHeading } from "~/components/ui";
import type { ControlResult } from "~/domain/claim-controls";
import { can, STAFF_BASE } from "~/domain/staff-roles";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { formatOre } from "~/kernel/money";
import { LineReviewFormSchema } from "~/schemas/staff-register";
import { listHeldLines, reviewHeldLine } from "~/services/staff-register.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.held.title");

const HELD_REASONS = new Set(["examination-count", "examination-interval"]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  // each line shown is a read of a resident's data: listHeldLines writes the audit rows
  const rows = await listHeldLines(context.database.db, staff);
  const url = new URL(request.url);
  return {
    csrf: staff.csrf,
    canReview: can(staff.roles, "decide") || can(staff.roles, "control"),
    done: url.searchParams.get("vurdert"),
    lines: rows.map((r) => ({
      id: r.id,
      claimId: r.claimId,
      lineNo: r.lineNo,
      takst: r.takst,
      serviceDate: r.serviceDate,
      time: `${String(Math.floor(r.startMinute / 60)).padStart(2, "0")}:${String(r.startMinute % 60).padStart(2, "0")}`,
      minutes: r.minutes,
      therapist: r.therapistName,
      provider: `${r.providerName} (${r.providerOrgnr})`,
      honorarOre: r.honorarOre,
      egenandelOre: r.egenandelOre,
      reasons: (r.controls as ControlResult[])
        .filter((c) => c.result === "til-kontroll" && c.reason && HELD_REASONS.has(c.reason))
        .map((c) => ({ rule: c.rule, reason: c.reason! })),
    })),
  };
}

type Errors = Partial<Record<"decision" | "reason" | "form", MessageKey>> & { lineId?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  if (!(can(staff.roles, "decide") || can(staff.roles, "control"))) throw new Response("Forbidden", { status: 403 });
  const form = await readForm(request);
  requireStaffCsrf(staff, form);
  const v = LineReviewFormSchema.parse({ lineId: form.get("lineId"), decision: form.get("decision"), reason: form.get("reason") });
  const errors: Errors = { lineId: v.lineId };
  if (!v.decision) errors.decision = "staff.held.error.decision";
  const reason = v.reason.trim();
  if (!reason) errors.reason = "staff.decide.error.reason";
  else if (reason.length > 2000) errors.reason = "staff.decide.error.reasonLong";
  if (errors.decision || errors.reason) return data({ errors }, { status: 400 });
  const res = await reviewHeldLine(context.database.db, staff, v.lineId, v.decision!, reason, todayOslo());
  if (!res.ok)
    return data(
      { errors: { ...errors, form: res.reason === "not-held" ? "staff.held.error.notHeld" : "staff.held.error.notFound" } as Errors },
      { status: res.reason === "not-held" ? 409 : 404 },
    );
  return redirect(`${STAFF_BASE}/regninger?vurdert=${v.decision}`);
}

export default function HeldLines() {
  const { t, lang } = useT();
  const { csrf, canReview, lines, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Errors = result?.errors ?? {};
  return (
    <>
      <PageHeading>{t("staff.held.title")}</PageHeading>
      <p className="mb-6 max-w-prose">{t("staff.held.lead")}</p>
      {done === "godkjent" || done === "avvist" ? <Alert kind="success">{t(`staff.held.done.${done}`)}</Alert> : null}
      {errors.form ? <Alert kind="error">{t(errors.form)}</Alert> : null}
      {lines.length === 0 ? <p data-testid="held-none">{t("staff.held.none")}</p> : null}
      {lines.map((l) => {
        const mine = errors.lineId === l.id;
        const pre = `l-${l.id.slice(0, 8)}`;
        return (
          <Card key={l.id} className="mb-6">
            <section aria-labelledby={`${pre}-h`} data-testid="held-line">
              <h2 id={`${pre}-h`} className="mb-2 text-lg font-bold">
                {t("staff.held.line", { claim: l.claimId, line: l.lineNo, takst: l.takst, date: formatShortDate(l.serviceDate, lang) })}
              </h2>
              <p className="mb-1">
                {l.provider} · {l.therapist} · {l.time}, {t("staff.held.minutes", { minutes: l.minutes })}
              </p>
              <p className="mb-2">{t("staff.held.money", { honorar: formatOre(l.honorarOre, lang), egenandel: formatOre(l.egenandelOre, lang) })}</p>
              <ul className="mb-3 list-disc pl-6">
                {l.reasons.map((r) => (
                  <li key={r.rule}>
                    {t(`staff.held.reason.${r.reason}` as MessageKey)} <span className="text-sm text-muted">({r.rule})</span>
                  </li>
                ))}
              </ul>
              {canReview ? (
                <Form method="post" noValidate>
                  <input type="hidden" name="csrf" value={csrf} />
                  <input type="hidden" name="lineId" value={l.id} />
                  <HeldLineDecisionFieldset idPrefix={pre} error={mine && errors.decision ? t(errors.decision) : undefined} className="mb-3" />
                  <label htmlFor={`${pre}-reason`} className="mb-1 block font-semibold">
                    {t("staff.decide.reason")}
                  </label>
                  {mine && errors.reason ? (
                    <p id={`${pre}-reason-error`} className="mb-1 font-semibold text-danger">
                      {t(errors.reason)}
                    </p>
                  ) : null}
                  <textarea
                    id={`${pre}-reason`}
                    name="reason"
                    rows={2}
                    maxLength={2000}
                    className="mb-3 w-full rounded border-2 border-ink p-2"
                    aria-describedby={mine && errors.reason ? `${pre}-reason-error` : undefined}
                    aria-invalid={mine && errors.reason ? true : undefined}
                  />
                  <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
                    {t("staff.held.submit")}
                  </button>
                </Form>
              ) : null}
            </section>
          </Card>
        );
      })}
    </>
  );
}
