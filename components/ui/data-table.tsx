import { cn } from "./cn";

/**
 * The shell of a list table: a scrollable wrapper, a caption for screen readers, and column
 * headers with `scope="col"`. Rows come as children.
 */
export function DataTable({ caption, columns, children, className = "mt-6" }: { caption: string; columns: React.ReactNode[]; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("overflow-x-auto", className)}>
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((column, index) => (
              <th key={index} scope="col" className="p-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
