import "server-only";
import type { TContext } from "@/lib/auth/context";
import { isoDate } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { AttendanceStatus, RegistrationStatus } from "@/lib/generated/prisma/client";

/**
 * A session as attendance and its documents read it, in ONE statement (relation joins): the
 * session, its event (support type, office, trainers, the order of its sessions), the event's
 * registrations with their people and the clients they serve, and the session's attendance rows.
 *
 * Names of participants are need-to-know (lib/auth/scope.ts): they are read only by services that
 * checked `events.attendance` first — whoever takes attendance or prints the list must see who is
 * on it, whether or not the participant's client is on their own team (a trainer trains people of
 * the whole centre).
 */

const PERSON = { select: { name: true } } as const;

async function querySession(tx: TTx, ctx: TContext, sessionId: string) {
  return tx.eventSession.findFirst({
    where: { tenantId: ctx.tenantId, id: sessionId },
    select: {
      id: true,
      date: true,
      startTime: true,
      endTime: true,
      durationMinutes: true,
      place: true,
      onlineUrl: true,
      serviceId: true,
      event: {
        select: {
          id: true,
          title: true,
          kind: true,
          status: true,
          supportType: true,
          officeId: true,
          supportTypeEntry: { select: { name: true, nameEn: true, requiresSpecialistArea: true } },
          office: { select: { name: true } },
          sessions: { select: { id: true }, orderBy: [{ date: "asc" }, { startTime: { sort: "asc", nulls: "first" } }, { id: "asc" }] },
          trainers: { select: { userId: true, externalName: true, user: PERSON } },
          registrations: {
            select: {
              id: true,
              status: true,
              clientId: true,
              personClientId: true,
              client: PERSON,
              personClient: PERSON,
              clientPerson: PERSON,
            },
          },
        },
      },
      attendance: {
        select: { registrationId: true, status: true, materials: true, accommodation: true, meals: true, travelReimbursement: true, recordedAt: true },
      },
    },
  });
}

export type TSessionParticipant = {
  registrationId: string;
  status: RegistrationStatus;
  /** The person's name. */
  person: string;
  /** The client served: the person themself (an individual client), or the organisation or group they represent. */
  clientId: string;
  /** The represented client's name; null when the person is the client. */
  represents: string | null;
};

export type TAttendanceRow = {
  registrationId: string;
  status: AttendanceStatus;
  materials: boolean;
  accommodation: boolean;
  meals: boolean;
  /** PLN with two decimals ("12.50"), or null. */
  travelReimbursement: string | null;
  recordedAt: Date;
};

export type TLoadedSession = Awaited<ReturnType<typeof loadSessionForAttendance>>;

/**
 * The session (NOT_FOUND when missing or another tenant's), with every registration of its event
 * as a participant sorted by name, and its attendance rows by registration.
 */
export async function loadSessionForAttendance(tx: TTx, ctx: TContext, sessionId: string) {
  const row = await querySession(tx, ctx, sessionId);
  if (!row) throw notFound("EventSession");
  const { event, attendance, ...session } = row;
  const participants: TSessionParticipant[] = event.registrations
    .map((r) => ({
      registrationId: r.id,
      status: r.status,
      person: r.personClient?.name ?? r.clientPerson?.name ?? r.client.name,
      clientId: r.clientId,
      represents: r.personClientId === null ? r.client.name : null,
    }))
    .sort((a, b) => a.person.localeCompare(b.person, "pl") || a.registrationId.localeCompare(b.registrationId));
  const rows = new Map<string, TAttendanceRow>(
    attendance.map((a) => [a.registrationId, { ...a, travelReimbursement: a.travelReimbursement === null ? null : a.travelReimbursement.toFixed(2) }]),
  );
  const number = event.sessions.findIndex((s) => s.id === session.id) + 1;
  return {
    session: { ...session, day: isoDate(session.date), number, of: event.sessions.length },
    event: {
      id: event.id,
      title: event.title,
      kind: event.kind,
      status: event.status,
      supportType: event.supportType,
      supportTypeName: event.supportTypeEntry.name,
      supportTypeNameEn: event.supportTypeEntry.nameEn,
      requiresSpecialistArea: event.supportTypeEntry.requiresSpecialistArea,
      officeId: event.officeId,
      officeName: event.office?.name ?? null,
    },
    /** Staff trainers (whose timesheets get the hours) and external ones, by name. */
    trainers: event.trainers
      .map((t) => ({ userId: t.userId, name: t.user?.name ?? t.externalName ?? "" }))
      .sort((a, b) => a.name.localeCompare(b.name, "pl")),
    participants,
    attendance: rows,
  };
}

/** When the session's attendance was last recorded (the newest row), or null when it has not been taken. */
export function lastRecordedAt(attendance: Map<string, TAttendanceRow>): Date | null {
  let last: Date | null = null;
  for (const row of attendance.values()) if (!last || row.recordedAt > last) last = row.recordedAt;
  return last;
}
