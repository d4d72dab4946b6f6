import "server-only";
import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import { addDays, startOfPolishDay } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import {
  createServiceRecord,
  deleteServiceRecord,
  lockServiceRecord,
  recordState,
  updateServiceRecord,
  type TRecordState,
  type TRecordWrite,
} from "@/lib/domain/services/record-writer";
import type { TLoadedSession } from "./attendance-load";

/**
 * Attendance produces the service history through the service log itself, not beside it: a
 * session's attendance is ONE service record (event_session.service_id), written by the service
 * log's own writer (lib/domain/services/record-writer.ts), so the client's history, the path's
 * implementation, the timesheets, the register and the dashboards read it like any other service.
 *
 * - Participations: the DISTINCT clients of the present participants — two representatives of one
 *   organisation give it one participation (a record has one per client). A client whose support
 *   has ended (CLOSED) still gets it: they were there, and the history must say so; the service
 *   log's "no services for a closed file" guards new consultations, not a fact about the past.
 * - Each participation is linked to the client's path that was open on the session's date, if any.
 * - Providers: the event's staff trainers (external trainers keep no timesheet); with none, whoever
 *   took attendance first (the record's author), so a later save by someone else moves no hours.
 * - Nobody present: no live record (an existing one becomes a tombstone).
 *
 * Authorisation is the caller's (events.attendance), not the service log's: a trainer logs for
 * participants who are not on their team. The service log's edit window does not apply either:
 * attendance may be corrected whenever the list is (late paper lists are common), and the record
 * follows the list — every change is audited as for any record.
 */

/** Why an attendance-driven record is deleted (the tombstone's reason; stored, like a user's, in Polish). */
export const NOBODY_PRESENT_REASON = "Lista obecności: nikt nie był obecny na sesji";

/** Each client's path open on the Polish calendar day `day` (the latest opened, when several were), in one statement. */
async function pathsOnDay(tx: TTx, ctx: TContext, clientIds: string[], day: string): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ clientId: string; id: string }[]>`
    SELECT DISTINCT ON (p.client_id) p.client_id AS "clientId", p.id
    FROM support_path p
    WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.client_id = ANY(${clientIds}::uuid[])
      AND p.opened_at < ${startOfPolishDay(addDays(day, 1))} AND (p.closed_at IS NULL OR p.closed_at >= ${startOfPolishDay(day)})
    ORDER BY p.client_id, p.opened_at DESC`;
  return new Map(rows.map((r) => [r.clientId, r.id]));
}

/** The record a session's attendance stands for; its participations are filled in by the caller. */
function sessionRecord(loaded: TLoadedSession, providerIds: string[], officeId: string | null): Omit<TRecordWrite, "participations"> {
  const { session, event } = loaded;
  // An online session has only a link; a session with a place is in person (a hybrid one too).
  const channel = session.place === null && session.onlineUrl !== null ? "ONLINE" : "IN_PERSON";
  return {
    date: session.day,
    startTime: session.startTime,
    durationMinutes: session.durationMinutes,
    form: "GROUP",
    channel,
    supportType: event.supportType as TRecordWrite["supportType"],
    specialistArea: null,
    // Language-neutral: the title, and "(2/3)" for the second of three sessions.
    topic: session.of > 1 ? `${event.title} (${session.number}/${session.of})` : event.title,
    notes: null,
    nextSteps: null,
    officeId,
    providerIds,
    planActionIds: {},
  };
}

/** Two audit states hold the same record (lists compared as sets). */
function sameState(a: TRecordState, b: TRecordState): boolean {
  const canonical = (state: TRecordState) =>
    JSON.stringify(Object.keys(state).sort().map((key) => [key, Array.isArray(state[key]) ? [...(state[key] as string[])].sort() : state[key]]));
  return canonical(a) === canonical(b);
}

export type TRecordSync = { serviceId: string | null; change: "created" | "updated" | "deleted" | "unchanged" | "none" };

/**
 * Brings the session's service record in line with its attendance (`presentClientIds`: the
 * clients of every participant marked present). Runs in the caller's transaction, which holds the
 * session row locked.
 */
export async function syncSessionRecord(tx: TTx, ctx: TContext, loaded: TLoadedSession, presentClientIds: string[]): Promise<TRecordSync> {
  const existing = loaded.session.serviceId ? await lockServiceRecord(tx, ctx, loaded.session.serviceId) : null;
  const clientIds = [...new Set(presentClientIds)];
  if (clientIds.length === 0) {
    if (!existing) {
      if (loaded.session.serviceId) await linkSession(tx, ctx, loaded.session.id, null);
      return { serviceId: null, change: "none" };
    }
    await deleteServiceRecord(tx, ctx, existing.id, { ...existing.state, authorId: existing.authorId }, NOBODY_PRESENT_REASON);
    await linkSession(tx, ctx, loaded.session.id, null);
    return { serviceId: null, change: "deleted" };
  }

  const staff = [...new Set(loaded.trainers.flatMap((t) => (t.userId ? [t.userId] : [])))];
  const providerIds = staff.length > 0 ? staff : [existing?.authorId ?? ctx.userId];
  const officeId = loaded.event.officeId ?? (existing ? ((existing.state.officeId as string | null) ?? null) : (ctx.officeId ?? null));
  // A client already on the record keeps the path it was logged against (as an edit in the service log does).
  const missing = clientIds.filter((id) => !existing?.previous.has(id));
  const paths = await pathsOnDay(tx, ctx, missing, loaded.session.day);
  const write: TRecordWrite = {
    ...sessionRecord(loaded, providerIds, officeId),
    participations: clientIds.map((clientId) => ({
      clientId,
      pathId: existing?.previous.get(clientId)?.pathId ?? paths.get(clientId) ?? null,
      planActionId: null,
    })),
  };

  if (!existing) {
    const record = await createServiceRecord(tx, ctx, write, randomUUID());
    await linkSession(tx, ctx, loaded.session.id, record.id);
    return { serviceId: record.id, change: "created" };
  }
  if (sameState(existing.state, recordState(write))) return { serviceId: existing.id, change: "unchanged" };
  await updateServiceRecord(tx, ctx, existing.id, write, existing.state);
  return { serviceId: existing.id, change: "updated" };
}

async function linkSession(tx: TTx, ctx: TContext, sessionId: string, serviceId: string | null) {
  await tx.eventSession.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: sessionId } }, data: { serviceId }, select: { id: true } });
}
