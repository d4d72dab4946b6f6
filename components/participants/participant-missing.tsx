import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import type { TMonitoringField } from "@/lib/domain/participants/completeness";

type TProps = {
  missing: TMonitoringField[];
  /** Where to correct the client's address (the client form), for a user who may; null otherwise. */
  editClientHref: string | null;
};

/** What EFS+ monitoring still needs of the person, at the top of their page; the address is fixed on the client's form. */
export async function ParticipantMissing({ missing, editClientHref }: TProps) {
  const t = await getTranslations("participants");
  const addressMissing = missing.some((field) => field === "voivodeship" || field === "county" || field === "commune");
  return (
    <section aria-labelledby="participant-missing-title" className="mt-6" data-testid="participant-missing">
      <h2 id="participant-missing-title" className="text-lg font-semibold">
        {t("person.missingTitle")}
      </h2>
      {missing.length === 0 ? (
        <Alert tone="success" className="mt-2">
          {t("person.complete")}
        </Alert>
      ) : (
        <>
          <p className="mt-2">{t("person.missingLead")}</p>
          <ul className="mt-1 list-disc pl-6">
            {missing.map((field) => (
              <li key={field} data-field={field}>
                {t(`fields.${field}`)}
              </li>
            ))}
          </ul>
          {addressMissing && editClientHref ? (
            <p className="mt-2 text-sm">
              {t("person.addressHint")} <TextLink href={editClientHref}>{t("person.editClient")}</TextLink>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
