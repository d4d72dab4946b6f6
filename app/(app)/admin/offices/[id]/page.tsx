import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganisationUnitForm } from "@/components/organisation/organisation-unit-form";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { getOffice } from "@/lib/domain/tenancy/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisation"))("officesTitle") };
}

export default async function OfficePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const office = await loadForPage(() => getOffice(ctx, id));
  const t = await getTranslations("organisation");
  const tc = await getTranslations("common");
  const canManage = can(ctx.role, "organisation.manage");
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href="/admin/offices">{t("backToOffices")}</TextLink>
      </p>
      <h1 className="mb-6 text-2xl font-bold">{canManage ? t("editOffice", { name: office.name }) : t("officeTitle", { name: office.name })}</h1>
      <dl className="mb-8 grid max-w-xl grid-cols-[auto_minmax(0,1fr)] gap-x-6 wrap-anywhere gap-y-2">
        {canManage ? null : (
          <>
            <dt className="font-medium">{t("name")}</dt>
            <dd>{office.name}</dd>
            <dt className="font-medium">{t("address")}</dt>
            <dd>{office.address ?? tc("none")}</dd>
          </>
        )}
        <dt className="font-medium">{t("users")}</dt>
        <dd>{office._count.users}</dd>
      </dl>
      {canManage ? <OrganisationUnitForm unit="office" mode="edit" id={office.id} defaults={{ name: office.name, address: office.address ?? "" }} /> : null}
    </>
  );
}
