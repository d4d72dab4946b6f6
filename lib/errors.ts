/**
 * The one error type services throw for expected failures. Adapters map `code` to an HTTP status
 * and to a translated message (`errors.<code>` in lib/i18n/messages); anything else is unexpected,
 * logged, and shown generically.
 */
export const ERROR_CODES = {
  /** The record does not exist in the caller's tenant (a foreign id answers exactly like a missing one). */
  NOT_FOUND: 404,
  /** The caller's role does not grant the permission the operation needs. */
  FORBIDDEN: 403,
  /** No valid session. */
  UNAUTHENTICATED: 401,
  /** Input failed validation; `fieldErrors` says where. */
  VALIDATION_FAILED: 422,
  /** A unique value (e.g. an e-mail within the tenant) is already taken. */
  ALREADY_EXISTS: 409,
  /** The record changed since the caller read it (optimistic concurrency). */
  CONFLICT: 409,
  /** The current password given for a password change is wrong. */
  INVALID_CURRENT_PASSWORD: 422,
  /** A user may not deactivate or demote themselves. */
  SELF_MODIFICATION_REFUSED: 422,
  /**
   * The key advisor already carries as many active clients as their limit allows (SPEC §3.1).
   * params: advisor (name), load, limit. Nothing was changed.
   */
  CASELOAD_LIMIT_REACHED: 409,
  /** The client is not in the state the operation needs (e.g. taking a client who is no longer waiting). */
  INVALID_STATE: 409,
  /**
   * A PESEL, NIP, REGON or KRS given for a client is already held by another client of the tenant
   * (SPEC §3.5). fieldErrors: the taken identifier fields ("identifierTaken"); params: clientId,
   * clientName of the existing client, for a link to it. Nothing was written; clients are never merged.
   */
  DUPLICATE_IDENTIFIER: 409,
  /**
   * Another client of the tenant has the same name in the same town (compared without case and
   * diacritics). A warning the user may override by saving again with `confirmPossibleDuplicate`
   * (the override is audited). params: clientId, clientName of the first such client. Nothing was written.
   */
  POSSIBLE_DUPLICATE: 409,
  /**
   * The support path cannot move to the requested step now. params: from, to, and missing — a
   * comma-separated list of keys of `paths.missing.*` saying what is missing.
   */
  PATH_TRANSITION_REFUSED: 422,
  /** A plan cannot be approved without a signed contract with the client (SPEC §3.2). */
  CONTRACT_NOT_SIGNED: 422,
  /** A service record can be edited or deleted only within the tenant's edit window. params: days. */
  EDIT_WINDOW_CLOSED: 409,
  /**
   * The caller already logged a live service on the same date, of the same duration and support
   * type, for at least one of the same clients (and, when both have a start time, at the same
   * time) — most likely the same meeting entered again, e.g. after the browser's back button. A
   * warning the user may override by saving again with `confirmPossibleDuplicate: true` (the
   * override is audited). params: serviceId, date (YYYY-MM-DD) and, when it has one, topic of
   * the earlier record. Nothing was written.
   */
  POSSIBLE_DUPLICATE_SERVICE: 409,
  /**
   * A new service names a client whose support has ended (status CLOSED): nothing is logged for a
   * closed file. params: client (the client's name). Nothing was written.
   */
  CLIENT_SUPPORT_ENDED: 409,
  /**
   * The person has already been registered for as many trainings counting toward the per-person
   * limit in the project year as the tenant allows (seed 003: three). A manager may admit them with
   * a written reason. params: person (name), count, limit, year. Nothing was written.
   */
  TRAINING_LIMIT_REACHED: 409,
  /** Registration for the event is closed: its deadline has passed or it was cancelled. params: event (title). */
  REGISTRATION_CLOSED: 409,
  /**
   * The service record was written by an event session's attendance list: it is changed through the
   * attendance and the event, not in the service log. params: eventId. Nothing was changed.
   */
  SERVICE_FROM_ATTENDANCE: 409,
  /** A catalogue entry that records use cannot be deleted, only retired. params: entry (name), uses. */
  ENTRY_IN_USE: 409,
  /**
   * An invitation or password reset link that cannot be used: unknown, expired, already used,
   * replaced by a newer link, or its user deactivated — one answer for all. Nothing was changed.
   */
  ACCOUNT_LINK_INVALID: 410,
  /**
   * EFS+ participant data is kept for individual persons only (PERSON clients): an organisation,
   * a group or an institution is not a participant. Nothing was written.
   */
  PARTICIPANT_NOT_A_PERSON: 422,
  /**
   * The tenant's policy requires a second factor of the user's role (tenant.two_factor_roles): it
   * cannot be switched off. Nothing was changed.
   */
  TWO_FACTOR_REQUIRED: 409,
  /**
   * The person's processing is restricted (GDPR art. 18, set by the IOD on a restriction request):
   * their record is kept but not changed, and nothing new is recorded for them until the restriction
   * is lifted. params: since (YYYY-MM-DD, the Polish day it was set). Nothing was written.
   */
  PROCESSING_RESTRICTED: 409,
  /**
   * The person's record was anonymised (issue 17 §5): irreversible, so nothing about them can be
   * recorded or changed any more. Nothing was written.
   */
  CLIENT_ANONYMISED: 409,
} as const;

export type TErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: TErrorCode;
  /** Field path → translation key of the message to show next to that field. */
  readonly fieldErrors: Record<string, string>;
  /** Values interpolated into the translated message. */
  readonly params: Record<string, string | number>;

  constructor(
    code: TErrorCode,
    options: { message?: string; fieldErrors?: Record<string, string>; params?: Record<string, string | number> } = {},
  ) {
    super(options.message ?? code);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? {};
    this.params = options.params ?? {};
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function notFound(entity: string): AppError {
  return new AppError("NOT_FOUND", { message: `${entity} not found` });
}

/**
 * The digest Next gives a server error: the reference an error page shows the user, and the key
 * under which the server logged it (lib/system/request-error.ts). It reveals nothing of the error.
 */
export function errorDigest(error: unknown): string | null {
  return error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
}
