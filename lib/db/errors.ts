import { Prisma } from "@/lib/generated/prisma/client";

/** True when `error` is PostgreSQL refusing a duplicate on a unique constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
