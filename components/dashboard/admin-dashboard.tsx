import { getTranslations } from "next-intl/server";
import type { TAdminDashboard } from "@/lib/domain/dashboard/service";
import { DashboardSection, StatTile, StatTiles } from "./stat-tile";

/** The administrator's view: accounts, partners and offices (no client data). */
export async function AdminDashboard({ data }: { data: TAdminDashboard }) {
  const t = await getTranslations("dashboard");
  return (
    <DashboardSection id="organisation" title={t("sections.organisation")}>
      <StatTiles>
        <StatTile href="/admin/users?active=active" value={data.usersActive} label={t("tiles.usersActive", { count: data.usersActive })} testId="users-active" />
        <StatTile href="/admin/users?active=inactive" value={data.usersInactive} label={t("tiles.usersInactive", { count: data.usersInactive })} testId="users-inactive" />
        <StatTile href="/admin/partners" value={data.partners} label={t("tiles.partners", { count: data.partners })} testId="partners" />
        <StatTile href="/admin/offices" value={data.offices} label={t("tiles.offices", { count: data.offices })} testId="offices" />
      </StatTiles>
    </DashboardSection>
  );
}
