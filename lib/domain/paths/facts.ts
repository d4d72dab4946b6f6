import type { TTx } from "@/lib/db/transaction";
import type { TPathFacts } from "./state-machine";
import { OBLIGATORY_METHODS, type TObligatoryMethod, type TPathTemplate } from "./templates";

/**
 * What the state machine's guards look at, read in the caller's transaction.
 *
 * Obligatory methods count as delivered when an action of that type in an approved plan is DONE.
 * (The consultation log of a later slice will count delivered services instead.)
 */
export async function loadPathFacts(tx: TTx, tenantId: string, pathId: string, template: TPathTemplate): Promise<TPathFacts> {
  const [needsWithExpectedEffect, approved, contract, evaluations, doneActions] = await Promise.all([
    tx.pathNeed.count({ where: { tenantId, pathId, NOT: { expectedEffects: { isEmpty: true } } } }),
    tx.pathPlanVersion.count({ where: { tenantId, pathId, status: "APPROVED" } }),
    tx.pathContract.findFirst({ where: { tenantId, pathId }, select: { status: true } }),
    tx.pathEvaluation.count({ where: { tenantId, pathId } }),
    tx.pathPlanAction.findMany({
      where: {
        tenantId,
        status: "DONE",
        supportType: { in: [...OBLIGATORY_METHODS] },
        planVersion: { pathId, status: { in: ["APPROVED", "SUPERSEDED"] } },
      },
      select: { supportType: true },
      distinct: ["supportType"],
    }),
  ]);
  return {
    template,
    needsWithExpectedEffect,
    hasApprovedPlan: approved > 0,
    hasSignedContract: contract?.status === "SIGNED",
    hasEvaluation: evaluations > 0,
    deliveredMethods: new Set(doneActions.map((a) => a.supportType as TObligatoryMethod)),
  };
}
