import "server-only";

import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { collectAuditRefIds, describeAuditEntry, describeValue, emptyRefIds, type TAuditDescription, type TAuditValue } from "@/lib/domain/audit/describe";
import { withoutSensitive } from "@/lib/domain/audit/redact";
import { loadAuditRefs } from "@/lib/domain/audit/refs";
import { recordAccess } from "@/lib/domain/privacy/access-log";
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
    /** Why, in words: a reason code of the caseload (closing a path…) as its label, typed text as typed. */
    reason: TAuditValue;
    releasedAt: Date | null;
    releasedBy: TPersonRef;
    releaseReason: TAuditValue;
  }[];
  /** The client's audit entries, newest first (at most 50), in words (lib/domain/audit/describe.ts). */
  auditEntries: {
    id: string;
    createdAt: Date;
    actor: TPersonRef;
    description: TAuditDescription;
    /** True when special-category values were removed from the entry for this viewer. */
    sensitiveHidden: boolean;
  }[];
};

const REASON = { type: "reason" } as const;

/**
 * Who served the client and what changed: the assignment history and the client's audit trail,
 * with every id the entries name resolved in one statement (users, offices…).
 */
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
    const rows = await tx.auditLog.findMany({
      where: { tenantId: ctx.tenantId, entityType: "Client", entityId: clientId },
      select: { id: true, createdAt: true, action: true, entityType: true, entityId: true, actorId: true, before: true, after: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
    });
    const entries = rows.map((row) => {
      const before = sensitive ? { value: row.before, removed: false } : withoutSensitive(row.before);
      const after = sensitive ? { value: row.after, removed: false } : withoutSensitive(row.after);
      return { ...row, before: before.value, after: after.value, sensitiveHidden: before.removed || after.removed };
    });

    // Every person and record the history names, in one statement (these columns have no relations).
    const ids = emptyRefIds();
    for (const row of assignments) for (const id of [row.fromAdvisorId, row.assignedById, row.releasedById]) if (id) ids.user.add(id);
    for (const entry of entries) {
      if (entry.actorId) ids.user.add(entry.actorId);
      collectAuditRefIds(entry, ids);
    }
    const refs = await loadAuditRefs(tx, ctx, ids);
    // The view is logged (issue 17); the special-category values apart, when an entry shows some.
    const showsSensitive = sensitive && rows.some((row) => withoutSensitive(row.before).removed || withoutSensitive(row.after).removed);
    await recordAccess(tx, ctx, [
      { clientId, view: "CLIENT_HISTORY" },
      ...(showsSensitive ? [{ clientId, view: "CLIENT_SENSITIVE" as const, detail: "client.history" }] : []),
    ]);
    const person = (id: string | null): TPersonRef => {
      const ref = id ? refs.user.get(id) : undefined;
      return id && ref?.kind === "text" ? { id, name: ref.text } : null;
    };

    return {
      id: client.id,
      name: client.name,
      assignments: assignments.map(({ fromAdvisorId, assignedById, releasedById, reason, releaseReason, ...row }) => ({
        ...row,
        fromAdvisor: person(fromAdvisorId),
        assignedBy: person(assignedById),
        reason: describeValue(REASON, reason, refs),
        releasedBy: person(releasedById),
        releaseReason: describeValue(REASON, releaseReason, refs),
      })),
      auditEntries: entries.map((entry) => ({
        id: entry.id,
        createdAt: entry.createdAt,
        actor: person(entry.actorId),
        description: describeAuditEntry(entry, refs),
        sensitiveHidden: entry.sensitiveHidden,
      })),
    };
  }));
}
