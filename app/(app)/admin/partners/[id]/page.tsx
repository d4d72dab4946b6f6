import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganisationUnitForm } from "@/components/organisation/organisation-unit-form";
import { TextLink } from "@/components/ui/text-link";
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
        <TextLink href="/admin/partners">{t("backToPartners")}</TextLink>
      </p>
      <h1 className="mb-6 text-2xl font-bold">{canManage ? t("editPartner", { name: partner.name }) : t("partnerTitle", { name: partner.name })}</h1>
      <dl className="mb-8 grid max-w-xl grid-cols-[auto_minmax(0,1fr)] gap-x-6 wrap-anywhere gap-y-2">
        {canManage ? null : (
          <>
            <dt className="font-medium">{t("name")}</dt>
            <dd>{partner.name}</dd>
          </>
        )}
        <dt className="font-medium">{t("users")}</dt>
        <dd>{partner._count.users}</dd>
      </dl>
      {canManage ? <OrganisationUnitForm unit="partner" mode="edit" id={partner.id} defaults={{ name: partner.name }} /> : null}
    </>
  );
}
