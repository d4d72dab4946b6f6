import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import type { PlanActionStatus, PlanStatus } from "@/lib/generated/prisma/client";
import { DELIVERING_ROLES } from "@/lib/domain/services/policy";
import { loadPathHead, type TPathHead } from "./access";
import { ACTION_SELECT, userNames } from "./read-support";

/*
 * The data of one tab of the path page. The path page reads the visible tab's data with these
 * loaders inside its own transaction (getPathPage, path-page.ts); the services below read one tab
 * alone. Each service checks paths.read and the path's scope like getPath, and every loader reads
 * the path's children through the path's head (loaded, and scope-checked, by the caller).
 */

function readPath<T>(ctx: TContext, pathId: string, work: (tx: TTx, head: TPathHead) => Promise<T>): Promise<T> {
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => work(tx, await loadPathHead(tx, ctx, pathId, false))));
}

type THeadRef = Pick<TPathHead, "id">;

/** Adds each row's author's name. */
async function withAuthorNames<T extends { authorId: string }>(tx: TTx, ctx: TContext, rows: T[]): Promise<(T & { authorName: string | null })[]> {
  const names = await userNames(tx, ctx.tenantId, rows.map((row) => row.authorId));
  return rows.map((row) => ({ ...row, authorName: names.get(row.authorId) ?? null }));
}

/** The path's cooperation contract, or null before one is entered (the identification tab). */
export async function getPathContract(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) => loadPathContract(tx, ctx, head));
}

/** getPathContract inside the caller's transaction, for a path the caller has already checked. */
export function loadPathContract(tx: TTx, ctx: TContext, head: THeadRef) {
  return tx.pathContract.findFirst({ where: { tenantId: ctx.tenantId, pathId: head.id }, select: { number: true, signedOn: true, scope: true, status: true } });
}

/** The diagnosed needs, by priority. */
export async function listPathNeeds(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) => loadPathNeeds(tx, ctx, head));
}

/** listPathNeeds inside the caller's transaction, for a path the caller has already checked. */
export function loadPathNeeds(tx: TTx, ctx: TContext, head: THeadRef) {
  return tx.pathNeed.findMany({
    where: { tenantId: ctx.tenantId, pathId: head.id },
    select: { id: true, area: true, description: true, priority: true, expectedEffects: true },
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
  });
}

/**
 * The plan: every version (newest first), the latest's actions, the staff who can be responsible
 * for an action and the names of the people the actions name (`people`, by id, inactive users too).
 */
export async function getPathPlan(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) => loadPathPlan(tx, ctx, head));
}

/** getPathPlan inside the caller's transaction, for a path the caller has already checked (three statements). */
export async function loadPathPlan(tx: TTx, ctx: TContext, head: THeadRef) {
  const versions = await tx.pathPlanVersion.findMany({
    where: { tenantId: ctx.tenantId, pathId: head.id },
    select: { id: true, number: true, status: true, revision: true, summary: true, createdAt: true, submittedAt: true, decidedAt: true, decisionComment: true },
    orderBy: { number: "desc" },
  });
  const latest = versions[0];
  const latestActions = latest
    ? await tx.pathPlanAction.findMany({ where: { tenantId: ctx.tenantId, planVersionId: latest.id }, select: ACTION_SELECT, orderBy: { position: "asc" } })
    : [];
  const named = [...new Set(latestActions.flatMap((a) => (a.responsibleUserId ? [a.responsibleUserId] : [])))];
  // In one query: who can be responsible for a plan action (the centre's active staff working
  // with clients), and the people the latest actions name.
  const users = await tx.user.findMany({
    where: { tenantId: ctx.tenantId, OR: [{ active: true, role: { in: [...DELIVERING_ROLES] } }, ...(named.length ? [{ id: { in: named } }] : [])] },
    select: { id: true, name: true, active: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const delivering: readonly string[] = DELIVERING_ROLES;
  const staff = users.filter((u) => u.active && delivering.includes(u.role)).map((u) => ({ id: u.id, name: u.name }));
  const people = Object.fromEntries(users.filter((u) => named.includes(u.id)).map((u) => [u.id, u.name]));
  return { versions, latestActions, staff, people };
}

/** The monitoring notes, newest first, with their authors. */
export async function listPathMonitoring(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) => loadPathMonitoring(tx, ctx, head));
}

/** listPathMonitoring inside the caller's transaction, for a path the caller has already checked. */
export async function loadPathMonitoring(tx: TTx, ctx: TContext, head: THeadRef) {
  return withAuthorNames(
    tx,
    ctx,
    await tx.pathMonitoringEntry.findMany({
      where: { tenantId: ctx.tenantId, pathId: head.id },
      select: { id: true, createdAt: true, progress: true, risks: true, nextSteps: true, authorId: true },
      orderBy: { createdAt: "desc" },
    }),
  );
}

/** The evaluations with their results, newest first, with their authors. */
export async function listPathEvaluations(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) => loadPathEvaluations(tx, ctx, head));
}

