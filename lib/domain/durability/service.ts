import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { isoDate, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { AppError, notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import { checkRecordingRefusal } from "./policy";
import { checkDates, ZRecordCheckInput, ZUpdateJobInput, type TRecordCheckInput, type TUpdateJobInput } from "./schemas";

/**
 * Job durability (issue 16 §3): the advisor keeps a job's details and records its checks. Every
 * write takes durability.check, then the job's client in the caller's clients.write scope (a key
 * advisor their own clients, a coordinator their partner's, a manager all); a job or check of
 * another tenant, or malformed, is NOT_FOUND. A withdrawn job (its result withdrawn) takes no writes.
 */

/** The job, locked, within the tenant and the caller's scope. */
async function loadJobForWrite(tx: TTx, ctx: TContext, jobId: string) {
  assertId(jobId, "JobRecord");
  await tx.$queryRaw`SELECT id FROM job_record WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${jobId}::uuid FOR UPDATE`;
  const job = await tx.jobRecord.findFirst({
    where: { tenantId: ctx.tenantId, id: jobId },
    select: {
      id: true,
      clientId: true,
      personName: true,
      position: true,
      evidence: true,
      startsOn: true,
      withdrawnAt: true,
    },
  });
  if (!job) throw notFound("JobRecord");
  await assertClientInScope(tx, ctx, job.clientId, "clients.write");
  if (job.withdrawnAt)
    throw new AppError("INVALID_STATE", {
      fieldErrors: { _form: "jobWithdrawn" },
    });
  return job;
}

/** The check and its job (locked), within the tenant and the caller's scope. */
async function loadCheckForWrite(tx: TTx, ctx: TContext, checkId: string) {
  assertId(checkId, "JobCheck");
  const check = await tx.jobCheck.findFirst({
    where: { tenantId: ctx.tenantId, id: checkId },
    select: { id: true, jobId: true },
  });
  if (!check) throw notFound("JobCheck");
  const job = await loadJobForWrite(tx, ctx, check.jobId);
  const checks = await tx.jobCheck.findMany({
    where: { tenantId: ctx.tenantId, jobId: job.id },
    select: {
      id: true,
      months: true,
      dueOn: true,
      outcome: true,
      checkedOn: true,
      endedOn: true,
      evidence: true,
    },
    orderBy: { months: "asc" },
  });
  const current = checks.find((c) => c.id === check.id);
  if (!current) throw notFound("JobCheck");
  return {
    job,
    check: current,
    later: checks.filter((c) => c.months > current.months),
    earlier: checks.filter((c) => c.months < current.months),
  };
}

const checkView = (c: { months: number; outcome: string | null; checkedOn: Date | null; endedOn: Date | null; evidence: string | null }) => ({
  checkMonths: c.months,
  outcome: c.outcome,
  checkedOn: c.checkedOn ? isoDate(c.checkedOn) : null,
  endedOn: c.endedOn ? isoDate(c.endedOn) : null,
  evidence: c.evidence,
});

/** Corrects a job's person, position or evidence (audited before/after). */
export async function updateJob(ctx: TContext, jobId: string, rawInput: TUpdateJobInput) {
  await assertCan(ctx, "durability.check");
  const input = parseInput(ZUpdateJobInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const job = await loadJobForWrite(tx, ctx, jobId);
      await tx.jobRecord.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: job.id } },
        data: input,
        select: { id: true },
      });
      const before = {
        personName: job.personName,
        position: job.position,
        evidence: job.evidence,
      };
      await recordAudit(tx, auditActor(ctx), {
        action: "durability.job_update",
        entityType: "JobRecord",
        entityId: job.id,
        before,
        after: input,
      });
      return { id: job.id };
    }),
  );
}

/**
 * Records a durability check: MAINTAINED (checkedOn, evidence) or ENDED (endedOn, evidence). It
 * may be recorded from CHECK_EARLY_DAYS before it is due, dated no later than today, and only
 * after the job's earlier checks; an ENDED job's later checks are closed as ENDED with it.
 */
