import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { lockAdvisors, lockClient } from "@/lib/domain/caseload/locks";
import { assertCaseloadCapacity, assertIsKeyAdvisor } from "@/lib/domain/caseload/policy";
import { parseInput } from "@/lib/validation";
import type { TPathHead } from "./access";
import { loadPathFacts } from "./facts";
import { ZMovePathInput, type TMovePathInput } from "./schemas";
import { missingForTransition, type TPathStep } from "./state-machine";
import { writePath } from "./write";

/**
 * Moves a path to another step, if the state machine allows it now. A refusal is
 * PATH_TRANSITION_REFUSED with `params.missing` listing what is missing (keys of
 * `paths.missing.*`, explained in Polish on screen).
 *
 * Closing releases the client from the advisor's load; reopening takes the advisor's lock and
 * counts again under the cap, exactly like an assignment.
 */
export async function movePath(ctx: TContext, pathId: string, rawInput: TMovePathInput): Promise<{ step: TPathStep }> {
  const { to } = parseInput(ZMovePathInput, rawInput);
  return writePath(
    ctx,
    pathId,
    async (tx, path) => {
      const facts = await loadPathFacts(tx, ctx.tenantId, path.id, path.template);
      const missing = missingForTransition(path.step, to, facts);
      if (missing.length > 0) {
        throw new AppError("PATH_TRANSITION_REFUSED", {
          message: `${path.step} → ${to} refused: ${missing.join(", ")}`,
          params: { from: path.step, to, missing: missing.join(",") },
        });
      }
      if (to === "CLOSED") await closePath(tx, ctx, path);
      else if (path.step === "CLOSED") await reopenPath(tx, ctx, path, to);
      await tx.supportPath.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: path.id } },
        data: { step: to },
        select: { id: true },
      });
      await tx.pathTransition.create({
        data: { tenantId: ctx.tenantId, pathId: path.id, fromStep: path.step, toStep: to, actorId: ctx.userId },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: to === "CLOSED" ? "path.close" : path.step === "CLOSED" ? "path.reopen" : "path.move",
        entityType: "SupportPath",
        entityId: path.id,
        before: { step: path.step },
        after: { step: to },
      });
      return { step: to };
    },
    { allowClosed: true },
  );
}

/** The path ends; the client leaves the advisor's load (status CLOSED) and the assignment row closes. */
async function closePath(tx: TTx, ctx: TContext, path: TPathHead) {
  // The fixed lock order: advisor, then client (see lib/domain/caseload/locks.ts).
  if (path.advisorId) await lockAdvisors(tx, ctx.tenantId, [path.advisorId]);
  const client = await lockClient(tx, ctx.tenantId, path.clientId);
  const now = new Date();
  await tx.supportPath.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: path.id } },
    // The step moves in the same statement: the CHECK ties step = CLOSED to closed_at being set.
    data: { step: "CLOSED", closedAt: now, openClientId: null, keyAdvisorId: client.keyAdvisorId ?? path.advisorId },
    select: { id: true },
  });
  if (client.status === "ACTIVE") {
    await tx.clientAssignment.updateMany({
      where: { tenantId: ctx.tenantId, clientId: client.id, releasedAt: null },
      data: { releasedAt: now, releasedById: ctx.userId, releaseReason: "path.closed" },
    });
  }
  await tx.client.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: client.id } },
    data: { status: "CLOSED", keyAdvisorId: null, waitingSince: null },
    select: { id: true },
  });
}

/**
 * The path resumes. If the client has no key advisor, the path's advisor takes them back — under
 * the advisor's lock and the cap, so concurrent reopenings never put anyone over the limit.
 */
async function reopenPath(tx: TTx, ctx: TContext, path: TPathHead, to: TPathStep) {
  const advisorId = path.advisorId;
  if (!advisorId) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "pathNeedsKeyAdvisor" } });
  const { advisors, tenantMax } = await lockAdvisors(tx, ctx.tenantId, [advisorId]);
  const client = await lockClient(tx, ctx.tenantId, path.clientId);
  const open = await tx.supportPath.count({ where: { tenantId: ctx.tenantId, openClientId: client.id } });
  if (open > 0) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "pathAlreadyOpen" } });
  if (client.status !== "ACTIVE") {
    const advisor = advisors.get(advisorId);
    if (!advisor) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "pathNeedsKeyAdvisor" } });
    assertIsKeyAdvisor(advisor);
    assertCaseloadCapacity(advisor, tenantMax);
    await tx.clientAssignment.create({
      data: { tenantId: ctx.tenantId, clientId: client.id, advisorId, assignedById: ctx.userId, reason: "path.reopened" },
      select: { id: true },
    });
    await tx.client.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: client.id } },
      data: { status: "ACTIVE", keyAdvisorId: advisorId, waitingSince: null },
      select: { id: true },
    });
  }
  await tx.supportPath.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: path.id } },
    // With the step, as on closing (the CHECK support_path_closed_step).
    data: { step: to, closedAt: null, openClientId: client.id },
    select: { id: true },
  });
}
