/**
 * The caseworker's register actions outside cases (issue 20): a person's date of death (the claims'
 * "patient was dead on the date" control reads it), and the review of claim lines held for control.
 * Every read of a resident's data and every change is written to the staff audit log.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { claimLineReviews, claimLines, claims, personChanges, persons, providers, staffAuditLog } from "~/db/schema";
import { claimOutcome, type LineOutcome } from "~/domain/claim-controls";
import { dispositionOf, lineMoney, lineRegisterRequest } from "~/domain/claims";
import type { LineReview } from "~/domain/staff-register";
import type { StaffUnit } from "~/domain/staff-roles";
import { fnrOf, parseFnr } from "~/kernel/fnr";
import type { IsoDate, Orgnr } from "~/kernel/types";
import { sendNotice } from "./notify.server";
import { applyRegisterRequestsInTx } from "./register.server";
import { sumOre, ZERO_ORE } from "~/kernel/money";

type Staff = { ident: string; unit: StaffUnit };

async function audit(db: Db, staff: Staff, action: string, subjectKind: "person" | "claim-line", subjectId: string, personId: string) {
  await db.insert(staffAuditLog).values({ staffIdent: staff.ident, unit: staff.unit, action, subjectKind, subjectId, personId });
}

// ---------------------------------------------------------------------------------------------
// Date of death

/** The person with this fødselsnummer, by id (the number never goes in a URL); null when unknown or not a number. */
export async function personIdByFnr(db: Db, fnr: string): Promise<string | null> {
  const digits = parseFnr(fnr.replace(/\s/g, ""));
  if (digits === null) return null;
  const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.fnr, digits));
  return p?.id ?? null;
}

/** What staff see of a person's record, written to the audit log first; null when there is no such person. */
export async function loadPersonRecord(db: Db, staff: Staff, personId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(personId)) return null;
  const [p] = await db.select({ id: persons.id, name: persons.name, birthDate: persons.birthDate, diedOn: persons.diedOn }).from(persons).where(eq(persons.id, personId));
  if (!p) return null;
  await audit(db, staff, "person.view", "person", p.id, p.id);
  const changes = await db.select().from(personChanges).where(eq(personChanges.personId, p.id)).orderBy(desc(personChanges.id)).limit(20);
  return { ...p, changes };
}

