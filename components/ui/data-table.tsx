import { cn } from "./cn";

/**
 * Narrow screens (a phone at 360 px, a laptop at 200 % zoom) show a table's key columns and hide
 * the rest: a column marked `hideBelow: "md"` shows from the md breakpoint (768 px) on, and each
 * of its cells takes `cellClass("md")` so header and cells hide together. Key columns (the name
 * that links to the record, the state, the action) carry no `hideBelow`; whatever a hidden column
 * holds must also be reachable on the record's own page.
 */
export type THideBelow = "sm" | "md" | "lg";

// Print shows every column: a printed card or list is read on paper, where nothing else holds them.
const HIDE_BELOW: Record<THideBelow, string> = {
  sm: "hidden sm:table-cell print:table-cell",
  md: "hidden md:table-cell print:table-cell",
  lg: "hidden lg:table-cell print:table-cell",
};

/** The class of a cell (th or td) of a column that hides below `hideBelow`; "" for a key column. */
export function cellClass(hideBelow?: THideBelow): string {
  return hideBelow ? HIDE_BELOW[hideBelow] : "";
}

/** The padding of a cell; a table whose key columns barely fit 360 px passes `TIGHT_CELL` and uses it in its rows too. */
export const CELL = "p-2";
export const TIGHT_CELL = "px-1 py-2 sm:p-2";

/** A header: plain content, or a spec with where it hides and, for a sorted column, its `aria-sort`. */
export type TColumnSpec = { label: React.ReactNode; hideBelow?: THideBelow; ariaSort?: "ascending" | "descending" | "none" };
export type TColumn = React.ReactNode | TColumnSpec;

function isColumnSpec(column: TColumn): column is TColumnSpec {
  return typeof column === "object" && column !== null && "label" in column;
}

/**
 * The shell of a list table: a caption for screen readers and column headers with `scope="col"`.
 * Rows come as children. The wrapper scrolls sideways only as a last resort (a very long word);
 * the page itself never does.
 */
export function DataTable({
  caption,
  columns,
  children,
  className = "mt-6",
  cellPadding = CELL,
}: {
  caption: string;
  columns: TColumn[];
  children: React.ReactNode;
  className?: string;
  cellPadding?: string;
}) {
  return (
    <div className={cn("max-w-full overflow-x-auto", className)}>
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((column, index) =>
              isColumnSpec(column) ? (
                <th key={index} scope="col" aria-sort={column.ariaSort} className={cn(cellPadding, cellClass(column.hideBelow))}>
                  {column.label}
                </th>
              ) : (
                <th key={index} scope="col" className={cellPadding}>
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
