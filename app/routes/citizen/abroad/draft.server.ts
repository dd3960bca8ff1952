/**
 * Shared by the draft pages: load the person's draft (404 for anyone else, a sent one goes to its
 * status page), and where to go next. `?tilbake=oppsummering` (from a change link on the summary)
 * returns there after saving; nothing else is accepted as a return target.
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import type { IsoDate } from "~/kernel/types";
import { getPerson } from "~/models/person.server";
import { type ApplicationView, loadApplication } from "~/services/abroad-application.server";
import { type DraftStep, missingStepBefore } from "~/domain/abroad-application";
import { todayOslo } from "~/utils/clock.server";
import { type CitizenSessionData, requireCitizen } from "~/utils/session.server";

export interface DraftContext {
  user: CitizenSessionData;
  view: ApplicationView;
  birthDate: IsoDate | null;
  today: IsoDate;
  base: string;
  /** The summary, when the resident came from a change link there. */
  returnTo: string | null;
}

export async function loadDraft(request: Request, context: LoaderFunctionArgs["context"], applicationId: string | undefined, step: DraftStep): Promise<DraftContext> {
  const user = await requireCitizen(request, context.config);
  const view = await loadApplication(context.database.db, user.personId, applicationId ?? "");
  if (!view) throw new Response("Not Found", { status: 404 });
  if (view.app.status !== "draft") throw redirect(`/mine/utland/${view.app.id}`);
  const person = await getPerson(context.database.db, user.personId);
  const birthDate = person?.birthDate ?? null;
  const today = todayOslo();
  const base = `/mine/utland/${view.app.id}`;
  const returnTo = new URL(request.url).searchParams.get("tilbake") === "oppsummering" ? `${base}/oppsummering` : null;
  // A page after a step that is not done sends the resident back to that step (GET only: a POST
  // to a page is handled by its own action).
  if (request.method === "GET") {
    const missing = missingStepBefore(view, birthDate, today, step);
    if (missing) throw redirect(`${base}/${missing}`);
  }
  return { user, view, birthDate, today, base, returnTo };
}
