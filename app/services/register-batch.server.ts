/**
 * The provider API's registration path with group commit (docs/decisions/0011-group-commit.md).
 *
 * Registrations that arrive together in one web process are one list of register requests,
 * planned and written by the register's one writer in one transaction (three statements, whatever
 * the batch's size), and answered only after that transaction has committed, so every 201/200 is
 * as durable as with one transaction per registration. The batch is planned as a sequence: a
 * retry sent at the same moment as its original is answered 200, another body with the same claim
 * id 409, exactly as if they had come one after the other.
 *
 * One request's problem (invalid input, reserved person, different body for a claim id) is that
 * request's answer only. An unexpected database error fails the batch's transaction; its items are
 * then registered again one by one, each in its own transaction.
 */
import type { Db } from "~/db/client.server";
import type { RegisterRequest } from "~/domain/register";
import type { EgenandelRecord, RegisterEgenandel } from "~/schemas/provider-api";
import { log } from "~/utils/log.server";
import { Batcher, batcherOptionsFromEnv, type ItemResult } from "./batcher.server";
import { applyRegisterRequests, providerAnswer, providerRegistration, registerEgenandel, RegisterError } from "./register.server";
import type { IsoDate, Orgnr } from "~/kernel/types";

export { literal, uuidv7 } from "~/models/register-writer.server";

export type RegisterResult = { created: boolean; record: EgenandelRecord };

interface Item {
  orgnr: Orgnr;
  input: RegisterEgenandel;
  today: IsoDate;
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
export function registerEgenandelBatched(db: Db, orgnr: Orgnr, input: RegisterEgenandel, today: IsoDate): Promise<RegisterResult> {
  return batcherFor(db).submit({ orgnr, input, today });
}

export function registerBatchStats(db: Db) {
  return batcherFor(db).stats;
}

/** Registers a batch; one result per item, in order. */
export async function registerBatch(db: Db, items: Item[]): Promise<Array<ItemResult<RegisterResult>>> {
  const results: Array<ItemResult<RegisterResult> | undefined> = new Array(items.length);
  const requests: RegisterRequest[] = [];
  const at: number[] = [];
  items.forEach((it, index) => {
    const req = providerRegistration(it.orgnr, it.input, it.today);
    if (req instanceof RegisterError) results[index] = { ok: false, error: req };
    else {
      requests.push(req);
      at.push(index);
    }
  });
  if (requests.length) {
    // Items of one batch share a day; the API sets it per request, so plan with the latest.
    const today = items.reduce((d, it) => (it.today > d ? it.today : d), items[0]!.today);
    try {
      const outcomes = await applyRegisterRequests(db, requests, today);
      outcomes.forEach((o, i) => {
        try {
          results[at[i]!] = { ok: true, value: providerAnswer(o) };
        } catch (error) {
          results[at[i]!] = { ok: false, error };
        }
      });
    } catch (err) {
      // Only the error's class and SQLSTATE: PostgreSQL's messages can quote values (a fødselsnummer).
      log.warn("registration batch failed; registering its items one by one", { size: requests.length, ...errorKind(err) });
      for (const i of at) {
        const it = items[i]!;
        try {
          results[i] = { ok: true, value: await registerEgenandel(db, it.orgnr, it.input, it.today) };
        } catch (error) {
          results[i] = { ok: false, error };
        }
      }
    }
  }
  return results.map((r) => r ?? { ok: false, error: new Error("not registered") });
}

/** What kind of error, without its message. */
export function errorKind(err: unknown): { error: string; code?: string } {
  const code = (err as { code?: unknown })?.code;
  return { error: err instanceof Error ? err.name : typeof err, ...(typeof code === "string" ? { code } : {}) };
}
