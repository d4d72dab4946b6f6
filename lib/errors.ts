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
