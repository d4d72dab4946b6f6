import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CloseRequestButton, ErasureButton, ExtendRequestButton, RestrictionButton } from "@/components/privacy/request-actions";
import { RequestUrgencyBadge } from "@/components/privacy/request-badges";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly, INSTANT_DATE, INSTANT_DATE_TIME } from "@/lib/dates";
import { getSubjectRequestPage } from "@/lib/domain/privacy/requests";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.requests"))("detailTitle") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

/** One request: who asked for what and when, its deadline, the person, and what the IOD may do with it now. */
export default async function SubjectRequestPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const { request, client, abilities } = await loadForPage(() => getSubjectRequestPage(ctx, id));
  const t = await getTranslations("privacy.requests");
  const tp = await getTranslations("privacy");
  const tk = await getTranslations("clients.kinds");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), CALENDAR_DATE);
  const open = request.status === "OPEN";
  const anyAction =
    abilities.canExport || abilities.canErase || abilities.canRestrict || abilities.canLiftRestriction || abilities.canExtend || abilities.canClose;

  return (
    <>
      <p className="text-sm">
        <TextLink href="/privacy/requests">{t("back")}</TextLink>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{tp(`requestKinds.${request.kind}`)}</h1>
      <p className="mt-1 text-slate-800">
        {t("askedBy", { name: request.requesterName, date: day(request.receivedOn) })} · {tp(`requestStatuses.${request.status}`)}
      </p>
      <RequestUrgencyBadge urgency={request.urgency} />
      {query.created ? (
        <Alert tone="success" className="mt-4">
          {t("created", { date: day(request.dueOn) })}
        </Alert>
      ) : null}
      {client?.restrictedAt ? (
        <Alert tone="info" className="mt-4" data-testid="request-restricted">
          {t("restrictedSince", { date: format.dateTime(client.restrictedAt, INSTANT_DATE) })}
        </Alert>
      ) : null}

      <dl className="mt-6 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("fields.requesterName")}</dt>
        <dd className="wrap-anywhere">{request.requesterName}</dd>
        <dt className="font-semibold">{t("fields.person")}</dt>
        <dd className="wrap-anywhere" data-testid="request-person">
          {client ? (
            <>
              {client.anonymisedAt ? t("anonymisedPerson") : client.name} · {tk(client.kind)}
              {client.town && !client.anonymisedAt ? ` · ${client.town}` : ""}
            </>
          ) : (
            t("noPerson")
          )}
        </dd>
        <dt className="font-semibold">{t("fields.receivedOn")}</dt>
        <dd>{day(request.receivedOn)}</dd>
        <dt className="font-semibold">{t("fields.dueOn")}</dt>
        <dd>{day(request.dueOn)}</dd>
        {request.extendedTo ? (
          <>
            <dt className="font-semibold">{t("fields.extendedTo")}</dt>
            <dd>
              {day(request.extendedTo)}
              {request.extensionReason ? <span className="block text-sm text-slate-700 wrap-anywhere">{request.extensionReason}</span> : null}
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("fields.status")}</dt>
        <dd>{tp(`requestStatuses.${request.status}`)}</dd>
        {request.outcome ? (
          <>
            <dt className="font-semibold">{request.status === "REFUSED" ? t("fields.refusalReason") : t("fields.outcome")}</dt>
            <dd className="whitespace-pre-line wrap-anywhere" data-testid="request-outcome">
              {request.outcome}
            </dd>
          </>
        ) : null}
        {request.closedAt ? (
          <>
            <dt className="font-semibold">{t("fields.closed")}</dt>
            <dd>{[format.dateTime(request.closedAt, INSTANT_DATE_TIME), request.closedBy].filter(Boolean).join(" · ")}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("fields.registered")}</dt>
        <dd>{[format.dateTime(request.createdAt, INSTANT_DATE_TIME), request.createdBy].filter(Boolean).join(" · ")}</dd>
      </dl>

      {anyAction ? (
        <section aria-labelledby="request-actions" className="mt-8">
          <h2 id="request-actions" className="text-xl font-semibold">
            {t("actions")}
          </h2>
          {open && !client ? <p className="mt-2 text-slate-700">{t("noPersonHint")}</p> : null}
          <div className="mt-3 flex flex-wrap gap-3">
            {abilities.canExport ? (
              <a href={`/privacy/requests/${request.id}/export`} className={buttonClass("primary")} download data-testid="request-export">
                {t("export")}
              </a>
            ) : null}
            {abilities.canErase ? <ErasureButton requestId={request.id} /> : null}
            {abilities.canRestrict || abilities.canLiftRestriction ? (
              <RestrictionButton requestId={request.id} restricted={abilities.canLiftRestriction} />
            ) : null}
            {abilities.canExtend ? <ExtendRequestButton requestId={request.id} dueOn={request.dueOn} latest={request.latestExtension} /> : null}
            {abilities.canClose ? <CloseRequestButton requestId={request.id} mode="complete" /> : null}
            {abilities.canClose ? <CloseRequestButton requestId={request.id} mode="refuse" /> : null}
          </div>
          {abilities.canExport ? <p className="mt-3 max-w-2xl text-sm text-slate-700">{t("exportHint")}</p> : null}
        </section>
      ) : null}
    </>
  );
}
