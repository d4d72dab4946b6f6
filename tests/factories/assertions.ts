import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import { ownerQuery } from "./db";

/** The AppError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected an AppError, but the call resolved with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

/** Every table holding tenant rows, read from the catalogue: a new table is covered without a list to update. */
let tenantTables: Promise<string[]> | null = null;
function listTenantTables(): Promise<string[]> {
  tenantTables ??= ownerQuery<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' ORDER BY c.table_name`,
  ).then((rows) => rows.map((row) => row.table_name));
  return tenantTables;
}

/**
 * Every row a tenant owns, as the owner sees it (timestamps included, so a write that changes
 * nothing visible still shows as a changed `updated_at`).
 */
export async function tenantSnapshot(tenantId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {
    tenant: await ownerQuery(`SELECT * FROM tenant WHERE id = $1`, [tenantId]),
  };
  for (const table of await listTenantTables()) {
    // By the whole row: not every tenant table has an id (service_day_total is keyed by day and type).
    snapshot[table] = await ownerQuery(`SELECT * FROM "${table}" t WHERE tenant_id = $1 ORDER BY t::text`, [tenantId]);
  }
  return snapshot;
}
