import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsentGiveForm } from "@/components/privacy/consent-give-form";
import { ConsentHistory, ConsentStates } from "@/components/privacy/consent-tables";
import { LegalBasisForm, type TClauseOption } from "@/components/privacy/legal-basis-form";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, isoDateOr, todayInPoland } from "@/lib/dates";
import { getClientPrivacyPage } from "@/lib/domain/privacy/consents";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.clientTab"))("title") };
}

type TProps = { params: Promise<{ id: string }> };

/**
 * A client's data protection (issue 17 §3): the legal basis of processing, the information
 * clause given and when, the consents per purpose with their history — and, for a writer whose
 * record is open, the forms to set the basis and to give or withdraw a consent.
 */
export default async function ClientPrivacyPage({ params }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const page = await loadForPage(() => getClientPrivacyPage(ctx, id));
  const { client } = page;
  const t = await getTranslations("privacy.clientTab");
  const tl = await getTranslations("privacy.legalBasis");
  const tcs = await getTranslations("privacy.consents");
  const tb = await getTranslations("privacy.bases");
  const format = await getFormatter();
  const today = todayInPoland();
  const clauseOptions: TClauseOption[] = page.clauses.map((c) => ({
    id: c.id,
    label: tl("clauseOption", { version: c.version, title: c.title, from: format.dateTime(c.effectiveFrom, CALENDAR_DATE) }),
  }));
  const freePurposes = page.consents.filter((c) => c.active === null).map((c) => c.purpose);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/clients/${client.id}`} className="text-blue-800 underline">
          {client.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold break-words">{t("heading", { name: client.name })}</h1>
      {client.anonymisedAt ? (
        <Alert tone="info" className="mt-4">
          {t("anonymised")}
        </Alert>
      ) : client.restrictedAt ? (
        <Alert tone="info" className="mt-4">
          {t("restricted", { date: format.dateTime(client.restrictedAt, CALENDAR_DATE) })}
        </Alert>
      ) : null}

      <section aria-labelledby="basis-heading" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
        <h2 id="basis-heading" className="text-lg font-semibold">
          {tl("heading")}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[14rem_1fr]">
          <dt className="font-medium text-slate-700">{tl("basis")}</dt>
          <dd className="min-w-0 break-words" data-testid="processing-basis">
            {client.processingBasis ? tb(client.processingBasis) : tl("noBasis")}
          </dd>
          <dt className="font-medium text-slate-700">{tl("clause")}</dt>
          <dd className="min-w-0 break-words">
            {client.clause ? (
              <>
                <TextLink href={`/clients/${client.id}/privacy/clauses/${client.clause.id}`}>
                  {tl("clauseVersion", { version: client.clause.version, title: client.clause.title })}
                </TextLink>
                {client.clauseGivenOn ? <span className="block">{tl("givenOn", { date: format.dateTime(client.clauseGivenOn, CALENDAR_DATE) })}</span> : null}
              </>
            ) : (
              tl("noClause")
            )}
          </dd>
        </dl>
        <p className="mt-3 max-w-3xl text-sm text-slate-700">{tl("oldFieldsNote")}</p>
        {page.canEdit ? (
          <div className="mt-6">
            <h3 className="mb-2 font-semibold">{tl("formTitle")}</h3>
            <LegalBasisForm
              clientId={client.id}
              clauses={clauseOptions}
              defaults={{ processingBasis: client.processingBasis ?? "", clauseId: client.clause?.id ?? "", clauseGivenOn: isoDateOr(client.clauseGivenOn) }}
            />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="consents-heading" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
        <h2 id="consents-heading" className="text-lg font-semibold">
          {tcs("heading")}
        </h2>
        <p className="mt-2 max-w-3xl text-sm text-slate-700">{tcs("rule")}</p>
        <ConsentStates clientId={client.id} consents={page.consents} canEdit={page.canEdit} today={today} />
        <h3 className="mt-6 font-semibold">{tcs("historyTitle")}</h3>
        <ConsentHistory clientId={client.id} consents={page.consents} />
        {page.canEdit && freePurposes.length > 0 ? (
          <div className="mt-6">
            <h3 className="mb-2 font-semibold">{tcs("giveTitle")}</h3>
            <ConsentGiveForm
              clientId={client.id}
              purposes={freePurposes}
              clauses={clauseOptions}
              defaultClauseId={client.clause?.id ?? page.clauses[0]?.id ?? ""}
              today={today}
            />
          </div>
        ) : null}
      </section>
    </>
  );
}
