import { z } from "zod";
import type { EventKind } from "@/lib/generated/prisma/enums";
import { optionalText } from "@/lib/validation";

// Messages are translation keys (messages.validation.*; the events' own under validation.eventForm.*).
// The browser loads this module too (the event form checks with these schemas): pure code only.

export const EVENT_KINDS = ["TRAINING", "WORKSHOP", "ANIMATION_MEETING", "DUTY_HOURS", "STUDY_VISIT", "NETWORK_MEETING"] as const satisfies readonly EventKind[];
/** Every kind of the schema is listed: a new one fails to compile until the form offers it. */
const _everyKindListed: Exclude<EventKind, (typeof EVENT_KINDS)[number]> extends never ? true : never = true;

/** Kinds whose registrations count toward the per-person training limit unless the form says otherwise (seed 003). */
export const LIMIT_COUNTING_KINDS: readonly EventKind[] = ["TRAINING", "WORKSHOP"];

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const CAPACITY_MAX = 1000;
export const SESSIONS_MAX = 50;
export const TRAINERS_MAX = 10;
/** The DB CHECK event_session_duration: a session lasts 5 minutes to 10 hours. */
export const SESSION_MINUTES_MIN = 5;
export const SESSION_MINUTES_MAX = 600;

// ── Session time maths (pure: the form previews what the service computes) ─────────────────────

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight of an "HH:MM" time. */
export function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Hours as typed ("1,5", "2", "0.75"): a positive number, or null when it is not one. */
export function parseHours(text: string): number | null {
  const normalised = text.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(normalised)) return null;
  const hours = Number(normalised);
  return hours > 0 ? hours : null;
}

/**
 * A session's length in minutes: end − start when the end time is given (it wins over hours),
 * else hours × 60 rounded to the minute; null when neither says.
 */
export function sessionMinutes(session: { startTime: string | null; endTime: string | null; hours: number | null }): number | null {
  if (session.startTime && session.endTime) return minutesOfDay(session.endTime) - minutesOfDay(session.startTime);
  if (session.hours !== null) return Math.round(session.hours * 60);
  return null;
}

// ── Input ──────────────────────────────────────────────────────────────────────────────────────

const ZUuid = z.uuid("invalid");
const ZDate = z.iso.date("invalidDate");
const ZOptionalId = z
  .union([z.literal(""), z.null(), ZUuid])
  .optional()
  .transform((v) => (v ? v : null));
const ZOptionalTime = z
  .union([z.literal(""), z.null(), z.string().regex(TIME_RE, "invalidTime")])
  .optional()
  .transform((v) => (v ? v : null));

/** An online meeting's address: http(s) only (no javascript: or file: links on the event page). */
const ZOnlineUrl = z
  .union([z.literal(""), z.null(), z.string().trim().max(500, "tooLong")])
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isHttpUrl(v), "eventForm.invalidUrl");

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const ZSession = z
  .object({
    /** The session being edited; missing for a new one. */
    id: ZOptionalId,
    date: ZDate,
    startTime: ZOptionalTime,
    endTime: ZOptionalTime,
    /** Hours as typed, used when no end time is given. */
    hours: z
      .union([z.literal(""), z.null(), z.number(), z.string()])
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === null || v === "") return null;
        const hours = typeof v === "number" ? (v > 0 ? v : null) : parseHours(v);
        if (hours === null) ctx.addIssue({ code: "custom", message: "notANumber" });
        return hours;
      }),
    place: optionalText(300),
    onlineUrl: ZOnlineUrl,
  })
  .superRefine((s, ctx) => {
    if (s.endTime && !s.startTime) ctx.addIssue({ code: "custom", path: ["startTime"], message: "eventForm.startForEnd" });
    const minutes = sessionMinutes(s);
    if (minutes === null) {
      if (!s.endTime) ctx.addIssue({ code: "custom", path: ["hours"], message: "eventForm.endOrHours" });
    } else if (s.endTime && minutes <= 0) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "endBeforeStart" });
    } else if (minutes < SESSION_MINUTES_MIN || minutes > SESSION_MINUTES_MAX) {
      ctx.addIssue({ code: "custom", path: [s.startTime && s.endTime ? "endTime" : "hours"], message: "eventForm.sessionLength" });
    }
    if (!s.place && !s.onlineUrl) ctx.addIssue({ code: "custom", path: ["place"], message: "eventForm.placeOrOnline" });
  })
  .transform(({ hours, ...s }) => ({ ...s, durationMinutes: sessionMinutes({ ...s, hours }) ?? 0 }));

