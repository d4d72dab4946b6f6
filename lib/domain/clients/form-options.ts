import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";

export type TClientOptions = { offices: { id: string; name: string }[]; advisors: { id: string; name: string; active: boolean }[] };

/**
 * Choices for the client list's filters and the client form: the tenant's offices and its key
 * advisors (names only). Any role that reads clients needs them, including roles without
 * organisation.read (e.g. a key advisor registering a client in their office).
 */
export async function listClientOptions(ctx: TContext): Promise<TClientOptions> {
  await assertCan(ctx, "clients.read");
  return tenantTransaction(ctx.tenantId, (tx) => loadClientOptions(tx, ctx));
}

/** listClientOptions inside the caller's transaction, in one statement (the caller has checked clients.read). */
export async function loadClientOptions(tx: TTx, ctx: TContext): Promise<TClientOptions> {
  const rows = await tx.$queryRaw<{ kind: "office" | "advisor"; id: string; name: string; active: boolean }[]>`
    SELECT 'office' AS kind, o.id, o.name, true AS active FROM office o WHERE o.tenant_id = ${ctx.tenantId}::uuid
    UNION ALL
    SELECT 'advisor', u.id, u.name, u.active FROM "user" u WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.role = 'KEY_ADVISOR'
    ORDER BY kind, name, id`;
  return {
    offices: rows.filter((r) => r.kind === "office").map((r) => ({ id: r.id, name: r.name })),
    advisors: rows.filter((r) => r.kind === "advisor").map((r) => ({ id: r.id, name: r.name, active: r.active })),
  };
}
