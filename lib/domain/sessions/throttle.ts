import "server-only";
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { transaction, type TTx } from "@/lib/db/transaction";
import { ACCOUNT_THROTTLE, accountDelaySeconds } from "./policy";

/** SPEC: 5 failures for one account from one IP within 15 minutes lock it there for 15 minutes. */
export const THROTTLE = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

/**
 * The throttle key hashes what identifies "an account from one IP". Unknown accounts get keys
 * like any other, so throttling never reveals whether an e-mail is registered.
 */
export function throttleKey(tenantSlug: string, email: string, ip: string): string {
  return createHash("sha256").update(`${tenantSlug.toLowerCase()}\u0000${email.toLowerCase()}\u0000${ip}`).digest("hex");
}

/**
 * The key of the per-account limit (lib/domain/sessions/policy.ts): the account whatever the address.
 * Its prefix keeps it apart from the per-IP keys (bare hex) in the same table.
 */
export function accountThrottleKey(tenantSlug: string, email: string): string {
  return `account:${createHash("sha256").update(`${tenantSlug.toLowerCase()}\u0000${email.toLowerCase()}`).digest("hex")}`;
}

/** `db`: a transaction to ask inside (a second connection while it holds locks could deadlock a one-connection pool). */
export async function isLocked(key: string, db: Pick<TTx, "$queryRaw"> = prisma): Promise<boolean> {
  const rows = await db.$queryRaw<{ locked: boolean }[]>`
    SELECT locked_until IS NOT NULL AND locked_until > now() AS locked FROM sign_in_throttle WHERE key = ${key}`;
  return rows[0]?.locked ?? false;
}

/**
 * Counts one failure atomically (concurrent attempts cannot slip past the limit). A window that
 * has expired, or a lock that has ended, starts a fresh count.
 */
export async function recordFailure(key: string): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO sign_in_throttle AS t (key, failures, first_failure_at, locked_until)
    VALUES (${key}, 1, now(), NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.first_failure_at < now() - make_interval(mins => ${THROTTLE.windowMinutes})
                        OR t.locked_until <= now()
                      THEN 1 ELSE t.failures + 1 END,
      first_failure_at = CASE WHEN t.first_failure_at < now() - make_interval(mins => ${THROTTLE.windowMinutes})
                                OR t.locked_until <= now()
                              THEN now() ELSE t.first_failure_at END,
      locked_until = CASE WHEN t.first_failure_at >= now() - make_interval(mins => ${THROTTLE.windowMinutes})
                            AND (t.locked_until IS NULL OR t.locked_until > now())
                            AND t.failures + 1 >= ${THROTTLE.maxFailures}
                          THEN now() + make_interval(mins => ${THROTTLE.lockMinutes}) ELSE NULL END`;
}

export async function clearFailures(key: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM sign_in_throttle WHERE key = ${key}`;
}

/**
 * Counts an attempt on the account before its password is checked, or refuses it (false) while the
 * account waits. Counted up front and cleared by {@link clearFailures} on success: the row lock
 * serialises concurrent attempts, so a burst from many addresses gets exactly the attempts the
 * count allows, not one per request that arrived before the first failure was written.
 *
 * On an account row `failures` is the run of failures in a row, `first_failure_at` when the run
 * began and `locked_until` when the next attempt may come (the last attempt plus its wait).
 */
export async function claimAccountAttempt(key: string): Promise<boolean> {
  return transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO sign_in_throttle (key, failures, first_failure_at, locked_until)
      VALUES (${key}, 0, now(), NULL) ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ failures: number; waiting: boolean; stale: boolean }[]>`
      SELECT failures,
             coalesce(locked_until > now(), false) AS waiting,
             coalesce(locked_until < now() - make_interval(hours => ${ACCOUNT_THROTTLE.resetAfterHours}), false) AS stale
      FROM sign_in_throttle WHERE key = ${key} FOR UPDATE`;
    // Below the limit `locked_until` is only the last attempt's time, which a transaction that
    // waited for the row lock may see in its future (now() is when it began): no wait then.
    if (!row || (row.waiting && row.failures >= ACCOUNT_THROTTLE.failuresBeforeDelay)) return false;
    const failures = (row.stale ? 0 : row.failures) + 1;
    await tx.$executeRaw`
      UPDATE sign_in_throttle
      SET failures = ${failures}::int,
          first_failure_at = CASE WHEN ${failures}::int = 1 THEN now() ELSE first_failure_at END,
          locked_until = now() + make_interval(secs => ${accountDelaySeconds(failures)})
      WHERE key = ${key}`;
    return true;
  });
}
