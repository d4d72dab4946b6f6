import "server-only";
import { randomUUID } from "node:crypto";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { dateOnly, isoDate } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { DELIVERING_ROLES } from "@/lib/domain/services/policy";
import { assertId, parseInput } from "@/lib/validation";
import { ZCancelEventInput, ZEventInput, type TCancelEventInput, type TEventInput, type TParsedEventInput } from "./schemas";
import { resyncSessionRecords } from "./attendance";
import { fillFreeSeats } from "./registration";
import { eventLimitYear } from "./sessions";

/**
 * Creating, editing and cancelling events (trainings, workshops, animation meetings, duty hours,
 * study visits, network meetings) — events.manage: a manager and an animator any event of the
 * centre; a coordinator the events of their own partner and those run by no partner. A
 * coordinator's event is always their partner's: the form fixes the partner, and the service
 * refuses another one (a field error) and fills it in when none is given.
 */

/** Whether the caller's role may change this event (its permission aside): the coordinator's partner rule above. */
export function mayManageEvent(ctx: TContext, event: { partnerId: string | null }): boolean {
  if (ctx.role !== "COORDINATOR") return true;
  return event.partnerId === null || event.partnerId === ctx.partnerId;
}

/** What the event's edit already holds, which a new event may not have: its retired support type, its inactive trainers. */
type TKept = { supportType: string; trainerUserIds: Set<string> };

type TResolved = { input: TParsedEventInput; partnerId: string | null; limitYear: number | null };

const fieldError = (path: string, key: string) => new AppError("VALIDATION_FAILED", { fieldErrors: { [path]: key } });

/**
 * Checks an event's references inside the caller's transaction: the support type is an active
 * entry of the tenant's catalogue (an edit may keep the retired one the event has), office and
 * partner are the tenant's, staff trainers are active users who deliver support (an edit may keep
 * those it has). Anything else is a field error next to its field; a foreign id reads as a missing one.
 */
async function resolveEvent(tx: TTx, ctx: TContext, input: TParsedEventInput, kept: TKept | null): Promise<TResolved> {
  const tenantId = ctx.tenantId;
  const fieldErrors: Record<string, string> = {};

  const entry = await tx.supportTypeEntry.findFirst({ where: { tenantId, code: input.supportType }, select: { retiredAt: true, requiresSpecialistArea: true } });
  if (!entry) fieldErrors.supportType = "eventForm.unknownSupportType";
  else if (entry.retiredAt && kept?.supportType !== input.supportType) fieldErrors.supportType = "eventForm.supportTypeRetired";
  // A session's attendance becomes a service record, and a record of such a type must name a
  // specialist area, which an event has none of.
  else if (entry.requiresSpecialistArea) fieldErrors.supportType = "eventForm.specialistAreaType";

  if (input.officeId && !(await tx.office.count({ where: { tenantId, id: input.officeId } }))) fieldErrors.officeId = "unknownOffice";

  let partnerId = input.partnerId;
  if (ctx.role === "COORDINATOR") {
    if (partnerId && partnerId !== ctx.partnerId) fieldErrors.partnerId = "eventForm.partnerNotOwn";
    partnerId = ctx.partnerId;
  } else if (partnerId && !(await tx.partner.count({ where: { tenantId, id: partnerId } }))) {
    fieldErrors.partnerId = "unknownPartner";
  }

  const userIds = input.trainers.flatMap((t) => (t.userId ? [t.userId] : []));
  if (userIds.length > 0) {
    const users = await tx.user.findMany({ where: { tenantId, id: { in: userIds } }, select: { id: true, active: true, role: true } });
    input.trainers.forEach((trainer, index) => {
      if (!trainer.userId) return;
      const user = users.find((u) => u.id === trainer.userId);
      if (!user) fieldErrors[`trainers.${index}.userId`] = "unknownUser";
      else if (!kept?.trainerUserIds.has(user.id) && (!user.active || !(DELIVERING_ROLES as readonly string[]).includes(user.role))) {
        fieldErrors[`trainers.${index}.userId`] = "eventForm.notATrainer";
      }
    });
  }

  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors });
  return { input, partnerId, limitYear: eventLimitYear(input.countsTowardLimit, input.sessions.map((s) => s.date)) };
}

function eventData({ input, partnerId, limitYear }: TResolved) {
  return {
    title: input.title,
    kind: input.kind,
    supportType: input.supportType,
    description: input.description,
    capacity: input.capacity,
    registrationDeadline: input.registrationDeadline ? dateOnly(input.registrationDeadline) : null,
    officeId: input.officeId,
    partnerId,
    countsTowardLimit: input.countsTowardLimit,
    limitYear,
  };
}

type TSessionState = { id: string; date: string; startTime: string | null; endTime: string | null; durationMinutes: number; place: string | null; onlineUrl: string | null };
type TTrainerState = { userId: string | null; externalName: string | null };

