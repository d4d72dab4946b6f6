import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";

/**
 * The per-person training limit (seed 003: "every representative of an institution and every
 * natural person may take part in three trainings"): the one home of the rule. A person may hold at
 * most `tenant.training_limit_per_person` live registrations (REGISTERED or WAITING — a place on the
 * waiting list is a claim on a training too) in events counting toward the limit, per project year;
 * 0 means no limit. A cancelled registration frees its place in the count.
 *
 * What counts is the registration's own `limit_year`, copied from the event when it counts toward
 * the limit (null otherwise): whoever changes an event's counting or its year updates its live
 * registrations with it (lib/domain/events/events.ts).
 */

/** The project year a registration for `event` counts in, or null when it does not count. */
export function limitYearOf(event: { countsTowardLimit: boolean; limitYear: number | null }): number | null {
  return event.countsTowardLimit ? event.limitYear : null;
}

/** Whether a person holding `count` counting registrations may not take one more (0 = no limit). */
export function trainingLimitReached(count: number, limit: number): boolean {
  return limit > 0 && count >= limit;
}

/** A person's standing against the limit, as "2 z 3 szkoleń" shows it. */
export type TPersonCount = { count: number; limit: number };

/**
 * Refuses one more counting registration for a person at the limit, unless the caller admits them
 * by exception (the caller has checked events.limit_exception). Returns whether the registration
 * lands by exception, so the caller stores and audits the reason.
 */
export function assertWithinTrainingLimit(input: {
  person: string;
  count: number;
  limit: number;
  year: number;
  exceptionReason: string | null;
}): { byException: boolean } {
  if (!trainingLimitReached(input.count, input.limit)) return { byException: false };
  if (input.exceptionReason) return { byException: true };
  throw new AppError("TRAINING_LIMIT_REACHED", { params: { person: input.person, count: input.count, limit: input.limit, year: input.year } });
}

/**
 * Serialises every limit-changing write of one person (the second lock of a registration, always
 * after the event row's): while it is held nobody else can add to the person's count, so the count
 * read next stays true until this transaction ends. Transaction-scoped: released at commit or rollback.
 */
export async function lockPersonForLimit(tx: TTx, tenantId: string, personKey: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`training-limit:${tenantId}:${personKey}`}, 0))`;
}

/**
 * The tenant's limit, read FOR SHARE (the last lock of a registration) so a concurrent policy
 * change waits for the registration, and the registration for it, instead of racing the check.
 */
export async function lockTenantTrainingLimit(tx: TTx, tenantId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ limit: number }[]>`
    SELECT training_limit_per_person AS "limit" FROM tenant WHERE id = ${tenantId}::uuid FOR SHARE`;
  if (!row) throw notFound("Tenant");
  return row.limit;
}

/**
 * How many counting trainings each person holds in `year`, and the tenant's limit, in one
 * statement — for "2 z 3 szkoleń" wherever a person is shown (the event page, the candidates
 * search, a client's page). Persons without a registration count 0.
 */
export async function personTrainingCounts(
  tx: TTx,
  tenantId: string,
  personKeys: readonly string[],
  year: number,
): Promise<{ limit: number; counts: Map<string, number> }> {
  const keys = [...new Set(personKeys)];
  const rows = await tx.$queryRaw<{ limit: number; key: string | null; n: number }[]>`
    SELECT t.training_limit_per_person AS "limit", k.key,
      (SELECT count(*)::int FROM event_registration r
        WHERE r.tenant_id = t.id AND r.person_key = k.key AND r.limit_year = ${year}::int AND r.status <> 'CANCELLED') AS n
    FROM tenant t
    LEFT JOIN unnest(${keys}::text[]) AS k(key) ON true
    WHERE t.id = ${tenantId}::uuid`;
  const [first] = rows;
  if (!first) throw notFound("Tenant");
  return { limit: first.limit, counts: new Map(rows.flatMap((row) => (row.key === null ? [] : [[row.key, row.n] as const]))) };
}

/** One person's live counting registrations in `year` (under lockPersonForLimit, so it stays true). */
export async function countPersonTrainings(tx: TTx, tenantId: string, personKey: string, year: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM event_registration
    WHERE tenant_id = ${tenantId}::uuid AND person_key = ${personKey} AND limit_year = ${year}::int AND status <> 'CANCELLED'`;
  return row?.n ?? 0;
}
