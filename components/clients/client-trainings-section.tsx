import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { cn } from "@/components/ui/cn";
import { CALENDAR_DATE, isoDate } from "@/lib/dates";
import type { TClientPage } from "@/lib/domain/clients/service";

type TProps = { trainings: NonNullable<TClientPage["trainings"]> };

/**
 * The client's registrations for trainings and events — their own, or their people's (an
 * organisation's representatives, a group's members) — with each person's count toward the
 * training limit of the event's year ("2 z 3 szkoleń").
 */
export async function ClientTrainingsSection({ trainings }: TProps) {
  const t = await getTranslations("clients.trainings");
  const tr = await getTranslations("events.registrations");
  const ts = await getTranslations("events.registrationStatuses");
  const format = await getFormatter();
  return (
    <section aria-labelledby="client-trainings-heading" className="rounded-md border border-slate-300 bg-white p-4">
      <h2 id="client-trainings-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {trainings.length === 0 ? (
        <p className="mt-2">{t("none")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          className="mt-2"
          columns={[t("event"), { label: t("date"), hideBelow: "sm" }, t("person"), t("status"), { label: tr("columns.count"), hideBelow: "md" }]}
        >
          {trainings.map((r) => (
            <tr key={r.id} className="border-b border-slate-200 align-top" data-testid="client-training-row">
              <td className="p-2 [overflow-wrap:anywhere]">
                <Link href={`/events/${r.eventId}`} className="text-blue-800 underline">
                  {r.eventTitle}
                </Link>
              </td>
              <td className={cn("p-2 whitespace-nowrap", cellClass("sm"))}>
                {r.firstSessionOn ? <time dateTime={isoDate(r.firstSessionOn)}>{format.dateTime(r.firstSessionOn, CALENDAR_DATE)}</time> : "—"}
              </td>
              <td className="p-2 [overflow-wrap:anywhere]">{r.personName}</td>
              <td className="p-2">{ts(r.status)}</td>
              <td className={cn("p-2 whitespace-nowrap", cellClass("md"))}>{r.count ? tr("count", { count: r.count.count, limit: r.count.limit }) : "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
