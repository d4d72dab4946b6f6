import pg from "pg";
import { afterAll } from "vitest";

/**
 * The database owner (a superuser, so row-level security does not apply): factories insert and
 * tests inspect through it, never through the services under test.
 */
let pool: pg.Pool | null = null;

export function ownerPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: factories run in the integration project only");
  pool ??= new pg.Pool({ connectionString, max: 2, allowExitOnIdle: true });
  return pool;
}

export async function ownerQuery<R extends pg.QueryResultRow = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return (await ownerPool().query<R>(sql, params)).rows;
}

/** One audit row as stored (the owner reads every tenant's rows). */
export type TAuditRow = {
  id: string;
  tenant_id: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
};

export function auditRows(tenantId: string): Promise<TAuditRow[]> {
  return ownerQuery<TAuditRow>(`SELECT * FROM audit_log WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
}

export async function countRows(table: string, tenantId?: string): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}"${tenantId ? " WHERE tenant_id = $1" : ""}`,
    tenantId ? [tenantId] : [],
  );
  return row?.n ?? 0;
}

afterAll(async () => {
  const current = pool;
  pool = null;
  await current?.end();
});
