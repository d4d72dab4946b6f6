import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { startOfPolishDay } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage, type TPageInput } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { collectAuditRefIds, describeAuditEntity, describeAuditEntry, emptyRefIds, entityTypeLabelKey, type TAuditDescription, type TAuditValue } from "./describe";
import { withoutSensitive } from "./redact";
import { loadAuditRefs } from "./refs";
import { ZFindAuditInput, type TAuditFilters, type TFindAuditInput } from "./schemas";

/**
 * The /audit page's query string: a malformed filter or page is no filter and the first page, so a
 * stale or hand-edited link still opens the trail. (Ids in it are checked against the tenant below.)
 */
const ZAuditPageQuery = ZFindAuditInput.extend({
  page: ZFindAuditInput.shape.page.catch(1),
  entityType: ZFindAuditInput.shape.entityType.catch(undefined),
  actorId: ZFindAuditInput.shape.actorId.catch(undefined),
  entityId: ZFindAuditInput.shape.entityId.catch(undefined),
});

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

/** One entry of the trail in words: who, what, on which record, which fields changed how. */
export type TAuditEntryView = {
  id: string;
  createdAt: Date;
  /** Null when the entry has no actor (system events, failed sign-ins of unknown accounts). */
  actorName: string | null;
  entityType: string;
  entityTypeKey: string;
  /** Null when the entry names no record. */
  entityId: string | null;
  /** The record as a reader names it (a client's name, "the path of … opened on …"). */
  entity: TAuditValue | null;
  description: TAuditDescription;
};

/**
 * The one filter of the trail, shared by the list and by the counts the auditor's dashboard links
 * to it, so a count and the list it opens agree. `since` starts at the Polish midnight of that day.
 */
export function auditWhere(ctx: TContext, filters: TAuditFilters): Prisma.AuditLogWhereInput {
  return {
    tenantId: ctx.tenantId,
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.since ? { createdAt: { gte: startOfPolishDay(filters.since) } } : {}),
  };
}

/**
 * Entries per entity type from the start of `since` (a Polish day, YYYY-MM-DD) on, for the
 * auditor's dashboard inside its transaction; each count is the total of
 * `/audit?entityType=<type>&since=<since>`. The caller has checked its permission.
 */
export async function countAuditEntriesByType(tx: TTx, ctx: TContext, filters: { since: string }): Promise<{ entityType: string; count: number }[]> {
  const rows = await tx.auditLog.groupBy({
    by: ["entityType"],
    where: auditWhere(ctx, { since: filters.since }),
    _count: { _all: true },
    orderBy: { entityType: "asc" },
  });
  return rows.map((row) => ({ entityType: row.entityType, count: row._count._all }));
}

/**
 * A page of the trail, newest first, in words: the ids every entry names are resolved in one
 * statement (`extraRefs` adds ids to resolve with them, e.g. the record the page is filtered on).
 */
async function loadAuditEntries(
  tx: TTx,
  ctx: TContext,
  filters: TAuditFilters,
  page: TPageInput,
  extra?: { entityType: string; entityId: string },
): Promise<{ page: TPage<TAuditEntryView>; extraEntity: TAuditValue | null }> {
  const where = auditWhere(ctx, filters);
  const [rows, total] = await Promise.all([
    tx.auditLog.findMany({ where, select: AUDIT_ENTRY_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...toSkipTake(page) }),
    tx.auditLog.count({ where }),
  ]);
  // The trail shows special-category data only to roles that may read it on the client page.
  const sensitive = can(ctx.role, "clients.read_sensitive");
  const entries = rows.map((row) => ({
    ...row,
    before: sensitive ? row.before : withoutSensitive(row.before).value,
    after: sensitive ? row.after : withoutSensitive(row.after).value,
  }));
  const ids = emptyRefIds();
  for (const entry of entries) {
    collectAuditRefIds(entry, ids);
    if (entry.actorId) ids.user.add(entry.actorId);
  }
  if (extra) collectAuditRefIds({ ...extra, before: null, after: null }, ids);
  const refs = await loadAuditRefs(tx, ctx, ids);
  const nameOf = (id: string | null) => {
    const ref = id ? refs.user.get(id) : undefined;
    return ref?.kind === "text" ? ref.text : null;
  };
  const items = entries.map((entry) => ({
    id: entry.id,
    createdAt: entry.createdAt,
    actorName: nameOf(entry.actorId),
    entityType: entry.entityType,
    entityTypeKey: entityTypeLabelKey(entry.entityType),
    entityId: entry.entityId,
    entity: describeAuditEntity(entry.entityType, entry.entityId, refs),
    description: describeAuditEntry(entry, refs),
  }));
  return { page: toPage(items, total, page), extraEntity: extra ? describeAuditEntity(extra.entityType, extra.entityId, refs) : null };
}

/** The tenant's audit trail, newest first. */
export async function findAuditEntries(ctx: TContext, rawInput: TFindAuditInput): Promise<TPage<TAuditEntryView>> {
  await assertCan(ctx, "audit.read");
  const { page, pageSize, ...filters } = parseInput(ZFindAuditInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => (await loadAuditEntries(tx, ctx, filters, { page, pageSize })).page);
}

export type TAuditPage = {
  users: { id: string; name: string }[];
  entityTypes: { value: string; labelKey: string }[];
  /** The filters in force: a type or user the tenant does not have is no filter. */
  filters: TAuditFilters;
  /** The record the page is narrowed to, as a reader names it (with entityType and entityId). */
  entity: TAuditValue | null;
  result: TPage<TAuditEntryView>;
};

/** The /audit page in one transaction: the filters' choices and a page of the trail, in words. */
export async function getAuditPage(ctx: TContext, rawInput: TFindAuditInput): Promise<TAuditPage> {
  await assertCan(ctx, "audit.read");
  const { page, pageSize, ...input } = parseInput(ZAuditPageQuery, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [users, types] = await Promise.all([
      tx.user.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
      // groupBy runs in SQL (GROUP BY); `distinct` without the nativeDistinct preview would fetch every row.
      tx.auditLog.groupBy({ by: ["entityType"], where: { tenantId: ctx.tenantId }, orderBy: { entityType: "asc" } }),
    ]);
    const filters: TAuditFilters = {
      entityType: types.find((row) => row.entityType === input.entityType)?.entityType,
      actorId: users.find((user) => user.id === input.actorId)?.id,
      entityId: input.entityId,
      since: input.since,
    };
    const narrowed = filters.entityType && filters.entityId ? { entityType: filters.entityType, entityId: filters.entityId } : undefined;
    const { page: result, extraEntity } = await loadAuditEntries(tx, ctx, filters, { page, pageSize }, narrowed);
    return {
      users,
      entityTypes: types.map((row) => ({ value: row.entityType, labelKey: entityTypeLabelKey(row.entityType) })),
      filters,
      entity: extraEntity,
      result,
    };
  });
}
