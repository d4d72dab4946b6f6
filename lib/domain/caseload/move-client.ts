import "server-only";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { notify } from "@/lib/domain/notifications/outbox";
import type { TNotificationKind } from "@/lib/domain/notifications/kinds";
import { lockAdvisors, lockClient, peekClientAdvisor, type TLockedClient } from "./locks";
import type { TAdvisorLoad } from "./policy";

/**
 * Why a client moves; the audit action is `client.<kind>`. `close` and `reopen` are the client's
 * side of closing and reopening their support path (lib/domain/caseload/path-load.ts).
 */
export type TMoveKind = "assign" | "reassign" | "take" | "release" | "handover" | "close" | "reopen";

/**
 * What the advisor who gets the client is told, per kind of move. Taking a client from the queue is
 * the advisor's own act (nobody to tell); a reopened path brings the client back onto their load,
 * which they did not necessarily do themselves (notify() drops the actor either way).
 */
const NOTICE_OF_MOVE: Record<TMoveKind, TNotificationKind | null> = {
  assign: "client_assigned",
  reassign: "client_assigned",
  reopen: "client_assigned",
  handover: "client_handed_over",
  take: null,
  release: null,
  close: null,
};

/**
 * Moves a locked client to `to` — or, when null, off every advisor: back to the queue (WAITING) or,
 * when their support ends, to CLOSED — closing the open assignment row and opening a new one, so
 * the history says who, when, from whom, to whom and why. The only writer of client_assignment
 * and of the client's key advisor and status once registered — so also the one place that tells
 * the new key advisor, in the same transaction (NOTICE_OF_MOVE).
 */
export async function applyMove(
  tx: TTx,
  ctx: TContext,
  client: TLockedClient,
  to: TAdvisorLoad | null,
  kind: TMoveKind,
  reason: string | null,
  unassignedStatus: "WAITING" | "CLOSED" = "WAITING",
): Promise<void> {
  const now = new Date();
  const status = to ? "ACTIVE" : unassignedStatus;
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
    data: { keyAdvisorId: to?.id ?? null, status, waitingSince: status === "WAITING" ? now : null },
    select: { id: true },
  });
  await recordAudit(tx, auditActor(ctx), {
    action: `client.${kind}`,
    entityType: "Client",
    entityId: client.id,
    before: { keyAdvisorId: client.keyAdvisorId, status: client.status },
    after: { keyAdvisorId: to?.id ?? null, status, ...(reason ? { reason } : {}) },
  });
  const notice = NOTICE_OF_MOVE[kind];
  if (to && notice) {
    await notify(tx, ctx.tenantId, [{ userId: to.id, kind: notice, href: `/clients/${client.id}`, params: { clientName: client.name } }], { actorId: ctx.userId });
  }
}

const MAX_ATTEMPTS = 5;

export type TLockedMove = { client: TLockedClient; advisors: Map<string, TAdvisorLoad>; tenantMax: number };

/**
 * The one lock path of every load change, inside the caller's transaction: the locks of the
 * client's current advisor and of `extraAdvisorIds` (lockAdvisors: id order), then the client's
 * row. The current advisor is peeked without a lock; if the client changed advisor before we held
 * their row, the attempt rolls back to a savepoint — giving those locks back, so the fixed order
 * holds — and tries again with the right advisor.
 */
export async function lockClientForMove(tx: TTx, tenantId: string, clientId: string, extraAdvisorIds: string[]): Promise<TLockedMove> {
  assertId(clientId, "Client");
  for (let attempt = 1; ; attempt++) {
    await tx.$executeRaw`SAVEPOINT caseload_lock`;
    const current = await peekClientAdvisor(tx, tenantId, clientId);
    const { advisors, tenantMax } = await lockAdvisors(tx, tenantId, [...(current ? [current] : []), ...extraAdvisorIds]);
    const client = await lockClient(tx, tenantId, clientId);
    if (client.keyAdvisorId === current) {
      await tx.$executeRaw`RELEASE SAVEPOINT caseload_lock`;
      return { client, advisors, tenantMax };
    }
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT caseload_lock`;
    if (attempt >= MAX_ATTEMPTS) throw new AppError("CONFLICT", { message: "Client kept changing advisor" });
  }
}

/**
 * Runs `work` in a tenant transaction holding the locks of lockClientForMove. Every operation that
 * adds load goes through lockClientForMove (or takes the same advisor lock through lockAdvisors),
 * which is what makes the cap hold under any concurrency.
 */
export async function withClientLocked<T>(
  ctx: TContext,
  clientId: string,
  extraAdvisorIds: string[],
  work: (tx: TTx, locked: TLockedMove) => Promise<T>,
): Promise<T> {
  assertId(clientId, "Client");
  return tenantTransaction(ctx.tenantId, async (tx) => work(tx, await lockClientForMove(tx, ctx.tenantId, clientId, extraAdvisorIds)));
}
