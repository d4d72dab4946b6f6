import { getFormatter, getTranslations } from "next-intl/server";
import type { TDeliveryDashboard } from "@/lib/domain/dashboard/service";
import { hoursOf, HoursChart } from "./charts";
import { DashboardSection, StatTile, StatTiles } from "./stat-tile";

/** An animator's or specialist's own services: this week and this month, the clients served, the weekly hours. */
export async function DeliveryDashboard({ data }: { data: TDeliveryDashboard }) {
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  const hours = (minutes: number) => format.number(hoursOf(minutes));
  return (
    <DashboardSection id="services" title={t("sections.services")}>
      <StatTiles>
        <StatTile href={data.thisWeek.href} value={data.thisWeek.count} label={t("tiles.servicesWeek", { count: data.thisWeek.count, hours: hours(data.thisWeek.minutes) })} testId="week" />
        <StatTile href={data.thisMonth.href} value={data.thisMonth.count} label={t("tiles.servicesMonth", { count: data.thisMonth.count, hours: hours(data.thisMonth.minutes) })} testId="month" />
        <StatTile href={data.thisWeek.href} value={data.thisWeek.clients} label={t("tiles.clientsWeek", { count: data.thisWeek.clients })} testId="week-clients" />
        <StatTile href={data.thisMonth.href} value={data.thisMonth.clients} label={t("tiles.clientsMonth", { count: data.thisMonth.clients })} testId="month-clients" />
      </StatTiles>
      <div className="mt-4">
        <HoursChart title={t("charts.hoursOwn")} weeks={data.hours} supportTypes={data.supportTypes} />
      </div>
    </DashboardSection>
  );
}
