/**
 * "Mine saker": every case of every kind the resident has sent, newest first — the portal's cases
 * (reports, tips, reservations, frikort applications, claim reports) and the refund applications
 * abroad, which live in their own table. Abroad applications are read through their service's
 * exported `listSentApplications`, never their table.
 */
import type { Db } from "~/db/client.server";
import { listSentApplications } from "./abroad-application.server";
import { listCases } from "./cases.server";

export interface MyCase {
  id: string;
  reference: string;
  /** A `case.kind.*` message key suffix. */
  kind: string;
  /** A `case.status.*` message key suffix. */
  status: string;
  sentAt: Date;
  href: string;
}

export async function listMyCases(db: Db, personId: string): Promise<MyCase[]> {
  const [rows, abroad] = await Promise.all([listCases(db, personId), listSentApplications(db, personId)]);
  const out: MyCase[] = rows.map((c) => ({ id: c.id, reference: c.reference, kind: c.kind, status: c.status, sentAt: c.createdAt, href: `/mine/saker/${c.id}` }));
  for (const a of abroad) {
    out.push({
      id: a.id,
      reference: a.reference,
      kind: "abroad-refund",
      status: a.status,
      sentAt: a.submittedAt ? new Date(a.submittedAt) : new Date(0),
      href: `/mine/utland/${a.id}`,
    });
  }
  // Newest first; the reference breaks a tie so the order is stable.
  return out.sort((x, y) => y.sentAt.getTime() - x.sentAt.getTime() || x.reference.localeCompare(y.reference));
}

/** Where each of the resident's case references leads: the inbox links its messages to their case. */
export async function caseLinks(db: Db, personId: string): Promise<Map<string, string>> {
  const all = await listMyCases(db, personId);
  return new Map(all.filter((c) => c.reference).map((c) => [c.reference, c.href]));
}
