import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertSupportChoices } from "@/lib/domain/catalogue/rules";
import { notify } from "@/lib/domain/notifications/outbox";
import { assertId, parseInput } from "@/lib/validation";
import {
  ZDecidePlanInput,
  ZSavePlanInput,
  ZSubmitPlanInput,
  type TDecidePlanInput,
  type TSavePlanInput,
  type TSubmitPlanInput,
} from "./schemas";
import { findPlanDeciders } from "./plan-recipients";
import { acceptsPlanWork, type TPathStep } from "./state-machine";
import { writePath } from "./write";

type TActions = ReturnType<typeof ZSavePlanInput.parse>["actions"];

async function replaceActions(tx: TTx, tenantId: string, planVersionId: string, actions: TActions) {
  await tx.pathPlanAction.deleteMany({ where: { tenantId, planVersionId } });
  await tx.pathPlanAction.createMany({
    data: actions.map((action, position) => ({ ...action, tenantId, planVersionId, position })),
  });
}

/**
 * Plan work waits for the PLAN step (see acceptsPlanWork): at IDENTIFICATION or NEEDS the plan
 * cannot be saved, submitted or decided, and nothing is written.
 */
function assertPlanStep(step: TPathStep) {
  if (!acceptsPlanWork(step)) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "planBeforePlanStep" } });
}

/**
 * The person responsible for an action comes from the form: they must be a user of the centre
 * (another centre's user is refused exactly like an unknown id).
 */
async function assertResponsibleUsers(tx: TTx, tenantId: string, actions: TActions) {
  const ids = [...new Set(actions.flatMap((a) => (a.responsibleUserId ? [a.responsibleUserId] : [])))];
  if (ids.length === 0) return;
  const found = new Set((await tx.user.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true } })).map((u) => u.id));
  const fieldErrors = Object.fromEntries(
    actions.flatMap((a, i) => (a.responsibleUserId && !found.has(a.responsibleUserId) ? [[`actions.${i}.responsibleUserId`, "unknownUser"]] : [])),
  );
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors });
}

/**
 * The actions' support types and specialist areas against the tenant's catalogue (one statement):
 * new choices must be active entries, and an area is kept only where the type's entry asks for one
 * (then it is required). A plan revised from `baseVersionId` (the latest version, edited in place
 * or followed by a new one) may keep the retired entries that version names — read only when a
 * choice is retired.
 */
async function checkActionsCatalogue(tx: TTx, tenantId: string, actions: TActions, baseVersionId: string | null): Promise<TActions> {
  const kept = async () => {
    if (!baseVersionId) return {};
    const rows = await tx.pathPlanAction.findMany({ where: { tenantId, planVersionId: baseVersionId }, select: { supportType: true, specialistArea: true } });
    return { supportType: rows.map((r) => r.supportType), specialistArea: rows.flatMap((r) => (r.specialistArea ? [r.specialistArea] : [])) };
  };
  const areas = await assertSupportChoices(
    tx,
    tenantId,
    actions.map((a, i) => ({ supportType: a.supportType, specialistArea: a.specialistArea, fields: { supportType: `actions.${i}.supportType`, specialistArea: `actions.${i}.specialistArea` } })),
    kept,
  );
  return actions.map((a, i) => ({ ...a, specialistArea: areas[i] ?? null }));
}

/**
 * Saves the action plan. The first save creates version 1. A DRAFT or RETURNED version is edited
 * in place, but only if nobody saved it since the caller loaded it (`baseRevision`, optimistic
 * concurrency: otherwise CONFLICT, and the caller keeps their text). Editing an APPROVED version
 * starts a new DRAFT version; every earlier version stays readable. A SUBMITTED version waits for
 * its decision and cannot change. Plans are written from the PLAN step on (acceptsPlanWork).
 */
