import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { addDays, startOfPolishDay } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { countAuditEntriesByType } from "@/lib/domain/audit/find-audit";
import { loadAssignableAdvisors, type TAdvisorCaseload } from "@/lib/domain/caseload/board";
import { loadClientProgress, type TClientProgress } from "@/lib/domain/clients/progress";
import { overdueChecksSql } from "@/lib/domain/durability/scope";
import { countOverdueMonitoring, countReturnedPlans } from "@/lib/domain/paths/attention";
import { countServiceRegisterClients, loadServiceRegisterDays, registerHref, type TRegisterDay } from "@/lib/domain/services/register";
import { accessLogHref } from "@/lib/domain/privacy/access-log-schemas";
import { subjectRequestsHref } from "@/lib/domain/privacy/request-schemas";
import { subjectRequestCountsSql } from "@/lib/domain/privacy/requests";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PathStep } from "@/lib/generated/prisma/enums";
import {
  countAndOldest,
  countsByKey,
  funnelSql,
  LOAD_BUCKETS,
  loadBucketsSql,
  OPEN_STEPS,
  organisationSql,
  planInboxSql,
  queueSql,
  selectCounts,
  type TLoadBucket,
} from "./counts";
import { dashboardPeriods, minutesByWeek, supportTypesOf, totalsByType, totalsIn, type TDashboardPeriods, type TPeriod, type TTotals } from "./periods";

/** A number on the dashboard and the list behind it. */
export type TLinkedCount = { count: number; href: string };

export type TFunnelStep = { step: PathStep; count: number; href: string | null };
export type TLoadBucketCount = { key: TLoadBucket; count: number; href: string | null };
export type TWeekHours = { weekStart: string; byType: { type: string; minutes: number }[] };

/** Services and minutes of a period, in total and per support type, each with the register's link. */
export type TPeriodServices = TTotals & { period: TPeriod; href: string; byType: (TTotals & { type: string; href: string })[] };

/** The support types a dashboard's figures show, in the catalogue's order, with their names. */
export type TDashboardSupportType = { code: string; name: string; nameEn: string | null };

export type TManagerDashboard = {
  role: "MANAGER";
  supportTypes: TDashboardSupportType[];
  funnel: TFunnelStep[];
  /** Advisors at or over their limit (`full`), of them over it (`over`), and the distribution. */
  advisors: { full: TLinkedCount; over: TLinkedCount; buckets: TLoadBucketCount[] };
  queue: TLinkedCount & { oldest: Date | null };
  plans: TLinkedCount & { oldest: Date | null };
  overdue: TLinkedCount;
  /** Job durability checks past due, in the durability list's scope (all). */
  overdueChecks: TLinkedCount;
  thisMonth: TPeriodServices;
  lastMonth: TPeriodServices;
  hours: TWeekHours[];
};

export type TCoordinatorDashboard = {
  role: "COORDINATOR";
  supportTypes: TDashboardSupportType[];
  plans: TLinkedCount & { oldest: Date | null };
  advisors: TAdvisorCaseload[];
  buckets: TLoadBucketCount[];
  overdue: TLinkedCount;
  /** Job durability checks past due of the partner's advisors' clients. */
  overdueChecks: TLinkedCount;
  funnel: TFunnelStep[];
  thisMonth: TPeriodServices;
  hours: TWeekHours[];
};

export type TAdvisorDashboard = {
  role: "KEY_ADVISOR";
  supportTypes: TDashboardSupportType[];
  clients: TLinkedCount & { items: { id: string; name: string; progress: TClientProgress | null }[] };
  returned: TLinkedCount;
  overdue: TLinkedCount;
  /** Job durability checks past due of the advisor's own clients. */
  overdueChecks: TLinkedCount;
  today: TTotals & { href: string };
  thisWeek: TTotals & { href: string };
  hours: TWeekHours[];
};

export type TDeliveryDashboard = {
  role: "ANIMATOR" | "SPECIALIST";
  supportTypes: TDashboardSupportType[];
  thisWeek: TTotals & { href: string; clients: number };
  thisMonth: TTotals & { href: string; clients: number };
  hours: TWeekHours[];
};

export type TAuditorDashboard = { role: "AUDITOR"; since: string; byType: { entityType: string; count: number; href: string }[] };

