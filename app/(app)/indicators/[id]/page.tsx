import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ReportPeriodForm } from "@/components/indicators/report/period-form";
import { EvidenceTable } from "@/components/indicators/report/evidence-table";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { cutValueLabel, indicatorName, periodLabel } from "@/lib/domain/indicators/report/labels";
import { getIndicatorEvidencePage } from "@/lib/domain/indicators/report/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators.report"))("title") };
}

type TSearch = { period?: string; cut?: string; value?: string; page?: string };

/** The drill-down: the evidence behind one indicator's actual in a period (optionally one cut value), each linked. */
export default async function IndicatorEvidencePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const page = await loadForPage(() =>
    getIndicatorEvidencePage(ctx, id, {
      ...query,
      page: Number(query.page) || 1,
    }),
  );
  const t = await getTranslations("indicators");
  const root = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const name = indicatorName(page.indicator, locale);
  const periodName = periodLabel(root, page.periodKey);
  const { rule } = page.indicator;
  const hrefFor = (n: number) => {
    const q = new URLSearchParams({ period: page.periodKey });
    if (page.cut) {
      q.set("cut", page.cut.kind);
      q.set("value", page.cut.value);
    }
    if (n > 1) q.set("page", String(n));
    return `/indicators/${page.indicator.id}?${q.toString()}`;
  };

  return (
    <>
      <p>
        <TextLink href={`/indicators?period=${encodeURIComponent(page.periodKey)}`}>{t("drill.back")}</TextLink>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t("drill.title", { name })}</h1>
      <ReportPeriodForm
        periodKey={page.periodKey}
        cutKind={null}
        choices={page.periodChoices}
        withCut={false}
        hidden={page.cut ? { cut: page.cut.kind, value: page.cut.value } : {}}
      />
      {page.period === null ? (
        <p className="mt-6 rounded border border-amber-700 bg-amber-50 p-3">{t("report.projectUnset")}</p>
      ) : (
        <>
          <p className="mt-6 text-lg font-semibold" data-testid="drill-actual" data-actual={page.actual}>
            {t("drill.summary", {
              period: periodName,
              actual: format.number(page.actual),
              unit: page.indicator.unit,
            })}
          </p>
          {page.target !== null ? (
            <p>
              {t("drill.summaryTarget", {
                target: page.target,
                percent: page.percent ?? 0,
              })}
            </p>
          ) : null}
          {page.cut ? (
            <p className="mt-2">
              {t("drill.cutSummary", {
                cut: t(`report.cuts.${page.cut.kind}`),
                value: cutValueLabel(root, page.cut.kind, page.cut),
                actual: page.cut.actual,
              })}{" "}
              · <TextLink href={`/indicators/${page.indicator.id}?period=${encodeURIComponent(page.periodKey)}`}>{t("drill.clearCut")}</TextLink>
            </p>
          ) : null}
          <p className="mt-2 text-sm text-slate-700">
            {t("drill.rule", {
              what: t(`rules.what.${page.indicator.source}`),
              oncePer: t(`rules.oncePer.${rule.oncePer}`),
              date: t(`rules.dates.${rule.date}`),
            })}
          </p>
          <p className="mt-4 font-semibold" data-testid="drill-total" data-count={page.total}>
            {t("drill.count", { count: page.total })}
          </p>
          {page.items.length === 0 ? (
            <p className="mt-4">{t("drill.empty")}</p>
          ) : (
            <EvidenceTable items={page.items} caption={t("drill.caption", { name, period: periodName })} />
          )}
          <Pagination result={page} hrefFor={hrefFor} />
        </>
      )}
    </>
  );
}