export async function recordJobCheck(ctx: TContext, checkId: string, rawInput: TRecordCheckInput) {
  await assertCan(ctx, "durability.check");
  const input = parseInput(ZRecordCheckInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const { job, check, later, earlier } = await loadCheckForWrite(tx, ctx, checkId);
      if (check.outcome)
        throw new AppError("INVALID_STATE", {
          fieldErrors: { _form: "durabilityCheckRecorded" },
        });
      if (earlier.some((c) => c.outcome === null))
        throw new AppError("INVALID_STATE", {
          fieldErrors: { _form: "durabilityEarlierCheckOpen" },
        });
      const refusal = checkRecordingRefusal({ dueOn: isoDate(check.dueOn) }, { startsOn: isoDate(job.startsOn) }, input, todayInPoland());
      if (refusal) throw new AppError(refusal._form ? "INVALID_STATE" : "VALIDATION_FAILED", { fieldErrors: refusal });
      const data = {
        outcome: input.outcome,
        ...checkDates(input),
        evidence: input.evidence,
        checkedById: ctx.userId,
        checkedAt: new Date(),
      };
      await tx.jobCheck.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: check.id } },
        data,
        select: { id: true },
      });
      const closed = input.outcome === "ENDED" ? later.filter((c) => c.outcome === null).map((c) => c.id) : [];
      if (closed.length)
        await tx.jobCheck.updateMany({
          where: { tenantId: ctx.tenantId, id: { in: closed } },
          data,
        });
      await recordAudit(tx, auditActor(ctx), {
        action: "durability.check_record",
        entityType: "JobRecord",
        entityId: job.id,
        after: {
          ...checkView({ months: check.months, ...data }),
          ...(closed.length ? { closedChecks: closed.length } : {}),
        },
      });
      return { id: check.id, closedChecks: closed.length };
    }),
  );
}

/**
 * Corrects a recorded check (audited before/after). Turning it into ENDED closes the later open
 * checks too (refused while a later check stands recorded as MAINTAINED); turning an ENDED check
 * into MAINTAINED reopens the later checks it had closed (those ENDED on the same day).
 */
export async function correctJobCheck(ctx: TContext, checkId: string, rawInput: TRecordCheckInput) {
  await assertCan(ctx, "durability.check");
  const input = parseInput(ZRecordCheckInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const { job, check, later } = await loadCheckForWrite(tx, ctx, checkId);
      if (!check.outcome)
        throw new AppError("INVALID_STATE", {
          fieldErrors: { _form: "durabilityCheckNotRecorded" },
        });
      // The window has passed for a recorded check: only the dates themselves are checked.
      const refusal = checkRecordingRefusal({ dueOn: isoDate(check.dueOn) }, { startsOn: isoDate(job.startsOn) }, input, todayInPoland());
      if (refusal && !refusal._form) throw new AppError("VALIDATION_FAILED", { fieldErrors: refusal });
      const closedByThis = later.filter((c) => check.outcome === "ENDED" && c.outcome === "ENDED" && c.endedOn?.getTime() === check.endedOn?.getTime());
      if (input.outcome === "ENDED" && later.some((c) => c.outcome === "MAINTAINED")) {
        throw new AppError("INVALID_STATE", {
          fieldErrors: { outcome: "durabilityLaterCheckMaintained" },
        });
      }
      const data = {
        outcome: input.outcome,
        ...checkDates(input),
        evidence: input.evidence,
        checkedById: ctx.userId,
        checkedAt: new Date(),
      };
      await tx.jobCheck.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: check.id } },
        data,
        select: { id: true },
      });
      const laterChecks: Record<string, number> = {};
      if (input.outcome === "ENDED") {
        const ids = [...closedByThis, ...later.filter((c) => c.outcome === null)].map((c) => c.id);
        if (ids.length)
          laterChecks.closedChecks = (
            await tx.jobCheck.updateMany({
              where: { tenantId: ctx.tenantId, id: { in: ids } },
              data,
            })
          ).count;
      } else if (closedByThis.length) {
        const open = {
          outcome: null,
          checkedOn: null,
          endedOn: null,
          evidence: null,
          checkedById: null,
          checkedAt: null,
        };
        laterChecks.reopenedChecks = (
          await tx.jobCheck.updateMany({
            where: {
              tenantId: ctx.tenantId,
              id: { in: closedByThis.map((c) => c.id) },
            },
            data: open,
          })
        ).count;
      }
      await recordAudit(tx, auditActor(ctx), {
        action: "durability.check_correct",
        entityType: "JobRecord",
        entityId: job.id,
        before: checkView(check),
        after: {
          ...checkView({ months: check.months, ...data }),
          ...laterChecks,
        },
      });
      return { id: check.id };
    }),
  );
}
