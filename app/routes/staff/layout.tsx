import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { can, CONTROL_CASES, STAFF_BASE, STAFF_HOME } from "~/domain/staff-roles";
import { requireStaff } from "~/utils/staff-session.server";

/** Every console page below requires a staff session (each loader and action checks it again). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  return { ident: staff.ident, name: staff.name, roles: staff.roles, csrf: staff.csrf };
}

export default function StaffLayout() {
  const { t } = useT();
  const { ident, name, roles, csrf } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label={t("staff.nav")} className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line bg-white px-4 py-3">
        <ul className="flex flex-wrap gap-4">
          <li>
            <Link to={STAFF_HOME} className="font-semibold">
              {t("staff.queue.title")}
            </Link>
          </li>
          <li>
            <Link to={`${STAFF_HOME}?mine=1`}>{t("staff.queue.mine")}</Link>
          </li>
          {can(roles, "control") ? (
            <li>
              <Link to={`${STAFF_BASE}/kontroll`}>{t("risk.nav")}</Link>
            </li>
          ) : null}
          {can(roles, "control") ? (
            <li>
              <Link to={CONTROL_CASES}>{t("control.nav")}</Link>
            </li>
          ) : null}
          <li>
            <Link to={`${STAFF_BASE}/person`}>{t("staff.person.title")}</Link>
          </li>
          <li>
            <Link to={`${STAFF_BASE}/regninger`}>{t("staff.held.title")}</Link>
          </li>
          {can(roles, "decide") ? (
            <li>
              <Link to={`${STAFF_BASE}/utbetalinger`}>{t("staff.payouts.title")}</Link>
            </li>
          ) : null}
        </ul>
        <Form method="post" action={`${STAFF_BASE}/logg-ut`} reloadDocument className="flex flex-wrap items-center gap-3">
          <span className="text-sm" data-testid="staff-who">
            {name ?? ident} ({ident}) · {roles.map((r) => t(`staff.role.${r}` as MessageKey)).join(", ")}
          </span>
          <input type="hidden" name="csrf" value={csrf} />
          <button type="submit" className="rounded border border-ink px-3 py-1 text-sm font-semibold">
            {t("nav.logout")}
          </button>
        </Form>
      </nav>
      <Outlet />
    </>
  );
}
