/**
 * Sending notices (issue 22 item 11) as pg-boss jobs on one queue, "send-notice":
 * - a job without a channel is the fan-out: it reads the resident's choices and sends one job per chosen channel;
 * - a job with a channel sends that notice; a failure throws, so pg-boss retries it with backoff (retryLimit), and after
 *   the last attempt it is logged and dropped (the message stays in the inbox).
 * Policy "stately" with the person (and channel) as singletonKey: five messages written at once while a notice waits give
 * one notice, not five. The text is the same for every message and holds no health data; the job stores no address.
 */
import type PgBoss from "pg-boss";
import type { NoticeConfig } from "~/config.server";
import type { Db } from "~/db/client.server";
import { isLang, translator } from "~/i18n";
import { getNoticeSettings, type NoticeSettings } from "~/models/notice-settings.server";
import { type ChannelSender, type NoticeChannel, type NoticeMessage, sendersFromConfig } from "~/services/notice-senders.server";
import { type NoticeQueue, registerNoticeQueue } from "~/services/notify.server";
import { parentsActingFor } from "~/services/representation.server";
import { todayOslo } from "~/utils/clock.server";
import { log } from "~/utils/log.server";

export const NOTICE_QUEUE = "send-notice";
/** Notice jobs fetched at a time by one worker (so up to this many a polling interval). */
export const NOTICE_BATCH = 25;

interface NoticeJobData {
  personId: string;
  channel?: NoticeChannel;
  /** A channel job for a parent, about a message to a child under 16 they act for (the child is not named in the job). */
  forChild?: boolean;
}

export interface NoticeJobOptions {
  config: NoticeConfig;
  /** Tests: channels other than the configured ones. */
  senders?: Record<NoticeChannel, ChannelSender>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  pollingIntervalSeconds?: number;
  work: boolean;
  register: boolean;
}

/**
 * The notice in the resident's language: only that a new message is waiting, and where to log in. `forChild`: the words
 * a parent gets for a message to a child they act for (which child, and what about, is not said).
 */
export function noticeMessage(lang: string, publicUrl: string, forChild = false): NoticeMessage {
  const t = translator(isLang(lang) ? lang : "nb");
  return { subject: t("notice.subject"), text: t(forChild ? "notice.child.text" : "notice.text", { url: publicUrl }) };
}

