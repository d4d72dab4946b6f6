import "server-only";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";

/**
 * Signing out revokes this session on the server, not only by deleting the cookie: its row is
 * marked revoked, so any copy of its token — or a cookie re-issued by a request still in flight
 * when the user clicked "Wyloguj" — is refused at its next request. The user's other sessions (other
 * browsers) go on; "Wyloguj pozostałe sesje" ends those (lib/domain/sessions/own-sessions.ts).
 */
export async function recordSignOut(ctx: TContext): Promise<void> {
  await tenantTransaction(ctx.tenantId, async (tx) => {
    if (ctx.sessionId) {
      await tx.userSession.updateMany({
        where: { tenantId: ctx.tenantId, userId: ctx.userId, id: ctx.sessionId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    }
    await recordAudit(tx, auditActor(ctx), { action: "auth.sign_out", entityType: "User", entityId: ctx.userId });
  });
}
