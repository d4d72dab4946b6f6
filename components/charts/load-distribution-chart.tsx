import { BarList } from "./bar-list";
import { ChartFigure, ChartTableRow } from "./chart-figure";
import { DEFAULT_CHART_LOCALE, formatChartNumber } from "./format";
import { TONE_FILLS, type TTone } from "./palette";

export type TLoadBucket = { key: string; label: string; count: number; href?: string; tone: TTone };

type TLoadDistributionChartProps = {
  title: string;
  /** From the lightest load to over the limit; the label names the bucket ("80–99 %"), the tone colours it. */
  buckets: TLoadBucket[];
  labels: { advisors: string; showTable: string; /** Shown instead of the chart when no bucket has an advisor. */ empty: string };
  /** The language numbers are written in (default Polish). */
  locale?: string;
};

/**
 * How many advisors fall in each bucket of caseload against their limit. The tone's colour only
 * repeats what the bucket's label says.
 */
export function LoadDistributionChart({ title, buckets, labels, locale = DEFAULT_CHART_LOCALE }: TLoadDistributionChartProps) {
  const isEmpty = buckets.every((bucket) => bucket.count === 0);
  return (
    <ChartFigure
      title={title}
      isEmpty={isEmpty}
      emptyMessage={labels.empty}
      showTable={labels.showTable}
      columns={[title, labels.advisors]}
      rows={buckets.map((bucket) => (
        <ChartTableRow key={bucket.key} header={bucket.label} cells={[formatChartNumber(bucket.count, locale)]} />
      ))}
    >
      <BarList
        locale={locale}
        items={buckets.map((bucket) => ({ key: bucket.key, label: bucket.label, count: bucket.count, href: bucket.href, fill: TONE_FILLS[bucket.tone] }))}
      />
    </ChartFigure>
  );
}
