import { FieldError } from "~/components/form";
import { useT } from "~/i18n/use-t";

/**
 * The decision on a claim line held for control at receipt (approve or reject), with its error: the same radios on the
 * console's held-lines queue and on a control case's page, which both post to the one review (reviewHeldLine).
 */
export function HeldLineDecisionFieldset({ idPrefix, error, className }: { idPrefix: string; error: string | undefined; className: string }) {
  const { t } = useT();
  const errorId = `${idPrefix}-decision-error`;
  return (
    <fieldset className={className} aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 font-semibold">{t("staff.decide.outcome")}</legend>
      <FieldError id={errorId} msg={error} />
      {(["godkjent", "avvist"] as const).map((d) => (
        <div key={d} className="mb-1 flex items-center gap-2">
          <input type="radio" id={`${idPrefix}-${d}`} name="decision" value={d} className="h-5 w-5" />
          <label htmlFor={`${idPrefix}-${d}`}>{t(`staff.held.decision.${d}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}
