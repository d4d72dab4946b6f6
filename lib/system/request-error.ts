import type { Instrumentation } from "next";
import { errorDigest } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { REQUEST_ID_HEADER } from "@/lib/system/request-context.mjs";

type TRequest = Parameters<Instrumentation.onRequestError>[1];
type TContext = Parameters<Instrumentation.onRequestError>[2];

/** The first value of a request header, as Next.js passes headers on (a string or a list). */
function headerValue(headers: TRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Logs a server error Next.js caught, for whoever is asked about it: the error page shows the user
 * the digest as the reference (components/errors/route-error.tsx), and this line carries that
 * digest with the request's id (`X-Request-Id`, which scripts/server.mjs assigned and every other
 * line of the request carries too). The path is logged without its query string, which may hold
 * search terms typed by the user; the error's message and stack stay in the log, never on a page.
 */
export function logRequestError(error: unknown, request: TRequest, context: TContext): void {
  logger.error("request failed", {
    requestId: headerValue(request.headers, REQUEST_ID_HEADER),
    digest: errorDigest(error) ?? undefined,
    method: request.method,
    path: request.path.split("?")[0],
    route: context.routePath,
    routeType: context.routeType,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
}
