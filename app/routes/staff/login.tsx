import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading, buttonClass } from "~/components/ui";
import { useT } from "~/i18n/use-t";
import { STAFF_BASE, STAFF_HOME } from "~/domain/staff-roles";
import { pageTitle } from "~/utils/meta";
import { readSession } from "~/utils/session.server";
import { notFound, readStaff, safeStaffReturnTo } from "~/utils/staff-session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.login.title");

/** The staff login page. Residents (and everyone, when the console is off) get 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, database } = context;
  if (!config.staff.enabled) throw notFound();
  if (await readStaff(request, config, database.db)) throw redirect(STAFF_HOME);
  if ((await readSession(request, config)).status === "ok") throw notFound();
  const url = new URL(request.url);
  return { returnTo: safeStaffReturnTo(url.searchParams.get("returnTo")), failed: url.searchParams.get("feil") };
}

export default function StaffLogin() {
  const { t } = useT();
  const { returnTo, failed } = useLoaderData<typeof loader>();
  return (
    <Card>
      <PageHeading>{t("staff.login.title")}</PageHeading>
      {failed === "rolle" ? <Alert kind="error">{t("staff.login.noRole")}</Alert> : failed ? <Alert kind="error">{t("staff.login.failed")}</Alert> : null}
      <p className="mb-6">{t("staff.login.lead")}</p>
      <form method="get" action={`${STAFF_BASE}/auth/start`}>
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className={buttonClass}>
          {t("staff.login.button")}
        </button>
      </form>
    </Card>
  );
}
