import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TenantPolicyForm } from "@/components/organisation/tenant-policy-form";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getTenantPolicyForEdit } from "@/lib/domain/tenancy/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("policy"))("title") };
}

export default async function PolicyPage() {
  const ctx = await requireSessionUser();
  const policy = await loadForPage(() => getTenantPolicyForEdit(ctx));
  const t = await getTranslations("policy");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 mb-6 text-slate-700">{t("tenant", { tenant: policy.name })}</p>
      <TenantPolicyForm
        maxClientsPerAdvisor={policy.maxClientsPerAdvisor}
        monitoringOverdueDays={policy.monitoringOverdueDays}
        serviceEditWindowDays={policy.serviceEditWindowDays}
        trainingLimitPerPerson={policy.trainingLimitPerPerson}
        twoFactorRoles={policy.twoFactorRoles}
      />
    </>
  );
}
