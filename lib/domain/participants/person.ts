import "server-only";
import { isoDate } from "@/lib/dates";
import type { ClientStatus, Prisma } from "@/lib/generated/prisma/client";
import { CONSENT_STATE_SELECT } from "@/lib/domain/privacy/consent-policy";
import type { TCompletenessPerson } from "./completeness";
import { PARTICIPANT_DATA_FIELDS, SENSITIVE_PARTICIPANT_FIELDS, type TParticipantDataField } from "./schemas";

/**
 * How the participants area reads a person: the client's facts the register and the completeness
 * rule need, and their monitoring data — the special-category fields only for a viewer who may
 * read them (for the others they are not even read from the database).
 */

const DATE_FIELDS = new Set<TParticipantDataField>(["birthDate", "participationStart", "participationEnd"]);

/** The participant_data columns to read: all, or all but the special-category ones. */
export function participantDataSelect(sensitive: boolean) {
  const select: Partial<Record<TParticipantDataField, true>> = {};
  for (const field of PARTICIPANT_DATA_FIELDS) {
    if (sensitive || !(SENSITIVE_PARTICIPANT_FIELDS as readonly string[]).includes(field)) select[field] = true;
  }
  return select satisfies Prisma.ParticipantDataSelect;
}

export function personSelect(sensitive: boolean) {
  return {
    id: true,
    name: true,
    kind: true,
    status: true,
    pesel: true,
    voivodeship: true,
    county: true,
    commune: true,
    town: true,
    postalCode: true,
    participantData: { select: participantDataSelect(sensitive) },
    // Whether a withdrawn consent withholds the special-category values (lib/domain/privacy/consent-policy.ts).
    ...CONSENT_STATE_SELECT,
  } satisfies Prisma.ClientSelect;
}

type TStoredData = Partial<Record<TParticipantDataField, string | Date | null>>;

/** The stored data as plain values (dates as YYYY-MM-DD); fields not read stay absent. */
export function plainData(stored: TStoredData | null): Partial<Record<TParticipantDataField, string | null>> | null {
  if (!stored) return null;
  const out: Partial<Record<TParticipantDataField, string | null>> = {};
  for (const field of PARTICIPANT_DATA_FIELDS) {
    if (!(field in stored)) continue;
    const value = stored[field];
    out[field] = value instanceof Date ? isoDate(value) : DATE_FIELDS.has(field) && value ? String(value) : (value ?? null);
  }
  return out;
}

export type TPersonRow = {
  status: ClientStatus;
  voivodeship: string | null;
  county: string | null;
  commune: string | null;
  participantData: TStoredData | null;
};

export function completenessPerson(row: TPersonRow): TCompletenessPerson {
  return {
    status: row.status,
    address: { voivodeship: row.voivodeship, county: row.county, commune: row.commune },
    data: plainData(row.participantData),
  };
}
