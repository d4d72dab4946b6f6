/**
 * Colours of chart marks. Each has a contrast of at least 4.5:1 against white and at least 3:1
 * against the bar track (WCAG 1.4.11 asks 3:1 for graphics), so a bar stays visible for readers
 * with low vision; colour never carries meaning alone: bars are labelled in text and the series of
 * a stacked bar also differ by pattern.
 */
export const INK = "#0f172a"; // slate-900: text drawn inside an SVG
export const TRACK = "#e2e8f0"; // slate-200: the empty part of a bar, decoration only

/** Marks of one-series charts (the path funnel). */
export const BAR_FILL = "#1d4ed8"; // blue-700

/** Series of a stacked bar, in order; a chart with more series than these starts again at the first. */
export const SERIES_FILLS = ["#1d4ed8", "#b45309", "#047857", "#7e22ce", "#be123c", "#475569"] as const;

/** Load against the limit: from comfortable to over the limit. */
export const TONE_FILLS = {
  ok: "#047857", // emerald-700
  near: "#a16207", // yellow-700
  at: "#c2410c", // orange-700
  over: "#b91c1c", // red-700
} as const;

export type TTone = keyof typeof TONE_FILLS;
