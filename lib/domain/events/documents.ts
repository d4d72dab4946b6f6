import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { isoDate } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { accessOfEach, recordAccess } from "@/lib/domain/privacy/access-log";
import { AppError, notFound } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import { loadSessionForAttendance } from "./attendance-load";

/**
 * What an event's documents print (issue 14): the attendance list of a session to sign, a
 * participant's certificate, and the event's workbook. Each is read in one transaction behind
 * events.attendance — the permission of whoever runs the event's attendance, who sees its
 * participants' names (need-to-know: the list is the participants' own, printed for them to sign).
 * The files themselves are built in lib/exports. Each logs the clients it names (issue 17: EXPORT,
 * detail `events.<document>:<eventId>`).
 */

const PERSON = { select: { name: true } } as const;
/** What a document says about its event, and the order its sessions are listed in. */
const EVENT_HEADER = { id: true, title: true, kind: true, supportTypeEntry: { select: { name: true, nameEn: true } } } as const;
const SESSION_ORDER = [{ date: "asc" as const }, { startTime: { sort: "asc" as const, nulls: "first" as const } }, { id: "asc" as const }];
const eventHeader = (event: { id: string; title: string; kind: string; supportTypeEntry: { name: string; nameEn: string | null } }) => ({
  id: event.id,
  title: event.title,
  kind: event.kind,
  supportTypeName: event.supportTypeEntry.name,
  supportTypeNameEn: event.supportTypeEntry.nameEn,
});

async function centreName(tx: TTx, ctx: TContext): Promise<string> {
  const tenant = await tx.tenant.findFirstOrThrow({ where: { id: ctx.tenantId }, select: { name: true } });
  return tenant.name;
}

/** A registration's person and the client they represent (null when the person is the client). */
function personOf(r: { personClientId: string | null; client: { name: string }; personClient: { name: string } | null; clientPerson: { name: string } | null }) {
  return { person: r.personClient?.name ?? r.clientPerson?.name ?? r.client.name, represents: r.personClientId === null ? r.client.name : null };
}

const byPerson = (a: { person: string }, b: { person: string }) => a.person.localeCompare(b.person, "pl");

/** The attendance list of a session: the event, the session, its trainers and the registered participants by name. */
export async function getAttendanceListData(ctx: TContext, sessionId: string) {
  await assertCan(ctx, "events.attendance");
  assertId(sessionId, "EventSession");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const loaded = await loadSessionForAttendance(tx, ctx, sessionId);
    const registered = loaded.participants.filter((p) => p.status === "REGISTERED");
    await recordAccess(tx, ctx, accessOfEach(registered.map((p) => p.clientId), "EXPORT", `events.attendance_list:${loaded.event.id}`));
    return {
      centre: await centreName(tx, ctx),
      event: loaded.event,
      session: loaded.session,
      trainers: loaded.trainers.map((t) => t.name),
      participants: registered.map(({ person, represents }) => ({ person, represents })),
    };
  });
}

export type TAttendanceListData = Awaited<ReturnType<typeof getAttendanceListData>>;

/**
 * A participant's certificate: who, for whom, which event, the sessions they attended and the
 * hours. Only for a person still registered who was present at one session at least
 * (INVALID_STATE otherwise: a certificate certifies attendance).
 */
export async function getCertificateData(ctx: TContext, registrationId: string) {
  await assertCan(ctx, "events.attendance");
  assertId(registrationId, "EventRegistration");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const registration = await tx.eventRegistration.findFirst({
      where: { tenantId: ctx.tenantId, id: registrationId },
      select: {
        id: true,
        status: true,
        clientId: true,
        personClientId: true,
        client: PERSON,
        personClient: PERSON,
        clientPerson: PERSON,
        event: {
          select: {
            ...EVENT_HEADER,
            sessions: {
              select: { date: true, startTime: true, endTime: true, durationMinutes: true, attendance: { where: { registrationId }, select: { status: true } } },
              orderBy: SESSION_ORDER,
            },
          },
        },
      },
    });
    if (!registration) throw notFound("EventRegistration");
    const attended = registration.event.sessions
      .filter((s) => s.attendance.some((a) => a.status === "PRESENT"))
      .map((s) => ({ day: isoDate(s.date), startTime: s.startTime, endTime: s.endTime, durationMinutes: s.durationMinutes }));
    if (registration.status !== "REGISTERED" || attended.length === 0) {
      throw new AppError("INVALID_STATE", { message: "notEligible", fieldErrors: { _form: "notEligible" } });
    }
    const { event } = registration;
    await recordAccess(tx, ctx, [{ clientId: registration.clientId, view: "EXPORT", detail: `events.certificate:${event.id}` }]);
    return {
      centre: await centreName(tx, ctx),
      ...personOf(registration),
      event: eventHeader(event),
      sessions: attended,
      minutes: attended.reduce((sum, s) => sum + s.durationMinutes, 0),
    };
  });
}

export type TCertificateData = Awaited<ReturnType<typeof getCertificateData>>;

/**
 * The event's workbook: its sessions and every registration (any status) with each session's
 * attendance and support, in one statement.
 */
export async function getEventExportData(ctx: TContext, eventId: string) {
  await assertCan(ctx, "events.attendance");
  assertId(eventId, "Event");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const event = await tx.event.findFirst({
      where: { tenantId: ctx.tenantId, id: eventId },
      select: {
        ...EVENT_HEADER,
        sessions: {
          select: {
            id: true,
            date: true,
            startTime: true,
            endTime: true,
            durationMinutes: true,
            place: true,
            onlineUrl: true,
            attendance: { select: { registrationId: true, status: true, materials: true, accommodation: true, meals: true, travelReimbursement: true } },
          },
          orderBy: SESSION_ORDER,
        },
        registrations: {
          select: { id: true, status: true, clientId: true, personClientId: true, client: PERSON, personClient: PERSON, clientPerson: PERSON },
          orderBy: [{ registeredAt: "asc" }, { id: "asc" }],
        },
      },
    });
    if (!event) throw notFound("Event");
    await recordAccess(tx, ctx, accessOfEach(event.registrations.map((r) => r.clientId), "EXPORT", `events.export:${event.id}`));
    const sessions = event.sessions.map((s, index) => ({
      number: index + 1,
      day: isoDate(s.date),
      startTime: s.startTime,
      endTime: s.endTime,
      durationMinutes: s.durationMinutes,
      place: s.place,
      onlineUrl: s.onlineUrl,
      attendance: new Map(
        s.attendance.map((a) => [a.registrationId, { ...a, travelReimbursement: a.travelReimbursement === null ? null : a.travelReimbursement.toFixed(2) }]),
      ),
    }));
    return {
      event: eventHeader(event),
      sessions,
      participants: event.registrations.map((r) => ({ registrationId: r.id, status: r.status, ...personOf(r) })).sort(byPerson),
    };
  });
}

export type TEventExportData = Awaited<ReturnType<typeof getEventExportData>>;
