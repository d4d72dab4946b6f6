"use client";

import { RouteError, type TErrorBoundaryProps } from "@/components/errors/route-error";

/**
 * Failures outside the signed-in area's pages — and of that area's layout itself, e.g. the session
 * check when the database is unreachable. The start page ("/") needs no database, so it is the way on.
 */
export default function RootError(props: TErrorBoundaryProps) {
  return (
    <main id="main" className="mx-auto max-w-6xl px-6 py-16">
      <RouteError {...props} home="/" />
    </main>
  );
}