/** listPathEvaluations inside the caller's transaction, for a path the caller has already checked. */
export async function loadPathEvaluations(tx: TTx, ctx: TContext, head: THeadRef) {
  return withAuthorNames(
    tx,
    ctx,
    await tx.pathEvaluation.findMany({
      where: { tenantId: ctx.tenantId, pathId: head.id },
      select: {
        id: true,
        createdAt: true,
        assessment: true,
        authorId: true,
        results: {
          select: {
            id: true,
            type: true,
            quantity: true,
            achievedOn: true,
            evidenceKind: true,
            evidenceReference: true,
            description: true,
            kpresSpheres: true,
            withdrawnAt: true,
            withdrawReason: true,
          },
          orderBy: [{ achievedOn: "asc" }, { id: "asc" }],
        },
      },
      orderBy: { createdAt: "desc" },
    }),
  );
}

/** The KPRES spheres of the path's client: a new result's spheres start as these. */
export async function loadClientSpheres(tx: TTx, ctx: TContext, head: THeadRef & { clientId: string }) {
  const client = await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: head.clientId }, select: { kpresSpheres: true } });
  return client?.kpresSpheres ?? [];
}

/** Every revision of every annotation, oldest first (an annotation's revisions share its annotationId). */
export async function listPathAnnotations(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return readPath(ctx, pathId, (tx, head) => loadPathAnnotations(tx, ctx, head));
}

/** listPathAnnotations inside the caller's transaction, for a path the caller has already checked. */
export async function loadPathAnnotations(tx: TTx, ctx: TContext, head: THeadRef) {
  return withAuthorNames(
    tx,
    ctx,
    await tx.pathAnnotation.findMany({
      where: { tenantId: ctx.tenantId, pathId: head.id },
      select: { id: true, annotationId: true, revision: true, step: true, text: true, authorId: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { revision: "asc" }],
    }),
  );
}

/** The next action of the approved plan: what is done next on the path, by when and by whom. */
export type TNextPlanAction = {
  description: string;
  /** A support type code (named from the catalogue). */
  supportType: string;
  status: PlanActionStatus;
  plannedFrom: Date | null;
  plannedTo: Date | null;
  responsibleName: string | null;
};

/** The overview tab: the plan's latest and approved versions and the approved plan's next action. */
export type TPathOverview = {
  latestPlan: { number: number; status: PlanStatus } | null;
  /** The version being implemented (null before the first approval). */
  approvedPlanNumber: number | null;
  nextAction: TNextPlanAction | null;
};

type TOverviewRow = {
  latestNumber: number | null;
  latestStatus: PlanStatus | null;
  approvedNumber: number | null;
  description: string | null;
  supportType: string | null;
  status: PlanActionStatus | null;
  plannedFrom: Date | null;
  plannedTo: Date | null;
  responsibleName: string | null;
};

/**
 * The overview tab's data in one statement, for a path the caller has already checked: the latest
 * plan version and its status, the approved version, and the approved plan's next action — the
 * planned or running one that ends first (planned end, else planned start; undated ones last, then
 * by their place in the plan), as the client page's "next due" orders them
 * (lib/domain/clients/progress.ts) — with its responsible person's name.
 */
export async function loadPathOverview(tx: TTx, ctx: TContext, head: THeadRef): Promise<TPathOverview> {
  const tenantId = ctx.tenantId;
  const [row] = await tx.$queryRaw<TOverviewRow[]>`
    SELECT lv.number AS "latestNumber", lv.status::text AS "latestStatus", av.number AS "approvedNumber",
           na.description, na.support_type::text AS "supportType", na.status::text AS status,
           na.planned_from AS "plannedFrom", na.planned_to AS "plannedTo", na.responsible_name AS "responsibleName"
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (
      SELECT v.number, v.status FROM path_plan_version v
      WHERE v.tenant_id = ${tenantId}::uuid AND v.path_id = ${head.id}::uuid ORDER BY v.number DESC LIMIT 1) lv ON true
    LEFT JOIN LATERAL (
      SELECT v.id, v.number FROM path_plan_version v
      WHERE v.tenant_id = ${tenantId}::uuid AND v.path_id = ${head.id}::uuid AND v.status = 'APPROVED' ORDER BY v.number DESC LIMIT 1) av ON true
    LEFT JOIN LATERAL (
      SELECT a.description, a.support_type, a.status, a.planned_from, a.planned_to, u.name AS responsible_name
      FROM path_plan_action a
      LEFT JOIN "user" u ON u.tenant_id = a.tenant_id AND u.id = a.responsible_user_id
      WHERE a.tenant_id = ${tenantId}::uuid AND a.plan_version_id = av.id AND a.status IN ('PLANNED', 'IN_PROGRESS')
      ORDER BY COALESCE(a.planned_to, a.planned_from) NULLS LAST, a.position LIMIT 1) na ON true`;
  if (!row) return { latestPlan: null, approvedPlanNumber: null, nextAction: null };
  return {
    latestPlan: row.latestNumber !== null && row.latestStatus !== null ? { number: row.latestNumber, status: row.latestStatus } : null,
    approvedPlanNumber: row.approvedNumber,
    nextAction:
      row.description !== null && row.supportType !== null && row.status !== null
        ? { description: row.description, supportType: row.supportType, status: row.status, plannedFrom: row.plannedFrom, plannedTo: row.plannedTo, responsibleName: row.responsibleName }
        : null,
  };
}
