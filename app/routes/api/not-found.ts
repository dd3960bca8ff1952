import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, ApiProblem, fromRequest, toResponse } from "~/utils/api.server";

/** Unknown API paths answer in problem+json, not with the portal's HTML 404 page. */
function notFound({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  return api(context, fromRequest(request), async () => {
    throw new ApiProblem(404, "not-found", "No such endpoint", { detail: "See /api/v1/openapi.json." });
  }).then(toResponse);
}
export const loader = notFound;
export const action = notFound;
