import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { staffFilter } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { DevelopmentDirection, PlanStatus, WorkForm } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, ZPageInput } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { catalogueJsonSql, toCatalogue } from "@/lib/domain/catalogue/read";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { loadPathExchangeEvents, mergeByTime, type TExchangeTimelineEvent } from "@/lib/domain/cooperation/client-exchanges";
import { loadPathHead, mayWorkOnPath, type TPathHead } from "./access";
import { pathFactsSql, toPathFacts, type TPathFactsRow } from "./facts";
import { diffPlanActions } from "./plan-diff";
import { ACTION_SELECT } from "./read-support";
import { returnedPlansWhere } from "./attention";
import { isMonitoringOverdue } from "./overdue";
import { acceptsMonitoring, acceptsPlanWork, nextSteps } from "./state-machine";

/**
 * The path page's head: the path, where it stands (next steps and what each still lacks, overdue
 * monitoring) and what the caller may do on it, so pages render rather than re-derive the rules.
 * Each tab's data has its own loader (read-path-tabs.ts); the path page reads the head and the
 * visible tab in one transaction (getPathPage, path-page.ts).
 */
export async function getPath(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => (await loadPathView(tx, ctx, await loadPathHead(tx, ctx, pathId, false))).path),
  );
}

type TPathViewRow = {
  direction: DevelopmentDirection;
  workForm: WorkForm;
  identification: string | null;
  openedAt: Date;
  closedAt: Date | null;
  lastMonitoringAt: Date | null;
  latestPlanStatus: PlanStatus | null;
  monitoringOverdueDays: number;
  serviceEditWindowDays: number;
  advisorName: string | null;
  catalogue: unknown;
} & TPathFactsRow;

/**
 * getPath inside the caller's transaction, for a path whose head the caller has loaded (and so
 * scope-checked): in one statement, the path's content, its latest plan version's status, the
 * tenant's policy, the advisor's name, the tenant's support catalogue (the names of the template,
 * the needs' and actions' support types and areas on every tab, and the forms' options) and the
 * state machine's facts. `serviceEditWindowDays` is the tenant's, for a tab that lists services.
 */
export async function loadPathView(tx: TTx, ctx: TContext, head: TPathHead) {
  const [row] = await tx.$queryRaw<TPathViewRow[]>`
    SELECT sp.direction::text AS direction, sp.work_form::text AS "workForm", sp.identification,
           sp.opened_at AS "openedAt", sp.closed_at AS "closedAt", sp.last_monitoring_at AS "lastMonitoringAt",
           (SELECT v.status::text FROM path_plan_version v WHERE v.tenant_id = sp.tenant_id AND v.path_id = sp.id
             ORDER BY v.number DESC LIMIT 1) AS "latestPlanStatus",
           t.monitoring_overdue_days AS "monitoringOverdueDays", t.service_edit_window_days AS "serviceEditWindowDays",
           (SELECT u.name FROM "user" u WHERE u.tenant_id = sp.tenant_id AND u.id = ${head.advisorId}::uuid) AS "advisorName",
           ${catalogueJsonSql(ctx.tenantId)} AS catalogue,
           f.*
    FROM support_path sp
    JOIN tenant t ON t.id = sp.tenant_id
    CROSS JOIN LATERAL (${pathFactsSql(ctx.tenantId, head.id)}) f
    WHERE sp.tenant_id = ${ctx.tenantId}::uuid AND sp.id = ${head.id}::uuid`;
  if (!row) throw notFound("SupportPath");
  const { latestPlanStatus, monitoringOverdueDays, serviceEditWindowDays, advisorName, catalogue, needsWithExpectedEffect, hasApprovedPlan, hasSignedContract, hasEvaluation, obligatoryMethods, deliveredMethods, ...path } = row;
  const facts = toPathFacts({ needsWithExpectedEffect, hasApprovedPlan, hasSignedContract, hasEvaluation, obligatoryMethods, deliveredMethods });
  const canWrite = mayWorkOnPath(ctx, head, "paths.write");
  // The path's content (identification, contract, needs, monitoring, evaluation) changes only while it is open.
  const canEditContent = canWrite && !head.closedAt;
  const view = {
    ...head,
    ...path,
    advisorName: head.advisorId ? advisorName : null,
    catalogue: toCatalogue(catalogue),
    canWrite,
    canEditContent,
    // The plan editor: an open path from the PLAN step on (acceptsPlanWork), unless the latest
    // version waits for a decision (savePlan and submitPlan refuse the same).
    canEditPlan: canWrite && !head.closedAt && acceptsPlanWork(head.step) && latestPlanStatus !== "SUBMITTED",
    /** A monitoring note: from implementation on (addMonitoringEntry refuses the same). */
    canAddMonitoring: canEditContent && acceptsMonitoring(head.step),
    /** An evaluation: in the evaluation step only (addEvaluation refuses the same). */
    canEvaluate: canEditContent && head.step === "EVALUATION",
    canApprove: mayWorkOnPath(ctx, head, "paths.approve_plan"),
    canAnnotate: mayWorkOnPath(ctx, head, "paths.annotate"),
    nextSteps: nextSteps(head.step, facts),
    monitoringOverdue: isMonitoringOverdue({ step: head.step, lastMonitoringAt: path.lastMonitoringAt, openedAt: path.openedAt }, monitoringOverdueDays),
  };
  return { path: view, serviceEditWindowDays };
}

