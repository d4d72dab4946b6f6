import { Bar } from "@visx/shape";
import { scaleLinear } from "@visx/scale";
import { TextLink } from "@/components/ui/text-link";
import { formatChartNumber, toPercent } from "./format";
import { TRACK } from "./palette";

export type TBarListItem = { key: string; label: string; count: number; href?: string; fill: string };

const BAR_HEIGHT = 14;

/**
 * Horizontal bars, one per item, each under a line of text with its label (a link when the item
 * has an `href`) and its count. The text is the chart for assistive technology, so the bars are
 * aria-hidden; an SVG with role="img" would hide the links inside it. The label sits above the bar,
 * not beside it, so long Polish labels wrap on a 360 px screen instead of squeezing the bar.
 */
export function BarList({ items, locale }: { items: TBarListItem[]; locale: string }) {
  const max = Math.max(...items.map((item) => item.count));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, 100] });
  return (
    <ol className="mt-3 space-y-3">
      {items.map((item) => (
        <li key={item.key}>
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="min-w-0 break-words">{item.href ? <TextLink href={item.href}>{item.label}</TextLink> : item.label}</span>
            <span className="shrink-0 font-semibold tabular-nums">{formatChartNumber(item.count, locale)}</span>
          </div>
          <svg aria-hidden="true" focusable="false" width="100%" height={BAR_HEIGHT} className="mt-1 block">
            <Bar x={0} y={0} width="100%" height={BAR_HEIGHT} fill={TRACK} rx={2} />
            <Bar data-bar={item.key} x={0} y={0} width={toPercent(x(item.count))} height={BAR_HEIGHT} fill={item.fill} rx={2} />
          </svg>
        </li>
      ))}
    </ol>
  );
}