export class NoticeJobs implements NoticeQueue {
  private readonly senders: Record<NoticeChannel, ChannelSender>;
  private readonly retryLimit: number;
  private readonly retryDelay: number;

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Db,
    private readonly o: NoticeJobOptions,
  ) {
    this.senders = o.senders ?? sendersFromConfig(o.config);
    this.retryLimit = o.retryLimit ?? 5;
    this.retryDelay = o.retryDelaySeconds ?? 30;
  }

  static async start(boss: PgBoss, db: Db, o: NoticeJobOptions, ensureQueue: (name: string, options: PgBoss.Queue) => Promise<void>): Promise<NoticeJobs> {
    const jobs = new NoticeJobs(boss, db, o);
    await ensureQueue(NOTICE_QUEUE, { name: NOTICE_QUEUE, policy: "stately", retryLimit: jobs.retryLimit, retryDelay: jobs.retryDelay, retryBackoff: true, expireInSeconds: 120 });
    if (o.work) {
      // pg-boss waits its polling interval between fetches even when the queue is full, so a batch of one sent one notice
      // a second per process (a backlog of 40,000 after a day's registrations in the benchmark), and a batch of 25 alone
      // still caps it at 25 an interval: after a full batch the worker is told to fetch again at once. A batch is handled one
      // job at a time; a job that fails is failed alone (retried by its backoff), and pg-boss completes only the jobs still active.
      let workerId = "";
      workerId = await boss.work<NoticeJobData>(
        NOTICE_QUEUE,
        { batchSize: NOTICE_BATCH, includeMetadata: true, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 1 },
        async (batch) => {
          for (const job of batch) {
            try {
              await jobs.handle(job);
            } catch (err) {
              await boss.fail(NOTICE_QUEUE, job.id, { reason: failureReason(err) });
            }
          }
          if (batch.length === NOTICE_BATCH && workerId) boss.notifyWorker(workerId);
        },
      );
    }
    if (o.register) registerNoticeQueue(jobs);
    return jobs;
  }

  stop(): void {
    if (this.o.register) registerNoticeQueue(null);
  }

  /**
   * Queues the fan-out job for a person. Every call made in the same turn of the event loop (the frikort grants of one
   * register batch) goes to pg-boss as one insert, not one statement per person.
   */
  enqueue(personId: string): Promise<void> {
    this.pending.set(this.key({ personId }), { personId });
    if (!this.flushing) {
      this.flushing = new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          const data = [...this.pending.values()];
          this.pending.clear();
          this.flushing = null;
          this.insert(data).then(resolve, reject);
        });
      });
    }
    return this.flushing;
  }

  private readonly pending = new Map<string, NoticeJobData>();
  private flushing: Promise<void> | null = null;

  private key(data: NoticeJobData): string {
    return `${data.channel ?? "all"}:${data.personId}${data.forChild ? ":child" : ""}`;
  }

  private async insert(data: NoticeJobData[]): Promise<void> {
    if (!data.length) return;
    await this.boss.insert(
      data.map((d) => ({ name: NOTICE_QUEUE, data: d, singletonKey: this.key(d), retryLimit: this.retryLimit, retryDelay: this.retryDelay, retryBackoff: true })),
    );
  }

  private async fanOut(personId: string, settings: NoticeSettings, forChild: boolean): Promise<void> {
    const extra = forChild ? { forChild: true } : {};
    if (settings.emailOn && settings.email) await this.send({ personId, channel: "email", ...extra });
    if (settings.smsOn && settings.phone) await this.send({ personId, channel: "sms", ...extra });
  }

  private async send(data: NoticeJobData): Promise<void> {
    await this.boss.send(NOTICE_QUEUE, data, {
      singletonKey: this.key(data),
      retryLimit: this.retryLimit,
      retryDelay: this.retryDelay,
      retryBackoff: true,
    });
  }

  private async handle(job: PgBoss.JobWithMetadata<NoticeJobData>): Promise<void> {
    const { personId, channel, forChild } = job.data ?? ({} as Partial<NoticeJobData>);
    if (!personId) return;
    if (!channel) {
      // the person's own choices, and each parent who acts for them today (a child under 16) by the parent's choices
      const own = await getNoticeSettings(this.db, personId);
      if (own) await this.fanOut(personId, own, false);
      for (const parentId of await parentsActingFor(this.db, personId, todayOslo())) {
        const theirs = await getNoticeSettings(this.db, parentId);
        if (theirs) await this.fanOut(parentId, theirs, true);
      }
      return;
    }
    const settings = await getNoticeSettings(this.db, personId);
    if (!settings) return;
    // read again at send time: a channel turned off (or an address removed) since the message sends nothing
    const to = channel === "email" ? (settings.emailOn ? settings.email : null) : settings.smsOn ? settings.phone : null;
    if (!to) return;
    try {
      await this.senders[channel].send(to, noticeMessage(settings.lang, this.o.config.publicUrl, forChild === true));
      log.info("notice delivered", { channel, personId, attempt: job.retryCount + 1 });
    } catch (err) {
      const last = job.retryCount >= job.retryLimit;
      log.warn(last ? "notice could not be sent; gave up" : "notice could not be sent; will retry", { channel, personId, attempt: job.retryCount + 1, reason: failureReason(err) });
      throw err;
    }
  }
}

/** What went wrong, without the provider's text (an SMTP reply can quote the address). */
function failureReason(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown; name?: unknown };
  return [typeof e?.name === "string" ? e.name : "Error", typeof e?.code === "string" ? e.code : null, typeof e?.responseCode === "number" ? e.responseCode : null]
    .filter((x) => x !== null)
    .join(" ");
}
