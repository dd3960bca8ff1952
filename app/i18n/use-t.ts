import { useRouteLoaderData } from "@remix-run/react";
import type { ResidentService } from "~/domain/representation";
import { DEFAULT_LANG, type Lang, translator } from "./index";

export interface RootData {
  lang: Lang;
  /**
   * `services`: the resident services the menus and the start page offer (all of them unless acting on a narrow fullmakt);
   * `narrowFor`: whom the session acts for when that list is narrowed.
   */
  user: { name: string | null; csrf: string; unread: number; services: ResidentService[]; narrowFor: { name: string | null } | null } | null;
}

export function useRootData(): RootData {
  return (useRouteLoaderData("root") as RootData | undefined) ?? { lang: DEFAULT_LANG, user: null };
}

export function useT() {
  const { lang } = useRootData();
  return { t: translator(lang), lang };
}
