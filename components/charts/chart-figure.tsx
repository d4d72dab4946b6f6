type TChartFigureProps = {
  title: string;
  /** The chart has nothing to show: the figure holds the title and `emptyMessage` only. */
  isEmpty: boolean;
  emptyMessage: string;
  /** The disclosure's summary ("Pokaż dane w tabeli"). */
  showTable: string;
  /** The data table's header and rows: every number the chart draws. */
  columns: string[];
  rows: React.ReactNode;
  children: React.ReactNode;
};

/**
 * The frame every chart shares: a <figure> titled by its <figcaption>, the chart, and the same
 * numbers as a real table behind a <details> disclosure (it opens without JavaScript), for readers
 * who cannot see the drawing or want exact values.
 */
export function ChartFigure({ title, isEmpty, emptyMessage, showTable, columns, rows, children }: TChartFigureProps) {
  return (
    <figure className="min-w-0">
      <figcaption className="font-semibold text-slate-900">{title}</figcaption>
      {isEmpty ? (
        <p className="mt-2 text-sm text-slate-600">{emptyMessage}</p>
      ) : (
        <>
          {children}
          <details className="mt-3">
            <summary className="cursor-pointer text-sm text-blue-800 underline">{showTable}</summary>
            {/* A week-by-type table can be wider than a phone: it scrolls inside this region, which
                takes focus so a keyboard can scroll it too (WCAG 2.1.1); the page never scrolls sideways. */}
            <div role="region" aria-label={title} tabIndex={0} className="mt-2 max-w-full overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left text-sm">
                <caption className="sr-only">{title}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    {columns.map((column, index) => (
                      <th key={index} scope="col" className="p-2 align-bottom">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>{rows}</tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}

/** A row of a chart's data table: the first cell names the row for screen readers. */
export function ChartTableRow({ header, cells }: { header: React.ReactNode; cells: React.ReactNode[] }) {
  return (
    <tr className="border-b border-slate-200">
      <th scope="row" className="p-2 font-normal">
        {header}
      </th>
      {cells.map((cell, index) => (
        <td key={index} className="p-2 tabular-nums">
          {cell}
        </td>
      ))}
    </tr>
  );
}
