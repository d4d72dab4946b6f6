import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CheckForm } from "@/components/durability/check-form";
import { CheckStateBadge } from "@/components/durability/check-state";
import { JobForm } from "@/components/durability/job-form";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { durabilityHref } from "@/lib/domain/durability/href";
import { checkOpensOn } from "@/lib/domain/durability/policy";
import { getJobPage } from "@/lib/domain/durability/read";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("durability.job"))("title") };
}

/** One created job: its enterprise, person, start and evidence, and its durability checks to record or correct. */
export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const job = await loadForPage(() => getJobPage(ctx, id));
  const t = await getTranslations("durability");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), CALENDAR_DATE);
  const firstOpen = job.checks.find((c) => c.outcome === null);

  return (
    <>
      <p className="text-sm">
        <TextLink href={durabilityHref({ view: "all", clientId: job.clientId })}>{t("job.back")}</TextLink>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t("job.heading", { client: job.clientName, date: day(job.startsOn) })}</h1>
      <p className="mt-2 text-slate-700">{t("rule")}</p>
      {job.withdrawn ? (
        <Alert tone="info" className="mt-4">
          {t("job.withdrawn")}
        </Alert>
      ) : null}

      <dl className="mt-6 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("columns.client")}</dt>
        <dd>
          <TextLink href={`/clients/${job.clientId}`}>{job.clientName}</TextLink>
        </dd>
        <dt className="font-semibold">{t("columns.startsOn")}</dt>
        <dd>{day(job.startsOn)}</dd>
        <dt className="font-semibold">{t("job.personName")}</dt>
        <dd>{job.personName ?? t("personUnknown")}</dd>
        <dt className="font-semibold">{t("job.position")}</dt>
        <dd>{job.position ?? tc("none")}</dd>
        <dt className="font-semibold">{t("job.evidence")}</dt>
        <dd>{job.evidence ?? tc("none")}</dd>
        {job.pathId ? (
          <>
            <dt className="font-semibold">{t("job.source")}</dt>
            <dd>
              <TextLink href={`/paths/${job.pathId}?tab=evaluation`}>{t("job.sourceLink", { quantity: job.resultQuantity ?? 1 })}</TextLink>
            </dd>
          </>
        ) : null}
      </dl>

      <h2 className="mt-8 text-xl font-semibold">{t("job.checks")}</h2>
      <DataTable caption={t("job.checks")} columns={[t("columns.check"), t("columns.dueOn"), t("columns.state"), t("job.recorded"), t("job.actions")]}>
        {job.checks.map((check) => {
          const label = t("afterMonths", { months: check.months });
          const recorded = check.outcome !== null;
          const mayRecord = job.canCheck && !recorded && check.id === firstOpen?.id && checkOpensOn(check.dueOn) <= job.today;
          return (
            <tr key={check.id} data-testid="job-check" className="border-b border-slate-200 align-top">
              <td className="p-2 whitespace-nowrap">{label}</td>
              <td className="p-2 whitespace-nowrap">{day(check.dueOn)}</td>
              <td className="p-2">
                <CheckStateBadge state={check.state} />
              </td>
              <td className="p-2 wrap-anywhere">
                {recorded && check.checkedOn ? (
                  <>
                    {t("job.checkedOn", { date: day(check.checkedOn) })}
                    {check.endedOn ? <span className="block">{t("job.endedOn", { date: day(check.endedOn) })}</span> : null}
                    {check.evidence ? <span className="block text-sm text-slate-700">{check.evidence}</span> : null}
                  </>
                ) : (
                  t("job.opensOn", { date: day(checkOpensOn(check.dueOn)) })
                )}
              </td>
              <td className="p-2">
                {mayRecord ? (
                  <CheckForm
                    jobId={job.id}
                    checkId={check.id}
                    mode="record"
                    label={label}
                    values={{
                      outcome: "MAINTAINED",
                      checkedOn: job.today,
                      endedOn: "",
                      evidence: "",
                    }}
                  />
                ) : null}
                {job.canCheck && recorded ? (
                  <CheckForm
                    jobId={job.id}
                    checkId={check.id}
                    mode="correct"
                    label={label}
                    values={{
                      outcome: check.outcome ?? "MAINTAINED",
                      checkedOn: check.checkedOn ?? job.today,
                      endedOn: check.endedOn ?? "",
                      evidence: check.evidence ?? "",
                    }}
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>

      {job.canCheck ? (
        <section aria-labelledby="job-details" className="mt-8">
          <h2 id="job-details" className="text-xl font-semibold">
            {t("job.editHeading")}
          </h2>
          <div className="mt-3">
            <JobForm
              jobId={job.id}
              values={{
                personName: job.personName ?? "",
                position: job.position ?? "",
                evidence: job.evidence ?? "",
              }}
            />
          </div>
        </section>
      ) : null}
    </>
  );
}
