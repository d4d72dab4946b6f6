import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { staffFilter } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { toPage, toSkipTake, ZPageInput } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { loadPathHead, mayWorkOnPath } from "./access";
import { loadPathFacts } from "./facts";
import { diffPlanActions } from "./plan-diff";
import { ACTION_SELECT, userNames } from "./read-support";
import { acceptsMonitoring, acceptsPlanWork, nextSteps } from "./state-machine";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The path page's head: the path, where it stands (next steps and what each still lacks, overdue
 * monitoring) and what the caller may do on it, so pages render rather than re-derive the rules.
 * Each tab's data has its own loader (read-path-tabs.ts), read only when the tab is shown.
 */
export async function getPath(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const head = await loadPathHead(tx, ctx, pathId, false);
    const path = await tx.supportPath.findFirstOrThrow({
      where: { tenantId: ctx.tenantId, id: head.id },
      select: { direction: true, workForm: true, identification: true, openedAt: true, closedAt: true, lastMonitoringAt: true },
    });
    const latest = await tx.pathPlanVersion.findFirst({ where: { tenantId: ctx.tenantId, pathId: head.id }, select: { status: true }, orderBy: { number: "desc" } });
    const tenant = await tx.tenant.findFirstOrThrow({ where: { id: ctx.tenantId }, select: { monitoringOverdueDays: true } });
    const facts = await loadPathFacts(tx, ctx.tenantId, head.id, head.template);
    const advisorName = head.advisorId ? ((await userNames(tx, ctx.tenantId, [head.advisorId])).get(head.advisorId) ?? null) : null;
    const monitoredSince = path.lastMonitoringAt ?? path.openedAt;
    const canWrite = mayWorkOnPath(ctx, head, "paths.write");
    // The path's content (identification, contract, needs, monitoring, evaluation) changes only while it is open.
    const canEditContent = canWrite && !head.closedAt;
    return {
      ...head,
      ...path,
      advisorName,
      canWrite,
      canEditContent,
      // The plan editor: an open path from the PLAN step on (acceptsPlanWork), unless the latest
      // version waits for a decision (savePlan and submitPlan refuse the same).
      canEditPlan: canWrite && !head.closedAt && acceptsPlanWork(head.step) && latest?.status !== "SUBMITTED",
      /** A monitoring note: from implementation on (addMonitoringEntry refuses the same). */
      canAddMonitoring: canEditContent && acceptsMonitoring(head.step),
      /** An evaluation: in the evaluation step only (addEvaluation refuses the same). */
      canEvaluate: canEditContent && head.step === "EVALUATION",
      canApprove: mayWorkOnPath(ctx, head, "paths.approve_plan"),
      canAnnotate: mayWorkOnPath(ctx, head, "paths.annotate"),
      nextSteps: nextSteps(head.step, facts),
      monitoringOverdue: acceptsMonitoring(head.step) && Date.now() - monitoredSince.getTime() > tenant.monitoringOverdueDays * DAY_MS,
    };
  }));
}

/** What getPath returns: the path page's head and the caller's abilities on the path. */
export type TPathView = Awaited<ReturnType<typeof getPath>>;

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
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const head = await loadPathHead(tx, ctx, pathId, false);
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
  }));
}

/**
 * The actions of one plan version of the path (any earlier version stays readable). A version of
 * another path answers NOT_FOUND, exactly like a missing one.
 */
export async function getPlanVersion(ctx: TContext, pathId: string, versionId: string) {
  await assertCan(ctx, "paths.read");
  assertId(versionId, "PathPlanVersion");
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const head = await loadPathHead(tx, ctx, pathId, false);
    const version = await tx.pathPlanVersion.findFirst({
      where: { tenantId: ctx.tenantId, pathId: head.id, id: versionId },
      select: { id: true, pathId: true, number: true, status: true, revision: true, summary: true, decisionComment: true, actions: { select: ACTION_SELECT, orderBy: { position: "asc" } } },
    });
    if (!version) throw notFound("PathPlanVersion");
    return version;
  }));
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

/** The advisor's own view of plans returned for revision. */
export async function findMyReturnedPlans(ctx: TContext) {
  await assertCan(ctx, "paths.write");
  return tenantTransaction(ctx.tenantId, (tx) =>
    tx.pathPlanVersion.findMany({
      where: { tenantId: ctx.tenantId, status: "RETURNED", path: { client: { keyAdvisorId: ctx.userId } } },
      select: { id: true, number: true, decidedAt: true, decisionComment: true, pathId: true, path: { select: { client: { select: { name: true } } } } },
      orderBy: { decidedAt: "desc" },
      take: 50,
    }),
  );
}

export type TTimelineEvent = {
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

const NONE = { step: null, planNumber: null, planStatus: null, text: null };

/** Steps, plan decisions, annotations, monitoring and evaluations of a path, in time order. */
export async function getPathTimeline(ctx: TContext, pathId: string): Promise<TTimelineEvent[]> {
  await assertCan(ctx, "paths.read");
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const head = await loadPathHead(tx, ctx, pathId, false);
    const where = { tenantId: ctx.tenantId, pathId: head.id };
    const [transitions, versions, planEvents, annotations, monitoring, evaluations] = await Promise.all([
      tx.pathTransition.findMany({ where, select: { at: true, toStep: true, actorId: true } }),
      tx.pathPlanVersion.findMany({ where, select: { number: true, createdAt: true, createdById: true } }),
      tx.pathPlanEvent.findMany({
        where: { tenantId: ctx.tenantId, planVersion: { pathId: head.id } },
        select: { at: true, kind: true, actorId: true, comment: true, planVersion: { select: { number: true } } },
      }),
      tx.pathAnnotation.findMany({ where, select: { createdAt: true, authorId: true, step: true, text: true, revision: true } }),
      tx.pathMonitoringEntry.findMany({ where, select: { createdAt: true, authorId: true, progress: true } }),
      tx.pathEvaluation.findMany({ where, select: { createdAt: true, authorId: true, assessment: true } }),
    ]);
    const events: (Omit<TTimelineEvent, "actorName"> & { actorId: string | null })[] = [
      ...transitions.map((t) => ({ ...NONE, at: t.at, kind: "transition" as const, actorId: t.actorId, step: t.toStep })),
      ...versions.map((v) => ({ ...NONE, at: v.createdAt, kind: "plan_created" as const, actorId: v.createdById, planNumber: v.number })),
      // Every submission and decision, from the plan's own history (not the version's latest state).
      ...planEvents.map((e) =>
        e.kind === "SUBMITTED"
          ? { ...NONE, at: e.at, kind: "plan_submitted" as const, actorId: e.actorId, planNumber: e.planVersion.number }
          : { ...NONE, at: e.at, kind: "plan_decided" as const, actorId: e.actorId, planNumber: e.planVersion.number, planStatus: e.kind, text: e.comment },
      ),
      ...annotations.map((a) => ({ ...NONE, at: a.createdAt, kind: "annotation" as const, actorId: a.authorId, step: a.step, text: a.text })),
      ...monitoring.map((m) => ({ ...NONE, at: m.createdAt, kind: "monitoring" as const, actorId: m.authorId, text: m.progress })),
      ...evaluations.map((e) => ({ ...NONE, at: e.createdAt, kind: "evaluation" as const, actorId: e.authorId, text: e.assessment })),
    ];
    const names = await userNames(tx, ctx.tenantId, events.flatMap((e) => (e.actorId ? [e.actorId] : [])));
    return events
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map(({ actorId, ...event }) => ({ ...event, actorName: actorId ? (names.get(actorId) ?? null) : null }));
  }));
}
