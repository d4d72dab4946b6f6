import { BarList } from "./bar-list";
import { ChartFigure, ChartTableRow } from "./chart-figure";
import { DEFAULT_CHART_LOCALE, formatChartNumber } from "./format";
import { BAR_FILL } from "./palette";

export type TPathFunnelStep = { step: string; label: string; count: number; href?: string };

type TPathFunnelChartProps = {
  title: string;
  /** In path order; with `href` the step's label links to the list of its clients. */
  steps: TPathFunnelStep[];
  labels: { clients: string; showTable: string; /** Shown instead of the chart when no step has a client. */ empty: string };
  /** The language numbers are written in (default Polish). */
  locale?: string;
};

/** How many clients stand at each step of the support path: one bar per step, in path order. */
export function PathFunnelChart({ title, steps, labels, locale = DEFAULT_CHART_LOCALE }: TPathFunnelChartProps) {
  const isEmpty = steps.every((step) => step.count === 0);
  return (
    <ChartFigure
      title={title}
      isEmpty={isEmpty}
      emptyMessage={labels.empty}
      showTable={labels.showTable}
      columns={[title, labels.clients]}
      rows={steps.map((step) => (
        <ChartTableRow key={step.step} header={step.label} cells={[formatChartNumber(step.count, locale)]} />
      ))}
    >
      <BarList locale={locale} items={steps.map((step) => ({ key: step.step, label: step.label, count: step.count, href: step.href, fill: BAR_FILL }))} />
    </ChartFigure>
  );
}
