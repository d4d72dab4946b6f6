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

const TENANT_TABLES = [
  "partner",
  "office",
  "user",
  "audit_log",
  "client",
  "client_person",
  "client_assignment",
  "service_record",
  "service_participation",
  "service_provider",
] as const;

/**
 * Every row a tenant owns, as the owner sees it (timestamps included, so a write that changes
 * nothing visible still shows as a changed `updated_at`).
 */
export async function tenantSnapshot(tenantId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {
    tenant: await ownerQuery(`SELECT * FROM tenant WHERE id = $1`, [tenantId]),
  };
  for (const table of TENANT_TABLES) {
    snapshot[table] = await ownerQuery(`SELECT * FROM "${table}" WHERE tenant_id = $1 ORDER BY id`, [tenantId]);
  }
  return snapshot;
}
