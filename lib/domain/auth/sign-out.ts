import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";

export async function recordSignOut(ctx: TContext): Promise<void> {
  await tenantTransaction(ctx.tenantId, (tx) =>
    recordAudit(tx, auditActor(ctx), { action: "auth.sign_out", entityType: "User", entityId: ctx.userId }),
  );
}
