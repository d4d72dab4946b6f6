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

/**
 * Resolves once a session of this database waits for a lock (the statement under test blocked by a
 * transaction the test holds open), optionally only sessions of `role`. Throws when none does
 * within `timeoutMs`: a race test whose race never happened proves nothing, so it must not pass.
 */
export async function waitForLockWaiter({ role, timeoutMs = 5_000 }: { role?: string; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  do {
    const [row] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND ($1::text IS NULL OR usename = $1)`,
      [role ?? null],
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  } while (Date.now() < deadline);
  throw new Error(`no session${role ? ` of ${role}` : ""} waited for a lock within ${timeoutMs} ms`);
}

afterAll(async () => {
  const current = pool;
  pool = null;
  await current?.end();
});
