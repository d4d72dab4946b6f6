import { randomUUID } from "node:crypto";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { ownerQuery } from "./db";

/**
 * Bulk clients for the caseload tests: one INSERT for any number of rows, as the owner. An ACTIVE
 * client gets its open assignment row too, as the services would have left it, so the history
 * invariant ("an ACTIVE client has exactly one open row naming its key advisor") holds from the start.
 */
export type TCaseloadClientRow = { id: string; tenantId: string; name: string; status: "WAITING" | "ACTIVE" | "CLOSED"; keyAdvisorId: string | null };

let batch = 0;

export async function createCaseloadClients(
  tenant: { id: string },
  count: number,
  overrides: {
    status?: TCaseloadClientRow["status"];
    /** Required for ACTIVE, refused otherwise (the CHECK constraint). */
    keyAdvisorId?: string | null;
    /** Who made the open assignment of an ACTIVE client (default: the advisor). */
    assignedById?: string;
    officeId?: string | null;
    /** `${namePrefix} 01`, `… 02`, …: sorts in creation order. */
    namePrefix?: string;
  } = {},
): Promise<TCaseloadClientRow[]> {
  const status = overrides.status ?? "WAITING";
  const keyAdvisorId = overrides.keyAdvisorId ?? null;
  if ((status === "ACTIVE") !== (keyAdvisorId !== null)) throw new Error("An ACTIVE client needs keyAdvisorId; others must not have one");
  if (count === 0) return [];
  batch += 1;
  const prefix = overrides.namePrefix ?? `Klient ${batch}`;
  const width = String(count).length;
  const rows: TCaseloadClientRow[] = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    tenantId: tenant.id,
    name: `${prefix} ${String(i + 1).padStart(width, "0")}`,
    status,
    keyAdvisorId,
  }));
  const ids = rows.map((r) => r.id);
  // WAITING clients queue oldest first in creation order: the i-th waits (count - i) seconds longer than now.
  await ownerQuery(
    `INSERT INTO client (id, tenant_id, kind, name, name_normalized, status, key_advisor_id, office_id, waiting_since, updated_at)
     SELECT r.id, $2::uuid, 'PERSON', r.name, r.folded, $4::"ClientStatus", $5::uuid, $6::uuid,
            CASE WHEN $4::"ClientStatus" = 'WAITING' THEN now() - make_interval(secs => $7 - r.ord) END, now()
     FROM unnest($1::uuid[], $3::text[], $8::text[]) WITH ORDINALITY AS r(id, name, folded, ord)`,
    [ids, tenant.id, rows.map((r) => r.name), status, keyAdvisorId, overrides.officeId ?? null, count, rows.map((r) => foldForSearch(r.name))],
  );
  if (keyAdvisorId) {
    await ownerQuery(
      `INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, assigned_by_id, assigned_at)
       SELECT gen_random_uuid(), $2::uuid, c, $3::uuid, $4::uuid, now() - interval '1 day' FROM unnest($1::uuid[]) AS c`,
      [ids, tenant.id, keyAdvisorId, overrides.assignedById ?? keyAdvisorId],
    );
  }
  return rows;
}

/** Sets an advisor's own limit directly (null: the tenant's maximum) — setup, not the service under test. */
export async function setCaseloadLimit(user: { id: string }, limit: number | null): Promise<void> {
  await ownerQuery(`UPDATE "user" SET caseload_limit = $2 WHERE id = $1`, [user.id, limit]);
}

/** Active clients per advisor of the tenant, as stored. */
export async function loadsOf(tenantId: string): Promise<Map<string, number>> {
  const rows = await ownerQuery<{ advisor: string; load: number }>(
    `SELECT key_advisor_id AS advisor, count(*)::int AS load FROM client WHERE tenant_id = $1 AND status = 'ACTIVE' GROUP BY 1`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.advisor, r.load]));
}

/** Every caseload-relevant row of a tenant: clients, assignments, users (limits), the tenant and its audit trail. */
export async function caseloadSnapshot(tenantId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = { tenant: await ownerQuery(`SELECT * FROM tenant WHERE id = $1`, [tenantId]) };
  for (const table of ["user", "client", "client_assignment", "audit_log"]) {
    snapshot[table] = await ownerQuery(`SELECT * FROM "${table}" WHERE tenant_id = $1 ORDER BY id`, [tenantId]);
  }
  return snapshot;
}
