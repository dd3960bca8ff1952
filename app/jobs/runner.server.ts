/**
 * Durable background jobs (pg-boss 10) for reading uploaded documents. See
 * docs/decisions/0009-durable-jobs.md.
 *
 * - One queue, "extract-document", policy "stately" with singletonKey = document id: sending the same
 *   document twice while a job waits adds nothing (idempotent enqueue).
 * - A job that crashes is retried (retryLimit, retryDelay with backoff); a job whose worker died is
 *   failed by pg-boss's maintenance after expireInSeconds and then retried; after the last attempt it
 *   goes to the dead-letter queue, whose worker marks the document failed ("error").
 * - A document the pipeline rejects (DocumentRejected) fails at once with that reason: no retry.
 * - At most `concurrency` documents are read at once (one pg-boss worker of batch size 1 each), and
 *   they share one lazily created OCR pool of the same size, terminated on stop.
 * - The handler is idempotent: a document that is done (or gone) is skipped, so re-delivery after a
 *   restart is harmless.
 * - Safety net: documents still "queued" after `sweepAfterSeconds` are enqueued again (e.g. the
 *   web process stored the file but died before sending the job).
 */
import PgBoss from "pg-boss";
import type { Database } from "~/db/client.server";
import { DocumentRejected, extractDocument, lazyPool, OcrPool, stopPrepHelper, stopRenderProcess } from "~/documents/pipeline";
import { languageOfCountry } from "~/documents/country-language";
import { claimForReading, markDone, markFailed, markQueued, staleQueuedDocuments, staleReadingDocuments, touchReading } from "~/services/abroad-documents.server";
import { log } from "~/utils/log.server";
import { noticeConfig, type NoticeConfig, ratesImportSchedule, riskRecomputeSchedule, setOffSchedule, setting } from "~/config.server";
import { NoticeJobs, type NoticeJobOptions } from "./notices.server";
import { PageImageJobs } from "./page-images.server";
import { type RATES_QUEUE, type RatesImportOptions, startRatesImport } from "./rates.server";
import { type RISK_RECOMPUTE_QUEUE, type RiskRecomputeOptions, startRiskRecompute } from "./risk-signals.server";
import { type SET_OFF_QUEUE, type SetOffJobOptions, startSetOffJob } from "./set-off.server";
import { type DocumentQueue, registerDocumentQueue } from "./registry.server";

export const EXTRACT_QUEUE = "extract-document";
export const EXTRACT_DEAD_QUEUE = "extract-document-dead";

export interface ExtractJobData {
  documentId: string;
}

export interface JobRunnerOptions {
  /** PostgreSQL only: pg-boss opens its own small pool with this connection string. */
  connectionString?: string;
  /** false: only send jobs (a web process whose jobs run in scripts/worker.ts). Default true. */
  work?: boolean;
  /** Documents read at once, and the OCR pool size. Default 2. */
  concurrency?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job active longer than this is considered dead (worker crashed) and retried. Default 600 (the lease below is faster). */
  expireInSeconds?: number;
  /**
   * The lease of a document being read: its worker renews it every quarter of this; a document whose lease ran out (its worker
   * was killed) is taken back by any working runner — its job failed, so pg-boss retries it and counts the attempt. On PGlite
   * (one process) every document left "reading" is taken back at start. Default 20 s (checked every quarter of it).
   */
  leaseSeconds?: number;
  pollingIntervalSeconds?: number;
  /** How often pg-boss fails expired jobs and archives old ones. Default 30. */
  maintenanceIntervalSeconds?: number;
  /** Re-enqueue documents left "queued" this long. Default 120; 0 turns the sweep off. */
  sweepAfterSeconds?: number;
  /** How long stop() waits for running jobs before failing them (they are then retried). Default 30 s. */
  stopTimeoutMs?: number;
  /** Register as this process's document queue for the routes (default true). */
  register?: boolean;
  /** Tests: runs in the handler after the document is claimed, before it is read. */
  beforeExtract?: (documentId: string) => Promise<void>;
  /** The notice channels (issue 22 item 11); default: from the environment (log-only channels when none is configured). */
  notices?: NoticeConfig;
  /** Tests: the notice queue's senders and retry timing. */
  noticeJobs?: Partial<Pick<NoticeJobOptions, "senders" | "retryLimit" | "retryDelaySeconds" | "pollingIntervalSeconds">>;
  /**
   * The daily exchange-rate import (app/jobs/rates.server.ts), worked by a working runner. Default: from
   * RATES_IMPORT_SCHEDULE and NORGES_BANK_API_URL (on in production); null: off.
   */
  ratesImport?: RatesImportOptions | null;
  /**
   * The risk signals' full recompute (app/jobs/risk-signals.server.ts): the one-time fill a database needs,
   * and nightly where a schedule is set. Default: RISK_RECOMPUTE_SCHEDULE (nightly in production); null: off.
   */
  riskRecompute?: RiskRecomputeOptions | null;
  /**
   * The daily set-off of providers' due receivables (app/jobs/set-off.server.ts). Default: SET_OFF_SCHEDULE
   * (daily in production); null: not worked here.
   */
  setOff?: SetOffJobOptions | null;
}

