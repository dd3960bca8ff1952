import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { uploads } from "~/db/schema";
import { getDocumentFile } from "~/services/abroad-application.server";
import { auditRead, loadStaffCase, uploadOfCase } from "~/services/staff-console.server";
import { notFound, requireStaff } from "~/utils/staff-session.server";
import { isServedType, uploadedFileResponse } from "~/utils/file-response.server";

/**
 * One uploaded document of a refund claim abroad (for the preview beside the extracted fields), or a
 * file sent with a case or an answer on it. Only files of that case; every read is audited first.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const db = context.database.db;
  const c = await loadStaffCase(db, params.caseId ?? "");
  if (!c) throw notFound();
  const id = params.documentId ?? "";
  const file =
    c.subjectKind === "abroad"
      ? await getDocumentFile(db, c.personId, c.id, id)
      : (await uploadOfCase(db, c, id))
        ? ((await db.select({ filename: uploads.filename, mimeType: uploads.mimeType, content: uploads.content }).from(uploads).where(eq(uploads.id, id)))[0] ?? null)
        : null;
  if (!file || !isServedType(file.mimeType)) throw notFound();
  await auditRead(db, staff, "case.document", c);
  return uploadedFileResponse(file);
}
