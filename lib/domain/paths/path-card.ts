import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { recordAccess } from "@/lib/domain/privacy/access-log";
import { loadPathHead } from "./access";
import { loadPathView, loadPlanVersion } from "./read-path";
import { loadPathContract, loadPathNeeds, loadPathPlan } from "./read-path-tabs";

/**
 * The printable path card (karta ścieżki) in one transaction behind one scope check (a foreign or
 * out-of-scope id answers NOT_FOUND before anything else is read): the path's head, its contract,
 * its needs, its plan versions and the actions of the approved one (else the latest), by the
 * loaders the path page's tabs use. The view is logged as PATH_CARD (issue 17).
 */
export async function getPathCard(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const head = await loadPathHead(tx, ctx, pathId, false);
      const { path } = await loadPathView(tx, ctx, head);
      const contract = await loadPathContract(tx, ctx, head);
      const needs = await loadPathNeeds(tx, ctx, head);
      const plans = await loadPathPlan(tx, ctx, head);
      const approved = plans.versions.find((v) => v.status === "APPROVED") ?? plans.versions[0];
      const plan = approved ? await loadPlanVersion(tx, ctx, head, approved.id) : null;
      await recordAccess(tx, ctx, [{ clientId: head.clientId, view: "PATH_CARD", detail: head.id }]);
      return { path, contract, needs, plans, plan };
    }),
  );
}
