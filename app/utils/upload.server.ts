import { MaxPartSizeExceededError, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { Db } from "~/db/client.server";
import { getUploadMeta, storeUpload } from "~/services/cases.server";
import { readMultipart } from "./form.server";

import { MAX_UPLOAD_BYTES } from "./upload-limits";

export { MAX_UPLOAD_BYTES };

/** What an oversize file becomes in the form: its field says "too large" and every other field is still read. */
const TOO_LARGE = "fp-too-large:";
/** Text fields are small; a larger one is cut (the form check refuses what is left). */
const MAX_TEXT_BYTES = 64 * 1024;
/** All files of one request together: above this the request is refused as a whole. */
const MAX_REQUEST_BYTES = 3 * MAX_UPLOAD_BYTES;

/**
 * Keeps each file in memory up to the limit; a larger file is drained and replaced by a marker, so
 * the resident learns about it next to its field together with every other field's errors
 * (issue 22, item 7: a 19.6 MB receipt used to hide them all).
 */
function boundedHandler(): UploadHandler {
  let total = 0;
  return async ({ filename, data: stream }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    const limit = filename === undefined ? MAX_TEXT_BYTES : MAX_UPLOAD_BYTES;
    for await (const c of stream) {
      size += c.byteLength;
      if (filename !== undefined) total += c.byteLength;
      if (total > MAX_REQUEST_BYTES) throw new MaxPartSizeExceededError("request", MAX_REQUEST_BYTES);
      if (size > limit) over = true;
      if (!over) chunks.push(c);
    }
    if (filename === undefined) return new TextDecoder().decode(Buffer.concat(chunks));
    if (over) return `${TOO_LARGE}${filename}`;
    // a file input left empty sends one part with no file name and no content
    if (!filename && size === 0) return undefined;
    return new File([Buffer.concat(chunks)], filename);
  };
}

/**
 * The body with the last bytes of each chunk held back and sent with the next (or at the end). The multipart parser under
 * unstable_parseMultipartFormData fails a body whose closing delimiter ("--boundary--") arrives split over two chunks
 * ("unexpected end of stream"): a resident's upload refused as a broken form, about one request in a chunk's length of bytes.
 * The closing delimiter is always within the held-back tail, so it reaches the parser whole.
 */
function withWholeEnding(request: Request, hold = 256): Request {
  if (!request.body) return request;
  let tail = new Uint8Array(0);
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        if (chunk.length >= hold) {
          if (tail.length) out.enqueue(tail);
          out.enqueue(chunk.subarray(0, chunk.length - hold));
          tail = chunk.slice(chunk.length - hold);
          return;
        }
        const all = new Uint8Array(tail.length + chunk.length);
        all.set(tail);
        all.set(chunk, tail.length);
        if (all.length > hold) out.enqueue(all.subarray(0, all.length - hold));
        tail = all.slice(Math.max(0, all.length - hold));
      },
      flush(out) {
        if (tail.length) out.enqueue(tail);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit);
}

/** A multipart form with files held in memory (an oversize file marked, see boundedHandler), or "too-large" when the whole request is. */
export async function readMultipartForm(request: Request): Promise<FormData | "too-large"> {
  try {
    return await readMultipart(
      () => unstable_parseMultipartFormData(withWholeEnding(request), boundedHandler()),
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
  if (typeof file === "string" && file.startsWith(TOO_LARGE)) return { upload, error: "errors.upload.too-large" };
  // A chosen file with nothing in it is said, not dropped (issue 22, item 7); no file chosen at all arrives with no name.
  if (file instanceof File && file.size === 0 && file.name !== "") return { upload, error: "errors.upload.empty" };
  if (file instanceof File && file.size > 0) {
    const stored = await storeUpload(db, personId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!stored.ok) return { upload, error: `errors.upload.${stored.reason}` };
    upload = { id: stored.id, name: file.name.slice(0, 200) };
  }
  return { upload, error: null };
}
