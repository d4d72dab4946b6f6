import { addDays } from "@/lib/dates";
import type { TEventForEdit, TEventFormOptions } from "@/lib/domain/events/event-page";
import { LIMIT_COUNTING_KINDS, type TEventInput, type TSessionInput } from "@/lib/domain/events/schemas";

/** A new session: the day after the last one (or no date yet), at the same times and place. */
export function nextSession(last: TSessionInput | undefined): TSessionInput {
  const date = last?.date && /^\d{4}-\d{2}-\d{2}$/.test(last.date) ? addDays(last.date, 1) : "";
  return { id: "", date, startTime: last?.startTime ?? "", endTime: last?.endTime ?? "", hours: last?.hours ?? "", place: last?.place ?? "", onlineUrl: last?.onlineUrl ?? "" };
}

/** A new event's form: a training of the catalogue's training type, one empty session, at the caller's office and partner. */
export function newEventFormValues(options: TEventFormOptions): TEventInput {
  return {
    title: "",
    kind: "TRAINING",
    supportType: options.supportTypes.some((s) => s.code === "TRAINING") ? "TRAINING" : "",
    description: "",
    capacity: "",
    registrationDeadline: "",
    officeId: options.myOfficeId ?? "",
    partnerId: options.myPartnerId ?? "",
    countsTowardLimit: LIMIT_COUNTING_KINDS.includes("TRAINING"),
    sessions: [nextSession(undefined)],
    trainers: [],
  };
}

/** Minutes as hours the way the reader writes them ("1,5" in Polish). */
function hoursText(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(minutes / 60);
}

/** An existing event's form: a session with an end time shows it, one without shows its hours. */
export function editEventFormValues(edit: TEventForEdit, locale: string): TEventInput {
  const { event } = edit;
  return {
    title: event.title,
    kind: event.kind,
    supportType: event.supportType.code,
    description: event.description ?? "",
    capacity: event.capacity === null ? "" : String(event.capacity),
    registrationDeadline: event.registrationDeadline ?? "",
    officeId: event.office?.id ?? "",
    partnerId: event.partner?.id ?? "",
    countsTowardLimit: event.countsTowardLimit,
    sessions: edit.sessions.map((s) => ({
      id: s.id,
      date: s.date,
      startTime: s.startTime ?? "",
      endTime: s.endTime ?? "",
      hours: s.startTime && s.endTime ? "" : hoursText(s.durationMinutes, locale),
      place: s.place ?? "",
      onlineUrl: s.onlineUrl ?? "",
    })),
    trainers: edit.trainers.map((t) => ({ userId: t.userId ?? "", externalName: t.externalName ?? "" })),
  };
}
