import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { Db } from "~/db/client.server";
import { getUploadMeta, storeUpload } from "~/services/cases.server";
import { readMultipart } from "./form.server";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A multipart form with files held in memory, or "too-large" when a part exceeds the limit. */
export async function readMultipartForm(request: Request): Promise<FormData | "too-large"> {
  try {
    return await readMultipart(
      () => unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES })),
      (err) => err instanceof MaxPartSizeExceededError,
    );
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) return "too-large";
    throw err;
  }
}

export interface TakenUpload {
  upload: { id: string; name: string } | null;
  /** A translation key for the file field, when the new file was refused. */
  error: string | null;
}

/**
 * The file in `field`, checked by content and stored; or the one uploaded earlier (its id in the
 * hidden `keptField`), so that nothing uploaded is lost when another field needs fixing.
 */
export async function takeUpload(db: Db, personId: string, form: FormData, field: string, keptField: string | null = "uploadId"): Promise<TakenUpload> {
  let upload: TakenUpload["upload"] = null;
  const keptId = keptField ? String(form.get(keptField) ?? "") : "";
  if (keptId) {
    const meta = await getUploadMeta(db, personId, keptId);
    if (meta) upload = { id: meta.id, name: meta.filename };
  }
  const file = form.get(field);
  if (file instanceof File && file.size > 0) {
    const stored = await storeUpload(db, personId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!stored.ok) return { upload, error: `errors.upload.${stored.reason}` };
    upload = { id: stored.id, name: file.name.slice(0, 200) };
  }
  return { upload, error: null };
}
