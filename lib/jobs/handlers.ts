import "server-only";
import type PgBoss from "pg-boss";
import { handleAccountEmailJob } from "@/lib/domain/accounts/send-account-email";
import { handleNightlyChecksJob } from "@/lib/domain/notifications/checks";
import { handleDailyDigestJob } from "@/lib/domain/notifications/daily-digest";
import { handleNotificationEmailJob } from "@/lib/domain/notifications/delivery";
import { handleWeeklyDigestJob } from "@/lib/domain/notifications/weekly-digest";
import { handleImportCommitJob, handleImportValidateJob } from "@/lib/domain/imports/run";
import { handleAnonymiseJob } from "@/lib/domain/privacy/retention";
import { fanOutToTenants } from "./fan-out";
import { QUEUES, SCHEDULES, type TQueueName } from "./queues";

export type TJobContext = { boss: PgBoss; jobId: string };
export type TJobHandler = (data: Record<string, unknown>, context: TJobContext) => Promise<void>;

/**
 * Which function does each queue's work. The work itself lives in its domain area; this file only
 * wires queues to it.
 */
export const JOB_HANDLERS: Partial<Record<TQueueName, TJobHandler>> = {
  ...Object.fromEntries(SCHEDULES.map(({ queue, fansOutTo }) => [queue, (_data: Record<string, unknown>, context: TJobContext) => fanOutToTenants(context.boss, fansOutTo)])),
  [QUEUES.tenantNightly]: handleNightlyChecksJob,
  [QUEUES.tenantDigestWeekly]: handleWeeklyDigestJob,
  [QUEUES.notificationEmail]: handleNotificationEmailJob,
  [QUEUES.tenantDigestDaily]: handleDailyDigestJob,
  [QUEUES.accountEmail]: handleAccountEmailJob,
  [QUEUES.privacyAnonymise]: handleAnonymiseJob,
  [QUEUES.importValidate]: handleImportValidateJob,
  [QUEUES.importCommit]: handleImportCommitJob,
};
