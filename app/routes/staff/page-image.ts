import type { LoaderFunctionArgs } from "@remix-run/node";
import { isPageSize, pageImage } from "~/services/abroad-review.server";
import { auditRead, loadStaffCase } from "~/services/staff-console.server";
import { notFound, requireStaff } from "~/utils/staff-session.server";

/**
 * One page of a PDF document of a refund claim abroad as a PNG (issue 19 item 1): `?storrelse=stor` is the
 * larger image the page links to. Rendered once by the isolated renderer and kept; every read is audited first.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const db = context.database.db;
  const c = await loadStaffCase(db, params.caseId ?? "");
  if (!c || c.subjectKind !== "abroad") throw notFound();
  const page = Number(params.page);
  const size = new URL(request.url).searchParams.get("storrelse") === "stor" ? "large" : "page";
  if (!isPageSize(size) || !/^\d{1,4}$/.test(params.page ?? "") || !/^[0-9a-f-]{36}$/i.test(params.documentId ?? "")) throw notFound();
  const img = await pageImage(db, c.id, params.documentId!, page, size);
  if (!img) throw notFound();
  await auditRead(db, staff, "case.document", c);
  return new Response(new Uint8Array(img.png), {
    headers: { "Content-Type": "image/png", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
