import { getFormatter, getTranslations } from "next-intl/server";
import { formatMinutes } from "@/components/services/format";
import { cellClass, DataTable, type TColumn } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import type { TEventSessionView } from "@/lib/domain/events/event-page";

type TProps = {
  eventId: string;
  sessions: TEventSessionView[];
  /** The caller takes attendance and prints attendance lists (events.attendance). */
  canTakeAttendance: boolean;
};

/** "10:00–12:00", "10:00", or nothing when the session has no times. */
function timeRange(session: Pick<TEventSessionView, "startTime" | "endTime">): string {
  if (session.startTime && session.endTime) return `${session.startTime}–${session.endTime}`;
  return session.startTime ?? "";
}

/**
 * The event's sessions: when, how long, where (a place, an online link or both) and whether
 * attendance was taken — with the links to take it and to print the attendance list for those
 * who may. On a narrow screen the date cell repeats the time and place its hidden columns hold.
 */
export async function EventSessionsTable({ eventId, sessions, canTakeAttendance }: TProps) {
  const t = await getTranslations("events.page");
  const format = await getFormatter();
  const columns: TColumn[] = [
    t("columns.date"),
    { label: t("columns.time"), hideBelow: "md" },
    { label: t("columns.hours"), hideBelow: "md" },
    { label: t("columns.place"), hideBelow: "md" },
    t("columns.attendance"),
    ...(canTakeAttendance ? [t("columns.actions")] : []),
  ];
  return (
    <DataTable caption={t("sessionsCaption")} columns={columns} className="mt-3">
      {sessions.map((session) => {
        const date = format.dateTime(dateOnly(session.date), CALENDAR_DATE);
        const where = <SessionPlace session={session} onlineLabel={t("onlineLink")} />;
        return (
          <tr key={session.id} className="border-b border-slate-200 align-top" data-testid="event-session-row">
            <td className="p-2">
              <span className="font-medium">{date}</span>
              <span className="block text-slate-700 md:hidden print:hidden">
                {[timeRange(session), formatMinutes(session.durationMinutes)].filter(Boolean).join(" · ")}
              </span>
              <span className="block md:hidden print:hidden">{where}</span>
            </td>
            <td className={`p-2 ${cellClass("md")}`}>{timeRange(session) || "—"}</td>
            <td className={`p-2 ${cellClass("md")}`}>{formatMinutes(session.durationMinutes)}</td>
            <td className={`p-2 ${cellClass("md")}`}>{where}</td>
            <td className="p-2">{session.attendanceTaken ? t("attendanceTaken", { present: session.presentCount }) : t("attendanceNotTaken")}</td>
            {canTakeAttendance ? (
              <td className="p-2">
                <div className="flex flex-col gap-1">
                  <TextLink href={`/events/${eventId}/sessions/${session.id}`} aria-label={t("attendanceLinkLabel", { date })}>
                    {t("attendanceLink")}
                  </TextLink>
                  <TextLink href={`/events/${eventId}/sessions/${session.id}/attendance-list`} prefetch={false} aria-label={t("attendanceListLabel", { date })}>
                    {t("attendanceListLink")}
                  </TextLink>
                </div>
              </td>
            ) : null}
          </tr>
        );
      })}
    </DataTable>
  );
}

/** A session's place and its online link (opened in a new tab), either or both. */
function SessionPlace({ session, onlineLabel }: { session: Pick<TEventSessionView, "place" | "onlineUrl">; onlineLabel: string }) {
  return (
    <>
      {session.place ? <span className="break-words">{session.place}</span> : null}
      {session.place && session.onlineUrl ? " · " : null}
      {session.onlineUrl ? (
        <a href={session.onlineUrl} target="_blank" rel="noopener noreferrer" className="text-blue-800 underline">
          {onlineLabel}
        </a>
      ) : null}
    </>
  );
}
