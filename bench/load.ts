/**
 * Bulk load for the benchmarks: a fresh database fp_bench_<N> with N residents × 20 egenandeler,
 * loaded with SQL (not through the API), plus frikort_status and payouts computed in SQL the way
 * the engine would, spot-checked against computeYearOverview.
 *
 *   node_modules/.bin/tsx bench/load.ts 100000        (also 10k, 1M)
 *
 * Data: residents born 1940–1999 (adults), egenandeler with service dates spread evenly over
 * 2025-01-01 .. today, amounts 50–650 kr, 95 % paid, over 3 providers, inserted round by round
 * (egenandel 1 of every resident, then 2, ...) so a person's rows are spread over the table as
 * they would be in a register filled over time. One extra resident ("heavy") gets exactly 200
 * egenandeler in the current year, for the overview page benchmark.
 */
import pg from "pg";
import { openDatabase } from "../app/db/client.server";
import { computeYearOverview } from "../app/domain/overview";
import type { IsoDate, Ore, ServiceType } from "../app/kernel/types";
import { benchDbName, benchDbUrl, benchOrgnrs, benchToday, ceilingValuesSql, isoToDay, parseSize, PG_BASE, prng, residents, yearTaksValuesSql } from "./lib";

const PER_RESIDENT = 20;
const FIRST_SERVICE_DATE = "2025-01-01";
const HEAVY_ROWS = 200;

const size = parseSize(process.argv[2]);
const dbName = benchDbName(size);
const url = benchDbUrl(size);
const today = benchToday();
const thisYear = Number(today.slice(0, 4));
const t00 = performance.now();

function secs(t0: number) {
  return (performance.now() - t0) / 1000;
}
function rate(n: number, s: number) {
  return `${Math.round(n / s).toLocaleString("en-US")}/s`;
}
function step(msg: string) {
  process.stdout.write(`[${secs(t00).toFixed(1).padStart(7)} s] ${msg}\n`);
}

