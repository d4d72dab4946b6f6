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
 * Appends many audit rows in one statement per thousand (a bulk import's per-record entries), with
 * the same redaction as {@link recordAudit}.
 */
export async function recordAuditMany(
  tx: TTx,
  actor: TAuditActor,
  entries: readonly TAuditEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += 1000) {
    await tx.auditLog.createMany({
      data: entries.slice(start, start + 1000).map((entry) => auditRow(actor, entry)),
    });
  }
}

export function auditActor(ctx: TContext) {
  return { tenantId: ctx.tenantId, userId: ctx.userId, requestId: ctx.requestId };
}
