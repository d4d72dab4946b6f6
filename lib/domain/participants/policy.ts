import "server-only";
import { PARTICIPANT_DATA_FIELDS, SENSITIVE_PARTICIPANT_FIELDS, type TParticipantDataField } from "./schemas";

/** A person's EFS+ data as stored and audited: dates as YYYY-MM-DD, nothing as null. */
export type TParticipantState = Record<TParticipantDataField, string | null>;

/**
 * What a save writes: the input, except that a role without clients.read_sensitive keeps the
 * stored special-category answers — it never saw them, so it can neither clear nor change them.
 * (Today every role holding clients.write also holds clients.read_sensitive; the rule holds
 * should a role ever get the one without the other.)
 */
export function stateToSave(before: TParticipantState, input: TParticipantState, { sensitive }: { sensitive: boolean }): TParticipantState {
  const after = { ...input };
  if (!sensitive) for (const field of SENSITIVE_PARTICIPANT_FIELDS) after[field] = before[field];
  return after;
}

/** The fields whose value a save changes, in the form's order. */
export function changedFields(before: TParticipantState, after: TParticipantState): TParticipantDataField[] {
  return PARTICIPANT_DATA_FIELDS.filter((field) => before[field] !== after[field]);
}
