import Link from "next/link";

type TPaginationProps = {
  page: number;
  pageCount: number;
  total: number;
  /** Builds the link of a page, keeping the list's other filters. */
  hrefFor: (page: number) => string;
  labels: { nav: string; previous: string; next: string; status: string };
};

export function Pagination({ page, pageCount, hrefFor, labels }: TPaginationProps) {
  return (
    <nav aria-label={labels.nav} className="mt-4 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link className="text-blue-800 underline" href={hrefFor(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span>{labels.status}</span>
      {page < pageCount ? (
        <Link className="text-blue-800 underline" href={hrefFor(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}
