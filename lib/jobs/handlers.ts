import "server-only";
import type PgBoss from "pg-boss";
import { fanOutToTenants } from "./fan-out";
import { SCHEDULES, type TQueueName } from "./queues";

export type TJobContext = { boss: PgBoss; jobId: string };
export type TJobHandler = (data: Record<string, unknown>, context: TJobContext) => Promise<void>;

/**
 * Which function does each queue's work. The work itself lives in its domain area; this file only
 * wires queues to it.
 */
export const JOB_HANDLERS: Partial<Record<TQueueName, TJobHandler>> = {
  ...Object.fromEntries(SCHEDULES.map(({ queue, fansOutTo }) => [queue, (_data: Record<string, unknown>, context: TJobContext) => fanOutToTenants(context.boss, fansOutTo)])),
};
