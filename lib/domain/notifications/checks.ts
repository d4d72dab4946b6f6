import "server-only";
import { z } from "zod";
import { isoDate, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { checksOfView } from "@/lib/domain/durability/read";
import { RETURNED_DAYS_DEFAULT, returnedPlansRuleWhere } from "@/lib/domain/paths/attention";
import { isMonitoringOverdue, monitoredSince, monitoringOverdueWhere } from "@/lib/domain/paths/overdue";
import { purgeExpiredAccessLog } from "@/lib/domain/privacy/access-log";
import { listRetentionReviews } from "@/lib/domain/privacy/retention";
import { NOTIFICATION_RETENTION_DAYS } from "./kinds";
import { notify, type TNotice } from "./outbox";

/**
 * One tenant's nightly checks (the `tenant.nightly` job): paths overdue for monitoring, plans
 * returned and left lying, job durability checks overdue, the retention of notifications and of
 * the access log (lib/domain/privacy/access-log.ts), and — once the retention period has ended —
 * the listing of persons for the IOD's review (lib/domain/privacy/retention.ts).
 *
 * The rules are not restated here: "overdue" is lib/domain/paths/overdue.ts, "returned and not
 * resubmitted" is the attention list's (lib/domain/paths/attention.ts), applied centre-wide. Each
 * notice carries a dedupe key naming its episode, so a check that runs twice (a retried job, a slot
 * fired twice) notifies once: a path is reported once per overdue period — the key holds the moment
 * its monitoring lapsed from (the last entry, or the opening) — and again only after a new entry
 * and a new lapse. Notifications are deleted after NOTIFICATION_RETENTION_DAYS, so a path that
 * stays overdue that long is reported again: a reminder, not a repeat.
 *
 * The work goes in batches of CHECK_BATCH rows, each in its own tenant transaction with its
 * notifications (the outbox): a big centre's night is many short transactions, never one long one,
 * and a batch that fails rolls back alone — its retry skips what the others already wrote.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Paths or plans read, and notified about, per transaction. */
export const CHECK_BATCH = 500;

export type TNightlyChecksResult = {
  /** Notifications written (a repeated episode writes none). */
  notified: number;
  deletedNotifications: number;
  /** Access-log entries past the tenant's retention, purged (issue 17). */
  purgedAccessLog: number;
};

/** Runs the checks for `tenantId` as of `now` (tests pass a fixed moment; the job the clock's). */
export async function runNightlyChecks(tenantId: string, now: Date = new Date()): Promise<TNightlyChecksResult> {
  const overdue = await notifyOverduePaths(tenantId, now);
  const returned = await notifyPlansNotResubmitted(tenantId, now);
  const checks = await notifyOverdueJobChecks(tenantId, now);
  const deletedNotifications = await deleteOldNotifications(tenantId, now);
  const purgedAccessLog = await purgeExpiredAccessLog(tenantId, now);
  const retention = await listRetentionReviews(tenantId, now);
  return { notified: overdue + returned + checks + retention.notified, deletedNotifications, purgedAccessLog };
}

/** A tenant job as the cron fan-out sends it (lib/jobs/fan-out.ts). */
const ZTenantJob = z.object({ tenantId: z.uuid() });

/** The `tenant.nightly` job: the checks as of the moment it runs. */
export async function handleNightlyChecksJob(data: Record<string, unknown>): Promise<void> {
  await runNightlyChecks(ZTenantJob.parse(data).tenantId);
}

const wholeDaysSince = (since: Date, now: Date) => Math.floor((now.getTime() - since.getTime()) / DAY_MS);

/**
 * Runs `batch` in tenant transactions, each given the last id the previous one read, until one
 * reads fewer than CHECK_BATCH rows. Returns the notifications written.
 */
async function inBatches(tenantId: string, batch: (tx: TTx, after: string | null) => Promise<{ lastId: string | null; read: number; notified: number }>): Promise<number> {
  let after: string | null = null;
  let notified = 0;
  for (;;) {
    const result = await tenantTransaction(tenantId, (tx) => batch(tx, after));
    notified += result.notified;
    if (result.read < CHECK_BATCH || result.lastId === null) return notified;
    after = result.lastId;
  }
}

async function loadOverdueDays(tx: TTx, tenantId: string): Promise<number> {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { monitoringOverdueDays: true } });
  if (!tenant) throw notFound("Tenant");
  return tenant.monitoringOverdueDays;
}

/**
 * Paths overdue for monitoring (the tenant's `monitoringOverdueDays`): `path_overdue` to the
 * client's key advisor; after twice those days also `path_overdue_escalated` to the active
 * coordinators of the advisor's partner, or — no partner, or no active coordinator there — to the
 * active managers.
 */
