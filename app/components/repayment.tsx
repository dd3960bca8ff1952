/**
 * Claims for repayment (issue 19) in plain words: the resident's notice of what they owe back and
 * why, and the caseworker's list of every claim (an open one and those a later decision replaced).
 */
import { useT } from "~/i18n/use-t";
import { formatOre, sumOre } from "~/kernel/money";
import type { Ore } from "~/kernel/types";

export interface RepaymentView {
  amountOre: Ore;
  paidOre: Ore;
  refundOre: Ore;
  status: "open" | "cancelled";
}

/** The resident's view: only what is owed now. */
export function RepaymentNotice({ claims, kind }: { claims: readonly RepaymentView[]; kind: "abroad-refund" | "frikort-grant" }) {
  const { t, lang } = useT();
  const open = claims.filter((c) => c.status === "open");
  if (!open.length) return null;
  return (
    <section className="mb-6 border-l-4 border-danger bg-danger-bg p-4" aria-labelledby="repayment-title" data-testid="repayment">
      <h2 id="repayment-title" className="mb-2 text-xl font-bold">
        {t("repayment.title")}: {formatOre(sumOre(open.map((c) => c.amountOre)), lang)}
      </h2>
      {open.map((c, i) => (
        <p key={i} className="mb-2">
          {t(kind === "abroad-refund" ? "repayment.abroad.text" : "repayment.grant.text", {
            paid: formatOre(c.paidOre, lang),
            refund: formatOre(c.refundOre, lang),
            amount: formatOre(c.amountOre, lang),
          })}
        </p>
      ))}
      <p>{t("repayment.how")}</p>
    </section>
  );
}

/** The caseworker's view: every claim with its state. */
export function RepaymentList({ claims }: { claims: readonly RepaymentView[] }) {
  const { t, lang } = useT();
  return (
    <>
      <h4 className="mt-3 font-semibold">{t("staff.repayment.title")}</h4>
      <ul className="text-sm" data-testid="repayment-claims">
        {claims.map((c, i) => (
          <li key={i} className={c.status === "open" ? "font-semibold" : "text-muted"}>
            {t("staff.repayment.entry", {
              amount: formatOre(c.amountOre, lang),
              paid: formatOre(c.paidOre, lang),
              refund: formatOre(c.refundOre, lang),
              status: t(`staff.repayment.status.${c.status}`),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}
