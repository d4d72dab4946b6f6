import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EvidenceForm } from "@/components/indicators/evidence/evidence-form";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getNewEvidencePage } from "@/lib/domain/indicators/evidence-pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicatorEvidence"))("register") };
}

/** Registers a piece of evidence for an indicator counted by hand. */
export default async function NewEvidencePage() {
  const ctx = await requireSessionUser();
  const options = await loadForPage(() => getNewEvidencePage(ctx));
  const t = await getTranslations("indicatorEvidence");
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href="/indicators/evidence">{t("back")}</TextLink>
      </p>
      <h1 className="mb-2 text-2xl font-bold">{t("register")}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{t("rule")}</p>
      {options.indicators.length === 0 ? (
        <p>{t("noManualIndicators")}</p>
      ) : (
        <EvidenceForm mode="create" indicators={options.indicators} clients={options.clients} today={options.today} />
      )}
    </>
  );
}
