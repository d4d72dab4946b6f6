import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { HSTS_VALUE, contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";
import {
  SESSION_CLAIMS_HEADER,
  SESSION_COOKIE_NAMES,
  SESSION_IDLE_SECONDS,
  needsRefresh,
  readSessionToken,
  reissueSessionToken,
  signClaims,
} from "@/lib/auth/session-token";

/** HTTPS is the operator's statement (APP_URL), not a header a client could send. */
const SECURITY = { development: env.NODE_ENV === "development", https: env.APP_URL.startsWith("https://") };

/** Pages anyone may open; everything else belongs to the signed-in area. */
const PUBLIC_PATHS = new Set(["/", "/login", "/forgot-password", "/set-password"]);

/**
 * Link prefetches do not refresh the session cookie: a prefetch still in flight when the user
 * signs out would otherwise come back with a fresh cookie and sign them in again. (Prefetched
 * pages still re-check the session themselves.)
 */
function isPrefetch(request: NextRequest): boolean {
  return request.headers.get("next-router-prefetch") === "1" || request.headers.get("purpose") === "prefetch";
}

/**
 * Convenience only: sends anonymous visitors of the signed-in area to the sign-in page and keeps
 * the rolling session cookie fresh (the idle timeout). Authorization happens in the services, and
 * every page re-checks the session against the database; this is never the check.
 *
 * It decrypts the session cookie once and passes the claims to the page in a signed request
 * header (lib/auth/session-token.ts), always replacing whatever the client sent under that name.
 * The cookie is re-issued only when it is older than a few minutes (issue 12).
 *
 * It also sets the page's Content-Security-Policy with a fresh nonce (lib/http/security-headers.ts):
 * on the request, where Next.js reads the nonce for the scripts it renders, and on the response.
 */
export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.delete(SESSION_CLAIMS_HEADER);
  const csp = contentSecurityPolicy(createNonce(), SECURITY);
  headers.set("Content-Security-Policy", csp);

  const cookie = SESSION_COOKIE_NAMES.map((name) => ({ name, value: request.cookies.get(name)?.value })).find((c) => c.value);
  const session = cookie?.value ? await readSessionToken(cookie.value, cookie.name) : null;

  if (!session && !PUBLIC_PATHS.has(request.nextUrl.pathname)) {
    return secured(NextResponse.redirect(new URL("/login", request.nextUrl.origin)), csp);
  }
  if (session) headers.set(SESSION_CLAIMS_HEADER, signClaims(session.claims));
  const response = secured(NextResponse.next({ request: { headers } }), csp);

  if (cookie && session && needsRefresh(session) && !isPrefetch(request)) {
    response.cookies.set(cookie.name, await reissueSessionToken(session, cookie.name), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: cookie.name.startsWith("__Secure-"),
      maxAge: SESSION_IDLE_SECONDS,
    });
  }
  return response;
}

function secured(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  if (SECURITY.https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  // Not for auth endpoints, health checks, Next's assets or files with an extension.
  matcher: ["/((?!api/|_next/|.*\\.[a-zA-Z0-9]+$).*)"],
};
