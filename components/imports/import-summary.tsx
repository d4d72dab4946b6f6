import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";
import { commitImportAction } from "@/lib/actions/imports";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import type { TImportView } from "@/lib/domain/imports/service";

/** The file as uploaded: its kind, state, size, checksum and when it came. */
export async function ImportFacts({ dataImport }: { dataImport: TImportView }) {
  const t = await getTranslations("imports");
  const format = await getFormatter();
  const megabytes = dataImport.byteSize >= 1024 * 1024;
  const size = format.number(dataImport.byteSize / (megabytes ? 1024 * 1024 : 1024), {
    style: "unit",
    unit: megabytes ? "megabyte" : "kilobyte",
    maximumFractionDigits: 1,
  });
  return (
    <dl className="mt-6 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
      <dt className="font-semibold">{t("page.fields.status")}</dt>
      <dd data-testid="import-status">{t(`statuses.${dataImport.status}`)}</dd>
      <dt className="font-semibold">{t("page.fields.kind")}</dt>
      <dd>{t(`kinds.${dataImport.kind}`)}</dd>
      {dataImport.kind === "CLIENTS" ? (
        <>
          <dt className="font-semibold">{t("page.fields.updateExisting")}</dt>
          <dd>{dataImport.updateExisting ? t("page.updateExistingYes") : t("page.updateExistingNo")}</dd>
        </>
      ) : null}
      <dt className="font-semibold">{t("page.fields.size")}</dt>
      <dd>{size}</dd>
      <dt className="font-semibold">{t("page.fields.checksum")}</dt>
      <dd>
        {/* The first 12 hex digits tell two files apart; the whole sum is there to compare with a tool. */}
        <code title={dataImport.checksum}>{dataImport.checksum.slice(0, 12)}</code>
      </dd>
      <dt className="font-semibold">{t("page.fields.createdAt")}</dt>
      <dd>
        <time dateTime={dataImport.createdAt.toISOString()}>{format.dateTime(dataImport.createdAt, INSTANT_DATE_TIME)}</time>
      </dd>
    </dl>
  );
}

/** The dry run's counts: rows read, to create, to update, to skip (already in the system), with errors. */
export async function ImportCounts({ dataImport }: { dataImport: TImportView }) {
  const t = await getTranslations("imports.page");
  const format = await getFormatter();
  const counts = [
    ["totalRows", dataImport.totalRows],
    ["toCreate", dataImport.toCreate],
    ["toUpdate", dataImport.toUpdate],
    ["toSkip", dataImport.toSkip],
    ["invalidRows", dataImport.invalidRows],
  ] as const;
  return (
    <section aria-labelledby="import-counts" className="mt-8">
      <h2 id="import-counts" className="text-xl font-semibold">
        {t("countsHeading")}
      </h2>
      <dl className="mt-3 grid max-w-xl grid-cols-[1fr_max-content] gap-x-6 gap-y-1">
        {counts.map(([key, value]) => (
          <div key={key} className="contents">
            <dt>{t(`counts.${key}`)}</dt>
            <dd className="text-right tabular-nums" data-testid={`import-count-${key}`}>
              {format.number(value)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * What the user may do or has done once the dry run is over: a clean file's summary with the
 * "Importuj" button (a plain form: the action starts the job and comes back here), the result of
 * an import with a link to where the records show, or why it failed. The failure is a key of
 * imports.failures; a service error code ("code.X") or an unknown key reads as the generic message.
 */
export async function ImportOutcome({ dataImport }: { dataImport: TImportView }) {
  const t = await getTranslations("imports");
  const te = await getTranslations("errors");
  const counts = { toCreate: dataImport.toCreate, toUpdate: dataImport.toUpdate, toSkip: dataImport.toSkip };
  const failureKey = `failures.${dataImport.failure}`;
  return (
    <>
      {dataImport.failure ? (
        <Alert tone="error" className="mt-6" data-testid="import-failure">
          <p className="font-semibold">{t("page.failed")}</p>
          <p>{t.has(failureKey) ? t(failureKey) : te("UNEXPECTED")}</p>
        </Alert>
      ) : null}
      {dataImport.status === "VALID" ? (
        <div className="mt-8">
          <Alert tone="success" data-testid="import-valid">
            {t("page.valid", counts)}
          </Alert>
          <form action={commitImportAction} className="mt-4 flex flex-col items-start gap-2">
            <input type="hidden" name="importId" value={dataImport.id} />
            <button type="submit" className={buttonClass("primary")}>
              {t("page.commit")}
            </button>
            <p className="text-sm text-slate-700">{t("page.commitHint")}</p>
          </form>
        </div>
      ) : null}
      {dataImport.status === "IMPORTED" ? (
        <Alert tone="success" className="mt-6" data-testid="import-imported">
          <p>{t("page.imported", counts)}</p>
          <p className="mt-2">
            {dataImport.kind === "CLIENTS" ? (
              <TextLink href="/clients">{t("page.openClients")}</TextLink>
            ) : (
              <TextLink href="/services/register">{t("page.openServices")}</TextLink>
            )}
          </p>
        </Alert>
      ) : null}
    </>
  );
}
