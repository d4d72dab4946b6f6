import { AppError, notFound } from "@/lib/errors";
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
  await refuse(ctx, permission);
}

/**
 * Records a refusal and throws FORBIDDEN. For refusals a role check alone cannot make, e.g. a
 * coordinator acting on another partner's advisor (`detail` says what was refused).
 */
export async function refuse(
  ctx: TContext,
  permission: TPermission,
  detail?: Record<string, string>,
  options: { answerAsMissing?: string } = {},
): Promise<never> {
  await tenantTransaction(ctx.tenantId, (tx) =>
    recordAudit(tx, auditActor(ctx), {
      action: "auth.forbidden",
      entityType: "Permission",
      entityId: permission,
      after: { role: ctx.role, permission, ...detail },
    }),
  );
  if (options.answerAsMissing) throw notFound(options.answerAsMissing);
  throw new AppError("FORBIDDEN", { message: `Role ${ctx.role} may not use ${permission} here` });
}

/**
 * A refusal discovered inside a transaction (e.g. after locking a row to learn its partner).
 * Recording it there would need a second connection while the first holds locks — a deadlock on
 * a one-connection pool — so it is thrown, and {@link recordScopeRefusals} records it after the
 * transaction has rolled back.
 */
export class ScopeRefusal extends Error {
  constructor(
    readonly permission: TPermission,
    readonly detail: Record<string, string>,
    /**
     * Set when the caller may not even see the record (need-to-know): the refusal is audited but
     * answered exactly like a missing record of this entity, so it reveals nothing.
     */
    readonly answerAsMissing?: string,
  ) {
    super(`Refused ${permission}`);
  }
}

export async function recordScopeRefusals<T>(ctx: TContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScopeRefusal) await refuse(ctx, error.permission, error.detail, { answerAsMissing: error.answerAsMissing });
    throw error;
  }
}
