import "server-only";
import { ROLES } from "@/lib/auth/permissions";
import { inScope, isCentreWide, scopesOf } from "@/lib/auth/scope";
import type { TTx } from "@/lib/db/transaction";
import type { TPathHead } from "./access";

const DECIDE = "paths.approve_plan";

/** The roles holding paths.approve_plan anywhere (lib/auth/scope.ts): today managers and coordinators. */
const DECIDING_ROLES = ROLES.filter((role) => scopesOf(role, DECIDE).length > 0);

/**
 * Who decides a submitted plan of the path, for its plan_submitted notice: the active users whose
 * paths.approve_plan scope covers the path's advisor — the very rule that lets them decide it
 * (loadPathHead's relation checked by inScope) and lists it in their inbox (findPlanInbox). Those
 * who hold it narrower than the whole centre (the coordinators of the advisor's partner) are the
 * ones expected to act; only when there is none does it go to the centre-wide holders (the
 * managers), who would otherwise see every plan of the centre.
 *
 * The relation is the one loadPathHead builds for a caller: `own` when they are the path's advisor,
 * `partner` when they share the advisor's partner; no role holds the permission through the
 * client's team, so the team is not read.
 */
export async function findPlanDeciders(tx: TTx, tenantId: string, path: Pick<TPathHead, "advisorId" | "advisorPartnerId">): Promise<string[]> {
  const holders = await tx.user.findMany({
    where: { tenantId, active: true, role: { in: [...DECIDING_ROLES] } },
    select: { id: true, role: true, partnerId: true },
    orderBy: { id: "asc" },
  });
  const covering = holders.filter((user) =>
    inScope(user, DECIDE, { own: user.id === path.advisorId, team: false, partner: user.partnerId !== null && user.partnerId === path.advisorPartnerId }),
  );
  const nearest = covering.filter((user) => !isCentreWide(user, DECIDE));
  return (nearest.length > 0 ? nearest : covering).map((user) => user.id);
}
