import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { addDays, isoDate, monthRange, startOfWeek, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EventKind, EventStatus } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/validation";
import { EVENT_KINDS } from "./schemas";

/**
 * The events calendar: the sessions of a month (whole weeks, Monday to Sunday) or of one week,
 * for everyone holding events.read. It names no participant — only the events' own data and the
 * number of seats taken — so it needs no client scope.
 */

export const CALENDAR_VIEWS = ["month", "week"] as const;
export type TCalendarView = (typeof CALENDAR_VIEWS)[number];

/** As the query string gives it: anything unparsable is dropped (a bad date, an unknown kind). */
export const ZEventsCalendarInput = z.object({
  view: z.enum(CALENDAR_VIEWS).catch("month"),
  /** Any day of the month or week to show (YYYY-MM-DD, a Polish date); default: today. */
  date: z.iso.date().optional().catch(undefined),
  kind: z.enum(EVENT_KINDS).optional().catch(undefined),
  officeId: z.uuid().optional().catch(undefined),
  /** A staff trainer: only events they train in. */
  trainerId: z.uuid().optional().catch(undefined),
});
export type TEventsCalendarInput = { view?: string; date?: string; kind?: string; officeId?: string; trainerId?: string };

export type TCalendarFilters = { kind?: EventKind; officeId?: string; trainerId?: string };

export type TCalendarSession = {
  sessionId: string;
  eventId: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  /** YYYY-MM-DD. */
  date: string;
  /** "HH:MM", local time, when the session has one. */
  startTime: string | null;
  endTime: string | null;
  durationMinutes: number;
  place: string | null;
  /** The session has an online link (the link itself is on the event page). */
  online: boolean;
  officeName: string | null;
  /** Registrations holding a seat (not the waiting list). */
  seatsTaken: number;
  /** Null: unlimited. */
  capacity: number | null;
};

export type TCalendarDay = {
  date: string;
  /** In the month shown (month view; always true in the week view). */
  inPeriod: boolean;
  isToday: boolean;
  sessions: TCalendarSession[];
};

export type TEventsCalendarPage = {
  view: TCalendarView;
  /** The anchor day asked for (or today). */
  date: string;
  today: string;
  /** The month shown ("YYYY-MM"), in the week view the month of the week's Monday. */
  month: string;
  /** First and last day on screen (a Monday and a Sunday). */
  from: string;
  to: string;
  /** The days on screen, Monday first, seven to a week. */
  weeks: TCalendarDay[][];
  sessionCount: number;
  /** Anchors of the previous and next month or week. */
  previous: string;
  next: string;
  filters: TCalendarFilters;
  options: { kinds: readonly EventKind[]; offices: { id: string; name: string }[]; trainers: { id: string; name: string }[] };
  /** The caller may create events (events.manage). */
  canCreate: boolean;
};

/** The days a view shows around `date`: a week, or the whole weeks covering its month. */
export function calendarPeriod(view: TCalendarView, date: string): { from: string; to: string; month: string; previous: string; next: string } {
  if (view === "week") {
    const from = startOfWeek(date);
    return { from, to: addDays(from, 6), month: from.slice(0, 7), previous: addDays(from, -7), next: addDays(from, 7) };
  }
  const month = date.slice(0, 7);
  const { from: first, to: nextFirst } = monthRange(month);
  const last = addDays(nextFirst, -1);
  const previous = monthRange(addDays(first, -1).slice(0, 7)).from;
  return { from: startOfWeek(first), to: addDays(startOfWeek(last), 6), month, previous, next: nextFirst };
}

/**
 * The calendar page in one transaction: the sessions of the period (filtered by kind, office and
 * staff trainer) and the filters' choices. Three statements besides the transaction's own.
 */
export async function getEventsCalendarPage(ctx: TContext, rawInput: TEventsCalendarInput): Promise<TEventsCalendarPage> {
  await assertCan(ctx, "events.read");
  const input = parseInput(ZEventsCalendarInput, rawInput);
  const today = todayInPoland();
  const date = input.date ?? today;
  const period = calendarPeriod(input.view, date);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const offices = await tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    const trainers = await tx.user.findMany({
      where: { tenantId: ctx.tenantId, eventTrainings: { some: { tenantId: ctx.tenantId } } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    // An office or trainer that is not one of the choices (another centre's, made up) is ignored,
    // exactly like a missing one: the calendar answers as if no filter had been asked for.
    const filters: TCalendarFilters = {
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.officeId && offices.some((o) => o.id === input.officeId) ? { officeId: input.officeId } : {}),
      ...(input.trainerId && trainers.some((u) => u.id === input.trainerId) ? { trainerId: input.trainerId } : {}),
    };
    const sessions = await loadCalendarSessions(tx, ctx, period, filters);
    return {
      view: input.view,
      date,
      today,
      month: period.month,
      from: period.from,
      to: period.to,
      weeks: toWeeks(period, input.view, today, sessions),
      sessionCount: sessions.filter((s) => input.view === "week" || s.date.startsWith(period.month)).length,
      previous: period.previous,
      next: period.next,
      filters,
      options: { kinds: EVENT_KINDS, offices, trainers },
      canCreate: can(ctx.role, "events.manage"),
    };
  });
}

