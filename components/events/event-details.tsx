import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import type { TEventPage } from "@/lib/domain/events/event-page";

type TProps = Pick<TEventPage, "event" | "trainers"> & { registrations: Pick<TEventPage["registrations"], "seats" | "limit"> };

/**
 * What the event is and how people take part: kind, support type, status, who runs it, seats
 * taken, the registration deadline, whether it counts toward the per-person training limit, and
 * its trainers.
 */
export async function EventDetails({ event, trainers, registrations }: TProps) {
  const t = await getTranslations("events.page");
  const te = await getTranslations("events");
  const format = await getFormatter();
  const locale = await getLocale();
  const { seats, limit } = registrations;
  const supportTypeName = locale === "en" && event.supportType.nameEn ? event.supportType.nameEn : event.supportType.name;

  const seatsText =
    seats.capacity === null ? t("seatsUnlimited", { taken: seats.taken }) : t("seatsTaken", { taken: seats.taken, capacity: seats.capacity });
  const limitText = !event.countsTowardLimit
    ? t("notCounting")
    : limit
      ? t("countsNote", { limit: limit.limit, year: String(limit.year) })
      : t("countsNoLimit");

  const items: { key: string; label: string; value: React.ReactNode }[] = [
    { key: "kind", label: t("kind"), value: te(`kinds.${event.kind}`) },
    { key: "supportType", label: t("supportType"), value: event.supportType.retired ? t("retiredType", { name: supportTypeName }) : supportTypeName },
    { key: "status", label: t("status"), value: <strong className="font-semibold">{te(`statuses.${event.status}`)}</strong> },
    { key: "office", label: t("office"), value: event.office?.name ?? "—" },
    { key: "partner", label: t("partner"), value: event.partner?.name ?? "—" },
    {
      key: "seats",
      label: t("seats"),
      value: (
        <>
          <span data-testid="event-seats">{seatsText}</span>
          {seats.waiting > 0 ? <span className="block text-slate-700">{t("waiting", { count: seats.waiting })}</span> : null}
        </>
      ),
    },
    { key: "deadline", label: t("deadline"), value: event.registrationDeadline ? format.dateTime(dateOnly(event.registrationDeadline), CALENDAR_DATE) : t("noDeadline") },
    { key: "limit", label: t("limit"), value: <span data-testid="event-limit-note">{limitText}</span> },
  ];

  return (
    <>
      <dl className="mt-4 grid gap-x-6 gap-y-3 rounded-md border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        {items.map((item) => (
          <div key={item.key} className="min-w-0">
            <dt className="text-sm text-slate-700">{item.label}</dt>
            <dd className="break-words">{item.value}</dd>
          </div>
        ))}
      </dl>
      {event.description ? (
        <section aria-labelledby="event-description" className="mt-6">
          <h2 id="event-description" className="text-xl font-semibold">
            {t("description")}
          </h2>
          <p className="mt-2 whitespace-pre-line break-words">{event.description}</p>
        </section>
      ) : null}
      <section aria-labelledby="event-trainers" className="mt-6">
        <h2 id="event-trainers" className="text-xl font-semibold">
          {t("trainers")}
        </h2>
        {trainers.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("noTrainers")}</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-1" data-testid="event-trainers">
            {trainers.map((trainer) => (
              <li key={trainer.id}>
                {trainer.name}
                {trainer.external ? <span className="text-slate-700"> ({t("external")})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
