import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminDashboard } from "@/components/dashboard/admin-dashboard";
import { AdvisorDashboard } from "@/components/dashboard/advisor-dashboard";
import { AuditorDashboard } from "@/components/dashboard/auditor-dashboard";
import { CoordinatorDashboard } from "@/components/dashboard/coordinator-dashboard";
import { DeliveryDashboard } from "@/components/dashboard/delivery-dashboard";
import { ManagerDashboard } from "@/components/dashboard/manager-dashboard";
import { PrivacyDashboard } from "@/components/dashboard/privacy-dashboard";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getDashboard } from "@/lib/domain/dashboard/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

/** The Pulpit: what the caller's role watches every morning, each number a link to the list it counts. */
export default async function DashboardPage() {
  const user = await requireSessionUser();
  const data = await loadForPage(() => getDashboard(user));
  const t = await getTranslations("dashboard");
  const tr = await getTranslations("roles");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-800">
        {t("welcome", { name: user.name })} {t("role", { role: tr(user.role) })}
      </p>
      {data.role === "MANAGER" ? <ManagerDashboard data={data} /> : null}
      {data.role === "COORDINATOR" ? <CoordinatorDashboard data={data} /> : null}
      {data.role === "KEY_ADVISOR" ? <AdvisorDashboard data={data} /> : null}
      {data.role === "ANIMATOR" || data.role === "SPECIALIST" ? <DeliveryDashboard data={data} /> : null}
      {data.role === "AUDITOR" ? <AuditorDashboard data={data} /> : null}
      {data.role === "ADMIN" ? <AdminDashboard data={data} /> : null}
      {data.role === "IOD" ? <PrivacyDashboard data={data} /> : null}
    </>
  );
}
