import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { isCentreWide, staffFilter } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { clientScopeWhere } from "@/lib/domain/clients/access";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, ZPageInput, type TPage } from "@/lib/pagination";
import { daysOverdue, monitoredSince, monitoringOverdueWhere } from "./overdue";
import type { TPathStep } from "./state-machine";

/**
 * Attention lists (issue 13): paths overdue for monitoring and plans returned but not resubmitted.
 * Each list and the count the dashboards show come from ONE where-builder, so the number on the
 * dashboard is always the list's total; the overdue rule itself lives in ./overdue.ts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

// ── paths overdue for monitoring ────────────────────────────────────────────────────────────────

export const MIN_DAYS_MAX = 3650;

/** A list's page number from the query string: anything but a whole number from 1 is page 1. */
const ZListPage = ZPageInput.extend({ page: ZPageInput.shape.page.catch(1) });

/**
 * The overdue list's query string. Filters are lenient: a value that is not valid (or, for an id,
 * not one of the offered choices — another tenant's partner exactly like a missing one) is ignored.
 */
export const ZOverdueMonitoringInput = ZListPage.extend({
  partnerId: z.uuid().optional().catch(undefined),
  advisorId: z.uuid().optional().catch(undefined),
  minDays: z.coerce.number().int().min(0).max(MIN_DAYS_MAX).optional().catch(undefined),
});
export type TOverdueMonitoringInput = z.input<typeof ZOverdueMonitoringInput>;

export type TOverdueFilters = { partnerId?: string; advisorId?: string; minDays?: number };

export type TOverdueRow = {
  pathId: string;
  step: TPathStep;
  clientId: string;
  clientName: string;
  advisorName: string | null;
  partnerName: string | null;
  lastMonitoringAt: Date | null;
  daysOverdue: number;
};

export type TOverdueMonitoringPage = {
  /** The tenant's policy: days without monitoring before a path is overdue. */
  overdueDays: number;
  /** Partner choices: only for callers who see the whole centre (null: no partner filter). */
  partners: { id: string; name: string }[] | null;
  /** Key advisors the caller may filter by (their scope, and themselves). */
  advisors: { id: string; name: string; active: boolean }[];
  /** The filters that applied. */
  filters: TOverdueFilters;
  result: TPage<TOverdueRow>;
};

/**
 * "Overdue by at least N days" as the extra days for monitoringOverdueWhere. daysOverdue shows a
 * path less than a day overdue as 1 day, so "at least 1" keeps every overdue path.
 */
function extraDays(minDays: number | undefined): number {
  return minDays !== undefined && minDays > 1 ? minDays : 0;
}

/**
 * The one where-builder of the overdue list and its count: open paths overdue under the tenant's
 * policy (./overdue.ts), of clients in the caller's `paths.read` scope (the lists they already
 * see), narrowed by the filters. `null` when the caller sees no client at all.
 */
function overdueMonitoringWhere(ctx: TContext, overdueDays: number, filters: TOverdueFilters, now: Date): Prisma.SupportPathWhereInput | null {
  const scope = clientScopeWhere(ctx, "paths.read");
  if (!scope) return null;
  const client: Prisma.ClientWhereInput[] = [scope];
  if (filters.advisorId) client.push({ keyAdvisorId: filters.advisorId });
  if (filters.partnerId) client.push({ keyAdvisor: { partnerId: filters.partnerId } });
  return { tenantId: ctx.tenantId, AND: [monitoringOverdueWhere(overdueDays, extraDays(filters.minDays), now), { client: { AND: client } }] };
}

async function loadOverdueDays(tx: TTx, ctx: TContext): Promise<number> {
  const tenant = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { monitoringOverdueDays: true } });
  if (!tenant) throw notFound("Tenant");
  return tenant.monitoringOverdueDays;
}

/**
 * How many paths the overdue list shows the caller with these filters (its `result.total`), inside
 * the caller's transaction: for the dashboards. A caller without `paths.read` scope counts 0.
 * `now` is for tests of the boundary.
 */
export async function countOverdueMonitoring(tx: TTx, ctx: TContext, filters: TOverdueFilters & { now?: Date } = {}): Promise<number> {
  const where = overdueMonitoringWhere(ctx, await loadOverdueDays(tx, ctx), filters, filters.now ?? new Date());
  return where ? tx.supportPath.count({ where }) : 0;
}

const OVERDUE_SELECT = {
  id: true,
  step: true,
  openedAt: true,
  lastMonitoringAt: true,
  client: { select: { id: true, name: true, keyAdvisor: { select: { name: true, partner: { select: { name: true } } } } } },
} satisfies Prisma.SupportPathSelect;

type TOverdueRecord = Prisma.SupportPathGetPayload<{ select: typeof OVERDUE_SELECT }>;

/**
 * One page of the list, most overdue first, i.e. by COALESCE(last monitoring, opening) — which
 * Prisma cannot order by. Paths with a monitoring entry and paths without one are each read in
 * their own column's order (up to the end of the page), then merged: the same rows and order as
 * sorting the whole list. Both walks follow support_path_monitoring_due_idx; a page past the end
 * reads nothing, so no page reads more rows than the list has.
 */
