/**
 * Stores a synthetic claims population (app/domain/synthetic-claims.ts) in bulk: providers, persons,
 * claims with their lines as the receipt would have stored them, and the patients' reports as
 * claim-report cases. Set-based statements in chunks; no egenandeler (see the generator's note).
 */
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { SyntheticPopulation } from "~/domain/synthetic-claims";

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const CHUNK = 2000;

export async function insertSyntheticPopulation(db: Db, pop: SyntheticPopulation, opts: { referencePrefix: string } = { referencePrefix: "SYN" }): Promise<void> {
  await db.execute(sql`
    insert into providers (orgnr, name) select orgnr, name from jsonb_to_recordset(${JSON.stringify(pop.providers.map((p) => ({ orgnr: p.orgnr, name: p.name })))}::jsonb)
      as x(orgnr varchar, name text) on conflict do nothing`);
  const personIds: string[] = new Array(pop.persons.length);
  for (let i = 0; i < pop.persons.length; i += CHUNK) {
    const chunk = pop.persons.slice(i, i + CHUNK).map((p) => ({ k: p.key, fnr: p.fnr, name: p.name, birth_date: p.birthDate, died_on: p.diedOn }));
    const res = await db.execute(sql`
      with x as (select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(k int, fnr varchar, name text, birth_date date, died_on date)),
      ins as (insert into persons (fnr, name, birth_date, died_on) select fnr, name, birth_date, died_on from x on conflict (fnr) do nothing returning id, fnr)
      select x.k, coalesce(ins.id, p.id)::text as id from x left join ins on ins.fnr = x.fnr left join persons p on p.fnr = x.fnr`);
    for (const r of rowsOf<{ k: number; id: string }>(res)) personIds[Number(r.k)] = r.id;
  }
  const lineIds: string[] = pop.lines.map(() => randomUUID());
  for (let i = 0; i < pop.lines.length; i += CHUNK) {
    const chunk = pop.lines.slice(i, i + CHUNK).map((l, j) => ({
      id: randomUUID(),
      line_id: lineIds[i + j],
      provider_orgnr: l.providerOrgnr,
      claim_id: l.claimId,
      person_id: personIds[l.personKey],
      therapist_hpr: l.therapistHpr,
      therapist_name: l.therapistName,
      outcome: l.outcome,
      request_hash: createHash("sha256").update(l.claimId).digest("hex"),
      takst: l.takst,
      service_date: l.serviceDate,
      start_minute: l.startMinute,
      minutes: l.minutes,
      group_size: l.groupSize,
      controls: l.controls,
      honorar_ore: l.honorarOre,
      refusjon_ore: l.refusjonOre,
      egenandel_ore: l.egenandelOre,
      egenandel_disposition: l.disposition,
    }));
    await db.execute(sql`
      with x as (
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id uuid, line_id uuid, provider_orgnr varchar, claim_id text, person_id uuid, therapist_hpr varchar,
          therapist_name text, outcome text, request_hash varchar, takst varchar, service_date date, start_minute smallint, minutes smallint, group_size smallint,
          controls jsonb, honorar_ore integer, refusjon_ore integer, egenandel_ore integer, egenandel_disposition text)
      ), c as (
        insert into claims (id, provider_orgnr, claim_id, person_id, therapist_hpr, therapist_name, paid, outcome, refusjon_ore, request_hash, received_on)
        select id, provider_orgnr, claim_id, person_id, therapist_hpr, therapist_name, true, outcome, refusjon_ore, request_hash, service_date from x
      )
      insert into claim_lines (id, claim_ref, line_no, person_id, provider_orgnr, therapist_hpr, takst, service_date, start_minute, minutes, group_size,
        outcome, controls, honorar_ore, refusjon_ore, egenandel_ore, egenandel_disposition)
      select line_id, id, 1, person_id, provider_orgnr, therapist_hpr, takst, service_date, start_minute, minutes, group_size,
        outcome, controls, honorar_ore, refusjon_ore, egenandel_ore, egenandel_disposition from x`);
  }
  if (pop.reports.length) {
    const rows = pop.reports.map((r, i) => {
      const l = pop.lines[r.lineIndex]!;
      return {
        person_id: personIds[l.personKey],
        reference: `${opts.referencePrefix}-${String(i + 1).padStart(4, "0")}`,
        idempotency_key: `synthetic-report-${l.claimId}`,
        data: {
          reasons: r.reasons,
          comment: "",
          claim: { orgnr: l.providerOrgnr, claimId: l.claimId, lineNo: 1, lineId: lineIds[r.lineIndex], therapistHpr: l.therapistHpr },
          billed: { takst: l.takst, serviceDate: l.serviceDate, startMinute: l.startMinute, minutes: l.minutes, groupSize: l.groupSize },
        },
      };
    });
    await db.execute(sql`
      insert into cases (person_id, kind, reference, idempotency_key, status, data)
      select person_id, 'claim-report', reference, idempotency_key, 'received', data
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(person_id uuid, reference varchar, idempotency_key varchar, data jsonb)
      on conflict do nothing`);
  }
}
