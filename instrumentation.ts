import type { Instrumentation } from "next";

/** Whether this is the Node.js server (not the edge runtime), by Next's own marker of the runtime, not configuration (lib/env.ts). */
// eslint-disable-next-line no-restricted-properties
const inNodeRuntime = () => process.env.NEXT_RUNTIME === "nodejs";

/**
 * Next.js calls register() once when a server process starts. With JOBS_IN_PROCESS (on by default
 * in development; `npm run demo` sets it) the background worker runs inside this process, on the
 * app's own pool — the embedded demo database serves one connection. In production the worker runs
 * beside the app instead: `npm run worker`.
 */
export async function register() {
  if (!inNodeRuntime()) return;
  const { env } = await import("@/lib/env");
  if (!env.JOBS_IN_PROCESS) return;
  const { startInProcessWorker } = await import("@/lib/jobs/in-process");
  await startInProcessWorker();
}

/**
 * Every server error Next.js catches, as one JSON log line that pairs the reference the error page
 * shows (the digest) with the request's id (lib/system/request-error.ts).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (!inNodeRuntime()) return;
  const { logRequestError } = await import("@/lib/system/request-error");
  logRequestError(error, request, context);
};
