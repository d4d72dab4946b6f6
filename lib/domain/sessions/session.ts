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
  twoFactorEnabled: boolean;
  twoFactorRequired: boolean;
  sessionTwoFactor: boolean;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TSessionUserView = TContext & {
  officeId: string | null;
  /** The server-side session row this request belongs to (user_session). */
  sessionId: string;
  name: string;
  email: string;
  /** The user's unread notifications (kept ones), for the shell's bell. */
  unreadNotifications: number;
  /** The user has a second factor (TOTP) set up. */
  twoFactorEnabled: boolean;
  /** The tenant's policy requires a second factor of the user's role (tenant.two_factor_roles). */
  twoFactorRequired: boolean;
  /** This session was signed in with a second factor, or enrolled one. */
  sessionTwoFactor: boolean;
};

/**
 * The per-request check behind every page and action: the user still exists, is active, the token
 * was minted for the current session version (a password change, reset, role change or
 * deactivation bumps it) and its session row is not revoked (signing out, "sign out other
 * sessions"). Role and partner come from the database, not from the token.
 *
 * One statement, no transaction: `app_session_user` (migration 20261205090001) sets the tenant for
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
  const ids = [claims.userId, claims.tenantId, claims.sessionId];
  if (!ids.every((id) => UUID_RE.test(id)) || !Number.isInteger(claims.sessionVersion)) return null;
  const [user] = await prisma.$queryRaw<TSessionUserRow[]>`
    SELECT u.id, u.tenant_id AS "tenantId", u.role, u.partner_id AS "partnerId", u.office_id AS "officeId", u.name, u.email,
      u.two_factor_enabled AS "twoFactorEnabled", u.two_factor_required AS "twoFactorRequired", u.session_two_factor AS "sessionTwoFactor",
      (SELECT count(*)::int FROM notification n
        WHERE n.tenant_id = u.tenant_id AND n.user_id = u.id AND n.read_at IS NULL AND n.created_at >= ${notificationsKeptSince()}) AS "unreadNotifications"
    FROM app_session_user(set_config('app.tenant_id', ${claims.tenantId}, true)::uuid, ${claims.userId}::uuid, ${claims.sessionVersion}::integer,
      ${claims.sessionId}::uuid) u`;
  if (!user || !isRole(user.role)) return null;
  return {
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
    partnerId: user.partnerId,
    officeId: user.officeId,
    requestId: requestId ?? randomUUID(),
    sessionId: claims.sessionId,
    name: user.name,
    email: user.email,
    unreadNotifications: user.unreadNotifications,
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorRequired: user.twoFactorRequired,
    sessionTwoFactor: user.sessionTwoFactor,
  };
}
