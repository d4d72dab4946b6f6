import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { RetentionPending } from "@/components/privacy/retention-pending";
import { Alert } from "@/components/ui/alert";
import { DataTable, cellClass } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly, INSTANT_DATE, INSTANT_DATE_TIME } from "@/lib/dates";
import { getRetentionPage } from "@/lib/domain/privacy/retention";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.retention"))("title") };
}

type TSearch = { page?: string; decidedPage?: string };

function pageHref(page: number, decidedPage: number): string {
  const query = new URLSearchParams();
  if (page > 1) query.set("page", String(page));
  if (decidedPage > 1) query.set("decidedPage", String(decidedPage));
  const search = query.toString();
  return search ? `/privacy/retention?${search}` : "/privacy/retention";
}

/**
 * The IOD's review after the retention period (issue 17 §5): the period, the people listed by the
 * nightly check awaiting a decision (approve anonymisation or keep, with a reason), the progress of
 * the anonymisation running in the background, and the decisions taken — who and when.
 */
export default async function RetentionPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const data = await loadForPage(() => getRetentionPage(ctx, { page: Number(params.page) || 1, decidedPage: Number(params.decidedPage) || 1 }));
  const { period, pending, progress, decided } = data;
  const t = await getTranslations("privacy.retention");
  const tr = await getTranslations();
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), CALENDAR_DATE);
  const inProgress = progress.approved - progress.anonymised;

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("lead")}</p>

      <section aria-labelledby="retention-period" className="mt-6 max-w-3xl">
        <h2 id="retention-period" className="text-xl font-bold">
          {t("period.heading")}
        </h2>
        <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("period.lastPayment")}</dt>
          <dd>{period.lastPaymentOn ? day(period.lastPaymentOn) : t("period.notRecorded")}</dd>
          <dt className="font-medium">{t("period.years")}</dt>
          <dd>{t("period.yearsValue", { years: period.retentionYears })}</dd>
          <dt className="font-medium">{t("period.endsOn")}</dt>
          <dd>{period.endsOn ? day(period.endsOn) : t("period.notRecorded")}</dd>
        </dl>
        <Alert tone="info" className="mt-3" data-testid="retention-period-state">
          {!period.endsOn
            ? t("period.notStarted")
            : period.ended
              ? t("period.ended", { endsOn: day(period.endsOn) })
              : t("period.running", { endsOn: day(period.endsOn) })}
        </Alert>
      </section>

      <section aria-labelledby="retention-progress" className="mt-8 max-w-3xl">
        <h2 id="retention-progress" className="text-xl font-bold">
          {t("progress.heading")}
        </h2>
        <p className="mt-2" data-testid="retention-progress">
          {t("progress.summary", { approved: progress.approved, anonymised: progress.anonymised, inProgress, kept: progress.kept })}
        </p>
        {progress.approved > 0 ? (
          <progress
            className="mt-2 h-3 w-full max-w-md"
            max={progress.approved}
            value={progress.anonymised}
            aria-label={t("progress.bar", { anonymised: progress.anonymised, approved: progress.approved })}
          />
        ) : null}
        {inProgress > 0 ? <p className="mt-1 text-sm text-slate-700">{t("progress.running")}</p> : null}
      </section>

      <section aria-labelledby="retention-pending" className="mt-8">
        <h2 id="retention-pending" className="mb-3 text-xl font-bold">
          {t("pending.heading", { total: pending.total })}
        </h2>
        <RetentionPending
          total={pending.total}
          rows={pending.items.map((item) => ({
            id: item.id,
            clientName: item.clientName,
            kind: tr(`clients.kinds.${item.kind}`),
            status: tr(`clients.statuses.${item.status}`),
            endedOn: day(item.retentionEndedOn),
            listedAt: format.dateTime(item.listedAt, INSTANT_DATE),
          }))}
        />
        {pending.total > 0 ? <Pagination result={pending} label={t("pending.pagination")} hrefFor={(page) => pageHref(page, decided.page)} /> : null}
      </section>

      <section aria-labelledby="retention-decided" className="mt-8">
        <h2 id="retention-decided" className="text-xl font-bold">
          {t("decided.heading")}
        </h2>
        {decided.items.length === 0 ? (
          <p className="mt-2">{t("decided.empty")}</p>
        ) : (
          <DataTable
            caption={t("decided.caption")}
            className="mt-3"
            columns={[
              t("decided.columns.person"),
              t("decided.columns.decision"),
              { label: t("decided.columns.reason"), hideBelow: "md" },
              { label: t("decided.columns.by"), hideBelow: "sm" },
              { label: t("decided.columns.at"), hideBelow: "lg" },
              t("decided.columns.anonymisedAt"),
            ]}
          >
            {decided.items.map((item) => (
              <tr key={item.id} data-testid="retention-decided-row" className="border-b border-slate-200 align-top">
                <td className="p-2 wrap-anywhere">{item.clientName}</td>
                <td className="p-2">{tr(`privacy.retentionDecisions.${item.decision}`)}</td>
                <td className={`p-2 wrap-anywhere ${cellClass("md")}`}>{item.reason ?? t("decided.notApplicable")}</td>
                <td className={`p-2 ${cellClass("sm")}`}>{item.decidedBy ?? t("decided.notApplicable")}</td>
                <td className={`p-2 ${cellClass("lg")}`}>{item.decidedAt ? format.dateTime(item.decidedAt, INSTANT_DATE_TIME) : t("decided.notApplicable")}</td>
                <td className="p-2">
                  {item.anonymisedAt
                    ? format.dateTime(item.anonymisedAt, INSTANT_DATE_TIME)
                    : item.decision === "APPROVED"
                      ? t("decided.inProgress")
                      : t("decided.notApplicable")}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {decided.total > 0 ? <Pagination result={decided} label={t("decided.pagination")} hrefFor={(page) => pageHref(pending.page, page)} /> : null}
      </section>
    </>
  );
}
