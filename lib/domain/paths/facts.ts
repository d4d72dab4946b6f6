import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TPathFacts } from "./state-machine";

/** The row {@link pathFactsSql} gives. */
export type TPathFactsRow = {
  needsWithExpectedEffect: number;
  hasApprovedPlan: boolean;
  hasSignedContract: boolean;
  hasEvaluation: boolean;
  obligatoryMethods: string[];
  deliveredMethods: string[];
};

/**
 * What the state machine's guards look at, as one row of one statement (the path page embeds it
 * in its own statement, a step change runs it alone).
 *
 * The obligatory methods are those of the path's template in the tenant's catalogue (path_template:
 * the manager may change them; the rule reads them when it runs). One counts as delivered when the
 * service log holds a live (not deleted) service of that type for the path's client, logged
 * against this path (read from the path's own participations, not the centre's log).
 */
export function pathFactsSql(tenantId: string, pathId: string): Prisma.Sql {
  const obligatory = Prisma.sql`(SELECT coalesce(t.obligatory_support_types, '{}'::text[])
        FROM support_path sp JOIN path_template t ON t.tenant_id = sp.tenant_id AND t.code = sp.template
        WHERE sp.tenant_id = ${tenantId}::uuid AND sp.id = ${pathId}::uuid)`;
  return Prisma.sql`
    SELECT
      (SELECT count(*)::int FROM path_need n
        WHERE n.tenant_id = ${tenantId}::uuid AND n.path_id = ${pathId}::uuid AND NOT (n.expected_effects = '{}')) AS "needsWithExpectedEffect",
      EXISTS (SELECT 1 FROM path_plan_version v
        WHERE v.tenant_id = ${tenantId}::uuid AND v.path_id = ${pathId}::uuid AND v.status = 'APPROVED') AS "hasApprovedPlan",
      EXISTS (SELECT 1 FROM path_contract c
        WHERE c.tenant_id = ${tenantId}::uuid AND c.path_id = ${pathId}::uuid AND c.status = 'SIGNED') AS "hasSignedContract",
      EXISTS (SELECT 1 FROM path_evaluation e
        WHERE e.tenant_id = ${tenantId}::uuid AND e.path_id = ${pathId}::uuid) AS "hasEvaluation",
      coalesce(${obligatory}, '{}'::text[]) AS "obligatoryMethods",
      ARRAY(
        SELECT DISTINCT r.support_type
        FROM service_participation p
        JOIN service_record r ON r.tenant_id = p.tenant_id AND r.id = p.service_id
        WHERE p.tenant_id = ${tenantId}::uuid AND p.path_id = ${pathId}::uuid AND r.deleted_at IS NULL
          AND r.support_type = ANY(${obligatory}::text[])
      ) AS "deliveredMethods"`;
}

/** The facts of a {@link pathFactsSql} row. */
export function toPathFacts(row: TPathFactsRow): TPathFacts {
  return {
    obligatoryMethods: row.obligatoryMethods,
    needsWithExpectedEffect: row.needsWithExpectedEffect,
    hasApprovedPlan: row.hasApprovedPlan,
    hasSignedContract: row.hasSignedContract,
    hasEvaluation: row.hasEvaluation,
    deliveredMethods: new Set(row.deliveredMethods),
  };
}

/** The guards' facts, read in the caller's transaction (one statement). */
export async function loadPathFacts(tx: TTx, tenantId: string, pathId: string): Promise<TPathFacts> {
  const [row] = await tx.$queryRaw<TPathFactsRow[]>(pathFactsSql(tenantId, pathId));
  if (!row) throw new Error("The facts statement returns one row");
  return toPathFacts(row);
}
