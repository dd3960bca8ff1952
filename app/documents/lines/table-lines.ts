/** The general table reader's items (../layout/table/) as treatment lines. */
import { classifyTreatment } from "../lexicon";
import type { TableItem } from "../layout/table";
import { fold } from "../parse";
import type { TreatmentForm, TreatmentLine } from "../schema";

/** A table item as a treatment line: its form from the words of its description (anything unknown is not covered). */
export function tableLine(it: TableItem): TreatmentLine {
  const form = classifyTreatment(fold(it.description));
  return {
    date: it.date,
    treatmentForm: (form ?? "ikke-dekket") as TreatmentForm,
    description: it.description,
    durationMinutes: it.durationMinutes,
    amount: it.amount,
    ...(it.count && it.count >= 2 ? { count: it.count } : {}),
  };
}
