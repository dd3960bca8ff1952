import type { LineWords } from "~/domain/line-words";
import { formatDate, type Lang, type MessageKey, type Translate } from "./index";

/** A line's status in words, on the page and in the year's PDF alike. */
export function lineWordsText(w: LineWords, t: Translate, lang: Lang): string {
  if (w.key === "after-frikort.paid") return t("overview.status.after-frikort.paid", { date: formatDate(w.date, lang) });
  return t(`overview.status.${w.key}` as MessageKey);
}
