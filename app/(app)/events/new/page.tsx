import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EventForm } from "@/components/events/event-form";
import { newEventFormValues } from "@/components/events/event-form-values";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getEventFormOptions } from "@/lib/domain/events/event-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events.form"))("newTitle") };
}

/** The new-event form (events.manage: others get 403, audited). */
export default async function NewEventPage() {
  const ctx = await requireSessionUser();
  const options = await loadForPage(() => getEventFormOptions(ctx));
  const t = await getTranslations("events.form");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/events" className="text-blue-800 underline">
          {t("backToCalendar")}
        </Link>
      </p>
      <h1 className="mb-6 text-2xl font-bold">{t("newTitle")}</h1>
      <EventForm mode={{ kind: "create" }} defaults={newEventFormValues(options)} options={options} />
    </>
  );
}
