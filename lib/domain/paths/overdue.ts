import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { acceptsMonitoring, type TPathStep } from "./state-machine";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one home of "monitoring is overdue" (SPEC §3.2: monitoring is due at every stage): a path in
 * a step that takes monitoring notes (acceptsMonitoring) whose last note — or, with none yet, its
 * opening — is more than the tenant's `monitoringOverdueDays` ago. The path page asks
 * `isMonitoringOverdue`; lists and counts filter with `monitoringOverdueSql`, which says the same
 * in SQL, so a path flagged on its page is counted on the dashboard and listed in the attention list.
 */
export const MONITORED_STEPS = ["IMPLEMENTATION", "MONITORING", "EVALUATION"] as const satisfies readonly TPathStep[];

/** Since when the path has gone without monitoring. */
export function monitoredSince(path: { lastMonitoringAt: Date | null; openedAt: Date }): Date {
  return path.lastMonitoringAt ?? path.openedAt;
}

/** Whole days the path is overdue (0 when it is not), as of `now`. */
export function daysOverdue(path: { step: TPathStep; lastMonitoringAt: Date | null; openedAt: Date }, overdueDays: number, now = new Date()): number {
  if (!acceptsMonitoring(path.step)) return 0;
  const due = monitoredSince(path).getTime() + overdueDays * DAY_MS;
  return now.getTime() > due ? Math.max(1, Math.floor((now.getTime() - due) / DAY_MS)) : 0;
}

export function isMonitoringOverdue(path: { step: TPathStep; lastMonitoringAt: Date | null; openedAt: Date }, overdueDays: number, now = new Date()): boolean {
  if (!acceptsMonitoring(path.step)) return false;
  return now.getTime() - monitoredSince(path).getTime() > overdueDays * DAY_MS;
}

/**
 * The same rule as a SQL condition on a support_path aliased `alias`, with the tenant's policy as
 * `overdueDays` (an SQL expression, e.g. `t.monitoring_overdue_days`, or a number), overdue by at
 * least `minDaysOverdue` more days. `alias` is an identifier chosen by the caller, never input.
 */
export function monitoringOverdueSql(alias: string, overdueDays: Prisma.Sql | number, minDaysOverdue = 0): Prisma.Sql {
  const a = Prisma.raw(alias);
  const days = typeof overdueDays === "number" ? Prisma.sql`${overdueDays}::int` : overdueDays;
  return Prisma.sql`(${a}.closed_at IS NULL AND ${a}.step IN ('IMPLEMENTATION', 'MONITORING', 'EVALUATION')
    AND COALESCE(${a}.last_monitoring_at, ${a}.opened_at) < now() - make_interval(days => ${days} + ${minDaysOverdue}::int))`;
}

/**
 * The same rule as a Prisma filter on SupportPath, for a tenant whose policy says `overdueDays`
 * (read it first), overdue by at least `minDaysOverdue` more days, as of `now`.
 */
export function monitoringOverdueWhere(overdueDays: number, minDaysOverdue = 0, now = new Date()): Prisma.SupportPathWhereInput {
  const cutoff = new Date(now.getTime() - (overdueDays + minDaysOverdue) * DAY_MS);
  return {
    closedAt: null,
    step: { in: [...MONITORED_STEPS] },
    OR: [{ lastMonitoringAt: { lt: cutoff } }, { lastMonitoringAt: null, openedAt: { lt: cutoff } }],
  };
}
