import "server-only";
import type { TContext } from "@/lib/auth/context";
import { isoDate } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { adjustJobsForResult, withdrawJobsOfResult } from "@/lib/domain/durability/jobs";
import { AppError, notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import type { TPathHead } from "./access";
import { ZCorrectResultInput, ZWithdrawResultInput, type TCorrectResultInput, type TWithdrawResultInput } from "./schemas";
import { writePath } from "./write";

/**
 * Results are evidence toward the indicators (issue 16 §2): corrected or withdrawn, never deleted,
 * each change audited with before and after. A withdrawn result stays on the path, struck through,
 * and the indicator_evidence view no longer counts it. Both work on closed paths too (a result is
 * usually corrected after the path closed), with paths.write in the path's scope.
 */

const RESULT_SELECT = {
  id: true,
  type: true,
  quantity: true,
  achievedOn: true,
  evidenceKind: true,
  evidenceReference: true,
  description: true,
  kpresSpheres: true,
  withdrawnAt: true,
} as const;

/** The result within the path (a result of another path or tenant answers like a missing one), locked. */
async function loadResult(tx: TTx, ctx: TContext, path: TPathHead, resultId: string) {
  assertId(resultId, "PathResult");
  await tx.$queryRaw`SELECT id FROM path_result WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${resultId}::uuid FOR UPDATE`;
  const result = await tx.pathResult.findFirst({
    where: {
      tenantId: ctx.tenantId,
      id: resultId,
      evaluation: { pathId: path.id },
    },
    select: RESULT_SELECT,
  });
  if (!result) throw notFound("PathResult");
  if (result.withdrawnAt)
    throw new AppError("INVALID_STATE", {
      fieldErrors: { _form: "resultWithdrawn" },
    });
  return result;
}

/** The audited view of a result (dates as calendar days). */
function auditView(r: {
  quantity: number;
  achievedOn: Date;
  evidenceKind: string;
  evidenceReference: string | null;
  description: string | null;
  kpresSpheres: string[];
}) {
  const { quantity, evidenceKind, evidenceReference, description, kpresSpheres } = r;
  return {
    quantity,
    achievedOn: isoDate(r.achievedOn),
    evidenceKind,
    evidenceReference,
    description,
    kpresSpheres,
  };
}

/**
 * Corrects a result's quantity, date, evidence, description or spheres. For JOBS_CREATED the job
 * records follow (lib/domain/durability/jobs.ts adjustJobsForResult): a higher quantity adds jobs
 * with checks, a lower one withdraws the newest unchecked jobs — refused (INVALID_STATE on
 * `quantity`, "jobsAlreadyChecked") when that would drop a job whose check is recorded — and a new
 * date moves the open checks' due dates.
 */
export async function correctPathResult(ctx: TContext, pathId: string, resultId: string, rawInput: TCorrectResultInput) {
  const input = parseInput(ZCorrectResultInput, rawInput);
  return writePath(
    ctx,
    pathId,
    async (tx, path) => {
      const before = await loadResult(tx, ctx, path, resultId);
      await tx.pathResult.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: before.id } },
        data: input,
        select: { id: true },
      });
      let jobs: { added: string[]; withdrawn: string[] } | null = null;
      if (before.type === "JOBS_CREATED") {
        jobs = await adjustJobsForResult(
          tx,
          ctx,
          {
            resultId: before.id,
            clientId: path.clientId,
            startsOn: input.achievedOn,
            evidence: input.evidenceReference,
          },
          {
            quantity: input.quantity,
            startsOnChanged: input.achievedOn.getTime() !== before.achievedOn.getTime(),
            previousEvidence: before.evidenceReference,
          },
        );
      }
      await recordAudit(tx, auditActor(ctx), {
        action: "path.result_correct",
        entityType: "SupportPath",
        entityId: path.id,
        before: { results: [{ type: before.type, ...auditView(before) }] },
        after: {
          results: [{ type: before.type, ...auditView(input) }],
          ...(jobs && jobs.added.length ? { jobsAdded: jobs.added.length } : {}),
          ...(jobs && jobs.withdrawn.length ? { jobsWithdrawn: jobs.withdrawn.length } : {}),
        },
      });
      return { id: before.id, jobs };
    },
    { allowClosed: true },
  );
}

/** Withdraws a result with a reason; for JOBS_CREATED its job records are withdrawn with it. */
export async function withdrawPathResult(ctx: TContext, pathId: string, resultId: string, rawInput: TWithdrawResultInput) {
  const input = parseInput(ZWithdrawResultInput, rawInput);
  return writePath(
    ctx,
    pathId,
    async (tx, path) => {
      const result = await loadResult(tx, ctx, path, resultId);
      await tx.pathResult.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: result.id } },
        data: {
          withdrawnAt: new Date(),
          withdrawnById: ctx.userId,
          withdrawReason: input.reason,
        },
        select: { id: true },
      });
      const jobs = result.type === "JOBS_CREATED" ? await withdrawJobsOfResult(tx, ctx, result.id) : [];
      await recordAudit(tx, auditActor(ctx), {
        action: "path.result_withdraw",
        entityType: "SupportPath",
        entityId: path.id,
        before: { results: [{ type: result.type, ...auditView(result) }] },
        after: {
          withdrawReason: input.reason,
          ...(jobs.length ? { jobsWithdrawn: jobs.length } : {}),
        },
      });
      return { id: result.id, jobsWithdrawn: jobs.length };
    },
    { allowClosed: true },
  );
}
