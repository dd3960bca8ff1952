import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditControlAction, loadControlFile } from "~/services/control-cases.server";
import { isServedType, uploadedFileResponse } from "~/utils/file-response.server";
import { notFound, requireStaff } from "~/utils/staff-session.server";

/** A file of a control case (the provider's tilsvar): only that case's files; every read is audited first. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const db = context.database.db;
  const file = await loadControlFile(db, params.caseId ?? "", params.fileId ?? "");
  if (!file || !isServedType(file.mimeType)) throw notFound();
  await auditControlAction(db, staff, "control.file", params.caseId!);
  return uploadedFileResponse(file);
}
