import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope } from "@/lib/auth/scope";
import { refuseDuplicates } from "@/lib/db/errors";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDate, todayInPoland } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { DELIVERING_ROLES } from "@/lib/domain/services/policy";
import { loadFormLists, type TDeliveringStaff } from "@/lib/domain/services/read";
import { assertClientInScope, type TClientAccess } from "./access";
import { ZAddTeamMemberInput, type TAddTeamMemberInput } from "./schemas";

export type TClientTeam = {
  keyAdvisor: { id: string; name: string } | null;
  /** Staff added to the client, current and future (removed and ended ones are in the history). */
  members: { id: string; user: { id: string; name: string; role: string }; role: string; startsOn: string; endsOn: string | null }[];
  /** Responsible users of actions in the approved plan of the client's open path. */
  planResponsibles: { id: string; name: string }[];
  /** The caller may add and remove members. */
  canManage: boolean;
  /** Staff who can be added (only when canManage). */
  candidates: { id: string; name: string; role: string }[];
};

type TMemberRow = { kind: "member"; id: string; memberRole: string; startsOn: Date; endsOn: Date | null; userId: string; name: string; userRole: string };
type TResponsibleRow = { kind: "responsible"; userId: string; name: string };

/**
 * The client's team (SPEC §1): the key advisor, staff added to the client, and the responsible
 * users of the open plan's actions. Visible to whoever may read the client's full record.
 */
export async function getClientTeam(ctx: TContext, clientId: string): Promise<TClientTeam> {
  await assertCan(ctx, "clients.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      const keyAdvisor = access.keyAdvisorId
        ? await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: access.keyAdvisorId }, select: { id: true, name: true } })
        : null;
      return loadClientTeam(tx, ctx, access, { keyAdvisor, staff: async () => (await loadFormLists(tx, ctx)).staff });
    }),
  );
}

/**
 * getClientTeam inside the caller's transaction, for a caller that has already checked
 * clients.read on the client (the client page): it brings the key advisor it read with the
 * client, and the delivering staff it reads once for the service form too (read only when the
 * caller may manage the team).
 */
