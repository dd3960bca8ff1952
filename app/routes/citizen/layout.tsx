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
