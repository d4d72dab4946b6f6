import { ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import type { TPermission } from "@/lib/auth/permissions";
import type { TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import type { TPathStep } from "./state-machine";
import type { TPathTemplate } from "./templates";

export type TPathHead = {
  id: string;
  clientId: string;
  clientName: string;
  step: TPathStep;
  template: TPathTemplate;
  closedAt: Date | null;
  /** Responsible advisor: the client's current key advisor, or (once closed) the path's last one. */
  advisorId: string | null;
  advisorPartnerId: string | null;
};

/**
 * Loads a path's head within the tenant, FOR UPDATE when `lock` (every write to a path takes its
 * row lock first, which serialises writers of one path). Foreign or malformed ids → NOT_FOUND.
 */
export async function loadPathHead(tx: TTx, ctx: TContext, pathId: string, lock: boolean): Promise<TPathHead> {
  assertId(pathId, "SupportPath");
  if (lock) {
    await tx.$queryRaw`SELECT id FROM support_path WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${pathId}::uuid FOR UPDATE`;
  }
  const path = await tx.supportPath.findFirst({
    where: { id: pathId, tenantId: ctx.tenantId },
    select: {
      id: true,
      clientId: true,
      step: true,
      template: true,
      closedAt: true,
      keyAdvisorId: true,
      client: { select: { name: true, keyAdvisorId: true, keyAdvisor: { select: { partnerId: true } } } },
    },
  });
  if (!path) throw notFound("SupportPath");
  let advisorId: string | null = null;
  let advisorPartnerId: string | null = null;
  if (path.client.keyAdvisorId) {
    advisorId = path.client.keyAdvisorId;
    advisorPartnerId = path.client.keyAdvisor?.partnerId ?? null;
  } else if (path.keyAdvisorId) {
    // Closed path, client released: the advisor who last carried it stays responsible.
    advisorId = path.keyAdvisorId;
    const advisor = await tx.user.findFirst({ where: { id: advisorId, tenantId: ctx.tenantId }, select: { partnerId: true } });
    advisorPartnerId = advisor?.partnerId ?? null;
  }
  return {
    id: path.id,
    clientId: path.clientId,
    clientName: path.client.name,
    step: path.step,
    template: path.template,
    closedAt: path.closedAt,
    advisorId,
    advisorPartnerId,
  };
}

/**
 * Whose paths the caller may work on: a manager any; a coordinator those of their own partner's
 * advisors; a key advisor only their own clients'. (Reading needs only `paths.read`.)
 */
export function mayWorkOnPath(ctx: TContext, path: Pick<TPathHead, "advisorId" | "advisorPartnerId">): boolean {
  if (ctx.role === "MANAGER") return true;
  if (ctx.role === "COORDINATOR") return ctx.partnerId !== null && path.advisorPartnerId === ctx.partnerId;
  if (ctx.role === "KEY_ADVISOR") return path.advisorId === ctx.userId;
  return false;
}

/** Throws a ScopeRefusal (recorded after rollback by recordScopeRefusals) when the caller may not. */
export function assertMayWorkOnPath(ctx: TContext, path: TPathHead, permission: TPermission = "paths.write"): void {
  if (!mayWorkOnPath(ctx, path)) throw new ScopeRefusal(permission, { pathId: path.id });
}
