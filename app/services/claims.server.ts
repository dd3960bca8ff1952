/**
 * Treatment claims from physiotherapists (issue 20): receive → control → settle → register, in one
 * transaction of the register's one writer. For a batch of claims (the single endpoint is a batch
 * of one):
 *
 *   1. lock the therapists (advisory, sorted) so the overlap control sees every line of their day;
 *   2. find claims already sent under these ids (a retry is answered from what was stored, another
 *      body is a conflict);
 *   3. load the register state for every line of the new claims (locks and creates the patients);
 *   4. read the controls' history and the patients' facts in one statement; control (pure);
 *   5. plan the egenandeler of the approved lines with the register's planner (source `claim`,
 *      waived on a frikort) and apply the plan; settle each line from the planner's answers;
 *   6. insert the claims and their lines.
 *
 * On a server these go out as five messages, not nine: 1 with 2, 3's read with 4's, and 5's and 6's writes (which
 * answer nothing) with the risk signals' read that follows them (`writeLater`, `loadRegisterStateWith`).
 *
 * A claim id sent concurrently by another transaction makes 6 fail on the unique index; the whole
 * runs again and then answers from what the other stored. See docs/decisions/0014-treatment-claims.md.
 */
import { createHash } from "node:crypto";
import type { Db } from "~/db/client.server";
import { type ControlReason, type ControlResult, claimOutcome, controlClaims, type LineOutcome } from "~/domain/claim-controls";
import { dispositionBeforeRegister, dispositionOf, type EgenandelDisposition, egenandelClaimId, lineMoney, lineRegisterRequest } from "~/domain/claims";
import { yearOf } from "~/kernel/dates";
import { validateFnr } from "~/kernel/fnr";
import { planRegisterChanges, type RegisterRequest } from "~/domain/register";
import {
  claimKey,
  controlHistoryOf,
  controlHistoryStatement,
  insertClaims,
  loadExistingClaims,
  lockTherapists,
  type NewClaimRow,
  type NewLineRow,
  type StoredClaim,
} from "~/models/claims.server";
import { applyRegisterPlan, inWriterTransaction, loadRegisterStateWith, planWrites, uuidv7 } from "~/models/register-writer.server";
import { examinationCountRule, examinationIntervalRule } from "~/rules/parameters/claim-controls";
import type { Claim, ClaimLineResult, ClaimResult } from "~/schemas/claims";
import { log } from "~/utils/log.server";
import { Batcher, batcherOptionsFromEnv, type ItemResult } from "./batcher.server";
import { sendNotice } from "./notify.server";
import { errorKind } from "./register-batch.server";
import { accumulateProviderRisk } from "./risk-signals.server";
import type { IsoDate } from "~/kernel/types";
import { sumOre, ZERO_ORE } from "~/kernel/money";

export type ClaimAnswer = { status: 201 | 200; result: ClaimResult } | { status: 409; claimId: string };

/** The reasons in words, for the provider (the patient's page has its own, translated). */
export const CONTROL_MESSAGES: Readonly<Record<ControlReason, string>> = {
  "takst-unknown": "Not a physiotherapy takst.",
  "takst-ended": "The takst was no longer in use on the treatment date.",
  "takst-not-yet-valid": "The takst was not yet in use on the treatment date.",
  "date-in-future": "The treatment date is after today.",
  "date-before-birth": "The treatment date is before the patient was born.",
  "date-outside-tables": "The treatment date is in a year the egenandelstak tables do not cover.",
  "patient-dead": "The patient had died before the treatment date.",
  "group-size-missing": "A group takst needs the number of patients in the group.",
  "group-size-out-of-range": "The group size is not one this takst is for.",
  "group-size-on-individual": "An individual takst cannot be billed for a group.",
  "minutes-below-takst": "The treatment was shorter than the takst stands for.",
  overlap: "The therapist has another treatment at the same time; overlapping treatments are not paid (merknad A1).",
  "examination-count": "More examinations of this patient this year than the rule allows; held for control.",
  "examination-interval": "Another examination of this patient only a few days before or after; held for control.",
};

