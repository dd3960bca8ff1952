/**
 * "Pasientens frikortstatus" for providers: one or many lookups, each logged (who asked, when,
 * about whom, what was answered) so the resident can see it. Batch lookups use three queries in
 * all, whatever their size.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { frikortGrants, frikortStatus, persons, statusLookups } from "~/db/schema";
import { yearOf } from "~/kernel/dates";
import { answerFrikortQuestion, type FrikortAnswer } from "~/domain/frikort-status";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";
import { takForService } from "~/rules/parameters/tak-mapping";
import type { StatusRequest } from "~/schemas/provider-api";
import { log } from "~/utils/log.server";
import { inWriterTransaction } from "~/models/register-writer.server";
import { Batcher, batcherOptionsFromEnv, type ItemResult } from "./batcher.server";
import type { IsoDate, Orgnr } from "~/kernel/types";

export async function lookupFrikortStatus(db: Db, orgnr: Orgnr, requests: StatusRequest[], batch: boolean): Promise<FrikortAnswer[]> {
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
          .where(
            and(
              inArray(
                frikortStatus.personId,
                people.map((p) => p.id),
              ),
              inArray(frikortStatus.year, years),
            ),
          )
      : [];
  const frikortFrom = new Map(statuses.map((s) => [`${s.personId}:${s.year}:${s.tak}`, s.frikortFrom]));
  const grants =
    people.length && years.length
      ? await db
          .select({ personId: frikortGrants.personId, year: frikortGrants.year, tak: frikortGrants.tak, from: sql<IsoDate>`min(${frikortGrants.validFrom})::text` })
          .from(frikortGrants)
          .where(
            and(
              inArray(
                frikortGrants.personId,
                people.map((p) => p.id),
              ),
              inArray(frikortGrants.year, years),
              isNull(frikortGrants.revokedAt),
            ),
          )
          .groupBy(frikortGrants.personId, frikortGrants.year, frikortGrants.tak)
      : [];
  const grantedFrom = new Map(grants.map((g) => [`${g.personId}:${g.year}:${g.tak}`, g.from]));

  const answers = requests.map((r) => {
    const p = byFnr.get(r.fnr) ?? null;
    const year = yearOf(r.date);
    const tak = isSupportedYear(year) ? takForService(r.serviceType, r.date) : null;
    return answerFrikortQuestion({
      date: r.date,
      person: p ? { birthDate: p.birthDate, reserved: p.reservedAt !== null } : null,
      frikortFrom: p && tak ? (frikortFrom.get(`${p.id}:${year}:${tak}`) ?? null) : null,
      grantedFrom: p && tak ? (grantedFrom.get(`${p.id}:${year}:${tak}`) ?? null) : null,
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
async function lookupOne(db: Db, orgnr: Orgnr, r: StatusRequest): Promise<FrikortAnswer> {
  const year = yearOf(r.date);
  const tak = isSupportedYear(year) ? takForService(r.serviceType, r.date) : null;
  const [p] = await db
    .select({
      id: persons.id,
      birthDate: persons.birthDate,
      reservedAt: persons.reservedAt,
      frikortFrom: frikortStatus.frikortFrom,
      grantedFrom: sql<IsoDate | null>`(select min(g.valid_from)::text from frikort_grants g where g.person_id = ${persons.id} and g.year = ${year} and g.tak = ${tak ?? ""} and g.revoked_at is null)`,
    })
    .from(persons)
    .leftJoin(frikortStatus, and(eq(frikortStatus.personId, persons.id), eq(frikortStatus.year, year), eq(frikortStatus.tak, tak ?? "")))
    .where(eq(persons.fnr, r.fnr))
    .limit(1);
  const answer = answerFrikortQuestion({
    date: r.date,
    person: p ? { birthDate: p.birthDate, reserved: p.reservedAt !== null } : null,
    frikortFrom: p?.frikortFrom ?? null,
    grantedFrom: p?.grantedFrom ?? null,
  });
  await db.insert(statusLookups).values({ personId: p?.id ?? null, orgnr, serviceDate: r.date, serviceType: r.serviceType, result: answer.status, batch: false });
  return answer;
}

interface QueuedLookup {
  orgnr: Orgnr;
  request: StatusRequest;
}

const lookupBatchers = new WeakMap<Db, Batcher<QueuedLookup, FrikortAnswer>>();

/**
 * A single lookup through this process's batch queue (group commit, docs/decisions/0011-group-commit.md):
 * the lookups queued while the previous batch was written are read in one query and logged in one
 * multi-row insert, one commit for all. Each is answered only after its log row is committed.
 */
