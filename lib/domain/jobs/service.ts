import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { pool } from "@/lib/db/client";
import { tenantTransaction } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { notFound } from "@/lib/errors";
import { jobSender, transactionExecutor } from "@/lib/jobs/boss";
import { toPage, toSkipTake, ZPageInput, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { queueLabelKey } from "./queue-labels";

/**
 * The dead-letter view (issue 15): the tenant's background jobs that failed for good — after their
 * last retry — kept by pg-boss in its job table until they are archived (lib/jobs/boss.ts), and
 * the admin's retry of one. A job belongs to a tenant by the `tenantId` in its data (every tenant
 * job carries it, lib/jobs/queues.ts); pgboss.job has no row-level security, so every statement
 * here filters by it, and a job of another tenant — or one without a tenant, like the cron
 * fan-outs — answers exactly like a missing one. Job data hold ids only; the view shows no data.
 */

export const FAILED_JOBS_PAGE_SIZE = 25;

/** How much of a failure's message the view shows (a stack trace is never shown). */
const ERROR_MAX = 500;

const ZFailedJobsPageInput = z.object({ page: ZPageInput.shape.page.catch(1) });

export type TFailedJobView = {
  id: string;
  /** The queue's name (pg-boss), e.g. "notification.email". */
  queue: string;
  /** Its name for people: a message key (queue-labels.ts). */
  queueLabelKey: string;
  createdAt: Date;
  /** When the last attempt failed. */
  failedAt: Date | null;
  /** How many times it ran (the first attempt and its retries). */
  attempts: number;
  /** The failure's message as the handler threw it, shortened; null when it left none. */
  error: string | null;
};

type TFailedJobRow = { id: string; queue: string; createdAt: Date; failedAt: Date | null; retryCount: number; error: string | null };

/** The /admin/jobs page: the tenant's failed jobs, the latest failure first. */
export async function getFailedJobsPage(ctx: TContext, rawInput: { page?: unknown } = {}): Promise<{ result: TPage<TFailedJobView> }> {
  await assertCan(ctx, "jobs.manage");
  const { page } = parseInput(ZFailedJobsPageInput, rawInput);
  const pageInput = { page, pageSize: FAILED_JOBS_PAGE_SIZE };
  const { skip, take } = toSkipTake(pageInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // The message of what the handler threw (serialized Error), of an expiry ({ value: { message } })
    // or of a plain value ({ value: "…" }): the shapes pg-boss stores in `output`.
    const rows = await tx.$queryRaw<TFailedJobRow[]>`
      SELECT id::text AS id, name AS queue, created_on AS "createdAt", completed_on AS "failedAt", retry_count AS "retryCount",
             left(COALESCE(output->>'message', output->'value'->>'message',
                           CASE WHEN jsonb_typeof(output->'value') = 'string' THEN output->>'value' END), ${ERROR_MAX}) AS error
      FROM pgboss.job
      WHERE state = 'failed' AND data->>'tenantId' = ${ctx.tenantId}
      ORDER BY completed_on DESC NULLS LAST, id
      LIMIT ${take} OFFSET ${skip}`;
    const [count] = await tx.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM pgboss.job WHERE state = 'failed' AND data->>'tenantId' = ${ctx.tenantId}`;
    const items = rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      queueLabelKey: queueLabelKey(row.queue),
      createdAt: row.createdAt,
      failedAt: row.failedAt,
      attempts: row.retryCount + 1,
      error: row.error,
    }));
    return { result: toPage(items, count?.total ?? 0, pageInput) };
  });
}

/**
 * Sends one of the tenant's failed jobs back to its queue (pg-boss's retry: state `retry`, one
 * more attempt allowed), audited in the same transaction. The job is locked first, so two admins
 * retrying it at once retry it once; the second, like any id that is not a failed job of the
 * tenant, gets NOT_FOUND.
 */
export async function retryFailedJob(ctx: TContext, jobId: string): Promise<{ id: string; queue: string }> {
  await assertCan(ctx, "jobs.manage");
  assertId(jobId, "Job");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [job] = await tx.$queryRaw<{ id: string; queue: string; retryCount: number }[]>`
      SELECT id::text AS id, name AS queue, retry_count AS "retryCount" FROM pgboss.job
      WHERE id = ${jobId}::uuid AND state = 'failed' AND data->>'tenantId' = ${ctx.tenantId}
      FOR UPDATE`;
    if (!job) throw notFound("Job");
    // Under the row lock the job is still failed: pg-boss's retry (state = 'failed' in its WHERE) moves it.
    await jobSender(pool).retry(job.queue, job.id, { db: transactionExecutor(tx) });
    await recordAudit(tx, auditActor(ctx), {
      action: "job.retry",
      entityType: "BackgroundJob",
      entityId: job.id,
      after: { queue: job.queue, attempts: job.retryCount + 1 },
    });
    return { id: job.id, queue: job.queue };
  });
}
