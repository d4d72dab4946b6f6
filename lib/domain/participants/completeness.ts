import "server-only";
import type { ClientStatus } from "@/lib/generated/prisma/enums";
import { isSensitiveParticipantField, type TParticipantDataField } from "./schemas";

/**
 * THE rule of what EFS+ monitoring needs of a person before reporting (issue 16 §5): the one place
 * that says which fields must be filled and when. The person's page lists what is missing, the
 * completeness list (/participants) and its "only incomplete" filter (completeness-where.ts,
 * generated from MONITORING_REQUIREMENTS below) and the register's "Braki danych" column all read it.
 *
 * - Every monitoring field at the start (sex, birth date, education, labour-market status, the
 *   three special-category answers, homelessness, DEGURBA, the start of participation) and the
 *   place of residence (voivodeship, county and commune: the client's own address) — always.
 * - The end of participation and the situation at the end — once participation has ended: the
 *   client's support is CLOSED, or the end date recorded has come.
 * "Odmowa podania informacji" (REFUSED) is an answer, not a gap.
 */

/** The client's address fields the register reads (the client form keeps them). */
export const ADDRESS_FIELDS = ["voivodeship", "county", "commune"] as const;
export type TAddressField = (typeof ADDRESS_FIELDS)[number];

export type TMonitoringField = TParticipantDataField | TAddressField;

/** When a field is needed: always, or once participation has ended. */
export type TRequirementWhen = "always" | "ended";

/** What monitoring needs, in the order the gaps are listed. */
export const MONITORING_REQUIREMENTS: readonly { field: TMonitoringField; when: TRequirementWhen }[] = [
  { field: "sex", when: "always" },
  { field: "birthDate", when: "always" },
  { field: "educationLevel", when: "always" },
  { field: "voivodeship", when: "always" },
  { field: "county", when: "always" },
  { field: "commune", when: "always" },
  { field: "urbanisation", when: "always" },
  { field: "labourMarketStatus", when: "always" },
  { field: "disability", when: "always" },
  { field: "foreignOrigin", when: "always" },
  { field: "minority", when: "always" },
  { field: "homeless", when: "always" },
  { field: "participationStart", when: "always" },
  { field: "participationEnd", when: "ended" },
  { field: "situationAtEnd", when: "ended" },
];

/**
 * A person as the rule sees them: the client's status and address, and the stored monitoring data
 * (null: nothing recorded yet). Dates are YYYY-MM-DD. A value absent from `data` (a special-category
 * field withheld from the viewer) is not judged: see `sensitive`.
 */
export type TCompletenessPerson = {
  status: ClientStatus;
  address: Readonly<Record<TAddressField, string | null>>;
  data: Readonly<Partial<Record<TParticipantDataField, string | null>>> | null;
};

/** Whether the person's participation has ended on `today`: support closed, or the end date has come. */
export function participationEnded(person: Pick<TCompletenessPerson, "status" | "data">, today: string): boolean {
  const end = person.data?.participationEnd ?? null;
  return person.status === "CLOSED" || (end !== null && end <= today);
}

const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === "";

/**
 * The fields monitoring still needs of the person on `today`, in MONITORING_REQUIREMENTS' order.
 * With `sensitive: false` (a viewer without clients.read_sensitive) the special-category fields
 * are left out: whether they are answered is itself withheld.
 */
export function missingMonitoringFields(person: TCompletenessPerson, today: string, { sensitive }: { sensitive: boolean }): TMonitoringField[] {
  const ended = participationEnded(person, today);
  return MONITORING_REQUIREMENTS.filter(({ field, when }) => {
    if (!sensitive && isSensitiveParticipantField(field)) return false;
    if (when === "ended" && !ended) return false;
    const value = (ADDRESS_FIELDS as readonly string[]).includes(field)
      ? person.address[field as TAddressField]
      : person.data?.[field as TParticipantDataField];
    return blank(value);
  }).map(({ field }) => field);
}
