/** A chart's number in the reader's language: 12.5 → "12,5" in Polish; at most two decimals, as a timesheet states hours. */
export function formatChartNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/**
 * A length as a percentage of the chart's width ("37.5%"). Bars are drawn in percent of the SVG's
 * own width, not in a viewBox, so they follow the container while the text keeps its size: a
 * viewBox would shrink the labels to a few pixels on a 360 px phone.
 */
export function toPercent(value: number): string {
  return `${Math.round(value * 100) / 100}%`;
}

/** The locale the charts format numbers in when the caller gives none: Polish is the default UI language. */
export const DEFAULT_CHART_LOCALE = "pl";
