"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { DataTable, TIGHT_CELL, cellClass } from "@/components/ui/data-table";
import type { TEventRegistrationsView, TRegistrationRow } from "@/lib/domain/events/registration-view";
import { RegistrationCancelButton } from "./registration-cancel";
import { RegistrationPerson, TrainingCount } from "./registration-person";
import { RegistrationSearch } from "./registration-search";

/**
 * The event page's participants: seats ("12 z 20 miejsc"), who holds one, the waiting list in
 * order, each person's count against the training limit ("2 z 3 szkoleń"), a certificate per
 * seated person, cancelling with a reason, and "Zapisz osobę". What the viewer may see and do comes
 * from the server (lib/domain/events/registration-view.ts); after a change the page re-renders.
 */
export function EventRegistrations({ eventId, view }: { eventId: string; view: TEventRegistrationsView }) {
  const t = useTranslations("events.registrations");
  const router = useRouter();
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const { seats, limit, registered, waiting, abilities } = view;

  const done = (text: string) => {
    setMessage(text);
    router.refresh();
  };

  return (
    <section aria-labelledby={`${id}-title`} className="mt-8">
      <h2 id={`${id}-title`} className="text-xl font-bold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-800" data-testid="registration-seats">
        {seats.capacity === null ? t("seatsUnlimited", { taken: seats.taken }) : t("seats", { taken: seats.taken, capacity: seats.capacity })}
        {seats.waiting > 0 ? ` · ${t("waitingCount", { count: seats.waiting })}` : null}
      </p>
      {limit ? <p className="mt-1 text-sm text-slate-700">{t("limitNote", limit)}</p> : null}
      {message ? (
        <Alert tone="success" className="mt-3">
          {message}
        </Alert>
      ) : null}

      {registered.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700">{t("noneRegistered")}</p>
      ) : (
        <RegistrationTable caption={t("registeredCaption")} rows={registered} eventId={eventId} counts={limit !== null} certificates={abilities.canPrintCertificates} onDone={done} />
      )}

      <h3 className="mt-6 text-lg font-semibold">{t("waitingTitle")}</h3>
      {waiting.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">{t("noneWaiting")}</p>
      ) : (
        <RegistrationTable caption={t("waitingCaption")} rows={waiting} eventId={eventId} counts={limit !== null} certificates={false} onDone={done} className="mt-2" />
      )}

      {abilities.canRegister ? <RegistrationSearch eventId={eventId} canGrantException={abilities.canGrantException} onRegistered={done} /> : null}
    </section>
  );
}

function RegistrationTable({
  caption,
  rows,
  eventId,
  counts,
  certificates,
  onDone,
  className,
}: {
  caption: string;
  rows: TRegistrationRow[];
  eventId: string;
  /** The event counts toward the limit: a column "2 z 3 szkoleń". */
  counts: boolean;
  certificates: boolean;
  onDone: (message: string) => void;
  className?: string;
}) {
  const t = useTranslations("events.registrations");
  const waitingList = rows.some((row) => row.position !== null);
  const columns = [
    ...(waitingList ? [t("columns.position")] : []),
    t("columns.person"),
    ...(counts ? [{ label: t("columns.count"), hideBelow: "sm" as const }] : []),
    t("columns.actions"),
  ];
  return (
    <DataTable caption={caption} columns={columns} cellPadding={TIGHT_CELL} {...(className ? { className } : {})}>
      {rows.map((row) => {
        const person = row.personName ?? t("hiddenPerson");
        return (
          <tr key={row.id} className="border-b border-slate-200 align-top">
            {waitingList ? <td className={TIGHT_CELL}>{row.position}</td> : null}
            <td className={TIGHT_CELL}>
              <RegistrationPerson name={row.personName} kind={row.kind} client={row.client} canOpenClient={row.canOpenClient} />
              {counts && row.count ? (
                <span className="mt-1 block text-xs sm:hidden print:hidden">
                  <TrainingCount count={row.count.count} limit={row.count.limit} />
                </span>
              ) : null}
              {row.exceptionReason ? <span className="mt-1 block text-xs text-slate-700">{t("exception", { reason: row.exceptionReason })}</span> : null}
            </td>
            {counts ? <td className={`${TIGHT_CELL} ${cellClass("sm")}`}>{row.count ? <TrainingCount count={row.count.count} limit={row.count.limit} /> : null}</td> : null}
            <td className={TIGHT_CELL}>
              <div className="flex flex-wrap gap-2">
                {certificates && row.status === "REGISTERED" ? (
                  <a
                    href={`/events/${eventId}/registrations/${row.id}/certificate`}
                    className={buttonClass("link", "text-sm")}
                    aria-label={t("certificateLabel", { person })}
                  >
                    {t("certificate")}
                  </a>
                ) : null}
                {row.canCancel ? <RegistrationCancelButton registrationId={row.id} person={person} onDone={onDone} /> : null}
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
