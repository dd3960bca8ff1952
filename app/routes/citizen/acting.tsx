import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading } from "~/components/ui";
import { formatDate, type MessageKey, type Translate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { landingPath } from "~/domain/representation";
import { getPerson } from "~/models/person.server";
import { ActingIntent } from "~/schemas/intents";
import { OpaqueIdSchema } from "~/schemas/representation";
import { actingChoices, chooseActingFor, whatWasDoneInMyName } from "~/services/representation.server";
import { todayOslo } from "~/utils/clock.server";
import { intentOf, readForm } from "~/utils/form.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen, requireCsrf } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "acting.title");

/** Choosing whom to act for, and what others did in the logged-in resident's own name. Always about the logged-in resident. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const lang = await getLang(request);
  const [me, choices, done] = await Promise.all([
    getPerson(db, user.actorPersonId),
    actingChoices(db, user.actorPersonId, todayOslo()),
    whatWasDoneInMyName(db, user.actorPersonId),
  ]);
  return {
    myName: me?.name ?? null,
    current: user.acting ? user.personId : null,
    choices: choices.map((c) => ({
      id: c.personId,
      name: c.name,
      basis: c.basis,
      scopes: c.fullmakt?.scopes ?? null,
      until: c.fullmakt?.validUntil ? formatDate(c.fullmakt.validUntil, lang) : null,
    })),
    done: done.map((d) => ({ when: osloDateTime(d.at, lang), who: d.actorName, basis: d.basis, action: d.action })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const intent = intentOf(form, ActingIntent);
  const session = { sid: user.sid, actorPersonId: user.actorPersonId, currentSubject: user.acting ? user.personId : null, currentBasis: user.acting?.basis ?? null };
  if (intent === "self") {
    await chooseActingFor(context.database.db, session, null, todayOslo());
    return redirect("/mine");
  }
  const subject = OpaqueIdSchema.safeParse(form.get("subject"));
  if (!subject.success) return data({ refused: true }, { status: 400 });
  const ok = await chooseActingFor(context.database.db, session, subject.data, todayOslo());
  if (!ok) return data({ refused: true }, { status: 403 });
  // a fullmakt without insight does not open the overview: to the start page, which lists what it does cover
  const chosen = (await actingChoices(context.database.db, user.actorPersonId, todayOslo())).find((c) => c.personId === subject.data);
  return redirect(landingPath(chosen ? { basis: chosen.basis, scopes: chosen.fullmakt?.scopes ?? [] } : null));
}

/** Pages a logged form may come from, named as the resident knows them. */
const PAGE_NAMES: Array<[RegExp, MessageKey]> = [
  [/^\/mine\/reservasjon$/, "reservation.title"],
  [/^\/mine\/frikort-soknad$/, "application.title"],
  [/^\/mine\/kontonummer$/, "account.title"],
  [/^\/mine\/manglende$/, "missing.title"],
  [/^\/mine\/tips\//, "tip.title"],
  [/^\/mine\/meldinger$/, "inbox.title"],
  [/^\/mine\/saker\//, "case.title"],
  [/^\/mine\/utland/, "abroad.title"],
  [/^\/mine\/varsler$/, "notices.title"],
];

function actionText(action: string, t: Translate): string {
  if (action === "start") return t("acting.done.start");
  if (action === "stop") return t("acting.done.stop");
  const path = action.replace(/^[A-Z]+ /, "");
  const known = PAGE_NAMES.find(([re]) => re.test(path));
  return t("acting.done.form", { page: known ? t(known[1]) : path });
}

export default function Acting() {
  const { t } = useT();
  const { user } = useRootData();
  const { myName, current, choices, done } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.refused ?? false;
  return (
    <>
      <PageHeading>{t("acting.title")}</PageHeading>
      <p className="mb-6 max-w-prose">{t("acting.lead")}</p>
      {refused ? <Alert kind="error">{t("acting.refused")}</Alert> : null}
      <Card className="mb-8">
        <h2 className="mb-4 text-xl font-bold">{t("acting.choose")}</h2>
        <ul className="space-y-3" data-testid="acting-choices">
          <li className="flex flex-wrap items-center gap-3">
            <span className="font-semibold">
              {myName ? t("acting.self", { name: myName }) : t("acting.selfNoName")} {current === null ? t("acting.current") : null}
            </span>
            {current !== null ? (
              <Form method="post">
                <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
                <button type="submit" name="intent" value="self" className="rounded border-2 border-brand px-3 py-1 font-semibold text-brand">
                  {t("acting.useSelf")}
                </button>
              </Form>
            ) : null}
          </li>
          {choices.map((c) => {
            const name = c.name ?? t("acting.unknownName");
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-3">
                <span>
                  <span className="font-semibold">{name}</span> – {t(c.basis === "parent" ? "acting.basis.parent" : "acting.basis.fullmakt")}{" "}
                  {current === c.id ? t("acting.current") : null}
                  {c.scopes ? (
                    <span className="block text-muted" data-testid="fullmakt-terms">
                      {t("acting.fullmaktTerms", { services: c.scopes.map((s) => t(`fullmakt.scope.${s}` as MessageKey)).join("; ") })}
                      {c.until ? `, ${t("acting.fullmaktUntil", { date: c.until })}` : ""}
                    </span>
                  ) : null}
                </span>
                {current !== c.id ? (
                  <Form method="post">
                    <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
                    <input type="hidden" name="subject" value={c.id} />
                    <button type="submit" name="intent" value="act" className="rounded border-2 border-brand px-3 py-1 font-semibold text-brand">
                      {t("acting.use", { name })}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
        {choices.length === 0 ? <p className="mt-4">{t("acting.none")}</p> : null}
        <p className="mt-4">
          <Link to="/mine/fullmakt">{t("fullmakt.title")}</Link>
        </p>
      </Card>
      <section aria-labelledby="done-title">
        <h2 id="done-title" className="mb-2 text-xl font-bold">
          {t("acting.done.title")}
        </h2>
        <p className="mb-4">{t("acting.done.lead")}</p>
        {done.length === 0 ? (
          <p data-testid="done-none">{t("acting.done.none")}</p>
        ) : (
          <table className="w-full border-collapse text-left" data-testid="done-in-name">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-4">
                  {t("acting.done.when")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("acting.done.who")}
                </th>
                <th scope="col" className="py-2">
                  {t("acting.done.what")}
                </th>
              </tr>
            </thead>
            <tbody>
              {done.map((d, i) => (
                <tr key={i} className="border-b border-line">
                  <td className="py-2 pr-4">{d.when}</td>
                  <td className="py-2 pr-4">
                    {d.who ?? t("acting.unknownName")} ({t(d.basis === "parent" ? "acting.done.basis.parent" : "acting.done.basis.fullmakt")})
                  </td>
                  <td className="py-2">{actionText(d.action, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
