import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import type { TPrivacyDashboard } from "@/lib/domain/dashboard/service";
import { DashboardSection, StatTile, StatTiles } from "./stat-tile";

/** The data protection officer's view: requests by deadline, retention decisions waiting, and views of persons' data. */
export async function PrivacyDashboard({ data }: { data: TPrivacyDashboard }) {
  const t = await getTranslations("dashboard.iod");
  const format = await getFormatter();
  const { open, overdue, dueSoon } = data.requests;
  return (
    <>
      <DashboardSection id="requests" title={t("sections.requests")}>
        <StatTiles>
          <StatTile href={open.href} value={open.count} label={t("tiles.open", { count: open.count })} testId="requests-open" />
          <StatTile
            href={overdue.href}
            value={overdue.count}
            label={t("tiles.overdue", { count: overdue.count })}
            tone={overdue.count ? "alert" : "plain"}
            testId="requests-overdue"
          />
          <StatTile
            href={dueSoon.href}
            value={dueSoon.count}
            label={t("tiles.dueSoon", { count: dueSoon.count })}
            tone={dueSoon.count ? "alert" : "plain"}
            testId="requests-due-soon"
          />
        </StatTiles>
      </DashboardSection>
      <DashboardSection id="privacy-records" title={t("sections.records")}>
        <StatTiles>
          <StatTile
            href={data.retentionWaiting.href}
            value={data.retentionWaiting.count}
            label={t("tiles.retentionWaiting", { count: data.retentionWaiting.count })}
            tone={data.retentionWaiting.count ? "alert" : "plain"}
            testId="retention-waiting"
          />
          <StatTile
            href={data.accessLog.href}
            value={data.accessLog.count}
            label={t("tiles.accessLog", { count: data.accessLog.count })}
            detail={t("tiles.accessLogSince", { date: format.dateTime(dateOnly(data.accessLog.since), CALENDAR_DATE) })}
            testId="access-log-week"
          />
        </StatTiles>
      </DashboardSection>
    </>
  );
}
