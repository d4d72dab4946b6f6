import "server-only";
import { QUEUES, type TQueueName } from "@/lib/jobs/queues";

/**
 * The name of each queue for people, as a message key: `jobs.queues.<key of QUEUES>` (queue names
 * hold dots, which message keys cannot). Used by the dead-letter view and the audit trail.
 */
export const QUEUE_LABELS = Object.fromEntries(Object.entries(QUEUES).map(([key, name]) => [name, `jobs.queues.${key}`])) as Record<TQueueName, string>;

/** A queue's label key; a queue this release does not know reads as "other work". */
export function queueLabelKey(queue: string): string {
  return Object.hasOwn(QUEUE_LABELS, queue) ? QUEUE_LABELS[queue as TQueueName] : "jobs.queues.unknown";
}
