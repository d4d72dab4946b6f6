import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import type { TAuditorDashboard } from "@/lib/domain/dashboard/service";
import { DashboardSection, StatTile, StatTiles } from "./stat-tile";

/** The auditor's view: the audit trail's entries of the last 7 days per kind of record. */
export async function AuditorDashboard({ data }: { data: TAuditorDashboard }) {
  const t = await getTranslations("dashboard");
  const ta = await getTranslations("audit.entities");
  const format = await getFormatter();
  const entity = (type: string) => (ta.has(type) ? ta(type) : type);
  return (
    <DashboardSection id="audit" title={t("sections.audit")}>
      <p className="mt-2 text-slate-700">{t("auditSince", { date: format.dateTime(dateOnly(data.since), CALENDAR_DATE) })}</p>
      {data.byType.length === 0 ? (
        <p className="mt-2">{t("auditEmpty")}</p>
      ) : (
        <StatTiles>
          {data.byType.map((row) => (
            <StatTile key={row.entityType} href={row.href} value={row.count} label={t("tiles.auditEntries", { count: row.count, entity: entity(row.entityType) })} testId={`audit-${row.entityType}`} />
          ))}
        </StatTiles>
      )}
    </DashboardSection>
  );
}
