import { randomUUID } from "node:crypto";
import type { TSessionClaims } from "@/lib/auth/session-token";
import { ownerQuery } from "./db";

type TSessionOwner = { id: string; tenantId: string; sessionVersion?: number };

/**
 * A server-side session row of `user` (as a sign-in creates one), written by the owner. `ageMinutes`
 * dates its sign-in and last activity back.
 */
export async function createUserSession(
  user: TSessionOwner,
  overrides: { twoFactor?: boolean; ageMinutes?: number; lastSeenMinutesAgo?: number; ip?: string; userAgent?: string | null; revoked?: boolean } = {},
): Promise<string> {
  const id = randomUUID();
  const age = overrides.ageMinutes ?? 0;
  await ownerQuery(
    `INSERT INTO user_session (id, tenant_id, user_id, created_at, last_seen_at, ip, user_agent, two_factor, revoked_at)
     VALUES ($1, $2, $3, now() - make_interval(mins => $4::int), now() - make_interval(mins => $5::int), $6, $7, $8, CASE WHEN $9 THEN now() END)`,
    [
      id,
      user.tenantId,
      user.id,
      age,
      overrides.lastSeenMinutesAgo ?? age,
      overrides.ip ?? "203.0.113.7",
      overrides.userAgent === undefined ? "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" : overrides.userAgent,
      overrides.twoFactor ?? false,
      overrides.revoked ?? false,
    ],
  );
  return id;
}

/** The claims of a fresh session of `user` (a session row is created): what the session cookie would carry. */
export async function sessionClaimsFor(user: TSessionOwner, sessionVersion = user.sessionVersion ?? 1): Promise<TSessionClaims> {
  return { userId: user.id, tenantId: user.tenantId, sessionVersion, sessionId: await createUserSession(user) };
}
