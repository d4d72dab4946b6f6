import "server-only";
import type { TTx } from "@/lib/db/transaction";

/** The columns of a plan action every reader shows. */
export const ACTION_SELECT = {
  id: true,
  position: true,
  supportType: true,
  specialistArea: true,
  description: true,
  plannedFrom: true,
  plannedTo: true,
  responsibleUserId: true,
  expectedResult: true,
  status: true,
} as const;

/** The names of the tenant's users among `ids`, in one query (author and actor columns have no relation to user). */
export async function userNames(tx: TTx, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const users = await tx.user.findMany({ where: { tenantId, id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}
