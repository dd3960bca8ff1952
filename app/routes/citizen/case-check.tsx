import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { SummaryRow } from "~/components/form";
import { useCovers } from "~/components/services";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import { missingEgenandelDeadlines } from "~/domain/deadlines";
import { formatOre, ore } from "~/kernel/money";
import type { ServiceType } from "~/kernel/types";
import { formatDate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { getCase, getUploadMeta, submitCase } from "~/services/cases.server";
import { getPerson, listEgenandelById } from "~/models/person.server";
import { deadlinePassed, summariseApplication, type ReceiptLine } from "~/domain/frikort-application";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { readForm } from "~/utils/form.server";
import { isoDate } from "~/kernel/dates";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "check.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const c = await getCase(db, user.personId, params.caseId!);
  if (!c || (c.kind !== "missing-egenandel" && c.kind !== "tip" && c.kind !== "frikort-application")) throw new Response("Not Found", { status: 404 });
  if (c.status !== "draft") throw redirect(`/mine/saker/${c.id}`);
  const upload = c.uploadId ? await getUploadMeta(db, user.personId, c.uploadId) : null;
  const egenandel = c.egenandelId ? await listEgenandelById(db, user.personId, c.egenandelId) : null;
  const d = c.data as Record<string, string | number>;
  const deadlines = c.kind === "missing-egenandel" ? missingEgenandelDeadlines(isoDate(String(d.serviceDate)), todayOslo()) : null;
  const application =
    c.kind === "frikort-application"
      ? summariseApplication(Number(d.year), (await getPerson(db, user.personId))?.birthDate ?? null, (c.data as { lines: ReceiptLine[] }).lines)
      : null;
  // an application sent after the six-month deadline is said so before it is sent (issue 22 item 3)
  const late = application
    ? application.taks.filter((tak) => tak.frikortFrom && deadlinePassed(tak.deadline, todayOslo())).map((tak) => ({ from: tak.frikortFrom!, deadline: tak.deadline! }))
    : [];
  return {
    id: c.id,
    kind: c.kind as "missing-egenandel" | "tip" | "frikort-application",
    data: d,
    upload: upload ? upload.filename : null,
    egenandel,
    deadlines,
    application,
    late,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const c = await submitCase(context.database.db, user.personId, params.caseId!);
  if (!c) throw new Response("Not Found", { status: 404 });
  return redirect(`/mine/saker/${c.id}?sendt=1`);
}

export default function CheckAnswers() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const { id, kind, data: d, upload, egenandel, deadlines, application, late } = useLoaderData<typeof loader>();
  const changeHref =
    kind === "tip"
      ? `/mine/tips/${String(d.egenandelId)}?utkast=${id}`
      : kind === "frikort-application"
        ? `/mine/frikort-soknad?ar=${String(d.year)}`
        : `/mine/manglende?utkast=${id}`;
  // under a narrow fullmakt, no "change" link to a form the fullmakt does not cover
  const covers = useCovers();
  const change = covers(kind === "tip" ? "tip" : kind === "frikort-application" ? "application" : "missing") ? { href: changeHref, text: t("check.change") } : undefined;
  return (
    <>
      <PageHeading>{t("check.title")}</PageHeading>
      <p className="mb-6">{t(kind === "tip" ? "check.lead.tip" : kind === "frikort-application" ? "check.lead.application" : "check.lead.missing")}</p>
      <dl className="mb-8 max-w-3xl">
        {kind === "frikort-application" && application ? (
          <>
            <SummaryRow label={t("application.receiptsShort")} value={String((d.lines as unknown as unknown[]).length)} change={change} />
            {application.taks.map((tak) => (
              <SummaryRow
                key={tak.tak}
                label={t(`overview.tak.${tak.tak}`)}
                value={`${formatOre(tak.registeredOre, lang)} / ${formatOre(tak.ceilingOre, lang)}${tak.frikortFrom ? ` · ${t("application.reachedShort", { date: formatDate(tak.frikortFrom, lang) })}` : ""}`}
              />
            ))}
          </>
        ) : kind === "missing-egenandel" ? (
          <>
            <SummaryRow label={t("missing.providerName")} value={String(d.providerName)} change={change} />
            <SummaryRow label={t("missing.providerOrgnr")} value={String(d.providerOrgnr || "–")} change={change} />
            <SummaryRow label={t("missing.serviceDate")} value={formatDate(String(d.serviceDate), lang)} change={change} />
            <SummaryRow label={t("missing.serviceType")} value={t(`service.${d.serviceType as ServiceType}`)} change={change} />
            <SummaryRow label={t("missing.amount")} value={formatOre(ore(Number(d.amountOre)), lang)} change={change} />
            <SummaryRow label={t("missing.receipt")} value={upload ?? t("check.noFile")} change={change} />
          </>
        ) : (
          <>
            {egenandel ? (
              <SummaryRow
                label={t("tip.egenandel")}
                value={`${formatDate(egenandel.serviceDate, lang)} · ${egenandel.providerName} · ${t(`service.${egenandel.serviceType}`)} · ${formatOre(egenandel.amountOre, lang)}`}
              />
            ) : null}
            <SummaryRow label={t("tip.reason")} value={t(`tip.reason.${String(d.reason)}` as "tip.reason.not-there")} change={change} />
            <SummaryRow label={t("tip.comment")} value={String(d.comment || "–")} change={change} />
            <SummaryRow label={t("tip.attachment")} value={upload ?? t("check.noFile")} change={change} />
          </>
        )}
      </dl>
      {deadlines ? (
        <Alert kind="info">
          <p>{t("check.deadline", { date: formatDate(deadlines.claimDeadline, lang) })}</p>
          {deadlines.providerMayStillReport ? <p className="mt-2">{t("check.window", { date: formatDate(deadlines.registrationWindowEnds, lang) })}</p> : null}
        </Alert>
      ) : kind === "tip" ? (
        <Alert kind="info">{t("tip.stillCounted")}</Alert>
      ) : null}
      {late.map((l) => (
        <div key={l.from} className="mb-4" data-testid="check-deadline-passed">
          <Alert kind="warning">
            <p className="font-semibold">{t("application.deadlinePassed", { date: formatDate(l.from, lang), deadline: formatDate(l.deadline, lang) })}</p>
            <p className="mt-2">{t("application.deadlinePassedMeaning")}</p>
          </Alert>
        </div>
      ))}
      <Form method="post">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <button type="submit" className={buttonClass}>
          {t("check.submit")}
        </button>
      </Form>
    </>
  );
}
