import { ownerQuery } from "@/tests/factories";

/**
 * What the outbox left for a tenant, read as the owner: notification rows (the in-app list) and the
 * `notification.email` jobs queued with them (pgboss.job has no tenant column; the job's data
 * names the tenant and the notification).
 */
export type TStoredNotification = {
  id: string;
  userId: string;
  kind: string;
  href: string;
  params: Record<string, unknown>;
  emailStatus: "PENDING" | "DIGEST" | "SENT" | "SKIPPED";
};

export async function storedNotifications(tenantId: string): Promise<TStoredNotification[]> {
  return ownerQuery<TStoredNotification>(
    `SELECT id, user_id AS "userId", kind, href, params, email_status::text AS "emailStatus"
     FROM notification WHERE tenant_id = $1 ORDER BY kind COLLATE "C", href COLLATE "C", user_id`,
    [tenantId],
  );
}

/** The notification ids the tenant's queued e-mail jobs name, sorted. */
export async function queuedEmailJobs(tenantId: string): Promise<string[]> {
  const rows = await ownerQuery<{ notificationId: string }>(
    `SELECT data->>'notificationId' AS "notificationId" FROM pgboss.job
     WHERE name = 'notification.email' AND data->>'tenantId' = $1 ORDER BY data->>'notificationId' COLLATE "C"`,
    [tenantId],
  );
  return rows.map((row) => row.notificationId);
}

/** Every notification job of any tenant (a rolled-back change must leave none anywhere). */
export async function allQueuedEmailJobs(): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification.email'`);
  return row?.n ?? 0;
}

/** The notices as a comparison wants them: who got which kind, leading where (sorted like storedNotifications). */
export const noticesOf = (rows: TStoredNotification[]) => rows.map(({ userId, kind, href }) => ({ userId, kind, href }));

/** A user's choice for a kind's e-mail, written as the owner (setup: the preferences service is not under test here). */
export async function setEmailPreference(user: { id: string; tenantId: string }, kind: string, email: boolean): Promise<void> {
  await ownerQuery(`INSERT INTO notification_preference (tenant_id, user_id, kind, email) VALUES ($1, $2, $3, $4)`, [user.tenantId, user.id, kind, email]);
}

export async function chooseDailyDigest(user: { id: string }): Promise<void> {
  await ownerQuery(`UPDATE "user" SET email_digest = true WHERE id = $1`, [user.id]);
}
