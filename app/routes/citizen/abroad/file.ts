import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDocumentFile } from "~/services/abroad-application.server";
import { requireCitizen } from "~/utils/session.server";
import { logDocumentDownload } from "~/services/read-audit.server";
import { isServedType, uploadedFileResponse } from "~/utils/file-response.server";

/**
 * The uploaded file of one document, for the preview beside "Sjekk det vi leste". Only the owner's
 * own files, only the three types the upload accepted, never sniffed by the browser as anything else.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const file = await getDocumentFile(context.database.db, user.personId, params.applicationId ?? "", params.documentId ?? "");
  if (!file || !isServedType(file.mimeType)) throw new Response("Not Found", { status: 404 });
  await logDocumentDownload(context.database.db, { personId: user.personId, documentId: params.documentId!, requestId: context.requestId }); // read audit
  return uploadedFileResponse(file);
}
