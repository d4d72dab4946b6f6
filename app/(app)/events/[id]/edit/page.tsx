import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EventForm } from "@/components/events/event-form";
import { editEventFormValues } from "@/components/events/event-form-values";
import { Alert } from "@/components/ui/alert";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getEventForEdit } from "@/lib/domain/events/event-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events.form"))("editTitle") };
}

/** An event's edit form (events.manage; a coordinator for their partner's events). A cancelled event is not edited. */
export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const edit = await loadForPage(() => getEventForEdit(ctx, id));
  const t = await getTranslations("events.form");
  const locale = await getLocale();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/events/${edit.event.id}`} className="text-blue-800 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">{t("editTitle")}</h1>
      <p className="mb-6 break-words text-slate-700">{edit.event.title}</p>
      {edit.event.status === "CANCELLED" ? (
        <Alert tone="info">{t("cannotEdit")}</Alert>
      ) : (
        <EventForm
          mode={{ kind: "edit", eventId: edit.event.id, lockedSessionIds: edit.sessions.filter((s) => s.attendanceTaken).map((s) => s.id) }}
          defaults={editEventFormValues(edit, locale)}
          options={edit.options}
        />
      )}
    </>
  );
}
