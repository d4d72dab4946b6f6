import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { DELIVERING_ROLES } from "@/lib/domain/services/policy";
import { loadPathHead, type TPathHead } from "./access";
import { ACTION_SELECT, userNames } from "./read-support";

/*
 * The data of one tab of the path page, each loaded only when its tab is shown (getPath gives the
 * head, where the path stands and what the caller may do). Each checks paths.read and the path's
 * scope like getPath, and reads the path's children through the path.
 */

function readPath<T>(ctx: TContext, pathId: string, work: (tx: TTx, head: TPathHead) => Promise<T>): Promise<T> {
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => work(tx, await loadPathHead(tx, ctx, pathId, false))));
}

/** Adds each row's author's name. */
async function withAuthorNames<T extends { authorId: string }>(tx: TTx, ctx: TContext, rows: T[]): Promise<(T & { authorName: string | null })[]> {
  const names = await userNames(tx, ctx.tenantId, rows.map((row) => row.authorId));
  return rows.map((row) => ({ ...row, authorName: names.get(row.authorId) ?? null }));
}

/** The path's cooperation contract, or null before one is entered (the identification tab). */
export async function getPathContract(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) =>
    tx.pathContract.findFirst({ where: { tenantId: ctx.tenantId, pathId: head.id }, select: { number: true, signedOn: true, scope: true, status: true } }),
  );
}

/** The diagnosed needs, by priority. */
export async function listPathNeeds(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) =>
    tx.pathNeed.findMany({
      where: { tenantId: ctx.tenantId, pathId: head.id },
      select: { id: true, area: true, description: true, priority: true, expectedEffects: true },
      orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
    }),
  );
}

/**
 * The plan: every version (newest first), the latest's actions, the staff who can be responsible
 * for an action and the names of the people the actions name (`people`, by id, inactive users too).
 */
export async function getPathPlan(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, async (tx, head) => {
    const versions = await tx.pathPlanVersion.findMany({
      where: { tenantId: ctx.tenantId, pathId: head.id },
      select: { id: true, number: true, status: true, revision: true, summary: true, createdAt: true, submittedAt: true, decidedAt: true, decisionComment: true },
      orderBy: { number: "desc" },
    });
    const latest = versions[0];
    const latestActions = latest
      ? await tx.pathPlanAction.findMany({ where: { tenantId: ctx.tenantId, planVersionId: latest.id }, select: ACTION_SELECT, orderBy: { position: "asc" } })
      : [];
    // Who can be responsible for a plan action: the centre's active staff working with clients.
    const staff = await tx.user.findMany({
      where: { tenantId: ctx.tenantId, active: true, role: { in: [...DELIVERING_ROLES] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    });
    const people = await userNames(tx, ctx.tenantId, latestActions.flatMap((a) => (a.responsibleUserId ? [a.responsibleUserId] : [])));
    return { versions, latestActions, staff, people: Object.fromEntries(people) };
  });
}

/** The monitoring notes, newest first, with their authors. */
export async function listPathMonitoring(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, async (tx, head) =>
    withAuthorNames(
      tx,
      ctx,
      await tx.pathMonitoringEntry.findMany({
        where: { tenantId: ctx.tenantId, pathId: head.id },
        select: { id: true, createdAt: true, progress: true, risks: true, nextSteps: true, authorId: true },
        orderBy: { createdAt: "desc" },
      }),
    ),
  );
}

/** The evaluations with their results, newest first, with their authors. */
export async function listPathEvaluations(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, async (tx, head) =>
    withAuthorNames(
      tx,
      ctx,
      await tx.pathEvaluation.findMany({
        where: { tenantId: ctx.tenantId, pathId: head.id },
        select: {
          id: true,
          createdAt: true,
          assessment: true,
          authorId: true,
          results: { select: { id: true, type: true, quantity: true, achievedOn: true, evidenceKind: true, evidenceReference: true, description: true } },
        },
        orderBy: { createdAt: "desc" },
      }),
    ),
  );
}

/** Every revision of every annotation, oldest first (an annotation's revisions share its annotationId). */
export async function listPathAnnotations(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, async (tx, head) =>
    withAuthorNames(
      tx,
      ctx,
      await tx.pathAnnotation.findMany({
        where: { tenantId: ctx.tenantId, pathId: head.id },
        select: { id: true, annotationId: true, revision: true, step: true, text: true, authorId: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { revision: "asc" }],
      }),
    ),
  );
}
