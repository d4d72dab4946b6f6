import { createHmac, timingSafeEqual } from "node:crypto";
import { decode, encode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";

/**
 * The session cookie, read once per request (issue 12): the proxy decrypts it, decides whether the
 * rolling cookie needs re-issuing, and hands the verified claims to the page in a signed request
 * header, so the page never decrypts the cookie a second time.
 *
 * Deliberately free of "server-only": the proxy imports it too.
 */

/** SPEC/issue 3: sessions end 8 h after sign-in whatever happens, and after 30 min without a request. */
export const SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60;
export const SESSION_IDLE_SECONDS = 30 * 60;
/**
 * The rolling cookie is re-issued only when it is older than this; until then a request does not
 * extend it, so the idle timeout is measured from the last re-issue: 25–30 minutes of inactivity.
 */
export const SESSION_REFRESH_AFTER_SECONDS = 5 * 60;

const DEV_SECRET = "development-only-secret-not-for-production-use";
export const SESSION_SECRET = env.AUTH_SECRET ?? DEV_SECRET;

/** Auth.js's cookie names: `__Secure-` when the sign-in happened over HTTPS. The token's salt is its cookie's name. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The request header the proxy writes (always overwriting what the client sent). */
export const SESSION_CLAIMS_HEADER = "x-owes-session";

/** `sessionId`: the server-side session row (user_session) — revoking it ends this session alone. */
export type TSessionClaims = { userId: string; tenantId: string; sessionVersion: number; sessionId: string };

export type TSessionToken = {
  claims: TSessionClaims;
  /** Seconds since the epoch when this token was issued (the last re-issue). */
  issuedAt: number;
  token: JWT;
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims of a token minted by the `jwt` callback, or null when it lacks them or is past its absolute lifetime. */
export function claimsOf(token: JWT, now = nowSeconds()): TSessionClaims | null {
  if (!token.uid || !token.tid || typeof token.sv !== "number" || !token.sid || !token.authTime) return null;
  if (now - token.authTime > SESSION_ABSOLUTE_SECONDS) return null;
  return { userId: token.uid, tenantId: token.tid, sessionVersion: token.sv, sessionId: token.sid };
}

/** Decrypts a session cookie: its claims, or null when it is forged, expired (idle) or past the absolute lifetime. */
export async function readSessionToken(value: string, cookieName: string): Promise<TSessionToken | null> {
  try {
    const token = await decode({ token: value, secret: SESSION_SECRET, salt: cookieName });
    if (!token) return null;
    const claims = claimsOf(token);
    if (!claims) return null;
    return { claims, issuedAt: typeof token.iat === "number" ? token.iat : 0, token };
  } catch {
    return null;
  }
}

/** Whether the rolling cookie should be re-issued on this request. */
export function needsRefresh(session: TSessionToken, now = nowSeconds()): boolean {
  return now - session.issuedAt >= SESSION_REFRESH_AFTER_SECONDS;
}

/** The same token, encrypted again with a fresh idle expiry (its sign-in time, and so its absolute end, unchanged). */
export function reissueSessionToken(session: TSessionToken, cookieName: string): Promise<string> {
  const { iat: _iat, exp: _exp, jti: _jti, ...token } = session.token;
  return encode({ token, secret: SESSION_SECRET, salt: cookieName, maxAge: SESSION_IDLE_SECONDS });
}

const claimsKey = createHmac("sha256", SESSION_SECRET).update("owes:session-claims-header").digest();

function mac(payload: string): Buffer {
  return createHmac("sha256", claimsKey).update(payload).digest();
}

/** A signed header is honoured only this long after the proxy wrote it: it belongs to one request. */
const CLAIMS_HEADER_TTL_SECONDS = 60;

/** The header value the proxy passes to the page: the claims and a MAC, so that a value the client wrote is worthless. */
export function signClaims(claims: TSessionClaims, now = nowSeconds()): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, at: now })).toString("base64url");
  return `${payload}.${mac(payload).toString("base64url")}`;
}

/** The claims from a header written by {@link signClaims}, or null when it is missing or was not written by us. */
export function verifyClaims(value: string | null | undefined, now = nowSeconds()): TSessionClaims | null {
  if (!value) return null;
  const [payload, signature, extra] = value.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<TSessionClaims & { at: number }>;
    if (typeof claims.at !== "number" || Math.abs(now - claims.at) > CLAIMS_HEADER_TTL_SECONDS) return null;
    if (typeof claims.userId !== "string" || typeof claims.tenantId !== "string" || typeof claims.sessionVersion !== "number") return null;
    if (typeof claims.sessionId !== "string") return null;
    return { userId: claims.userId, tenantId: claims.tenantId, sessionVersion: claims.sessionVersion, sessionId: claims.sessionId };
  } catch {
    return null;
  }
}
