import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { reclaimOnPathReopen, releaseOnPathClose } from "@/lib/domain/caseload/path-load";
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
 * Closing releases the client from the advisor's load; reopening counts them again under the cap.
 * Both moves are the caseload area's, inside this transaction: the lock order is the path's row
 * (writePath), then the advisors by id, then the client — never the reverse.
 */
export async function movePath(ctx: TContext, pathId: string, rawInput: TMovePathInput): Promise<{ step: TPathStep }> {
  const { to } = parseInput(ZMovePathInput, rawInput);
  return writePath(
    ctx,
    pathId,
    async (tx, path) => {
      const facts = await loadPathFacts(tx, ctx.tenantId, path.id);
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

/**
 * The path ends. The client's side — off the advisor's load, support ended, assignment row closed,
 * audited on the client — is the caseload area's (releaseOnPathClose); the path keeps the name of
 * the advisor who carried it.
 */
async function closePath(tx: TTx, ctx: TContext, path: TPathHead) {
  const { releasedAdvisorId } = await releaseOnPathClose(tx, ctx, path.clientId);
  await tx.supportPath.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: path.id } },
    // The step moves in the same statement: the CHECK ties step = CLOSED to closed_at being set.
    data: { step: "CLOSED", closedAt: new Date(), openClientId: null, keyAdvisorId: releasedAdvisorId ?? path.advisorId },
    select: { id: true },
  });
}

/**
 * The path resumes. A client without a key advisor goes back to the path's advisor through the
 * caseload area (reclaimOnPathReopen: the advisor's lock and the cap, so concurrent reopenings
 * never put anyone over the limit). The client's row is locked from there on, so the count of their
 * open paths holds until commit; a failing check rolls the reclaim back with everything else.
 */
async function reopenPath(tx: TTx, ctx: TContext, path: TPathHead, to: TPathStep) {
  const advisorId = path.advisorId;
  if (!advisorId) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "pathNeedsKeyAdvisor" } });
  await reclaimOnPathReopen(tx, ctx, path.clientId, advisorId);
  const open = await tx.supportPath.count({ where: { tenantId: ctx.tenantId, openClientId: path.clientId } });
  if (open > 0) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "pathAlreadyOpen" } });
  await tx.supportPath.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: path.id } },
    // With the step, as on closing (the CHECK support_path_closed_step).
    data: { step: to, closedAt: null, openClientId: path.clientId },
    select: { id: true },
  });
}
