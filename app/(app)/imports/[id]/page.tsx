import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ImportIssues } from "@/components/imports/import-issues";
import { ImportProgress } from "@/components/imports/import-progress";
import { ImportCounts, ImportFacts, ImportOutcome } from "@/components/imports/import-summary";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getImportPage } from "@/lib/domain/imports/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports.page"))("detailTitle") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string; refused?: string }> };

/**
 * One import: the file, its state and — as the background jobs move it on — the progress, the dry
 * run's counts and report, the "Importuj" button of a clean file, and the result. Everything comes
 * from the database, so a reload shows the same; without JavaScript the page says the state and
 * offers "Odśwież".
 */
export default async function ImportPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const { dataImport, issues } = await loadForPage(() => getImportPage(ctx, id, { page: query.page }));
  const t = await getTranslations("imports");
  const tv = await getTranslations("validation");
  const te = await getTranslations("errors");
  const running = dataImport.status === "VALIDATING" || dataImport.status === "IMPORTING" ? dataImport.status : null;

  return (
    <>
      <p className="text-sm">
        <TextLink href="/imports">{t("page.back")}</TextLink>
      </p>
      <h1 className="mt-2 text-2xl font-bold wrap-anywhere">{dataImport.fileName}</h1>
      <p className="mt-1 text-slate-700">{t("page.detailTitle")}</p>
      {/* The commit action's refusal (lib/actions/imports.ts), unless the import has started since (another tab). */}
      {query.refused && dataImport.status !== "IMPORTING" && dataImport.status !== "IMPORTED" ? (
        <Alert tone="error" className="mt-4" data-testid="import-refused">
          {query.refused === "INVALID_STATE" ? tv("importNotValid") : te("UNEXPECTED")}
        </Alert>
      ) : null}

      <ImportFacts dataImport={dataImport} />

      {running ? (
        <section aria-labelledby="import-progress-heading" className="mt-8">
          <h2 id="import-progress-heading" className="text-xl font-semibold">
            {t(`statuses.${running}`)}
          </h2>
          <ImportProgress importId={dataImport.id} initial={{ status: running, processedRows: dataImport.processedRows, totalRows: dataImport.totalRows }} />
          <p className="mt-3 max-w-3xl text-sm text-slate-700">{t("page.progress.running")}</p>
          <p className="mt-2">
            <TextLink href={`/imports/${dataImport.id}`} prefetch={false}>
              {t("page.refresh")}
            </TextLink>
          </p>
        </section>
      ) : null}

      <ImportOutcome dataImport={dataImport} />
      {dataImport.validatedAt ? <ImportCounts dataImport={dataImport} /> : null}
      {issues.total > 0 ? <ImportIssues dataImport={dataImport} issues={issues} /> : null}
      {dataImport.status === "INVALID" || dataImport.status === "FAILED" ? (
        <p className="mt-6">
          <TextLink href="/imports">{t("page.uploadAgain")}</TextLink>
        </p>
      ) : null}
    </>
  );
}
