/**
 * The provider API's registration path with group commit (docs/decisions/0011-group-commit.md).
 *
 * Registrations that arrive together in one web process are written in one transaction with
 * multi-row statements, and answered only after that transaction has committed, so every 201/200
 * is as durable as with one transaction per registration:
 *
 *   1. lock the batch's persons (sorted by id, FOR NO KEY UPDATE), create the missing ones;
 *   2. insert every egenandel and its "registered" event in one statement (ON CONFLICT on the
 *      provider's claim id: an existing claim is answered 200 or 409 by its hash);
 *   3. read every affected person-year (rows, frikort_status, payouts) in one query;
 *   4. plan each person-year with the pure engine (planPersonYear: the same function as the single
 *      path), and write all statuses, audit rows, inbox messages and payouts in one statement;
 *   5. commit once, then answer each request.
 *
 * One request's problem (invalid input, reserved person, different body for a claim id) is that
 * request's answer only. An unexpected database error fails the batch's transaction; its items are
 * then registered again one by one with registerEgenandel, each in its own transaction.
 */
import { randomBytes, randomFillSync } from "node:crypto";
import { inArray, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import { egenandeler } from "~/db/schema";
import { yearOf } from "~/domain/dates";
import { computeYearOverview } from "~/domain/overview";
import type { EgenandelRow } from "~/domain/types";
import type { EgenandelRecord, RegisterEgenandel } from "~/schemas/provider-api";
import { planPersonYear, type PersonYearPlan, type StoredPayout, type StoredStatus } from "./engine.server";
import { Batcher, batcherOptionsFromEnv, type ItemResult } from "./batcher.server";
import { log } from "~/utils/log.server";
import { sendNotice } from "./notify.server";
import { prepareRegistration, recordOf, registerEgenandel, RegisterError, toRecord, type Row } from "./register.server";

export type RegisterResult = { created: boolean; record: EgenandelRecord };

interface Item {
  orgnr: string;
  input: RegisterEgenandel;
  today: string;
}

interface Prepared {
  index: number;
  today: string;
  orgnr: string;
  input: RegisterEgenandel;
  paidDate: string | null;
  birthDate: string | null;
  hash: string;
}

const batchers = new WeakMap<Db, Batcher<Item, RegisterResult>>();

function batcherFor(db: Db): Batcher<Item, RegisterResult> {
  let b = batchers.get(db);
  if (!b) {
    b = new Batcher<Item, RegisterResult>((items) => registerBatch(db, items), batcherOptionsFromEnv("REGISTER", { maxBatch: 200, maxInFlight: 2 }), "register");
    batchers.set(db, b);
  }
  return b;
}

/** Registers one egenandel through this process's batch queue; answers like registerEgenandel. */
export function registerEgenandelBatched(db: Db, orgnr: string, input: RegisterEgenandel, today: string): Promise<RegisterResult> {
  return batcherFor(db).submit({ orgnr, input, today });
}

export function registerBatchStats(db: Db) {
  return batcherFor(db).stats;
}

/** Time-ordered ids (UUIDv7, RFC 9562): new egenandeler append to the primary-key index. */
const pool = Buffer.alloc(16 * 256);
let poolAt = pool.length;
export function uuidv7(now = Date.now()): string {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const b = pool.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Registers a batch; one result per item, in order. */
export async function registerBatch(db: Db, items: Item[]): Promise<Array<ItemResult<RegisterResult>>> {
  const results: Array<ItemResult<RegisterResult> | undefined> = new Array(items.length);
  const prepared: Prepared[] = [];
  items.forEach((it, index) => {
    try {
      prepared.push({ index, today: it.today, orgnr: it.orgnr, input: it.input, ...prepareRegistration(it.input, it.today) });
    } catch (error) {
      results[index] = { ok: false, error };
    }
  });
  if (prepared.length) {
    for (const [index, r] of await writeBatchOrEach(db, prepared)) results[index] = r;
  }
  return results.map((r) => r ?? { ok: false, error: new Error("not registered") });
}

/**
 * Writes the batch in one transaction; if that fails for a reason that is not one item's (a
 * deadlock, a lost connection, a bug), nothing of it was committed, and each item is registered
 * again on its own and gets its own answer.
 */
async function writeBatchOrEach(db: Db, prepared: Prepared[]): Promise<Map<number, ItemResult<RegisterResult>>> {
  let written: Awaited<ReturnType<typeof writeBatch>>;
  try {
    written = await writeBatch(db, prepared);
  } catch (err) {
    // Only the error's class and SQLSTATE: PostgreSQL's messages can quote values (a fødselsnummer).
    log.warn("registration batch failed; registering its items one by one", { size: prepared.length, ...errorKind(err) });
    const answers = new Map<number, ItemResult<RegisterResult>>();
    for (const p of prepared) {
      try {
        answers.set(p.index, { ok: true, value: await registerEgenandel(db, p.orgnr, p.input, p.today) });
      } catch (error) {
        answers.set(p.index, { ok: false, error });
      }
    }
    return answers;
  }
  // A new frikort: the inbox message was written in the transaction; the notice goes out after it.
  for (const personId of written.notify) await sendNotice(personId, "frikort-granted");
  if (written.again.length) for (const [i, r] of await writeBatchOrEach(db, written.again)) written.answers.set(i, r);
  return written.answers;
}

interface PersonRow {
  id: string;
  fnr: string;
  birth_date: string | null;
  payout_account: string | null;
  reserved: boolean;
}

async function writeBatch(db: Db, prepared: Prepared[]): Promise<{ answers: Map<number, ItemResult<RegisterResult>>; notify: string[]; again: Prepared[] }> {
  const answers = new Map<number, ItemResult<RegisterResult>>();
  // One leader per claim id in the batch; the others (retries sent at the same moment, or a
  // different body with the same id) are answered from the leader's outcome after the commit.
  const leaders = new Map<string, Prepared>();
  const followers: Prepared[] = [];
  for (const p of prepared) {
    const key = claimKey(p);
    if (leaders.has(key)) followers.push(p);
    else leaders.set(key, p);
  }
  const notify: string[] = [];
  const stored = new Map<string, { hash: string | null; record: EgenandelRecord }>();

  await inTransaction(db, async (t) => {
    const leaderList = [...leaders.values()];

    // 1. Persons: lock the known ones in id order (every batch and the single path lock one
    // person at a time or in this order, so batches cannot deadlock each other).
    const fnrs = [...new Set(leaderList.map((p) => p.input.fnr))].sort();
    const birth = new Map(leaderList.map((p) => [p.input.fnr, p.birthDate]));
    // Lock the known ones and create the missing ones in one statement; a person created by
    // another transaction after this statement's snapshot is locked in a second one (rare).
    const found = rowsOf<PersonRow>(
      await t.q(sql`
        with x as (
          select * from jsonb_to_recordset(${JSON.stringify(fnrs.map((fnr) => ({ fnr, birth_date: birth.get(fnr) ?? null })))}::jsonb) as x(fnr varchar, birth_date date)
        ), locked as (
          select id, fnr, birth_date, payout_account, reserved_at from persons where fnr in (select fnr from x) order by id for no key update
        ), ins as (
          insert into persons (fnr, name, birth_date)
          select x.fnr, null, x.birth_date from x where not exists (select 1 from locked l where l.fnr = x.fnr)
          order by x.fnr
          on conflict (fnr) do nothing
          returning id, fnr, birth_date, payout_account, reserved_at
        )
        select id::text as id, fnr, birth_date::text as birth_date, payout_account, reserved_at is not null as reserved from locked
        union all
        select id::text, fnr, birth_date::text, payout_account, reserved_at is not null from ins`),
    );
    const byFnr = new Map(found.map((p) => [p.fnr, p]));
    const raced = fnrs.filter((f) => !byFnr.has(f));
    if (raced.length) {
      const more = rowsOf<PersonRow>(
        await t.q(sql`
          select id::text as id, fnr, birth_date::text as birth_date, payout_account, reserved_at is not null as reserved
          from persons where fnr in (select jsonb_array_elements_text(${JSON.stringify(raced)}::jsonb))
          order by id for no key update`),
      );
      for (const p of more) byFnr.set(p.fnr, p);
    }

    // Reserved against storage: nothing is stored (docs/decisions/0007-reservation.md).
    const toInsert: Array<Prepared & { id: string; personId: string }> = [];
    for (const p of leaderList) {
      const person = byFnr.get(p.input.fnr);
      if (!person) throw new Error("person not found after insert");
      if (person.reserved) answers.set(p.index, { ok: false, error: new RegisterError("reserved") });
      else toInsert.push({ ...p, id: uuidv7(), personId: person.id });
    }
    toInsert.sort((a, b) => (a.orgnr === b.orgnr ? (a.input.claimId < b.input.claimId ? -1 : 1) : a.orgnr < b.orgnr ? -1 : 1));

    // 2+3. Egenandeler and their events, and every affected person-year as the engine needs it
    // (rows, frikort_status, payouts), in one statement. The statement's snapshot does not see its
    // own inserts, so a person-year's rows are the stored ones plus the ones just inserted.
    type Out = { kind: "e" | "k"; id: string | null; person_id: string | null; year: number | null; rows: unknown; status: unknown; payouts: unknown };
    const out: Out[] = [];
    if (toInsert.length) {
      const payload = toInsert.map((p) => ({
        id: p.id,
        person_id: p.personId,
        provider_orgnr: p.orgnr,
        claim_id: p.input.claimId,
        provider_name: p.input.providerName,
        service_date: p.input.serviceDate,
        service_type: p.input.serviceType,
        amount_ore: p.input.amountOre,
        paid: p.input.paid,
        paid_date: p.paidDate,
        registration_hash: p.hash,
        after: { amountOre: p.input.amountOre, paid: p.input.paid, paidDate: p.paidDate, cancelled: false },
      }));
      out.push(
        ...rowsOf<Out>(
          await t.q(sql`
          with x as (
            select * from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(
              id uuid, person_id uuid, provider_orgnr varchar, claim_id text, provider_name text, service_date date, service_type text,
              amount_ore integer, paid boolean, paid_date date, registration_hash varchar, after jsonb)
          ), e as (
            insert into egenandeler (id, person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore, paid, paid_date, registration_hash)
            select id, person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore, paid, paid_date, registration_hash
            from x order by provider_orgnr, claim_id
            on conflict (provider_orgnr, claim_id) do nothing
            returning id, person_id, provider_orgnr, service_date, service_type, amount_ore, provider_name, paid, paid_date
          ), ev as (
            insert into egenandel_events (egenandel_id, person_id, kind, provider_orgnr, after)
            select e.id, e.person_id, 'registered', e.provider_orgnr, x.after from e join x on x.id = e.id
          ), k as (
            select distinct person_id, extract(year from service_date)::integer as year from e
          )
          select 'e' as kind, e.id::text as id, null::text as person_id, null::integer as year, null::json as rows, null::json as status, null::json as payouts from e
          union all
          select 'k', null, k.person_id::text, k.year,
            coalesce((select json_agg(json_build_object('id', u.id, 'serviceDate', u.service_date, 'serviceType', u.service_type, 'amountOre', u.amount_ore,
                        'providerName', u.provider_name, 'paid', u.paid, 'paidDate', u.paid_date, 'cancelled', u.cancelled) order by u.service_date, u.id)
                      from (
                        select s.id, s.service_date, s.service_type, s.amount_ore, s.provider_name, s.paid, s.paid_date, s.cancelled_at is not null as cancelled
                        from egenandeler s where s.person_id = k.person_id and s.service_date >= make_date(k.year, 1, 1) and s.service_date <= make_date(k.year, 12, 31)
                        union all
                        select n.id, n.service_date, n.service_type, n.amount_ore, n.provider_name, n.paid, n.paid_date, false
                        from e n where n.person_id = k.person_id and n.service_date >= make_date(k.year, 1, 1) and n.service_date <= make_date(k.year, 12, 31)
                      ) u), '[]'::json),
            coalesce((select json_agg(json_build_object('tak', f.tak, 'ceilingOre', f.ceiling_ore, 'totalOre', f.total_ore, 'overCeilingOre', f.over_ceiling_ore, 'frikortFrom', f.frikort_from))
                      from frikort_status f where f.person_id = k.person_id and f.year = k.year), '[]'::json),
            coalesce((select json_agg(json_build_object('id', p.id, 'tak', p.tak, 'amountOre', p.amount_ore, 'status', p.status, 'statusReason', p.status_reason, 'accountNumber', p.account_number) order by p.created_at)
                      from payouts p where p.person_id = k.person_id and p.year = k.year and p.status in ('paid', 'pending', 'withheld')), '[]'::json)
          from k`),
        ),
      );
    }
    const insertedIds = new Set(out.filter((r) => r.kind === "e").map((r) => r.id!));
    const created = toInsert.filter((p) => insertedIds.has(p.id));
    const existingClaims = toInsert.filter((p) => !insertedIds.has(p.id));

    const keys = new Map<string, { personId: string; year: number; person: PersonRow; causes: string[] }>();
    for (const p of created) {
      const year = yearOf(p.input.serviceDate);
      const k = `${p.personId}:${year}`;
      const entry = keys.get(k) ?? { personId: p.personId, year, person: byFnr.get(p.input.fnr)!, causes: [] };
      entry.causes.push(`${p.orgnr}/${p.input.claimId}`);
      keys.set(k, entry);
    }
    const overviews = new Map<string, PersonYearPlan>();
    {
      const read = out.filter((r) => r.kind === "k");
      const status: unknown[] = [];
      const changes: unknown[] = [];
      const inbox: unknown[] = [];
      const payoutInserts: unknown[] = [];
      const payoutUpdates: unknown[] = [];
      for (const r of read) {
        const k = `${r.person_id}:${Number(r.year)}`;
        const entry = keys.get(k);
        if (!entry) throw new Error("person-year read that was not written");
        const year = entry.year;
        const person = entry.person;
        const overview = computeYearOverview({ year, birthDate: person.birth_date, rows: parseJson<EgenandelRow[]>(r.rows) });
        const plan = planPersonYear(
          { birthDate: person.birth_date, payoutAccount: person.payout_account, reserved: person.reserved },
          year,
          overview,
          parseJson<StoredStatus[]>(r.status),
          parseJson<StoredPayout[]>(r.payouts),
        );
        overviews.set(k, plan);
        const person_id = entry.personId;
        const cause = `registered ${entry.causes.join(", ")}`;
        for (const s of plan.statusUpserts) {
          status.push({ person_id, year, tak: s.tak, ceiling_ore: s.ceilingOre, total_ore: s.totalOre, over_ceiling_ore: s.overCeilingOre, frikort_from: s.frikortFrom });
        }
        for (const c of plan.changes) {
          changes.push({ person_id, year, tak: c.tak, total_before: c.totalBefore, total_after: c.totalAfter, frikort_from_before: c.frikortFromBefore, frikort_from_after: c.frikortFromAfter, cause });
        }
        for (const g of plan.frikortGranted) {
          inbox.push({ person_id, payload: { year, tak: g.tak, from: g.from }, dedupe_key: `frikort-granted:${year}:${g.tak}` });
        }
        if (plan.frikortGranted.length) notify.push(person_id);
        for (const p of plan.payoutInserts) {
          payoutInserts.push({ person_id, year, tak: p.tak, amount_ore: p.amountOre, status: p.status, status_reason: p.statusReason, account_number: p.accountNumber });
        }
        for (const u of plan.payoutUpdates) {
          payoutUpdates.push({ id: u.id, amount_ore: u.amountOre, status: u.status, status_reason: u.statusReason, account_number: u.accountNumber });
        }
      }
      if (status.length + changes.length + inbox.length + payoutInserts.length + payoutUpdates.length) {
        // 4. All the engine's writes in one statement (each CTE runs once, to completion).
        await t.q(sql`
          with s as (
            insert into frikort_status (person_id, year, tak, ceiling_ore, total_ore, over_ceiling_ore, frikort_from, computed_at)
            select person_id, year, tak, ceiling_ore, total_ore, over_ceiling_ore, frikort_from, now()
            from jsonb_to_recordset(${JSON.stringify(status)}::jsonb)
              as x(person_id uuid, year smallint, tak text, ceiling_ore integer, total_ore integer, over_ceiling_ore integer, frikort_from date)
            order by person_id, year, tak
            on conflict (person_id, year, tak) do update set ceiling_ore = excluded.ceiling_ore, total_ore = excluded.total_ore,
              over_ceiling_ore = excluded.over_ceiling_ore, frikort_from = excluded.frikort_from, computed_at = excluded.computed_at
          ), c as (
            insert into frikort_changes (person_id, year, tak, total_before, total_after, frikort_from_before, frikort_from_after, cause)
            select person_id, year, tak, total_before, total_after, frikort_from_before, frikort_from_after, cause
            from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
              as x(person_id uuid, year smallint, tak text, total_before integer, total_after integer, frikort_from_before date, frikort_from_after date, cause text)
          ), i as (
            insert into inbox_messages (person_id, kind, payload, dedupe_key)
            select person_id, 'frikort-granted', payload, dedupe_key
            from jsonb_to_recordset(${JSON.stringify(inbox)}::jsonb) as x(person_id uuid, payload jsonb, dedupe_key text)
            on conflict do nothing
          ), pi as (
            insert into payouts (person_id, year, tak, amount_ore, status, status_reason, account_number)
            select person_id, year, tak, amount_ore, status, status_reason, account_number
            from jsonb_to_recordset(${JSON.stringify(payoutInserts)}::jsonb)
              as x(person_id uuid, year smallint, tak text, amount_ore integer, status text, status_reason text, account_number varchar)
          ), pu as (
            update payouts p set amount_ore = x.amount_ore, status = x.status, status_reason = x.status_reason, account_number = x.account_number, updated_at = now()
            from jsonb_to_recordset(${JSON.stringify(payoutUpdates)}::jsonb)
              as x(id uuid, amount_ore integer, status text, status_reason text, account_number varchar)
            where p.id = x.id
          )
          select 1`,
          { commit: existingClaims.length === 0 },
        );
      }
    }

    // Answers for the new egenandeler, with their status from the engine's overview.
    for (const p of created) {
      const plan = overviews.get(`${p.personId}:${yearOf(p.input.serviceDate)}`);
      const row: Row = {
        id: p.id,
        personId: p.personId,
        providerOrgnr: p.orgnr,
        claimId: p.input.claimId,
        providerName: p.input.providerName,
        serviceDate: p.input.serviceDate,
        serviceType: p.input.serviceType,
        amountOre: p.input.amountOre,
        paid: p.input.paid,
        paidDate: p.paidDate,
        cancelledAt: null,
        registrationHash: p.hash,
        createdAt: new Date(),
      };
      const status = plan?.overview.lines.find((l) => l.id === p.id)?.status;
      const record = status ? recordOf(row, status) : await toRecord(await t.db(), row);
      stored.set(claimKey(p), { hash: p.hash, record });
      answers.set(p.index, { ok: true, value: { created: true, record } });
    }
    // Claim ids registered before (by an earlier request): the same body is answered 200, another 409.
    if (existingClaims.length) {
      const rows = rowsOf<{ id: string }>(
        await t.q(sql`
          select e.id::text as id from egenandeler e
          join jsonb_to_recordset(${JSON.stringify(existingClaims.map((p) => ({ o: p.orgnr, c: p.input.claimId })))}::jsonb) as x(o varchar, c text)
            on e.provider_orgnr = x.o and e.claim_id = x.c`),
      );
      const tx = await t.db();
      const full = rows.length ? await loadRows(tx, rows.map((r) => r.id)) : [];
      for (const p of existingClaims) {
        const existing = full.find((r) => r.providerOrgnr === p.orgnr && r.claimId === p.input.claimId);
        if (!existing) {
          answers.set(p.index, { ok: false, error: new RegisterError("conflict", "claimId") });
          continue;
        }
        const record = await toRecord(tx, existing);
        stored.set(claimKey(p), { hash: existing.registrationHash, record });
        if (existing.registrationHash !== p.hash) answers.set(p.index, { ok: false, error: new RegisterError("conflict", "claimId") });
        else answers.set(p.index, { ok: true, value: { created: false, record } });
      }
    }
  });

  // Followers, as if each came after its leader: the body of what is stored under the claim id
  // again is a retry (200 with that record), another body a conflict (409). With nothing stored
  // (the leader was refused), a follower with its own body is registered on its own.
  const again: Prepared[] = [];
  for (const f of followers) {
    const key = claimKey(f);
    const leader = leaders.get(key)!;
    const s = stored.get(key);
    if (s) {
      answers.set(f.index, s.hash === f.hash ? { ok: true, value: { created: false, record: s.record } } : { ok: false, error: new RegisterError("conflict", "claimId") });
    } else if (f.hash === leader.hash) {
      answers.set(f.index, answers.get(leader.index) ?? { ok: false, error: new Error("no outcome") });
    } else {
      again.push(f);
    }
  }
  return { answers, notify, again };
}

/** What kind of error, without its message. */
export function errorKind(err: unknown): { error: string; code?: string } {
  const code = (err as { code?: unknown })?.code;
  return { error: err instanceof Error ? err.name : typeof err, ...(typeof code === "string" ? { code } : {}) };
}

function claimKey(p: Prepared): string {
  return `${p.orgnr}\u0000${p.input.claimId}`;
}

function parseJson<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

async function loadRows(tx: Db, ids: string[]): Promise<Row[]> {
  return tx.select().from(egenandeler).where(inArray(egenandeler.id, ids));
}

/** A batch's transaction: statements, and the chance to send COMMIT with the last one. */
interface BatchTx {
  q(statement: SQL, opts?: { commit?: boolean }): Promise<unknown>;
  /** Drizzle on the same connection, for the rare paths (an earlier claim id). */
  db(): Promise<Db>;
}

interface PgPoolLike {
  totalCount: number;
  connect(): Promise<{ query(text: string): Promise<unknown>; release(err?: Error | boolean): void }>;
}

const dialect = new PgDialect();

/**
 * Runs a batch in one transaction. On a PostgreSQL server, BEGIN goes out with the first statement
 * and COMMIT with the last (simple query protocol, several statements in one message), so a batch
 * costs two round trips fewer; the statements' parameters are then sent as dollar-quoted literals.
 * On PGlite (embedded, one connection) it is an ordinary drizzle transaction.
 */
async function inTransaction(db: Db, fn: (t: BatchTx) => Promise<void>): Promise<void> {
  const pool = (db as unknown as { $client?: Partial<PgPoolLike> }).$client;
  if (!pool || typeof pool.totalCount !== "number" || typeof pool.connect !== "function") {
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await fn({ q: (s) => tx.execute(s), db: async () => tx });
    });
    return;
  }
  const conn = await (pool as PgPoolLike).connect();
  let begun = false;
  let committed = false;
  let txDb: Db | null = null;
  try {
    await fn({
      async q(statement, opts) {
        if (committed) throw new Error("statement after commit");
        const prefix = begun ? "" : "begin;\n";
        begun = true;
        const text = prefix + inlineParams(statement) + (opts?.commit ? ";\ncommit" : "");
        const res = await conn.query(text);
        if (opts?.commit) committed = true;
        const results = Array.isArray(res) ? res : [res];
        return results[prefix ? 1 : 0];
      },
      async db() {
        if (!txDb) {
          if (!begun) {
            await conn.query("begin");
            begun = true;
          }
          const { drizzle } = await import("drizzle-orm/node-postgres");
          const schema = await import("~/db/schema");
          txDb = drizzle(conn as never, { schema }) as unknown as Db;
        }
        return txDb;
      },
    });
    if (begun && !committed) await conn.query("commit");
    conn.release();
  } catch (err) {
    if (begun && !committed) {
      try {
        await conn.query("rollback");
      } catch {
        conn.release(true);
        throw err;
      }
    }
    conn.release();
    throw err;
  }
}

function inlineParams(statement: SQL): string {
  const q = dialect.sqlToQuery(statement);
  return q.sql.replace(/\$(\d+)/g, (_m, n: string) => literal(q.params[Number(n) - 1]));
}

/** A parameter as an SQL literal: numbers and booleans as such, text dollar-quoted with a tag it cannot end early. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  const text = String(v);
  let tag = "fp";
  // The literal ends at the first "$tag$" after its start; it must be the one we put at the end.
  while ((text + "$" + tag + "$").indexOf("$" + tag + "$") < text.length) tag = `fp${randomBytes(4).toString("hex")}`;
  return `$${tag}$${text}$${tag}$`;
}
