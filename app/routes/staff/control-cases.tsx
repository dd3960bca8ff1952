import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading, ColumnHeads } from "~/components/ui";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { CONTROL_CASES } from "~/domain/staff-roles";
import { OpenControlCaseForm } from "~/schemas/control-cases";
import { listControlCases, openControlCase, searchProviders } from "~/services/control-cases.server";
import { todayOslo } from "~/utils/clock.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "control.list.title");

/**
 * The controller's control cases (issue 20 part 5): the list, a provider search to open one, and
 * the POST that opens one (also posted by the risk-signal list: providerId, therapistHpr, signal).
 * The list and the search show providers, references and states only: no resident's data.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const db = context.database.db;
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const all = url.searchParams.get("alle") === "1";
  const [cases, hits] = await Promise.all([listControlCases(db, { open: !all }), searchProviders(db, q)]);
  return {
    csrf: staff.csrf,
    q,
    all,
    hits,
    cases: cases.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() })),
  };
}

type OpenErrors = Partial<Record<"providerId" | "therapistHpr" | "signal", MessageKey>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const form = await readForm(request);
  requireStaffCsrf(staff, form);
  const parsed = OpenControlCaseForm.safeParse({
    providerId: form.get("providerId") ?? "",
    therapistHpr: form.get("therapistHpr") ?? undefined,
    signal: form.get("signal") ?? "",
  });
  if (!parsed.success) {
    const errors: OpenErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof OpenErrors;
      errors[field] ??= (
        issue.message.startsWith("control.") ? issue.message : `control.open.error.${field === "providerId" ? "provider" : field === "therapistHpr" ? "therapist" : "signal"}`
      ) as MessageKey;
    }
    return data({ errors }, { status: 400 });
  }
  const opened = await openControlCase(context.database.db, staff, parsed.data, todayOslo());
  if (!opened.ok) {
    const errors: OpenErrors =
      opened.error === "therapist-unknown" ? { therapistHpr: "control.open.error.therapist-unknown" } : { providerId: "control.open.error.provider-unknown" };
    return data({ errors }, { status: 400 });
  }
  return redirect(`${CONTROL_CASES}/${opened.id}`);
}

export default function ControlCases() {
  const { t, lang } = useT();
  const { csrf, q, all, hits, cases } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: OpenErrors = (result && "errors" in result ? result.errors : {}) ?? {};
  const errorList = Object.values(errors);
  return (
    <>
      <PageHeading>{t("control.list.title")}</PageHeading>
      <p className="mb-6">{t("control.list.lead")}</p>
      {errorList.length ? (
        <Alert kind="error">
          <ul>
            {errorList.map((e) => (
              <li key={e}>{t(e)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Card className="mb-8">
        <h2 className="mb-3 text-xl font-bold">{t("control.search.title")}</h2>
        <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="provider-q" className="mb-1 block font-semibold">
              {t("control.search.label")}
            </label>
            <input id="provider-q" name="q" defaultValue={q} className="rounded border-2 border-ink px-2 py-1" autoComplete="off" />
          </div>
          <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
            {t("control.search.submit")}
          </button>
        </Form>
        {q.trim().length >= 2 && !hits.length ? <p role="status">{t("control.search.none")}</p> : null}
        {hits.length ? (
          <ul className="space-y-4" aria-label={t("control.search.caption")} data-testid="provider-hits">
            {hits.map((h) => (
              <li key={h.id} className="border-t border-line pt-3">
                <p className="mb-2">
                  <strong>{h.name}</strong> ({h.orgnr}) · {t("control.search.lines", { count: h.lines })}
                </p>
                <Form method="post" className="flex flex-wrap items-end gap-3">
                  <input type="hidden" name="csrf" value={csrf} />
                  <input type="hidden" name="providerId" value={h.id} />
                  <div>
                    <label htmlFor={`hpr-${h.id}`} className="mb-1 block text-sm font-semibold">
                      {t("control.open.therapist")}
                    </label>
                    <input id={`hpr-${h.id}`} name="therapistHpr" inputMode="numeric" className="w-32 rounded border-2 border-ink px-2 py-1" />
                  </div>
                  <div>
                    <label htmlFor={`signal-${h.id}`} className="mb-1 block text-sm font-semibold">
                      {t("control.open.signal")}
                    </label>
                    <input id={`signal-${h.id}`} name="signal" defaultValue="manuell" className="w-40 rounded border-2 border-ink px-2 py-1" />
                  </div>
                  <button type="submit" className="rounded border-2 border-brand px-3 py-1 font-semibold text-brand">
                    {t("control.open.submit")}
                    <span className="sr-only"> {t("control.open.submitFor", { name: h.name })}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <p className="mb-3 flex flex-wrap gap-4">
        <span role="status">{t("control.list.count", { count: cases.length })}</span>
        {all ? <Link to={CONTROL_CASES}>{t("control.list.onlyOpen")}</Link> : <Link to={`${CONTROL_CASES}?alle=1`}>{t("control.list.all")}</Link>}
      </p>
      {cases.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left" data-testid="control-cases">
            <caption className="sr-only">{t("control.list.caption")}</caption>
            <ColumnHeads
              heads={[t("control.col.reference"), t("control.col.provider"), t("control.col.therapist"), t("control.col.signal"), t("control.col.state"), t("control.col.opened")]}
            />
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} className="border-b border-line" data-testid="control-case-row">
                  <td className="p-2">
                    <Link to={`${CONTROL_CASES}/${c.id}`}>{c.reference}</Link>
                  </td>
                  <td className="p-2">
                    {c.providerName} ({c.providerOrgnr})
                  </td>
                  <td className="p-2">{c.therapistHpr ?? "–"}</td>
                  <td className="p-2">{c.signal}</td>
                  <td className="p-2">{t(`control.state.${c.stateTag}` as MessageKey)}</td>
                  <td className="p-2">
                    {formatShortDate(c.openedOn, lang)} ({c.openedBy})
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
