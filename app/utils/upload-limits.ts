/** The largest receipt or attachment a resident can upload with a form (the abroad documents have their own limit). Shared by the server's check and the page's check before sending. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
