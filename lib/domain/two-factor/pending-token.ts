import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { SESSION_SECRET } from "@/lib/auth/session-token";

/**
 * Between the two steps of a sign-in with a second factor the form carries this token, not the
 * password: it says "this account's password was right a moment ago". Signed (HMAC-SHA-256 under a
 * key of its own, derived from the session secret), short-lived, and tied to the session version,
 * so a password change or reset in between voids it. The tenant's identifier and the e-mail ride
 * along (signed) for the throttle, which keys on them as the first step did.
 */
export const PENDING_TOKEN_SECONDS = 5 * 60;

export type TPendingSignIn = { userId: string; tenantId: string; tenantSlug: string; email: string; sessionVersion: number };

const key = createHmac("sha256", SESSION_SECRET).update("owes:two-factor-pending").digest();
const mac = (payload: string) => createHmac("sha256", key).update(payload).digest();

export function issuePendingToken(pending: TPendingSignIn, nowMs = Date.now()): string {
  const body = { ...pending, exp: Math.floor(nowMs / 1000) + PENDING_TOKEN_SECONDS, nonce: randomBytes(12).toString("base64url") };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${mac(payload).toString("base64url")}`;
}

/**
 * What a token says: `forged` when we did not sign it (nothing in it can be trusted), `expired`
 * when we did but its time is up (the account is known, for the audit trail), else the sign-in.
 */
export function readPendingToken(
  token: string,
  nowMs = Date.now(),
): { status: "valid"; pending: TPendingSignIn } | { status: "expired"; pending: TPendingSignIn } | { status: "forged" } {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { status: "forged" };
  const given = Buffer.from(signature, "base64url");
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: "forged" };
  let body: Partial<TPendingSignIn & { exp: number }>;
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<TPendingSignIn & { exp: number }>;
  } catch {
    return { status: "forged" };
  }
  const { userId, tenantId, tenantSlug, email, sessionVersion, exp } = body;
  if (typeof userId !== "string" || typeof tenantId !== "string" || typeof tenantSlug !== "string" || typeof email !== "string") return { status: "forged" };
  if (typeof sessionVersion !== "number" || typeof exp !== "number") return { status: "forged" };
  const pending = { userId, tenantId, tenantSlug, email, sessionVersion };
  return Math.floor(nowMs / 1000) > exp ? { status: "expired", pending } : { status: "valid", pending };
}
