import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi } from "~/api/router.server";
import { fromRequest, toResponse } from "~/utils/api.server";

/**
 * /api/v1/* through Remix (development server and fallback). In production the web server mounts
 * the same router ahead of Remix (server/main.ts).
 */
function handle({ request, context, params }: LoaderFunctionArgs | ActionFunctionArgs) {
  return handleApi(fromRequest(request), context, `/${params["*"] ?? ""}`).then(toResponse);
}
export const loader = handle;
export const action = handle;
