import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTION_COLUMN, globalTableRole } from "@/lib/system/distribution.mjs";
import { integrationDatabase } from "@/tests/setup/test-db";

/**
 * Citus readiness (issue 19, docs/decisions/018-distribution-by-tenant.md), read from the catalogue
 * of the migrated database: every table is either distributed by tenant_id or one of the few global
 * tables lib/system/distribution.mjs names, and nothing in the schema would stop
 * `create_distributed_table(…, 'tenant_id', colocate_with => 'client')`:
 *  - a tenant table's primary key, unique constraints and unique indexes all include tenant_id
 *    (a shard can enforce only what lies within it);
 *  - a foreign key between tenant tables pairs tenant_id with tenant_id (colocated, so checked
 *    within one shard);
 *  - foreign keys only point from tenant tables to reference tables, never from a global table to
 *    a tenant table or to a coordinator-local one.
 */

type TTable = { name: string; tenantColumn: { type: string; notNull: boolean } | null };
type TKey = { table: string; name: string; kind: string; columns: string[] };
type TForeignKey = { table: string; name: string; target: string; pairs: [string, string][] };

const SYSTEM_SCHEMAS = "('pg_catalog', 'information_schema', 'pg_toast')";

async function readCatalogue(db: pg.ClientBase) {
  const tables = (
    await db.query<{ name: string; type: string | null; not_null: boolean | null }>(
      `SELECT n.nspname || '.' || c.relname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = $1 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ${SYSTEM_SCHEMAS}
          AND n.nspname NOT LIKE 'pg_temp%'
        ORDER BY 1`,
      [DISTRIBUTION_COLUMN],
    )
  ).rows.map((r): TTable => ({ name: r.name, tenantColumn: r.type === null ? null : { type: r.type, notNull: Boolean(r.not_null) } }));

  // Unique indexes (primary keys and unique constraints are backed by one) and exclusion constraints.
  const keys = (
    await db.query<{ table: string; name: string; kind: string; columns: string[] }>(
      `SELECT n.nspname || '.' || c.relname AS table, ic.relname AS name,
              CASE WHEN i.indisprimary THEN 'primary key' WHEN i.indisexclusion THEN 'exclusion constraint' ELSE 'unique index' END AS kind,
              ARRAY(SELECT coalesce(a.attname::text, '(expression)') FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY k(num, pos)
                      LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.num ORDER BY k.pos) AS columns
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE (i.indisunique OR i.indisexclusion) AND n.nspname NOT IN ${SYSTEM_SCHEMAS}
        ORDER BY 1, 2`,
    )
  ).rows as TKey[];

  const foreignKeys = (
    await db.query<{ table: string; name: string; target: string; source_columns: string[]; target_columns: string[] }>(
      `SELECT sn.nspname || '.' || s.relname AS table, con.conname AS name, tn.nspname || '.' || t.relname AS target,
              ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos) AS source_columns,
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos) AS target_columns
         FROM pg_constraint con
         JOIN pg_class s ON s.oid = con.conrelid JOIN pg_namespace sn ON sn.oid = s.relnamespace
         JOIN pg_class t ON t.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
        WHERE con.contype = 'f' AND sn.nspname NOT IN ${SYSTEM_SCHEMAS}
        ORDER BY 1, 2`,
    )
  ).rows.map((r): TForeignKey => ({
    table: r.table,
    name: r.name,
    target: r.target,
    pairs: r.source_columns.map((column, i): [string, string] => [column, r.target_columns[i] ?? ""]),
  }));

  return { tables, keys, foreignKeys };
}

