import "server-only";
import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import { isRole } from "@/lib/auth/permissions";
import type { TSessionClaims } from "@/lib/auth/session-token";
import { prisma } from "@/lib/db/client";
import { notificationsKeptSince } from "@/lib/domain/notifications/policy";

type TSessionUserRow = {
  id: string;
  tenantId: string;
  role: string;
  partnerId: string | null;
  officeId: string | null;
  name: string;
  email: string;
  unreadNotifications: number;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TSessionUserView = TContext & {
  officeId: string | null;
  name: string;
  email: string;
  /** The user's unread notifications (kept ones), for the shell's bell. */
  unreadNotifications: number;
};

/**
 * The per-request check behind every page and action: the user still exists, is active, and the
 * token was minted for the current session version (a password change, reset, role change or
 * deactivation bumps it). Role and partner come from the database, not from the token.
 *
 * One statement, no transaction: `app_session_user` (migration 20261130180000) sets the tenant for
 * its own call and reads the user under row-level security, as a tenant transaction would.
 *
 * The same statement counts the user's unread notifications for the bell every page shows, so no
 * page pays a statement of its own for it. The count reads `notification` under row-level
 * security too: the tenant is set as the function's argument is evaluated (`set_config(…, true)`,
 * before the function runs, which keeps it as the "previous" value it puts back), and lasts only
 * as long as this statement's own transaction — outside a transaction, as here, nothing carries
 * over to the pooled connection.
 */
export async function loadSessionContext(claims: TSessionClaims, requestId?: string): Promise<TSessionUserView | null> {
  if (!UUID_RE.test(claims.userId) || !UUID_RE.test(claims.tenantId) || !Number.isInteger(claims.sessionVersion)) return null;
  const [user] = await prisma.$queryRaw<TSessionUserRow[]>`
    SELECT u.id, u.tenant_id AS "tenantId", u.role, u.partner_id AS "partnerId", u.office_id AS "officeId", u.name, u.email,
      (SELECT count(*)::int FROM notification n
        WHERE n.tenant_id = u.tenant_id AND n.user_id = u.id AND n.read_at IS NULL AND n.created_at >= ${notificationsKeptSince()}) AS "unreadNotifications"
    FROM app_session_user(set_config('app.tenant_id', ${claims.tenantId}, true)::uuid, ${claims.userId}::uuid, ${claims.sessionVersion}::integer) u`;
  if (!user || !isRole(user.role)) return null;
  return {
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
    partnerId: user.partnerId,
    officeId: user.officeId,
    requestId: requestId ?? randomUUID(),
    name: user.name,
    email: user.email,
    unreadNotifications: user.unreadNotifications,
  };
}
