import { forbidden, notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * For server components: runs a service call and turns its expected refusals into the matching
 * page — NOT_FOUND → 404 (a foreign id looks exactly like a missing one), FORBIDDEN → 403.
 */
export async function loadForPage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