/** The rates import from the settings, or null when no schedule is set for this environment. */
export function ratesImportFromSettings(): RatesImportOptions | null {
  const cron = ratesImportSchedule();
  return cron === null ? null : { cron, baseUrl: setting("NORGES_BANK_API_URL") };
}

/** The pg-boss `db` adapter for PGlite (one connection, in this process). */
export function pgliteBossDb(database: Database): PgBoss.Db {
  const exec = database.executeSql;
  if (!exec) throw new Error("this database has no executeSql (PGlite only)");
  return { executeSql: (text, values) => exec.call(database, text, values) };
}

export class JobRunner implements DocumentQueue {
  private boss: PgBoss | null = null;
  private database: Database | null = null;
  private pool: OcrPool | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  /** Documents this process is reading (their lease is renewed). */
  private readonly reading = new Set<string>();
  private notices: NoticeJobs | null = null;
  private pageImages: PageImageJobs | null = null;
  private readonly o: Required<Omit<JobRunnerOptions, "connectionString" | "beforeExtract" | "notices" | "noticeJobs" | "ratesImport" | "riskRecompute" | "setOff">> &
    Pick<JobRunnerOptions, "connectionString" | "beforeExtract" | "notices" | "noticeJobs">;
  private readonly ratesImport: RatesImportOptions | null;
  private readonly riskRecompute: RiskRecomputeOptions | null;
  private readonly setOff: SetOffJobOptions | null;

  constructor(opts: JobRunnerOptions = {}) {
    const { ratesImport, riskRecompute, setOff, ...rest } = opts;
    this.ratesImport = ratesImport === undefined ? ratesImportFromSettings() : ratesImport;
    this.riskRecompute = riskRecompute === undefined ? { cron: riskRecomputeSchedule() } : riskRecompute;
    this.setOff = setOff === undefined ? { cron: setOffSchedule() } : setOff;
    this.o = {
      work: true,
      concurrency: 2,
      retryLimit: 2,
      retryDelaySeconds: 5,
      expireInSeconds: 600,
      leaseSeconds: 20,
      pollingIntervalSeconds: 0.5,
      maintenanceIntervalSeconds: 30,
      sweepAfterSeconds: 120,
      stopTimeoutMs: 30_000,
      register: true,
      ...rest,
    };
  }

  get started(): boolean {
    return this.boss !== null;
  }