/** What getPath returns: the path page's head and the caller's abilities on the path. */
export type TPathView = Awaited<ReturnType<typeof loadPathView>>["path"];

/** A client's paths, newest first. */
export async function listClientPaths(ctx: TContext, clientId: string) {
  await assertCan(ctx, "paths.read");
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    await assertClientInScope(tx, ctx, clientId, "paths.read");
    return loadClientPaths(tx, ctx, clientId);
  }));
}

/** listClientPaths inside the caller's transaction, for a caller that has already checked paths.read on the client (the client page). */
export function loadClientPaths(tx: TTx, ctx: TContext, clientId: string) {
  return tx.supportPath.findMany({
    where: { tenantId: ctx.tenantId, clientId },
    select: { id: true, step: true, direction: true, template: true, openedAt: true, closedAt: true },
    orderBy: { openedAt: "desc" },
  });
}

/**
 * What changed between two plan versions of one path. Both are looked up through the path: a
 * version of another path answers NOT_FOUND, exactly like a missing one.
 */
export async function comparePlanVersions(ctx: TContext, pathId: string, fromVersionId: string, toVersionId: string) {
  await assertCan(ctx, "paths.read");
  assertId(fromVersionId, "PathPlanVersion");
  assertId(toVersionId, "PathPlanVersion");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => loadPlanComparison(tx, ctx, await loadPathHead(tx, ctx, pathId, false), fromVersionId, toVersionId)),
  );
}

/** comparePlanVersions inside the caller's transaction, for a path the caller has already checked. */
export async function loadPlanComparison(tx: TTx, ctx: TContext, head: Pick<TPathHead, "id">, fromVersionId: string, toVersionId: string) {
  assertId(fromVersionId, "PathPlanVersion");
  assertId(toVersionId, "PathPlanVersion");
  const versions = await tx.pathPlanVersion.findMany({
    where: { tenantId: ctx.tenantId, pathId: head.id, id: { in: [fromVersionId, toVersionId] } },
    select: { id: true, number: true, summary: true, actions: { select: ACTION_SELECT, orderBy: { position: "asc" } } },
  });
  const from = versions.find((v) => v.id === fromVersionId);
  const to = versions.find((v) => v.id === toVersionId);
  if (!from || !to) throw notFound("PathPlanVersion");
  return {
    from: { id: from.id, number: from.number },
    to: { id: to.id, number: to.number },
    summaryChanged: from.summary !== to.summary,
    changes: diffPlanActions(from.actions, to.actions),
  };
}