export function lookupFrikortStatusBatched(db: Db, orgnr: Orgnr, request: StatusRequest): Promise<FrikortAnswer> {
  let b = lookupBatchers.get(db);
  if (!b) {
    b = new Batcher<QueuedLookup, FrikortAnswer>((items) => lookupQueued(db, items), batcherOptionsFromEnv("LOOKUP", { maxBatch: 500, maxInFlight: 2 }), "lookup");
    lookupBatchers.set(db, b);
  }
  return b.submit({ orgnr, request });
}

/** Answers and logs a batch of queued single lookups: one read, one insert. */
export async function lookupQueued(db: Db, items: QueuedLookup[]): Promise<Array<ItemResult<FrikortAnswer>>> {
  try {
    const keys = items.map((it, i) => {
      const year = yearOf(it.request.date);
      return { i, fnr: it.request.fnr, year, tak: isSupportedYear(year) ? takForService(it.request.serviceType, it.request.date) : "" };
    });
    // The read and the log row are one transaction; on a server both statements are PREPAREd once per connection
    // (planning the read was 0.21 ms of a batch's PostgreSQL time at 1 M residents, more than executing it), and
    // BEGIN and COMMIT ride with them, so a batch is still two round trips.
    return await inWriterTransaction(db, async (t) => {
      // One index lookup per queued item whatever the table sizes: as a plain join, the planner
      // (which guesses 100 rows for jsonb_to_recordset) hashed a seq scan of all persons once the
      // table was small enough (10k residents), tripling PostgreSQL's CPU per lookup.
      const found = (
        (await t.q(
          sql`
        select q.i, p.id::text as person_id, p.birth_date::text as birth_date, p.reserved_at is not null as reserved, f.frikort_from::text as frikort_from,
          (select min(g.valid_from)::text from frikort_grants g where g.person_id = p.id and g.year = q.year and g.tak = q.tak and g.revoked_at is null) as granted_from
        from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as q(i integer, fnr varchar, year smallint, tak text)
        cross join lateral (select id, birth_date, reserved_at from persons where fnr = q.fnr limit 1) p
        left join lateral (select frikort_from from frikort_status where person_id = p.id and year = q.year and tak = q.tak limit 1) f on true`,
          { prepared: "status_read" },
        )) as {
          rows: Array<{ i: number; person_id: string; birth_date: IsoDate | null; reserved: boolean; frikort_from: IsoDate | null; granted_from: IsoDate | null }>;
        }
      ).rows;
      const byIndex = new Map(found.map((r) => [Number(r.i), r]));
      const answers = items.map((it, i) => {
        const p = byIndex.get(i);
        return answerFrikortQuestion({
          date: it.request.date,
          person: p ? { birthDate: p.birth_date, reserved: p.reserved } : null,
          frikortFrom: p?.frikort_from ?? null,
          grantedFrom: p?.granted_from ?? null,
        });
      });
      const log = items.map((it, i) => ({
        person_id: byIndex.get(i)?.person_id ?? null,
        orgnr: it.orgnr,
        service_date: it.request.date,
        service_type: it.request.serviceType,
        result: answers[i]!.status,
      }));
      await t.q(
        sql`
      insert into status_lookups (person_id, orgnr, service_date, service_type, result, batch)
      select person_id, orgnr, service_date, service_type, result, false
      from jsonb_to_recordset(${JSON.stringify(log)}::jsonb) as x(person_id uuid, orgnr varchar, service_date date, service_type text, result text)`,
        { prepared: "status_log", commit: true },
      );
      return answers.map((value): ItemResult<FrikortAnswer> => ({ ok: true, value }));
    });
  } catch (err) {
    // Nothing was logged (the insert is one statement): answer each lookup on its own.
    const code = (err as { code?: unknown })?.code;
    log.warn("status lookup batch failed; answering its lookups one by one", {
      size: items.length,
      error: err instanceof Error ? err.name : typeof err,
      code: typeof code === "string" ? code : undefined,
    });
    const out: Array<ItemResult<FrikortAnswer>> = [];
    for (const it of items) {
      try {
        out.push({ ok: true, value: await lookupOne(db, it.orgnr, it.request) });
      } catch (error) {
        out.push({ ok: false, error });
      }
    }
    return out;
  }
}
