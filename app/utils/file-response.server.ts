/** The three types an upload may be: anything else stored is never served. */
const SERVED_TYPES = ["application/pdf", "image/jpeg", "image/png"];

export function isServedType(mimeType: string): boolean {
  return SERVED_TYPES.includes(mimeType);
}

/**
 * An uploaded file shown in the browser: inline, with its name (ASCII fallback and UTF-8), never
 * stored by a cache and never sniffed as anything but its type.
 */
export function uploadedFileResponse(file: { filename: string; mimeType: string; content: Uint8Array }): Response {
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