/** Trainers have no order of their own: compared and audited in one canonical order. */
const sortTrainers = (trainers: TTrainerState[]) =>
  [...trainers].sort((a, b) => `${a.userId ?? ""}|${a.externalName ?? ""}`.localeCompare(`${b.userId ?? ""}|${b.externalName ?? ""}`));

function sessionData(session: TSessionState) {
  const { id: _id, date, ...rest } = session;
  return { ...rest, date: dateOnly(date) };
}

/** What the audit trail keeps of an event: every field the form sets, sessions and trainers included. */
function auditState(resolved: TResolved, sessions: TSessionState[], trainers: TTrainerState[]) {
  const data = eventData(resolved);
  return { ...data, registrationDeadline: resolved.input.registrationDeadline, sessions, trainers };
}

async function writeTrainers(tx: TTx, ctx: TContext, eventId: string, trainers: TTrainerState[]) {
  if (trainers.length === 0) return;
  await tx.eventTrainer.createMany({ data: trainers.map((t) => ({ ...t, tenantId: ctx.tenantId, eventId })) });
}

/** Creates an event with its sessions and trainers; audited as event.create. */
export async function createEvent(ctx: TContext, rawInput: TEventInput): Promise<{ id: string }> {
  await assertCan(ctx, "events.manage");
  const input = parseInput(ZEventInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const resolved = await resolveEvent(tx, ctx, input, null);
    const event = await tx.event.create({ data: { ...eventData(resolved), tenantId: ctx.tenantId, createdById: ctx.userId }, select: { id: true } });
    const sessions: TSessionState[] = input.sessions.map(({ id: _id, ...s }) => ({ ...s, id: randomUUID() }));
    await tx.eventSession.createMany({ data: sessions.map((s) => ({ ...sessionData(s), id: s.id, tenantId: ctx.tenantId, eventId: event.id })) });
    const trainers = sortTrainers(input.trainers.map((t) => ({ userId: t.userId, externalName: t.externalName })));
    await writeTrainers(tx, ctx, event.id, trainers);
    await recordAudit(tx, auditActor(ctx), { action: "event.create", entityType: "Event", entityId: event.id, after: auditState(resolved, sessions, trainers) });
    return { id: event.id };
  });
}

const LOCKED_EVENT_SELECT = {
  id: true,
  title: true,
  kind: true,
  supportType: true,
  description: true,
  status: true,
  capacity: true,
  registrationDeadline: true,
  officeId: true,
  partnerId: true,
  countsTowardLimit: true,
  limitYear: true,
  sessions: {
    select: { id: true, date: true, startTime: true, endTime: true, durationMinutes: true, place: true, onlineUrl: true, serviceId: true, _count: { select: { attendance: true } } },
    orderBy: [{ date: "asc" }, { startTime: { sort: "asc", nulls: "last" } }],
  },
  trainers: { select: { userId: true, externalName: true } },
} satisfies Prisma.EventSelect;

/**
 * Locks an event row for a change (the lock registrations take first too, so a registration never
 * reads the event half-changed) and checks the caller may change it. Another tenant's or a
 * missing event is NOT_FOUND; a coordinator on another partner's event is refused (audited).
 */
async function lockEventForChange(tx: TTx, ctx: TContext, eventId: string) {
  await tx.$queryRaw`SELECT id FROM event WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${eventId}::uuid FOR UPDATE`;
  const event = await tx.event.findFirst({ where: { tenantId: ctx.tenantId, id: eventId }, select: LOCKED_EVENT_SELECT });
  if (!event) throw notFound("Event");
  if (!mayManageEvent(ctx, event)) throw new ScopeRefusal("events.manage", { eventId });
  const sessions: TSessionState[] = event.sessions.map((s) => ({
    id: s.id,
    date: isoDate(s.date),
    startTime: s.startTime,
    endTime: s.endTime,
    durationMinutes: s.durationMinutes,
    place: s.place,
    onlineUrl: s.onlineUrl,
  }));
  const before = {
    title: event.title,
    kind: event.kind,
    supportType: event.supportType,
    description: event.description,
    capacity: event.capacity,
    registrationDeadline: event.registrationDeadline ? isoDate(event.registrationDeadline) : null,
    officeId: event.officeId,
    partnerId: event.partnerId,
    countsTowardLimit: event.countsTowardLimit,
    limitYear: event.limitYear,
    sessions,
    trainers: sortTrainers(event.trainers),
  };
  return { event, before };
}

const sameSession = (a: TSessionState, b: TSessionState) => JSON.stringify(sessionData(a)) === JSON.stringify(sessionData(b));

/**
 * Edits an event: its fields, sessions (matched by id; a new one has none; one left out is
 * removed — unless its attendance has been taken, which keeps it in the service history) and
 * trainers. When the project year it counts in changes (its counting, or its first session's
 * year), its live registrations move with it in the same transaction; seats added to a full
 * event go to the waiting list in its order. A cancelled event is not edited. Audited as event.update with before and after.
 */
