import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganisationUnitForm } from "@/components/organisation/organisation-unit-form";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { listOffices } from "@/lib/domain/tenancy/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisation"))("officesTitle") };
}

// A centre has a handful of offices: the list is shown whole, without pagination.
export default async function OfficesPage() {
  const ctx = await requireSessionUser();
  const offices = await loadForPage(() => listOffices(ctx));
  const t = await getTranslations("organisation");
  const tc = await getTranslations("common");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("officesTitle")}</h1>
      {offices.length === 0 ? (
        <p className="mt-6">{t("emptyOffices")}</p>
      ) : (
        <DataTable caption={t("officesTitle")} columns={[t("name"), { label: t("address"), hideBelow: "sm" }, t("users")]}>
          {offices.map((office) => (
            <tr key={office.id} className="border-b border-slate-200">
              <td className="wrap-anywhere p-2">
                <TextLink href={`/admin/offices/${office.id}`}>{office.name}</TextLink>
              </td>
              <td className={cn("wrap-anywhere p-2", cellClass("sm"))}>{office.address ?? tc("none")}</td>
              <td className="p-2">{office._count.users}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {can(ctx.role, "organisation.manage") ? (
        <section aria-labelledby="new-office-heading" className="mt-10">
          <h2 id="new-office-heading" className="mb-4 text-lg font-semibold">
            {t("newOffice")}
          </h2>
          <OrganisationUnitForm unit="office" mode="create" />
        </section>
      ) : null}
    </>
  );
}
