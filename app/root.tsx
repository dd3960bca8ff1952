import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useNavigation, useRouteError } from "@remix-run/react";
import { type ReactNode, useEffect, useState } from "react";
import stylesheet from "../styles/app.css?url";
import { LANG_NAMES, LANGS } from "./i18n";
import { useRootData, useT } from "./i18n/use-t";
import { useRequestContext } from "./request-context";
import { getPerson } from "./models/person.server";
import { countUnread } from "./models/register.server";
import { RESIDENT_SERVICES, type ResidentService, servicesCovered } from "./domain/representation";
import { actingScopeOf, getLang, readSession } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const state = await readSession(request, context.config);
  // the caseworker console shows no resident header, whoever else is logged in in this browser
  if (state.status !== "ok" || new URL(request.url).pathname.startsWith("/saksbehandling")) return { lang, user: null };
  // The name comes from the register, not the cookie (which holds ids only).
  const [person, unread] = await Promise.all([getPerson(context.database.db, state.user.personId), countUnread(context.database.db, state.user.personId)]);
  // while acting on a narrow fullmakt the menus offer only the services it covers (the routes refuse the others), and the
  // start page, which has no banner, says whose they are
  const acting = actingScopeOf(request, context.config, state.user.sid);
  const services = servicesCovered(acting);
  const narrowFor = acting && services.length < RESIDENT_SERVICES.length ? { name: (await getPerson(context.database.db, acting.personId))?.name ?? null } : null;
  return { lang, user: { name: person?.name ?? null, csrf: state.user.csrf, unread, services, narrowFor } };
}

/**
 * Whom the session acts for can change under the page (a fullmakt withdrawn or narrowed): on resident pages the menus are
 * read again on every navigation, as the citizen layout's banner is.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || nextUrl.pathname === "/" || nextUrl.pathname.startsWith("/mine");

function LanguageSwitch() {
  const { t, lang } = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/sprak" reloadDocument className="flex items-center gap-2 text-sm" aria-label={t("nav.languageChange")}>
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      <span className="sr-only">{t("nav.language")}:</span>
      {LANGS.map((l) => (
        <button
          key={l}
          type="submit"
          name="lang"
          value={l}
          lang={l}
          aria-current={l === lang ? "true" : undefined}
          className={"rounded px-2 py-1 " + (l === lang ? "bg-white font-semibold text-ink underline" : "text-white underline-offset-2 hover:underline")}
        >
          {LANG_NAMES[l]}
        </button>
      ))}
    </Form>
  );
}

function Header() {
  const { t } = useT();
  const { user } = useRootData();
  const location = useLocation();
  const links: Array<[string, string, ResidentService | null]> = user
    ? [
        ["/", t("nav.start"), null],
        ["/mine", t("nav.overview"), "overview"],
        ["/mine/frikortbevis", t("nav.proof"), "proof"],
        ["/mine/kontonummer", t("nav.account"), "account"],
        ["/mine/saker", t("nav.cases"), "cases"],
        ["/mine/meldinger", user.unread === 1 ? t("nav.inboxUnreadOne") : user.unread > 1 ? t("nav.inboxUnread", { count: user.unread }) : t("nav.inbox"), "inbox"],
      ]
    : [];
  const shown = links.filter(([, , service]) => service === null || user?.services.includes(service));
  return (
    <header className="bg-ink text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2 focus:text-ink">
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to={user?.services.includes("overview") ? "/mine" : "/"} className="text-lg font-bold text-white no-underline hover:text-white">
          {t("site.name")}
        </Link>
        <div className="flex flex-wrap items-center gap-4">
          <LanguageSwitch />
          {user ? (
            <Form method="post" action="/logg-ut" reloadDocument className="flex items-center gap-3">
              <span className="text-sm">{user.name ? t("nav.loggedInAs", { name: user.name }) : t("nav.loggedIn")}</span>
              <input type="hidden" name="csrf" value={user.csrf} />
              <button type="submit" className="rounded border border-white px-3 py-1 text-sm font-semibold hover:bg-white hover:text-ink">
                {t("nav.logout")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      {user ? (
        <nav aria-label={t("nav.main")} className="border-t border-white/20 bg-[#2b3b50]">
          <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-1 px-4 py-2 text-sm">
            {shown.map(([href, label]) => (
              <li key={href}>
                <Link
                  to={href}
                  className="text-white hover:text-white"
                  aria-current={location.pathname === href ? "page" : undefined}
                  data-testid={href === "/mine/meldinger" ? "inbox-link" : undefined}
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { lang } = useRootData();
  const { nonce } = useRequestContext();
  const { t } = useT();
  // While a page is being loaded or a form sent, the main region says so to assistive technology
  // (and the browser tests wait for it to be done before they read the new page).
  const busy = useNavigation().state !== "idle";
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col bg-surface font-sans">
        <Header />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8" tabIndex={-1} aria-busy={busy}>
          {children}
        </main>
        <footer className="border-t border-line bg-white">
          <p className="mx-auto max-w-5xl px-4 py-4 text-sm text-muted">{t("footer.demo")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

declare global {
  interface Window {
    __FP_ERROR_ID?: string;
  }
}

/**
 * The request id of a server-rendered error, kept through hydration: the server writes it into a
 * nonce'd script, the client reads it back once. (Client-side navigation errors have none; the page
 * offers a reload, which renders on the server and gets one.)
 */
