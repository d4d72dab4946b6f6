import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { AppError, notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import { lastRecordedAt, loadSessionForAttendance, type TAttendanceRow, type TLoadedSession } from "./attendance-load";
import { syncSessionRecord, type TRecordSync } from "./attendance-record";
import { ZSaveAttendanceInput, type TParsedAttendanceInput, type TSaveAttendanceInput } from "./attendance-schemas";

/**
 * Attendance at an event's session (issue 14): a tick-list of the registered participants —
 * present, absent, excused — with the equal-opportunity support each received. Saving it writes the
 * session's service record (./attendance-record.ts). Permission: events.attendance.
 */

/** Why a session's attendance cannot be saved now; null when it can. */
export type TAttendanceClosed = "eventCancelled" | "sessionInFuture" | null;

function closedReason(loaded: TLoadedSession): TAttendanceClosed {
  if (loaded.event.status === "CANCELLED") return "eventCancelled";
  // Like a service, attendance is a fact about the past: a session is ticked off on its day or later.
  if (loaded.session.day > todayInPoland()) return "sessionInFuture";
  return null;
}

/**
 * The attendance page of a session in one transaction (one statement inside it): the session and
 * its event, the REGISTERED participants (person, the client they represent) with what was recorded
 * for each, and whether the list may be saved now.
 */
export async function getSessionAttendancePage(ctx: TContext, sessionId: string) {
  await assertCan(ctx, "events.attendance");
  assertId(sessionId, "EventSession");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const loaded = await loadSessionForAttendance(tx, ctx, sessionId);
    const recordedAt = lastRecordedAt(loaded.attendance);
    return {
      event: loaded.event,
      session: loaded.session,
      trainers: loaded.trainers.map((t) => t.name),
      participants: loaded.participants
        .filter((p) => p.status === "REGISTERED")
        .map((p) => ({ ...p, attendance: publicRow(loaded.attendance.get(p.registrationId)) })),
      presentCount: [...loaded.attendance.values()].filter((a) => a.status === "PRESENT").length,
      /** Pass back as `expectedUpdatedAt` when saving. */
      lastRecordedAt: recordedAt ? recordedAt.toISOString() : null,
      serviceRecorded: loaded.session.serviceId !== null,
      closed: closedReason(loaded),
    };
  });
}

export type TSessionAttendancePage = Awaited<ReturnType<typeof getSessionAttendancePage>>;

function publicRow(row: TAttendanceRow | undefined) {
  if (!row) return null;
  const { recordedAt: _at, registrationId: _id, ...shown } = row;
  return shown;
}

/** A row as the audit keeps it: who (name and client, for the history in words) and what. */
function auditRow(participant: { person: string; clientId: string }, row: Omit<TAttendanceRow, "recordedAt" | "registrationId">) {
  return {
    person: participant.person,
    clientId: participant.clientId,
    status: row.status,
    materials: row.materials,
    accommodation: row.accommodation,
    meals: row.meals,
    travelReimbursement: row.travelReimbursement,
  };
}

const sameRow = (a: TAttendanceRow | undefined, b: TParsedAttendanceInput["rows"][number]) =>
  a !== undefined &&
  a.status === b.status &&
  a.materials === b.materials &&
  a.accommodation === b.accommodation &&
  a.meals === b.meals &&
  a.travelReimbursement === b.travelReimbursement;

/**
 * Writes the rows that changed, in one statement, and answers when (the database's clock, after the
 * session's lock: later than any save before); unchanged rows keep who recorded them and when.
 */
async function upsertRows(tx: TTx, ctx: TContext, sessionId: string, rows: TParsedAttendanceInput["rows"]): Promise<Date | null> {
  if (rows.length === 0) return null;
  const [written] = await tx.$queryRaw<{ at: Date }[]>`
    WITH written AS (
    INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, materials, accommodation, meals, travel_reimbursement, recorded_by_id, recorded_at)
    SELECT ${ctx.tenantId}::uuid, ${sessionId}::uuid, r.registration_id, r.status::"AttendanceStatus", r.materials, r.accommodation, r.meals, r.travel, ${ctx.userId}::uuid, clock_timestamp()
    FROM unnest(${rows.map((r) => r.registrationId)}::uuid[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.materials)}::boolean[],
      ${rows.map((r) => r.accommodation)}::boolean[], ${rows.map((r) => r.meals)}::boolean[], ${rows.map((r) => r.travelReimbursement)}::numeric[])
      AS r(registration_id, status, materials, accommodation, meals, travel)
    ON CONFLICT (tenant_id, session_id, registration_id) DO UPDATE SET
      status = EXCLUDED.status, materials = EXCLUDED.materials, accommodation = EXCLUDED.accommodation, meals = EXCLUDED.meals,
      travel_reimbursement = EXCLUDED.travel_reimbursement, recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = EXCLUDED.recorded_at
    RETURNING recorded_at)
    SELECT max(recorded_at) AS at FROM written`;
  return written?.at ?? null;
}

