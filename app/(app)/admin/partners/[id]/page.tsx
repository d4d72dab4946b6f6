import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PartnerForm } from "@/components/organisation/partner-form";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { getPartner } from "@/lib/domain/tenancy/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisation"))("partnersTitle") };
}

export default async function PartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const partner = await loadForPage(() => getPartner(ctx, id));
  const t = await getTranslations("organisation");
  const canManage = can(ctx.role, "organisation.manage");
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/admin/partners" className="text-blue-800 underline">
          {t("backToPartners")}
        </Link>
      </p>
      <h1 className="mb-6 text-2xl font-bold">{canManage ? t("editPartner", { name: partner.name }) : t("partnerTitle", { name: partner.name })}</h1>
      <dl className="mb-8 grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        {canManage ? null : (
          <>
            <dt className="font-medium">{t("name")}</dt>
            <dd>{partner.name}</dd>
          </>
        )}
        <dt className="font-medium">{t("users")}</dt>
        <dd>{partner._count.users}</dd>
      </dl>
      {canManage ? <PartnerForm mode="edit" partnerId={partner.id} defaults={{ name: partner.name }} /> : null}
    </>
  );
}