async function loadOverduePage(tx: TTx, where: Prisma.SupportPathWhereInput, page: { page: number; pageSize: number }): Promise<[TOverdueRecord[], number]> {
  const { skip, take } = toSkipTake(page);
  const total = await tx.supportPath.count({ where });
  if (skip >= total) return [[], total];
  const [noted, never] = await Promise.all([
    tx.supportPath.findMany({ where: { AND: [where, { lastMonitoringAt: { not: null } }] }, orderBy: [{ lastMonitoringAt: "asc" }, { id: "asc" }], take: skip + take, select: OVERDUE_SELECT }),
    tx.supportPath.findMany({ where: { AND: [where, { lastMonitoringAt: null }] }, orderBy: [{ openedAt: "asc" }, { id: "asc" }], take: skip + take, select: OVERDUE_SELECT }),
  ]);
  const merged = [...noted, ...never].sort((a, b) => monitoredSince(a).getTime() - monitoredSince(b).getTime() || (a.id < b.id ? -1 : 1));
  return [merged.slice(skip, skip + take), total];
}

type TChoiceRow = { kind: "policy" | "partner" | "advisor"; id: string | null; name: string | null; days: number | null; active: boolean };

/** The policy and the filters' choices in one statement. */
async function loadOverdueChoices(tx: TTx, ctx: TContext, wantPartners: boolean) {
  const staff = staffFilter(ctx, "paths.read");
  const all = staff === "all";
  const userIds = all ? [] : [ctx.userId, ...staff.userIds];
  const partnerIds = all ? [] : staff.partnerIds;
  const rows = await tx.$queryRaw<TChoiceRow[]>`
    SELECT 'policy' AS kind, NULL::uuid AS id, NULL AS name, t.monitoring_overdue_days AS days, true AS active FROM tenant t WHERE t.id = ${ctx.tenantId}::uuid
    UNION ALL
    SELECT 'partner', p.id, p.name, NULL, true FROM partner p WHERE p.tenant_id = ${ctx.tenantId}::uuid AND ${wantPartners}
    UNION ALL
    SELECT 'advisor', u.id, u.name, NULL, u.active FROM "user" u
    WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.role = 'KEY_ADVISOR'
      AND (${all} OR u.id = ANY(${userIds}::uuid[]) OR u.partner_id = ANY(${partnerIds}::uuid[]))
    ORDER BY kind, name, id`;
  const choices = (kind: TChoiceRow["kind"]) => rows.filter((r) => r.kind === kind && r.id !== null && r.name !== null);
  const overdueDays = rows.find((r) => r.kind === "policy")?.days;
  if (overdueDays === undefined || overdueDays === null) throw notFound("Tenant");
  return {
    overdueDays,
    partners: wantPartners ? choices("partner").map((r) => ({ id: r.id as string, name: r.name as string })) : null,
    advisors: choices("advisor").map((r) => ({ id: r.id as string, name: r.name as string, active: r.active })),
  };
}

/**
 * The overdue-monitoring page (/attention/monitoring) in one transaction: the policy and the
 * filters' choices, then one page of the list with its total. Partners are offered only to callers
 * who see the whole centre; a filter value that is not an offered choice is ignored.
 */
export async function getOverdueMonitoringPage(ctx: TContext, rawInput: TOverdueMonitoringInput): Promise<TOverdueMonitoringPage> {
  await assertCan(ctx, "paths.read");
  const input = ZOverdueMonitoringInput.parse(rawInput);
  const now = new Date();
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const { overdueDays, partners, advisors } = await loadOverdueChoices(tx, ctx, isCentreWide(ctx, "paths.read"));
    const filters: TOverdueFilters = {
      ...(partners?.some((p) => p.id === input.partnerId) ? { partnerId: input.partnerId } : {}),
      ...(advisors.some((a) => a.id === input.advisorId) ? { advisorId: input.advisorId } : {}),
      ...(input.minDays ? { minDays: input.minDays } : {}),
    };
    const where = overdueMonitoringWhere(ctx, overdueDays, filters, now);
    const [records, total] = where ? await loadOverduePage(tx, where, input) : [[], 0];
    const items = records.map((p) => ({
      pathId: p.id,
      step: p.step,
      clientId: p.client.id,
      clientName: p.client.name,
      advisorName: p.client.keyAdvisor?.name ?? null,
      partnerName: p.client.keyAdvisor?.partner?.name ?? null,
      lastMonitoringAt: p.lastMonitoringAt,
      daysOverdue: daysOverdue(p, overdueDays, now),
    }));
    return { overdueDays, partners, advisors, filters, result: toPage(items, total, input) };
  });
}

// ── plans returned and not resubmitted ──────────────────────────────────────────────────────────

export const RETURNED_DAYS_DEFAULT = 7;
export const RETURNED_DAYS_MAX = 365;

/** Characters of the coordinator's comment the list shows (the whole comment is on the path's plan tab). */
const COMMENT_MAX = 140;

