import "server-only";
import type { TContext } from "@/lib/auth/context";
import { todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { recordAudit } from "@/lib/domain/audit/service";
import type { AccessView } from "@/lib/generated/prisma/client";

/**
 * The access log (issue 17 §1): who viewed whose data, when, how and from where. This file is the
 * one home of "a view of a person is logged": read services call {@link recordAccess} inside their
 * own transaction, after their scope check has passed — a refused or missing record logs nothing,
 * and a view whose transaction rolls back leaves no entry. The table is append-only in the
 * database (migration 20261205090001): the app may insert and read, and only the retention purge
 * below deletes.
 */

export type TAccessView = AccessView;

export type TAccessEntry = {
  clientId: string;
  view: TAccessView;
  /** Which path, export or report: a path id, "participants.register", "events.export:<eventId>"… */
  detail?: string | null;
};

/**
 * Appends one access-log row per entry, in ONE statement, as the caller (ctx.userId) from ctx.ip
 * within ctx.requestId. Nothing for an empty list. Entries are taken as given: a caller listing
 * a person twice in one view logs them twice, so callers pass each person once per view.
 */
export async function recordAccess(tx: TTx, ctx: TContext, entries: readonly TAccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.accessLog.createMany({
    data: entries.map((entry) => ({
      tenantId: ctx.tenantId,
      userId: ctx.userId,
      clientId: entry.clientId,
      view: entry.view,
      detail: entry.detail ?? null,
      ip: ctx.ip ?? null,
      requestId: ctx.requestId,
    })),
  });
}

/** The same view of several persons (an export, a report): each person once, in the order given. */
export function accessOfEach(clientIds: Iterable<string>, view: TAccessView, detail: string): TAccessEntry[] {
  return [...new Set(clientIds)].map((clientId) => ({ clientId, view, detail }));
}

/**
 * Deletes the tenant's access-log entries older than its `accessLogRetentionMonths` as of `now`
 * (the nightly job; tests pass a fixed moment) through `access_log_purge`, the only delete the
 * table allows, and audits how many went. Returns that number.
 */
export async function purgeExpiredAccessLog(tenantId: string, now: Date = new Date()): Promise<number> {
  return tenantTransaction(tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<{ removed: number; olderThan: Date }[]>`
      SELECT access_log_purge(k.older_than) AS removed, k.older_than AS "olderThan"
      FROM (SELECT ${now}::timestamptz - make_interval(months => t.access_log_retention_months) AS older_than
            FROM tenant t WHERE t.id = ${tenantId}::uuid) k`;
    const removed = row?.removed ?? 0;
    if (row && removed > 0) {
      await recordAudit(
        tx,
        { tenantId, userId: null },
        {
          action: "tenant.access_log_purged",
          entityType: "Tenant",
          entityId: tenantId,
          after: { removed, olderThan: todayInPoland(row.olderThan) },
        },
      );
    }
    return removed;
  });
}
