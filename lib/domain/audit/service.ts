import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { redactForAudit } from "./redact";

export type TAuditEntry = {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  return JSON.parse(JSON.stringify(redactForAudit(value))) as Prisma.InputJsonValue;
}

type TAuditActor = { tenantId: string; userId: string | null; requestId?: string | null };

/** The row an entry is written as: who (and in which request), what, and the redacted before/after. */
function auditRow(actor: TAuditActor, entry: TAuditEntry) {
  return {
    tenantId: actor.tenantId,
    actorId: actor.userId,
    requestId: actor.requestId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
}

/**
 * Appends one audit row inside the caller's transaction, so the record and the change it describes
 * land together or not at all. Secrets and PESEL numbers never reach the row in clear.
 */
export async function recordAudit(
  tx: TTx,
  actor: TAuditActor,
  entry: TAuditEntry,
): Promise<void> {
  await tx.auditLog.create({ data: auditRow(actor, entry) });
}

/**
 * Appends many audit rows (a bulk import's per-record entries) with the same redaction as
 * {@link recordAudit}, in one `INSERT … SELECT … FROM unnest(…)` per thousand: one array per column
 * costs the client far less than a `createMany` of a thousand rows.
 */
export async function recordAuditMany(tx: TTx, actor: TAuditActor, entries: readonly TAuditEntry[]): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(redactForAudit(value)));
  for (let start = 0; start < entries.length; start += 1000) {
    const batch = entries.slice(start, start + 1000);
    await tx.$executeRaw`
      INSERT INTO audit_log (id, tenant_id, actor_id, request_id, action, entity_type, entity_id, before, after)
      SELECT gen_random_uuid(), ${actor.tenantId}::uuid, ${actor.userId}::uuid, ${actor.requestId ?? null}, e.action, e.entity_type, e.entity_id, e.before::jsonb, e.after::jsonb
      FROM unnest(${batch.map((e) => e.action)}::text[], ${batch.map((e) => e.entityType)}::text[], ${batch.map((e) => e.entityId)}::text[],
                  ${batch.map((e) => json(e.before))}::text[], ${batch.map((e) => json(e.after))}::text[])
        AS e(action, entity_type, entity_id, before, after)`;
  }
}

export function auditActor(ctx: TContext) {
  return { tenantId: ctx.tenantId, userId: ctx.userId, requestId: ctx.requestId };
}
