import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganisationUnitForm } from "@/components/organisation/organisation-unit-form";
import { DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { listPartners } from "@/lib/domain/tenancy/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisation"))("partnersTitle") };
}

// A consortium has a handful of partners: the list is shown whole, without pagination.
export default async function PartnersPage() {
  const ctx = await requireSessionUser();
  const partners = await loadForPage(() => listPartners(ctx));
  const t = await getTranslations("organisation");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("partnersTitle")}</h1>
      {partners.length === 0 ? (
        <p className="mt-6">{t("emptyPartners")}</p>
      ) : (
        <DataTable caption={t("partnersTitle")} columns={[t("name"), t("users")]}>
          {partners.map((partner) => (
            <tr key={partner.id} className="border-b border-slate-200">
              <td className="wrap-anywhere p-2">
                <TextLink href={`/admin/partners/${partner.id}`}>{partner.name}</TextLink>
              </td>
              <td className="p-2">{partner._count.users}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {can(ctx.role, "organisation.manage") ? (
        <section aria-labelledby="new-partner-heading" className="mt-10">
          <h2 id="new-partner-heading" className="mb-4 text-lg font-semibold">
            {t("newPartner")}
          </h2>
          <OrganisationUnitForm unit="partner" mode="create" />
        </section>
      ) : null}
    </>
  );
}
