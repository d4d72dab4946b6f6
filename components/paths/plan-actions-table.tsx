import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { CALENDAR_DATE } from "@/lib/dates";
import { namer, type TCatalogue } from "@/lib/domain/catalogue/names";

type TAction = {
  id: string;
  supportType: string;
  specialistArea: string | null;
  description: string;
  plannedFrom: Date | null;
  plannedTo: Date | null;
  responsibleUserId: string | null;
  expectedResult: string | null;
  status: string;
};

/**
 * A plan version's actions, read-only (also used by the printable card); support types and areas
 * by their names in the tenant's catalogue.
 */
export async function PlanActionsTable({
  actions,
  people,
  caption,
  catalogue,
}: {
  actions: TAction[];
  people: Record<string, string>;
  caption: string;
  catalogue: Pick<TCatalogue, "supportTypes" | "specialistAreas">;
}) {
  const t = await getTranslations("paths");
  const locale = await getLocale();
  const typeName = namer(catalogue.supportTypes, locale);
  const areaName = namer(catalogue.specialistAreas, locale);
  const format = await getFormatter();
  const day = (d: Date | null) => (d ? format.dateTime(d, CALENDAR_DATE) : "—");
  return (
    <DataTable caption={caption} columns={[{ label: "#", hideBelow: "sm" }, t("fields.supportType"), t("fields.actionDescription"), { label: t("plannedPeriod"), hideBelow: "md" }, { label: t("fields.responsible"), hideBelow: "lg" }, { label: t("fields.expectedResult"), hideBelow: "lg" }, t("fields.actionStatus")]} className="">
        {actions.map((a, i) => (
          <tr key={a.id} className="border-b border-slate-200 align-top">
            <td className={`p-2 ${cellClass("sm")}`}>{i + 1}</td>
            <td className="wrap-anywhere p-2">
              {typeName(a.supportType)}
              {a.specialistArea ? ` — ${areaName(a.specialistArea)}` : ""}
            </td>
            <td className="wrap-anywhere p-2 whitespace-pre-line">{a.description}</td>
            <td className={`p-2 ${cellClass("md")}`}>
              {day(a.plannedFrom)} – {day(a.plannedTo)}
            </td>
            <td className={`p-2 ${cellClass("lg")}`}>{a.responsibleUserId ? (people[a.responsibleUserId] ?? "—") : "—"}</td>
            <td className={`wrap-anywhere p-2 ${cellClass("lg")}`}>{a.expectedResult ?? "—"}</td>
            <td className="p-2">{t(`actionStatuses.${a.status}`)}</td>
          </tr>
        ))}
    </DataTable>
  );
}