export type TAdminDashboard = { role: "ADMIN"; usersActive: number; usersInactive: number; partners: number; offices: number };

/** The data protection officer's view (issue 17): requests by deadline, retention decisions waiting, views of persons' data. */
export type TPrivacyDashboard = {
  role: "IOD";
  requests: { open: TLinkedCount; overdue: TLinkedCount; dueSoon: TLinkedCount };
  /** Persons whose retention ended, listed for the IOD's decision and not yet decided. */
  retentionWaiting: TLinkedCount;
  /** Access-log entries (views of persons' data) in the last ACCESS_LOG_DAYS days, today included. */
  accessLog: TLinkedCount & { since: string };
};

export type TDashboard = (TManagerDashboard | TCoordinatorDashboard | TAdvisorDashboard | TDeliveryDashboard | TAuditorDashboard | TAdminDashboard | TPrivacyDashboard) & {
  periods: TDashboardPeriods;
};

/** How many of the advisor's clients the dashboard lists (the rest are on "my clients"). */
export const DASHBOARD_CLIENTS = 30;

/** Days of audit activity the auditor's dashboard counts. */
export const AUDIT_DAYS = 7;

/** Days of access-log entries the IOD's dashboard counts. */
export const ACCESS_LOG_DAYS = 7;

/**
 * The caller's dashboard (Pulpit) in one transaction of a few aggregate statements, by role: each
 * number with the link to the list that shows exactly the rows it counts, in the same scope.
 */
export async function getDashboard(ctx: TContext, now?: { today?: string }): Promise<TDashboard> {
  await assertCan(ctx, "dashboard.view");
  const periods = dashboardPeriods(now?.today);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    switch (ctx.role) {
      case "MANAGER":
        return { periods, ...(await loadManagerDashboard(tx, ctx, periods)) };
      case "COORDINATOR":
        return { periods, ...(await loadCoordinatorDashboard(tx, ctx, periods)) };
      case "KEY_ADVISOR":
        return { periods, ...(await loadAdvisorDashboard(tx, ctx, periods)) };
      case "ANIMATOR":
      case "SPECIALIST":
        return { periods, ...(await loadDeliveryDashboard(tx, ctx, periods, ctx.role)) };
      case "AUDITOR":
        return { periods, ...(await loadAuditorDashboard(tx, ctx, periods)) };
      case "ADMIN":
        return { periods, ...(await loadAdminDashboard(tx, ctx)) };
      case "IOD":
        return { periods, ...(await loadPrivacyDashboard(tx, ctx, periods)) };
    }
  });
}

const MONITORING_HREF = "/attention/monitoring";
/** The durability list's "overdue" tab: the same checks, in the same scope, as overdueChecksSql counts. */
const OVERDUE_CHECKS_HREF = "/durability?view=overdue";

function funnelOf(value: unknown, linked: boolean): TFunnelStep[] {
  const counts = countsByKey(value, OPEN_STEPS);
  return OPEN_STEPS.map((step) => ({ step, count: counts[step], href: linked ? `/clients?step=${step}` : null }));
}

function bucketsOf(value: unknown): TLoadBucketCount[] {
  const counts = countsByKey(value, LOAD_BUCKETS);
  // The board filters "over the limit" only; the other buckets have no list of their own.
  return LOAD_BUCKETS.map((key) => ({ key, count: counts[key], href: key === "over" ? "/caseload?overLimitOnly=1" : null }));
}

function periodServices(days: readonly TRegisterDay[], period: TPeriod, providerId?: string): TPeriodServices {
  return {
    ...totalsIn(days, period),
    period,
    href: registerHref({ ...period, providerId }),
    byType: totalsByType(days, period, codesOf(days)).map((t) => ({ ...t, href: registerHref({ ...period, type: t.type, providerId }) })),
  };
}

/** The support type codes of `days`, in the catalogue's order. */
const codesOf = (days: readonly TRegisterDay[]) => supportTypesOf(days).map((t) => t.code);

/** The register's days of the dashboard's window in the caller's timesheet scope (optionally one provider's). */
function loadDays(tx: TTx, ctx: TContext, periods: TDashboardPeriods, providerId?: string) {
  return loadServiceRegisterDays(tx, ctx, { ...periods.window, ...(providerId ? { providerId } : {}) });
}

