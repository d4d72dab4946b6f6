import { getFormatter, getTranslations } from "next-intl/server";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { CALENDAR_DATE, INSTANT_DATE } from "@/lib/dates";
import type { TAdvisorDashboard } from "@/lib/domain/dashboard/service";
import { hoursOf, HoursChart } from "./charts";
import { OverdueChecksTile, OverdueTile } from "./attention-tiles";
import { DashboardSection, StatTile, StatTiles } from "./stat-tile";

/** The key advisor's day: their clients with where each stands, returned plans, overdue monitoring, today's services and the week's hours. */
export async function AdvisorDashboard({ data }: { data: TAdvisorDashboard }) {
  const t = await getTranslations("dashboard");
  const ts = await getTranslations("paths.steps");
  const format = await getFormatter();
  const { clients } = data;
  return (
    <>
      <DashboardSection id="attention" title={t("sections.attention")}>
        <StatTiles>
          <StatTile href={clients.href} value={clients.count} label={t("tiles.myClients", { count: clients.count })} testId="my-clients" />
          <StatTile href={data.returned.href} value={data.returned.count} label={t("tiles.returned", { count: data.returned.count })} tone={data.returned.count ? "alert" : "plain"} testId="returned" />
          <OverdueTile overdue={data.overdue} />
          <OverdueChecksTile checks={data.overdueChecks} />
          <StatTile
            href={data.today.href}
            value={data.today.count}
            label={t("tiles.servicesToday", { count: data.today.count })}
            detail={<TextLink href="/services">{t("dayView")}</TextLink>}
            testId="today"
          />
          <StatTile href={data.thisWeek.href} value={format.number(hoursOf(data.thisWeek.minutes))} label={t("tiles.hoursWeek")} testId="week-hours" />
        </StatTiles>
      </DashboardSection>

      <DashboardSection id="my-clients" title={t("sections.myClients")}>
        {clients.items.length === 0 ? (
          <p className="mt-2">{t("clientsTable.empty")}</p>
        ) : (
          <DataTable
            caption={t("clientsTable.caption")}
            className="mt-3"
            columns={[t("clientsTable.client"), t("clientsTable.step"), { label: t("clientsTable.lastContact"), hideBelow: "md" }, t("clientsTable.nextDue")]}
          >
            {clients.items.map(({ id, name, progress }) => {
              const next = progress?.nextDue ?? null;
              return (
                <tr key={id} className="border-b border-slate-200" data-testid="my-client-row">
                  <th scope="row" className="p-2 font-medium">
                    <TextLink href={`/clients/${id}`}>{name}</TextLink>
                  </th>
                  <td className="p-2">{progress?.step ? ts(progress.step) : t("clientsTable.noPath")}</td>
                  <td className={`p-2 ${cellClass("md")}`}>{progress?.lastContact ? format.dateTime(progress.lastContact, CALENDAR_DATE) : t("clientsTable.never")}</td>
                  <td className="p-2">
                    {next ? (
                      <>
                        {next.kind === "MONITORING"
                          ? t("clientsTable.monitoring", { date: format.dateTime(next.date, INSTANT_DATE) })
                          : t("clientsTable.planAction", { action: next.actionDescription ?? "", date: format.dateTime(next.date, CALENDAR_DATE) })}
                        {next.overdue ? <strong className="ml-1 font-semibold text-red-800">({t("clientsTable.overdue")})</strong> : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
        {clients.count > clients.items.length ? (
          <p className="mt-2">
            <TextLink href={clients.href}>{t("clientsTable.more", { count: clients.count })}</TextLink>
          </p>
        ) : null}
      </DashboardSection>

      <DashboardSection id="services" title={t("sections.services")}>
        <div className="mt-3">
          <HoursChart title={t("charts.hoursOwn")} weeks={data.hours} supportTypes={data.supportTypes} />
        </div>
      </DashboardSection>
    </>
  );
}
