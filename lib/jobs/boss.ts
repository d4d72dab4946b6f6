import "server-only";
import PgBoss from "pg-boss";
import type { Pool } from "pg";
import type { TTx } from "@/lib/db/transaction";

/**
 * pg-boss over connections the app already has. It never opens a pool of its own: in a process
 * there is one pool (lib/db/client.ts), so the embedded demo database, which serves a single
 * connection, is never asked for a second one. Nor does it migrate itself: its schema comes with the
 * app's migrations, and the app role may not run DDL.
 */
export function poolExecutor(pool: Pool): PgBoss.Db {
  return { executeSql: (text, values) => pool.query(text, values) };
}

/**
 * Runs pg-boss's statements inside a Prisma transaction, so a job is sent together with the change
 * that wants it — or not at all when the change rolls back (the transactional outbox).
 */
export function transactionExecutor(tx: TTx): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
  };
}

export type TBossOptions = {
  pool: Pool;
  /** How often an idle worker looks for new jobs. */
  pollingIntervalSeconds?: number;
  /** Whether this instance runs the cron clock (every instance may; pg-boss sends each slot once). */
  schedule?: boolean;
  /** Whether this instance runs maintenance (expiry, archiving). */
  supervise?: boolean;
};

export function createBoss({ pool, schedule = true, supervise = true }: TBossOptions): PgBoss {
  return new PgBoss({
    db: poolExecutor(pool),
    schema: "pgboss",
    migrate: false,
    schedule,
    supervise,
    // Failed jobs stay in the job table (and the dead-letter view, where they can be retried) for
    // 30 days before they are archived; completed ones a day.
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
    deleteAfterDays: 90,
  });
}

/**
 * A sender without a clock or maintenance: for code that only sends (in a transaction) or retries.
 * It is never started; sending through an executor needs no connection of its own.
 */
let sender: PgBoss | null = null;
export function jobSender(pool: Pool): PgBoss {
  sender ??= createBoss({ pool, schedule: false, supervise: false });
  return sender;
}
