import "server-only";
import { ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, scopesOf, type TRelation, type TScopedPermission } from "@/lib/auth/scope";
import type { TTx } from "@/lib/db/transaction";
import { dateOnly, todayInPoland } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import type { ClientStatus, Prisma } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/validation";

/** A client as the scope sees it: who carries them, and how the caller stands to them. */
export type TClientAccess = {
  id: string;
  name: string;
  /** WAITING, ACTIVE or CLOSED (support ended). */
  status: ClientStatus;
  /** The client's open support path (a client has at most one), or null. */
  openPathId: string | null;
  keyAdvisorId: string | null;
  keyAdvisorPartnerId: string | null;
  /** Processing restricted (GDPR art. 18) since then: nothing new is recorded for the client. */
  restrictedAt: Date | null;
  relation: TRelation;
};

type TRelationRow = { id: string; name: string; status: ClientStatus; openPathId: string | null; keyAdvisorId: string | null; keyAdvisorPartnerId: string | null; restrictedAt: Date | null; onTeam: boolean };

/**
 * How the caller stands to each of `clientIds`, in one query. This is the one definition of "on
 * the client's team" (SPEC §1): the key advisor; staff added to the client whose period covers
 * today (the Polish calendar date); the responsible user of an action in the approved plan of the
 * client's open path. Clients missing from the tenant are missing from the map.
 */
export async function loadClientRelations(tx: TTx, ctx: TContext, clientIds: readonly string[]): Promise<Map<string, TClientAccess>> {
  if (clientIds.length === 0) return new Map();
  const userId = ctx.userId;
  const today = dateOnly(todayInPoland());
  const rows = await tx.$queryRaw<TRelationRow[]>`
    SELECT c.id, c.name, c.status::text AS status, c.key_advisor_id AS "keyAdvisorId",
      (SELECT p.id FROM support_path p WHERE p.tenant_id = c.tenant_id AND p.open_client_id = c.id) AS "openPathId", ka.partner_id AS "keyAdvisorPartnerId", c.restricted_at AS "restrictedAt",
      (c.key_advisor_id IS NOT DISTINCT FROM ${userId}::uuid
        OR EXISTS (
          SELECT 1 FROM client_team_member m
          WHERE m.tenant_id = c.tenant_id AND m.client_id = c.id AND m.user_id = ${userId}::uuid
            AND m.removed_at IS NULL AND m.starts_on <= ${today}::date AND (m.ends_on IS NULL OR m.ends_on >= ${today}::date))
        OR EXISTS (
          SELECT 1 FROM support_path p
          JOIN path_plan_version v ON v.tenant_id = p.tenant_id AND v.path_id = p.id AND v.status = 'APPROVED'
          JOIN path_plan_action a ON a.tenant_id = v.tenant_id AND a.plan_version_id = v.id
          WHERE p.tenant_id = c.tenant_id AND p.client_id = c.id AND p.closed_at IS NULL AND a.responsible_user_id = ${userId}::uuid)
      ) AS "onTeam"
    FROM client c
    LEFT JOIN "user" ka ON ka.tenant_id = c.tenant_id AND ka.id = c.key_advisor_id
    WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.id = ANY(${[...clientIds]}::uuid[])`;
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        status: row.status,
        openPathId: row.openPathId,
        keyAdvisorId: row.keyAdvisorId,
        keyAdvisorPartnerId: row.keyAdvisorPartnerId,
        restrictedAt: row.restrictedAt,
        relation: {
          own: row.keyAdvisorId === ctx.userId,
          team: row.onTeam,
          partner: ctx.partnerId !== null && row.keyAdvisorPartnerId === ctx.partnerId,
        },
      },
    ]),
  );
}

/**
 * Guards an operation on one client: a missing or foreign id is NOT_FOUND; a client whose full
 * record the caller may not read (`readPermission`) is refused exactly like a missing one (audited,
 * after rollback, by recordScopeRefusals); a client the caller may read but not act on as
 * `permission` is FORBIDDEN (audited). Returns the client's access facts.
 */
export async function assertClientInScope(
  tx: TTx,
  ctx: TContext,
  clientId: string,
  permission: TScopedPermission,
  readPermission: TScopedPermission = "clients.read",
): Promise<TClientAccess> {
  assertId(clientId, "Client");
  const access = (await loadClientRelations(tx, ctx, [clientId])).get(clientId);
  if (!access) throw notFound("Client");
  assertAccessInScope(ctx, access, permission, readPermission);
  return access;
}

/** The pure half of {@link assertClientInScope}, for callers that loaded several clients at once. */
export function assertAccessInScope(ctx: TContext, access: TClientAccess, permission: TScopedPermission, readPermission: TScopedPermission = "clients.read"): void {
  if (!inScope(ctx, readPermission, access.relation)) {
    throw new ScopeRefusal(permission, { clientId: access.id, reason: "needToKnow" }, "Client");
  }
  if (!inScope(ctx, permission, access.relation)) throw new ScopeRefusal(permission, { clientId: access.id });
}

/** The clients whose team the caller is on, as a Prisma filter (mirrors {@link loadClientRelations}). */
export function clientTeamWhere(ctx: TContext): Prisma.ClientWhereInput {
  const today = dateOnly(todayInPoland());
  return {
    OR: [
      { keyAdvisorId: ctx.userId },
      { team: { some: { userId: ctx.userId, removedAt: null, startsOn: { lte: today }, OR: [{ endsOn: null }, { endsOn: { gte: today } }] } } },
      { paths: { some: { closedAt: null, plans: { some: { status: "APPROVED", actions: { some: { responsibleUserId: ctx.userId } } } } } } },
    ],
  };
}

/**
 * The clients the caller may act on as `permission`, as a Prisma filter for lists (e.g. the
 * service form's client search): `{}` centre-wide, `null` for none.
 */
export function clientScopeWhere(ctx: TContext, permission: TScopedPermission): Prisma.ClientWhereInput | null {
  const scopes = scopesOf(ctx.role, permission);
  if (scopes.includes("centre")) return {};
  const or: Prisma.ClientWhereInput[] = [];
  if (scopes.includes("team")) or.push(clientTeamWhere(ctx));
  else if (scopes.includes("own")) or.push({ keyAdvisorId: ctx.userId });
  if (scopes.includes("partner") && ctx.partnerId !== null) or.push({ keyAdvisor: { partnerId: ctx.partnerId } });
  return or.length ? { OR: or } : null;
}
