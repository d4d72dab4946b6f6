import "server-only";
import type { TRole } from "@/lib/auth/permissions";

/**
 * The tenant's two-factor policy, as one rule (issue 17): a user whose role the tenant requires to
 * sign in with a second factor may, in a session without one, only set one up and sign out. Every
 * page and action but those is refused (lib/auth/session.ts `requireSessionUser` redirects to
 * {@link TWO_FACTOR_ENROL_PATH}). A user with a second factor is always asked for the code at
 * sign-in, so their sessions have it; enrolling marks the enrolling session too.
 */
export type TTwoFactorState = {
  twoFactorRequired: boolean;
  sessionTwoFactor: boolean;
};

export const TWO_FACTOR_ENROL_PATH = "/account/security?required=1";

/** Roles that must use a second factor unless a tenant chooses otherwise (the schema's default). */
export const DEFAULT_TWO_FACTOR_ROLES: readonly TRole[] = ["ADMIN", "MANAGER", "IOD"];

export function mustEnrolTwoFactor(state: TTwoFactorState): boolean {
  return state.twoFactorRequired && !state.sessionTwoFactor;
}

/** Whether the tenant's policy requires a second factor of `role`. */
export function isTwoFactorRequired(role: TRole, twoFactorRoles: readonly string[]): boolean {
  return twoFactorRoles.includes(role);
}