async function loadManagerDashboard(tx: TTx, ctx: TContext, periods: TDashboardPeriods): Promise<TManagerDashboard> {
  const counts = await selectCounts(tx, {
    funnel: funnelSql(ctx, "centre"),
    queue: queueSql(ctx),
    plans: planInboxSql(ctx),
    buckets: loadBucketsSql(ctx),
    checks: overdueChecksSql(ctx, periods.today),
  });
  const overdue = await countOverdueMonitoring(tx, ctx, {});
  const days = await loadDays(tx, ctx, periods);
  const buckets = bucketsOf(counts.buckets);
  const bucket = (key: TLoadBucket) => buckets.find((b) => b.key === key)?.count ?? 0;
  return {
    role: "MANAGER",
    funnel: funnelOf(counts.funnel, true),
    advisors: {
      full: { count: bucket("at") + bucket("over"), href: "/caseload?fullOnly=1" },
      over: { count: bucket("over"), href: "/caseload?overLimitOnly=1" },
      buckets,
    },
    queue: { ...countAndOldest(counts.queue), href: "/caseload/queue" },
    plans: { ...countAndOldest(counts.plans), href: "/plans" },
    overdue: { count: overdue, href: MONITORING_HREF },
    overdueChecks: { count: Number(counts.checks ?? 0), href: OVERDUE_CHECKS_HREF },
    thisMonth: periodServices(days, periods.thisMonth),
    lastMonth: periodServices(days, periods.lastMonth),
    hours: minutesByWeek(days, periods.weeks, codesOf(days)),
    supportTypes: supportTypesOf(days),
  };
}

async function loadCoordinatorDashboard(tx: TTx, ctx: TContext, periods: TDashboardPeriods): Promise<TCoordinatorDashboard> {
  const counts = await selectCounts(tx, {
    funnel: funnelSql(ctx, "partner"),
    plans: planInboxSql(ctx),
    buckets: loadBucketsSql(ctx),
    checks: overdueChecksSql(ctx, periods.today),
  });
  // The board's rows of the coordinator's partner (clients.assign has the board's partner scope).
  const advisors = await loadAssignableAdvisors(tx, ctx);
  const overdue = await countOverdueMonitoring(tx, ctx, {});
  const days = await loadDays(tx, ctx, periods);
  return {
    role: "COORDINATOR",
    plans: { ...countAndOldest(counts.plans), href: "/plans" },
    advisors,
    buckets: bucketsOf(counts.buckets),
    overdue: { count: overdue, href: MONITORING_HREF },
    overdueChecks: { count: Number(counts.checks ?? 0), href: OVERDUE_CHECKS_HREF },
    // The client list's step filter is centre-wide: the partner's funnel links nowhere rather than to more rows than it counts.
    funnel: funnelOf(counts.funnel, false),
    thisMonth: periodServices(days, periods.thisMonth),
    hours: minutesByWeek(days, periods.weeks, codesOf(days)),
    supportTypes: supportTypesOf(days),
  };
}

async function loadAdvisorDashboard(tx: TTx, ctx: TContext, periods: TDashboardPeriods): Promise<TAdvisorDashboard> {
  // "My clients": the advisor's active clients (their load), the first ones by name with the total;
  // beside them, in the same statement, the durability checks overdue (a row even with no clients).
  const rows = await tx.$queryRaw<{ id: string | null; name: string | null; total: number | null; overdueChecks: number }[]>`
    SELECT c.id, c.name, c.total, k.n AS "overdueChecks"
    FROM (SELECT ${overdueChecksSql(ctx, periods.today)} AS n) k
    LEFT JOIN LATERAL (
      SELECT c.id, c.name, c.name_normalized, count(*) OVER ()::int AS total FROM client c
      WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.key_advisor_id = ${ctx.userId}::uuid AND c.status = 'ACTIVE'
      ORDER BY c.name_normalized, c.id LIMIT ${DASHBOARD_CLIENTS}) c ON true
    ORDER BY c.name_normalized, c.id`;
  const clients = rows.flatMap((r) => (r.id !== null && r.name !== null ? [{ id: r.id, name: r.name, total: r.total ?? 0 }] : []));
  const checks = rows[0]?.overdueChecks ?? 0;
  const progress = await loadClientProgress(
    tx,
    ctx,
    clients.map((c) => c.id),
  );
  const returned = await countReturnedPlans(tx, ctx, { days: 0 });
  const overdue = await countOverdueMonitoring(tx, ctx, {});
  const days = await loadDays(tx, ctx, periods, ctx.userId);
  const today = { from: periods.today, to: periods.today };
  return {
    role: "KEY_ADVISOR",
    clients: { count: clients[0]?.total ?? 0, href: "/my-clients", items: clients.map((c) => ({ id: c.id, name: c.name, progress: progress.get(c.id) ?? null })) },
    returned: { count: returned, href: "/attention/returned-plans?days=0" },
    overdue: { count: overdue, href: MONITORING_HREF },
    overdueChecks: { count: Number(checks ?? 0), href: OVERDUE_CHECKS_HREF },
    today: { ...totalsIn(days, today), href: registerHref({ ...today, providerId: ctx.userId }) },
    thisWeek: { ...totalsIn(days, periods.thisWeek), href: registerHref({ ...periods.thisWeek, providerId: ctx.userId }) },
    hours: minutesByWeek(days, periods.weeks, codesOf(days)),
    supportTypes: supportTypesOf(days),
  };
}

