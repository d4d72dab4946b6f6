import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/auth";

/** Pages anyone may open; everything else belongs to the signed-in area. */
const PUBLIC_PATHS = new Set(["/", "/login"]);

/**
 * Convenience only: sends anonymous visitors of the signed-in area to the sign-in page, and keeps
 * the rolling session cookie fresh (the idle timeout). Authorization happens in the services and
 * every page re-checks the session against the database; this is never the check.
 */
export const proxy = auth((request) => {
  if (!request.auth && !PUBLIC_PATHS.has(request.nextUrl.pathname)) {
    return NextResponse.redirect(new URL("/login", request.nextUrl.origin));
  }
  return NextResponse.next();
});

export const config = {
  // Not for auth endpoints, health checks, Next's assets or files with an extension.
  matcher: ["/((?!api/|_next/|.*\\.[a-zA-Z0-9]+$).*)"],
};
