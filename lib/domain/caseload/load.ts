import "server-only";

import type { TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * An advisor's load, defined once: the tenant's clients whose key advisor they are and whose
 * status is ACTIVE (a waiting or closed client weighs nothing). The cap's locks, the caseload
 * board, "my clients" and the benchmark all embed this statement, so they cannot disagree.
 *
 * `tenantId` and `advisorId` are SQL expressions: a parameter or a column of the enclosing query.
 * One row, one column `load`; served by the index client(tenant_id, key_advisor_id, status) (the
 * CHECK on client ties ACTIVE to having a key advisor).
 */
export function advisorLoadSql(tenantId: Prisma.Sql, advisorId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS load FROM client c
    WHERE c.tenant_id = ${tenantId} AND c.key_advisor_id = ${advisorId} AND c.status = 'ACTIVE'`;
}

/** advisorLoadSql for the advisor row of an enclosing query over `"user" u` (the board, the benchmark). */
export const advisorRowLoadSql = advisorLoadSql(Prisma.sql`u.tenant_id`, Prisma.sql`u.id`);

/**
 * The loads of `advisorIds` (0 for an advisor without clients). Read under lockAdvisors, they stay
 * true until the transaction ends — in a statement of its own, after the lock: a count inside the
 * locking statement would use that statement's snapshot, taken before the lock was granted.
 */
export async function countActiveClients(tx: TTx, tenantId: string, advisorIds: string[]): Promise<Map<string, number>> {
  if (advisorIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string; load: number }[]>`
    SELECT a.id::text AS id, l.load
    FROM unnest(${advisorIds}::uuid[]) AS a(id)
    CROSS JOIN LATERAL (${advisorLoadSql(Prisma.sql`${tenantId}::uuid`, Prisma.sql`a.id`)}) l`;
  return new Map(rows.map((row) => [row.id, row.load]));
}
