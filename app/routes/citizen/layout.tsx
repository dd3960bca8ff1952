import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData } from "@remix-run/react";
import { useRootData, useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { requireCitizen } from "~/utils/session.server";

/** Every page below requires a citizen session. While acting for someone, every page says whose it is (issue 22 item 12). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  if (!user.acting) return { acting: null };
  const subject = await getPerson(context.database.db, user.personId);
  return { acting: { name: subject?.name ?? null, basis: user.acting.basis } };
}

/** Whom the session acts for can change under the page (a fullmakt withdrawn): the banner is read again on every navigation. */
export const shouldRevalidate = () => true;

function ActingBanner({ name, basis }: { name: string | null; basis: "parent" | "fullmakt" }) {
  const { t } = useT();
  const { user } = useRootData();
  const who = name ?? t("acting.unknownName");
  return (
    <section aria-label={t("acting.banner", { name: who })} className="mb-6 border-4 border-[#b36b00] bg-warning-bg p-4" data-testid="acting-banner">
      <p className="text-lg font-bold">{t("acting.banner", { name: who })}</p>
      <p className="mb-3">{t(basis === "parent" ? "acting.banner.parent" : "acting.banner.fullmakt", { name: who })}</p>
      <div className="flex flex-wrap items-center gap-4">
        <Form method="post" action="/mine/representasjon">
          <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
          <button type="submit" name="intent" value="self" className="rounded border-2 border-ink bg-white px-3 py-1 font-semibold">
            {t("acting.backToSelf")}
          </button>
        </Form>
        <Link to="/mine/representasjon">{t("acting.switch")}</Link>
      </div>
    </section>
  );
}

export default function CitizenLayout() {
  const { t } = useT();
  const { acting } = useLoaderData<typeof loader>();
  return (
    <>
      {acting ? <ActingBanner name={acting.name} basis={acting.basis} /> : null}
      <Outlet />
      <nav aria-label={t("acting.links")} className="mt-10 border-t border-line pt-4 text-sm">
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          <li>
            <Link to="/mine/representasjon">{t("acting.title")}</Link>
          </li>
          <li>
            <Link to="/mine/fullmakt">{t("fullmakt.title")}</Link>
          </li>
          <li>
            <Link to="/mine/varsler">{t("notices.title")}</Link>
          </li>
        </ul>
      </nav>
    </>
  );
}

// The root's error page, rendered here so that an action's error (a 429, a 400) still has the root
// loader's data, and so the resident's language: when the root itself is the boundary, Remix does
// not run its loader after a failed action. The headers keep a 429's Retry-After.
export { ErrorBoundary, headers } from "~/root";
