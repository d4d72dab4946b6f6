/**
 * The shell of a list table: a scrollable wrapper, a caption for screen readers, and column
 * headers with `scope="col"`. Rows come as children.
 */
export function DataTable({ caption, columns, children }: { caption: string; columns: React.ReactNode[]; children: React.ReactNode }) {
  return (
    <div className="mt-6 overflow-x-auto">
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
