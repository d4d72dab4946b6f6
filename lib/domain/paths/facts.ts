import "server-only";
import type { TTx } from "@/lib/db/transaction";
import type { TPathFacts } from "./state-machine";
import { OBLIGATORY_METHODS, type TObligatoryMethod, type TPathTemplate } from "./templates";

/**
 * What the state machine's guards look at, read in the caller's transaction.
 *
 * Obligatory methods count as delivered when the service log holds a live (not deleted) service
 * of that type for the path's client, logged against this path.
 */
export async function loadPathFacts(tx: TTx, tenantId: string, pathId: string, template: TPathTemplate): Promise<TPathFacts> {
  const [needsWithExpectedEffect, approved, contract, evaluations, deliveredServices] = await Promise.all([
    tx.pathNeed.count({ where: { tenantId, pathId, NOT: { expectedEffects: { isEmpty: true } } } }),
    tx.pathPlanVersion.count({ where: { tenantId, pathId, status: "APPROVED" } }),
    tx.pathContract.findFirst({ where: { tenantId, pathId }, select: { status: true } }),
    tx.pathEvaluation.count({ where: { tenantId, pathId } }),
    tx.serviceRecord.findMany({
      where: {
        tenantId,
        deletedAt: null,
        supportType: { in: [...OBLIGATORY_METHODS] },
        participations: { some: { pathId } },
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
    deliveredMethods: new Set(deliveredServices.map((a) => a.supportType as TObligatoryMethod)),
  };
}