/** Sets (or clears, with null) the date of death, with the reason; idempotent: the same date again changes nothing. */
export async function setDateOfDeath(db: Db, staff: Staff, personId: string, diedOn: IsoDate | null, reason: string): Promise<{ changed: boolean }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [p] = await tx.select({ diedOn: persons.diedOn }).from(persons).where(eq(persons.id, personId)).for("no key update");
    if (!p) throw new Error("person not found");
    if (p.diedOn === diedOn) return { changed: false };
    await tx.update(persons).set({ diedOn }).where(eq(persons.id, personId));
    await tx.insert(personChanges).values({ personId, field: "died_on", before: p.diedOn, after: diedOn, reason, staffIdent: staff.ident });
    await audit(tx, staff, "person.died-on", "person", personId, personId);
    return { changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Claim lines held for control

/**
 * The lines held for control, oldest first, each read written to the audit log; optionally only one
 * provider's (and one therapist's), as a control case against it shows them.
 */
export async function listHeldLines(db: Db, staff: Staff, limit = 50, scope: { providerOrgnr: Orgnr; therapistHpr: string | null } | null = null) {
  const rows = await db
    .select({
      id: claimLines.id,
      personId: claimLines.personId,
      lineNo: claimLines.lineNo,
      takst: claimLines.takst,
      serviceDate: claimLines.serviceDate,
      startMinute: claimLines.startMinute,
      minutes: claimLines.minutes,
      controls: claimLines.controls,
      honorarOre: claimLines.honorarOre,
      egenandelOre: claimLines.egenandelOre,
      claimId: claims.claimId,
      therapistName: claims.therapistName,
      providerName: providers.name,
      providerOrgnr: claims.providerOrgnr,
      therapistHpr: claimLines.therapistHpr,
      receivedOn: claims.receivedOn,
    })
    .from(claimLines)
    .innerJoin(claims, eq(claims.id, claimLines.claimRef))
    .innerJoin(providers, eq(providers.orgnr, claims.providerOrgnr))
    .where(
      and(
        eq(claimLines.outcome, "til-kontroll"),
        scope ? eq(claimLines.providerOrgnr, scope.providerOrgnr) : undefined,
        scope?.therapistHpr ? eq(claimLines.therapistHpr, scope.therapistHpr) : undefined,
      ),
    )
    .orderBy(asc(claims.receivedOn), asc(claims.claimId), asc(claimLines.lineNo))
    .limit(limit);
  for (const r of rows) await audit(db, staff, "claim-line.view", "claim-line", r.id, r.personId);
  return rows;
}

export type ReviewResult = { ok: true; outcome: LineOutcome; disposition: string } | { ok: false; reason: "not-found" | "not-held" };

/**
 * Approves or rejects a line held for control. Approved: the provider is paid honorar − egenandel
 * and the egenandel is registered through the one writer (source `claim`, waived on a frikort,
 * nothing stored for a reserved patient), exactly as an approved line at receipt. Rejected: nothing
 * is paid or registered. The claim's outcome and refund follow its lines.
 */
export async function reviewHeldLine(db: Db, staff: Staff, lineId: string, decision: LineReview, reason: string, today: IsoDate): Promise<ReviewResult> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(lineId)) return { ok: false, reason: "not-found" };
  let granted = false;
  const out = await db.transaction(async (txRaw): Promise<ReviewResult & { personId?: string }> => {
    const tx = txRaw as unknown as Db;
    const [line] = await tx.select().from(claimLines).where(eq(claimLines.id, lineId)).for("update");
    if (!line) return { ok: false, reason: "not-found" };
    if (line.outcome !== "til-kontroll") return { ok: false, reason: "not-held" };
    const [claim] = await tx.select().from(claims).where(eq(claims.id, line.claimRef)).for("update");
    const [person] = await tx.select({ fnr: persons.fnr, birthDate: persons.birthDate }).from(persons).where(eq(persons.id, line.personId));
    const [provider] = await tx.select({ name: providers.name }).from(providers).where(eq(providers.orgnr, claim!.providerOrgnr));
    let update: Partial<typeof claimLines.$inferInsert>;
    if (decision === "avvist") {
      update = { outcome: "avvist", egenandelDisposition: "rejected", refusjonOre: ZERO_ORE, egenandelOre: ZERO_ORE };
    } else {
      const takst = { honorarOre: line.honorarOre, egenandelOre: line.egenandelOre };
      let disposition: string = "none";
      let egenandelId: string | null = null;
      if (line.egenandelOre > 0) {
        const request = lineRegisterRequest({
          orgnr: claim!.providerOrgnr,
          providerName: provider!.name,
          claimId: claim!.claimId,
          lineNo: line.lineNo,
          fnr: fnrOf(person!.fnr),
          birthDate: person!.birthDate,
          date: line.serviceDate,
          egenandelOre: line.egenandelOre,
          paid: claim!.paid,
          hash: createHash("sha256").update(`${claim!.requestHash}:${line.lineNo}`).digest("hex"),
        });
        const plan = await applyRegisterRequestsInTx(tx, [request], today);
        const o = plan.outcomes[0]!;
        disposition = dispositionOf(o);
        if (o.ok && "claim" in o) egenandelId = o.claim.id;
        granted = plan.frikortGranted.length > 0;
      }
      const money = lineMoney(takst, "godkjent", disposition as ReturnType<typeof dispositionOf>);
      update = { outcome: "godkjent", egenandelDisposition: disposition, egenandelId, refusjonOre: money.refusjonOre, egenandelOre: money.egenandelOre };
    }
    await tx.update(claimLines).set(update).where(eq(claimLines.id, line.id));
    const all = await tx.select({ outcome: claimLines.outcome, refusjonOre: claimLines.refusjonOre }).from(claimLines).where(eq(claimLines.claimRef, line.claimRef));
    await tx
      .update(claims)
      .set({ outcome: claimOutcome(all.map((l) => ({ outcome: l.outcome as LineOutcome }))), refusjonOre: sumOre(all.map((l) => l.refusjonOre)) })
      .where(eq(claims.id, line.claimRef));
    await tx.insert(claimLineReviews).values({ lineId: line.id, decision, reason, staffIdent: staff.ident });
    await audit(tx, staff, `claim-line.${decision}`, "claim-line", line.id, line.personId);
    return { ok: true, outcome: update.outcome as LineOutcome, disposition: String(update.egenandelDisposition), personId: line.personId };
  });
  if (granted && out.ok && out.personId) await sendNotice(out.personId, "frikort-granted");
  if (!out.ok) return out;
  return { ok: true, outcome: out.outcome, disposition: out.disposition };
}

/** A review already made for a line (for the page after the decision). */
export async function reviewOf(db: Db, lineId: string) {
  const [r] = await db
    .select()
    .from(claimLineReviews)
    .where(and(eq(claimLineReviews.lineId, lineId)));
  return r ?? null;
}
