import "server-only";
import type PgBoss from "pg-boss";
import { pool } from "@/lib/db/client";
import type { TTx } from "@/lib/db/transaction";
import { jobSender, transactionExecutor } from "./boss";
import { QUEUE_POLICIES, type TQueueName } from "./queues";

export type TJobRequest<T extends object> = {
  queue: TQueueName;
  data: T;
  /** Sends nothing when a job with this key is still waiting or running in the queue (pg-boss singleton). */
  singletonKey?: string;
  startAfter?: Date;
};

function sendOptions(queue: TQueueName, tx: TTx, request: { singletonKey?: string; startAfter?: Date }): PgBoss.SendOptions {
  const policy = QUEUE_POLICIES[queue];
  return {
    db: transactionExecutor(tx),
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelay,
    retryBackoff: policy.retryBackoff,
    expireInSeconds: policy.expireInSeconds,
    ...(request.singletonKey !== undefined ? { singletonKey: request.singletonKey } : {}),
    ...(request.startAfter !== undefined ? { startAfter: request.startAfter } : {}),
  };
}

/**
 * Queues background work inside the caller's transaction: the job exists exactly when the change
 * that asked for it commits. Job data carry ids, never personal data (the job table has no
 * row-level security).
 */
export async function enqueue<T extends object>(tx: TTx, request: TJobRequest<T>): Promise<string | null> {
  return jobSender(pool).send(request.queue, request.data, sendOptions(request.queue, tx, request));
}

/** Queues many jobs of one queue in the caller's transaction, in one statement. */
export async function enqueueMany<T extends object>(tx: TTx, queue: TQueueName, data: T[]): Promise<void> {
  if (data.length === 0) return;
  const policy = QUEUE_POLICIES[queue];
  await jobSender(pool).insert(
    data.map((item) => ({
      name: queue,
      data: item,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelay,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
    })),
    { db: transactionExecutor(tx) },
  );
}
