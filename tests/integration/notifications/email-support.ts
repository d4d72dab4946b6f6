import { randomUUID } from "node:crypto";
import { ownerQuery } from "@/tests/factories";

/**
 * Helpers for the e-mail tests (email*.test.ts). They read the database as the owner; the app's
 * modules are imported by each test file itself, AFTER it has set SMTP_URL (lib/env.ts reads the
 * environment once, at import).
 */

export { eventually } from "@/tests/support/eventually";

export type TEmailRow = { id: string; userId: string; emailStatus: string; emailedAt: Date | null };

export function emailRows(tenantId: string): Promise<TEmailRow[]> {
  return ownerQuery<TEmailRow>(
    `SELECT id, user_id AS "userId", email_status::text AS "emailStatus", emailed_at AS "emailedAt" FROM notification WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
  );
}

export type TEmailJob = { id: string; notificationId: string; state: string; retryCount: number };

/** The tenant's `notification.email` jobs, wherever pg-boss keeps them (job table or archive). */
export function emailJobs(tenantId: string): Promise<TEmailJob[]> {
  return ownerQuery<TEmailJob>(
    `SELECT id, data->>'notificationId' AS "notificationId", state::text AS state, retry_count AS "retryCount"
       FROM pgboss.job WHERE name = 'notification.email' AND data->>'tenantId' = $1
     UNION ALL
     SELECT id, data->>'notificationId', state::text, retry_count
       FROM pgboss.archive WHERE name = 'notification.email' AND data->>'tenantId' = $1`,
    [tenantId],
  );
}

export const allCompleted = (jobs: TEmailJob[]) => jobs.length > 0 && jobs.every((job) => job.state === "completed");

/** A notice for `notify()`: `client_assigned` to `userId`, leading to a client of its own. */
export function clientAssigned(userId: string) {
  return { userId, kind: "client_assigned" as const, href: `/clients/${randomUUID()}`, params: { clientName: "Spółdzielnia Socjalna Przykład" } };
}