async function loadDeliveryDashboard(tx: TTx, ctx: TContext, periods: TDashboardPeriods, role: "ANIMATOR" | "SPECIALIST"): Promise<TDeliveryDashboard> {
  const days = await loadDays(tx, ctx, periods, ctx.userId);
  const [weekClients = 0, monthClients = 0] = await countServiceRegisterClients(tx, ctx, { ...periods.window, providerId: ctx.userId }, [periods.thisWeek, periods.thisMonth]);
  return {
    role,
    thisWeek: { ...totalsIn(days, periods.thisWeek), clients: weekClients, href: registerHref({ ...periods.thisWeek, providerId: ctx.userId }) },
    thisMonth: { ...totalsIn(days, periods.thisMonth), clients: monthClients, href: registerHref({ ...periods.thisMonth, providerId: ctx.userId }) },
    hours: minutesByWeek(days, periods.weeks, codesOf(days)),
    supportTypes: supportTypesOf(days),
  };
}

async function loadAuditorDashboard(tx: TTx, ctx: TContext, periods: TDashboardPeriods): Promise<TAuditorDashboard> {
  const since = addDays(periods.today, -(AUDIT_DAYS - 1));
  const byType = await countAuditEntriesByType(tx, ctx, { since });
  return {
    role: "AUDITOR",
    since,
    byType: byType.map((row) => ({ ...row, href: `/audit?${new URLSearchParams({ entityType: row.entityType, since })}` })),
  };
}

async function loadPrivacyDashboard(tx: TTx, ctx: TContext, periods: TDashboardPeriods): Promise<TPrivacyDashboard> {
  const since = addDays(periods.today, -(ACCESS_LOG_DAYS - 1));
  const counts = await selectCounts(tx, {
    requests: subjectRequestCountsSql(ctx, periods.today),
    // The retention list's pending reviews: listed by the nightly job, no decision yet.
    retention: Prisma.sql`(SELECT count(*)::int FROM retention_review v WHERE v.tenant_id = ${ctx.tenantId}::uuid AND v.decision IS NULL)`,
    accessLog: Prisma.sql`(SELECT count(*)::int FROM access_log a WHERE a.tenant_id = ${ctx.tenantId}::uuid AND a.at >= ${startOfPolishDay(since)})`,
  });
  const requests = countsByKey(counts.requests, ["open", "overdue", "soon"] as const);
  return {
    role: "IOD",
    requests: {
      open: { count: requests.open, href: subjectRequestsHref({ status: "OPEN" }) },
      overdue: { count: requests.overdue, href: subjectRequestsHref({ due: "overdue" }) },
      dueSoon: { count: requests.soon, href: subjectRequestsHref({ due: "soon" }) },
    },
    retentionWaiting: { count: Number(counts.retention ?? 0), href: "/privacy/retention" },
    accessLog: { count: Number(counts.accessLog ?? 0), href: accessLogHref({ from: since }), since },
  };
}

async function loadAdminDashboard(tx: TTx, ctx: TContext): Promise<TAdminDashboard> {
  const { organisation } = await selectCounts(tx, { organisation: organisationSql(ctx) });
  const counts = countsByKey(organisation, ["usersActive", "usersInactive", "partners", "offices"] as const);
  return { role: "ADMIN", ...counts };
}
