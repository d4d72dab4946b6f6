import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { getTenantPolicy } from "@/lib/domain/tenancy/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const user = await requireSessionUser();
  const policy = await getTenantPolicy(user);
  const t = await getTranslations("dashboard");
  const tr = await getTranslations("roles");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <div className="mt-4 space-y-1 text-slate-800">
        <p>{t("welcome", { name: user.name })}</p>
        <p>{t("role", { role: tr(user.role) })}</p>
        <p>{t("tenant", { tenant: policy.name })}</p>
        <p>{t("policy", { max: policy.maxClientsPerAdvisor })}</p>
      </div>
    </>
  );
}