/**
 * The one where-builder of the returned-plans list and its count: plan versions RETURNED at least
 * `days` days ago, on open paths of clients in the caller's `paths.write` scope. A returned version
 * is always its path's latest (savePlan revises it in place as a DRAFT, and resubmitting makes it
 * SUBMITTED), so its status alone says "returned and not resubmitted". `null`: no client in scope.
 */
export function returnedPlansWhere(ctx: TContext, { days, now = new Date() }: { days: number; now?: Date }): Prisma.PathPlanVersionWhereInput | null {
  const scope = clientScopeWhere(ctx, "paths.write");
  return scope ? returnedPlansRuleWhere(ctx.tenantId, { days, now }, scope) : null;
}

/**
 * The rule behind the list, for the tenant's clients matching `client` (every client by default):
 * the nightly check (lib/domain/notifications/checks.ts) applies it centre-wide, with no caller.
 */
export function returnedPlansRuleWhere(tenantId: string, { days, now = new Date() }: { days: number; now?: Date }, client: Prisma.ClientWhereInput = {}): Prisma.PathPlanVersionWhereInput {
  return { tenantId, status: "RETURNED", decidedAt: { lte: new Date(now.getTime() - days * DAY_MS) }, path: { closedAt: null, client } };
}

/** How many plans the returned-plans list shows the caller for `days` (its total), for the dashboards. */
export async function countReturnedPlans(tx: TTx, ctx: TContext, filters: { days: number; now?: Date }): Promise<number> {
  const where = returnedPlansWhere(ctx, filters);
  return where ? tx.pathPlanVersion.count({ where }) : 0;
}

export type TReturnedPlanRow = {
  versionId: string;
  number: number;
  pathId: string;
  clientId: string;
  clientName: string;
  advisorName: string | null;
  decidedAt: Date;
  daysSince: number;
  decidedByName: string | null;
  /** The coordinator's comment, cut to COMMENT_MAX characters. */
  comment: string | null;
};

/** The `days` of the query string: a whole number from 0 to RETURNED_DAYS_MAX, else the default (and `rejected`). */
export function parseReturnedDays(raw: string | undefined): { days: number; rejected: boolean } {
  if (raw === undefined || raw === "") return { days: RETURNED_DAYS_DEFAULT, rejected: false };
  const days = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return days <= RETURNED_DAYS_MAX ? { days, rejected: false } : { days: RETURNED_DAYS_DEFAULT, rejected: true };
}

function truncate(text: string | null): string | null {
  if (text === null || text.length <= COMMENT_MAX) return text;
  return `${text.slice(0, COMMENT_MAX - 1).trimEnd()}…`;
}

/**
 * The returned-plans page (/attention/returned-plans?days=N) in one transaction: plans returned at
 * least N days ago and not resubmitted, longest waiting first, with who returned them.
 */
export async function getReturnedPlansPage(
  ctx: TContext,
  rawInput: { days?: string; page?: number },
): Promise<{ days: number; daysRejected: boolean; result: TPage<TReturnedPlanRow> }> {
  await assertCan(ctx, "paths.write");
  const { days, rejected } = parseReturnedDays(rawInput.days);
  const page = ZListPage.parse({ page: rawInput.page });
  const now = new Date();
  const where = returnedPlansWhere(ctx, { days, now });
  return tenantTransaction(ctx.tenantId, async (tx) => {
    if (!where) return { days, daysRejected: rejected, result: toPage([], 0, page) };
    const [versions, total] = await Promise.all([
      tx.pathPlanVersion.findMany({
        where,
        select: {
          id: true,
          number: true,
          pathId: true,
          decidedAt: true,
          decidedById: true,
          decisionComment: true,
          path: { select: { client: { select: { id: true, name: true, keyAdvisor: { select: { name: true } } } } } },
        },
        orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
        ...toSkipTake(page),
      }),
      tx.pathPlanVersion.count({ where }),
    ]);
    const deciderIds = [...new Set(versions.flatMap((v) => (v.decidedById ? [v.decidedById] : [])))];
    const deciders = deciderIds.length ? await tx.user.findMany({ where: { tenantId: ctx.tenantId, id: { in: deciderIds } }, select: { id: true, name: true } }) : [];
    const nameOf = new Map(deciders.map((u) => [u.id, u.name]));
    const items = versions.flatMap((v) => {
      if (!v.decidedAt) return [];
      return [
        {
          versionId: v.id,
          number: v.number,
          pathId: v.pathId,
          clientId: v.path.client.id,
          clientName: v.path.client.name,
          advisorName: v.path.client.keyAdvisor?.name ?? null,
          decidedAt: v.decidedAt,
          daysSince: Math.floor((now.getTime() - v.decidedAt.getTime()) / DAY_MS),
          decidedByName: v.decidedById ? (nameOf.get(v.decidedById) ?? null) : null,
          comment: truncate(v.decisionComment),
        },
      ];
    });
    return { days, daysRejected: rejected, result: toPage(items, total, page) };
  });
}
