import "server-only";
import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import { dateOnly, isoDate } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditActor, recordAudit, recordAuditMany } from "@/lib/domain/audit/service";
import { RECORD_FIELDS } from "./select";

/**
 * The one writer of service records, their participations and providers, and of their audit
 * ("service.create" / "service.update" / "service.delete"). The service log (write.ts) calls it
 * after its own checks (services.log scope, edit window, plan actions); attendance at an event
 * session (lib/domain/events/attendance.ts) calls it after its own (events.attendance on the
 * event). Nothing here authorises: callers run it inside their transaction, having decided.
 */

type TRecordColumns = Prisma.ServiceRecordCreateManyInput;

/** A record's content as written: what a user typed or chose, or what attendance derived from the session. */
export type TRecordWrite = {
  /** The calendar day, YYYY-MM-DD. */
  date: string;
  startTime: string | null;
  durationMinutes: number;
  form: TRecordColumns["form"];
  channel: TRecordColumns["channel"];
  supportType: TRecordColumns["supportType"];
  specialistArea: Exclude<TRecordColumns["specialistArea"], undefined>;
  topic: string | null;
  notes: string | null;
  nextSteps: string | null;
  officeId: string | null;
  /** One per client, with the path it was logged against and the plan action it implements. */
  participations: { clientId: string; pathId: string | null; planActionId: string | null }[];
  /** The delivering users. */
  providerIds: string[];
  /** Client id → the plan action chosen for them, as the form sent it (the audit keeps it). */
  planActionIds: Record<string, string>;
};

/** A record as the audit trail keeps it (the "before" of an edit or a deletion). */
export type TRecordState = Record<string, unknown>;

/** Client id → what a record's participation already held. */
export type TPreviousLinks = Map<string, { pathId: string | null; planActionId: string | null }>;

function recordData(write: TRecordWrite) {
  return {
    date: dateOnly(write.date),
    startTime: write.startTime,
    durationMinutes: write.durationMinutes,
    form: write.form,
    channel: write.channel,
    supportType: write.supportType,
    specialistArea: write.specialistArea,
    topic: write.topic,
    notes: write.notes,
    nextSteps: write.nextSteps,
    officeId: write.officeId,
  };
}

/** What the audit trail keeps of a record: every field a user typed or chose. */
export function recordState(write: TRecordWrite): TRecordState {
  return {
    ...recordData(write),
    date: write.date,
    clientIds: write.participations.map((p) => p.clientId),
    providerIds: write.providerIds,
    planActionIds: write.planActionIds,
  };
}

async function writeLinks(tx: TTx, ctx: TContext, serviceId: string, write: TRecordWrite) {
  const date = dateOnly(write.date);
  await tx.serviceParticipation.createMany({
    data: write.participations.map((p) => ({ ...p, tenantId: ctx.tenantId, serviceId, date })),
  });
  await tx.serviceProvider.createMany({
    data: write.providerIds.map((userId) => ({ tenantId: ctx.tenantId, serviceId, userId, date })),
  });
}

/** Creates a record logged by the caller, with its participations and providers; audited as "service.create". */
export async function createServiceRecord(tx: TTx, ctx: TContext, write: TRecordWrite, idempotencyKey: string): Promise<{ id: string }> {
  const record = await tx.serviceRecord.create({
    data: { ...recordData(write), tenantId: ctx.tenantId, authorId: ctx.userId, idempotencyKey },
    select: { id: true },
  });
  await writeLinks(tx, ctx, record.id, write);
  await recordAudit(tx, auditActor(ctx), { action: "service.create", entityType: "ServiceRecord", entityId: record.id, after: recordState(write) });
  return record;
}

/**
 * Creates many records logged by the caller at once (a spreadsheet import), each audited as
 * "service.create" like {@link createServiceRecord}, with `auditExtra` (the import's id) in its
 * entry. One `INSERT … SELECT … FROM unnest(…)` per table, one array per column: building a
 * `createMany` of a thousand rows parameter by parameter cost five times the database's own time
 * and most of the import's memory (docs/benchmarks.md, spreadsheet import). The rollup triggers
 * run as for any insert.
 */