/**
 * The actions of one plan version of the path (any earlier version stays readable). A version of
 * another path answers NOT_FOUND, exactly like a missing one.
 */
export async function getPlanVersion(ctx: TContext, pathId: string, versionId: string) {
  await assertCan(ctx, "paths.read");
  assertId(versionId, "PathPlanVersion");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => loadPlanVersion(tx, ctx, await loadPathHead(tx, ctx, pathId, false), versionId)),
  );
}

/** getPlanVersion inside the caller's transaction, for a path the caller has already checked. */
export async function loadPlanVersion(tx: TTx, ctx: TContext, head: Pick<TPathHead, "id">, versionId: string) {
  assertId(versionId, "PathPlanVersion");
  const version = await tx.pathPlanVersion.findFirst({
    where: { tenantId: ctx.tenantId, pathId: head.id, id: versionId },
    select: { id: true, pathId: true, number: true, status: true, revision: true, summary: true, decisionComment: true, actions: { select: ACTION_SELECT, orderBy: { position: "asc" } } },
  });
  if (!version) throw notFound("PathPlanVersion");
  return version;
}

/**
 * The coordinator's inbox: plan versions waiting for a decision — of their own partner's advisors
 * (a manager sees all) — oldest first, with the total as the pending count.
 */
export async function findPlanInbox(ctx: TContext, rawInput: { page?: number }) {
  await assertCan(ctx, "paths.approve_plan");
  const input = parseInput(ZPageInput, rawInput);
  const scope = staffFilter(ctx, "paths.approve_plan");
  const where = {
    tenantId: ctx.tenantId,
    status: "SUBMITTED" as const,
    // Within the caller's scope of paths.approve_plan (lib/auth/scope.ts): a coordinator their own
    // partner's advisors', a manager all.
    ...(scope === "all" ? {} : { path: { client: { keyAdvisor: { OR: [{ id: { in: scope.userIds } }, { partnerId: { in: scope.partnerIds } }] } } } }),
  };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [items, total] = await Promise.all([
      tx.pathPlanVersion.findMany({
        where,
        select: { id: true, number: true, submittedAt: true, pathId: true, path: { select: { client: { select: { name: true, keyAdvisor: { select: { name: true } } } } } } },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        ...toSkipTake(input),
      }),
      tx.pathPlanVersion.count({ where }),
    ]);
    return toPage(
      items.map((v) => ({ id: v.id, number: v.number, submittedAt: v.submittedAt, pathId: v.pathId, clientName: v.path.client.name, advisorName: v.path.client.keyAdvisor?.name ?? null })),
      total,
      input,
    );
  });
}

/** The advisor's own view of plans returned for revision (the attention list's definition, any age). */
export async function findMyReturnedPlans(ctx: TContext) {
  await assertCan(ctx, "paths.write");
  const returned = returnedPlansWhere(ctx, { days: 0 });
  if (!returned) return [];
  return tenantTransaction(ctx.tenantId, (tx) =>
    tx.pathPlanVersion.findMany({
      where: { AND: [returned, { path: { client: { keyAdvisorId: ctx.userId } } }] },
      select: { id: true, number: true, decidedAt: true, decisionComment: true, pathId: true, path: { select: { client: { select: { name: true } } } } },
      orderBy: { decidedAt: "desc" },
      take: 50,
    }),
  );
}

/** An event of the path's own (its steps, plan, annotations, monitoring and evaluations). */
export type TPathTimelineEvent = {
  at: Date;
  kind: "transition" | "plan_created" | "plan_submitted" | "plan_decided" | "annotation" | "monitoring" | "evaluation";
  actorName: string | null;
  /** The step moved to (transition) or annotated (annotation). */
  step: string | null;
  /** The plan version (plan events). */
  planNumber: number | null;
  /** The decision (plan_decided): APPROVED or RETURNED. */
  planStatus: string | null;
  text: string | null;
};

