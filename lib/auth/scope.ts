import type { TContext } from "./context";
import { can, type TPermission, type TRole } from "./permissions";

/**
 * Scope as data, beside permissions-as-data: a permission says WHAT a role may do, its scope says
 * ON WHICH clients or staff. The README's scope table is checked against this file by
 * tests/unit/auth/scope.test.ts, and the scope matrix integration test is generated from
 * that table.
 *
 * - `own`     — the caller is the client's key advisor (a path: its responsible advisor; a staff
 *               member: the caller themself);
 * - `team`    — the caller is on the client's team: the key advisor, staff added to the client,
 *               or the responsible user of an action in the client's approved plan on an open path;
 * - `partner` — the client's key advisor (or the staff member) belongs to the caller's partner;
 * - `centre`  — anything in the caller's tenant.
 */
export const SCOPES = ["own", "team", "partner", "centre"] as const;
export type TScope = (typeof SCOPES)[number];

/** How a caller stands to one client, path or staff member. `centre` always holds in the tenant. */
export type TRelation = Readonly<Record<Exclude<TScope, "centre">, boolean>>;

export const NO_RELATION: TRelation = { own: false, team: false, partner: false };

/**
 * Per permission that acts on particular clients or staff, the scopes each role holds it in. A
 * role holding the permission but not listed here holds it nowhere (fails closed); a permission
 * not listed here is centre-wide for every role holding it (e.g. `clients.read` search results,
 * which show every staff member the minimal data needed to spot duplicates and assign work).
 */
export const PERMISSION_SCOPES = {
  /**
   * The full record of a client: identifiers, contact data, people, history. (Search and the
   * queue show every holder of clients.read the minimal data — name, kind, town, key advisor,
   * status — centre-wide, to spot duplicates and assign work.)
   */
  "clients.read": { MANAGER: ["centre"], COORDINATOR: ["partner", "team"], KEY_ADVISOR: ["team"], ANIMATOR: ["team"], SPECIALIST: ["team"], AUDITOR: ["centre"] },
  "clients.read_sensitive": { MANAGER: ["centre"], COORDINATOR: ["partner", "team"], KEY_ADVISOR: ["team"] },
  "clients.write": { MANAGER: ["centre"], COORDINATOR: ["partner"], KEY_ADVISOR: ["own"] },
  "clients.team.manage": { MANAGER: ["centre"], COORDINATOR: ["partner"] },
  "clients.assign": { MANAGER: ["centre"], COORDINATOR: ["partner"] },
  "caseload.limits.set": { MANAGER: ["centre"], COORDINATOR: ["partner"] },
  "caseload.board.view": { MANAGER: ["centre"], COORDINATOR: ["partner"] },
  "paths.read": { MANAGER: ["centre"], COORDINATOR: ["partner", "team"], KEY_ADVISOR: ["team"], ANIMATOR: ["team"], SPECIALIST: ["team"], AUDITOR: ["centre"] },
  "paths.write": { MANAGER: ["centre"], COORDINATOR: ["partner"], KEY_ADVISOR: ["own"] },
  "paths.approve_plan": { MANAGER: ["centre"], COORDINATOR: ["partner"] },
  "paths.annotate": { MANAGER: ["centre"], COORDINATOR: ["partner", "team"], KEY_ADVISOR: ["team"], ANIMATOR: ["team"], SPECIALIST: ["team"] },
  "services.log": { MANAGER: ["centre"], COORDINATOR: ["partner", "team"], KEY_ADVISOR: ["team"], ANIMATOR: ["team"], SPECIALIST: ["team"] },
  "services.read": { MANAGER: ["centre"], COORDINATOR: ["partner", "team"], KEY_ADVISOR: ["team"], ANIMATOR: ["team"], SPECIALIST: ["team"], AUDITOR: ["centre"] },
  "services.timesheet": { MANAGER: ["centre"], COORDINATOR: ["partner", "own"], KEY_ADVISOR: ["own"], ANIMATOR: ["own"], SPECIALIST: ["own"], AUDITOR: ["centre"] },
} as const satisfies Partial<Record<TPermission, Partial<Record<TRole, readonly TScope[]>>>>;

export type TScopedPermission = keyof typeof PERMISSION_SCOPES;

/** The scopes in which `role` holds `permission`; empty when it does not hold it at all. */
export function scopesOf(role: unknown, permission: TScopedPermission): readonly TScope[] {
  if (!can(role, permission)) return [];
  const byRole: Partial<Record<TRole, readonly TScope[]>> = PERMISSION_SCOPES[permission];
  return byRole[role as TRole] ?? [];
}

/** Whether the caller may use `permission` on a target they stand to as `relation`. */
export function inScope(ctx: Pick<TContext, "role">, permission: TScopedPermission, relation: TRelation): boolean {
  return scopesOf(ctx.role, permission).some((scope) => scope === "centre" || relation[scope]);
}

/** Whether the caller holds `permission` across the whole centre (no per-target check needed). */
export function isCentreWide(ctx: Pick<TContext, "role">, permission: TScopedPermission): boolean {
  return scopesOf(ctx.role, permission).includes("centre");
}

/**
 * The relation of the caller to a staff member (an advisor on the board, a user's timesheet):
 * `own` is the member themself, `partner` the same partner as the caller. Staff have no team.
 */
export function relationToStaff(ctx: Pick<TContext, "userId" | "partnerId">, member: { id: string; partnerId: string | null }): TRelation {
  return {
    own: member.id === ctx.userId,
    team: false,
    partner: ctx.partnerId !== null && member.partnerId === ctx.partnerId,
  };
}

/**
 * For lists of staff: which members the caller may see under `permission`, as a filter a query
 * can use — `"all"`, or the ids/partner to keep (an empty filter means nobody).
 */
export function staffFilter(
  ctx: Pick<TContext, "role" | "userId" | "partnerId">,
  permission: TScopedPermission,
): "all" | { userIds: string[]; partnerIds: string[] } {
  const scopes = scopesOf(ctx.role, permission);
  if (scopes.includes("centre")) return "all";
  return {
    userIds: scopes.includes("own") ? [ctx.userId] : [],
    partnerIds: scopes.includes("partner") && ctx.partnerId !== null ? [ctx.partnerId] : [],
  };
}
