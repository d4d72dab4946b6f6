import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ParticipantDetails, ParticipantFacts } from "@/components/participants/participant-details";
import { ParticipantForm } from "@/components/participants/participant-form";
import { ParticipantMissing } from "@/components/participants/participant-missing";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, todayInPoland } from "@/lib/dates";
import type { TParticipantDataInput } from "@/lib/domain/participants/schemas";
import { getParticipantPage } from "@/lib/domain/participants/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("participants.person"))("title") };
}

type TProps = { params: Promise<{ id: string }> };

/**
 * A person's EFS+ participant data (issue 16 §5): what monitoring still needs, at the top; the
 * place of residence from the client's own address; the form (or, for a reader, the data).
 */
export default async function ParticipantPage({ params }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const page = await loadForPage(() => getParticipantPage(ctx, id));
  const { client, participant } = page;
  const t = await getTranslations("participants");
  const tc = await getTranslations("clients");
  const tp = await getTranslations("privacy.consents");
  const format = await getFormatter();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/clients/${client.id}`} className="text-blue-800 underline">
          {tc("backToClient", { name: client.name })}
        </Link>
      </p>
      <h1 className="text-2xl font-bold break-words">{t("person.heading", { name: client.name })}</h1>
      {participant === null ? (
        <p className="mt-4">{t("person.onlyPersons")}</p>
      ) : (
        <>
          <ParticipantMissing missing={participant.missing} editClientHref={page.canEdit ? `/clients/${client.id}/edit` : null} />
          <ParticipantFacts view={participant} />
          {participant.sensitiveHidden ? (
            <p className="mt-4 text-sm text-slate-700">
              {participant.sensitiveWithdrawnOn
                ? tp("sensitiveWithdrawn", { date: format.dateTime(participant.sensitiveWithdrawnOn, CALENDAR_DATE) })
                : t("person.sensitiveHidden")}
            </p>
          ) : null}
          <div className="mt-6">
            {page.canEdit ? (
              <ParticipantForm
                clientId={client.id}
                defaults={participant.values as TParticipantDataInput}
                fromPesel={participant.fromPesel}
                sensitiveHidden={participant.sensitiveHidden}
                today={todayInPoland()}
              />
            ) : (
              <ParticipantDetails view={participant} />
            )}
          </div>
        </>
      )}
    </>
  );
}
