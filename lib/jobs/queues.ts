/**
 * The background work of the app, as data: every queue with its retry policy, and the schedules
 * that start the recurring work. The queues themselves are created by a migration
 * (20261203090000_notifications_jobs_accounts); the worker keeps their options in step with this
 * file. A new queue needs both: a migration that creates it and an entry here.
 */
export const QUEUES = {
  /** E-mails one notification (lib/domain/notifications/delivery.ts). */
  notificationEmail: "notification.email",
  /** E-mails an invitation or a reset link, minting its token (lib/domain/accounts). */
  accountEmail: "account.email",
  /** One tenant's nightly checks: overdue paths, returned plans left lying, old notifications. */
  tenantNightly: "tenant.nightly",
  /** One tenant's daily digests for users who chose them. */
  tenantDigestDaily: "tenant.digest.daily",
  /** One tenant's weekly digest for managers. */
  tenantDigestWeekly: "tenant.digest.weekly",
  /** Anonymises the persons an IOD approved after retention ended (lib/domain/privacy/retention.ts). */
  privacyAnonymise: "privacy.anonymise",
  /** The dry run of an uploaded spreadsheet (lib/domain/imports). */
  importValidate: "import.validate",
  /** The import of a spreadsheet whose dry run was clean: one transaction, all rows or none. */
  importCommit: "import.commit",
  /** Scheduled: fans out tenant.nightly to every tenant. */
  cronNightly: "cron.nightly",
  cronDigestDaily: "cron.digest.daily",
  cronDigestWeekly: "cron.digest.weekly",
} as const;

export type TQueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type TQueuePolicy = {
  /** Attempts after the first before the job is left failed (the dead-letter view). */
  retryLimit: number;
  /** Seconds before the first retry; doubled each time with retryBackoff. */
  retryDelay: number;
  retryBackoff: boolean;
  /** How long one attempt may run before it counts as failed. */
  expireInSeconds: number;
  /**
   * Jobs a worker takes per poll. pg-boss waits the polling interval between fetches even when
   * busy, so this sets a worker's throughput (batch / interval); each job still succeeds or fails alone.
   */
  batchSize: number;
};

/** E-mail: an SMTP server that is down for a while still gets the message (30 s, 1, 2, 4 … min). */
const MAIL: TQueuePolicy = { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 300, batchSize: 20 };
/** Checks and digests: idempotent, retried a few times, then left for the admin to see. */
const CHECK: TQueuePolicy = { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 900, batchSize: 5 };
/**
 * A file's dry run or import: long. A retry runs only what did not finish — the job acts only on an
 * import still VALIDATING or IMPORTING, and an import that failed has already been marked so; one
 * whose process died mid-way rolled back whole and runs again.
 */
const IMPORT: TQueuePolicy = { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600, batchSize: 1 };
const FANOUT: TQueuePolicy = { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 300, batchSize: 1 };

export const QUEUE_POLICIES: Record<TQueueName, TQueuePolicy> = {
  [QUEUES.notificationEmail]: MAIL,
  [QUEUES.accountEmail]: MAIL,
  [QUEUES.tenantNightly]: CHECK,
  [QUEUES.tenantDigestDaily]: CHECK,
  [QUEUES.tenantDigestWeekly]: CHECK,
  // Batches in short transactions, each retried alone; a retry skips what is done.
  [QUEUES.privacyAnonymise]: CHECK,
  [QUEUES.importValidate]: IMPORT,
  [QUEUES.importCommit]: IMPORT,
  [QUEUES.cronNightly]: FANOUT,
  [QUEUES.cronDigestDaily]: FANOUT,
  [QUEUES.cronDigestWeekly]: FANOUT,
};

/** Recurring work, in Polish time (cron: minute hour day-of-month month day-of-week). */
export const SCHEDULES = [
  { queue: QUEUES.cronNightly, cron: "30 2 * * *", fansOutTo: QUEUES.tenantNightly },
  { queue: QUEUES.cronDigestDaily, cron: "0 7 * * *", fansOutTo: QUEUES.tenantDigestDaily },
  { queue: QUEUES.cronDigestWeekly, cron: "0 7 * * 1", fansOutTo: QUEUES.tenantDigestWeekly },
] as const;

export const SCHEDULE_TIME_ZONE = "Europe/Warsaw";

/** Every job that belongs to a tenant carries its id: the dead-letter view filters by it. */
export type TTenantJob = { tenantId: string };
