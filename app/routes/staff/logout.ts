import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { STAFF_HOME } from "~/domain/staff-roles";
import { log } from "~/utils/log.server";
import { oidc, staffOidcClient } from "~/utils/staff-oidc.server";
import { clearStaffCookie, endStaff, requireStaff, requireStaffCsrf, STAFF_BASE } from "~/utils/staff-session.server";
import { readForm } from "~/utils/form.server";

/** Ends the staff session (its row), clears the cookie, then ends the provider session. POST with the CSRF token only. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { config, database } = context;
  const staff = await requireStaff(request, context);
  requireStaffCsrf(staff, await readForm(request));
  await endStaff(database.db, staff);
  log.info("staff logged out", { requestId: context.requestId, staffIdent: staff.ident });
  const headers = { "Set-Cookie": await clearStaffCookie(config), "Cache-Control": "no-store" };
  try {
    const conf = await staffOidcClient(config);
    const url = oidc.buildEndSessionUrl(conf, { client_id: config.staff.clientId, post_logout_redirect_uri: config.staff.postLogoutRedirectUri });
    return redirect(url.href, { headers });
  } catch {
    return redirect(`${STAFF_BASE}/logg-inn`, { headers });
  }
}

export async function loader({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context);
  return redirect(STAFF_HOME);
}
