import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";
import { loadSessionContext, type TSessionUserView } from "@/lib/domain/sessions/session";
import { TWO_FACTOR_ENROL_PATH, mustEnrolTwoFactor } from "@/lib/domain/two-factor/policy";
import { clientIpFromHeaders } from "./client-ip";
import { SESSION_CLAIMS_HEADER, SESSION_COOKIE_NAMES, readSessionToken, verifyClaims, type TSessionClaims } from "./session-token";

/**
 * The claims of this request's session: from the proxy's signed header (the cookie was decrypted
 * once, there), or — when the request did not pass the proxy — from the cookie itself.
 */
async function sessionClaims(): Promise<TSessionClaims | null> {
  const fromProxy = verifyClaims((await headers()).get(SESSION_CLAIMS_HEADER));
  if (fromProxy) return fromProxy;
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (value) return (await readSessionToken(value, name))?.claims ?? null;
  }
  return null;
}

/**
 * The signed-in user of this request, re-checked against the database (active, session version),
 * or null. Cached for the duration of one request.
 */
export const getSessionUser = cache(async (): Promise<TSessionUserView | null> => {
  const claims = await sessionClaims();
  if (!claims) return null;
  const h = await headers();
  const requestId = h.get("x-request-id") ?? randomUUID();
  const user = await loadSessionContext(claims, requestId);
  return user ? { ...user, ip: clientIpFromHeaders(h, env.TRUSTED_PROXY_COUNT) } : null;
});

/**
 * For pages and actions behind sign-in: the context, or a redirect to the sign-in page. A user
 * whose role the tenant requires to sign in with a second factor, in a session without one, is
 * sent to set one up instead (lib/domain/two-factor/policy.ts): every page and action is refused
 * until then, but those that use {@link requireSessionUserForEnrolment}.
 */
export async function requireSessionUser(): Promise<TSessionUserView> {
  const user = await requireSessionUserForEnrolment();
  if (mustEnrolTwoFactor(user)) redirect(TWO_FACTOR_ENROL_PATH);
  return user;
}

/**
 * Signed in, whether or not the tenant's policy still waits for a second factor: only for setting
 * one up (/account/security and its actions) and for the shell around it.
 */
export async function requireSessionUserForEnrolment(): Promise<TSessionUserView> {
  const user = await getSessionUser();
  if (!user) redirect("/login?expired=1");
  return user;
}
