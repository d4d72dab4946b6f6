import "server-only";
import type { TContext } from "@/lib/auth/context";
import { isoDate } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { plannedChecks } from "./policy";

/**
 * The job records behind a JOBS_CREATED result, kept in step with it inside the caller's
 * transaction (lib/domain/paths writes results; these are its only writers of jobs): n jobs for
 * a quantity of n, each with one check per the tenant's `jobCheckMonths`.
 */

export type TJobSource = {
  resultId: string;
  clientId: string;
  startsOn: Date;
  evidence: string | null;
};

async function loadCheckMonths(tx: TTx, ctx: TContext): Promise<number[]> {
  const tenant = await tx.tenant.findUnique({
    where: { id: ctx.tenantId },
    select: { jobCheckMonths: true },
  });
  if (!tenant) throw notFound("Tenant");
  return tenant.jobCheckMonths;
}

/** Adds `count` jobs of the result, each with its checks; returns their ids. */
export async function addJobsForResult(tx: TTx, ctx: TContext, source: TJobSource, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const checks = plannedChecks(isoDate(source.startsOn), await loadCheckMonths(tx, ctx));
  const jobs = await tx.jobRecord.createManyAndReturn({
    data: Array.from({ length: count }, () => ({
      tenantId: ctx.tenantId,
      clientId: source.clientId,
      pathResultId: source.resultId,
      startsOn: source.startsOn,
      evidence: source.evidence,
      createdById: ctx.userId,
    })),
    select: { id: true },
  });
  if (checks.length) {
    await tx.jobCheck.createMany({
      data: jobs.flatMap((job) =>
        checks.map((check) => ({
          tenantId: ctx.tenantId,
          jobId: job.id,
          months: check.months,
          dueOn: check.dueOn,
        })),
      ),
    });
  }
  return jobs.map((j) => j.id);
}

type TResultJob = { id: string; createdAt: Date; checked: boolean };

async function loadResultJobs(tx: TTx, ctx: TContext, resultId: string): Promise<TResultJob[]> {
  const jobs = await tx.jobRecord.findMany({
    where: {
      tenantId: ctx.tenantId,
      pathResultId: resultId,
      withdrawnAt: null,
    },
    select: {
      id: true,
      createdAt: true,
      checks: {
        where: { outcome: { not: null } },
        select: { id: true },
        take: 1,
      },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return jobs.map((j) => ({
    id: j.id,
    createdAt: j.createdAt,
    checked: j.checks.length > 0,
  }));
}

/**
 * Brings the result's active jobs to `quantity`: more are added with their checks; fewer withdraw
 * the newest jobs with no recorded check — refused (nothing changed) when there are not enough of
 * those, since a recorded check is evidence already reported. A new start date moves the jobs and
 * the due dates of their open checks; recorded checks keep theirs. Returns what changed, for the audit.
 */
export async function adjustJobsForResult(
  tx: TTx,
  ctx: TContext,
  source: TJobSource,
  change: {
    quantity: number;
    startsOnChanged: boolean;
    previousEvidence: string | null;
  },
): Promise<{ added: string[]; withdrawn: string[] }> {
  const jobs = await loadResultJobs(tx, ctx, source.resultId);
  let withdrawn: string[] = [];
  if (change.quantity < jobs.length) {
    const drop = jobs.length - change.quantity;
    const unchecked = jobs.filter((j) => !j.checked);
    if (unchecked.length < drop) {
      throw new AppError("INVALID_STATE", {
        fieldErrors: { quantity: "jobsAlreadyChecked" },
        params: { checked: jobs.length - unchecked.length },
      });
    }
    withdrawn = unchecked.slice(0, drop).map((j) => j.id);
    await tx.jobRecord.updateMany({
      where: { tenantId: ctx.tenantId, id: { in: withdrawn } },
      data: { withdrawnAt: new Date() },
    });
  }
  const kept = jobs.filter((j) => !withdrawn.includes(j.id)).map((j) => j.id);
  if (kept.length) {
    await tx.jobRecord.updateMany({
      where: {
        tenantId: ctx.tenantId,
        id: { in: kept },
        evidence: change.previousEvidence,
      },
      data: { evidence: source.evidence },
    });
  }
  if (change.startsOnChanged && kept.length) {
    await tx.jobRecord.updateMany({
      where: { tenantId: ctx.tenantId, id: { in: kept } },
      data: { startsOn: source.startsOn },
    });
    await moveOpenChecks(tx, ctx, kept, source.startsOn);
  }
  const added = await addJobsForResult(tx, ctx, source, change.quantity - jobs.length);
  return { added, withdrawn };
}

/** Withdraws every active job of the result (the result itself was withdrawn); returns their ids. */
export async function withdrawJobsOfResult(tx: TTx, ctx: TContext, resultId: string): Promise<string[]> {
  const jobs = await tx.jobRecord.findMany({
    where: {
      tenantId: ctx.tenantId,
      pathResultId: resultId,
      withdrawnAt: null,
    },
    select: { id: true },
  });
  if (jobs.length) {
    await tx.jobRecord.updateMany({
      where: { tenantId: ctx.tenantId, id: { in: jobs.map((j) => j.id) } },
      data: { withdrawnAt: new Date() },
    });
  }
  return jobs.map((j) => j.id);
}

/** Re-dates the open checks of `jobIds` from the new start date (calendar months, per check). */
async function moveOpenChecks(tx: TTx, ctx: TContext, jobIds: string[], startsOn: Date): Promise<void> {
  const open = await tx.jobCheck.findMany({
    where: { tenantId: ctx.tenantId, jobId: { in: jobIds }, outcome: null },
    select: { months: true },
  });
  const months = [...new Set(open.map((c) => c.months))];
  for (const planned of plannedChecks(isoDate(startsOn), months)) {
    await tx.jobCheck.updateMany({
      where: {
        tenantId: ctx.tenantId,
        jobId: { in: jobIds },
        outcome: null,
        months: planned.months,
      },
      data: { dueOn: planned.dueOn },
    });
  }
}
