import { AppError } from "@/lib/errors";
import { tenantTransaction } from "@/lib/db/transaction";
import { recordAudit, auditActor } from "@/lib/domain/audit/service";
import type { TContext } from "./context";
import { can, type TPermission } from "./permissions";

/**
 * Guards a service operation. A refusal is recorded in the audit trail (in its own transaction,
 * since the operation's transaction never starts) and thrown as FORBIDDEN.
 */
export async function assertCan(ctx: TContext, permission: TPermission): Promise<void> {
  if (can(ctx.role, permission)) return;
  await tenantTransaction(ctx.tenantId, (tx) =>
    recordAudit(tx, auditActor(ctx), {
      action: "auth.forbidden",
      entityType: "Permission",
      entityId: permission,
      after: { role: ctx.role, permission },
    }),
  );
  throw new AppError("FORBIDDEN", { message: `Role ${ctx.role} lacks ${permission}` });
}
