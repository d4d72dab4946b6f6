import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { isoDate } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { EventKind, EventStatus, Prisma } from "@/lib/generated/prisma/client";
import { loadActiveSupportTypes, type TCatalogueOption } from "@/lib/domain/catalogue/read";
import { loadFormLists } from "@/lib/domain/services/read";
import { assertId } from "@/lib/validation";
import { mayManageEvent } from "./events";
import { loadEventRegistrations, type TEventRegistrationsView } from "./registration-view";
import { attendanceTaken, loadSessionAttendanceCounts } from "./sessions";

/**
 * Reading an event: its page (events.read) and its edit form (events.manage), each in one
 * transaction. Trainers are staff or external trainers (no client's personal data); the
 * participants' names are need-to-know, decided by loadEventRegistrations.
 */

export type TEventSessionView = {
  id: string;
  /** YYYY-MM-DD. */
  date: string;
  startTime: string | null;
  endTime: string | null;
  durationMinutes: number;
  place: string | null;
  onlineUrl: string | null;
  /** Attendance has been taken (rows recorded or the session logged as a service). */
  attendanceTaken: boolean;
  presentCount: number;
};

export type TEventTrainerView = { id: string; name: string; external: boolean };

export type TEventView = {
  id: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  supportType: TCatalogueOption;
  description: string | null;
  capacity: number | null;
  /** YYYY-MM-DD, or null: registrations until the event. */
  registrationDeadline: string | null;
  office: { id: string; name: string } | null;
  partner: { id: string; name: string } | null;
  countsTowardLimit: boolean;
  limitYear: number | null;
};

export type TEventPage = {
  event: TEventView;
  sessions: TEventSessionView[];
  trainers: TEventTrainerView[];
  abilities: {
    /** Edit and cancel the event (events.manage, a coordinator on their partner's events; a cancelled event no more). */
    manage: boolean;
    register: boolean;
    attendance: boolean;
    grantException: boolean;
  };
  registrations: TEventRegistrationsView;
};

const SESSION_ORDER = [{ date: "asc" }, { startTime: { sort: "asc", nulls: "last" } }, { id: "asc" }] satisfies Prisma.EventSessionOrderByWithRelationInput[];

const EVENT_SELECT = {
  id: true,
  title: true,
  kind: true,
  status: true,
  description: true,
  capacity: true,
  registrationDeadline: true,
  countsTowardLimit: true,
  limitYear: true,
  partnerId: true,
  supportTypeEntry: { select: { code: true, name: true, nameEn: true, retiredAt: true } },
  office: { select: { id: true, name: true } },
  partner: { select: { id: true, name: true } },
  sessions: {
    select: { id: true, date: true, startTime: true, endTime: true, durationMinutes: true, place: true, onlineUrl: true, serviceId: true },
    orderBy: SESSION_ORDER,
  },
  trainers: { select: { id: true, userId: true, externalName: true, user: { select: { name: true, active: true } } } },
} satisfies Prisma.EventSelect;

type TEventRow = Prisma.EventGetPayload<{ select: typeof EVENT_SELECT }>;

/** The event with its relations in one statement (relation joins), within the tenant. */
async function loadEvent(tx: TTx, ctx: TContext, eventId: string): Promise<TEventRow> {
  const event = await tx.event.findFirst({ where: { tenantId: ctx.tenantId, id: eventId }, select: EVENT_SELECT, relationLoadStrategy: "join" });
  if (!event) throw notFound("Event");
  return event;
}

function toEventView(row: TEventRow): TEventView {
  const { supportTypeEntry: entry } = row;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    supportType: { code: entry.code, name: entry.name, nameEn: entry.nameEn, retired: entry.retiredAt !== null },
    description: row.description,
    capacity: row.capacity,
    registrationDeadline: row.registrationDeadline ? isoDate(row.registrationDeadline) : null,
    office: row.office,
    partner: row.partner,
    countsTowardLimit: row.countsTowardLimit,
    limitYear: row.limitYear,
  };
}

/** Staff first, then external trainers, each by name: trainers have no order of their own. */
function toTrainerViews(row: TEventRow): TEventTrainerView[] {
  const views = row.trainers.map((t) => ({ id: t.id, name: t.user?.name ?? t.externalName ?? "", external: t.userId === null }));
  return views.sort((a, b) => Number(a.external) - Number(b.external) || a.name.localeCompare(b.name, "pl"));
}

/**
 * The event page in one transaction: the event (support type, office, partner), its sessions with
 * whether attendance was taken and how many were present, its trainers, what the caller may do,
 * and its registrations as the caller may see them (helper of lib/domain/events/registration-view.ts).
 */