/** The timeline: the path's own events and the exchanges with institutions logged against it (lib/domain/cooperation). */
export type TTimelineEvent = TPathTimelineEvent | TExchangeTimelineEvent;

/** Steps, plan decisions, annotations, monitoring, evaluations and exchanges with institutions of a path, in time order. */
export async function getPathTimeline(ctx: TContext, pathId: string): Promise<TTimelineEvent[]> {
  await assertCan(ctx, "paths.read");
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => loadPathTimeline(tx, ctx, await loadPathHead(tx, ctx, pathId, false))));
}

/**
 * getPathTimeline inside the caller's transaction, for a path the caller has already checked: one
 * statement over the path's transitions, plan versions, every submission and decision (from the
 * plan's own history, not the version's latest state), annotations, monitoring and evaluations,
 * each with its actor's name; events at the same moment keep that order. A second statement adds
 * the exchanges with institutions logged against the path, each on its day.
 */
export async function loadPathTimeline(tx: TTx, ctx: TContext, head: Pick<TPathHead, "id">): Promise<TTimelineEvent[]> {
  const tenantId = ctx.tenantId;
  const pathId = head.id;
  const own = await tx.$queryRaw<TPathTimelineEvent[]>`
    SELECT e.at, e.kind, u.name AS "actorName", e.step, e.plan_number AS "planNumber", e.plan_status AS "planStatus", e.text
    FROM (
      SELECT 1 AS source, t.at, 'transition' AS kind, t.actor_id, t.to_step::text AS step, NULL::int AS plan_number, NULL::text AS plan_status, NULL::text AS text
      FROM path_transition t WHERE t.tenant_id = ${tenantId}::uuid AND t.path_id = ${pathId}::uuid
      UNION ALL
      SELECT 2, v.created_at, 'plan_created', v.created_by_id, NULL, v.number, NULL, NULL
      FROM path_plan_version v WHERE v.tenant_id = ${tenantId}::uuid AND v.path_id = ${pathId}::uuid
      UNION ALL
      SELECT 3, ev.at, CASE WHEN ev.kind = 'SUBMITTED' THEN 'plan_submitted' ELSE 'plan_decided' END, ev.actor_id, NULL, v.number,
             CASE WHEN ev.kind = 'SUBMITTED' THEN NULL ELSE ev.kind::text END, CASE WHEN ev.kind = 'SUBMITTED' THEN NULL ELSE ev.comment END
      FROM path_plan_event ev JOIN path_plan_version v ON v.tenant_id = ev.tenant_id AND v.id = ev.plan_version_id
      WHERE ev.tenant_id = ${tenantId}::uuid AND v.path_id = ${pathId}::uuid
      UNION ALL
      SELECT 4, a.created_at, 'annotation', a.author_id, a.step::text, NULL, NULL, a.text
      FROM path_annotation a WHERE a.tenant_id = ${tenantId}::uuid AND a.path_id = ${pathId}::uuid
      UNION ALL
      SELECT 5, m.created_at, 'monitoring', m.author_id, NULL, NULL, NULL, m.progress
      FROM path_monitoring_entry m WHERE m.tenant_id = ${tenantId}::uuid AND m.path_id = ${pathId}::uuid
      UNION ALL
      SELECT 6, x.created_at, 'evaluation', x.author_id, NULL, NULL, NULL, x.assessment
      FROM path_evaluation x WHERE x.tenant_id = ${tenantId}::uuid AND x.path_id = ${pathId}::uuid
    ) e
    LEFT JOIN "user" u ON u.tenant_id = ${tenantId}::uuid AND u.id = e.actor_id
    ORDER BY e.at, e.source`;
  return mergeByTime(own, await loadPathExchangeEvents(tx, ctx, pathId));
}