/** A staff trainer (whose timesheet gets the hours) or an external one by name: the staff member wins when both are given. */
const ZTrainer = z
  .object({
    userId: ZOptionalId,
    externalName: optionalText(200),
  })
  .superRefine((t, ctx) => {
    if (!t.userId && !t.externalName) ctx.addIssue({ code: "custom", path: ["externalName"], message: "eventForm.trainerStaffOrExternal" });
  })
  .transform((t) => (t.userId ? { userId: t.userId, externalName: null } : { userId: null, externalName: t.externalName }));

/** What the event form sends, for a new event and for an edit alike. */
export const ZEventInput = z
  .object({
    title: z.string("required").trim().min(1, "required").max(TITLE_MAX, "tooLong"),
    kind: z.enum(EVENT_KINDS, "invalid"),
    /** A support type code of the tenant's catalogue ("" is the form's "not chosen yet"). */
    supportType: z.string("chooseSupportType").trim().min(1, "chooseSupportType").max(100, "invalid"),
    description: optionalText(DESCRIPTION_MAX),
    /** Seats; empty means unlimited. */
    capacity: z
      .union([z.literal(""), z.null(), z.number(), z.string()])
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === null || v === "") return null;
        const text = String(v).trim();
        if (!/^\d{1,6}$/.test(text)) {
          ctx.addIssue({ code: "custom", message: "notAnInteger" });
          return z.NEVER;
        }
        const seats = Number(text);
        if (seats < 1 || seats > CAPACITY_MAX) ctx.addIssue({ code: "custom", message: "eventForm.capacityRange" });
        return seats;
      }),
    /** The last day registrations are taken (YYYY-MM-DD, a Polish date); empty means until the event. */
    registrationDeadline: z
      .union([z.literal(""), z.null(), z.iso.date("invalidDate")])
      .optional()
      .transform((v) => (v ? v : null)),
    officeId: ZOptionalId,
    partnerId: ZOptionalId,
    countsTowardLimit: z.boolean("invalid").default(false),
    sessions: z.array(ZSession, "eventForm.sessionsRequired").min(1, "eventForm.sessionsRequired").max(SESSIONS_MAX, "tooMany"),
    trainers: z.array(ZTrainer).max(TRAINERS_MAX, "tooMany").default([]),
  })
  .superRefine((v, ctx) => {
    // Only dates that are dates: a mistyped one has its own message already.
    const first = v.sessions.map((s) => s.date).filter((date) => ZDate.safeParse(date).success).sort()[0];
    if (v.registrationDeadline && first && v.registrationDeadline > first) {
      ctx.addIssue({ code: "custom", path: ["registrationDeadline"], message: "eventForm.deadlineAfterStart" });
    }
    const seenSessions = new Set<string>();
    v.sessions.forEach((s, i) => {
      if (!s.id) return;
      if (seenSessions.has(s.id)) ctx.addIssue({ code: "custom", path: ["sessions", i, "id"], message: "invalid" });
      seenSessions.add(s.id);
    });
    const seenTrainers = new Set<string>();
    v.trainers.forEach((t, i) => {
      if (!t.userId) return;
      if (seenTrainers.has(t.userId)) ctx.addIssue({ code: "custom", path: ["trainers", i, "userId"], message: "duplicateValue" });
      seenTrainers.add(t.userId);
    });
  });

export type TEventInput = z.input<typeof ZEventInput>;
export type TParsedEventInput = z.output<typeof ZEventInput>;
export type TSessionInput = TEventInput["sessions"][number];
export type TParsedSession = TParsedEventInput["sessions"][number];
export type TTrainerInput = NonNullable<TEventInput["trainers"]>[number];

export const ZCancelEventInput = z.object({ reason: z.string("required").trim().min(1, "required").max(500, "tooLong") });
export type TCancelEventInput = z.input<typeof ZCancelEventInput>;
