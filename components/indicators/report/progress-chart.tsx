import { ChartFigure, ChartTableRow } from "@/components/charts/chart-figure";
import { DEFAULT_CHART_LOCALE, formatChartNumber, toPercent } from "@/components/charts/format";
import { BAR_FILL, INK, TRACK } from "@/components/charts/palette";

export type TProgressSeries = {
  id: string;
  name: string;
  target: number | null;
  /** The cumulative actual at the end of each month of `months`. */
  values: number[];
};

type TProgressChartProps = {
  title: string;
  /** The months as the reader says them ("sty 2026"), in order. */
  months: string[];
  series: TProgressSeries[];
  labels: {
    month: string;
    showTable: string;
    empty: string;
    summary: (name: string, value: string) => string;
    target: (target: string) => string;
  };
  locale?: string;
};

const ROW_HEIGHT = 40;
const CHART_HEIGHT = 40;

/**
 * Cumulative progress through the period, one strip per indicator: a column per month as high as
 * the actual by its end, against the indicator's target (or its final actual when it has none), with
 * a line at the target. Each strip is one image named by its final value and target; the table
 * behind the disclosure gives every month's number.
 */
export function IndicatorProgressChart({ title, months, series, labels, locale = DEFAULT_CHART_LOCALE }: TProgressChartProps) {
  const format = (value: number) => formatChartNumber(value, locale);
  const isEmpty = series.every((s) => s.values.every((v) => v === 0));
  const step = months.length > 0 ? 100 / months.length : 100;
  return (
    <ChartFigure
      title={title}
      isEmpty={isEmpty}
      emptyMessage={labels.empty}
      showTable={labels.showTable}
      columns={[labels.month, ...series.map((s) => s.name)]}
      rows={months.map((month, m) => (
        <ChartTableRow key={month} header={month} cells={series.map((s) => format(s.values[m] ?? 0))} />
      ))}
    >
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {series.map((s) => {
          const last = s.values.at(-1) ?? 0;
          const scale = Math.max(1, s.target ?? 0, last);
          const summary = `${labels.summary(s.name, format(last))}${s.target !== null ? `, ${labels.target(format(s.target))}` : ""}.`;
          return (
            <li key={s.id} className="min-w-0">
              <p className="text-sm text-slate-900">{s.name}</p>
              <svg role="img" aria-label={summary} width="100%" height={ROW_HEIGHT} className="mt-1 block">
                <rect x={0} y={0} width="100%" height={CHART_HEIGHT} fill={TRACK} />
                {s.values.map((value, m) =>
                  value > 0 ? (
                    <rect
                      key={m}
                      data-month={months[m]}
                      x={toPercent(m * step)}
                      y={CHART_HEIGHT - (value / scale) * CHART_HEIGHT}
                      width={toPercent(Math.max(step - 0.5, 0.5))}
                      height={(value / scale) * CHART_HEIGHT}
                      fill={BAR_FILL}
                    />
                  ) : null,
                )}
                {s.target !== null && s.target > 0 ? (
                  <line
                    x1="0"
                    x2="100%"
                    y1={CHART_HEIGHT - (s.target / scale) * CHART_HEIGHT + 1}
                    y2={CHART_HEIGHT - (s.target / scale) * CHART_HEIGHT + 1}
                    stroke={INK}
                    strokeWidth={2}
                    strokeDasharray="4 3"
                  />
                ) : null}
              </svg>
            </li>
          );
        })}
      </ul>
    </ChartFigure>
  );
}
