import "server-only";

import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { inScope, scopesOf } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { mayManageAdvisor } from "@/lib/domain/caseload/policy";
import { clientTakesServices } from "@/lib/domain/services/policy";
import { assertClientInScope, type TClientAccess } from "./access";
import { loadClient, type TClientDetails } from "./repository";
import { mayReadSensitive } from "./viewer";

/** What the caller may do with a client they can read, so pages need not re-derive the rules. */
export type TClientAbilities = {
  canEdit: boolean;
  canManageTeam: boolean;
  canLogService: boolean;
  canReadPaths: boolean;
  /** Open a support path: the client is active with a key advisor and has no open path. */
  canOpenPath: boolean;
  canReadServices: boolean;
  /** See the client's registrations for trainings and events (the trainings tab). */
  canReadEvents: boolean;
  /** Give the client a key advisor or change theirs (not a closed client): the current advisor must be in the caller's scope. */
  canAssign: boolean;
  /** Send the client from their key advisor back to the queue. */
  canRelease: boolean;
  /** Take the waiting client onto oneself (a key advisor; the cap is checked when taking). */
  canTake: boolean;
};

type TClientFacts = Pick<TClientDetails, "status"> & { hasOpenPath: boolean };

export function abilitiesOf(ctx: TContext, access: TClientAccess, client: TClientFacts): TClientAbilities {
  const { relation, keyAdvisorId } = access;
  // Moving a client away from an advisor needs that advisor in scope (caseload/assign-client.ts);
  // from the queue, any scope of clients.assign will do (the target advisor is checked on assigning).
  const mayMoveFromCurrent = keyAdvisorId
    ? mayManageAdvisor(ctx, { id: keyAdvisorId, partnerId: access.keyAdvisorPartnerId }, "clients.assign")
    : scopesOf(ctx.role, "clients.assign").length > 0;
  return {
    canEdit: inScope(ctx, "clients.write", relation),
    canManageTeam: inScope(ctx, "clients.team.manage", relation),
    canLogService: inScope(ctx, "services.log", relation) && clientTakesServices(client),
    canReadPaths: inScope(ctx, "paths.read", relation),
    canOpenPath: inScope(ctx, "paths.write", relation) && client.status === "ACTIVE" && keyAdvisorId !== null && !client.hasOpenPath,
    canReadServices: inScope(ctx, "services.read", relation),
    canReadEvents: can(ctx.role, "events.read"),
    canAssign: mayMoveFromCurrent && client.status !== "CLOSED",
    canRelease: keyAdvisorId !== null && mayMoveFromCurrent,
    canTake: can(ctx.role, "clients.take_from_queue") && client.status === "WAITING",
  };
}

/** Whether the client has a path still open (a client has at most one: see paths/open-path.ts). */
export async function hasOpenPath(tx: TTx, ctx: TContext, clientId: string): Promise<boolean> {
  return (await tx.supportPath.count({ where: { tenantId: ctx.tenantId, clientId, closedAt: null } })) > 0;
}

/**
 * One client with their office, key advisor and people, and what the caller may do with them.
 * `hasDisability` is returned only to roles holding clients.read_sensitive; for others it is
 * absent and `sensitiveHidden` is true.
 */
export async function getClient(ctx: TContext, clientId: string): Promise<TClientDetails & { abilities: TClientAbilities }> {
  await assertCan(ctx, "clients.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      const client = await loadClient(tx, ctx, clientId, mayReadSensitive(ctx));
      const openPath = inScope(ctx, "paths.write", access.relation) ? await hasOpenPath(tx, ctx, clientId) : false;
      return { ...client, abilities: abilitiesOf(ctx, access, { status: client.status, hasOpenPath: openPath }) };
    }),
  );
}
