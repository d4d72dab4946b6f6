import "server-only";
import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import { isRole } from "@/lib/auth/permissions";
import { tenantTransaction } from "@/lib/db/transaction";

export type TSessionClaims = { userId: string; tenantId: string; sessionVersion: number };

export type TSessionUserView = TContext & { name: string; email: string };

/**
 * The per-request check behind every page and action: the user still exists, is active, and the
 * token was minted for the current session version (a password change, reset, role change or
 * deactivation bumps it). Role and partner come from the database, not from the token.
 */
export async function loadSessionContext(claims: TSessionClaims, requestId?: string): Promise<TSessionUserView | null> {
  const user = await tenantTransaction(claims.tenantId, (tx) =>
    tx.user.findFirst({
      where: { id: claims.userId, tenantId: claims.tenantId, active: true, sessionVersion: claims.sessionVersion },
      select: { id: true, tenantId: true, role: true, partnerId: true, name: true, email: true },
    }),
  );
  if (!user || !isRole(user.role)) return null;
  return {
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
    partnerId: user.partnerId,
    requestId: requestId ?? randomUUID(),
    name: user.name,
    email: user.email,
  };
}
