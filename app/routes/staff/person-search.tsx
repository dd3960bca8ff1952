import { readForm } from "~/utils/form.server";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeading } from "~/components/ui";
import { STAFF_BASE } from "~/domain/staff-roles";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { personIdByFnr } from "~/services/staff-register.server";
import { pageTitle } from "~/utils/meta";
import { requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.person.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  return { csrf: staff.csrf };
}

/** The number is posted (never in a URL); the person's page is addressed by the internal id. */
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  const form = await readForm(request);
  requireStaffCsrf(staff, form);
  const fnr = String(form.get("fnr") ?? "").replace(/\s/g, "");
  if (!/^\d{11}$/.test(fnr)) return data({ error: "staff.person.error.fnr" as MessageKey }, { status: 400 });
  const id = await personIdByFnr(context.database.db, fnr);
  if (!id) return data({ error: "staff.person.error.notFound" as MessageKey }, { status: 404 });
  return redirect(`${STAFF_BASE}/person/${id}`);
}

export default function PersonSearch() {
  const { t } = useT();
  const { csrf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result?.error ?? null;
  return (
    <>
      <PageHeading>{t("staff.person.title")}</PageHeading>
      <Form method="post" noValidate className="max-w-xl">
        <input type="hidden" name="csrf" value={csrf} />
        <label htmlFor="fnr" className="mb-1 block font-semibold">
          {t("staff.person.fnr")}
        </label>
        {error ? (
          <p id="fnr-error" className="mb-1 font-semibold text-danger">
            {t(error)}
          </p>
        ) : null}
        <input
          id="fnr"
          name="fnr"
          inputMode="numeric"
          autoComplete="off"
          className="mb-4 block w-60 rounded border-2 border-ink p-2"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "fnr-error" : undefined}
        />
        <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
          {t("staff.person.find")}
        </button>
      </Form>
    </>
  );
}
