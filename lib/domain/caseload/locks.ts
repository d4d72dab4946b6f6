import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { countActiveClients } from "./load";
import type { TAdvisorLoad } from "./policy";

/**
 * The one lock every load-changing operation takes (SPEC §3.1, STYLE rule 4): the advisors' user
 * rows, FOR UPDATE, always in ascending id order so that two operations touching the same two
 * advisors can never deadlock. While the lock is held, nobody else can add to these advisors'
 * loads, so the counts read next stay true until this transaction commits.
 *
 * Also reads the tenant's maximum FOR SHARE, so a concurrent policy change waits for us (and we
 * for it) instead of racing the check.
 */
export async function lockAdvisors(
  tx: TTx,
  tenantId: string,
  advisorIds: string[],
): Promise<{ advisors: Map<string, TAdvisorLoad>; tenantMax: number }> {
  const ids = [...new Set(advisorIds)].sort();
  const rows = await tx.$queryRaw<
    { id: string; name: string; role: string; active: boolean; partner_id: string | null; caseload_limit: number | null }[]
  >`
    SELECT id, name, role::text AS role, active, partner_id, caseload_limit
    FROM "user"
    WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])
    ORDER BY id
    FOR UPDATE`;
  if (rows.length !== ids.length) throw notFound("User");

  const [tenant] = await tx.$queryRaw<{ max: number }[]>`
    SELECT max_clients_per_advisor AS max FROM tenant WHERE id = ${tenantId}::uuid FOR SHARE`;
  if (!tenant) throw notFound("Tenant");

  const loadOf = await countActiveClients(tx, tenantId, ids);

  const advisors = new Map<string, TAdvisorLoad>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        role: r.role,
        active: r.active,
        partnerId: r.partner_id,
        caseloadLimit: r.caseload_limit,
        load: loadOf.get(r.id) ?? 0,
      },
    ]),
  );
  return { advisors, tenantMax: tenant.max };
}

export type TLockedClient = { id: string; name: string; status: "WAITING" | "ACTIVE" | "CLOSED"; keyAdvisorId: string | null };

/** The client's row, FOR UPDATE — always taken after the advisors' locks (the fixed order). */
export async function lockClient(tx: TTx, tenantId: string, clientId: string): Promise<TLockedClient> {
  const [row] = await tx.$queryRaw<{ id: string; name: string; status: TLockedClient["status"]; key_advisor_id: string | null }[]>`
    SELECT id, name, status::text AS status, key_advisor_id
    FROM client
    WHERE tenant_id = ${tenantId}::uuid AND id = ${clientId}::uuid
    FOR UPDATE`;
  if (!row) throw notFound("Client");
  return { id: row.id, name: row.name, status: row.status, keyAdvisorId: row.key_advisor_id };
}

/** The client's current advisor, read without a lock: only to know which advisors to lock. */
export async function peekClientAdvisor(tx: TTx, tenantId: string, clientId: string): Promise<string | null> {
  const client = await tx.client.findFirst({ where: { id: clientId, tenantId }, select: { keyAdvisorId: true } });
  if (!client) throw notFound("Client");
  return client.keyAdvisorId;
}