export async function loadClientTeam(
  tx: TTx,
  ctx: TContext,
  access: TClientAccess,
  given: { keyAdvisor: { id: string; name: string } | null; staff: () => Promise<TDeliveringStaff[]> },
): Promise<TClientTeam> {
  const today = dateOnly(todayInPoland());
  // Both circles in one statement: the staff added to the client (current and future), and the
  // responsible users of the open path's approved plan.
  const rows = await tx.$queryRaw<(TMemberRow | TResponsibleRow)[]>`
    SELECT 'member' AS kind, m.id, m.role::text AS "memberRole", m.starts_on AS "startsOn", m.ends_on AS "endsOn",
           u.id AS "userId", u.name, u.role::text AS "userRole"
    FROM client_team_member m
    JOIN "user" u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
    WHERE m.tenant_id = ${ctx.tenantId}::uuid AND m.client_id = ${access.id}::uuid AND m.removed_at IS NULL
      AND (m.ends_on IS NULL OR m.ends_on >= ${today}::date)
    UNION ALL
    SELECT DISTINCT 'responsible', NULL::uuid, NULL, NULL::date, NULL::date, u.id, u.name, NULL
    FROM support_path p
    JOIN path_plan_version v ON v.tenant_id = p.tenant_id AND v.path_id = p.id AND v.status = 'APPROVED'
    JOIN path_plan_action a ON a.tenant_id = v.tenant_id AND a.plan_version_id = v.id
    JOIN "user" u ON u.tenant_id = a.tenant_id AND u.id = a.responsible_user_id
    WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.client_id = ${access.id}::uuid AND p.closed_at IS NULL`;
  const members = rows
    .filter((r): r is TMemberRow => r.kind === "member")
    .sort((a, b) => a.startsOn.getTime() - b.startsOn.getTime() || a.id.localeCompare(b.id))
    .map((m) => ({ id: m.id, user: { id: m.userId, name: m.name, role: m.userRole }, role: m.memberRole, startsOn: m.startsOn, endsOn: m.endsOn }));
  const planResponsibles = rows
    .filter((r): r is TResponsibleRow => r.kind === "responsible")
    .map((r) => ({ id: r.userId, name: r.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "pl") || a.id.localeCompare(b.id));
  const canManage = inScope(ctx, "clients.team.manage", access.relation);
  const taken = new Set([access.keyAdvisorId, ...members.map((m) => m.user.id)]);
  const candidates = canManage ? (await given.staff()).filter((user) => !taken.has(user.id)) : [];
  return {
    keyAdvisor: given.keyAdvisor,
    members: members.map((m) => ({ id: m.id, user: m.user, role: m.role, startsOn: isoDate(m.startsOn), endsOn: m.endsOn ? isoDate(m.endsOn) : null })),
    planResponsibles,
    canManage,
    candidates,
  };
}

/**
 * Adds a staff member to the client's team (a manager; a coordinator for their partner's
 * advisors' clients). The member must be active staff who delivers services, and not the key
 * advisor; adding someone already on the team is ALREADY_EXISTS. Audited on the client.
 */
export async function addTeamMember(ctx: TContext, clientId: string, rawInput: TAddTeamMemberInput): Promise<{ id: string }> {
  await assertCan(ctx, "clients.team.manage");
  const input = parseInput(ZAddTeamMemberInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    refuseDuplicates({ userId: "alreadyOnTeam" }, () =>
      tenantTransaction(ctx.tenantId, async (tx) => {
        const access = await assertClientInScope(tx, ctx, clientId, "clients.team.manage");
        const user = await tx.user.findFirst({
          where: { tenantId: ctx.tenantId, id: input.userId },
          select: { id: true, name: true, role: true, active: true },
        });
        if (!user || !user.active || !(DELIVERING_ROLES as readonly string[]).includes(user.role)) {
          throw new AppError("VALIDATION_FAILED", { fieldErrors: { userId: "notStaff" } });
        }
        if (user.id === access.keyAdvisorId) throw new AppError("VALIDATION_FAILED", { fieldErrors: { userId: "isKeyAdvisor" } });
        const { id } = await tx.clientTeamMember.create({
          data: {
            tenantId: ctx.tenantId,
            clientId: access.id,
            userId: user.id,
            role: input.role,
            startsOn: dateOnly(input.startsOn),
            endsOn: input.endsOn ? dateOnly(input.endsOn) : null,
            addedById: ctx.userId,
          },
          select: { id: true },
        });
        await recordAudit(tx, auditActor(ctx), {
          action: "client.team_add",
          entityType: "Client",
          entityId: access.id,
          after: { memberId: id, userId: user.id, userName: user.name, role: input.role, startsOn: input.startsOn, endsOn: input.endsOn },
        });
        return { id };
      }),
    ),
  );
}

/** Removes a member from the client's team; the row stays as history (removedAt). Audited on the client. */
export async function removeTeamMember(ctx: TContext, clientId: string, memberId: string): Promise<void> {
  await assertCan(ctx, "clients.team.manage");
  assertId(memberId, "ClientTeamMember");
  await recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.team.manage");
      const member = await tx.clientTeamMember.findFirst({
        where: { tenantId: ctx.tenantId, clientId: access.id, id: memberId, removedAt: null },
        select: { id: true, role: true, startsOn: true, endsOn: true, user: { select: { id: true, name: true } } },
      });
      if (!member) throw notFound("ClientTeamMember");
      await tx.clientTeamMember.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: member.id }, clientId: access.id, removedAt: null },
        data: { removedAt: new Date(), removedById: ctx.userId },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "client.team_remove",
        entityType: "Client",
        entityId: access.id,
        before: {
          memberId: member.id,
          userId: member.user.id,
          userName: member.user.name,
          role: member.role,
          startsOn: isoDate(member.startsOn),
          endsOn: member.endsOn ? isoDate(member.endsOn) : null,
        },
      });
    }),
  );
}