export async function savePlan(ctx: TContext, pathId: string, rawInput: TSavePlanInput): Promise<{ versionId: string; number: number; revision: number }> {
  const input = parseInput(ZSavePlanInput, rawInput);
  return writePath(ctx, pathId, async (tx, path) => {
    assertPlanStep(path.step);
    await assertResponsibleUsers(tx, ctx.tenantId, input.actions);
    const latest = await tx.pathPlanVersion.findFirst({
      where: { tenantId: ctx.tenantId, pathId: path.id },
      orderBy: { number: "desc" },
      select: { id: true, number: true, status: true, revision: true },
    });
    if (latest && input.versionId !== latest.id) {
      // The caller edited an older version, or started a first draft someone else already made.
      throw new AppError("CONFLICT", { message: "Plan version is no longer the latest" });
    }
    const actions = await checkActionsCatalogue(tx, ctx.tenantId, input.actions, latest?.id ?? null);
    if (!latest || latest.status === "APPROVED" || latest.status === "SUPERSEDED") {
      if (latest && input.baseRevision !== latest.revision) throw new AppError("CONFLICT", { message: "Approved plan changed" });
      const created = await tx.pathPlanVersion.create({
        data: { tenantId: ctx.tenantId, pathId: path.id, number: (latest?.number ?? 0) + 1, summary: input.summary, createdById: ctx.userId },
        select: { id: true, number: true, revision: true },
      });
      await replaceActions(tx, ctx.tenantId, created.id, actions);
      await recordAudit(tx, auditActor(ctx), {
        action: "plan.version_create",
        entityType: "PathPlanVersion",
        entityId: created.id,
        after: { pathId: path.id, number: created.number, ...input, actions },
      });
      return { versionId: created.id, number: created.number, revision: created.revision };
    }
    if (latest.status === "SUBMITTED") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "planUnderReview" } });
    // Compare-and-set on the revision: of two saves from the same revision, exactly one wins.
    const won = await tx.pathPlanVersion.updateMany({
      where: { tenantId: ctx.tenantId, pathId: path.id, id: latest.id, revision: input.baseRevision ?? -1 },
      data: { revision: { increment: 1 }, summary: input.summary, status: "DRAFT" },
    });
    if (won.count === 0) throw new AppError("CONFLICT", { message: "Plan saved by someone else meanwhile" });
    const before = await tx.pathPlanAction.findMany({
      where: { tenantId: ctx.tenantId, planVersionId: latest.id },
      orderBy: { position: "asc" },
      select: { supportType: true, specialistArea: true, description: true, plannedFrom: true, plannedTo: true, responsibleUserId: true, expectedResult: true, status: true },
    });
    await replaceActions(tx, ctx.tenantId, latest.id, actions);
    await recordAudit(tx, auditActor(ctx), {
      action: "plan.version_update",
      entityType: "PathPlanVersion",
      entityId: latest.id,
      before: { actions: before },
      after: { summary: input.summary, actions },
    });
    return { versionId: latest.id, number: latest.number, revision: latest.revision + 1 };
  });
}

/** Where a plan's notices lead: the path's plan tab. */
const planHref = (pathId: string) => `/paths/${pathId}?tab=plan`;

/**
 * The advisor submits a draft (or returned) version for approval (from the PLAN step on). Those who
 * decide it are notified in the same transaction (plan_submitted, see findPlanDeciders).
 */
export async function submitPlan(ctx: TContext, pathId: string, rawInput: TSubmitPlanInput) {
  const input = parseInput(ZSubmitPlanInput, rawInput);
  return writePath(ctx, pathId, async (tx, path) => {
    assertPlanStep(path.step);
    const before = await tx.pathPlanVersion.findFirst({
      where: { tenantId: ctx.tenantId, pathId: path.id, id: input.versionId },
      select: { status: true, number: true },
    });
    const submitted = await tx.pathPlanVersion.updateMany({
      where: { tenantId: ctx.tenantId, pathId: path.id, id: input.versionId, revision: input.baseRevision, status: { in: ["DRAFT", "RETURNED"] } },
      data: { status: "SUBMITTED", submittedAt: new Date(), submittedById: ctx.userId, revision: { increment: 1 } },
    });
    if (!before || submitted.count === 0) throw new AppError("CONFLICT", { message: "Plan changed or is not a draft" });
    await tx.pathPlanEvent.create({
      data: { tenantId: ctx.tenantId, planVersionId: input.versionId, kind: "SUBMITTED", actorId: ctx.userId },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "plan.submit",
      entityType: "PathPlanVersion",
      entityId: input.versionId,
      before: { status: before.status },
      after: { status: "SUBMITTED" },
    });
    const deciders = await findPlanDeciders(tx, ctx.tenantId, path);
    await notify(
      tx,
      ctx.tenantId,
      deciders.map((userId) => ({ userId, kind: "plan_submitted", href: planHref(path.id), params: { clientName: path.clientName, versionNumber: before.number } })),
      { actorId: ctx.userId },
    );
  });
}

