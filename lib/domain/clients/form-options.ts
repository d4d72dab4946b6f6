import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";

/**
 * Choices for the client list's filters and the client form: the tenant's offices and its key
 * advisors (names only). Any role that reads clients needs them, including roles without
 * organisation.read (e.g. a key advisor registering a client in their office).
 */
export async function listClientOptions(ctx: TContext) {
  await assertCan(ctx, "clients.read");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [offices, advisors] = await Promise.all([
      tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
      tx.user.findMany({
        where: { tenantId: ctx.tenantId, role: "KEY_ADVISOR" },
        select: { id: true, name: true, active: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
    ]);
    return { offices, advisors };
  });
}
