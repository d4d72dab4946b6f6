import { getTranslations } from "next-intl/server";

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

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

/** A plan version's actions, read-only (also used by the printable card). */
export async function PlanActionsTable({ actions, people, caption }: { actions: TAction[]; people: Record<string, string>; caption: string }) {
  const t = await getTranslations("paths");
  return (
    <table className="w-full border-collapse bg-white text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="p-2">#</th>
          <th scope="col" className="p-2">{t("fields.supportType")}</th>
          <th scope="col" className="p-2">{t("fields.actionDescription")}</th>
          <th scope="col" className="p-2">{t("plannedPeriod")}</th>
          <th scope="col" className="p-2">{t("fields.responsible")}</th>
          <th scope="col" className="p-2">{t("fields.expectedResult")}</th>
          <th scope="col" className="p-2">{t("fields.actionStatus")}</th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}