/**
 * The coordinator of the advisor's partner (or the manager) approves a submitted version of the
 * path or returns it with comments. Approval needs a signed contract (SPEC §3.2); the version it
 * replaces becomes SUPERSEDED. A version of another path answers NOT_FOUND, like a missing one; a
 * path before the PLAN step is refused (INVALID_STATE) even with a version submitted earlier.
 * Whoever submitted the version and the path's advisor are notified in the same transaction
 * (plan_approved or plan_returned).
 */
export async function decidePlan(ctx: TContext, pathId: string, versionId: string, rawInput: TDecidePlanInput) {
  // Permission before lookup: a role that may not decide learns nothing about which ids exist.
  await assertCan(ctx, "paths.approve_plan");
  assertId(versionId, "PathPlanVersion");
  const input = parseInput(ZDecidePlanInput, rawInput);
  return writePath(
    ctx,
    pathId,
    async (tx, path) => {
      assertPlanStep(path.step);
      const current = await tx.pathPlanVersion.findFirst({
        where: { tenantId: ctx.tenantId, pathId: path.id, id: versionId },
        select: { status: true, number: true, submittedById: true, createdById: true },
      });
      if (!current) throw notFound("PathPlanVersion");
      if (current.status !== "SUBMITTED") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "planNotSubmitted" } });
      if (input.decision === "APPROVE") {
        const contract = await tx.pathContract.findFirst({ where: { tenantId: ctx.tenantId, pathId: path.id }, select: { status: true } });
        if (contract?.status !== "SIGNED") throw new AppError("CONTRACT_NOT_SIGNED");
        await tx.pathPlanVersion.updateMany({
          where: { tenantId: ctx.tenantId, pathId: path.id, status: "APPROVED" },
          data: { status: "SUPERSEDED" },
        });
      }
      await tx.pathPlanVersion.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: versionId }, pathId: path.id },
        data: {
          status: input.decision === "APPROVE" ? "APPROVED" : "RETURNED",
          decidedAt: new Date(),
          decidedById: ctx.userId,
          decisionComment: input.comment,
          revision: { increment: 1 },
        },
        select: { id: true },
      });
      await tx.pathPlanEvent.create({
        data: {
          tenantId: ctx.tenantId,
          planVersionId: versionId,
          kind: input.decision === "APPROVE" ? "APPROVED" : "RETURNED",
          actorId: ctx.userId,
          comment: input.comment,
        },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: input.decision === "APPROVE" ? "plan.approve" : "plan.return",
        entityType: "PathPlanVersion",
        entityId: versionId,
        before: { status: "SUBMITTED" },
        after: { status: input.decision === "APPROVE" ? "APPROVED" : "RETURNED", comment: input.comment },
      });
      const kind = input.decision === "APPROVE" ? "plan_approved" : "plan_returned";
      // The one waiting for the answer (a version submitted before submitters were kept: its author),
      // and the advisor who carries the path; notify() drops the decider and a repeated recipient.
      const recipients = [current.submittedById ?? current.createdById, path.advisorId].flatMap((id) => (id ? [id] : []));
      await notify(
        tx,
        ctx.tenantId,
        recipients.map((userId) => ({ userId, kind, href: planHref(path.id), params: { clientName: path.clientName, versionNumber: current.number } })),
        { actorId: ctx.userId },
      );
    },
    { permission: "paths.approve_plan" },
  );
}
