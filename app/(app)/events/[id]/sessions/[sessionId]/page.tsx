import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AttendanceForm } from "@/components/events/attendance-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE_MEDIUM } from "@/lib/dates";
import { getSessionAttendancePage } from "@/lib/domain/events/attendance";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events.attendance"))("pageTitle") };
}

type TProps = { params: Promise<{ id: string; sessionId: string }> };

/**
 * A session's attendance: the tick-list of its registered participants (events.attendance), the
 * session's facts, and the attendance list to print. One service call in one transaction.
 */
export default async function SessionAttendancePage({ params }: TProps) {
  const ctx = await requireSessionUser();
  const { id, sessionId } = await params;
  const page = await loadForPage(() => getSessionAttendancePage(ctx, sessionId));
  // The session is read by its own id: under another event's address it is not there.
  if (page.event.id !== id) notFound();
  const t = await getTranslations("events.attendance");
  const tk = await getTranslations("events.kinds");
  const format = await getFormatter();
  const locale = await getLocale();
  const { event, session } = page;
  const supportType = locale === "en" && event.supportTypeNameEn ? event.supportTypeNameEn : event.supportTypeName;
  const times = [session.startTime, session.endTime].filter(Boolean).join("–");

  return (
    <>
      <p className="mb-2 text-sm">
        <TextLink href={`/events/${event.id}`}>{t("backToEvent")}</TextLink>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("heading", { event: event.title })}</h1>
      <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("session", { number: session.number, of: session.of })}</dt>
        <dd>
          <time dateTime={session.day}>{format.dateTime(session.date, CALENDAR_DATE_MEDIUM)}</time>
          {times ? `, ${times}` : null}
        </dd>
        <dt className="font-medium">{t("kind")}</dt>
        <dd>
          {tk(event.kind)} · {supportType}
        </dd>
        <dt className="font-medium">{t("where")}</dt>
        <dd className="wrap-anywhere">{[session.place, session.onlineUrl ? `${t("online")}: ${session.onlineUrl}` : null].filter(Boolean).join(" · ") || t("none")}</dd>
        <dt className="font-medium">{t("trainers")}</dt>
        <dd>{page.trainers.length > 0 ? page.trainers.join(", ") : t("none")}</dd>
      </dl>
      <p className="mt-4">
        <a href={`/events/${event.id}/sessions/${session.id}/attendance-list`} className={buttonClass("secondary")} target="_blank" rel="noopener">
          {t("printList")}
        </a>
      </p>
      {page.closed ? (
        <Alert tone="info" className="mt-4" data-testid="attendance-closed">
          {t(`closed.${page.closed}`)}
        </Alert>
      ) : null}
      {page.serviceRecorded ? <p className="mt-4 text-sm text-slate-700">{t("serviceRecorded")}</p> : null}
      <AttendanceForm sessionId={session.id} participants={page.participants} lastRecordedAt={page.lastRecordedAt} disabled={page.closed !== null} />
    </>
  );
}
