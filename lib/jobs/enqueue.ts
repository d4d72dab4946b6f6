import "server-only";
import type PgBoss from "pg-boss";
import { pool } from "@/lib/db/client";
import type { TTx } from "@/lib/db/transaction";
import { jobSender, transactionExecutor } from "./boss";
import type { TQueueName } from "./queues";

export type TJobRequest<T extends object> = {
  queue: TQueueName;
  data: T;
  /** Sends nothing when a job with this key is still waiting or running in the queue (pg-boss singleton). */
  singletonKey?: string;
  startAfter?: Date;
};

function sendOptions(tx: TTx, request: { singletonKey?: string; startAfter?: Date }): PgBoss.SendOptions {
  // No retry options here: a job takes its queue's policy (lib/jobs/queues.ts, kept in the queue
  // table by the migration and the worker) when it is inserted.
  return {
    db: transactionExecutor(tx),
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
  return jobSender(pool).send(request.queue, request.data, sendOptions(tx, request));
}

/** Queues many jobs of one queue in the caller's transaction, in one statement. */
export async function enqueueMany<T extends object>(tx: TTx, queue: TQueueName, data: T[]): Promise<void> {
  if (data.length === 0) return;
  await jobSender(pool).insert(
    data.map((item) => ({ name: queue, data: item })),
    { db: transactionExecutor(tx) },
  );
}
