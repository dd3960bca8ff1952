import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { FullmaktScope } from "~/domain/representation";
import type { MessageKey } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { ErrorBoundary as RootErrorBoundary } from "~/root";
import { type OutOfScopeBody, requireCitizen } from "~/utils/session.server";

/** Every page below requires a citizen session. While acting for someone, every page says whose it is (issue 22 item 12). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // a page the fullmakt does not cover is refused by its own route; the banner and the refusal still need the name
  const user = await requireCitizen(request, context.config, { outOfScope: "allow" });
  if (!user.acting) return { acting: null };
  const subject = await getPerson(context.database.db, user.personId);
  return { acting: { name: subject?.name ?? null, basis: user.acting.basis, scopes: user.acting.scopes } };
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

function MoreLinks() {
  const { t } = useT();
  return (
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
  );
}

export default function CitizenLayout() {
  const { acting } = useLoaderData<typeof loader>();
  return (
    <>
      {acting ? <ActingBanner name={acting.name} basis={acting.basis} /> : null}
      <Outlet />
      <MoreLinks />
    </>
  );
}

/**
 * A page the fullmakt does not cover (requireCitizen's 403): whose page it is, that the fullmakt does not cover this
 * service, which ones it does, and the way back. Nothing else of the represented person's, and nothing of the holder's.
 */
function OutOfScope({ name, basis, scopes, need }: { name: string | null; basis: "parent" | "fullmakt"; scopes: FullmaktScope[]; need: OutOfScopeBody["outOfScope"] }) {
  const { t } = useT();
  const who = name ?? t("acting.unknownName");
  const title = t("acting.outOfScope.title");
  return (
    <>
      <title>{`${title} – ${t("site.name")}`}</title>
      <ActingBanner name={name} basis={basis} />
      <section className="rounded bg-white p-6 shadow-sm" data-testid="out-of-scope">
        <h1 className="mb-4 text-3xl font-bold">{title}</h1>
        <p className="mb-4 max-w-prose">
          {need === "all" ? t("acting.outOfScope.page", { name: who }) : t("acting.outOfScope.service", { name: who, service: t(`fullmakt.scope.${need}` as MessageKey) })}
        </p>
        <p className="mb-6 max-w-prose">{t("acting.outOfScope.covers", { services: scopes.map((s) => t(`fullmakt.scope.${s}` as MessageKey)).join("; ") })}</p>
        {/* (choosing someone else, or oneself, is in the banner above) */}
        <p>
          <Link to="/">{t("acting.outOfScope.back", { name: who })}</Link>
        </p>
      </section>
      <MoreLinks />
    </>
  );
}

function isOutOfScope(data: unknown): data is OutOfScopeBody {
  return typeof data === "object" && data !== null && typeof (data as { outOfScope?: unknown }).outOfScope === "string";
}

// The root's error page, rendered here so that an action's error (a 429, a 400) still has the root
// loader's data, and so the resident's language: when the root itself is the boundary, Remix does
// not run its loader after a failed action. The headers keep a 429's Retry-After.
export function ErrorBoundary() {
  const error = useRouteError();
  const layout = useRouteLoaderData<typeof loader>("routes/citizen/layout");
  if (isRouteErrorResponse(error) && error.status === 403 && isOutOfScope(error.data) && layout?.acting) {
    return <OutOfScope name={layout.acting.name} basis={layout.acting.basis} scopes={layout.acting.scopes} need={error.data.outOfScope} />;
  }
  return <RootErrorBoundary />;
}

export { headers } from "~/root";
