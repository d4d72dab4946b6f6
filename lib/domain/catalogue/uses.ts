import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TCatalogueListName } from "./schemas";

/*
 * Where the catalogue's codes are used: every column that holds one (each with a composite
 * foreign key to the entry, migration 20261202100000_catalogue_codes) and the path templates'
 * obligatory support types (a list, without a key). Soft-deleted service records count: their
 * rows still hold the code. One home for the list of places, so the editor's "in use" counts and
 * the delete check never disagree.
 */

/** Each place a code of `list` sits: a table and its column holding one code, or a list of codes (`array`). */
type TPlace = { table: string; column: string; array?: true };
const PLACES: Record<TCatalogueListName, TPlace[]> = {
  supportType: [
    { table: "service_record", column: "support_type" },
    { table: "path_plan_action", column: "support_type" },
    { table: "path_need", column: "area" },
    { table: "event", column: "support_type" },
    { table: "path_template", column: "obligatory_support_types", array: true },
  ],
  specialistArea: [
    { table: "service_record", column: "specialist_area" },
    { table: "path_plan_action", column: "specialist_area" },
  ],
  pathTemplate: [{ table: "support_path", column: "template" }],
};

const LISTS = Object.keys(PLACES) as TCatalogueListName[];

/** How many rows use the tenant's entries, per list and code (one statement; unused entries absent). */
export async function countAllUses(tx: TTx, tenantId: string): Promise<Record<TCatalogueListName, Map<string, number>>> {
  const parts = LISTS.flatMap((list) =>
    PLACES[list].map(({ table, column, array }) => {
      const code = array ? Prisma.sql`unnest(${Prisma.raw(column)})` : Prisma.raw(column);
      return Prisma.sql`SELECT ${list}::text AS list, ${code} AS code FROM ${Prisma.raw(table)} WHERE tenant_id = ${tenantId}::uuid`;
    }),
  );
  const rows = await tx.$queryRaw<{ list: TCatalogueListName; code: string; uses: number }[]>`
    SELECT u.list, u.code, count(*)::int AS uses FROM (${Prisma.join(parts, " UNION ALL ")}) u
    WHERE u.code IS NOT NULL GROUP BY u.list, u.code`;
  const uses = { supportType: new Map<string, number>(), specialistArea: new Map<string, number>(), pathTemplate: new Map<string, number>() };
  for (const row of rows) uses[row.list].set(row.code, row.uses);
  return uses;
}

/** How many rows use one entry (one statement). */
export async function countEntryUses(tx: TTx, tenantId: string, list: TCatalogueListName, code: string): Promise<number> {
  const parts = PLACES[list].map(({ table, column, array }) => {
    const holds = array ? Prisma.sql`${code} = ANY(${Prisma.raw(column)})` : Prisma.sql`${Prisma.raw(column)} = ${code}`;
    return Prisma.sql`SELECT count(*) AS n FROM ${Prisma.raw(table)} WHERE tenant_id = ${tenantId}::uuid AND ${holds}`;
  });
  const [row] = await tx.$queryRaw<{ uses: number }[]>`SELECT coalesce(sum(n), 0)::int AS uses FROM (${Prisma.join(parts, " UNION ALL ")}) u`;
  return row?.uses ?? 0;
}