export async function getEventPage(ctx: TContext, eventId: string): Promise<TEventPage> {
  await assertCan(ctx, "events.read");
  assertId(eventId, "Event");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const row = await loadEvent(tx, ctx, eventId);
    const counts = await loadSessionAttendanceCounts(tx, ctx.tenantId, eventId);
    const sessions = row.sessions.map((s) => ({
      id: s.id,
      date: isoDate(s.date),
      startTime: s.startTime,
      endTime: s.endTime,
      durationMinutes: s.durationMinutes,
      place: s.place,
      onlineUrl: s.onlineUrl,
      attendanceTaken: attendanceTaken(s, counts.get(s.id)),
      presentCount: counts.get(s.id)?.present ?? 0,
    }));
    const registrations = await loadEventRegistrations(tx, ctx, {
      id: row.id,
      capacity: row.capacity,
      countsTowardLimit: row.countsTowardLimit,
      limitYear: row.limitYear,
      status: row.status,
      registrationDeadline: row.registrationDeadline,
    });
    return {
      event: toEventView(row),
      sessions,
      trainers: toTrainerViews(row),
      abilities: {
        manage: can(ctx.role, "events.manage") && mayManageEvent(ctx, row) && row.status === "PLANNED",
        register: can(ctx.role, "events.register"),
        attendance: can(ctx.role, "events.attendance"),
        grantException: can(ctx.role, "events.limit_exception"),
      },
      registrations,
    };
  });
}

export type TEventFormOptions = {
  /** Active support types, and on an edit the event's own even if retired (marked so). */
  supportTypes: TCatalogueOption[];
  /** Staff who may train: active users who deliver support (and, on an edit, the event's own trainers). */
  staff: { id: string; name: string }[];
  offices: { id: string; name: string }[];
  partners: { id: string; name: string }[];
  /** The caller's office and partner: a new event's defaults. */
  myOfficeId: string | null;
  myPartnerId: string | null;
  /** A coordinator's events are always their partner's: the form shows it fixed. */
  partnerFixed: boolean;
};

/** The form's lists in the caller's transaction; `kept` adds what an edited event already has. */
async function loadEventFormOptions(tx: TTx, ctx: TContext, kept?: { supportType: TCatalogueOption; trainers: { id: string; name: string }[] }): Promise<TEventFormOptions> {
  const supportTypes: TCatalogueOption[] = (await loadActiveSupportTypes(tx, ctx.tenantId))
    // An event's sessions are logged as services without a specialist area (lib/domain/events/events.ts).
    .filter((s) => !s.requiresSpecialistArea)
    .map(({ code, name, nameEn, retired }) => ({ code, name, nameEn, retired }));
  if (kept && !supportTypes.some((s) => s.code === kept.supportType.code)) supportTypes.push(kept.supportType);
  const lists = await loadFormLists(tx, ctx);
  const staff = lists.staff.map(({ id, name }) => ({ id, name }));
  for (const trainer of kept?.trainers ?? []) if (!staff.some((s) => s.id === trainer.id)) staff.push(trainer);
  const partners = await tx.partner.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const myOfficeId =
    ctx.officeId !== undefined ? ctx.officeId : ((await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: ctx.userId }, select: { officeId: true } }))?.officeId ?? null);
  return { supportTypes, staff, offices: lists.offices, partners, myOfficeId, myPartnerId: ctx.partnerId, partnerFixed: ctx.role === "COORDINATOR" };
}

/** The new-event form's lists (events.manage). */
export async function getEventFormOptions(ctx: TContext): Promise<TEventFormOptions> {
  await assertCan(ctx, "events.manage");
  return tenantTransaction(ctx.tenantId, (tx) => loadEventFormOptions(tx, ctx));
}

export type TEventForEdit = {
  event: TEventView;
  /** The sessions as they stand, with whether each may still be removed (not once attendance is taken). */
  sessions: (Omit<TEventSessionView, "presentCount">)[];
  trainers: { userId: string | null; externalName: string | null }[];
  options: TEventFormOptions;
};

/**
 * The edit form of an event with its lists, in one transaction (events.manage; a coordinator on
 * another partner's event is refused, audited). A cancelled event comes back with its status:
 * the page says it can no longer be edited.
 */
export async function getEventForEdit(ctx: TContext, eventId: string): Promise<TEventForEdit> {
  await assertCan(ctx, "events.manage");
  assertId(eventId, "Event");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const row = await loadEvent(tx, ctx, eventId);
      if (!mayManageEvent(ctx, row)) throw new ScopeRefusal("events.manage", { eventId });
      const counts = await loadSessionAttendanceCounts(tx, ctx.tenantId, eventId);
      const event = toEventView(row);
      const keptTrainers = row.trainers.flatMap((t) => (t.userId && t.user ? [{ id: t.userId, name: t.user.name }] : []));
      const options = await loadEventFormOptions(tx, ctx, { supportType: event.supportType, trainers: keptTrainers });
      return {
        event,
        sessions: row.sessions.map((s) => ({
          id: s.id,
          date: isoDate(s.date),
          startTime: s.startTime,
          endTime: s.endTime,
          durationMinutes: s.durationMinutes,
          place: s.place,
          onlineUrl: s.onlineUrl,
          attendanceTaken: attendanceTaken(s, counts.get(s.id)),
        })),
        trainers: toTrainerViews(row).map((view) => {
          const trainer = row.trainers.find((t) => t.id === view.id);
          return { userId: trainer?.userId ?? null, externalName: trainer?.externalName ?? null };
        }),
        options,
      };
    }),
  );
}
