import { getFormatter, getTranslations } from "next-intl/server";
import { cellClass, DataTable, TIGHT_CELL } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { CALENDAR_DATE } from "@/lib/dates";
import type { TConsentPurposeView } from "@/lib/domain/privacy/consents";
import { ConsentWithdrawButton } from "./consent-withdraw-button";

type TProps = { clientId: string; consents: TConsentPurposeView[] };

/** Each purpose's state now: given (on a day, with which clause), withdrawn (since when), or never recorded — with "Wycofaj zgodę" for a writer. */
export async function ConsentStates({ clientId, consents, canEdit, today }: TProps & { canEdit: boolean; today: string }) {
  const t = await getTranslations("privacy.consents");
  const tp = await getTranslations("privacy.consentPurposes");
  const format = await getFormatter();
  const day = (date: Date) => format.dateTime(date, CALENDAR_DATE);
  return (
    <DataTable caption={t("caption")} columns={[t("columns.purpose"), t("columns.state"), ...(canEdit ? [t("columns.action")] : [])]} className="mt-3" cellPadding={TIGHT_CELL}>
      {consents.map(({ purpose, active, withdrawnOn }) => (
        <tr key={purpose} className="border-b border-slate-200 align-top" data-testid={`consent-${purpose}`}>
          <th scope="row" className={`${TIGHT_CELL} text-left font-normal`}>
            {tp(purpose)}
          </th>
          <td className={TIGHT_CELL}>
            {active ? (
              <>
                {t("activeSince", { date: day(active.givenOn) })}
                {active.clause ? (
                  <span className="block text-sm">
                    <TextLink href={`/clients/${clientId}/privacy/clauses/${active.clause.id}`}>{t("withClause", { version: active.clause.version })}</TextLink>
                  </span>
                ) : null}
              </>
            ) : withdrawnOn ? (
              <strong className="font-semibold">{t("withdrawnSince", { date: day(withdrawnOn) })}</strong>
            ) : (
              t("notRecorded")
            )}
          </td>
          {canEdit ? (
            <td className={TIGHT_CELL}>{active ? <ConsentWithdrawButton clientId={clientId} purpose={purpose} purposeLabel={tp(purpose)} today={today} /> : null}</td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

/** Every consent recorded, newest first per purpose: given when and by whom, with which clause, withdrawn when and by whom. */
export async function ConsentHistory({ clientId, consents }: TProps) {
  const t = await getTranslations("privacy.consents");
  const tp = await getTranslations("privacy.consentPurposes");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const day = (date: Date) => format.dateTime(date, CALENDAR_DATE);
  const rows = consents.flatMap(({ purpose, history }) => history.map((entry) => ({ purpose, entry })));
  if (rows.length === 0) return <p className="mt-2">{t("noHistory")}</p>;
  return (
    <DataTable
      caption={t("historyCaption")}
      columns={[
        t("columns.purpose"),
        t("columns.givenOn"),
        { label: t("columns.clause"), hideBelow: "md" },
        t("columns.withdrawnOn"),
        { label: t("columns.recordedBy"), hideBelow: "lg" },
      ]}
      className="mt-2"
    >
      {rows.map(({ purpose, entry }) => (
        <tr key={entry.id} className="border-b border-slate-200 align-top">
          <td className="p-2">{tp(purpose)}</td>
          <td className="p-2">{day(entry.givenOn)}</td>
          <td className={`p-2 ${cellClass("md")}`}>
            {entry.clause ? (
              <TextLink href={`/clients/${clientId}/privacy/clauses/${entry.clause.id}`}>{t("withClause", { version: entry.clause.version })}</TextLink>
            ) : (
              tc("none")
            )}
          </td>
          <td className="p-2">{entry.withdrawnOn ? day(entry.withdrawnOn) : tc("none")}</td>
          <td className={`p-2 ${cellClass("lg")}`}>{[entry.recordedByName, entry.withdrawnByName].filter(Boolean).join(" / ") || tc("none")}</td>
        </tr>
      ))}
    </DataTable>
  );
}
