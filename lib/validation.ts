import { z } from "zod";
import { AppError, notFound } from "./errors";

/**
 * Services parse their input again, whatever the adapter did: a failure is VALIDATION_FAILED with
 * the first message (a translation key) for each field path.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join(".") || "_form";
    fieldErrors[path] ??= issue.message;
  }
  throw new AppError("VALIDATION_FAILED", { fieldErrors });
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are unverified: one that is not even a UUID is simply not found. */
export function assertId(id: string, entity: string): void {
  if (!UUID_RE.test(id)) throw notFound(entity);
}

/** A free-text field a form may leave empty: "" and missing both mean "not given" (null). */
export const optionalText = (max: number) =>
  z
    .string("invalid")
    .trim()
    .max(max, "tooLong")
    .nullish()
    .transform((v) => (v ? v : null));

type TExactly<TList extends readonly string[], TUnion extends string> = [TUnion] extends [TList[number]] ? TList : never;

/**
 * A value list written out beside a schema enum (so a form bundle carries no Prisma code), which
 * the compiler refuses when it drifts from the enum: `exactly<ClientKind>()(["PERSON", …])`.
 */
export const exactly =
  <TUnion extends string>() =>
  <const TList extends readonly TUnion[]>(list: TExactly<TList, TUnion>) =>
    list;
