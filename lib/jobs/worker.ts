import "server-only";
import type PgBoss from "pg-boss";
import type { Pool } from "pg";
import { logger } from "@/lib/logger";
import { createBoss } from "./boss";
import { JOB_HANDLERS, type TJobHandler } from "./handlers";
import { QUEUE_POLICIES, QUEUES, SCHEDULE_TIME_ZONE, SCHEDULES, type TQueueName } from "./queues";

export type TWorkerOptions = {
  pool: Pool;
  /** How often an idle queue is polled; 2 s by default. */
  pollingIntervalSeconds?: number;
  /** Overrides every queue's first retry delay (tests: 1 s instead of 30 s). */
  retryDelaySeconds?: number;
  /** Run the cron clock (default true). pg-boss sends each schedule slot once across instances. */
  schedule?: boolean;
  /** Replace handlers (tests only). */
  handlers?: Partial<Record<TQueueName, TJobHandler>>;
  /** Only these queues get a worker (default: all). */
  queues?: readonly TQueueName[];
};

export type TWorker = { boss: PgBoss; stop: () => Promise<void> };

/**
 * Starts the background worker: every queue gets a poller that fetches one job at a time with
 * `FOR UPDATE SKIP LOCKED`, so any number of workers (processes or app instances) share the
 * queues and no job runs twice at once. A handler that throws is retried with backoff
 * (lib/jobs/queues.ts); after the last retry the job stays failed for the admin's dead-letter view.
 * Handlers are idempotent: a job that ran but whose completion was lost runs again harmlessly.
 */
export async function startWorker(options: TWorkerOptions): Promise<TWorker> {
  const boss = createBoss({ pool: options.pool, schedule: options.schedule ?? true, supervise: true });
  boss.on("error", (error) => logger.error("job queue error", { error: String(error) }));
  await boss.start();

  for (const [queue, policy] of Object.entries(QUEUE_POLICIES) as [TQueueName, (typeof QUEUE_POLICIES)[TQueueName]][]) {
    await boss.updateQueue(queue, {
      name: queue,
      retryLimit: policy.retryLimit,
      retryDelay: options.retryDelaySeconds ?? policy.retryDelay,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
    });
  }

  const handlers = { ...JOB_HANDLERS, ...options.handlers };
  const queues = options.queues ?? (Object.values(QUEUES) as TQueueName[]);
  for (const queue of queues) {
    const handler = handlers[queue];
    if (!handler) continue;
    await boss.work<Record<string, unknown>>(
      queue,
      { batchSize: QUEUE_POLICIES[queue].batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        // One at a time, each on its own: a job that throws is failed alone (and retried by
        // pg-boss); the batch's other jobs complete when this returns (completion skips failed ones).
        for (const job of jobs) {
          try {
            await handler(job.data, { boss, jobId: job.id });
          } catch (error) {
            logger.warn("job failed; pg-boss retries it until its retry limit", { queue, jobId: job.id, error: String(error) });
            await boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
      },
    );
  }

  if (options.schedule ?? true) {
    for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: SCHEDULE_TIME_ZONE });
  }

  return {
    boss,
    // close: false — the pool is the app's, shared with Prisma; its owner closes it.
    stop: () => boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 }),
  };
}
