import { useId } from "react";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { Text } from "@visx/text";
import { ChartFigure, ChartTableRow } from "./chart-figure";
import { DEFAULT_CHART_LOCALE, formatChartNumber, toPercent } from "./format";
import { INK, TRACK } from "./palette";
import { SeriesPatterns, seriesFill } from "./series-patterns";

export type THoursWeek = {
  /** YYYY-MM-DD, a Monday. */
  weekStart: string;
  /** The week as the reader says it ("3 lis"). */
  weekLabel: string;
  byType: { type: string; label: string; hours: number }[];
};

type THoursPerWeekChartProps = {
  title: string;
  /** Oldest first. */
  weeks: THoursWeek[];
  labels: { hours: string; week: string; total: string; showTable: string; /** Shown instead of the chart when no week has an hour. */ empty: string };
  /** The language numbers are written in (default Polish). */
  locale?: string;
};

const FONT_SIZE = 14;
const LABEL_HEIGHT = 20;
const BAR_HEIGHT = 18;
const ROW_GAP = 12;
const ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;

type TSeries = { type: string; label: string };

/** Every support type of the period once, in the order it first appears. */
function seriesOf(weeks: THoursWeek[]): TSeries[] {
  const series = new Map<string, string>();
  for (const week of weeks) for (const entry of week.byType) if (!series.has(entry.type)) series.set(entry.type, entry.label);
  return [...series].map(([type, label]) => ({ type, label }));
}

function hoursOf(week: THoursWeek, type: string): number {
  return week.byType.reduce((sum, entry) => (entry.type === type ? sum + entry.hours : sum), 0);
}

/**
 * Hours of support per week, stacked by support type: one horizontal bar per week under a line with
 * the week and its total, so a phone shows thirteen weeks without crowding an axis. The SVG is one
 * image named by a summary of the weekly totals; the legend names the series (colour and pattern)
 * and the table behind the disclosure gives every number.
 */
export function HoursPerWeekChart({ title, weeks, labels, locale = DEFAULT_CHART_LOCALE }: THoursPerWeekChartProps) {
  const idPrefix = `hours-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const series = seriesOf(weeks);
  const rows = weeks.map((week) => {
    const hours = series.map((entry) => hoursOf(week, entry.type));
    // Each segment starts where the previous ones end.
    const segments = hours.map((value, index) => ({ index, from: hours.slice(0, index).reduce((sum, earlier) => sum + earlier, 0), hours: value }));
    return { week, hours, segments, total: hours.reduce((sum, value) => sum + value, 0) };
  });
  const max = Math.max(0, ...rows.map((row) => row.total));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, 100] });
  const format = (value: number) => formatChartNumber(value, locale);
  const summary = `${title} (${labels.hours}). ${rows.map((row) => `${labels.week} ${row.week.weekLabel}: ${labels.total} ${format(row.total)}`).join("; ")}.`;

  return (
    <ChartFigure
      title={title}
      isEmpty={max === 0}
      emptyMessage={labels.empty}
      showTable={labels.showTable}
      columns={[labels.week, ...series.map((entry) => entry.label), labels.total]}
      rows={rows.map((row) => (
        <ChartTableRow key={row.week.weekStart} header={row.week.weekLabel} cells={[...row.hours.map(format), format(row.total)]} />
      ))}
    >
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {series.map((entry, index) => (
          <li key={entry.type} className="flex items-center gap-1.5">
            <svg aria-hidden="true" focusable="false" width={16} height={16} className="shrink-0">
              <rect width={16} height={16} fill={seriesFill(idPrefix, index)} />
            </svg>
            {entry.label}
          </li>
        ))}
      </ul>
      <svg role="img" aria-label={summary} width="100%" height={rows.length * ROW_HEIGHT} className="mt-3 block">
        <SeriesPatterns idPrefix={idPrefix} />
        {rows.map((row, rowIndex) => (
          <Group key={row.week.weekStart} top={rowIndex * ROW_HEIGHT}>
            <Text x={0} y={0} verticalAnchor="start" fontSize={FONT_SIZE} fill={INK}>
              {row.week.weekLabel}
            </Text>
            <Text x="100%" y={0} verticalAnchor="start" textAnchor="end" fontSize={FONT_SIZE} fontWeight={600} fill={INK}>
              {format(row.total)}
            </Text>
            <Bar x={0} y={LABEL_HEIGHT} width="100%" height={BAR_HEIGHT} fill={TRACK} />
            {row.segments
              .filter((segment) => segment.hours > 0)
              .map(({ index, from, hours }) => (
                <Bar
                  key={index}
                  data-bar={`${row.week.weekStart}:${series[index]?.type}`}
                  x={toPercent(x(from))}
                  y={LABEL_HEIGHT}
                  width={toPercent(x(hours))}
                  height={BAR_HEIGHT}
                  fill={seriesFill(idPrefix, index)}
                  stroke="white"
                  strokeWidth={1}
                />
              ))}
          </Group>
        ))}
      </svg>
    </ChartFigure>
  );
}
