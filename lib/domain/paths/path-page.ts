import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { newExchangeHref } from "@/lib/domain/cooperation/client-exchanges";
import { recordAccess } from "@/lib/domain/privacy/access-log";
import { loadPathImplementation } from "@/lib/domain/services/read";
import { loadPathHead, type TPathHead } from "./access";
import { loadPathTimeline, loadPathView, loadPlanComparison, loadPlanVersion, type TPathView } from "./read-path";
import { loadClientSpheres, loadPathAnnotations, loadPathContract, loadPathEvaluations, loadPathMonitoring, loadPathNeeds, loadPathOverview, loadPathPlan } from "./read-path-tabs";

/** The path page's tabs; the overview is the page's default. */
export const PATH_TABS = ["overview", "identification", "needs", "plan", "implementation", "monitoring", "evaluation", "annotations", "timeline"] as const;
export type TPathTab = (typeof PATH_TABS)[number];

export type TPathPageQuery = {
  tab: TPathTab;
  /** The implementation tab's page of services. */
  page?: number;
  /** The plan tab: an earlier version to show beside the latest. */
  versionId?: string;
  /** The plan tab: two versions to compare. */
  compare?: { fromVersionId: string; toVersionId: string };
};

type TLoaded<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** The visible tab's data, by tab. */
export type TPathPageTab =
  | { name: "overview"; overview: TLoaded<typeof loadPathOverview> }
  | { name: "identification"; contract: TLoaded<typeof loadPathContract> }
  | { name: "needs"; needs: TLoaded<typeof loadPathNeeds> }
  | {
      name: "plan";
      plan: TLoaded<typeof loadPathPlan>;
      viewed: TLoaded<typeof loadPlanVersion> | null;
      comparison: TLoaded<typeof loadPlanComparison> | null;
    }
  | { name: "implementation"; implementation: TLoaded<typeof loadPathImplementation> }
  | { name: "monitoring"; entries: TLoaded<typeof loadPathMonitoring> }
  | { name: "evaluation"; evaluations: TLoaded<typeof loadPathEvaluations>; clientSpheres: TLoaded<typeof loadClientSpheres> }
  | { name: "annotations"; annotations: TLoaded<typeof loadPathAnnotations> }
  | {
      name: "timeline";
      events: TLoaded<typeof loadPathTimeline>;
      /** The form to log an exchange with an institution about the path's client (cooperation.write), or null. */
      addExchangeHref: string | null;
    };

export type TPathPage = { path: TPathView; tab: TPathPageTab };

/**
 * The path page: its head (getPath: where the path stands and what the caller may do) and the
 * visible tab's data, in one transaction behind one scope check (a foreign or out-of-scope id
 * answers NOT_FOUND before anything else is read), by the loaders the tabs' own services use:
 * at most ten statements a view, the session check included (issue 12), and the view's access-log
 * entry (issue 17), but for the plan tab asked for an earlier version or a comparison (one
 * statement each).
 */
export async function getPathPage(ctx: TContext, pathId: string, query: TPathPageQuery): Promise<TPathPage> {
  await assertCan(ctx, "paths.read");
  if (query.tab === "implementation") await assertCan(ctx, "services.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const head = await loadPathHead(tx, ctx, pathId, false);
      const { path, serviceEditWindowDays } = await loadPathView(tx, ctx, head);
      const tab = await loadTab(tx, ctx, head, query, serviceEditWindowDays);
      await recordAccess(tx, ctx, [{ clientId: head.clientId, view: "PATH", detail: head.id }]);
      return { path, tab };
    }),
  );
}

async function loadTab(tx: TTx, ctx: TContext, head: TPathHead, query: TPathPageQuery, serviceEditWindowDays: number): Promise<TPathPageTab> {
  switch (query.tab) {
    case "overview":
      return { name: "overview", overview: await loadPathOverview(tx, ctx, head) };
    case "identification":
      return { name: "identification", contract: await loadPathContract(tx, ctx, head) };
    case "needs":
      return { name: "needs", needs: await loadPathNeeds(tx, ctx, head) };
    case "plan": {
      const plan = await loadPathPlan(tx, ctx, head);
      const latestId = plan.versions[0]?.id;
      const { versionId, compare } = query;
      return {
        name: "plan",
        plan,
        viewed: versionId && versionId !== latestId ? await loadPlanVersion(tx, ctx, head, versionId) : null,
        comparison: compare ? await loadPlanComparison(tx, ctx, head, compare.fromVersionId, compare.toVersionId) : null,
      };
    }
    case "implementation":
      return { name: "implementation", implementation: await loadPathImplementation(tx, ctx, head, { page: query.page ?? 1 }, { serviceEditWindowDays }) };
    case "monitoring":
      return { name: "monitoring", entries: await loadPathMonitoring(tx, ctx, head) };
    case "evaluation":
      return { name: "evaluation", evaluations: await loadPathEvaluations(tx, ctx, head), clientSpheres: await loadClientSpheres(tx, ctx, head) };
    case "annotations":
      return { name: "annotations", annotations: await loadPathAnnotations(tx, ctx, head) };
    case "timeline":
      return {
        name: "timeline",
        events: await loadPathTimeline(tx, ctx, head),
        addExchangeHref: can(ctx.role, "cooperation.write") ? newExchangeHref(head.clientId) : null,
      };
  }
}
