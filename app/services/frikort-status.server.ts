/**
 * "Pasientens frikortstatus" for providers: one or many lookups, each logged (who asked, when,
 * about whom, what was answered) so the resident can see it. Batch lookups use three queries in
 * all, whatever their size.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { frikortStatus, persons, statusLookups } from "~/db/schema";
import { yearOf } from "~/domain/dates";
import { answerFrikortQuestion, type FrikortAnswer } from "~/domain/frikort-status";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";
import { takForService } from "~/rules/parameters/tak-mapping";
import type { StatusRequest } from "~/schemas/provider-api";

export async function lookupFrikortStatus(db: Db, orgnr: string, requests: StatusRequest[], batch: boolean): Promise<FrikortAnswer[]> {
  if (requests.length === 1 && !batch) return [await lookupOne(db, orgnr, requests[0]!)];
  const fnrs = [...new Set(requests.map((r) => r.fnr))];
  const people = await db
    .select({ id: persons.id, fnr: persons.fnr, birthDate: persons.birthDate, reservedAt: persons.reservedAt })
    .from(persons)
    .where(inArray(persons.fnr, fnrs));
  const byFnr = new Map(people.map((p) => [p.fnr, p]));
  const years = [...new Set(requests.map((r) => yearOf(r.date)).filter(isSupportedYear))];
  const statuses =
    people.length && years.length
      ? await db
          .select({ personId: frikortStatus.personId, year: frikortStatus.year, tak: frikortStatus.tak, frikortFrom: frikortStatus.frikortFrom })
          .from(frikortStatus)
          .where(and(inArray(frikortStatus.personId, people.map((p) => p.id)), inArray(frikortStatus.year, years)))
      : [];
  const frikortFrom = new Map(statuses.map((s) => [`${s.personId}:${s.year}:${s.tak}`, s.frikortFrom]));

  const answers = requests.map((r) => {
    const p = byFnr.get(r.fnr) ?? null;
    const year = yearOf(r.date);
    const tak = isSupportedYear(year) ? takForService(r.serviceType, r.date) : null;
    return answerFrikortQuestion({
      date: r.date,
      person: p ? { birthDate: p.birthDate, reserved: p.reservedAt !== null } : null,
      frikortFrom: p && tak ? (frikortFrom.get(`${p.id}:${year}:${tak}`) ?? null) : null,
    });
  });

  await db.insert(statusLookups).values(
    requests.map((r, i) => ({
      personId: byFnr.get(r.fnr)?.id ?? null,
      orgnr,
      serviceDate: r.date,
      serviceType: r.serviceType,
      result: answers[i]!.status,
      batch,
    })),
  );
  return answers;
}

/** The hot path: one lookup is one joined read and one insert into the log. */
async function lookupOne(db: Db, orgnr: string, r: StatusRequest): Promise<FrikortAnswer> {
  const year = yearOf(r.date);
  const tak = isSupportedYear(year) ? takForService(r.serviceType, r.date) : null;
  const [p] = await db
    .select({ id: persons.id, birthDate: persons.birthDate, reservedAt: persons.reservedAt, frikortFrom: frikortStatus.frikortFrom })
    .from(persons)
    .leftJoin(frikortStatus, and(eq(frikortStatus.personId, persons.id), eq(frikortStatus.year, year), eq(frikortStatus.tak, tak ?? "")))
    .where(eq(persons.fnr, r.fnr))
    .limit(1);
  const answer = answerFrikortQuestion({
    date: r.date,
    person: p ? { birthDate: p.birthDate, reserved: p.reservedAt !== null } : null,
    frikortFrom: p?.frikortFrom ?? null,
  });
  await db.insert(statusLookups).values({ personId: p?.id ?? null, orgnr, serviceDate: r.date, serviceType: r.serviceType, result: answer.status, batch: false });
  return answer;
}
