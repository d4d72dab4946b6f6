import Link from "next/link";
import { getTranslations } from "next-intl/server";

type TPaginationProps = {
  /** The page of a service's paginated result (lib/pagination.ts). */
  result: { page: number; pageCount: number; total: number };
  /** Builds the link of a page, keeping the list's other filters. */
  hrefFor: (page: number) => string;
  /** The navigation's name when a page has two paginated lists (each needs its own). */
  label?: string;
};

/** Previous / next links and "page N of M · T results", for server-paginated lists. */
export async function Pagination({ result: { page, pageCount, total }, hrefFor, label }: TPaginationProps) {
  const t = await getTranslations("common.pagination");
  return (
    <nav aria-label={label ?? t("nav")} className="mt-4 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link className="text-blue-800 underline" href={hrefFor(page - 1)} rel="prev">
          {t("previous")}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span>{t("status", { page, pageCount, total })}</span>
      {page < pageCount ? (
        <Link className="text-blue-800 underline" href={hrefFor(page + 1)} rel="next">
          {t("next")}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}
