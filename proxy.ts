import { NextResponse, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/auth";

/** Pages anyone may open; everything else belongs to the signed-in area. */
const PUBLIC_PATHS = new Set(["/", "/login"]);

/**
 * Convenience only: sends anonymous visitors of the signed-in area to the sign-in page, and keeps
 * the rolling session cookie fresh (the idle timeout). Authorization happens in the services and
 * every page re-checks the session against the database; this is never the check.
 */
const withSession = auth((request) => {
  if (!request.auth && !PUBLIC_PATHS.has(request.nextUrl.pathname)) {
    return NextResponse.redirect(new URL("/login", request.nextUrl.origin));
  }
  return NextResponse.next();
});

/**
 * Link prefetches do not refresh the session cookie: a prefetch still in flight when the user
 * signs out would otherwise come back with a fresh cookie and sign them in again. (Prefetched
 * pages still re-check the session themselves.)
 */
function isPrefetch(request: NextRequest): boolean {
  return request.headers.get("next-router-prefetch") === "1" || request.headers.get("purpose") === "prefetch";
}

export function proxy(request: NextRequest, event: Parameters<typeof withSession>[1]) {
  if (isPrefetch(request)) return NextResponse.next();
  return withSession(request, event);
}

export const config = {
  // Not for auth endpoints, health checks, Next's assets or files with an extension.
  matcher: ["/((?!api/|_next/|.*\\.[a-zA-Z0-9]+$).*)"],
};
