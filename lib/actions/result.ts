import { isAppError, type TErrorCode } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * What a server action hands back to a form: data, or an error code with the field errors
 * (translation keys) the form shows next to its fields. Never a raw exception message.
 */
export type TActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: TErrorCode | "UNEXPECTED"; fieldErrors: Record<string, string>; params: Record<string, string | number> };

export async function toActionResult<T>(work: () => Promise<T>): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, fieldErrors: error.fieldErrors, params: error.params };
    // Next.js signals redirects and not-found by throwing: let them through.
    if (error && typeof error === "object" && "digest" in error && typeof error.digest === "string" && error.digest.startsWith("NEXT_")) {
      throw error;
    }
    logger.error("Unexpected error in server action", { error: error instanceof Error ? error.stack : String(error) });
    return { ok: false, code: "UNEXPECTED", fieldErrors: {}, params: {} };
  }
}
