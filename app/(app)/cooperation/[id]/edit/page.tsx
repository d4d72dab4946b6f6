import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ExchangeForm } from "@/components/cooperation/exchange-form";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { getExchangeForEdit } from "@/lib/domain/cooperation/exchange-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cooperation.form"))("editTitle") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ back?: string }> };

/** Only a path inside the app: never another site. */
const safeBack = (back: string | undefined) => (back && back.startsWith("/") && !back.startsWith("//") ? back : null);

/** Edits an exchange (its author or a manager; anyone else finds nothing here). */
export default async function EditExchangePage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const back = safeBack((await searchParams).back);
  const exchange = await loadForPage(() => getExchangeForEdit(ctx, id));
  const t = await getTranslations("cooperation.form");
  const returnHref = back ?? (exchange.clientId ? `/clients/${exchange.clientId}` : can(ctx.role, "cooperation.list") ? "/cooperation" : null);
  return (
    <>
      {returnHref ? (
        <p className="mb-2 text-sm">
          <TextLink href={returnHref}>{t("back")}</TextLink>
        </p>
      ) : null}
      <h1 className="mb-4 text-2xl font-bold">{t("editTitle")}</h1>
      <ExchangeForm
        mode={{ kind: "edit", exchangeId: exchange.id }}
        defaults={exchange.values}
        options={exchange.options}
        directoryHref={can(ctx.role, "institutions.manage") ? "/cooperation/institutions" : null}
      />
    </>
  );
}
