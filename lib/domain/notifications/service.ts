import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { isNotificationKind, type TNotificationKind } from "./kinds";
import { appPathOf, notificationsKeptSince, notificationTextValues, NOTIFICATIONS_PATH, type TNotificationTextValues } from "./policy";
import { NOTIFICATIONS_PAGE_SIZE, ZNotificationsPageInput, type TNotificationFilter, type TNotificationsPageInput } from "./schemas";

/**
 * The signed-in user's own notifications (the in-app half of the outbox, outbox.ts). Every query
 * is scoped to the caller as recipient — `notifications.own` is every role's, so the scope, not
 * the role, keeps one user's notifications from another: someone else's id, or another tenant's,
 * is NOT_FOUND. Notifications older than the retention period are neither listed, counted nor
 * opened, even before the nightly cleanup deletes them.
 *
 * Marking read is not audited: it changes only the reader's own view of their inbox, no record of
 * the centre's work, and would flood the trail with an entry per click.
 */

/** One notification as the list shows it; its text is `notifications.kinds.<kind>.title` with `values`. */
export type TNotificationView = {
  id: string;
  /** Null for a kind this release no longer knows (the list shows a generic line). */
  kind: TNotificationKind | null;
  values: TNotificationTextValues;
  createdAt: Date;
  read: boolean;
};

export type TNotificationsPage = {
  filter: TNotificationFilter;
  /** The caller's unread notifications, whichever filter is shown. */
  unread: number;
  result: TPage<TNotificationView>;
};

/** The caller's kept notifications: the one filter of the list, the counts and the writes. */
function ownWhere(ctx: TContext, now: Date): Prisma.NotificationWhereInput {
  return { tenantId: ctx.tenantId, userId: ctx.userId, createdAt: { gte: notificationsKeptSince(now) } };
}

/** The /notifications page: a page of the caller's notifications, newest first, and the counts. */
export async function getNotificationsPage(ctx: TContext, rawInput: TNotificationsPageInput = {}): Promise<TNotificationsPage> {
  await assertCan(ctx, "notifications.own");
  const { page, filter } = parseInput(ZNotificationsPageInput, rawInput);
  const pageInput = { page, pageSize: NOTIFICATIONS_PAGE_SIZE };
  const now = new Date();
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const where = ownWhere(ctx, now);
    // Both counts in one statement: the total of "all" and the unread (the total of "unread").
    const [counts] = await tx.$queryRaw<{ total: number; unread: number }[]>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
      FROM notification
      WHERE tenant_id = ${ctx.tenantId}::uuid AND user_id = ${ctx.userId}::uuid AND created_at >= ${notificationsKeptSince(now)}`;
    const rows = await tx.notification.findMany({
      where: filter === "unread" ? { ...where, readAt: null } : where,
      select: { id: true, kind: true, params: true, createdAt: true, readAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...toSkipTake(pageInput),
    });
    const total = filter === "unread" ? (counts?.unread ?? 0) : (counts?.total ?? 0);
    const items = rows.map((row) => ({
      id: row.id,
      kind: isNotificationKind(row.kind) ? row.kind : null,
      values: notificationTextValues(row.params),
      createdAt: row.createdAt,
      read: row.readAt !== null,
    }));
    return { filter, unread: counts?.unread ?? 0, result: toPage(items, total, pageInput) };
  });
}

/**
 * The caller's unread notifications. (The shell's bell reads the same number from the session
 * check's own statement, lib/domain/sessions/session.ts, so no page pays a statement for it.)
 */
export async function countUnread(ctx: TContext): Promise<number> {
  await assertCan(ctx, "notifications.own");
  const now = new Date();
  return tenantTransaction(ctx.tenantId, (tx) => tx.notification.count({ where: { ...ownWhere(ctx, now), readAt: null } }));
}

/**
 * Marks one of the caller's notifications read (again: a read one keeps when it was first read)
 * and returns where it leads — a path of this app, checked before anyone is redirected to it.
 */
export async function markNotificationRead(ctx: TContext, notificationId: string): Promise<{ id: string; href: string }> {
  await assertCan(ctx, "notifications.own");
  assertId(notificationId, "Notification");
  const now = new Date();
  const [row] = await tenantTransaction(ctx.tenantId, (tx) =>
    tx.$queryRaw<{ id: string; href: string }[]>`
      UPDATE notification SET read_at = COALESCE(read_at, now())
      WHERE tenant_id = ${ctx.tenantId}::uuid AND user_id = ${ctx.userId}::uuid AND id = ${notificationId}::uuid
        AND created_at >= ${notificationsKeptSince(now)}
      RETURNING id, href`,
  );
  if (!row) throw notFound("Notification");
  return { id: row.id, href: appPathOf(row.href) ?? NOTIFICATIONS_PATH };
}

/** Marks every kept notification of the caller read; returns how many were unread. */
export async function markAllNotificationsRead(ctx: TContext): Promise<{ marked: number }> {
  await assertCan(ctx, "notifications.own");
  const now = new Date();
  const { count } = await tenantTransaction(ctx.tenantId, (tx) =>
    tx.notification.updateMany({ where: { ...ownWhere(ctx, now), readAt: null }, data: { readAt: now } }),
  );
  return { marked: count };
}
