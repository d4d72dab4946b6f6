import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/** True when `error` is PostgreSQL refusing a duplicate on a unique constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Runs `work`; a unique-constraint violation becomes ALREADY_EXISTS with the given field error.
 * Pre-checks give the friendly message in the common case; this catches the race between a
 * pre-check and the insert, where the database is the final judge.
 */
export async function refuseDuplicates<T>(fieldErrors: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_EXISTS", { fieldErrors });
    throw error;
  }
}
