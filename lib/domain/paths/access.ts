import "server-only";
import { ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, type TRelation, type TScopedPermission } from "@/lib/auth/scope";
import type { TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import { loadClientRelations } from "@/lib/domain/clients/access";
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
  /** How the caller stands to the path (lib/auth/scope.ts): its advisor, the client's team, the partner. */
  relation: TRelation;
};

/**
 * Loads a path's head within the tenant, FOR UPDATE when `lock` (every write to a path takes its
 * row lock first, which serialises writers of one path). Foreign or malformed ids → NOT_FOUND; a
 * path the caller may not read (need-to-know) → a ScopeRefusal of `permission` answered like a
 * missing one, and one they may read but not use `permission` on → a ScopeRefusal (FORBIDDEN);
 * callers run inside recordScopeRefusals.
 */
export async function loadPathHead(
  tx: TTx,
  ctx: TContext,
  pathId: string,
  lock: boolean,
  permission: TScopedPermission = "paths.read",
): Promise<TPathHead> {
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
  const client = (await loadClientRelations(tx, ctx, [path.clientId])).get(path.clientId);
  const own = advisorId === ctx.userId;
  const head: TPathHead = {
    id: path.id,
    clientId: path.clientId,
    clientName: path.client.name,
    step: path.step,
    template: path.template,
    closedAt: path.closedAt,
    advisorId,
    advisorPartnerId,
    relation: { own, team: own || (client?.relation.team ?? false), partner: ctx.partnerId !== null && advisorPartnerId === ctx.partnerId },
  };
  assertPathInScope(ctx, head, permission);
  return head;
}

/**
 * Whose paths the caller may work on (lib/auth/scope.ts, paths.write): a manager any; a
 * coordinator those of their own partner's advisors; a key advisor only their own clients'.
 */
export function mayWorkOnPath(ctx: TContext, path: Pick<TPathHead, "relation">, permission: TScopedPermission = "paths.write"): boolean {
  return inScope(ctx, permission, path.relation);
}

/**
 * Throws a ScopeRefusal (recorded after rollback by recordScopeRefusals) when the caller may not
 * use `permission` on the path: answered like a missing path when they may not even read it.
 */
export function assertPathInScope(ctx: TContext, path: Pick<TPathHead, "id" | "relation">, permission: TScopedPermission): void {
  if (!inScope(ctx, "paths.read", path.relation)) throw new ScopeRefusal(permission, { pathId: path.id, reason: "needToKnow" }, "SupportPath");
  if (!inScope(ctx, permission, path.relation)) throw new ScopeRefusal(permission, { pathId: path.id });
}
