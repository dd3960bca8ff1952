import type { ResidentService } from "~/domain/representation";
import type { MessageKey, Translate } from "~/i18n";
import { useRootData } from "~/i18n/use-t";

/** Every resident service with one line on when to use it (issue 22, item 1); the order is the order a resident usually needs them. */
export const SERVICES: ReadonlyArray<{ id: ResidentService; href: string }> = [
  { id: "overview", href: "/mine" },
  { id: "proof", href: "/mine/frikortbevis" },
  { id: "missing", href: "/mine/manglende" },
  { id: "tip", href: "/mine#egenandeler" },
  { id: "reservation", href: "/mine/reservasjon" },
  { id: "application", href: "/mine/frikort-soknad" },
  { id: "abroad", href: "/mine/utland" },
  { id: "account", href: "/mine/kontonummer" },
  { id: "cases", href: "/mine/saker" },
  { id: "inbox", href: "/mine/meldinger" },
];

/**
 * Whether a page may offer a link to a service: false only while acting on a fullmakt that does not cover it
 * (domain/representation.ts coversService, read by the root loader), so the link is hidden rather than refused.
 */
export function useCovers(): (service: ResidentService) => boolean {
  const { user } = useRootData();
  return (service) => !user || user.services.includes(service);
}

/**
 * Plain links (no client routing needed): the list works the same without JavaScript. Lists only the services offered now.
 * `switchLink`: on a page without the acting banner (the start page), a link to choose someone else or oneself.
 */
export function ServiceList({ t, headingLevel = 2, switchLink = false }: { t: Translate; headingLevel?: 2 | 3; switchLink?: boolean }) {
  const covers = useCovers();
  const { user } = useRootData();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="services-heading" className="mb-8" data-testid="services">
      <H id="services-heading" className="mb-2 text-2xl font-bold">
        {t("start.title")}
      </H>
      <p className="mb-4 text-muted" data-testid="services-lead">
        {user?.narrowFor ? t("start.leadNarrow", { name: user.narrowFor.name ?? t("acting.unknownName") }) : t("start.lead")}
        {user?.narrowFor && switchLink ? (
          <>
            {" "}
            <a href="/mine/representasjon" className="whitespace-nowrap">
              {t("acting.switch")}
            </a>
          </>
        ) : null}
      </p>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {SERVICES.filter((s) => covers(s.id)).map((s) => (
          <li key={s.id} className="rounded-lg border border-line bg-white p-4">
            <a href={s.href} className="font-semibold">
              {t(`start.service.${s.id}` as MessageKey)}
            </a>
            <p className="mt-1 text-sm">{t(`start.service.${s.id}.when` as MessageKey)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
