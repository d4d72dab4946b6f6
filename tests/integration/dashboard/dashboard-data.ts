import { randomUUID } from "node:crypto";
import { ownerQuery } from "@/tests/factories";

/**
 * A service record inserted as the owner (setup, no audit trail), with any providers and clients,
 * type, duration and date, optionally deleted: the register's and the dashboard's raw material.
 */
export async function insertService(
  tenant: { id: string },
  record: { date: string; providerIds: string[]; clientIds: string[]; supportType?: string; minutes?: number; deleted?: boolean; topic?: string },
): Promise<{ id: string }> {
  const id = randomUUID();
  const [author] = record.providerIds;
  if (!author) throw new Error("a service needs a provider");
  await ownerQuery(
    `INSERT INTO service_record (id, tenant_id, date, duration_minutes, form, channel, support_type, topic, author_id, idempotency_key, updated_at)
     VALUES ($1, $2, $3::date, $4, CASE WHEN $7::int > 1 THEN 'GROUP' ELSE 'INDIVIDUAL' END::"WorkForm", 'IN_PERSON', $5::text, $8, $6, gen_random_uuid(), now())`,
    [id, tenant.id, record.date, record.minutes ?? 60, record.supportType ?? "ADVISORY", author, record.clientIds.length, record.topic ?? "Konsultacja"],
  );
  await ownerQuery(
    `INSERT INTO service_participation (id, tenant_id, service_id, client_id, date)
     SELECT gen_random_uuid(), $1, $2, c, $3::date FROM unnest($4::uuid[]) AS c`,
    [tenant.id, id, record.date, record.clientIds],
  );
  await ownerQuery(
    `INSERT INTO service_provider (id, tenant_id, service_id, user_id, date)
     SELECT gen_random_uuid(), $1, $2, u, $3::date FROM unnest($4::uuid[]) AS u`,
    [tenant.id, id, record.date, record.providerIds],
  );
  if (record.deleted) {
    await ownerQuery(`UPDATE service_record SET deleted_at = now(), deleted_by_id = author_id, delete_reason = 'Pomyłka' WHERE id = $1`, [id]);
  }
  return { id };
}

/** Moves a path's opening back `days` days (no monitoring yet): overdue once past the tenant's policy. */
export async function openedDaysAgo(pathId: string, days: number): Promise<void> {
  await ownerQuery(`UPDATE support_path SET opened_at = now() - make_interval(days => $2) WHERE id = $1`, [pathId, days]);
}

/** Moves a plan decision back `days` days. */
export async function decidedDaysAgo(versionId: string, days: number): Promise<void> {
  await ownerQuery(`UPDATE path_plan_version SET decided_at = now() - make_interval(days => $2) WHERE id = $1`, [versionId, days]);
}

/** An audit row written by the owner `daysAgo` days ago (the trail refuses UPDATE, so the time is set on insert). */
export async function insertAuditEntry(tenant: { id: string }, entry: { entityType: string; action: string; daysAgo?: number }): Promise<void> {
  await ownerQuery(
    `INSERT INTO audit_log (id, tenant_id, action, entity_type, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(days => $5))`,
    [randomUUID(), tenant.id, entry.action, entry.entityType, entry.daysAgo ?? 0],
  );
}