/** Every way the schema falls short of the plan, one sentence each; empty when it is ready. */
function distributionViolations({ tables, keys, foreignKeys }: Awaited<ReturnType<typeof readCatalogue>>): string[] {
  const violations: string[] = [];
  const roleOf = new Map<string, "tenant" | "reference" | "local">();
  for (const table of tables) {
    const global = globalTableRole(table.name);
    if (table.tenantColumn) {
      roleOf.set(table.name, "tenant");
      if (global) violations.push(`${table.name} has ${DISTRIBUTION_COLUMN} but is listed as a ${global} table`);
      if (table.tenantColumn.type !== "uuid" || !table.tenantColumn.notNull)
        violations.push(`${table.name}.${DISTRIBUTION_COLUMN} must be uuid NOT NULL to colocate, is ${table.tenantColumn.type}${table.tenantColumn.notNull ? "" : " NULL"}`);
    } else if (global) {
      roleOf.set(table.name, global);
    } else {
      violations.push(`${table.name} has no ${DISTRIBUTION_COLUMN} and is not a listed reference or local table`);
    }
  }

  for (const table of tables.filter((t) => roleOf.get(t.name) === "tenant")) {
    if (!keys.some((key) => key.table === table.name && key.kind === "primary key")) violations.push(`${table.name} has no primary key`);
  }
  for (const key of keys) {
    if (roleOf.get(key.table) === "tenant" && !key.columns.includes(DISTRIBUTION_COLUMN))
      violations.push(`${key.table}: ${key.kind} ${key.name} (${key.columns.join(", ")}) lacks ${DISTRIBUTION_COLUMN}`);
  }

  for (const fk of foreignKeys) {
    const from = roleOf.get(fk.table);
    const to = roleOf.get(fk.target);
    if (from === "tenant" && to === "tenant") {
      if (!fk.pairs.some(([source, target]) => source === DISTRIBUTION_COLUMN && target === DISTRIBUTION_COLUMN))
        violations.push(`${fk.table}: foreign key ${fk.name} to ${fk.target} does not pair ${DISTRIBUTION_COLUMN} with ${DISTRIBUTION_COLUMN}`);
    } else if (to === "tenant") {
      violations.push(`${fk.table}: foreign key ${fk.name} points from a ${from ?? "unlisted"} table to the tenant table ${fk.target}`);
    } else if (from === "tenant" && to !== "reference") {
      violations.push(`${fk.table}: foreign key ${fk.name} points from a tenant table to the ${to ?? "unlisted"} table ${fk.target}`);
    }
  }
  return violations;
}

let owner: pg.Client;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: integrationDatabase().ownerUrl });
  await owner.connect();
});

afterAll(async () => {
  await owner.end();
});

describe("distribution by tenant_id (Citus readiness)", () => {
  it("finds every table tenant-owned or a listed global table, with keys and foreign keys a shard can enforce", async () => {
    const catalogue = await readCatalogue(owner);
    const tenantTables = catalogue.tables.filter((t) => t.tenantColumn);
    // The catalogue was read: the migrated schema's tenant tables are all there.
    expect(tenantTables.length).toBeGreaterThanOrEqual(50);
    expect(tenantTables.map((t) => t.name)).toEqual(expect.arrayContaining(["public.client", "public.support_path", "public.service_record", "public.audit_log"]));
    expect(distributionViolations(catalogue)).toEqual([]);
  });

  it("keeps every listed global table small enough to replicate or keep on the coordinator: none grows with a tenant's casework", async () => {
    const catalogue = await readCatalogue(owner);
    const globals = catalogue.tables.filter((t) => !t.tenantColumn).map((t) => t.name);
    expect(globals.filter((name) => globalTableRole(name) === "reference")).toEqual(["public.tenant"]);
    // Reference tables are copied to every worker and written on all of them: one row per centre.
    for (const fk of catalogue.foreignKeys.filter((f) => f.target === "public.tenant")) {
      expect(fk.pairs, `${fk.table}.${fk.name}`).toEqual([[DISTRIBUTION_COLUMN, "id"]]);
    }
  });

  it("reports each kind of shortfall: a table with no tenant, a key or foreign key without it, a global table pointing at tenant data", async () => {
    await owner.query("BEGIN");
    try {
      await owner.query(`
        CREATE TABLE public.zz_global_notes (id uuid PRIMARY KEY, client_tenant uuid, client_id uuid);
        CREATE TABLE public.zz_tenant_notes (
          id uuid PRIMARY KEY,
          tenant_id uuid NOT NULL REFERENCES tenant(id),
          code text,
          client_id uuid,
          CONSTRAINT zz_tenant_notes_code_key UNIQUE (code));
        CREATE UNIQUE INDEX zz_tenant_notes_client ON public.zz_tenant_notes ((lower(code)), client_id);
        ALTER TABLE public.zz_tenant_notes ADD CONSTRAINT zz_tenant_notes_client_fkey FOREIGN KEY (client_id, tenant_id) REFERENCES client(id, tenant_id);
        ALTER TABLE public.zz_global_notes ADD CONSTRAINT zz_global_notes_client_fkey FOREIGN KEY (client_tenant, client_id) REFERENCES client(tenant_id, id);
      `);
      const violations = distributionViolations(await readCatalogue(owner));
      expect(violations).toEqual(
        expect.arrayContaining([
          "public.zz_global_notes has no tenant_id and is not a listed reference or local table",
          "public.zz_tenant_notes: primary key zz_tenant_notes_pkey (id) lacks tenant_id",
          "public.zz_tenant_notes: unique index zz_tenant_notes_code_key (code) lacks tenant_id",
          "public.zz_tenant_notes: unique index zz_tenant_notes_client ((expression), client_id) lacks tenant_id",
          "public.zz_global_notes: foreign key zz_global_notes_client_fkey points from a unlisted table to the tenant table public.client",
        ]),
      );
      expect(violations).toHaveLength(5);
    } finally {
      await owner.query("ROLLBACK");
    }
  });
});
