import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeading, ColumnHeads } from "~/components/ui";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { QUEUE_KINDS, type QueueKind, STAFF_BASE, STAFF_HOME } from "~/domain/staff-roles";
import { assignToSelf, listStaffQueue, type QueueFilter } from "~/services/staff-console.server";
import { todayOslo } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.queue.title");

const STATUS_FILTERS = ["open", "received", "checked", "under-review", "more-info", "appealed", "closed", "all"] as const;
const AGE_FILTERS = ["", "7", "14", "30"] as const;

function filterOf(url: URL, ident: string): { filter: QueueFilter; form: { kind: string; status: string; age: string; mine: boolean } } {
  const kind = url.searchParams.get("type") ?? "";
  const status = url.searchParams.get("status") ?? "open";
  const age = url.searchParams.get("alder") ?? "";
  const mine = url.searchParams.get("mine") === "1";
  const filter: QueueFilter = {
    kind: (QUEUE_KINDS as readonly string[]).includes(kind) ? (kind as QueueKind) : undefined,
    status: (STATUS_FILTERS as readonly string[]).includes(status) ? status : "open",
    minAgeDays: (AGE_FILTERS as readonly string[]).includes(age) && age ? Number(age) : undefined,
    assignedTo: mine ? ident : undefined,
  };
  return { filter, form: { kind: filter.kind ?? "", status: filter.status ?? "open", age: filter.minAgeDays ? String(filter.minAgeDays) : "", mine } };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const url = new URL(request.url);
  const { filter, form } = filterOf(url, staff.ident);
  const today = todayOslo();
  // The queue shows references, kinds, statuses and dates only: no resident's name or data, so opening it is not an audited read.
  const items = await listStaffQueue(context.database.db, filter, today);
  return {
    today,
    form,
    csrf: staff.csrf,
    me: staff.ident,
    canAssign: staff.roles.some((r) => r !== "read-only"),
    items: items.map((i) => ({ ...i, provisionalSentAt: i.provisionalSentAt?.toISOString() ?? null })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "assign");
  const form = await readForm(request);
  requireStaffCsrf(staff, form);
  const id = String(form.get("caseId") ?? "");
  const kind = form.get("subjectKind") === "abroad" ? "abroad" : "case";
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response("Bad Request", { status: 400 });
  await assignToSelf(context.database.db, { subjectKind: kind, id }, staff.ident);
  const back = new URL(request.url).search;
  return redirect(`${STAFF_HOME}${back}`);
}

export default function Queue() {
  const { t, lang } = useT();
  const { today, form, items, csrf, me, canAssign } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("staff.queue.title")}</PageHeading>
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-line bg-white p-4">
        <div>
          <label htmlFor="f-type" className="mb-1 block font-semibold">
            {t("staff.filter.kind")}
          </label>
          <select id="f-type" name="type" defaultValue={form.kind} className="rounded border-2 border-ink px-2 py-1">
            <option value="">{t("staff.filter.allKinds")}</option>
            {QUEUE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`staff.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="mb-1 block font-semibold">
            {t("staff.filter.status")}
          </label>
          <select id="f-status" name="status" defaultValue={form.status} className="rounded border-2 border-ink px-2 py-1">
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`staff.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-age" className="mb-1 block font-semibold">
            {t("staff.filter.age")}
          </label>
          <select id="f-age" name="alder" defaultValue={form.age} className="rounded border-2 border-ink px-2 py-1">
            {AGE_FILTERS.map((a) => (
              <option key={a} value={a}>
                {a ? t("staff.filter.olderThan", { days: a }) : t("staff.filter.anyAge")}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-2 pb-1">
          <input id="f-mine" type="checkbox" name="mine" value="1" defaultChecked={form.mine} className="h-5 w-5" />
          <label htmlFor="f-mine">{t("staff.queue.mine")}</label>
        </div>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
          {t("staff.filter.apply")}
        </button>
      </Form>
      <p className="mb-3" role="status">
        {t("staff.queue.count", { count: items.length })}
      </p>
      {items.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left" data-testid="queue">
            <caption className="sr-only">{t("staff.queue.caption")}</caption>
            <ColumnHeads
              heads={[
                t("staff.col.reference"),
                t("staff.col.kind"),
                t("staff.col.status"),
                t("staff.col.received"),
                t("staff.col.deadline"),
                t("staff.col.provisional"),
                t("staff.col.assigned"),
              ]}
            />
            <tbody>
              {items.map((i) => (
                <tr key={i.id} className="border-b border-line" data-testid="queue-row">
                  <td className="p-2">
                    <Link to={`${STAFF_BASE}/sak/${i.id}`}>{i.reference}</Link>
                  </td>
                  <td className="p-2">{t(`staff.kind.${i.kind}` as MessageKey)}</td>
                  <td className="p-2">{t(`staff.status.${i.status}` as MessageKey)}</td>
                  <td className="p-2">
                    {formatShortDate(i.receivedOn, lang)} <span className="text-muted">({t("staff.queue.days", { days: i.ageDays })})</span>
                  </td>
                  <td className="p-2">{formatShortDate(i.deadline, lang)}</td>
                  <td className="p-2">
                    {i.provisionalSentAt ? (
                      t("staff.provisional.sent")
                    ) : i.provisionalDue ? (
                      <span className={i.provisionalDue <= today ? "font-semibold text-danger" : undefined}>
                        {i.provisionalDue <= today
                          ? t("staff.provisional.overdue", { date: formatShortDate(i.provisionalDue, lang) })
                          : t("staff.provisional.dueOn", { date: formatShortDate(i.provisionalDue, lang) })}
                      </span>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td className="p-2">
                    {i.assignedTo === me ? (
                      t("staff.queue.you")
                    ) : (
                      <>
                        {i.assignedTo ? <span className="mr-2">{i.assignedTo}</span> : null}
                        {canAssign ? (
                          <Form method="post" className="inline">
                            <input type="hidden" name="csrf" value={csrf} />
                            <input type="hidden" name="caseId" value={i.id} />
                            <input type="hidden" name="subjectKind" value={i.subjectKind} />
                            <button type="submit" className="rounded border-2 border-brand px-2 py-1 text-sm font-semibold text-brand">
                              {t("staff.queue.take")}
                              <span className="sr-only"> {i.reference}</span>
                            </button>
                          </Form>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
