import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ImportUploadForm } from "@/components/imports/import-upload-form";
import { ImportsTable } from "@/components/imports/imports-table";
import { buttonClass } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { IMPORT_MAX_BYTES } from "@/lib/domain/imports/files";
import { getImportsPage } from "@/lib/domain/imports/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports.page"))("title") };
}

/**
 * The manager's spreadsheet import (issue 18): how it works (a dry run first, then all rows or
 * none), the two templates, the upload, and the centre's earlier imports.
 */
export default async function ImportsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { imports } = await loadForPage(() => getImportsPage(ctx, { page: params.page }));
  const t = await getTranslations("imports.page");

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("lead")}</p>
      <ul className="mt-2 max-w-3xl list-disc pl-6 text-slate-700">
        <li>{t("steps.dryRun")}</li>
        <li>{t("steps.wholeFile")}</li>
        <li>{t("steps.allOrNothing")}</li>
      </ul>

      <section aria-labelledby="import-templates" className="mt-8">
        <h2 id="import-templates" className="text-xl font-semibold">
          {t("templatesHeading")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("templatesHint")}</p>
        <div className="mt-3 flex flex-wrap gap-3">
          <a href="/imports/template?kind=CLIENTS" download className={buttonClass("secondary")}>
            {t("templateClients")}
          </a>
          <a href="/imports/template?kind=SERVICES" download className={buttonClass("secondary")}>
            {t("templateServices")}
          </a>
        </div>
      </section>

      <section aria-labelledby="import-upload" className="mt-8">
        <h2 id="import-upload" className="mb-3 text-xl font-semibold">
          {t("uploadHeading")}
        </h2>
        <ImportUploadForm maxBytes={IMPORT_MAX_BYTES} />
      </section>

      <section aria-labelledby="import-history" className="mt-10">
        <h2 id="import-history" className="text-xl font-semibold">
          {t("historyHeading")}
        </h2>
        {imports.items.length === 0 ? (
          <p className="mt-3" data-testid="imports-empty">
            {t("empty")}
          </p>
        ) : (
          <ImportsTable imports={imports.items} />
        )}
        <Pagination result={imports} hrefFor={(page) => `/imports?page=${page}`} />
      </section>
    </>
  );
}
