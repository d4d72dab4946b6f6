import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ExchangeForm } from "@/components/cooperation/exchange-form";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { getNewExchangePage } from "@/lib/domain/cooperation/exchange-form";
import { emptyExchange } from "@/lib/domain/cooperation/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cooperation.form"))("newTitle") };
}

/** Logs an exchange of information with an institution; `?clientId=` opens it about that client. */
export default async function NewExchangePage({ searchParams }: { searchParams: Promise<{ clientId?: string }> }) {
  const ctx = await requireSessionUser();
  const { clientId } = await searchParams;
  const page = await loadForPage(() => getNewExchangePage(ctx, { clientId }));
  const t = await getTranslations("cooperation.form");
  return (
    <>
      {page.client ? (
        <p className="mb-2 text-sm">
          <TextLink href={`/clients/${page.client.id}`}>{page.client.name}</TextLink>
        </p>
      ) : null}
      <h1 className="mb-4 text-2xl font-bold">{t("newTitle")}</h1>
      <ExchangeForm
        mode={{ kind: "create" }}
        defaults={emptyExchange(page.today, page.client?.id)}
        options={page}
        directoryHref={can(ctx.role, "institutions.manage") ? "/cooperation/institutions" : null}
      />
    </>
  );
}
