import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LANG, type MessageKey, translator } from "~/i18n";
import type { RootData } from "~/i18n/use-t";

/** A translated <title> for a route's `meta` export. */
export function pageTitle(matches: ReadonlyArray<{ id: string; data: unknown }>, key: MessageKey): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  const t = translator(root?.lang ?? DEFAULT_LANG);
  return [{ title: `${t(key)} – ${t("site.name")}` }];
}
