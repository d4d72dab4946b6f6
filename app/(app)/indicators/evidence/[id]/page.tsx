import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { EvidenceForm } from "@/components/indicators/evidence/evidence-form";
import { WithdrawEvidenceForm } from "@/components/indicators/evidence/withdraw-evidence-form";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import { getEvidencePage } from "@/lib/domain/indicators/evidence-pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicatorEvidence"))("recordTitle") };
}

/** One piece of evidence: what it is and who registered it, its correction and withdrawal (or why it was withdrawn). */
export default async function EvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const page = await loadForPage(() => getEvidencePage(ctx, id));
  const t = await getTranslations("indicatorEvidence");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href="/indicators/evidence">{t("back")}</TextLink>
      </p>
      <h1 className="mb-2 text-2xl font-bold wrap-anywhere">{t("recordHeading", { reference: page.values.reference, indicator: page.indicator.name })}</h1>
      <p className="mb-2 max-w-3xl text-slate-700">{t("rule")}</p>
      <dl className="mb-6 grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("fields.indicator")}</dt>
        <dd>{page.indicator.name}</dd>
        <dt className="font-medium">{t("fields.client")}</dt>
        <dd>{page.client ? <TextLink href={`/clients/${page.client.id}`}>{page.client.name}</TextLink> : tc("none")}</dd>
        <dt className="font-medium">{t("registeredBy")}</dt>
        <dd>
          {page.createdBy}, {format.dateTime(page.createdAt, INSTANT_DATE_TIME)}
        </dd>
      </dl>
      {page.withdrawn ? (
        <Alert tone="info">
          {t("withdrawnNote", {
            by: page.withdrawn.by ?? tc("none"),
            at: format.dateTime(page.withdrawn.at, INSTANT_DATE_TIME),
            reason: page.withdrawn.reason ?? "",
          })}
        </Alert>
      ) : (
        <>
          <section aria-labelledby="correct-heading">
            <h2 id="correct-heading" className="mb-4 text-lg font-semibold">
              {t("correctTitle")}
            </h2>
            <EvidenceForm
              mode="edit"
              id={page.id}
              defaults={page.values}
              indicators={page.options.indicators}
              clients={page.options.clients}
              today={page.options.today}
            />
          </section>
          <section aria-labelledby="withdraw-heading" className="mt-10">
            <h2 id="withdraw-heading" className="mb-2 text-lg font-semibold">
              {t("withdraw.title")}
            </h2>
            <p className="mb-4 max-w-3xl text-slate-700">{t("withdraw.rule")}</p>
            <WithdrawEvidenceForm evidenceId={page.id} />
          </section>
        </>
      )}
    </>
  );
}
