import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FailedJobsTable } from "@/components/notifications/failed-jobs-table";
import { Alert } from "@/components/ui/alert";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getFailedJobsPage } from "@/lib/domain/jobs/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("title") };
}

/** The admin's dead-letter view: the centre's background jobs that failed for good, each with a retry. */
export default async function FailedJobsPage({ searchParams }: { searchParams: Promise<{ page?: string; done?: string }> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { result } = await loadForPage(() => getFailedJobsPage(ctx, { page: params.page }));
  const t = await getTranslations("jobs");

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("lead")}</p>
      {params.done === "retried" || params.done === "gone" ? (
        <Alert tone={params.done === "retried" ? "success" : "info"} className="mt-4" data-testid="jobs-status">
          {params.done === "retried" ? t("retried") : t("notFound")}
        </Alert>
      ) : null}
      {result.items.length === 0 ? (
        <p className="mt-6" data-testid="jobs-empty">
          {t("empty")}
        </p>
      ) : (
        <FailedJobsTable jobs={result.items} page={result.page} />
      )}
      <Pagination result={result} hrefFor={(page) => `/admin/jobs?page=${page}`} />
    </>
  );
}
