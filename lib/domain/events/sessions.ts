import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/db/transaction";

/**
 * Session time maths and reads about an event's sessions, for the events area (the event page,
 * attendance, documents, the calendar). The pure parts the form shares live in ./schemas.ts.
 */
export { minutesOfDay, parseHours, sessionMinutes, SESSION_MINUTES_MAX, SESSION_MINUTES_MIN } from "./schemas";

/** The earliest of the sessions' calendar dates (YYYY-MM-DD), or null for none. */
export function firstSessionDate(dates: readonly string[]): string | null {
  return dates.length === 0 ? null : dates.reduce((first, date) => (date < first ? date : first));
}

/**
 * The project year an event's registrations count in toward the per-person training limit: the
 * calendar year of its earliest session — a project year is a calendar year here (the seed's
 * yearly targets are calendar years; a centre with another project year would need a setting,
 * docs/decisions/015). Null when the event does not count toward the limit.
 */
export function eventLimitYear(countsTowardLimit: boolean, sessionDates: readonly string[]): number | null {
  const first = firstSessionDate(sessionDates);
  return countsTowardLimit && first ? Number(first.slice(0, 4)) : null;
}

/** Minutes as hours for display and for the service log's sums (90 → 1.5). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** What a session's attendance holds so far: any row recorded, and how many were present. */
export type TSessionAttendanceCount = { recorded: number; present: number };

/**
 * Per session of an event, the attendance rows recorded and the present among them, in one
 * statement. A session without rows is absent from the map (attendance not taken yet).
 */
export async function loadSessionAttendanceCounts(tx: TTx, tenantId: string, eventId: string): Promise<Map<string, TSessionAttendanceCount>> {
  const rows = await tx.$queryRaw<{ sessionId: string; recorded: number; present: number }[]>(Prisma.sql`
    SELECT a.session_id AS "sessionId", count(*)::int AS recorded, (count(*) FILTER (WHERE a.status = 'PRESENT'))::int AS present
    FROM event_attendance a
    JOIN event_session s ON s.tenant_id = a.tenant_id AND s.id = a.session_id
    WHERE a.tenant_id = ${tenantId}::uuid AND s.event_id = ${eventId}::uuid
    GROUP BY a.session_id`);
  return new Map(rows.map((r) => [r.sessionId, { recorded: r.recorded, present: r.present }]));
}

/**
 * Whether a session's attendance has been taken: rows recorded, or the service record it logged.
 * Such a session is part of the service history and may not be removed from its event.
 */
export function attendanceTaken(session: { serviceId: string | null }, count: TSessionAttendanceCount | undefined): boolean {
  return session.serviceId !== null || (count?.recorded ?? 0) > 0;
}
