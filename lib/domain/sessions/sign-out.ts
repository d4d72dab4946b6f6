import "server-only";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";

/**
 * Signing out revokes on the server, not only by deleting the cookie: the session version is
 * bumped, so any token minted before — a copy, or a cookie re-issued by a request still in flight
 * when the user clicked "Wyloguj" — is refused at its next request. (This ends the user's sessions
 * in other browsers too.)
 */
export async function recordSignOut(ctx: TContext): Promise<void> {
  await tenantTransaction(ctx.tenantId, async (tx) => {
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: ctx.userId } },
      data: { sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), { action: "auth.sign_out", entityType: "User", entityId: ctx.userId });
  });
}
