import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EventCancelButton } from "@/components/events/event-cancel-button";
import { EventDetails } from "@/components/events/event-details";
import { EventRegistrations } from "@/components/events/event-registrations";
import { EventSessionsTable } from "@/components/events/event-sessions-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getEventPage } from "@/lib/domain/events/event-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events.page"))("details") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string }> };

/**
 * An event's page: what it is, its sessions (with attendance for those who take it), its
 * trainers, and its registrations with the waiting list. One service call reads it all in one
 * transaction; what the caller may do comes from the service.
 */
export default async function EventPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const page = await loadForPage(() => getEventPage(ctx, id));
  const { event, abilities } = page;
  const t = await getTranslations("events.page");

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/events" className="text-blue-800 underline">
          {t("backToCalendar")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="min-w-0 break-words text-2xl font-bold">{event.title}</h1>
        <div className="flex flex-wrap gap-3">
          {abilities.attendance ? (
            <a href={`/events/${event.id}/export`} className={buttonClass("secondary")} download>
              {t("export")}
            </a>
          ) : null}
          {abilities.manage ? (
            <>
              <Link href={`/events/${event.id}/edit`} className={buttonClass("secondary")}>
                {t("edit")}
              </Link>
              <EventCancelButton eventId={event.id} />
            </>
          ) : null}
        </div>
      </div>
      {query.created ? <Alert tone="success" className="mt-4">{t("created")}</Alert> : null}
      {query.saved ? <Alert tone="success" className="mt-4">{t("saved")}</Alert> : null}
      {event.status === "CANCELLED" ? (
        <Alert tone="info" className="mt-4" data-testid="event-cancelled">
          {t("cancelledNotice")}
        </Alert>
      ) : null}

      <EventDetails event={event} trainers={page.trainers} registrations={page.registrations} />

      <section aria-labelledby="event-sessions" className="mt-6">
        <h2 id="event-sessions" className="text-xl font-semibold">
          {t("sessions")}
        </h2>
        <EventSessionsTable eventId={event.id} sessions={page.sessions} canTakeAttendance={abilities.attendance} />
      </section>

      <EventRegistrations eventId={event.id} view={page.registrations} />
    </>
  );
}