  async start(database: Database): Promise<void> {
    if (this.boss) return;
    const work = this.o.work;
    let connection: PgBoss.ConstructorOptions;
    if (database.kind === "pglite") {
      connection = { db: pgliteBossDb(database) };
    } else {
      if (!this.o.connectionString) throw new Error("JobRunner on PostgreSQL needs connectionString");
      connection = { connectionString: this.o.connectionString, max: Math.max(2, this.o.concurrency + 1), application_name: "frikortportalen-jobs" };
    }
    const boss = new PgBoss({
      ...connection,
      // only the working side supervises (expiry, archiving); a sender just sends
      supervise: work,
      // cron ticks only where a scheduled job is worked
      schedule: work && (this.ratesImport !== null || !!this.riskRecompute?.cron),
      maintenanceIntervalSeconds: this.o.maintenanceIntervalSeconds,
    });
    boss.on("error", (err) => log.error("job runner error", { err }));
    await boss.start();
    this.boss = boss;
    this.database = database;

    await ensureQueue(boss, EXTRACT_DEAD_QUEUE, { name: EXTRACT_DEAD_QUEUE, policy: "standard", retryLimit: 5, retryDelay: 10 });
    await ensureQueue(boss, EXTRACT_QUEUE, {
      name: EXTRACT_QUEUE,
      policy: "stately",
      retryLimit: this.o.retryLimit,
      retryDelay: this.o.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.o.expireInSeconds,
      deadLetter: EXTRACT_DEAD_QUEUE,
    });

    if (work) {
      // on PGlite this is the only process: a document left "reading" was cut off by a crash or kill, and is taken back now
      if (database.kind === "pglite") await this.reclaim(0);
      this.leaseTimer = setInterval(() => void this.renewAndReclaim(), Math.max(1, this.o.leaseSeconds / 4) * 1000);
      this.leaseTimer.unref();
      const workOpts = { batchSize: 1, includeMetadata: true as const, pollingIntervalSeconds: this.o.pollingIntervalSeconds };
      for (let i = 0; i < this.o.concurrency; i++) {
        await boss.work<ExtractJobData>(EXTRACT_QUEUE, workOpts, async ([job]) => {
          if (job) await this.handle(job);
        });
      }
      await boss.work<ExtractJobData>(EXTRACT_DEAD_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
        if (job?.data?.documentId) {
          await markFailed(database.db, job.data.documentId, "error");
          log.warn("document could not be read; gave up", { documentId: job.data.documentId });
        }
      });
      if (this.ratesImport) await startRatesImport(boss, database.db, this.ratesImport, ensureQueue);
      if (this.riskRecompute) await startRiskRecompute(boss, database.db, this.riskRecompute, ensureQueue);
      if (this.setOff) await startSetOffJob(boss, database.db, this.setOff, ensureQueue);
      if (this.o.sweepAfterSeconds > 0) {
        await this.sweep();
        this.sweepTimer = setInterval(() => void this.sweep(), Math.max(5, this.o.sweepAfterSeconds / 2) * 1000);
        this.sweepTimer.unref();
      }
    }
    this.notices = await NoticeJobs.start(boss, database.db, { config: this.o.notices ?? noticeConfig(), work, register: this.o.register, ...this.o.noticeJobs }, (name, options) =>
      ensureQueue(boss, name, options),
    );
    this.pageImages = await PageImageJobs.start(
      boss,
      database.db,
      { work, register: this.o.register, pollingIntervalSeconds: Math.max(0.5, this.o.pollingIntervalSeconds) },
      (name, options) => ensureQueue(boss, name, options),
    );
    if (this.o.register) registerDocumentQueue(this);
    log.info("job runner started", { database: database.kind, work, concurrency: work ? this.o.concurrency : 0 });
  }

  async enqueue(documentId: string): Promise<void> {
    if (!this.boss) throw new Error("job runner is not started");
    await this.boss.send(EXTRACT_QUEUE, { documentId } satisfies ExtractJobData, {
      singletonKey: documentId,
      retryLimit: this.o.retryLimit,
      retryDelay: this.o.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.o.expireInSeconds,
    });
  }

  /** Runs a scheduled job now: sends one to its queue (by an operator or a test; the schedule itself is unchanged). */
  async runNow(queue: typeof RATES_QUEUE | typeof RISK_RECOMPUTE_QUEUE | typeof SET_OFF_QUEUE): Promise<void> {
    if (!this.boss) throw new Error("job runner is not started");
    await this.boss.send(queue, {});
  }

  /** Graceful: stops fetching, waits for running jobs (up to stopTimeoutMs), then ends the OCR pool. */
  async stop(opts: { graceful?: boolean } = {}): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.leaseTimer = null;
    if (this.o.register) registerDocumentQueue(null);
    this.notices?.stop();
    this.notices = null;
    this.pageImages?.stop();
    this.pageImages = null;
    await boss.stop({ graceful: opts.graceful ?? true, wait: true, timeout: this.o.stopTimeoutMs, close: true });
    this.boss = null;
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.terminate();
    // the preparation thread (one per process; another runner's next page starts it again)
    await stopPrepHelper();
    stopRenderProcess();
    log.info("job runner stopped");
  }

  /** The OCR pool is only created when a document actually needs OCR. */
  private ocr(): OcrPool {
    return (this.pool ??= new OcrPool({ size: this.o.concurrency, log: (m) => log.info("ocr", { msg: m }) }));
  }

  private async handle(job: PgBoss.JobWithMetadata<ExtractJobData>): Promise<void> {
    const db = this.database!.db;
    const documentId = job.data?.documentId;
    if (!documentId) return;
    const claimed = await claimForReading(db, documentId);
    if (!claimed) return; // removed, already done or rejected: nothing to do (idempotent re-delivery)
    const started = Date.now();
    this.reading.add(documentId);
    try {
      await this.o.beforeExtract?.(documentId);
      // the application's country is the language hint for its scanned pages (checked on the words, read again if wrong);
      // the pool is only touched (and so created) if the pipeline asks for OCR
      const languageHint = languageOfCountry(claimed.country);
      const result = await extractDocument(claimed.bytes, { ocr: lazyPool(() => this.ocr()), filename: claimed.doc.filename, ...(languageHint ? { languageHint } : {}) });
      await markDone(db, documentId, result);
      log.info("document read", { documentId, ms: Date.now() - started, source: result.source, pages: result.pages });
    } catch (err) {
      if (err instanceof DocumentRejected) {
        await markFailed(db, documentId, err.reason);
        log.info("document rejected", { documentId, reason: err.reason });
        return; // the job completes: a rejection is not retried
      }
      const last = job.retryCount >= job.retryLimit;
      log.warn("document reading failed", { documentId, attempt: job.retryCount + 1, last, err });
      if (last) await markFailed(db, documentId, "error");
      else await markQueued(db, documentId);
      throw err; // pg-boss retries (or, after the last, moves it to the dead-letter queue)
    } finally {
      this.reading.delete(documentId);
    }
  }

  private leasing = false;
  private async renewAndReclaim(): Promise<void> {
    if (this.leasing || !this.boss || !this.database) return;
    this.leasing = true;
    try {
      await touchReading(this.database.db, [...this.reading]);
      await this.reclaim(this.o.leaseSeconds);
    } catch (err) {
      log.warn("document lease check failed", { err });
    } finally {
      this.leasing = false;
    }
  }

  /**
   * Takes back documents whose reader stopped (lease older than `olderThanSeconds`): the document is queued again and its
   * active job failed, so pg-boss retries it after retryDelay and counts the attempt (a document that kills its reader every
   * time ends in the dead-letter queue, not in a loop). A document with no active job gets a new one.
   */
  private async reclaim(olderThanSeconds: number): Promise<void> {
    const boss = this.boss,
      database = this.database;
    if (!boss || !database) return;
    const ids = (await staleReadingDocuments(database.db, olderThanSeconds)).filter((id) => !this.reading.has(id));
    for (const id of ids) {
      const jobs = await database.query<{ id: string }>(`select id from pgboss.job where name = $1 and singleton_key = $2 and state = 'active'`, [EXTRACT_QUEUE, id]);
      await markQueued(database.db, id);
      for (const j of jobs) await boss.fail(EXTRACT_QUEUE, j.id, { reason: "the worker reading it stopped" });
      // retried now, not after the retry backoff: the attempt was lost to a dead worker, not to a failure worth waiting out
      if (jobs.length) await database.query(`update pgboss.job set start_after = now() where id = any($1::uuid[]) and state = 'retry'`, [jobs.map((j) => j.id)]);
      if (!jobs.length) await this.enqueue(id);
      log.warn("document taken back from a reader that stopped", { documentId: id, jobs: jobs.length });
    }
  }

  private sweeping = false;
  private async sweep(): Promise<void> {
    if (this.sweeping || !this.boss || !this.database) return;
    this.sweeping = true;
    try {
      const ids = await staleQueuedDocuments(this.database.db, this.o.sweepAfterSeconds);
      for (const id of ids) await this.enqueue(id);
      if (ids.length) log.info("re-enqueued waiting documents", { count: ids.length });
    } catch (err) {
      log.warn("sweep failed", { err });
    } finally {
      this.sweeping = false;
    }
  }
}

async function ensureQueue(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  const existing = await boss.getQueue(name);
  if (existing) await boss.updateQueue(name, options);
  else await boss.createQueue(name, options);
}

/** The runner for a process, from the environment: DATABASE_URL → PostgreSQL, else the PGlite in use. */
export function runnerFromEnv(env: NodeJS.ProcessEnv, opts: JobRunnerOptions = {}): JobRunner {
  return new JobRunner({
    connectionString: setting("DATABASE_URL", env),
    concurrency: setting("JOBS_CONCURRENCY", env),
    notices: noticeConfig(env),
    ...opts,
  });
}