/** What a claim is identified by for idempotency: the canonical parsed body. */
export function claimHash(c: Claim): string {
  const canonical = [c.claimId, c.fnr, c.therapist.hprNumber, c.therapist.name, c.paid, c.lines.map((l) => [l.takst, l.date, l.startTime, l.minutes, l.groupSize])];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The answer to a claim, from its stored rows (so a retry gets the same body as the first answer). */
export function claimResultOf(stored: StoredClaim): ClaimResult {
  const lines: ClaimLineResult[] = stored.lines.map((l) => ({
    lineNo: l.lineNo,
    takst: l.takst,
    date: l.serviceDate,
    startTime: hhmm(l.startMinute),
    minutes: l.minutes,
    groupSize: l.groupSize,
    outcome: l.outcome as LineOutcome,
    honorarOre: l.honorarOre,
    refusjonOre: l.refusjonOre,
    egenandelOre: l.egenandelOre,
    egenandel: {
      disposition: l.egenandelDisposition as EgenandelDisposition,
      registerClaimId: l.egenandelId ? egenandelClaimId(stored.claim.claimId, l.lineNo) : null,
    },
    controls: (l.controls as ControlResult[]).map((c) => (c.reason ? { ...c, message: CONTROL_MESSAGES[c.reason] } : c)),
  }));
  const approved = lines.filter((l) => l.outcome === "godkjent");
  return {
    claimId: stored.claim.claimId,
    outcome: stored.claim.outcome as LineOutcome,
    refusjonOre: stored.claim.refusjonOre,
    egenandelOre: approved.reduce((s, l) => s + l.egenandelOre, 0),
    egenandelRegisteredOre: approved.filter((l) => l.egenandel.disposition === "registered").reduce((s, l) => s + l.egenandelOre, 0),
    lines,
  };
}

/**
 * Receives claims from one organisation in one transaction (the batch endpoint, the seed); answers
 * per claim, in order. The provider's risk signals follow the new lines in the same transaction
 * (issue 20, part 7: incremental; app/domain/risk-deltas.ts), so they are current when it answers.
 */
export async function submitClaims(db: Db, orgnr: string, input: readonly Claim[], today: IsoDate): Promise<ClaimAnswer[]> {
  const { answers } = await receiveInTransaction(
    db,
    input.map((claim) => ({ orgnr, claim })),
    today,
  );
  return answers.map((a) => {
    if (a instanceof Error) throw a;
    return a;
  });
}

// ---------------------------------------------------------------------------------------------
// Group commit (docs/decisions/0011-group-commit.md, applied to claims: ADR 0014's addendum)

interface QueuedClaim extends ClaimItem {
  today: IsoDate;
}

const claimBatchers = new WeakMap<Db, Batcher<QueuedClaim, ClaimAnswer>>();

function claimBatcherFor(db: Db): Batcher<QueuedClaim, ClaimAnswer> {
  let b = claimBatchers.get(db);
  if (!b) {
    b = new Batcher<QueuedClaim, ClaimAnswer>((items) => claimBatch(db, items), batcherOptionsFromEnv("CLAIMS", { maxBatch: 200, maxInFlight: 2 }), "claims");
    claimBatchers.set(db, b);
  }
  return b;
}

/**
 * One claim through this process's group commit: claims that arrive together (from any provider)
 * are controlled, settled and registered in one transaction of the writer, in arrival order, and
 * each is answered only after that transaction has committed — the same answer, status and
 * idempotency as `submitClaims` with that claim alone.
 */
export function submitClaimBatched(db: Db, orgnr: string, claim: Claim, today: IsoDate): Promise<ClaimAnswer> {
  return claimBatcherFor(db).submit({ orgnr, claim, today });
}

export function claimBatchStats(db: Db) {
  return claimBatcherFor(db).stats;
}

/** A batch of queued claims: one transaction; after an unexpected error, each claim on its own. */
export async function claimBatch(db: Db, items: readonly QueuedClaim[]): Promise<Array<ItemResult<ClaimAnswer>>> {
  // Items of one batch share a day; the API sets it per request, so control with the latest.
  const today = items.reduce((d, it) => (it.today > d ? it.today : d), items[0]!.today);
  try {
    const { answers } = await receiveInTransaction(db, items, today);
    return answers.map((a) => (a instanceof Error ? { ok: false, error: a } : { ok: true, value: a }));
  } catch (err) {
    if (items.length === 1) return [{ ok: false, error: err }];
    // Only the error's class and SQLSTATE: PostgreSQL's messages can quote values (a fødselsnummer).
    log.warn("claims batch failed; receiving its claims one by one", { size: items.length, ...errorKind(err) });
    const out: Array<ItemResult<ClaimAnswer>> = [];
    for (const it of items) {
      try {
        const [answer] = await submitClaims(db, it.orgnr, [it.claim], it.today);
        out.push({ ok: true, value: answer! });
      } catch (error) {
        out.push({ ok: false, error });
      }
    }
    return out;
  }
}

/** One claim of a provider, as the receive step takes it (a group-commit batch mixes providers). */
export interface ClaimItem {
  orgnr: string;
  claim: Claim;
}

/** Runs `receive` in one writer transaction, again (up to three times) when a concurrent identical claim id won the race. */
export async function receiveInTransaction(db: Db, items: readonly ClaimItem[], today: IsoDate): Promise<{ answers: Array<ClaimAnswer | Error> }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { answers, frikortGranted } = await inWriterTransaction(db, (t) => receive(t, items, today));
      for (const personId of frikortGranted) sendNotice(personId, "frikort-granted");
      return { answers };
    } catch (err) {
      if (attempt >= 3 || (err as { code?: unknown })?.code !== "23505") throw err;
    }
  }
}

