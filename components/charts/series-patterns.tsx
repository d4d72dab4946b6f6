import { SERIES_FILLS } from "./palette";

/** Marks laid over a series' colour, so neighbouring segments differ without colour too (WCAG 1.4.1). */
const OVERLAYS: readonly ((key: string) => React.ReactNode)[] = [
  () => null,
  (key) => <path key={key} d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="white" strokeWidth={1.5} />,
  (key) => <circle key={key} cx={4} cy={4} r={1.5} fill="white" />,
  (key) => <path key={key} d="M0,4 h8" stroke="white" strokeWidth={1.5} />,
  (key) => <path key={key} d="M0,0 l8,8 M8,0 l-8,8" stroke="white" strokeWidth={1} />,
  (key) => <path key={key} d="M4,0 v8" stroke="white" strokeWidth={1.5} />,
];

/** The fill of series `index`: a pattern defined by <SeriesPatterns> under the same `idPrefix`. */
export function seriesFill(idPrefix: string, index: number): string {
  return `url(#${idPrefix}-${index % SERIES_FILLS.length})`;
}

/** The <defs> of every series fill; other SVGs on the page (the legend's swatches) use them by id. */
export function SeriesPatterns({ idPrefix }: { idPrefix: string }) {
  return (
    <defs>
      {SERIES_FILLS.map((colour, index) => (
        <pattern key={colour} id={`${idPrefix}-${index}`} width={8} height={8} patternUnits="userSpaceOnUse">
          <rect width={8} height={8} fill={colour} />
          {OVERLAYS[index]?.("overlay")}
        </pattern>
      ))}
    </defs>
  );
}
