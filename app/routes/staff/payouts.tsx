/**
 * The payout run in the console (issue 19): a caseworker sees what the next run pays (how many
 * refunds and the sum; no resident data) and runs it — the same `runPayoutFile` as `npm run payouts`:
 * one pain.001 file for the bank, the refunds marked paid and the residents told, and overpayments on
 * control cases paid back to the providers, in one transaction. Outside Helfo's payout rhythm it asks for a tick, as the command asks for --force.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import path from "node:path";
import { Alert, Card, PageHeading } from "~/components/ui";
import { isPayoutRunDay, nextPayoutRun } from "~/domain/payout-timing";
import { can, STAFF_BASE } from "~/domain/staff-roles";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { formatOre, ore } from "~/kernel/money";
import { pendingPayoutSummary, runPayoutFile } from "~/services/payout-file.server";
import { pendingProviderRefunds } from "~/services/provider-receivables.server";
import { todayOslo } from "~/utils/clock.server";
import { readForm } from "~/utils/form.server";
import { log } from "~/utils/log.server";
import { pageTitle } from "~/utils/meta";
import { requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.payouts.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const today = todayOslo();
  const url = new URL(request.url);
  const paid = url.searchParams.get("betalt");
  const sum = url.searchParams.get("sum");
  const file = url.searchParams.get("fil");
  return {
    csrf: staff.csrf,
    canRun: can(staff.roles, "decide"),
    today,
    payoutDay: isPayoutRunDay(today),
    next: nextPayoutRun(today),
    pending: await pendingPayoutSummary(context.database.db),
    // overpayments on control cases the run pays back to providers (amounts only)
    providerRefunds: await pendingProviderRefunds(context.database.db),
    done:
      paid !== null && /^\d{1,6}$/.test(paid)
        ? { count: Number(paid), totalOre: /^\d{1,12}$/.test(sum ?? "") ? Number(sum) : 0, file: file && /^pain001-[A-Z0-9]{1,40}\.xml$/.test(file) ? file : null }
        : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  if (!can(staff.roles, "decide")) throw new Response("Forbidden", { status: 403 });
  const form = await readForm(request);
  requireStaffCsrf(staff, form);
  const today = todayOslo();
  // without Helfo's own account (PAYOUT_DEBTOR_IBAN) no bank file can be written: say so, never a 500
  if (!context.config.payouts.debtor.iban) return data({ error: "staff.payouts.error.noDebtor" as MessageKey }, { status: 409 });
  if (!isPayoutRunDay(today) && form.get("force") !== "yes") return data({ error: "staff.payouts.error.notPayoutDay" as MessageKey }, { status: 400 });
  const run = await runPayoutFile(context.database.db, { paidOn: today, fileDir: context.config.payouts.fileDir, debtor: context.config.payouts.debtor });
  log.info("payout run from the console", { staff: staff.ident, count: run.count, paidOn: today });
  const file = run.file ? path.basename(run.file) : "";
  return redirect(`${STAFF_BASE}/utbetalinger?betalt=${run.count}&sum=${run.totalOre}${file ? `&fil=${encodeURIComponent(file)}` : ""}`);
}

export default function StaffPayouts() {
  const { t, lang } = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result && "error" in result ? result.error : null;
  return (
    <>
      <PageHeading>{t("staff.payouts.title")}</PageHeading>
      {d.done ? (
        <Alert kind="success">
          <span data-testid="payout-run-result">
            {d.done.count ? t("staff.payouts.done", { count: d.done.count, amount: formatOre(ore(d.done.totalOre), lang) }) : t("staff.payouts.nothing")}
            {d.done.file ? ` ${t("staff.payouts.file", { file: d.done.file })}` : ""}
          </span>
        </Alert>
      ) : null}
      <Card className="mb-6">
        <p className="mb-2" data-testid="payouts-pending">
          {t("staff.payouts.pending", { count: d.pending.count, amount: formatOre(d.pending.totalOre, lang) })}
        </p>
        {d.pending.waitingForAccount ? <p className="mb-2 text-muted">{t("staff.payouts.noAccount", { count: d.pending.waitingForAccount })}</p> : null}
        {d.providerRefunds.count ? (
          <p className="mb-2" data-testid="payouts-provider-refunds">
            {t("staff.payouts.providerRefunds", { count: d.providerRefunds.count, amount: formatOre(d.providerRefunds.totalOre, lang) })}
          </p>
        ) : null}
        {d.providerRefunds.waitingForAccount ? <p className="mb-2 text-muted">{t("staff.payouts.providerNoAccount", { count: d.providerRefunds.waitingForAccount })}</p> : null}
        <p className="mb-4">
          {d.payoutDay ? t("staff.payouts.today", { date: formatShortDate(d.today, lang) }) : t("staff.payouts.notToday", { date: formatShortDate(d.next, lang) })}
        </p>
        {d.canRun ? (
          <Form method="post" noValidate>
            <input type="hidden" name="csrf" value={d.csrf} />
            {!d.payoutDay ? (
              <div className="mb-4 flex items-start gap-2">
                <input type="checkbox" id="force" name="force" value="yes" className="mt-1 h-5 w-5" aria-describedby={error ? "force-error" : undefined} />
                <label htmlFor="force">{t("staff.payouts.force")}</label>
              </div>
            ) : null}
            {error ? (
              <p id="force-error" className="mb-3 font-semibold text-danger" role="alert">
                {t(error)}
              </p>
            ) : null}
            <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
              {t("staff.payouts.run")}
            </button>
          </Form>
        ) : null}
      </Card>
    </>
  );
}
