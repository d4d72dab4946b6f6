import "server-only";
import { z } from "zod";

/** A written reason (for an exception to the limit, for a cancellation): at most 500 characters. */
const MAX_REASON = 500;

/**
 * Who to register: an individual client (a client of kind PERSON) or one of a client's people (a
 * representative of an organisation, a member of a group) — exactly one. `exceptionReason` admits
 * a person over the training limit (events.limit_exception only).
 */
export const ZRegisterPersonInput = z
  .object({
    personClientId: z.uuid("invalid").optional(),
    clientPersonId: z.uuid("invalid").optional(),
    exceptionReason: z
      .string("invalid")
      .trim()
      .max(MAX_REASON, "tooLong")
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .refine((v) => (v.personClientId === undefined) !== (v.clientPersonId === undefined), { message: "required", path: ["person"] });
export type TRegisterPersonInput = z.input<typeof ZRegisterPersonInput>;

export const ZCancelRegistrationInput = z.object({
  reason: z.string("required").trim().min(1, "required").max(MAX_REASON, "tooLong"),
});
export type TCancelRegistrationInput = z.input<typeof ZCancelRegistrationInput>;

/** A name query for the "Zapisz osobę" search: at least 2 characters. */
export const ZFindRegistrationCandidatesInput = z.object({
  q: z.string("required").trim().min(2, "searchTooShort").max(100, "tooLong"),
});
export type TFindRegistrationCandidatesInput = z.input<typeof ZFindRegistrationCandidatesInput>;
