/**
 * Reading a resident's form. Every field name, value and file name is checked at this boundary:
 * NUL, other control characters and unpaired surrogates (app/utils/text.ts) are refused with a 400
 * page in the resident's language (root ErrorBoundary), as is a body that is not a form at all
 * (wrong Content-Type, a broken multipart body). Without this, a NUL reached PostgreSQL and the
 * resident got a 500.
 */
import type { z } from "zod";
import { hasForbiddenChars } from "./text";

export const BAD_FORM_STATUS_TEXT = "bad-form";

function badForm(): Response {
  return new Response("Bad Request", { status: 400, statusText: BAD_FORM_STATUS_TEXT });
}

/** The form itself, or a thrown 400 when any name, value or file name holds forbidden characters. */
export function checkForm(form: FormData): FormData {
  for (const [name, value] of form.entries()) {
    if (hasForbiddenChars(name)) throw badForm();
    if (typeof value === "string" ? hasForbiddenChars(value) : hasForbiddenChars(value.name)) throw badForm();
  }
  return form;
}

/** `request.formData()`, checked; a body that cannot be read as a form is a 400 too. */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badForm();
  }
  return checkForm(form);
}

/** Runs a multipart parser: a body it cannot read is a 400, unless `passThrough` says the error is the caller's to handle. */
export async function readMultipart(parse: () => Promise<FormData>, passThrough: (err: unknown) => boolean = () => false): Promise<FormData> {
  let form: FormData;
  try {
    form = await parse();
  } catch (err) {
    if (err instanceof Response || passThrough(err)) throw err;
    throw badForm();
  }
  return checkForm(form);
}

/** The form's `intent`, parsed with the route's literals (app/schemas/intents.ts); anything else is a 400. */
export function intentOf<T extends z.ZodType<string>>(form: FormData, schema: T): z.output<T> {
  const parsed = schema.safeParse(form.get("intent") ?? undefined);
  if (!parsed.success) throw badForm();
  return parsed.data;
}
