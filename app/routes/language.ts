import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { isLang } from "~/i18n";
import { langCookie, safeReturnTo } from "~/utils/session.server";
import { readForm } from "~/utils/form.server";

/** Stores the chosen language in a cookie and returns to the page the resident was on. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  const to = safeReturnTo(form.get("returnTo"), context.config.publicUrl, "/");
  if (!isLang(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}

export async function loader() {
  return redirect("/");
}
