import { getTranslations } from "next-intl/server";
import { LoadText } from "@/components/caseload/load-bar";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import type { TCoordinatorDashboard } from "@/lib/domain/dashboard/service";
import { FunnelChart, HoursChart, LoadChart } from "./charts";
import { MonthsTable } from "./manager-dashboard";
import { OverdueChecksTile, OverdueTile, PlansWaitingTile } from "./attention-tiles";
import { DashboardSection, StatTiles } from "./stat-tile";

/** The coordinator's view of their partner: the plan inbox, the advisors' loads, overdue paths, the funnel and hours. */
export async function CoordinatorDashboard({ data }: { data: TCoordinatorDashboard }) {
  const t = await getTranslations("dashboard");
  return (
    <>
      <DashboardSection id="decisions" title={t("sections.attention")}>
        <StatTiles>
          <PlansWaitingTile plans={data.plans} />
          <OverdueTile overdue={data.overdue} />
          <OverdueChecksTile checks={data.overdueChecks} />
        </StatTiles>
      </DashboardSection>

      <DashboardSection id="advisors" title={t("sections.advisors")}>
        {data.advisors.length === 0 ? (
          <p className="mt-2">{t("advisorsTable.empty")}</p>
        ) : (
          <DataTable caption={t("advisorsTable.caption")} className="mt-3" columns={[t("advisorsTable.advisor"), t("advisorsTable.load"), t("advisorsTable.status")]}>
            {data.advisors.map((a) => (
              <tr key={a.id} data-testid="advisor-row" className={cn("border-b border-slate-200", a.overLimit && "bg-red-50")}>
                <th scope="row" className="p-2 font-medium">
                  <TextLink href={`/clients?advisorId=${a.id}`}>{a.name}</TextLink>
                </th>
                <td className="p-2 font-semibold">
                  <LoadText load={a.load} limit={a.limit} />
                </td>
                <td className="p-2">
                  {a.overLimit ? (
                    <strong className="font-semibold text-red-800">{t("advisorsTable.over", { over: a.load - a.limit })}</strong>
                  ) : a.full ? (
                    <strong className="font-semibold text-amber-900">{t("advisorsTable.full")}</strong>
                  ) : (
                    t("advisorsTable.free", { free: a.limit - a.load })
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <p className="mt-2">
          <TextLink href="/caseload">{t("sections.advisors")}</TextLink>
        </p>
        <div className="mt-4">
          <LoadChart title={t("charts.loads")} buckets={data.buckets} />
        </div>
      </DashboardSection>

      <DashboardSection id="clients" title={t("sections.clients")}>
        <div className="mt-3">
          <FunnelChart title={t("charts.funnelPartner")} steps={data.funnel} />
        </div>
      </DashboardSection>

      <DashboardSection id="services" title={t("sections.services")}>
        <MonthsTable thisMonth={data.thisMonth} supportTypes={data.supportTypes} />
        <div className="mt-4">
          <HoursChart title={t("charts.hoursPartner")} weeks={data.hours} supportTypes={data.supportTypes} />
        </div>
      </DashboardSection>
    </>
  );
}