async function notifyOverduePaths(tenantId: string, now: Date): Promise<number> {
  return inBatches(tenantId, async (tx, after) => {
    const overdueDays = await loadOverdueDays(tx, tenantId);
    const paths = await tx.supportPath.findMany({
      where: { AND: [{ tenantId }, monitoringOverdueWhere(overdueDays, 0, now), after ? { id: { gt: after } } : {}] },
      orderBy: { id: "asc" },
      take: CHECK_BATCH,
      select: {
        id: true,
        step: true,
        openedAt: true,
        lastMonitoringAt: true,
        client: { select: { name: true, keyAdvisorId: true, keyAdvisor: { select: { partnerId: true } } } },
      },
    });
    // Twice overdue: the same rule with twice the days.
    const escalated = paths.filter((p) => isMonitoringOverdue(p, 2 * overdueDays, now));
    const leads = escalated.length ? await loadLeads(tx, tenantId, escalated.flatMap((p) => (p.client.keyAdvisor?.partnerId ? [p.client.keyAdvisor.partnerId] : []))) : null;
    const escalatedIds = new Set(escalated.map((p) => p.id));

    const notices: TNotice[] = [];
    for (const path of paths) {
      const since = monitoredSince(path);
      const href = `/paths/${path.id}?tab=monitoring`;
      const params = { clientName: path.client.name, days: wholeDaysSince(since, now), since: todayInPoland(since) };
      const episode = `${path.id}:${since.toISOString()}`;
      if (path.client.keyAdvisorId) notices.push({ userId: path.client.keyAdvisorId, kind: "path_overdue", href, params, dedupeKey: `path_overdue:${episode}` });
      if (!leads || !escalatedIds.has(path.id)) continue;
      for (const userId of leads.of(path.client.keyAdvisor?.partnerId ?? null)) {
        notices.push({ userId, kind: "path_overdue_escalated", href, params, dedupeKey: `path_overdue_escalated:${episode}` });
      }
    }
    return { lastId: paths.at(-1)?.id ?? null, read: paths.length, notified: await notify(tx, tenantId, notices) };
  });
}

/** Who hears of an advisor's path overdue twice over: their partner's active coordinators, else the active managers. */
async function loadLeads(tx: TTx, tenantId: string, partnerIds: string[]): Promise<{ of: (partnerId: string | null) => string[] }> {
  const users = await tx.user.findMany({
    where: { tenantId, active: true, OR: [{ role: "MANAGER" }, { role: "COORDINATOR", partnerId: { in: [...new Set(partnerIds)] } }] },
    select: { id: true, role: true, partnerId: true },
  });
  const managers = users.filter((u) => u.role === "MANAGER").map((u) => u.id);
  return {
    of: (partnerId) => {
      const coordinators = partnerId ? users.filter((u) => u.role === "COORDINATOR" && u.partnerId === partnerId).map((u) => u.id) : [];
      return coordinators.length ? coordinators : managers;
    },
  };
}

/**
 * Plans returned at least RETURNED_DAYS_DEFAULT (7) days ago and not resubmitted — the attention
 * list's default — : `plan_not_resubmitted` to the client's key advisor, once per return (a version
 * returned again later is a new episode).
 */
async function notifyPlansNotResubmitted(tenantId: string, now: Date): Promise<number> {
  return inBatches(tenantId, async (tx, after) => {
    const versions = await tx.pathPlanVersion.findMany({
      where: { AND: [returnedPlansRuleWhere(tenantId, { days: RETURNED_DAYS_DEFAULT, now }), after ? { id: { gt: after } } : {}] },
      orderBy: { id: "asc" },
      take: CHECK_BATCH,
      select: { id: true, number: true, pathId: true, decidedAt: true, path: { select: { client: { select: { name: true, keyAdvisorId: true } } } } },
    });
    const notices = versions.flatMap((v): TNotice[] => {
      if (!v.decidedAt || !v.path.client.keyAdvisorId) return [];
      return [
        {
          userId: v.path.client.keyAdvisorId,
          kind: "plan_not_resubmitted",
          href: `/paths/${v.pathId}?tab=plan`,
          params: { clientName: v.path.client.name, versionNumber: v.number, days: wholeDaysSince(v.decidedAt, now), returnedOn: todayInPoland(v.decidedAt) },
          dedupeKey: `plan_not_resubmitted:${v.id}:${v.decidedAt.toISOString()}`,
        },
      ];
    });
    return { lastId: versions.at(-1)?.id ?? null, read: versions.length, notified: await notify(tx, tenantId, notices) };
  });
}

/**
 * Job durability checks past their due date (the Polish calendar day of `now`) and not recorded,
 * of active jobs — the durability list's "overdue" tab (lib/domain/durability/read.ts
 * checksOfView) — : `durability_check_overdue` to the client's key advisor, once per check.
 */
async function notifyOverdueJobChecks(tenantId: string, now: Date): Promise<number> {
  return inBatches(tenantId, async (tx, after) => {
    const checks = await tx.jobCheck.findMany({
      where: { AND: [{ tenantId, job: { withdrawnAt: null } }, checksOfView("overdue", todayInPoland(now)), after ? { id: { gt: after } } : {}] },
      orderBy: { id: "asc" },
      take: CHECK_BATCH,
      select: { id: true, months: true, dueOn: true, jobId: true, job: { select: { client: { select: { name: true, keyAdvisorId: true } } } } },
    });
    const notices = checks.flatMap((check): TNotice[] => {
      const advisorId = check.job.client.keyAdvisorId;
      if (!advisorId) return [];
      return [
        {
          userId: advisorId,
          kind: "durability_check_overdue",
          href: `/durability/${check.jobId}`,
          params: { clientName: check.job.client.name, months: check.months, dueOn: isoDate(check.dueOn) },
          dedupeKey: `durability_check_overdue:${check.id}`,
        },
      ];
    });
    return { lastId: checks.at(-1)?.id ?? null, read: checks.length, notified: await notify(tx, tenantId, notices) };
  });
}

/** Deletes the tenant's notifications older than NOTIFICATION_RETENTION_DAYS; returns how many. */
async function deleteOldNotifications(tenantId: string, now: Date): Promise<number> {
  const keptSince = new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * DAY_MS);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  return tenantTransaction(tenantId, async (tx) => {
    // Spent invitation and reset links (only their hashes were ever stored) go a day after they
    // expired or were used: long enough to answer "this link was already used".
    await tx.accountToken.deleteMany({ where: { tenantId, OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } });
    const { count } = await tx.notification.deleteMany({ where: { tenantId, createdAt: { lt: keptSince } } });
    return count;
  });
}
