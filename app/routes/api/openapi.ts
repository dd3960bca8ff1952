import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/api/openapi";
import { json } from "~/utils/api.server";

/** GET /api/v1/openapi.json */
export async function loader({ context }: LoaderFunctionArgs) {
  return json(openApiDocument(context.config.publicUrl), 200, { "Cache-Control": "public, max-age=300" });
}
