import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PartnerForm } from "@/components/organisation/partner-form";
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
        <div className="mt-6 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("partnersTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">{t("name")}</th>
                <th scope="col" className="p-2">{t("users")}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((partner) => (
                <tr key={partner.id} className="border-b border-slate-200">
                  <td className="p-2">
                    <Link href={`/admin/partners/${partner.id}`} className="text-blue-800 underline">
                      {partner.name}
                    </Link>
                  </td>
                  <td className="p-2">{partner._count.users}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(ctx.role, "organisation.manage") ? (
        <section aria-labelledby="new-partner-heading" className="mt-10">
          <h2 id="new-partner-heading" className="mb-4 text-lg font-semibold">
            {t("newPartner")}
          </h2>
          <PartnerForm mode="create" />
        </section>
      ) : null}
    </>
  );
}
