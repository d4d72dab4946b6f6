import Link from "next/link";
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import { isoDate } from "@/lib/dates";
import type { TServiceListItem } from "@/lib/domain/services/service";
import { DeleteServiceButton } from "./delete-service-button";
import { formatMinutes } from "./format";

type TProps = {
  caption: string;
  services: TServiceListItem[];
  /** Show the date column (a day view does without it). */
  showDate?: boolean;
  /** Where the edit page returns to. */
  returnHref: string;
};

/**
 * Services as a table: when, how long, what, for whom, by whom — with edit and delete while allowed.
 * Neither async nor "use client": server pages render it, and so does the day view's client list,
 * which swaps in the list a logging action answers with (day-services.tsx).
 */
export function ServiceTable({ caption, services, showDate = true, returnHref }: TProps) {
  const t = useTranslations("services");
  const tp = useTranslations("paths");
  const tc = useTranslations("common");
  const columns = [
    ...(showDate ? [t("columns.date")] : []),
    t("columns.time"),
    t("columns.duration"),
    t("columns.type"),
    t("columns.clients"),
    t("columns.providers"),
    t("columns.topic"),
    t("columns.actions"),
  ];
  return (
    <DataTable caption={caption} columns={columns}>
      {services.map((s) => (
        <tr key={s.id} className="border-b border-slate-200 align-top" data-testid="service-row">
          {showDate ? <td className="p-2 whitespace-nowrap">{isoDate(s.date)}</td> : null}
          <td className="p-2 whitespace-nowrap">{s.startTime ?? tc("none")}</td>
          <td className="p-2 whitespace-nowrap">{formatMinutes(s.durationMinutes)}</td>
          <td className="p-2">
            {tp(`supportTypes.${s.supportType}`)}
            {s.specialistArea ? ` (${tp(`specialistAreas.${s.specialistArea}`)})` : ""}
            <span className="block text-slate-600">
              {tp(`workForms.${s.form}`)} · {t(`channels.${s.channel}`)}
            </span>
          </td>
          <td className="p-2">
            <ul>
              {s.clients.map((c) => (
                <li key={c.id}>
                  <Link href={`/clients/${c.id}`} className="text-blue-800 underline">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          </td>
          <td className="p-2">{s.providers.map((p) => p.name).join(", ")}</td>
          <td className="p-2">
            {s.topic ?? tc("none")}
            {s.notes ? <span className="mt-1 block line-clamp-3 whitespace-pre-line text-slate-700">{s.notes}</span> : null}
            {s.nextSteps ? <span className="mt-1 block text-slate-600">{t("nextStepsShort", { text: s.nextSteps })}</span> : null}
          </td>
          <td className="p-2 whitespace-nowrap">
            {s.canChange ? (
              <span className="flex gap-3">
                <Link href={`/services/${s.id}/edit?back=${encodeURIComponent(returnHref)}`} className="text-blue-800 underline" aria-label={t("editLabel", { date: isoDate(s.date), type: tp(`supportTypes.${s.supportType}`) })}>
                  {tc("edit")}
                </Link>
                <DeleteServiceButton serviceId={s.id} label={t("deleteLabel", { date: isoDate(s.date), type: tp(`supportTypes.${s.supportType}`) })} />
              </span>
            ) : (
              tc("none")
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
