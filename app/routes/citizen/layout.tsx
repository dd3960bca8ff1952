import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireCitizen } from "~/utils/session.server";

/** Every page below requires a citizen session. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCitizen(request, context.config);
  return null;
}

export default function CitizenLayout() {
  return <Outlet />;
}

// The root's error page, rendered here so that an action's error (a 429, a 400) still has the root
// loader's data, and so the resident's language: when the root itself is the boundary, Remix does
// not run its loader after a failed action. The headers keep a 429's Retry-After.
export { ErrorBoundary, headers } from "~/root";
