"use client";

import { useTranslations } from "next-intl";
import { TextLink } from "@/components/ui/text-link";
import type { TParticipantKind } from "@/lib/domain/events/registration-view";

/**
 * A participant as a row shows them: the name (a link to the client's record where the viewer may
 * open it), and whom they come for — "klient indywidualny", "reprezentuje: Spółdzielnia X". A name
 * the viewer may not know (need-to-know) reads "Uczestnik", with nothing else.
 */
export function RegistrationPerson({
  name,
  kind,
  client,
  canOpenClient,
}: {
  name: string | null;
  kind: TParticipantKind;
  client: { id: string; name: string } | null;
  canOpenClient: boolean;
}) {
  const t = useTranslations("events.registrations");
  if (name === null || client === null) return <span className="text-slate-700">{t("hiddenPerson")}</span>;
  const href = `/clients/${client.id}`;
  return (
    <span className="flex flex-col">
      <span className="font-medium">{canOpenClient && kind === "INDIVIDUAL" ? <TextLink href={href}>{name}</TextLink> : name}</span>
      <span className="text-slate-700">
        {kind === "INDIVIDUAL"
          ? t("kinds.INDIVIDUAL")
          : t.rich(`kinds.${kind}`, {
              client: client.name,
              link: (chunks) => (canOpenClient ? <TextLink href={href}>{chunks}</TextLink> : <>{chunks}</>),
            })}
      </span>
    </span>
  );
}

/** "2 z 3 szkoleń" — the person's trainings in the year against the tenant's limit. */
export function TrainingCount({ count, limit }: { count: number; limit: number }) {
  const t = useTranslations("events.registrations");
  return <span className={count > limit ? "font-semibold text-red-800" : undefined}>{t("count", { count, limit })}</span>;
}
