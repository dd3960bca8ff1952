import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { type MessageKey } from "~/i18n";
import { getPerson } from "~/models/person.server";
import { listSentApplications, loadApplication } from "~/services/abroad-application.server";
import { resumeStep } from "~/domain/abroad-application";
import { todayOslo } from "~/utils/clock.server";
import { osloDateTime } from "~/utils/format.server";
import { getLang } from "~/utils/session.server";
import { Alert, buttonClass, PageHeading } from "~/components/ui";
import { useRootData, useT } from "~/i18n/use-t";
import { findDraft, listDocuments, startOrContinueDraft } from "~/services/abroad-documents.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const draft = await findDraft(context.database.db, user.personId);
  const documents = draft ? (await listDocuments(context.database.db, user.personId, draft.id)).length : 0;
  const lang = await getLang(request);
  const sent = (await listSentApplications(context.database.db, user.personId)).map((a) => ({
    ...a,
    submittedAt: a.submittedAt ? osloDateTime(new Date(a.submittedAt), lang) : null,
  }));
  return { draft: draft ? { id: draft.id, documents } : null, sent };
}

/** Starts a draft, or continues the one there is (a double submit lands on the same draft). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const db = context.database.db;
  const app = await startOrContinueDraft(db, user.personId);
  // A new draft starts with the country; a draft left mid-way resumes at its first step not done.
  const view = await loadApplication(db, user.personId, app.id);
  const person = await getPerson(db, user.personId);
  const step = view ? resumeStep(view, person?.birthDate ?? null, todayOslo()) : "land";
  return redirect(`/mine/utland/${app.id}/${step}`);
}

export default function AbroadStart() {
  const { t } = useT();
  const { user } = useRootData();
  const { draft, sent } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>{t("abroad.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("abroad.lead")}</p>
      <h2 className="mb-2 text-xl font-bold">{t("abroad.needed.heading")}</h2>
      <ul className="mb-6 max-w-prose list-disc pl-6">
        <li className="mb-1">{t("abroad.needed.invoice")}</li>
        <li className="mb-1">{t("abroad.needed.authorisation")}</li>
        <li className="mb-1">{t("abroad.needed.epikrise")}</li>
        <li className="mb-1">{t("abroad.needed.payment")}</li>
      </ul>
      <h2 className="mb-2 text-xl font-bold">{t("abroad.files.heading")}</h2>
      <ul className="mb-6 max-w-prose list-disc pl-6" data-testid="file-rules">
        <li className="mb-1">{t("abroad.files.types")}</li>
        <li className="mb-1">{t("abroad.files.size")}</li>
        <li className="mb-1">{t("abroad.files.count")}</li>
      </ul>
      {draft ? <Alert kind="info">{t("abroad.draft.exists", { count: draft.documents })}</Alert> : null}
      <Form method="post">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <button type="submit" className={buttonClass}>
          {draft ? t("abroad.continue") : t("abroad.start")}
        </button>
      </Form>
      {sent.length ? (
        <section aria-labelledby="sent-heading" className="mt-10">
          <h2 id="sent-heading" className="mb-3 text-xl font-bold">
            {t("abroad.sent.heading")}
          </h2>
          <ul className="space-y-2" data-testid="sent-applications">
            {sent.map((a) => (
              <li key={a.id}>
                <Link to={`/mine/utland/${a.id}`}>{a.reference}</Link>
                {a.submittedAt ? <span className="text-muted"> · {a.submittedAt}</span> : null}
                <span> · {t(`case.status.${a.status}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
