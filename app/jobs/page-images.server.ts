/**
 * Rendering the page images of a submitted application abroad (issue 19) as pg-boss jobs on one
 * queue, "render-page-images": a submission sends one job (policy "stately", singletonKey = the
 * application, so a double submit adds nothing); the worker renders every PDF page at the case
 * view's size with the memory-capped render process and keeps it in abroad_page_images. One job at
 * a time per process (the renderer is the scarce part). A failure is retried; after the last attempt
 * the case view still renders on demand, so nothing depends on the job.
 */
import type PgBoss from "pg-boss";
import type { Db } from "~/db/client.server";
import { renderApplicationPages } from "~/services/abroad-review.server";
import { type PageImageQueue, registerPageImageQueue } from "~/services/page-image-queue.server";
import { log } from "~/utils/log.server";

export const PAGE_IMAGE_QUEUE = "render-page-images";

interface PageImageJobData {
  applicationId: string;
}

export interface PageImageJobOptions {
  work: boolean;
  register: boolean;
  pollingIntervalSeconds?: number;
}

export class PageImageJobs implements PageImageQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly o: PageImageJobOptions,
  ) {}

  static async start(boss: PgBoss, db: Db, o: PageImageJobOptions, ensureQueue: (name: string, options: PgBoss.Queue) => Promise<void>): Promise<PageImageJobs> {
    const jobs = new PageImageJobs(boss, o);
    await ensureQueue(PAGE_IMAGE_QUEUE, { name: PAGE_IMAGE_QUEUE, policy: "stately", retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 600 });
    if (o.work) {
      await boss.work<PageImageJobData>(PAGE_IMAGE_QUEUE, { batchSize: 1, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 1 }, async ([job]) => {
        const applicationId = job?.data?.applicationId;
        if (!applicationId || !/^[0-9a-f-]{36}$/i.test(applicationId)) return;
        const started = Date.now();
        const documents = await renderApplicationPages(db, applicationId);
        log.info("page images rendered", { applicationId, documents, ms: Date.now() - started });
      });
    }
    if (o.register) registerPageImageQueue(jobs);
    return jobs;
  }

  stop(): void {
    if (this.o.register) registerPageImageQueue(null);
  }

  async enqueue(applicationId: string): Promise<void> {
    await this.boss.send(PAGE_IMAGE_QUEUE, { applicationId } satisfies PageImageJobData, { singletonKey: applicationId, retryLimit: 2, retryDelay: 10, retryBackoff: true });
  }
}
