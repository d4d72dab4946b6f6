import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { lockAdvisors, lockClient, peekClientAdvisor, type TLockedClient } from "./locks";
import type { TAdvisorLoad } from "./policy";

export type TMoveKind = "assign" | "reassign" | "take" | "release" | "handover";

/**
 * Moves a locked client to `to` (or back to the queue when null), closing the open assignment row
 * and opening a new one, so the history says who, when, from whom, to whom and why.
 */
export async function applyMove(
  tx: TTx,
  ctx: TContext,
  client: TLockedClient,
  to: TAdvisorLoad | null,
  kind: TMoveKind,
  reason: string | null,
): Promise<void> {
  const now = new Date();
  if (client.keyAdvisorId) {
    await tx.clientAssignment.updateMany({
      where: { tenantId: ctx.tenantId, clientId: client.id, releasedAt: null },
      data: { releasedAt: now, releasedById: ctx.userId, releaseReason: reason },
    });
  }
  if (to) {
    await tx.clientAssignment.create({
      data: {
        tenantId: ctx.tenantId,
        clientId: client.id,
        advisorId: to.id,
        fromAdvisorId: client.keyAdvisorId,
        assignedById: ctx.userId,
        assignedAt: now,
        reason,
      },
      select: { id: true },
    });
  }
  await tx.client.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: client.id } },
    data: to ? { keyAdvisorId: to.id, status: "ACTIVE", waitingSince: null } : { keyAdvisorId: null, status: "WAITING", waitingSince: now },
    select: { id: true },
  });
  await recordAudit(tx, auditActor(ctx), {
    action: `client.${kind}`,
    entityType: "Client",
    entityId: client.id,
    before: { keyAdvisorId: client.keyAdvisorId, status: client.status },
    after: { keyAdvisorId: to?.id ?? null, status: to ? "ACTIVE" : "WAITING", ...(reason ? { reason } : {}) },
  });
}

/** The client changed advisor between our unlocked peek and our lock: lock the right advisors and try again. */
class StaleAdvisor extends Error {}

const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in a tenant transaction holding, in the fixed order, the locks of the client's
 * current advisor and of `extraAdvisorIds`, then the client's row. Every operation that adds load
 * goes through here (or takes the same advisor lock through lockAdvisors), which is what makes the
 * cap hold under any concurrency.
 */
export async function withClientLocked<T>(
  ctx: TContext,
  clientId: string,
  extraAdvisorIds: string[],
  work: (tx: TTx, locked: { client: TLockedClient; advisors: Map<string, TAdvisorLoad>; tenantMax: number }) => Promise<T>,
): Promise<T> {
  assertId(clientId, "Client");
  for (let attempt = 1; ; attempt++) {
    try {
      return await tenantTransaction(ctx.tenantId, async (tx) => {
        const current = await peekClientAdvisor(tx, ctx.tenantId, clientId);
        const { advisors, tenantMax } = await lockAdvisors(tx, ctx.tenantId, [...(current ? [current] : []), ...extraAdvisorIds]);
        const client = await lockClient(tx, ctx.tenantId, clientId);
        if (client.keyAdvisorId !== current) throw new StaleAdvisor();
        return work(tx, { client, advisors, tenantMax });
      });
    } catch (error) {
      if (!(error instanceof StaleAdvisor)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new AppError("CONFLICT", { message: "Client kept changing advisor" });
    }
  }
}
