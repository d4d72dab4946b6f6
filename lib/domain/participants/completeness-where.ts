import "server-only";
import { dateOnly } from "@/lib/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sensitiveConsentStandsWhere } from "@/lib/domain/privacy/consent-policy";
import { ADDRESS_FIELDS, MONITORING_REQUIREMENTS, type TAddressField } from "./completeness";
import { isSensitiveParticipantField, type TParticipantDataField } from "./schemas";

/**
 * completeness.ts's rule as a filter on clients, generated from MONITORING_REQUIREMENTS so the list's
 * "only incomplete" and the per-person gaps cannot drift apart (tests/integration/participants
 * compares them). Same inputs: the client's address, its participant_data row (none: everything
 * missing) and whether participation has ended on `today`.
 */

const noData: Prisma.ClientWhereInput = { participantData: { is: null } };

const isAddress = (field: string): field is TAddressField => (ADDRESS_FIELDS as readonly string[]).includes(field);

/** The field is blank: no value (or, for the client's text fields, only spaces — which the client form never stores). */
function blankWhere(field: TParticipantDataField | TAddressField): Prisma.ClientWhereInput {
  if (isAddress(field)) return { OR: [{ [field]: null }, { [field]: "" }] };
  return { OR: [noData, { participantData: { is: { [field]: null } } }] };
}

/** Participation has ended on `today`: support closed, or the end date has come (completeness.ts participationEnded). */
function endedWhere(today: string): Prisma.ClientWhereInput {
  return { OR: [{ status: "CLOSED" }, { participantData: { is: { participationEnd: { lte: dateOnly(today) } } } }] };
}

/**
 * The persons monitoring still needs something of on `today` (special-category gaps only when
 * `sensitive`, and only of persons whose SENSITIVE_DATA consent stands: lib/domain/privacy/consent-policy.ts).
 */
export function incompleteWhere(today: string, { sensitive }: { sensitive: boolean }): Prisma.ClientWhereInput {
  const gaps = MONITORING_REQUIREMENTS.filter(({ field }) => sensitive || !isSensitiveParticipantField(field)).map(({ field, when }) => {
    const gap = when === "always" ? blankWhere(field) : { AND: [endedWhere(today), blankWhere(field)] };
    return isSensitiveParticipantField(field) ? { AND: [sensitiveConsentStandsWhere, gap] } : gap;
  });
  return { OR: gaps };
}

/**
 * Participation overlapping the calendar year: started by its last day and not ended before its
 * first. A person whose start is not recorded yet belongs to every year — they cannot be placed,
 * and the missing start is itself a gap to fix before reporting.
 */
export function participationInYearWhere(year: number): Prisma.ClientWhereInput {
  const first = dateOnly(`${year}-01-01`);
  const last = dateOnly(`${year}-12-31`);
  return {
    OR: [
      noData,
      { participantData: { is: { participationStart: null } } },
      { participantData: { is: { participationStart: { lte: last }, OR: [{ participationEnd: null }, { participationEnd: { gte: first } }] } } },
    ],
  };
}
