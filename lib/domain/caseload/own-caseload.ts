import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { countActiveClients } from "./load";
import { effectiveLimit } from "./policy";

export type TOwnCaseload = { load: number; limit: number; overLimit: boolean; full: boolean };

/** The signed-in key advisor's own load and limit ("Moi klienci"), counted by the cap's own statement. */
export async function getOwnCaseload(ctx: TContext): Promise<TOwnCaseload> {
  await assertCan(ctx, "clients.take_from_queue");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const me = await tx.user.findFirst({
      where: { id: ctx.userId, tenantId: ctx.tenantId },
      select: { caseloadLimit: true, tenant: { select: { maxClientsPerAdvisor: true } } },
    });
    if (!me) throw notFound("User");
    const load = (await countActiveClients(tx, ctx.tenantId, [ctx.userId])).get(ctx.userId) ?? 0;
    const limit = effectiveLimit(me.caseloadLimit, me.tenant.maxClientsPerAdvisor);
    return { load, limit, overLimit: load > limit, full: load >= limit };
  });
}
