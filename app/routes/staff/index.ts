import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { STAFF_HOME } from "~/domain/staff-roles";
import { readSession } from "~/utils/session.server";
import { notFound, readStaff } from "~/utils/staff-session.server";

/** /saksbehandling: to the queue for staff (and the login on the way); 404 for a resident. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, database } = context;
  if (!config.staff.enabled) throw notFound();
  if (!(await readStaff(request, config, database.db)) && (await readSession(request, config)).status === "ok") throw notFound();
  return redirect(STAFF_HOME);
}
