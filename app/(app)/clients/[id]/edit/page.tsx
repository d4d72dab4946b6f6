import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientForm } from "@/components/clients/client-form";
import { clientFormValues } from "@/components/clients/client-form-values";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { listClientOptions } from "@/lib/domain/clients/form-options";
import { getClientForEdit } from "@/lib/domain/clients/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients"))("title") };
}

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const client = await loadForPage(() => getClientForEdit(ctx, id));
  const options = await loadForPage(() => listClientOptions(ctx));
  const t = await getTranslations("clients");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/clients/${client.id}`} className="text-blue-800 underline">
          {t("backToClient", { name: client.name })}
        </Link>
      </p>
      <h1 className="mb-6 text-2xl font-bold">{t("editTitle", { name: client.name })}</h1>
      <ClientForm
        mode="edit"
        clientId={client.id}
        defaults={clientFormValues(client)}
        offices={options.offices}
        maySeeSensitive={!client.sensitiveHidden}
      />
    </>
  );
}
