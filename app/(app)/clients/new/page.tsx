import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientForm } from "@/components/clients/client-form";
import { loadForPage } from "@/lib/actions/page";
import { assertCan } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { listClientOptions } from "@/lib/domain/clients/form-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients"))("newTitle") };
}

export default async function NewClientPage() {
  const ctx = await requireSessionUser();
  const options = await loadForPage(async () => {
    // The page is the registration form: refuse it (403, audited) to roles that cannot register.
    await assertCan(ctx, "clients.write");
    return listClientOptions(ctx);
  });
  const t = await getTranslations("clients");
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("newTitle")}</h1>
      <ClientForm mode="create" offices={options.offices} maySeeSensitive={can(ctx.role, "clients.read_sensitive")} />
    </>
  );
}