type Tx = Parameters<Parameters<typeof inWriterTransaction>[1]>[0];

async function receive(t: Tx, items: readonly ClaimItem[], today: IsoDate): Promise<{ answers: Array<ClaimAnswer | Error>; frikortGranted: string[] }> {
  const input = items.map((it) => it.claim);
  const orgOf = (i: number) => items[i]!.orgnr;
  const keyOf = (i: number) => claimKey(orgOf(i), input[i]!.claimId);
  await lockTherapists(
    t,
    input.map((c) => c.therapist.hprNumber),
  );
  const { providerNames, claims: existing } = await loadExistingClaims(
    t,
    items.map((it) => ({ orgnr: it.orgnr, claimId: it.claim.claimId })),
  );

  // Which claims are new: the first of each (provider, claimId) not stored yet. A repeat is answered like a retry.
  const hashes = input.map(claimHash);
  const firstIndex = new Map<string, number>();
  const fresh: number[] = [];
  input.forEach((_c, i) => {
    const key = keyOf(i);
    if (!providerNames.has(orgOf(i)) || existing.has(key) || firstIndex.has(key)) return;
    firstIndex.set(key, i);
    fresh.push(i);
  });
  const birthDateOf = (fnr: string) => {
    const v = validateFnr(fnr);
    return v.valid ? v.birthDate : null;
  };
  const providerNameOf = (i: number) => providerNames.get(orgOf(i))!;

  const stored = new Map<string, StoredClaim>();
  const registered: string[] = [];
  if (fresh.length) {
    // 3. The register state for every line (a superset of what the approved lines will need).
    const draft: RegisterRequest[] = fresh.flatMap((i) =>
      input[i]!.lines.map((l, n) =>
        lineRegisterRequest({
          orgnr: orgOf(i),
          providerName: providerNameOf(i),
          claimId: input[i]!.claimId,
          lineNo: n + 1,
          fnr: input[i]!.fnr,
          birthDate: birthDateOf(input[i]!.fnr),
          date: l.date,
          egenandelOre: ZERO_ORE,
          paid: input[i]!.paid,
          hash: "",
        }),
      ),
    );
    // 4. History and facts (read in the same message as the register state, once the patients are locked), then the controls.
    const examCodes = [...new Set([...examinationCountRule.values, ...examinationIntervalRule.values].flatMap((v) => v.value?.codes ?? []))];
    const slackDays = Math.max(0, ...examinationIntervalRule.values.map((v) => v.value?.minDaysBetween ?? 0));
    const loaded = await loadRegisterStateWith(t, draft, (personIdByFnr) => {
      const personOf = (i: number) => personIdByFnr.get(input[i]!.fnr)!;
      return controlHistoryStatement({
        personIds: fresh.map(personOf),
        therapistDays: fresh.flatMap((i) => input[i]!.lines.map((l) => ({ hpr: input[i]!.therapist.hprNumber, date: l.date }))),
        examYears: fresh.flatMap((i) => input[i]!.lines.filter((l) => (examCodes as string[]).includes(l.takst)).map((l) => ({ personId: personOf(i), year: yearOf(l.date) }))),
        examCodes,
        slackDays,
      });
    });
    const state = loaded.state;
    const personOf = (i: number) => state.personIdByFnr.get(input[i]!.fnr)!;
    const { persons, history } = controlHistoryOf(loaded.also);
    for (const i of fresh) {
      const p = persons.get(personOf(i));
      if (p && p.birthDate === null) p.birthDate = birthDateOf(input[i]!.fnr);
    }
    const controlled = controlClaims(
      fresh.map((i) => ({ personId: personOf(i), therapistHpr: input[i]!.therapist.hprNumber, lines: input[i]!.lines })),
      { today, persons, history },
    );

    // 5. The egenandeler of the approved lines, through the register's planner; then each line's money.
    const requests: RegisterRequest[] = [];
    const requestOf = new Map<string, number>();
    controlled.forEach((lines, k) => {
      const i = fresh[k]!;
      const c = input[i]!;
      for (const line of lines) {
        if (dispositionBeforeRegister(line.outcome, line.takst?.egenandelOre ?? ZERO_ORE) !== null) continue;
        requestOf.set(`${k}:${line.lineNo}`, requests.length);
        requests.push(
          lineRegisterRequest({
            orgnr: orgOf(i),
            providerName: providerNameOf(i),
            claimId: c.claimId,
            lineNo: line.lineNo,
            fnr: c.fnr,
            birthDate: birthDateOf(c.fnr),
            date: line.input.date,
            egenandelOre: line.takst!.egenandelOre,
            paid: c.paid,
            hash: createHash("sha256").update(`${hashes[i]}:${line.lineNo}`).digest("hex"),
          }),
        );
      }
    });
    const plan = planRegisterChanges(state, requests, { today, newId: () => uuidv7() });
    if (planWrites(plan)) await applyRegisterPlan(t, plan, { later: true });
    registered.push(...plan.frikortGranted);

    const newClaims: NewClaimRow[] = [];
    const newLines: NewLineRow[] = [];
    controlled.forEach((lines, k) => {
      const i = fresh[k]!;
      const c = input[i]!;
      const orgnr = orgOf(i);
      const claimRow: NewClaimRow = {
        id: uuidv7(),
        orgnr,
        claimId: c.claimId,
        personId: personOf(i),
        therapistHpr: c.therapist.hprNumber,
        therapistName: c.therapist.name,
        paid: c.paid,
        outcome: claimOutcome(lines),
        refusjonOre: ZERO_ORE,
        requestHash: hashes[i]!,
        receivedOn: today,
      };
      const lineRows: NewLineRow[] = lines.map((line) => {
        const at = requestOf.get(`${k}:${line.lineNo}`);
        const outcome = at === undefined ? null : plan.outcomes[at]!;
        const disposition = outcome ? dispositionOf(outcome) : dispositionBeforeRegister(line.outcome, line.takst?.egenandelOre ?? ZERO_ORE)!;
        const money = lineMoney(line.takst, line.outcome, disposition);
        return {
          claimRef: claimRow.id,
          personId: claimRow.personId,
          orgnr,
          therapistHpr: claimRow.therapistHpr,
          lineNo: line.lineNo,
          takst: line.input.takst,
          serviceDate: line.input.date,
          startMinute: line.startMinute,
          minutes: line.input.minutes,
          groupSize: line.input.groupSize,
          outcome: line.outcome,
          controls: line.controls,
          honorarOre: money.honorarOre,
          refusjonOre: money.refusjonOre,
          egenandelOre: money.egenandelOre,
          egenandelDisposition: disposition,
          egenandelId: outcome?.ok && "claim" in outcome ? outcome.claim.id : null,
        };
      });
      claimRow.refusjonOre = sumOre(lineRows.map((l) => l.refusjonOre));
      newClaims.push(claimRow);
      newLines.push(...lineRows);
      stored.set(keyOf(i), { claim: claimRow, lines: lineRows });
    });

    // 6. The claims and their lines.
    await insertClaims(t, newClaims, newLines);
    // 7. The risk signals (running aggregates and the subjects' metrics), in the same transaction; its last statement.
    await accumulateProviderRisk(t, newLines, today, new Map(newClaims.map((c) => [c.id, c.therapistName])), { commit: true });
  }

  const freshSet = new Set(fresh);
  const answers = input.map((c, i): ClaimAnswer | Error => {
    if (!providerNames.has(orgOf(i))) return new Error("claims: the provider is not registered");
    const first = freshSet.has(i);
    const s = stored.get(keyOf(i)) ?? existing.get(keyOf(i))!;
    if (!first && s.claim.requestHash !== hashes[i]) return { status: 409, claimId: c.claimId };
    return { status: first ? 201 : 200, result: claimResultOf(s) };
  });
  return { answers, frikortGranted: [...new Set(registered)] };
}
