import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useCovers } from "~/components/services";
import { Card, PageHeading } from "~/components/ui";
import { mayActOnPath } from "~/domain/representation";
import { formatOre, ore } from "~/kernel/money";
import { formatDate, type Lang, type MessageKey, type Translate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { listInbox, markAllRead } from "~/models/register.server";
import { caseLinks } from "~/services/my-cases.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, getLang, requireCitizen } from "~/utils/session.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "inbox.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const lang = await getLang(request);
  const [rows, links] = await Promise.all([listInbox(context.database.db, user.personId), caseLinks(context.database.db, user.personId)]);
  // a link to a page the fullmakt does not cover is left out (the message itself is insight, which it covers)
  const opens = (href: string | null) => (href && (!user.acting || mayActOnPath(user.acting.basis, user.acting.scopes, href)) ? href : null);
  return {
    messages: rows.map((m) => {
      const payload = m.payload as Record<string, string | number>;
      return { id: m.id, kind: m.kind, payload, received: osloDateTime(m.createdAt, lang), unread: m.readAt === null, href: opens(messageLink(m.kind, payload, links)) };
    }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  await markAllRead(context.database.db, user.personId);
  return redirect("/mine/meldinger");
}

/** Where a message leads: its case (by id, or by the reference it names), or the year it is about. */
function messageLink(kind: string, p: Record<string, string | number>, links: Map<string, string>): string | null {
  if (typeof p.caseId === "string" && /^[0-9a-f-]{36}$/.test(p.caseId)) return `/mine/saker/${p.caseId}`;
  if (typeof p.reference === "string" && links.has(p.reference)) return links.get(p.reference)!;
  if ((kind === "payout-paid" || kind === "frikort-granted") && /^\d{4}$/.test(String(p.year ?? ""))) return `/mine?ar=${p.year}`;
  return null;
}

function messageText(m: { kind: string; payload: Record<string, string | number> }, t: Translate, lang: Lang): string {
  const p = m.payload;
  if (m.kind === "frikort-granted") {
    const tak = String(p.tak);
    const takName = tak === "tak1" || tak === "tak2" || tak === "felles" ? t(`overview.tak.${tak}`).toLowerCase() : tak;
    return t("inbox.frikort-granted", { tak: takName, year: p.year ?? "", date: formatDate(String(p.from), lang) });
  }
  if (m.kind === "case-status") {
    const status = String(p.status);
    const text = t("inbox.case-status", { reference: String(p.reference), status: t(`case.status.${status}` as MessageKey) });
    // a decision that lowered a refund already paid, or took a paid frikort refund away: say what is owed back
    const owed = Number(p.repaymentOre ?? 0);
    return Number.isInteger(owed) && owed > 0 ? `${text} ${t("repayment.inbox", { amount: formatOre(ore(owed), lang) })}` : text;
  }
  if (m.kind === "abroad-more-info") return t("inbox.abroad-more-info", { reference: String(p.reference) });
  if (m.kind === "provisional-answer") return t("inbox.provisional-answer", { reference: String(p.reference), date: formatDate(String(p.expectedBy), lang) });
  if (m.kind === "account-changed") return t("inbox.account-changed", { account: String(p.account ?? "") });
  if (m.kind === "payout-paid") return t("inbox.payout-paid", { amount: formatOre(ore(Number(p.amountOre)), lang), year: p.year ?? "" });
  return m.kind;
}

/** Decisions with a letter (ADR 0015): the message links to it. */
const LETTER_STATUSES = ["registered", "rejected", "completed"];

export default function Inbox() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const { messages } = useLoaderData<typeof loader>();
  const covers = useCovers();
  const unread = messages.some((m) => m.unread);
  return (
    <>
      <PageHeading>{t("inbox.title")}</PageHeading>
      {messages.length === 0 ? (
        <p>{t("inbox.none")}</p>
      ) : (
        <ul className="mb-6 space-y-3" data-testid="inbox">
          {messages.map((m) => (
            <li key={m.id}>
              <Card className={m.unread ? "border-l-4 border-l-brand" : ""}>
                <p className="text-sm text-muted">
                  {m.unread ? <strong className="mr-2 text-brand">{t("inbox.new")}</strong> : null}
                  {t("inbox.received", { date: m.received })}
                </p>
                <p className="mt-1">{messageText(m, t, lang)}</p>
                {m.href ? (
                  <p className="mt-1">
                    <a href={m.href} data-testid="inbox-case-link">
                      {typeof m.payload.reference === "string" && m.payload.reference
                        ? t("inbox.openCase", { reference: m.payload.reference })
                        : t("inbox.openYear", { year: String(m.payload.year ?? "") })}
                    </a>
                  </p>
                ) : null}
                {m.kind === "case-status" &&
                typeof m.payload.caseId === "string" &&
                /^[0-9a-f-]{36}$/.test(m.payload.caseId) &&
                LETTER_STATUSES.includes(String(m.payload.status)) ? (
                  <p className="mt-1">
                    <a href={`/mine/saker/${m.payload.caseId}/vedtak.pdf`} download data-testid="inbox-vedtak">
                      {t("case.vedtak")}
                    </a>
                  </p>
                ) : null}
                {covers("abroad") &&
                m.kind === "case-status" &&
                typeof m.payload.applicationId === "string" &&
                /^[0-9a-f-]{36}$/.test(m.payload.applicationId) &&
                String(m.payload.status) === "decided" ? (
                  <p className="mt-1">
                    <a href={`/mine/utland/${m.payload.applicationId}/vedtak.pdf`} download data-testid="inbox-vedtak">
                      {t("case.vedtak")}
                    </a>
                  </p>
                ) : null}
                {covers("abroad") && m.kind === "abroad-more-info" && typeof m.payload.applicationId === "string" && /^[0-9a-f-]{36}$/.test(m.payload.applicationId) ? (
                  <p className="mt-1">
                    <a href={`/mine/utland/${m.payload.applicationId}`} data-testid="inbox-abroad-answer">
                      {t("inbox.abroad-more-info.link")}
                    </a>
                  </p>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
      {unread && user ? (
        <Form method="post">
          <input type="hidden" name="csrf" value={user.csrf} />
          <button type="submit" className="rounded border-2 border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-info-bg">
            {t("inbox.markRead")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