export type TSaveAttendanceResult = {
  /** Participants present at the session (every row, also of registrations cancelled since). */
  present: number;
  /** Clients the session's service record counts (one per client, however many of its people came). */
  clients: number;
  record: TRecordSync;
  /** When the session's attendance was last recorded now: pass as `expectedUpdatedAt` on the next save. */
  lastRecordedAt: string | null;
};

/**
 * Saves a session's attendance: locks the session row (two tick-lists saved at once queue, and
 * the second sees the first — refused with CONFLICT when `expectedUpdatedAt` says it was not
 * seen), writes the rows that changed (audited once, "event.attendance.save", before/after per
 * participant) and brings the session's service record in line, in one transaction.
 *
 * A registration of another event, another tenant or none is NOT_FOUND; one of this event that no
 * longer holds a seat (waiting, cancelled) is a field error. Rows not sent stay as they were.
 */
export async function saveSessionAttendance(ctx: TContext, sessionId: string, rawInput: TSaveAttendanceInput): Promise<TSaveAttendanceResult> {
  await assertCan(ctx, "events.attendance");
  assertId(sessionId, "EventSession");
  const input = parseInput(ZSaveAttendanceInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM event_session WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${sessionId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound("EventSession");
    const loaded = await loadSessionForAttendance(tx, ctx, sessionId);
    const participants = new Map(loaded.participants.map((p) => [p.registrationId, p]));
    const fieldErrors: Record<string, string> = {};
    const rows = input.rows.map((row, index) => {
      const participant = participants.get(row.registrationId);
      if (!participant) throw notFound("EventRegistration");
      if (participant.status !== "REGISTERED") fieldErrors[`rows.${index}.registrationId`] = "notRegistered";
      return { row, participant, was: loaded.attendance.get(row.registrationId) };
    });
    if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors });

    const closed = closedReason(loaded);
    if (closed) throw new AppError("INVALID_STATE", { message: closed, fieldErrors: { _form: closed } });
    if (input.expectedUpdatedAt !== undefined) {
      const last = lastRecordedAt(loaded.attendance);
      const expected = input.expectedUpdatedAt === null ? null : new Date(input.expectedUpdatedAt).getTime();
      if ((last?.getTime() ?? null) !== expected) throw new AppError("CONFLICT", { message: "Attendance recorded meanwhile" });
    }
    if (loaded.event.requiresSpecialistArea) {
      // A specialist advisory record names its area, which an event does not have: no record can stand for it.
      throw new AppError("INVALID_STATE", { message: "specialistAreaEvent", fieldErrors: { _form: "specialistAreaEvent" } });
    }

    const changed = rows.filter(({ row, was }) => !sameRow(was, row));
    const writtenAt = await upsertRows(tx, ctx, sessionId, changed.map(({ row }) => row));
    if (changed.length > 0) {
      await recordAudit(tx, auditActor(ctx), {
        action: "event.attendance.save",
        entityType: "EventSession",
        entityId: sessionId,
        before: { attendance: changed.flatMap(({ participant, was }) => (was ? [auditRow(participant, was)] : [])) },
        after: { attendance: changed.map(({ participant, row }) => auditRow(participant, row)) },
      });
    }

    // The session's attendance as it now stands: what was there, with this save's rows over it.
    const statuses = new Map([...loaded.attendance].map(([id, row]) => [id, row.status as string]));
    for (const row of input.rows) statuses.set(row.registrationId, row.status);
    const presentClientIds = [...statuses].flatMap(([id, status]) => {
      const clientId = participants.get(id)?.clientId;
      return status === "PRESENT" && clientId ? [clientId] : [];
    });
    const record = await syncSessionRecord(tx, ctx, loaded, presentClientIds);
    const previous = lastRecordedAt(loaded.attendance);
    const last = writtenAt && (!previous || writtenAt > previous) ? writtenAt : previous;
    return { present: presentClientIds.length, clients: new Set(presentClientIds).size, record, lastRecordedAt: last ? last.toISOString() : null };
  });
}

/**
 * Brings the service records of sessions whose attendance was taken in line with their event
 * after it was edited (date, times, support type, office, trainers): the record follows the list
 * and the event, as a save of the same attendance would write it.
 */
export async function resyncSessionRecords(tx: TTx, ctx: TContext, sessionIds: readonly string[]): Promise<void> {
  for (const sessionId of sessionIds) {
    const loaded = await loadSessionForAttendance(tx, ctx, sessionId);
    const present = loaded.participants.flatMap((p) => (loaded.attendance.get(p.registrationId)?.status === "PRESENT" ? [p.clientId] : []));
    await syncSessionRecord(tx, ctx, loaded, present);
  }
}
