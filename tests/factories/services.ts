import { randomUUID } from "node:crypto";
import type { TServiceInput } from "@/lib/domain/services/schemas";
import { ownerQuery } from "./db";

/** A calendar date `days` before today in Poland, as the form sends it. */
export function polishDaysAgo(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** A 60-minute individual advisory consultation today, as the quick-entry form sends it, with a fresh idempotency key. */
export function serviceInput(clientIds: string[], overrides: Partial<TServiceInput> = {}): TServiceInput & { idempotencyKey: string } {
  return {
    idempotencyKey: randomUUID(),
    date: polishDaysAgo(0),
    startTime: "10:00",
    durationMinutes: 60,
    form: clientIds.length > 1 ? "GROUP" : "INDIVIDUAL",
    channel: "IN_PERSON",
    supportType: "ADVISORY",
    topic: "Biznesplan spółdzielni socjalnej",
    clientIds,
    ...overrides,
  };
}

/** A service record as the owner sees it, with its clients and providers. */
export async function serviceRow(serviceId: string) {
  const [row] = await ownerQuery<{
    id: string;
    duration_minutes: number;
    support_type: string;
    deleted_at: Date | null;
    delete_reason: string | null;
    client_ids: string[];
    provider_ids: string[];
  }>(
    `SELECT r.id, r.duration_minutes, r.support_type, r.deleted_at, r.delete_reason,
            ARRAY(SELECT client_id::text FROM service_participation p WHERE p.service_id = r.id ORDER BY client_id) AS client_ids,
            ARRAY(SELECT user_id::text FROM service_provider p WHERE p.service_id = r.id ORDER BY user_id) AS provider_ids
     FROM service_record r WHERE r.id = $1`,
    [serviceId],
  );
  return row ?? null;
}

/** Moves a record's creation time back, as if it had been logged `days` ago. */
export async function backdateCreation(serviceId: string, days: number): Promise<void> {
  await ownerQuery(`UPDATE service_record SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [serviceId, days]);
}

/**
 * One live service record for `clientId`, delivered and logged by `userId`, inserted as the owner
 * (setup, not the service under test: the tenant's audit trail stays empty).
 */
export async function insertServiceRecord(
  tenant: { id: string },
  { clientId, userId, pathId = null, date = polishDaysAgo(0) }: { clientId: string; userId: string; pathId?: string | null; date?: string },
): Promise<{ id: string }> {
  const id = randomUUID();
  await ownerQuery(
    `WITH record AS (
       INSERT INTO service_record (id, tenant_id, date, duration_minutes, form, channel, support_type, topic, author_id, idempotency_key, updated_at)
       VALUES ($1, $2, $5::date, 60, 'INDIVIDUAL', 'IN_PERSON', 'ADVISORY', 'Konsultacja', $4, gen_random_uuid(), now())),
     participation AS (
       INSERT INTO service_participation (id, tenant_id, service_id, client_id, path_id, date) VALUES (gen_random_uuid(), $2, $1, $3, $6, $5::date))
     INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) VALUES (gen_random_uuid(), $2, $1, $4, $5::date)`,
    [id, tenant.id, clientId, userId, date, pathId],
  );
  return { id };
}
