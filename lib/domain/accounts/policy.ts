import "server-only";
import type { AccountTokenPurpose } from "@/lib/generated/prisma/enums";

export type TAccountLinkPurpose = AccountTokenPurpose;

/**
 * How long a link lasts (issue 15): an invitation 72 hours — the new colleague may read it on
 * Monday what was sent on Friday; a reset 30 minutes — its owner just asked for it.
 */
export const ACCOUNT_LINK_VALIDITY_MINUTES: Record<TAccountLinkPurpose, number> = {
  INVITE: 72 * 60,
  RESET: 30,
};

export function linkExpiresAt(purpose: TAccountLinkPurpose, now: Date): Date {
  return new Date(now.getTime() + ACCOUNT_LINK_VALIDITY_MINUTES[purpose] * 60_000);
}

/** A link works once, until it expires; a newer link of the same purpose voids it (its expiry is moved to then). */
export function isLinkUsable(token: { usedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return token.usedAt === null && token.expiresAt.getTime() > now.getTime();
}

/**
 * Which link the admin's "send a link" sends: a user who never chose a password is still invited;
 * one who did gets a reset link. An inactive user gets none (null): they cannot sign in anyway.
 */
export function adminLinkPurpose(user: { active: boolean; passwordSetAt: Date | null }): TAccountLinkPurpose | null {
  if (!user.active) return null;
  return user.passwordSetAt === null ? "INVITE" : "RESET";
}

/**
 * Whether the e-mail of a queued link should still go when the job runs: the user may have been
 * deactivated since, or — for an invitation — may have set their password through an earlier link.
 */
export function shouldMailLink(purpose: TAccountLinkPurpose, user: { active: boolean; passwordSetAt: Date | null }): boolean {
  if (!user.active) return false;
  return purpose === "RESET" || user.passwordSetAt === null;
}