type TSessionRow = {
  session_id: string;
  event_id: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  date: Date;
  start_time: string | null;
  end_time: string | null;
  duration_minutes: number;
  place: string | null;
  online: boolean;
  office_name: string | null;
  seats_taken: number;
  capacity: number | null;
};

/**
 * The period's sessions, in time order. Driven by event_session (tenant_id, date): the period's
 * rows only, each joined to its event; the seats are counted per event through the registrations'
 * (tenant_id, event_id, status, …) index.
 */
async function loadCalendarSessions(tx: TTx, ctx: TContext, period: { from: string; to: string }, filters: TCalendarFilters): Promise<TCalendarSession[]> {
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  const conditions = [
    Prisma.sql`s.tenant_id = ${tenant}`,
    Prisma.sql`s.date >= ${period.from}::date`,
    Prisma.sql`s.date <= ${period.to}::date`,
    ...(filters.kind ? [Prisma.sql`e.kind = ${filters.kind}::"EventKind"`] : []),
    ...(filters.officeId ? [Prisma.sql`e.office_id = ${filters.officeId}::uuid`] : []),
    ...(filters.trainerId
      ? [Prisma.sql`EXISTS (SELECT 1 FROM event_trainer t WHERE t.tenant_id = e.tenant_id AND t.event_id = e.id AND t.user_id = ${filters.trainerId}::uuid)`]
      : []),
  ];
  const rows = await tx.$queryRaw<TSessionRow[]>`
    SELECT s.id AS session_id, e.id AS event_id, e.title, e.kind::text AS kind, e.status::text AS status,
           s.date, s.start_time, s.end_time, s.duration_minutes, s.place, (s.online_url IS NOT NULL) AS online,
           o.name AS office_name, e.capacity,
           (SELECT count(*)::int FROM event_registration r
             WHERE r.tenant_id = e.tenant_id AND r.event_id = e.id AND r.status = 'REGISTERED') AS seats_taken
    FROM event_session s
    JOIN event e ON e.tenant_id = s.tenant_id AND e.id = s.event_id
    LEFT JOIN office o ON o.tenant_id = e.tenant_id AND o.id = e.office_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY s.date, s.start_time NULLS LAST, e.title, s.id`;
  return rows.map((row) => ({
    sessionId: row.session_id,
    eventId: row.event_id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    date: isoDate(row.date),
    startTime: row.start_time,
    endTime: row.end_time,
    durationMinutes: row.duration_minutes,
    place: row.place,
    online: row.online,
    officeName: row.office_name,
    seatsTaken: row.seats_taken,
    capacity: row.capacity,
  }));
}

function toWeeks(period: { from: string; to: string; month: string }, view: TCalendarView, today: string, sessions: TCalendarSession[]): TCalendarDay[][] {
  // Map.groupBy needs Node 21; the app runs on 20.
  const byDay = new Map<string, TCalendarSession[]>();
  for (const session of sessions) {
    const day = byDay.get(session.date);
    if (day) day.push(session);
    else byDay.set(session.date, [session]);
  }
  const weeks: TCalendarDay[][] = [];
  for (let monday = period.from; monday <= period.to; monday = addDays(monday, 7)) {
    weeks.push(
      Array.from({ length: 7 }, (_, i) => {
        const day = addDays(monday, i);
        return { date: day, inPeriod: view === "week" || day.startsWith(period.month), isToday: day === today, sessions: byDay.get(day) ?? [] };
      }),
    );
  }
  return weeks;
}

/** The calendar's URL for a view, an anchor day and filters (the page's links keep the filters). */
export function calendarHref(view: TCalendarView, date: string, filters: TCalendarFilters): string {
  const query = new URLSearchParams({ view, date });
  if (filters.kind) query.set("kind", filters.kind);
  if (filters.officeId) query.set("officeId", filters.officeId);
  if (filters.trainerId) query.set("trainerId", filters.trainerId);
  return `/events?${query}`;
}
