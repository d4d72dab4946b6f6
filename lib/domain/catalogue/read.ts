import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TCatalogue, TCatalogueOption, TSupportTypeOption } from "./names";

export type { TCatalogue, TCatalogueOption, TPathTemplateOption, TSupportTypeOption } from "./names";

/*
 * Reading the tenant's support catalogue (support types, specialist areas, path templates) inside
 * the caller's tenant transaction, one statement each. Every read filters by the tenant although
 * row-level security would too: the embedded demo database runs as a superuser that bypasses RLS.
 */

const ORDER = [{ position: "asc" as const }, { code: "asc" as const }];

/** Support types a NEW record may use (not retired), in the tenant's order: one statement. */
export async function loadActiveSupportTypes(tx: TTx, tenantId: string): Promise<TSupportTypeOption[]> {
  const rows = await tx.supportTypeEntry.findMany({
    where: { tenantId, retiredAt: null },
    select: { code: true, name: true, nameEn: true, requiresSpecialistArea: true },
    orderBy: ORDER,
  });
  return rows.map((r) => ({ ...r, retired: false }));
}

/**
 * The whole catalogue as one JSON value (a scalar subquery): every entry of the three lists,
 * retired ones included (old records still name them), each list in the tenant's order. A page
 * that already runs a one-row statement embeds it as a column there instead of spending a
 * statement of its own; {@link toCatalogue} reads the value.
 */
export function catalogueJsonSql(tenantId: string): Prisma.Sql {
  const t = Prisma.sql`${tenantId}::uuid`;
  return Prisma.sql`(SELECT json_build_object(
      'supportTypes', coalesce((SELECT json_agg(json_build_object('code', e.code, 'name', e.name, 'nameEn', e.name_en,
          'retired', e.retired_at IS NOT NULL, 'requiresSpecialistArea', e.requires_specialist_area) ORDER BY e.position, e.code)
        FROM support_type e WHERE e.tenant_id = ${t}), '[]'::json),
      'specialistAreas', coalesce((SELECT json_agg(json_build_object('code', e.code, 'name', e.name, 'nameEn', e.name_en,
          'retired', e.retired_at IS NOT NULL) ORDER BY e.position, e.code)
        FROM specialist_area e WHERE e.tenant_id = ${t}), '[]'::json),
      'pathTemplates', coalesce((SELECT json_agg(json_build_object('code', e.code, 'name', e.name, 'nameEn', e.name_en,
          'retired', e.retired_at IS NOT NULL, 'obligatorySupportTypes', coalesce(e.obligatory_support_types, '{}'::text[])) ORDER BY e.position, e.code)
        FROM path_template e WHERE e.tenant_id = ${t}), '[]'::json)))`;
}

/** The value of {@link catalogueJsonSql} (the driver parses JSON; a missing value is an empty catalogue). */
export function toCatalogue(value: unknown): TCatalogue {
  const lists = (value ?? {}) as Partial<TCatalogue>;
  return { supportTypes: lists.supportTypes ?? [], specialistAreas: lists.specialistAreas ?? [], pathTemplates: lists.pathTemplates ?? [] };
}

/** The whole catalogue (forms and labels), in one statement. */
export async function loadCatalogue(tx: TTx, tenantId: string): Promise<TCatalogue> {
  const [row] = await tx.$queryRaw<{ catalogue: unknown }[]>`SELECT ${catalogueJsonSql(tenantId)} AS catalogue`;
  return toCatalogue(row?.catalogue);
}

/** The entries a new record may use, with `kept` (the values the record already has) still offered. */
export function offered<T extends TCatalogueOption>(entries: readonly T[], kept: readonly (string | null | undefined)[] = []): T[] {
  return entries.filter((e) => !e.retired || kept.includes(e.code));
}
