import { createHash } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** SPEC: 5 failures for one account from one IP within 15 minutes lock it there for 15 minutes. */
export const THROTTLE = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

/**
 * The throttle key hashes what identifies "an account from one IP". Unknown accounts get keys
 * like any other, so throttling never reveals whether an e-mail is registered.
 */
export function throttleKey(tenantSlug: string, email: string, ip: string): string {
  return createHash("sha256").update(`${tenantSlug.toLowerCase()}\u0000${email.toLowerCase()}\u0000${ip}`).digest("hex");
}

export async function isLocked(key: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ locked: boolean }[]>`
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
