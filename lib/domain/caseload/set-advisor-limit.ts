import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertId, parseInput } from "@/lib/validation";
import { lockAdvisors } from "./locks";
import { assertIsKeyAdvisor, effectiveLimit, mayManageAdvisor } from "./policy";
import { ZSetAdvisorLimitInput, type TSetAdvisorLimitInput } from "./schemas";

/**
 * Sets an advisor's own limit (null: the tenant's maximum). A limit below the current load is
 * allowed: the advisor is then over the limit and receives no new client until under it.
 */
export async function setAdvisorLimit(ctx: TContext, advisorId: string, rawInput: TSetAdvisorLimitInput) {
  await assertCan(ctx, "caseload.limits.set");
  assertId(advisorId, "User");
  const input = parseInput(ZSetAdvisorLimitInput, rawInput);
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const { advisors, tenantMax } = await lockAdvisors(tx, ctx.tenantId, [advisorId]);
    const advisor = advisors.get(advisorId);
    if (!advisor) throw notFound("User");
    if (!mayManageAdvisor(ctx, advisor, "caseload.limits.set")) {
      throw new ScopeRefusal("caseload.limits.set", { advisorId });
    }
    assertIsKeyAdvisor(advisor);
    if (input.limit !== null && input.limit > tenantMax) {
      throw new AppError("VALIDATION_FAILED", { fieldErrors: { limit: "limitAboveTenantMax" }, params: { max: tenantMax } });
    }
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: advisorId } },
      data: { caseloadLimit: input.limit },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "caseload.limit_set",
      entityType: "User",
      entityId: advisorId,
      before: { caseloadLimit: advisor.caseloadLimit },
      after: { caseloadLimit: input.limit },
    });
    const limit = effectiveLimit(input.limit, tenantMax);
    return { load: advisor.load, limit, overLimit: advisor.load > limit };
  }));
}