function useErrorId(): string | null {
  const { requestId } = useRequestContext();
  const [id] = useState(() => requestId ?? (typeof window !== "undefined" ? (window.__FP_ERROR_ID ?? null) : null));
  useEffect(() => {
    delete window.__FP_ERROR_ID;
  }, []);
  return id;
}

/** A 429 thrown by a route (app/services/rate-limit.server.ts) keeps its Retry-After on the error page. */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const h = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) {
    h.set("Retry-After", retryAfter);
    h.set("Cache-Control", "no-store");
  }
  return h;
};

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const { nonce } = useRequestContext();
  const requestId = useErrorId();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="rounded bg-white p-6 shadow-sm">
        <title>{`${t("error.notFound.title")} – ${t("site.name")}`}</title>
        <h1 className="mb-4 text-3xl font-bold">{t("error.notFound.title")}</h1>
        <p className="mb-6">{t("error.notFound.lead")}</p>
        <Link to="/">{t("error.home")}</Link>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 400) {
    return (
      <section className="rounded bg-white p-6 shadow-sm">
        <title>{`${t("error.badInput.title")} – ${t("site.name")}`}</title>
        <h1 className="mb-4 text-3xl font-bold">{t("error.badInput.title")}</h1>
        <p className="mb-6">{t("error.badInput.lead")}</p>
        {/* eslint-disable-next-line jsx-a11y/anchor-is-valid -- href="" loads this address again by GET: the form afresh, without JavaScript */}
        <a href="">{t("error.back")}</a>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 429) {
    // The body of a 429 from app/services/rate-limit.server.ts is the number of seconds to wait.
    const seconds = Math.max(1, Number.parseInt(String(error.data), 10) || 60);
    return (
      <section className="rounded bg-white p-6 shadow-sm">
        <title>{`${t("error.tooMany.title")} – ${t("site.name")}`}</title>
        <h1 className="mb-4 text-3xl font-bold">{t("error.tooMany.title")}</h1>
        <p className="mb-6">{t("error.tooMany.lead", { seconds })}</p>
        <Link to="/">{t("error.home")}</Link>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="rounded bg-white p-6 shadow-sm">
        <title>{`${t("error.forbidden.title")} – ${t("site.name")}`}</title>
        <h1 className="mb-4 text-3xl font-bold">{t("error.forbidden.title")}</h1>
        <p className="mb-6">{t("error.forbidden.lead")}</p>
        <Link to="/">{t("error.home")}</Link>
      </section>
    );
  }
  return (
    <section className="rounded bg-white p-6 shadow-sm">
      <title>{`${t("error.title")} – ${t("site.name")}`}</title>
      <h1 className="mb-4 text-3xl font-bold">{t("error.title")}</h1>
      <p className="mb-4">{t("error.lead")}</p>
      {requestId ? (
        <p className="mb-6 text-muted" data-testid="error-id">
          {t("error.id", { id: requestId })}
        </p>
      ) : null}
      {/* eslint-disable-next-line jsx-a11y/anchor-is-valid -- href="" loads this address again, without JavaScript */}
      <a href="">{t("error.reload")}</a>
      <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: requestId ? `window.__FP_ERROR_ID=${JSON.stringify(requestId)}` : "" }} />
    </section>
  );
}
