import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InstitutionForm } from "@/components/cooperation/institution-form";
import { RetireInstitutionButton } from "@/components/cooperation/retire-institution-button";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { getInstitution } from "@/lib/domain/cooperation/institutions";
import { cooperationLogHref } from "@/lib/domain/cooperation/log-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cooperation.directory"))("title") };
}

/** One institution: its details to edit, and retiring it from the directory (or bringing it back). */
export default async function InstitutionPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const institution = await loadForPage(() => getInstitution(ctx, id));
  const t = await getTranslations("cooperation.directory");
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href="/cooperation/institutions">{t("back")}</TextLink>
      </p>
      <h1 className="mb-2 text-2xl font-bold wrap-anywhere">{t("editTitle", { name: institution.name })}</h1>
      <p className="mb-6 text-slate-700">
        {t("exchangeCount", { count: institution.exchangeCount })}
        {institution.exchangeCount > 0 && can(ctx.role, "cooperation.list") ? (
          <>
            {" · "}
            <TextLink href={cooperationLogHref({ institutionId: institution.id })}>{t("logLink")}</TextLink>
          </>
        ) : null}
      </p>
      <InstitutionForm
        mode="edit"
        id={institution.id}
        defaults={{
          name: institution.name,
          kind: institution.kind,
          town: institution.town ?? "",
          address: institution.address ?? "",
          email: institution.email ?? "",
          phone: institution.phone ?? "",
        }}
      />
      <section aria-labelledby="institution-state-heading" className="mt-10 flex max-w-xl flex-col gap-3">
        <h2 id="institution-state-heading" className="text-lg font-semibold">
          {t("stateSection")}
        </h2>
        {institution.retiredAt ? <Alert tone="info">{t("retiredNote")}</Alert> : null}
        <RetireInstitutionButton institutionId={institution.id} retired={institution.retiredAt !== null} />
      </section>
    </>
  );
}
