import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OpenPathForm } from "@/components/paths/open-path-form";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getOpenPathForm } from "@/lib/domain/paths/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("paths"))("openPathTitle") };
}

/**
 * The form offers the tenant's active path templates; the service checks the client and the
 * caller's right to open the path when the form is sent.
 */
export default async function NewPathPage({ searchParams }: { searchParams: Promise<{ clientId?: string }> }) {
  const ctx = await requireSessionUser();
  const { clientId } = await searchParams;
  const { templates } = await loadForPage(() => getOpenPathForm(ctx));
  const t = await getTranslations("paths");
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("openPathTitle")}</h1>
      <OpenPathForm clientId={clientId ?? ""} templates={templates} />
    </>
  );
}
