/**
 * The register's one writer: the only module that inserts into `egenandeler` and
 * `egenandel_events`. It loads what the planner (domain/register.ts) needs under the persons'
 * locks, and applies the planner's plan with set-based statements, so a batch of 200 costs the
 * same three statements as a batch of one:
 *
 *   1. lock the persons (sorted by id, FOR NO KEY UPDATE), creating the ones not known yet;
 *   2. read the claims the requests name and every person-year they touch (rows, stored frikort
 *      status, open and paid payouts) in one query;
 *   3. write the plan — providers, egenandeler, their updates and events, the engine's statuses,
 *      audit rows, inbox messages and payouts — in one statement (on a server with COMMIT, or, for
 *      the claims, at the head of the transaction's next message: `writeLater`).
 *
 * A claim id registered by another transaction between 2 and 3 makes statement 3 fail with a
 * unique violation (nothing is written); the caller runs the whole thing again, and then sees it.
 * See docs/decisions/0013-one-register-writer.md.
 */
import { createHash, randomBytes, randomFillSync } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import type { StoredPayout, StoredStatus } from "~/domain/person-year";
import {
  claimKeyOf,
  claimKeysOf,
  type PersonRef,
  type PersonState,
  personYearsOf,
  type PersonYearState,
  type RegisterPlan,
  type RegisterRequest,
  type RegisterState,
  type StoredClaim,
  yearKey,
} from "~/domain/register";
import type { EgenandelRow, Fnr, IsoDate, Ore, ServiceType } from "~/kernel/types";