async function main() {
  step(`load ${size.toLocaleString("en-US")} residents × ${PER_RESIDENT} egenandeler into ${dbName} (today ${today})`);
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();

  let t = performance.now();
  const database = await openDatabase({ kind: "postgres", url, max: 2 });
  await database.close();
  step(`migrations applied (${secs(t).toFixed(1)} s)`);

  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("set synchronous_commit = off");
  await c.query("set maintenance_work_mem = '2GB'");
  await c.query("set work_mem = '512MB'");
  await c.query("set max_parallel_maintenance_workers = 2");

  // --- providers and residents
  const orgnrs = benchOrgnrs(3);
  for (const [i, o] of orgnrs.entries()) {
    await c.query("insert into providers (orgnr, name) values ($1, $2) on conflict do nothing", [o, `Bench helse ${i + 1} AS`]);
  }
  await c.query(`create table bench_persons (seq integer primary key, fnr varchar(11) not null, birth_date date not null,
                 person_id uuid not null default gen_random_uuid())`);
  await c.query("create table bench_meta (key text primary key, value text not null)");

  t = performance.now();
  const BATCH = 20_000;
  let seqs: number[] = [];
  let fnrs: string[] = [];
  let births: string[] = [];
  const flush = async () => {
    if (!seqs.length) return;
    await c.query("insert into bench_persons (seq, fnr, birth_date) select * from unnest($1::int[], $2::varchar[], $3::date[])", [seqs, fnrs, births]);
    seqs = [];
    fnrs = [];
    births = [];
  };
  for (const r of residents(size + 1)) {
    seqs.push(r.seq);
    fnrs.push(r.fnr);
    births.push(r.birthDate);
    if (seqs.length >= BATCH) await flush();
  }
  await flush();
  await c.query(
    `insert into persons (id, fnr, name, birth_date)
     select person_id, fnr, case when seq = $1 then 'Bench heavy ${HEAVY_ROWS}' else 'Bench resident ' || seq end, birth_date
     from bench_persons order by seq`,
    [size],
  );
  const personsSecs = secs(t);
  step(`persons: ${(size + 1).toLocaleString("en-US")} in ${personsSecs.toFixed(1)} s (${rate(size + 1, personsSecs)})`);

  // --- egenandeler: drop indexes and constraints, insert, rebuild
  const own = await c.query<{ conname: string; def: string; tbl: string; contype: string }>(
    `select conname, pg_get_constraintdef(oid) as def, conrelid::regclass::text as tbl, contype from pg_constraint
     where (conrelid = 'egenandeler'::regclass and contype in ('p','f')) or (confrelid = 'egenandeler'::regclass and contype = 'f')`,
  );
  const idx = await c.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'egenandeler'
     and indexname not in (select conname from pg_constraint where conrelid = 'egenandeler'::regclass)`,
  );
  const referencing = own.rows.filter((r) => r.tbl !== "egenandeler");
  const ownFks = own.rows.filter((r) => r.tbl === "egenandeler" && r.contype === "f");
  const pk = own.rows.filter((r) => r.tbl === "egenandeler" && r.contype === "p");
  for (const r of [...referencing, ...ownFks, ...pk]) await c.query(`alter table ${r.tbl} drop constraint ${r.conname}`);
  for (const r of idx.rows) await c.query(`drop index ${r.indexname}`);

  const span = isoToDay(today) - isoToDay(FIRST_SERVICE_DATE) + 1;
  const types = "(array['lege','psykolog','poliklinikk','radiologi','laboratorium','pasientreiser','legemidler','fysioterapi','tannbehandling','opptrening','behandlingsreise'])";
  const orgArr = `array[${orgnrs.map((o) => `'${o}'`).join(",")}]`;
  await c.query("select setseed(0.42)");
  t = performance.now();
  for (let round = 1; round <= PER_RESIDENT; round++) {
    const tr = performance.now();
    await c.query(
      `insert into egenandeler (id, person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore, paid, paid_date)
       select gen_random_uuid(), person_id, (${orgArr})[1 + (seq + $1) % 3], 'L' || seq || '-' || $1, 'Bench helse ' || (1 + (seq + $1) % 3) || ' AS',
              d, ${types}[1 + floor(random() * 11)::int], (50 + floor(random() * 601)::int) * 100, p, case when p then d end
       from (select seq, person_id, date '${FIRST_SERVICE_DATE}' + floor(random() * ${span})::int as d, random() < 0.95 as p
             from bench_persons where seq < $2) x`,
      [round, size],
    );
    if (round === 1 || round % 5 === 0) step(`  egenandeler round ${round}/${PER_RESIDENT}: ${rate(size, secs(tr))}`);
  }
  // The heavy resident: exactly HEAVY_ROWS egenandeler this year, all paid.
  const yearStart = `${thisYear}-01-01`;
  const yearSpan = isoToDay(today) - isoToDay(yearStart) + 1;
  await c.query(
    `insert into egenandeler (id, person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore, paid, paid_date)
     select gen_random_uuid(), b.person_id, $1, 'H-' || g, 'Bench helse 1 AS', date '${yearStart}' + (g * ${yearSpan} / ${HEAVY_ROWS + 1}),
            ${types}[1 + g % 11], (50 + g * 7 % 600) * 100, true, date '${yearStart}' + (g * ${yearSpan} / ${HEAVY_ROWS + 1})
     from bench_persons b, generate_series(1, ${HEAVY_ROWS}) g where b.seq = $2`,
    [orgnrs[0], size],
  );
  const rows = size * PER_RESIDENT + HEAVY_ROWS;
  const insertSecs = secs(t);
  step(`egenandeler: ${rows.toLocaleString("en-US")} rows inserted in ${insertSecs.toFixed(1)} s (${rate(rows, insertSecs)}) without indexes`);

  t = performance.now();
  for (const r of pk) await c.query(`alter table ${r.tbl} add constraint ${r.conname} ${r.def}`);
  for (const r of idx.rows) await c.query(r.indexdef);
  for (const r of [...ownFks, ...referencing]) await c.query(`alter table ${r.tbl} add constraint ${r.conname} ${r.def}`);
  const indexSecs = secs(t);
  step(`egenandeler: primary key, ${idx.rows.length} indexes and ${ownFks.length + referencing.length} foreign keys rebuilt in ${indexSecs.toFixed(1)} s`);

  // --- frikort_status as the engine computes it: per person, year and tak, paid and
  // non-cancelled rows summed in (service_date, id) order; frikort from the first crossing.
  t = performance.now();
  await c.query(`
    with cm (year, service_type, tak, ceiling_ore, minimum_ore) as (values ${ceilingValuesSql()}),
    yt (year, tak) as (values ${yearTaksValuesSql()}),
    ceil as (select distinct year, tak, ceiling_ore from cm),
    e as (
      select e.person_id, cm.year, cm.tak, cm.ceiling_ore, e.service_date,
             (e.paid and e.cancelled_at is null) as counts,
             case when e.paid and e.cancelled_at is null then e.amount_ore else 0 end as amount,
             sum(case when e.paid and e.cancelled_at is null then e.amount_ore else 0 end)
               over (partition by e.person_id, cm.year, cm.tak order by e.service_date, e.id rows between unbounded preceding and current row) as running
      from egenandeler e
      join cm on cm.year = extract(year from e.service_date)::int and cm.service_type = e.service_type
    ),
    agg as (
      select person_id, year, tak, sum(amount)::int as total, min(service_date) filter (where counts and running >= ceiling_ore) as frikort_from
      from e group by person_id, year, tak
    ),
    py as (select distinct person_id, year from agg)
    insert into frikort_status (person_id, year, tak, ceiling_ore, total_ore, over_ceiling_ore, frikort_from)
    select py.person_id, py.year, yt.tak, ceil.ceiling_ore, coalesce(a.total, 0), greatest(0, coalesce(a.total, 0) - ceil.ceiling_ore), a.frikort_from
    from py join yt on yt.year = py.year join ceil on ceil.year = yt.year and ceil.tak = yt.tak
    left join agg a on a.person_id = py.person_id and a.year = py.year and a.tak = yt.tak`);
  const statusSecs = secs(t);
  const [{ n: statusRows }] = (await c.query<{ n: number }>("select count(*)::int as n from frikort_status")).rows as [{ n: number }];

  // Open payouts as reconcilePayout would leave them (nothing has been paid out yet).
  t = performance.now();
  await c.query(`
    with mins (year, minimum_ore) as (select distinct year, minimum_ore from (values ${ceilingValuesSql()}) cm (year, service_type, tak, ceiling_ore, minimum_ore))
    insert into payouts (person_id, year, tak, amount_ore, status, status_reason, account_number)
    select s.person_id, s.year, s.tak, s.over_ceiling_ore,
           case when s.over_ceiling_ore < m.minimum_ore or p.reserved_at is not null or p.payout_account is null then 'withheld' else 'pending' end,
           case when s.over_ceiling_ore < m.minimum_ore then 'below-minimum' when p.reserved_at is not null then 'reserved'
                when p.payout_account is null then 'no-account' end,
           p.payout_account
    from frikort_status s join persons p on p.id = s.person_id join mins m on m.year = s.year
    where s.over_ceiling_ore > 0`);
  const payoutSecs = secs(t);
  const [{ n: payoutRows }] = (await c.query<{ n: number }>("select count(*)::int as n from payouts")).rows as [{ n: number }];
  const [{ n: withFrikort }] = (await c.query<{ n: number }>("select count(*)::int as n from frikort_status where frikort_from is not null")).rows as [{ n: number }];
  step(
    `frikort_status: ${statusRows.toLocaleString("en-US")} rows (${withFrikort.toLocaleString("en-US")} with a frikort) in ${statusSecs.toFixed(1)} s; payouts: ${payoutRows.toLocaleString("en-US")} in ${payoutSecs.toFixed(1)} s`,
  );

  t = performance.now();
  await c.query("vacuum (analyze)");
  step(`vacuum analyze in ${secs(t).toFixed(1)} s`);

  const [heavy] = (await c.query<{ person_id: string; fnr: string }>("select person_id, fnr from bench_persons where seq = $1", [size])).rows;
  for (const [k, v] of Object.entries({
    size: String(size),
    per_resident: String(PER_RESIDENT),
    heavy_person_id: heavy!.person_id,
    heavy_year: String(thisYear),
    orgnrs: orgnrs.join(","),
    first_service_date: FIRST_SERVICE_DATE,
    loaded_on: today,
  })) {
    await c.query("insert into bench_meta (key, value) values ($1, $2)", [k, v]);
  }

  // --- spot-check against the engine's pure computation
  const rand = prng(7);
  const sample = [size, ...Array.from({ length: 30 }, () => Math.floor(rand() * size))];
  let checked = 0;
  for (const seq of sample) {
    const [p] = (await c.query<{ person_id: string; birth_date: IsoDate }>("select person_id, birth_date::text from bench_persons where seq = $1", [seq])).rows;
    for (const year of [2025, thisYear]) {
      const r = await c.query<{
        id: string;
        service_date: IsoDate;
        service_type: string;
        amount_ore: Ore;
        provider_name: string;
        paid: boolean;
        paid_date: IsoDate | null;
        cancelled: boolean;
      }>(
        `select id, service_date::text, service_type, amount_ore, provider_name, paid, paid_date::text, cancelled_at is not null as cancelled
         from egenandeler where person_id = $1 and service_date between $2 and $3`,
        [p!.person_id, `${year}-01-01`, `${year}-12-31`],
      );
      if (!r.rows.length) continue;
      const overview = computeYearOverview({
        year,
        birthDate: p!.birth_date,
        rows: r.rows.map((x) => ({
          id: x.id,
          serviceDate: x.service_date,
          serviceType: x.service_type as ServiceType,
          amountOre: x.amount_ore,
          providerName: x.provider_name,
          paid: x.paid,
          paidDate: x.paid_date,
          cancelled: x.cancelled,
        })),
      });
      const st = await c.query<{ tak: string; ceiling_ore: number; total_ore: number; over_ceiling_ore: number; frikort_from: string | null }>(
        "select tak, ceiling_ore, total_ore, over_ceiling_ore, frikort_from::text from frikort_status where person_id = $1 and year = $2",
        [p!.person_id, year],
      );
      const po = await c.query<{ tak: string; amount_ore: number }>("select tak, amount_ore from payouts where person_id = $1 and year = $2", [p!.person_id, year]);
      for (const tak of overview.taks) {
        const s = st.rows.find((x) => x.tak === tak.tak);
        const want = { ceiling: tak.ceilingOre, total: tak.registeredOre, over: tak.overCeilingOre, from: tak.frikortFrom };
        const got = s ? { ceiling: s.ceiling_ore, total: s.total_ore, over: s.over_ceiling_ore, from: s.frikort_from } : null;
        if (JSON.stringify(want) !== JSON.stringify(got))
          throw new Error(`spot-check failed for seq ${seq} ${year} ${tak.tak}: engine ${JSON.stringify(want)}, sql ${JSON.stringify(got)}`);
        const payout = po.rows.find((x) => x.tak === tak.tak)?.amount_ore ?? 0;
        if (payout !== tak.overCeilingOre) throw new Error(`payout spot-check failed for seq ${seq} ${year} ${tak.tak}: ${payout} vs ${tak.overCeilingOre}`);
        checked++;
      }
      if (st.rows.length !== overview.taks.length) throw new Error(`spot-check: extra status rows for seq ${seq} ${year}`);
    }
  }
  step(`spot-check: ${checked} person-year-tak results equal computeYearOverview (incl. the heavy resident)`);

  // --- sizes
  const sizes = await c.query<{ relname: string; rows: string; heap: string; indexes: string; total: string }>(
    `select c.relname, to_char(c.reltuples::bigint, 'FM999,999,999,999') as rows,
            pg_size_pretty(pg_relation_size(c.oid)) as heap, pg_size_pretty(pg_indexes_size(c.oid)) as indexes,
            pg_size_pretty(pg_total_relation_size(c.oid)) as total
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and c.relname in ('persons','egenandeler','frikort_status','payouts','bench_persons')
     order by pg_total_relation_size(c.oid) desc`,
  );
  const [{ db }] = (await c.query<{ db: string }>("select pg_size_pretty(pg_database_size(current_database())) as db")).rows as [{ db: string }];
  console.log("\ntable            rows          heap        indexes     total");
  for (const r of sizes.rows) console.log(`${r.relname.padEnd(16)} ${r.rows.padStart(12)}  ${r.heap.padStart(10)}  ${r.indexes.padStart(10)}  ${r.total.padStart(10)}`);
  console.log(`database ${dbName}: ${db}`);
  const total = secs(t00);
  console.log(
    `\nRESULT load size=${size} egenandeler=${rows} insert_rows_per_s=${Math.round(rows / insertSecs)} insert_s=${insertSecs.toFixed(1)} ` +
      `index_s=${indexSecs.toFixed(1)} status_s=${statusSecs.toFixed(1)} total_s=${total.toFixed(1)} end_to_end_rows_per_s=${Math.round(rows / total)} db_size="${db}"`,
  );
  await c.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
