import "server-only";
import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import { isRole } from "@/lib/auth/permissions";
import type { TSessionClaims } from "@/lib/auth/session-token";
import { prisma } from "@/lib/db/client";

type TSessionUserRow = { id: string; tenantId: string; role: string; partnerId: string | null; officeId: string | null; name: string; email: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TSessionUserView = TContext & { officeId: string | null; name: string; email: string };

/**
 * The per-request check behind every page and action: the user still exists, is active, and the
 * token was minted for the current session version (a password change, reset, role change or
 * deactivation bumps it). Role and partner come from the database, not from the token.
 *
 * One statement, no transaction: `app_session_user` (migration 20261130180000) sets the tenant for
 * its own call and reads the user under row-level security, as a tenant transaction would.
 */
export async function loadSessionContext(claims: TSessionClaims, requestId?: string): Promise<TSessionUserView | null> {
  if (!UUID_RE.test(claims.userId) || !UUID_RE.test(claims.tenantId) || !Number.isInteger(claims.sessionVersion)) return null;
  const [user] = await prisma.$queryRaw<TSessionUserRow[]>`
    SELECT id, tenant_id AS "tenantId", role, partner_id AS "partnerId", office_id AS "officeId", name, email
    FROM app_session_user(${claims.tenantId}::uuid, ${claims.userId}::uuid, ${claims.sessionVersion}::integer)`;
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
  };
}