/** Time-ordered ids (UUIDv7, RFC 9562): new egenandeler append to the primary-key index. */
const idPool = Buffer.alloc(16 * 256);
let idPoolAt = idPool.length;
export function uuidv7(now = Date.now()): string {
  if (idPoolAt + 16 > idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const b = idPool.subarray(idPoolAt, idPoolAt + 16);
  idPoolAt += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function parseJson<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/** A transaction of the writer: statements, and the chance to send COMMIT with the last one. */
export interface WriterTx {
  q(statement: SQL, opts?: { commit?: boolean; prepared?: string }): Promise<unknown>;
  /**
   * On a server: a statement whose result nobody reads, sent at the head of the transaction's next message (or with
   * its COMMIT), so it costs no round trip of its own. Its error, if any, is thrown by the call that sends that message,
   * and fails the transaction. One statement only: the next call's results are counted past one result for it.
   */
  defer?(statement: SQL, opts?: { prepared?: string }): Promise<void>;
  /**
   * On a server: statements in one message (each PREPAREd when labelled, each one statement), every one's result in order;
   * absent on PGlite and in a caller's transaction (`inOneMessage` then runs them one call each).
   */
  many?(parts: readonly Statement[]): Promise<unknown[]>;
}

/** A statement of the writer's, PREPAREd on the connection under `prepared` when given. */
export interface Statement {
  statement: SQL;
  prepared?: string;
}

/**
 * Statements one after another in the writer's transaction, each seeing what the ones before it did and committed (e.g. a
 * lock, then a read: each statement of a message gets its own snapshot): on a server one message (one round trip), else
 * one call each. Every one's result, in order.
 */
export async function inOneMessage(t: WriterTx, parts: readonly Statement[]): Promise<unknown[]> {
  if (t.many) return t.many(parts);
  const out: unknown[] = [];
  for (const p of parts) out.push(await t.q(p.statement, { prepared: p.prepared }));
  return out;
}

/**
 * A write whose result the caller does not need: on a server it goes with the transaction's next message
 * (`WriterTx.defer`), elsewhere it runs now. Either way it runs before any later statement of the transaction.
 */
export async function writeLater(t: WriterTx, statement: SQL, opts?: { prepared?: string }): Promise<void> {
  if (t.defer) await t.defer(statement, opts);
  else await t.q(statement, opts);
}

interface PgConnLike {
  query(text: string): Promise<unknown>;
  release(err?: Error | boolean): void;
}

interface PgPoolLike {
  totalCount: number;
  connect(): Promise<PgConnLike>;
}

/**
 * The statements PREPAREd on a pooled connection (a prepared statement lives as long as its session),
 * kept on the connection object under a registry symbol: the server process holds two copies of this
 * module on one pool (the API router imported from source by server/main.ts, the Remix build's bundle),
 * and a set private to each copy let one PREPARE a name the other had prepared already (42P05).
 */
const PREPARED = Symbol.for("frikortportalen.preparedStatements");
type ConnWithPrepared = PgConnLike & { [PREPARED]?: Set<string> };

/**
 * `execute name(literals)` for a statement whose text does not change between calls, PREPAREd on this
 * connection the first time (one round trip, once per connection): PostgreSQL then plans it once
 * (a generic plan after five runs) instead of on every call. Planning the risk signals' write was 2.2 ms
 * of a claim's ~6 ms (EXPLAIN ANALYZE, 20k patients); executing it 0.3 ms.
 */
async function preparedText(conn: PgConnLike, label: string, statement: SQL): Promise<string> {
  const q = dialect.sqlToQuery(statement);
  const name = `${label.replace(/[^a-z0-9_]/gi, "_")}_${createHash("sha1").update(q.sql).digest("hex").slice(0, 12)}`;
  const c = conn as ConnWithPrepared;
  const names = (c[PREPARED] ??= new Set());
  if (!names.has(name)) {
    try {
      await conn.query(`prepare ${name} as ${q.sql}`);
    } catch (err) {
      // The name carries a hash of the text: a statement of that name on this session is this one.
      if ((err as { code?: string }).code !== "42P05") throw err;
    }
    names.add(name);
  }
  return q.params.length ? `execute ${name}(${q.params.map(literal).join(", ")})` : `execute ${name}`;
}

const dialect = new PgDialect();

function serverPool(db: Db): PgPoolLike | null {
  const pool = (db as unknown as { $client?: Partial<PgPoolLike> }).$client;
  return pool && typeof pool.totalCount === "number" && typeof pool.connect === "function" ? (pool as PgPoolLike) : null;
}

/** A PostgreSQL server's pool (not PGlite, not a caller's transaction): statements may then share one message. */
export function onDatabaseServer(db: Db): boolean {
  return serverPool(db) !== null;
}

/**
 * Runs the writer's statements in one transaction. On a PostgreSQL server, BEGIN goes out with the
 * first statement and COMMIT with the last (simple query protocol, several statements in one
 * message), so a batch costs two round trips fewer; the statements' parameters are then sent as
 * dollar-quoted literals. On PGlite (embedded, one connection), and inside a caller's transaction,
 * it is an ordinary drizzle transaction.
 */
export async function inWriterTransaction<T>(db: Db, fn: (t: WriterTx) => Promise<T>): Promise<T> {
  const pool = serverPool(db);
  if (!pool) {
    return db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      return fn({ q: (s) => tx.execute(s) });
    });
  }
  const conn = await pool.connect();
  let begun = false;
  let committed = false;
  // Deferred statements (`defer`), sent at the head of the next message.
  const pending: string[] = [];
  // A statement's PREPARE (the first time on this connection) must go before it in a message of its own.
  const textOf = (statement: SQL, prepared?: string) => (prepared ? preparedText(conn, prepared, statement) : Promise.resolve(inlineParams(statement)));
  /** Sends BEGIN (the first time), the deferred statements, `body` and COMMIT (when asked) in one message; the results from `body`'s on. */
  const send = async (body: string | null, commit: boolean): Promise<unknown[]> => {
    if (committed) throw new Error("statement after commit");
    const head = [...(begun ? [] : ["begin"]), ...pending.splice(0)];
    begun = true;
    const res = await conn.query([...head, ...(body === null ? [] : [body]), ...(commit ? ["commit"] : [])].join(";\n"));
    if (commit) committed = true;
    return (Array.isArray(res) ? res : [res]).slice(head.length);
  };
  try {
    const out = await fn({
      async q(statement, opts) {
        return (await send(await textOf(statement, opts?.prepared), opts?.commit === true))[0];
      },
      async many(parts) {
        const bodies: string[] = [];
        for (const p of parts) bodies.push(await textOf(p.statement, p.prepared));
        return (await send(bodies.join(";\n"), false)).slice(0, parts.length);
      },
      async defer(statement, opts) {
        if (committed) throw new Error("statement after commit");
        pending.push(await textOf(statement, opts?.prepared));
      },
    });
    if (pending.length || (begun && !committed)) await send(null, true);
    conn.release();
    return out;
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

/** The writer's statements on a transaction the caller holds already (a case decision, the seed). */
export function writerTxOf(tx: Db): WriterTx {
  return { q: (s) => tx.execute(s) };
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

interface PersonRow {
  id: string;
  fnr: string;
  birth_date: IsoDate | null;
  payout_account: string | null;
  payout_iban: string | null;
  payout_bic: string | null;
  reserved: boolean;
}

/** Statement 1: lock the persons the requests name (by id or fødselsnummer), creating unknown numbers. */
async function lockPersons(t: WriterTx, fnrRefs: Array<{ fnr: Fnr; birthDate: string | null }>, ids: string[]): Promise<PersonRow[]> {
  const fnrs = [...new Map(fnrRefs.map((r) => [r.fnr, r])).values()].sort((a, b) => (a.fnr < b.fnr ? -1 : 1));
  const idList = [...new Set(ids)];
  if (!fnrs.length && !idList.length) return [];
  const found = rowsOf<PersonRow>(
    await t.q(
      sql`
      with x as (
        select * from jsonb_to_recordset(${JSON.stringify(fnrs.map((r) => ({ fnr: r.fnr, birth_date: r.birthDate })))}::jsonb) as x(fnr varchar, birth_date date)
      ), locked as (
        select id, fnr, birth_date, payout_account, payout_iban, payout_bic, reserved_at from persons
        where id in (
          -- two index lookups, not one OR over both columns (which is a scan of every person)
          select p.id from persons p where p.fnr in (select fnr from x)
          union all
          select jsonb_array_elements_text(${JSON.stringify(idList)}::jsonb)::uuid
        )
        order by id for no key update
      ), ins as (
        insert into persons (fnr, name, birth_date)
        select x.fnr, null, x.birth_date from x where not exists (select 1 from locked l where l.fnr = x.fnr)
        order by x.fnr
        on conflict (fnr) do nothing
        returning id, fnr, birth_date, payout_account, payout_iban, payout_bic, reserved_at
      )
      select id::text as id, fnr, birth_date::text as birth_date, payout_account, payout_iban, payout_bic, reserved_at is not null as reserved from locked
      union all
      select id::text, fnr, birth_date::text, payout_account, payout_iban, payout_bic, reserved_at is not null from ins`,
      { prepared: "register_lock" },
    ),
  );
  // A person created by another transaction after this statement's snapshot: lock it in a second one (rare).
  const known = new Set(found.map((p) => p.fnr));
  const raced = fnrs.map((r) => r.fnr).filter((f) => !known.has(f));
  if (raced.length) {
    found.push(
      ...rowsOf<PersonRow>(
        await t.q(sql`
          select id::text as id, fnr, birth_date::text as birth_date, payout_account, payout_iban, payout_bic, reserved_at is not null as reserved
          from persons where fnr in (select jsonb_array_elements_text(${JSON.stringify(raced)}::jsonb))
          order by id for no key update`),
      ),
    );
  }
  return found;
}

interface ClaimJson {
  id: string;
  personId: string;
  orgnr: string;
  claimId: string;
  providerName: string;
  serviceDate: IsoDate;
  serviceType: string;
  amountOre: Ore;
  paid: boolean;
  paidDate: IsoDate | null;
  cancelled: boolean;
  hash: string | null;
}

/**
 * Loads what planRegisterChanges needs, under the locks of every person whose egenandeler the
 * requests may change. Run inside the transaction that applies the plan.
 */
export async function loadRegisterState(t: WriterTx, requests: readonly RegisterRequest[]): Promise<RegisterState> {
  return (await loadRegisterStateWith(t, requests, () => null)).state;
}

/**
 * The register state, and the result of one more statement of the caller's built from the persons' ids (known once
 * they are locked), sent in the same message as the state's read (one round trip fewer; the claims' controls' history).
 */
export async function loadRegisterStateWith(
  t: WriterTx,
  requests: readonly RegisterRequest[],
  also: (personIdByFnr: ReadonlyMap<string, string>) => Statement | null,
): Promise<{ state: RegisterState; also: unknown }> {
  const keys = claimKeysOf(requests);
  // A change names a claim, not a person: find whose it is first (a claim never changes person).
  const changeKeys = requests.flatMap((r) => (r.op === "correct" || r.op === "pay" || r.op === "cancel" ? [r.key] : []));
  const owners = changeKeys.length
    ? rowsOf<{ person_id: string }>(
        await t.q(sql`
          select distinct e.person_id::text as person_id from egenandeler e
          join jsonb_to_recordset(${JSON.stringify(changeKeys.map((k) => ({ o: k.orgnr, c: k.claimId })))}::jsonb) as x(o varchar, c text)
            on e.provider_orgnr = x.o and e.claim_id = x.c`),
      ).map((r) => r.person_id)
    : [];
  const refs: PersonRef[] = requests.flatMap((r) => (r.op === "register" ? [r.person] : r.op === "recompute" ? [{ personId: r.personId }] : []));
  const fnrRefs = refs.flatMap((r) => ("fnr" in r ? [r] : []));
  const ids = [...refs.flatMap((r) => ("personId" in r ? [r.personId] : [])), ...owners];
  const personRows = await lockPersons(t, fnrRefs, ids);
  const persons = new Map<string, PersonState>();
  const personIdByFnr = new Map<string, string>();
  for (const p of personRows) {
    persons.set(p.id, {
      id: p.id,
      birthDate: p.birth_date,
      payoutAccount: p.payout_account,
      foreignAccount: p.payout_iban && p.payout_bic ? { iban: p.payout_iban, bic: p.payout_bic } : null,
      reserved: p.reserved,
    });
    personIdByFnr.set(p.fnr, p.id);
  }

  // Statement 2: the named claims, and every person-year the requests or those claims touch.
  const years = personYearsOf(requests, personIdByFnr);
  type Out = { kind: "c" | "k"; claim: unknown; person_id: string | null; year: number | null; rows: unknown; status: unknown; payouts: unknown };
  const extra = also(personIdByFnr);
  const [loaded, alsoResult] = await inOneMessage(t, [
    {
      statement: sql`
      with ck as (
        select * from jsonb_to_recordset(${JSON.stringify(keys.map((k) => ({ o: k.orgnr, c: k.claimId })))}::jsonb) as x(o varchar, c text)
      ), c as (
        select e.* from egenandeler e join ck on e.provider_orgnr = ck.o and e.claim_id = ck.c
      ), k as (
        select y.person_id, y.year from jsonb_to_recordset(${JSON.stringify(years.map((y) => ({ person_id: y.personId, year: y.year })))}::jsonb) as y(person_id uuid, year integer)
        union
        select c.person_id, extract(year from c.service_date)::integer from c
      )
      select 'c' as kind,
        json_build_object('id', c.id, 'personId', c.person_id, 'orgnr', c.provider_orgnr, 'claimId', c.claim_id, 'providerName', c.provider_name,
          'serviceDate', c.service_date, 'serviceType', c.service_type, 'amountOre', c.amount_ore, 'paid', c.paid, 'paidDate', c.paid_date,
          'cancelled', c.cancelled_at is not null, 'hash', c.registration_hash) as claim,
        null::text as person_id, null::integer as year, null::json as rows, null::json as status, null::json as payouts
      from c
      union all
      select 'k', null, k.person_id::text, k.year,
        coalesce((select json_agg(json_build_object('id', s.id, 'serviceDate', s.service_date, 'serviceType', s.service_type, 'amountOre', s.amount_ore,
                    'providerName', s.provider_name, 'paid', s.paid, 'paidDate', s.paid_date, 'cancelled', s.cancelled_at is not null) order by s.service_date, s.id)
                  from egenandeler s where s.person_id = k.person_id and s.service_date >= make_date(k.year, 1, 1) and s.service_date <= make_date(k.year, 12, 31)), '[]'::json),
        coalesce((select json_agg(json_build_object('tak', f.tak, 'ceilingOre', f.ceiling_ore, 'totalOre', f.total_ore, 'overCeilingOre', f.over_ceiling_ore, 'frikortFrom', f.frikort_from))
                  from frikort_status f where f.person_id = k.person_id and f.year = k.year), '[]'::json),
        coalesce((select json_agg(json_build_object('id', p.id, 'tak', p.tak, 'amountOre', p.amount_ore, 'status', p.status, 'statusReason', p.status_reason, 'accountNumber', p.account_number, 'iban', p.iban, 'bic', p.bic) order by p.created_at)
                  from payouts p where p.person_id = k.person_id and p.year = k.year and p.kind = 'frikort-refund' and p.status in ('paid', 'pending', 'withheld')
                    -- a granted application's refund rests on its receipts, not on the register: the engine leaves it alone (ADR 0017)
                    and not exists (select 1 from frikort_grants g where g.payout_id = p.id)), '[]'::json)
      from k`,
      prepared: "register_load",
    },
    ...(extra ? [extra] : []),
  ]);
  const out = rowsOf<Out>(loaded);
  const claims = new Map<string, StoredClaim>();
  const personYears = new Map<string, PersonYearState>();
  for (const r of out) {
    if (r.kind === "c") {
      const c = parseJson<ClaimJson>(r.claim);
      claims.set(claimKeyOf(c), { ...c, serviceType: c.serviceType as ServiceType });
    } else {
      personYears.set(yearKey(r.person_id!, Number(r.year)), {
        rows: parseJson<EgenandelRow[]>(r.rows),
        status: parseJson<StoredStatus[]>(r.status),
        payouts: parseJson<StoredPayout[]>(r.payouts),
      });
    }
  }
  return { state: { persons, personIdByFnr, claims, years: personYears }, also: alsoResult };
}

/** Whether applying the plan writes anything. */
export function planWrites(plan: RegisterPlan): boolean {
  return plan.inserts.length + plan.updates.length + plan.providers.length > 0 || plan.years.some((y) => hasYearWrites(y.plan));
}

function hasYearWrites(p: RegisterPlan["years"][number]["plan"]): boolean {
  return p.statusUpserts.length + p.changes.length + p.frikortGranted.length + p.payoutInserts.length + p.payoutUpdates.length > 0;
}

/** Statement 3: every write of the plan, in one statement (each CTE runs once, to completion). */
export async function applyRegisterPlan(t: WriterTx, plan: RegisterPlan, opts: { commit?: boolean; later?: boolean } = {}): Promise<void> {
  const inserts = plan.inserts.map((c) => ({
    id: c.id,
    person_id: c.personId,
    provider_orgnr: c.orgnr,
    claim_id: c.claimId,
    provider_name: c.providerName,
    service_date: c.serviceDate,
    service_type: c.serviceType,
    amount_ore: c.amountOre,
    paid: c.paid,
    paid_date: c.paidDate,
    cancelled: c.cancelled,
    registration_hash: c.hash,
  }));
  const updates = plan.updates.map((u) => ({ id: u.id, amount_ore: u.amountOre, paid: u.paid, paid_date: u.paidDate, cancel: u.cancel }));
  const events = plan.events.map((e, n) => ({
    n,
    egenandel_id: e.egenandelId,
    person_id: e.personId,
    kind: e.kind,
    provider_orgnr: e.providerOrgnr,
    source: e.source,
    source_ref: e.sourceRef,
    before: e.before,
    after: e.after,
    reason: e.reason,
  }));
  const status: unknown[] = [];
  const changes: unknown[] = [];
  const inbox: unknown[] = [];
  const payoutInserts: unknown[] = [];
  const payoutUpdates: unknown[] = [];
  for (const { personId: person_id, year, cause, plan: p } of plan.years) {
    for (const s of p.statusUpserts) {
      status.push({ person_id, year, tak: s.tak, ceiling_ore: s.ceilingOre, total_ore: s.totalOre, over_ceiling_ore: s.overCeilingOre, frikort_from: s.frikortFrom });
    }
    for (const c of p.changes) {
      changes.push({
        person_id,
        year,
        tak: c.tak,
        total_before: c.totalBefore,
        total_after: c.totalAfter,
        frikort_from_before: c.frikortFromBefore,
        frikort_from_after: c.frikortFromAfter,
        cause,
      });
    }
    for (const g of p.frikortGranted) inbox.push({ person_id, payload: { year, tak: g.tak, from: g.from }, dedupe_key: `frikort-granted:${year}:${g.tak}` });
    for (const x of p.payoutInserts) {
      payoutInserts.push({
        person_id,
        year,
        tak: x.tak,
        amount_ore: x.amountOre,
        status: x.status,
        status_reason: x.statusReason,
        account_number: x.accountNumber,
        iban: x.iban,
        bic: x.bic,
      });
    }
    for (const u of p.payoutUpdates) {
      payoutUpdates.push({ id: u.id, amount_ore: u.amountOre, status: u.status, status_reason: u.statusReason, account_number: u.accountNumber, iban: u.iban, bic: u.bic });
    }
  }
  const statement = sql`
      with pr as (
        insert into providers (orgnr, name)
        select orgnr, name from jsonb_to_recordset(${JSON.stringify(plan.providers)}::jsonb) as x(orgnr varchar, name text)
        on conflict (orgnr) do nothing
      ), e as (
        insert into egenandeler (id, person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore, paid, paid_date, cancelled_at, registration_hash)
        select id, person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore, paid, paid_date,
          case when cancelled then now() end, registration_hash
        from jsonb_to_recordset(${JSON.stringify(inserts)}::jsonb) as x(
          id uuid, person_id uuid, provider_orgnr varchar, claim_id text, provider_name text, service_date date, service_type text,
          amount_ore integer, paid boolean, paid_date date, cancelled boolean, registration_hash varchar)
        order by provider_orgnr, claim_id
      ), u as (
        update egenandeler g set amount_ore = x.amount_ore, paid = x.paid, paid_date = x.paid_date,
          cancelled_at = case when x.cancel then coalesce(g.cancelled_at, now()) else g.cancelled_at end
        from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id uuid, amount_ore integer, paid boolean, paid_date date, cancel boolean)
        where g.id = x.id
      ), ev as (
        insert into egenandel_events (egenandel_id, person_id, kind, provider_orgnr, source, source_ref, before, after, reason)
        select egenandel_id, person_id, kind, provider_orgnr, source, source_ref, before, after, reason
        from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(
          n integer, egenandel_id uuid, person_id uuid, kind text, provider_orgnr varchar, source text, source_ref text, before jsonb, after jsonb, reason text)
        order by n
      ), s as (
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
        insert into payouts (person_id, year, tak, amount_ore, status, status_reason, account_number, iban, bic)
        select person_id, year, tak, amount_ore, status, status_reason, account_number, iban, bic
        from jsonb_to_recordset(${JSON.stringify(payoutInserts)}::jsonb)
          as x(person_id uuid, year smallint, tak text, amount_ore integer, status text, status_reason text, account_number varchar, iban varchar, bic varchar)
      ), pu as (
        update payouts p set amount_ore = x.amount_ore, status = x.status, status_reason = x.status_reason, account_number = x.account_number, iban = x.iban, bic = x.bic, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(payoutUpdates)}::jsonb)
          as x(id uuid, amount_ore integer, status text, status_reason text, account_number varchar, iban varchar, bic varchar)
        where p.id = x.id
      )
      select 1`;
  // With `later`, it goes with the transaction's next statement (the caller reads nothing from it).
  if (opts.later && !opts.commit) await writeLater(t, statement, { prepared: "register_apply" });
  else await t.q(statement, { commit: opts.commit, prepared: "register_apply" });
}