export async function createServiceRecords(
  tx: TTx,
  ctx: TContext,
  records: readonly { write: TRecordWrite; idempotencyKey: string }[],
  auditExtra: Record<string, unknown>,
): Promise<void> {
  if (records.length === 0) return;
  const withIds = records.map((record) => ({ ...record, id: randomUUID() }));
  const column = <T>(pick: (record: (typeof withIds)[number]) => T) => withIds.map(pick);
  await tx.$executeRaw`
    INSERT INTO service_record (id, tenant_id, date, start_time, duration_minutes, form, channel, support_type, specialist_area, topic, notes, next_steps,
                                office_id, author_id, idempotency_key, updated_at)
    SELECT r.id, ${ctx.tenantId}::uuid, r.date, r.start_time, r.duration, r.form::"WorkForm", r.channel::"ServiceChannel", r.support_type, r.specialist_area,
           r.topic, r.notes, r.next_steps, r.office_id, ${ctx.userId}::uuid, r.idempotency_key, now()
    FROM unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.write.date)}::date[], ${column((r) => r.write.startTime)}::text[],
                ${column((r) => r.write.durationMinutes)}::int[], ${column((r) => r.write.form)}::text[], ${column((r) => r.write.channel)}::text[],
                ${column((r) => r.write.supportType)}::text[], ${column((r) => r.write.specialistArea)}::text[], ${column((r) => r.write.topic)}::text[],
                ${column((r) => r.write.notes)}::text[], ${column((r) => r.write.nextSteps)}::text[], ${column((r) => r.write.officeId)}::uuid[],
                ${column((r) => r.idempotencyKey)}::uuid[])
      AS r(id, date, start_time, duration, form, channel, support_type, specialist_area, topic, notes, next_steps, office_id, idempotency_key)`;
  const participations = withIds.flatMap(({ id, write }) => write.participations.map((p) => ({ serviceId: id, date: write.date, ...p })));
  await tx.$executeRaw`
    INSERT INTO service_participation (id, tenant_id, service_id, client_id, path_id, plan_action_id, date)
    SELECT gen_random_uuid(), ${ctx.tenantId}::uuid, p.service_id, p.client_id, p.path_id, p.plan_action_id, p.date
    FROM unnest(${participations.map((p) => p.serviceId)}::uuid[], ${participations.map((p) => p.clientId)}::uuid[], ${participations.map((p) => p.pathId)}::uuid[],
                ${participations.map((p) => p.planActionId)}::uuid[], ${participations.map((p) => p.date)}::date[])
      AS p(service_id, client_id, path_id, plan_action_id, date)`;
  const providers = withIds.flatMap(({ id, write }) => write.providerIds.map((userId) => ({ serviceId: id, userId, date: write.date })));
  await tx.$executeRaw`
    INSERT INTO service_provider (id, tenant_id, service_id, user_id, date)
    SELECT gen_random_uuid(), ${ctx.tenantId}::uuid, p.service_id, p.user_id, p.date
    FROM unnest(${providers.map((p) => p.serviceId)}::uuid[], ${providers.map((p) => p.userId)}::uuid[], ${providers.map((p) => p.date)}::date[])
      AS p(service_id, user_id, date)`;
  await recordAuditMany(
    tx,
    auditActor(ctx),
    withIds.map(({ id, write }) => ({ action: "service.create", entityType: "ServiceRecord", entityId: id, after: { ...recordState(write), ...auditExtra } })),
  );
}

/**
 * Locks a live record (`FOR UPDATE`) and reads it as the audit keeps it; null when it is missing
 * or deleted. `previous` holds each participation's path and plan action, which an edit may keep.
 */
export async function lockServiceRecord(tx: TTx, ctx: TContext, serviceId: string) {
  await tx.$queryRaw`SELECT id FROM service_record WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${serviceId}::uuid FOR UPDATE`;
  const record = await tx.serviceRecord.findFirst({
    where: { tenantId: ctx.tenantId, id: serviceId, deletedAt: null },
    select: {
      id: true,
      authorId: true,
      createdAt: true,
      ...RECORD_FIELDS,
      officeId: true,
      participations: { select: { clientId: true, pathId: true, planActionId: true } },
      providers: { select: { userId: true } },
      eventSession: { select: { eventId: true } },
    },
  });
  if (!record) return null;
  const { id, authorId, createdAt, participations, providers, eventSession, ...fields } = record;
  const state: TRecordState = {
    ...fields,
    date: isoDate(record.date),
    clientIds: participations.map((p) => p.clientId),
    providerIds: providers.map((p) => p.userId),
    planActionIds: Object.fromEntries(participations.filter((p) => p.planActionId).map((p) => [p.clientId, p.planActionId])),
  };
  const previous: TPreviousLinks = new Map(participations.map((p) => [p.clientId, { pathId: p.pathId, planActionId: p.planActionId }]));
  return { id, authorId, createdAt, state, previous, eventId: eventSession?.eventId ?? null };
}

/** Rewrites a live record locked by {@link lockServiceRecord}, replacing its links; audited as "service.update" (before → after). */
export async function updateServiceRecord(tx: TTx, ctx: TContext, serviceId: string, write: TRecordWrite, before: TRecordState): Promise<void> {
  await tx.serviceRecord.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: serviceId }, deletedAt: null },
    data: recordData(write),
    select: { id: true },
  });
  await tx.serviceParticipation.deleteMany({ where: { tenantId: ctx.tenantId, serviceId } });
  await tx.serviceProvider.deleteMany({ where: { tenantId: ctx.tenantId, serviceId } });
  await writeLinks(tx, ctx, serviceId, write);
  await recordAudit(tx, auditActor(ctx), { action: "service.update", entityType: "ServiceRecord", entityId: serviceId, before, after: recordState(write) });
}

/**
 * Deletes a live record locked by {@link lockServiceRecord} by leaving a tombstone (who, when,
 * why): it drops out of every view and total. Audited as "service.delete".
 */
export async function deleteServiceRecord(tx: TTx, ctx: TContext, serviceId: string, before: TRecordState, reason: string): Promise<void> {
  await tx.serviceRecord.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: serviceId }, deletedAt: null },
    data: { deletedAt: new Date(), deletedById: ctx.userId, deleteReason: reason },
    select: { id: true },
  });
  await recordAudit(tx, auditActor(ctx), { action: "service.delete", entityType: "ServiceRecord", entityId: serviceId, before, after: { reason } });
}
