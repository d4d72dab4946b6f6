import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";
import { CALENDAR_DATE } from "@/lib/dates";
import type { TClientExchanges } from "@/lib/domain/cooperation/client-exchanges";

type TProps = {
  client: { id: string; name: string };
  /** loadClientExchanges (lib/domain/cooperation/client-exchanges.ts). */
  exchanges: TClientExchanges;
  /** Where an edit returns to (the tab this renders in); the client's page by default. */
  returnHref?: string;
  /** The cooperation log filtered by this client, for a caller who may read the log; none otherwise. */
  logHref?: string | null;
};

/**
 * The client's cooperation with institutions (seed 000): their latest information exchanges, newest
 * first, with a link to log one about them for a caller who may, and to edit those the caller may.
 */
export async function ClientExchanges({ client, exchanges, returnHref = `/clients/${client.id}`, logHref = null }: TProps) {
  const t = await getTranslations("cooperation");
  const format = await getFormatter();
  const day = (date: Date) => format.dateTime(date, CALENDAR_DATE);
  return (
    <section aria-labelledby="client-exchanges-heading" className="flex flex-col gap-4 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="client-exchanges-heading" className="text-lg font-semibold">
        {t("client.title")}
      </h2>
      {exchanges.newExchangeHref ? (
        <p>
          <Link href={exchanges.newExchangeHref} className={buttonClass("primary")}>
            {t("addExchange")}
          </Link>
        </p>
      ) : null}
      <p data-testid="client-exchanges-total">
        {t("client.total", { count: exchanges.total })}
        {exchanges.total > exchanges.items.length ? ` ${t("client.showing", { count: exchanges.items.length })}` : null}
        {logHref && exchanges.total > 0 ? (
          <>
            {" · "}
            <TextLink href={logHref}>{t("log.title")}</TextLink>
          </>
        ) : null}
      </p>
      {exchanges.items.length > 0 ? (
        <ol aria-label={t("client.recentOf", { client: client.name })} className="flex flex-col gap-3">
          {exchanges.items.map((x) => (
            <li key={x.id} data-testid="client-exchange" className="rounded-md border border-slate-200 p-3">
              <p className="text-sm text-slate-700">
                {day(x.date)} · {t(`directions.${x.direction}`)} · {t(`channels.${x.channel}`)}
              </p>
              <p className="font-medium wrap-anywhere">
                {x.institution.retired ? t("log.retired", { name: x.institution.name }) : x.institution.name}{" "}
                <span className="font-normal text-slate-700">({t(`institutionKinds.${x.institution.kind}`)})</span>
              </p>
              <p className="wrap-anywhere">{x.subject}</p>
              <ul className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-700">
                {x.contactPerson ? <li>{t("client.contact", { name: x.contactPerson })}</li> : null}
                {x.documentReference ? <li className="wrap-anywhere">{t("client.document", { reference: x.documentReference })}</li> : null}
                {x.followUpOn ? <li>{t("client.followUp", { date: day(x.followUpOn) })}</li> : null}
                {x.authorName ? <li>{t("client.author", { name: x.authorName })}</li> : null}
              </ul>
              {x.canEdit ? (
                <p className="mt-1 text-sm">
                  <TextLink
                    href={`/cooperation/${x.id}/edit?back=${encodeURIComponent(returnHref)}`}
                    aria-label={t("client.editLabel", { date: day(x.date), subject: x.subject })}
                  >
                    {t("client.edit")}
                  </TextLink>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
