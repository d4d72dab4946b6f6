import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { isoDateOr } from "@/lib/dates";

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

const day = (d: Date | null) => isoDateOr(d, "—");

/** A plan version's actions, read-only (also used by the printable card). */
export async function PlanActionsTable({ actions, people, caption }: { actions: TAction[]; people: Record<string, string>; caption: string }) {
  const t = await getTranslations("paths");
  return (
    <DataTable caption={caption} columns={["#", t("fields.supportType"), t("fields.actionDescription"), t("plannedPeriod"), t("fields.responsible"), t("fields.expectedResult"), t("fields.actionStatus")]} className="">
        {actions.map((a, i) => (
          <tr key={a.id} className="border-b border-slate-200 align-top">
            <td className="p-2">{i + 1}</td>
            <td className="p-2">
              {t(`supportTypes.${a.supportType}`)}
              {a.specialistArea ? ` — ${t(`specialistAreas.${a.specialistArea}`)}` : ""}
            </td>
            <td className="p-2 whitespace-pre-line">{a.description}</td>
            <td className="p-2">
              {day(a.plannedFrom)} – {day(a.plannedTo)}
            </td>
            <td className="p-2">{a.responsibleUserId ? (people[a.responsibleUserId] ?? "—") : "—"}</td>
            <td className="p-2">{a.expectedResult ?? "—"}</td>
            <td className="p-2">{t(`actionStatuses.${a.status}`)}</td>
          </tr>
        ))}
    </DataTable>
  );
}
