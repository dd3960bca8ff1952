import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDocumentFile } from "~/services/abroad-application.server";
import { auditRead, loadStaffCase } from "~/services/staff-console.server";
import { notFound, requireStaff } from "~/utils/staff-session.server";

/**
 * One uploaded document of a refund claim abroad, for the console's preview beside the extracted
 * fields. Only documents of that application; every read is written to the audit log first.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const db = context.database.db;
  const c = await loadStaffCase(db, params.caseId ?? "");
  if (!c || c.subjectKind !== "abroad") throw notFound();
  const file = await getDocumentFile(db, c.personId, c.id, params.documentId ?? "");
  if (!file || !["application/pdf", "image/jpeg", "image/png"].includes(file.mimeType)) throw notFound();
  await auditRead(db, staff, "case.document", c);
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
