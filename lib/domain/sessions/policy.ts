import "server-only";
/**
 * The per-account limit, whatever the client address. The per-(account, IP) lock is only as good
 * as the address, and an attacker with many addresses (or, without a trusted proxy, forged ones)
 * never trips it. So every account also has a budget of failures in a row; past it each further
 * attempt waits, the wait doubling per failure up to a cap. A growing wait rather than a lock: an
 * attacker can slow the owner down, never shut them out for longer than the cap. The numbers follow
 * Keycloak's brute-force defaults (1-minute increment, 15-minute maximum).
 */
export const ACCOUNT_THROTTLE = {
  /** Failures in a row before the account waits: room for a user who mistypes, twice the per-IP limit. */
  failuresBeforeDelay: 10,
  /** The wait after that many failures; doubles with every further one (1, 2, 4, 8, 15, 15… min). */
  baseDelaySeconds: 60,
  /** The longest wait: at most about a hundred guesses a day per account, from any number of addresses. */
  maxDelaySeconds: 15 * 60,
  /**
   * A run of failures this long after its last wait ended starts again, so a user's occasional
   * slip-ups over months do not add up. Waiting this long gains an attacker less than the cap allows.
   */
  resetAfterHours: 24,
} as const;

/** How long the account waits after its `failures`-th failure in a row. */
export function accountDelaySeconds(failures: number): number {
  if (failures < ACCOUNT_THROTTLE.failuresBeforeDelay) return 0;
  // Bounded exponent: the cap is reached long before, and 2 ** n stays finite.
  const doublings = Math.min(failures - ACCOUNT_THROTTLE.failuresBeforeDelay, 20);
  return Math.min(ACCOUNT_THROTTLE.baseDelaySeconds * 2 ** doublings, ACCOUNT_THROTTLE.maxDelaySeconds);
}
