import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { can } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation";
import { withoutSensitive } from "./redact";
import { ZFindAuditInput, type TFindAuditInput } from "./schemas";

const AUDIT_ENTRY_SELECT = {
  id: true,
  createdAt: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  actorId: true,
} satisfies Prisma.AuditLogSelect;

export type TAuditEntryView = Prisma.AuditLogGetPayload<{ select: typeof AUDIT_ENTRY_SELECT }> & {
  /** Null when the entry has no actor (system events, failed sign-ins of unknown accounts). */
  actorName: string | null;
};

/** The tenant's audit trail, newest first. */
export async function findAuditEntries(ctx: TContext, rawInput: TFindAuditInput): Promise<TPage<TAuditEntryView>> {
  await assertCan(ctx, "audit.read");
  const input = parseInput(ZFindAuditInput, rawInput);
  const where: Prisma.AuditLogWhereInput = {
    tenantId: ctx.tenantId,
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
  };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [entries, total] = await Promise.all([
      tx.auditLog.findMany({
        where,
        select: AUDIT_ENTRY_SELECT,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...toSkipTake(input),
      }),
      tx.auditLog.count({ where }),
    ]);
    // One query for the page's actors rather than a join per row (audit_log has no relation to user).
    const actorIds = [...new Set(entries.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))];
    const actors = actorIds.length
      ? await tx.user.findMany({ where: { tenantId: ctx.tenantId, id: { in: actorIds } }, select: { id: true, name: true } })
      : [];
    const names = new Map(actors.map((actor) => [actor.id, actor.name]));
    // The trail shows special-category data only to roles that may read it on the client page.
    const sensitive = can(ctx.role, "clients.read_sensitive");
    const items = entries.map((entry) => ({
      ...entry,
      before: sensitive ? entry.before : withoutSensitive(entry.before).value,
      after: sensitive ? entry.after : withoutSensitive(entry.after).value,
      actorName: entry.actorId ? (names.get(entry.actorId) ?? null) : null,
    }));
    return toPage(items, total, input);
  });
}

/** Choices for the filters of the audit trail: the tenant's users and the entity types it holds. */
export async function listAuditFilterOptions(ctx: TContext) {
  await assertCan(ctx, "audit.read");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [users, types] = await Promise.all([
      tx.user.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
      // groupBy runs in SQL (GROUP BY); `distinct` without the nativeDistinct preview would fetch every row.
      tx.auditLog.groupBy({ by: ["entityType"], where: { tenantId: ctx.tenantId }, orderBy: { entityType: "asc" } }),
    ]);
    return { users, entityTypes: types.map((row) => row.entityType) };
  });
}
