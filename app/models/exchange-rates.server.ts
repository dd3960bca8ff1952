/**
 * Data access for Norges Bank's imported exchange rates (exchange_rates) and the import runs
 * (exchange_rate_imports). Rows are upserted, never deleted (docs/decisions/0016-exchange-rates.md).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { exchangeRateImports, exchangeRates } from "~/db/schema";
import type { IsoDate } from "~/kernel/types";

export interface StoredRate {
  currency: string;
  rateDate: IsoDate;
  value: string;
  unitMult: number;
  source: string;
}

/** Rows per insert statement (5 parameters a row, far below PostgreSQL's 65 535). */
const CHUNK = 1000;

/**
 * Inserts the rates, or updates a stored day whose value or unit differs. Returns how many rows were
 * new or changed: a second import of the same answer changes nothing and returns 0.
 */
export async function upsertRates(db: Db, rows: readonly StoredRate[]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const done = await db
      .insert(exchangeRates)
      .values(part.map((r) => ({ currency: r.currency, rateDate: r.rateDate, value: r.value, unitMult: r.unitMult, source: r.source })))
      .onConflictDoUpdate({
        target: [exchangeRates.currency, exchangeRates.rateDate],
        set: { value: sql`excluded.value`, unitMult: sql`excluded.unit_mult`, source: sql`excluded.source`, importedAt: sql`now()` },
        setWhere: sql`(${exchangeRates.value}, ${exchangeRates.unitMult}) is distinct from (excluded.value, excluded.unit_mult)`,
      })
      .returning({ currency: exchangeRates.currency });
    changed += done.length;
  }
  return changed;
}

/** The stored rates for these currencies (all when none are named), oldest first. */
export async function storedRates(db: Db, currencies?: readonly string[]): Promise<StoredRate[]> {
  const where = currencies === undefined ? undefined : currencies.length === 0 ? sql`false` : inArray(exchangeRates.currency, [...currencies]);
  return db
    .select({ currency: exchangeRates.currency, rateDate: exchangeRates.rateDate, value: exchangeRates.value, unitMult: exchangeRates.unitMult, source: exchangeRates.source })
    .from(exchangeRates)
    .where(where)
    .orderBy(asc(exchangeRates.rateDate));
}

export interface ImportRun {
  requestedFrom: IsoDate;
  requestedTo: IsoDate;
  coveredThrough: IsoDate | null;
}

/** The successful runs, by the first date they asked for. */
export async function successfulImports(db: Db): Promise<ImportRun[]> {
  return db
    .select({ requestedFrom: exchangeRateImports.requestedFrom, requestedTo: exchangeRateImports.requestedTo, coveredThrough: exchangeRateImports.coveredThrough })
    .from(exchangeRateImports)
    .where(eq(exchangeRateImports.status, "ok"))
    .orderBy(asc(exchangeRateImports.requestedFrom), asc(exchangeRateImports.id));
}

export async function startImportRun(db: Db, run: { trigger: "schedule" | "cli"; requestedFrom: IsoDate; requestedTo: IsoDate }): Promise<number> {
  const [row] = await db
    .insert(exchangeRateImports)
    .values({ ...run, status: "running" })
    .returning({ id: exchangeRateImports.id });
  return row!.id;
}

export async function finishImportRun(db: Db, id: number, result: { coveredThrough: IsoDate | null; observations: number; changed: number }): Promise<void> {
  await db
    .update(exchangeRateImports)
    .set({ status: "ok", finishedAt: sql`now()`, ...result })
    .where(and(eq(exchangeRateImports.id, id), eq(exchangeRateImports.status, "running")));
}

export async function failImportRun(db: Db, id: number, error: string): Promise<void> {
  await db
    .update(exchangeRateImports)
    .set({ status: "failed", finishedAt: sql`now()`, error: error.slice(0, 500) })
    .where(eq(exchangeRateImports.id, id));
}

/** The last runs, newest first (for the CLI's status). */
export async function recentImports(db: Db, limit = 10) {
  return db
    .select()
    .from(exchangeRateImports)
    .orderBy(sql`${exchangeRateImports.id} desc`)
    .limit(limit);
}
