import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { TContext } from "@/lib/auth/context";
import { addDays, dateOnly, startOfWeek, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { countAndOldest, countsByKey, LOAD_BUCKETS, loadBucketsSql, planInboxSql, selectCounts } from "@/lib/domain/dashboard/counts";
import { totalsIn, type TPeriod } from "@/lib/domain/dashboard/periods";
import { countOverdueMonitoring } from "@/lib/domain/paths/attention";
import { loadServiceRegisterDays } from "@/lib/domain/services/register";
import type { TWeeklyDigestParams } from "@/lib/mail/templates/weekly-digest";
import { notify } from "./outbox";

/**
 * The managers' weekly digest (the `tenant.digest.weekly` job, Monday morning): one
 * `weekly_digest` notification per active manager with the numbers of their dashboard — paths
 * overdue for monitoring, plans waiting for a decision and the longest wait, advisors over their
 * limit — and the hours of services of the past week (Monday to Sunday, Polish days). Each number
 * comes from the function the dashboard shows it with (lib/domain/dashboard/counts.ts,
 * lib/domain/paths/attention.ts, lib/domain/services/register.ts), so the digest cannot disagree
 * with the dashboard. The dedupe key names the week: a retried or repeated job notifies once.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Monday-to-Sunday week before the one holding `now` (Polish calendar days). */
export function pastWeek(now: Date): TPeriod {
  const from = addDays(startOfWeek(todayInPoland(now)), -7);
  return { from, to: addDays(from, 6) };
}

/** The ISO 8601 week of a Monday, e.g. "2026-W48": the week belongs to the year of its Thursday. */
export function isoWeekOf(monday: string): string {
  const year = addDays(monday, 3).slice(0, 4);
  const firstMonday = startOfWeek(`${year}-01-04`);
  const week = Math.round((dateOnly(monday).getTime() - dateOnly(firstMonday).getTime()) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * The digest's numbers as a manager's dashboard shows them, read with that manager's context
 * (a manager's scope is the whole centre, so every manager's numbers are the same).
 */
async function loadDigestNumbers(tx: TTx, ctx: TContext, week: TPeriod, now: Date): Promise<TWeeklyDigestParams> {
  const counts = await selectCounts(tx, { plans: planInboxSql(ctx), buckets: loadBucketsSql(ctx) });
  const overduePaths = await countOverdueMonitoring(tx, ctx, { now });
  const { minutes } = totalsIn(await loadServiceRegisterDays(tx, ctx, week), week);
  const plans = countAndOldest(counts.plans);
  return {
    weekFrom: week.from,
    weekTo: week.to,
    overduePaths,
    plansWaiting: plans.count,
    longestWaitDays: plans.oldest ? Math.max(0, Math.floor((now.getTime() - plans.oldest.getTime()) / DAY_MS)) : null,
    advisorsOverLimit: countsByKey(counts.buckets, LOAD_BUCKETS).over,
    serviceHours: Math.round((minutes / 60) * 100) / 100,
  };
}

/** Notifies every active manager of `tenantId` with the week's digest as of `now`; returns how many were written. */
export async function runWeeklyDigest(tenantId: string, now: Date = new Date()): Promise<number> {
  const week = pastWeek(now);
  return tenantTransaction(tenantId, async (tx) => {
    const managers = await tx.user.findMany({ where: { tenantId, role: "MANAGER", active: true }, select: { id: true, partnerId: true }, orderBy: { id: "asc" } });
    const [first] = managers;
    if (!first) return 0;
    const ctx: TContext = { userId: first.id, tenantId, role: "MANAGER", partnerId: first.partnerId, requestId: randomUUID() };
    const params = await loadDigestNumbers(tx, ctx, week, now);
    return notify(
      tx,
      tenantId,
      managers.map((m) => ({ userId: m.id, kind: "weekly_digest", href: "/dashboard", params, dedupeKey: `weekly_digest:${isoWeekOf(week.from)}` })),
    );
  });
}

/** A tenant job as the cron fan-out sends it (lib/jobs/fan-out.ts). */
const ZTenantJob = z.object({ tenantId: z.uuid() });

/** The `tenant.digest.weekly` job: the digest as of the moment it runs. */
export async function handleWeeklyDigestJob(data: Record<string, unknown>): Promise<void> {
  await runWeeklyDigest(ZTenantJob.parse(data).tenantId);
}
