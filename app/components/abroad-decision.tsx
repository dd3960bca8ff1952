/**
 * The staff case page's decision section of a refund claim abroad (issue 19 item 4): the decisions
 * made (newest first; an older one is marked as replaced), the payouts, and the per-line decision
 * form (no JavaScript needed: radio buttons, an amount field and reason checkboxes per line).
 */
import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { formatShortDate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { formatOre } from "~/kernel/money";
import type { abroadDecisionView } from "~/routes/staff/abroad-decision.server";
import { RepaymentList } from "./repayment";

export type AbroadDecisionErrors = Record<string, MessageKey>;
type View = Awaited<ReturnType<typeof abroadDecisionView>>;

export function AbroadDecisionSection({ d, csrf, errors }: { d: View; csrf: string; errors: AbroadDecisionErrors }) {
  const { t, lang } = useT();
  return (
    <div className="mt-8">
      {d.decisions.length ? (
        <section className="mb-6" aria-labelledby="abroad-decisions" data-testid="abroad-decisions">
          <h3 id="abroad-decisions" className="mb-2 text-lg font-bold">
            {t("staff.abroadDecision.history")}
          </h3>
          {d.decisions.map((x, i) => (
            <div key={x.seq} className={`mb-4 border-l-4 pl-3 ${i === 0 ? "border-brand" : "border-line text-muted"}`} data-testid="abroad-decision">
              <p className="font-semibold">
                {t("staff.abroadDecision.entry", {
                  seq: x.seq,
                  date: formatShortDate(x.decidedOn, lang),
                  outcome: t(`abroadDecision.outcome.${x.outcome}`),
                  amount: formatOre(x.refundOre, lang),
                })}
                {i > 0 ? ` · ${t("abroad.decision.superseded")}` : ""}
              </p>
              <p className="text-sm">
                {t("staff.abroadDecision.by", { by: x.decidedBy })}
                {x.approvedBy ? `, ${t("staff.abroadDecision.approvedBy", { by: x.approvedBy })}` : ""} · {x.at}
              </p>
              <ul className="text-sm">
                {x.lines.map((l) => (
                  <li key={`${l.invoiceNo}-${l.lineNo}`}>
                    {l.treatmentDate ? formatShortDate(l.treatmentDate, lang) : "–"} {l.description}: {l.claimedAmount} {l.currency} → {t(`abroadDecision.line.${l.outcome}`)}
                    {l.outcome === "approve-part" ? ` (${l.approvedAmount} ${l.currency})` : ""}, {formatOre(l.refundOre, lang)}
                    {l.reasons.length ? ` · ${l.reasons.map((r) => t(`abroadDecision.reason.${r}` as MessageKey)).join(" ")}` : ""}
                  </li>
                ))}
              </ul>
              {x.note ? <p className="whitespace-pre-wrap text-sm">{x.note}</p> : null}
            </div>
          ))}
          {d.payouts.length ? (
            <>
              <h4 className="font-semibold">{t("staff.abroadDecision.payouts")}</h4>
              <ul className="text-sm" data-testid="abroad-payouts">
                {d.payouts.map((p, i) => (
                  <li key={i}>
                    {t("staff.abroadDecision.payout", { amount: formatOre(p.amountOre, lang), status: t(`abroadPayout.status.${p.status}` as MessageKey) })}
                    {p.paidOn ? ` ${formatShortDate(p.paidOn, lang)}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.repayments.length ? <RepaymentList claims={d.repayments} /> : null}
        </section>
      ) : null}
      {d.form ? (
        <section aria-labelledby="abroad-decide" className="border-t-4 border-brand pt-4">
          <h3 id="abroad-decide" className="mb-2 text-lg font-bold">
            {t("staff.abroadDecision.title")}
          </h3>
          <p className="mb-4">{t("staff.abroadDecision.lead")}</p>
          {errors.form ? (
            <p className="mb-3 font-semibold text-danger" role="alert">
              {t(errors.form)}
            </p>
          ) : null}
          <Form method="post" noValidate data-testid="abroad-decision-form">
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="intent" value="abroad-decide" />
            {d.form.map((inv) =>
              inv.lines.map((l) => {
                const id = `o-${inv.invoiceNo}-${l.lineNo}`;
                const err = errors[id];
                const reasons = [...l.reject, ...l.part.filter((p) => !l.reject.some((r) => r.code === p.code))];
                return (
                  <fieldset key={id} id={id} className="mb-5 rounded border border-line p-3" aria-describedby={err ? `${id}-error` : undefined} data-testid="decision-line">
                    <legend className="px-1 font-semibold">
                      {t("staff.abroadDecision.line", {
                        invoice: inv.invoiceNo + 1,
                        line: l.lineNo + 1,
                        date: l.date ? formatShortDate(l.date, lang) : "",
                        description: l.description,
                        amount: `${l.amount} ${inv.currency}`,
                      })}
                    </legend>
                    {err ? (
                      <p id={`${id}-error`} className="mb-2 font-semibold text-danger">
                        {t(err)}
                      </p>
                    ) : null}
                    <div className="mb-2 flex flex-wrap gap-4">
                      {(["approve", "approve-part", "reject"] as const).map((o) => (
                        <div key={o} className="flex items-center gap-2">
                          <input type="radio" id={`${id}-${o}`} name={id} value={o} className="h-5 w-5" />
                          <label htmlFor={`${id}-${o}`}>{t(`abroadDecision.line.${o}`)}</label>
                        </div>
                      ))}
                    </div>
                    <label htmlFor={`a-${inv.invoiceNo}-${l.lineNo}`} className="mb-1 block">
                      {t("staff.abroadDecision.amount", { currency: inv.currency })}
                    </label>
                    <input
                      id={`a-${inv.invoiceNo}-${l.lineNo}`}
                      name={`a-${inv.invoiceNo}-${l.lineNo}`}
                      inputMode="decimal"
                      className="mb-2 block w-40 rounded border-2 border-ink p-1"
                    />
                    <fieldset>
                      <legend className="mb-1">{t("staff.abroadDecision.reasons")}</legend>
                      {reasons.map((r) => (
                        <div key={r.code} className="flex items-start gap-2">
                          <input type="checkbox" id={`r-${inv.invoiceNo}-${l.lineNo}-${r.code}`} name={`r-${inv.invoiceNo}-${l.lineNo}`} value={r.code} className="mt-1 h-4 w-4" />
                          <label htmlFor={`r-${inv.invoiceNo}-${l.lineNo}-${r.code}`}>
                            {t(`abroadDecision.reason.${r.code}` as MessageKey)} <span className="text-sm text-muted">({r.legalBasis})</span>
                          </label>
                        </div>
                      ))}
                    </fieldset>
                  </fieldset>
                );
              }),
            )}
            <label htmlFor="note" className="mb-1 block font-semibold">
              {t("staff.abroadDecision.note")}
            </label>
            {errors.note ? (
              <p id="note-error" className="mb-1 font-semibold text-danger">
                {t(errors.note)}
              </p>
            ) : null}
            <textarea
              id="note"
              name="note"
              rows={3}
              maxLength={2000}
              className="mb-4 w-full rounded border-2 border-ink p-2"
              aria-describedby={errors.note ? "note-error" : undefined}
              aria-invalid={errors.note ? true : undefined}
            />
            <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
              {t("staff.abroadDecision.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
