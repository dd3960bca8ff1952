import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LANG, type Lang, translator } from "./index";

export interface RootData {
  lang: Lang;
  user: { name: string | null; csrf: string; unread: number } | null;
}

export function useRootData(): RootData {
  return (useRouteLoaderData("root") as RootData | undefined) ?? { lang: DEFAULT_LANG, user: null };
}

export function useT() {
  const { lang } = useRootData();
  return { t: translator(lang), lang };
}
