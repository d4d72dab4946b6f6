import "server-only";

/**
 * The retention period of project documents (issue 17 §5), pure.
 *
 * Regulation (EU) 2021/1060, art. 82(1): documents are kept for five years from 31 December of the
 * year in which the managing authority's last payment to the beneficiary was made; a centre may
 * keep them longer (its grant agreement may say so), hence the tenant's `retentionYears`.
 */

/**
 * The last day of retention: 31 December of (the year of `lastPaymentOn`) + `retentionYears`, as
 * the UTC midnight a DATE column holds. Null while no last payment is recorded: the period has not
 * started to run. Only the year of the payment counts, so no leap day can move the result.
 */
export function retentionEndsOn(tenant: { lastPaymentOn: Date | null; retentionYears: number }): Date | null {
  if (!tenant.lastPaymentOn) return null;
  return new Date(Date.UTC(tenant.lastPaymentOn.getUTCFullYear() + tenant.retentionYears, 11, 31));
}
