import "server-only";

import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { withoutSensitive } from "@/lib/domain/audit/redact";
import { assertClientInScope } from "./access";
import { mayReadSensitive } from "./viewer";

const HISTORY_LIMIT = 50;

type TPersonRef = { id: string; name: string } | null;

export type TClientHistory = {
  id: string;
  name: string;
  /** Key-advisor assignments, newest first (at most 50). */
  assignments: {
    id: string;
    assignedAt: Date;
    advisor: { id: string; name: string };
    fromAdvisor: TPersonRef;
    assignedBy: TPersonRef;
    reason: string | null;
    releasedAt: Date | null;
    releasedBy: TPersonRef;
    releaseReason: string | null;
  }[];
  /** The client's audit entries, newest first (at most 50). */
  auditEntries: {
    id: string;
    createdAt: Date;
    action: string;
    actor: TPersonRef;
    before: Prisma.JsonValue;
    after: Prisma.JsonValue;
    /** True when special-category values were removed from before/after for this viewer. */
    sensitiveHidden: boolean;
  }[];
};

/** Who served the client and what changed: the assignment history and the client's audit trail. */
export async function getClientHistory(ctx: TContext, clientId: string): Promise<TClientHistory> {
  await assertCan(ctx, "clients.read");
  const sensitive = mayReadSensitive(ctx);
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const client = await assertClientInScope(tx, ctx, clientId, "clients.read");
    const assignments = await tx.clientAssignment.findMany({
      where: { tenantId: ctx.tenantId, clientId },
      select: {
        id: true,
        assignedAt: true,
        advisor: { select: { id: true, name: true } },
        fromAdvisorId: true,
        assignedById: true,
        reason: true,
        releasedAt: true,
        releasedById: true,
        releaseReason: true,
      },
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
    });
    const entries = await tx.auditLog.findMany({
      where: { tenantId: ctx.tenantId, entityType: "Client", entityId: clientId },
      select: { id: true, createdAt: true, action: true, actorId: true, before: true, after: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
    });
    // The history's users in one query (these columns have no relation to user).
    const userIds = new Set<string>();
    for (const row of assignments) for (const id of [row.fromAdvisorId, row.assignedById, row.releasedById]) if (id) userIds.add(id);
    for (const entry of entries) if (entry.actorId) userIds.add(entry.actorId);
    const users = userIds.size
      ? await tx.user.findMany({ where: { tenantId: ctx.tenantId, id: { in: [...userIds] } }, select: { id: true, name: true } })
      : [];
    const byId = new Map(users.map((user) => [user.id, user]));
    const ref = (id: string | null): TPersonRef => (id ? (byId.get(id) ?? null) : null);

    return {
      id: client.id,
      name: client.name,
      assignments: assignments.map(({ fromAdvisorId, assignedById, releasedById, ...row }) => ({
        ...row,
        fromAdvisor: ref(fromAdvisorId),
        assignedBy: ref(assignedById),
        releasedBy: ref(releasedById),
      })),
      auditEntries: entries.map(({ actorId, before, after, ...entry }) => {
        const shownBefore = sensitive ? { value: before, removed: false } : withoutSensitive(before);
        const shownAfter = sensitive ? { value: after, removed: false } : withoutSensitive(after);
        return {
          ...entry,
          actor: ref(actorId),
          before: shownBefore.value,
          after: shownAfter.value,
          sensitiveHidden: shownBefore.removed || shownAfter.removed,
        };
      }),
    };
  }));
}
