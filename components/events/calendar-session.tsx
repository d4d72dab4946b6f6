import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatMinutes } from "@/components/services/format";
import { cn } from "@/components/ui/cn";
import type { TCalendarSession } from "@/lib/domain/events/calendar";

/** "10:00–12:00", "10:00", or the length when the session has no start time ("3 h"). */
export function sessionTime(session: Pick<TCalendarSession, "startTime" | "endTime" | "durationMinutes">): string {
  if (!session.startTime) return formatMinutes(session.durationMinutes);
  return session.endTime ? `${session.startTime}–${session.endTime}` : session.startTime;
}

/**
 * One session in the calendar: a link to its event with the time, title and kind; a cancelled
 * event says so in words (not by colour alone). `detailed` adds the place, office and seats (the
 * lists, where there is room).
 */
export async function CalendarSession({ session, detailed = false }: { session: TCalendarSession; detailed?: boolean }) {
  const t = await getTranslations("events");
  const cancelled = session.status === "CANCELLED";
  return (
    <div data-testid="calendar-session" data-event-id={session.eventId} data-date={session.date} className="min-w-0 wrap-anywhere">
      <Link
        href={`/events/${session.eventId}`}
        className={cn(
          "block rounded-sm border-l-4 px-1 py-0.5 text-blue-800 underline-offset-2 hover:bg-blue-100 hover:underline",
          cancelled ? "border-slate-400 bg-slate-100" : "border-blue-700 bg-blue-50",
          detailed ? "text-base" : "text-xs",
        )}
      >
        <span className="font-semibold">{sessionTime(session)}</span> <span className={cn(cancelled && "line-through")}>{session.title}</span>
        <span className="block text-slate-700">
          {t(`kinds.${session.kind}`)}
          {cancelled ? <span className="font-semibold text-red-800"> · {t("calendar.cancelled")}</span> : null}
        </span>
      </Link>
      {detailed ? (
        <p className="mt-0.5 px-1 text-sm text-slate-700">
          {[
            session.place ?? (session.online ? t("calendar.online") : null),
            session.place && session.online ? t("calendar.online") : null,
            session.officeName,
            session.capacity === null
              ? t("calendar.seatsUnlimited", { taken: session.seatsTaken })
              : t("calendar.seats", { taken: session.seatsTaken, capacity: session.capacity }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
