import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { PARTICIPANT_DATA_FIELDS, isSensitiveParticipantField, type TParticipantDataField } from "@/lib/domain/participants/schemas";
import type { TParticipantView } from "@/lib/domain/participants/service";

/** The messages holding each coded field's labels. */
const LABELS: Partial<Record<TParticipantDataField, string>> = {
  sex: "sexes",
  educationLevel: "educationLevels",
  labourMarketStatus: "labourStatuses",
  disability: "answers",
  foreignOrigin: "answers",
  minority: "answers",
  homeless: "answers",
  urbanisation: "urbanisation",
  situationAtEnd: "endSituations",
};
const DATES = new Set<TParticipantDataField>(["birthDate", "participationStart", "participationEnd"]);

/** The place of residence (the client's address) and the age at the start, beside the form. */
export async function ParticipantFacts({ view }: { view: TParticipantView }) {
  const t = await getTranslations("participants");
  const tc = await getTranslations("common");
  const rows = [
    ...(["voivodeship", "county", "commune", "town", "postalCode"] as const).map((field) => ({
      key: field,
      label: t(`fields.${field}`),
      value: view.address[field] ?? tc("none"),
    })),
    { key: "age", label: t("person.ageAtStart"), value: view.ageAtStart === null ? t("person.unknown") : t("person.age", { age: view.ageAtStart }) },
  ];
  return (
    <section aria-labelledby="participant-address-title" className="mt-6">
      <h2 id="participant-address-title" className="text-lg font-semibold">
        {t("person.addressTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("person.addressHint")}</p>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {rows.map((row) => (
          <div key={row.key} className="contents">
            <dt className="font-medium">{row.label}</dt>
            <dd className="wrap-anywhere">{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The recorded data, read-only, for a user who may read but not change it. */
export async function ParticipantDetails({ view }: { view: TParticipantView }) {
  const t = await getTranslations("participants");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const shown = PARTICIPANT_DATA_FIELDS.filter((field) => !(view.sensitiveHidden && isSensitiveParticipantField(field)));
  const valueOf = (field: TParticipantDataField) => {
    const value = view.values[field];
    if (!value) return tc("none");
    if (DATES.has(field)) return format.dateTime(dateOnly(value), CALENDAR_DATE);
    const labels = LABELS[field];
    return labels ? t(`${labels}.${value}`) : value;
  };
  return (
    <section aria-labelledby="participant-details-title" className="mt-6">
      <h2 id="participant-details-title" className="text-lg font-semibold">
        {t("person.readOnlyTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("person.readOnly")}</p>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {shown.map((field) => (
          <div key={field} className="contents">
            <dt className="font-medium">{t(`fields.${field}`)}</dt>
            <dd>{valueOf(field)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
