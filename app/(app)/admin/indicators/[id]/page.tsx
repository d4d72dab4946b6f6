import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IndicatorActiveButton } from "@/components/indicators/admin/indicator-active-button";
import { IndicatorForm } from "@/components/indicators/admin/indicator-form";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getIndicatorEditPage } from "@/lib/domain/indicators/admin-pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicatorsAdmin"))("title") };
}

/** One indicator: its details to edit, and retiring it (or bringing it back). */
export default async function IndicatorEditPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const { indicator, hasEvidence } = await loadForPage(() => getIndicatorEditPage(ctx, id));
  const t = await getTranslations("indicatorsAdmin");
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href="/admin/indicators">{t("back")}</TextLink>
      </p>
      <h1 className="mb-2 text-2xl font-bold wrap-anywhere">{t("editTitle", { name: indicator.name })}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{hasEvidence ? t("sourceLockedNote") : t("sourceFreeNote")}</p>
      <IndicatorForm
        mode="edit"
        id={indicator.id}
        sourceLocked={hasEvidence}
        defaults={{
          code: indicator.code,
          name: indicator.name,
          nameEn: indicator.nameEn ?? "",
          unit: indicator.unit,
          evidenceKind: indicator.evidenceKind,
          description: indicator.description ?? "",
          position: String(indicator.position),
          source: indicator.source,
          resultType: indicator.resultType === null || indicator.resultType === "OTHER" ? "" : indicator.resultType,
        }}
      />
      <section aria-labelledby="indicator-state-heading" className="mt-10 flex max-w-xl flex-col gap-3">
        <h2 id="indicator-state-heading" className="text-lg font-semibold">
          {t("state.title")}
        </h2>
        <p className="text-slate-700">{t("state.rule")}</p>
        {indicator.active ? null : <Alert tone="info">{t("state.retiredNote")}</Alert>}
        <IndicatorActiveButton indicatorId={indicator.id} active={indicator.active} />
      </section>
    </>
  );
}