export async function updateEvent(ctx: TContext, eventId: string, rawInput: TEventInput): Promise<{ id: string }> {
  await assertCan(ctx, "events.manage");
  assertId(eventId, "Event");
  const input = parseInput(ZEventInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const { event, before } = await lockEventForChange(tx, ctx, eventId);
      if (event.status === "CANCELLED") throw fieldError("_form", "eventForm.cancelled");

      const existing = new Map(event.sessions.map((s) => [s.id, s]));
      for (const session of input.sessions) if (session.id && !existing.has(session.id)) throw notFound("EventSession");
      const keptIds = new Set(input.sessions.flatMap((s) => (s.id ? [s.id] : [])));
      const removed = event.sessions.filter((s) => !keptIds.has(s.id));
      if (removed.some((s) => s.serviceId !== null || s._count.attendance > 0)) throw fieldError("sessions", "eventForm.sessionHasAttendance");

      const kept: TKept = { supportType: event.supportType, trainerUserIds: new Set(event.trainers.flatMap((t) => (t.userId ? [t.userId] : []))) };
      const resolved = await resolveEvent(tx, ctx, input, kept);
      await tx.event.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: eventId } }, data: eventData(resolved), select: { id: true } });

      const sessions: TSessionState[] = input.sessions.map(({ id, ...s }) => ({ ...s, id: id ?? randomUUID() }));
      if (removed.length > 0) await tx.eventSession.deleteMany({ where: { tenantId: ctx.tenantId, eventId, id: { in: removed.map((s) => s.id) } } });
      const previous = new Map(before.sessions.map((s) => [s.id, s]));
      for (const session of sessions) {
        const old = previous.get(session.id);
        if (old && !sameSession(old, session)) {
          await tx.eventSession.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: session.id }, eventId }, data: sessionData(session), select: { id: true } });
        }
      }
      const added = sessions.filter((s) => !previous.has(s.id));
      if (added.length > 0) {
        await tx.eventSession.createMany({ data: added.map((s) => ({ ...sessionData(s), id: s.id, tenantId: ctx.tenantId, eventId })) });
      }

      const trainers = sortTrainers(input.trainers.map((t) => ({ userId: t.userId, externalName: t.externalName })));
      if (JSON.stringify(trainers) !== JSON.stringify(before.trainers)) {
        await tx.eventTrainer.deleteMany({ where: { tenantId: ctx.tenantId, eventId } });
        await writeTrainers(tx, ctx, eventId, trainers);
      }

      // Sessions whose attendance was taken are records of the service log: their date, times,
      // type, office and trainers follow the edit.
      await resyncSessionRecords(
        tx,
        ctx,
        event.sessions.filter((s) => s.serviceId !== null && keptIds.has(s.id)).map((s) => s.id),
      );

      // More seats (or no limit any more) go to the waiting list at once, in its order.
      const capacity = resolved.input.capacity;
      if (capacity === null ? event.capacity !== null : event.capacity !== null && capacity > event.capacity) {
        await fillFreeSeats(tx, ctx, { id: eventId, status: event.status, capacity });
      }

      // Registrations copy the year they count in (lib/domain/events/limit.ts): they follow the event.
      if (resolved.limitYear !== event.limitYear) {
        await tx.$executeRaw`
          UPDATE event_registration SET limit_year = ${resolved.limitYear}::int
          WHERE tenant_id = ${ctx.tenantId}::uuid AND event_id = ${eventId}::uuid AND status <> 'CANCELLED'`;
      }

      await recordAudit(tx, auditActor(ctx), {
        action: "event.update",
        entityType: "Event",
        entityId: eventId,
        before,
        after: auditState(resolved, sessions, trainers),
      });
      return { id: eventId };
    }),
  );
}

/**
 * Cancels an event: it stays on record, shown as cancelled, and takes no more registrations
 * (lib/domain/events/registration.ts checks). Cancelling a cancelled event changes nothing.
 * Audited as event.cancel with the reason.
 */
export async function cancelEvent(ctx: TContext, eventId: string, rawInput: TCancelEventInput): Promise<{ id: string }> {
  await assertCan(ctx, "events.manage");
  assertId(eventId, "Event");
  const input = parseInput(ZCancelEventInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      await tx.$queryRaw`SELECT id FROM event WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${eventId}::uuid FOR UPDATE`;
      const event = await tx.event.findFirst({ where: { tenantId: ctx.tenantId, id: eventId }, select: { status: true, partnerId: true } });
      if (!event) throw notFound("Event");
      if (!mayManageEvent(ctx, event)) throw new ScopeRefusal("events.manage", { eventId });
      if (event.status === "CANCELLED") return { id: eventId };
      await tx.event.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: eventId } }, data: { status: "CANCELLED" }, select: { id: true } });
      await recordAudit(tx, auditActor(ctx), {
        action: "event.cancel",
        entityType: "Event",
        entityId: eventId,
        before: { status: event.status },
        after: { status: "CANCELLED", reason: input.reason },
      });
      return { id: eventId };
    }),
  );
}
