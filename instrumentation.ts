/**
 * Next.js calls register() once when a server process starts. With JOBS_IN_PROCESS (on by default
 * in development; `npm run demo` sets it) the background worker runs inside this process, on the
 * app's own pool — the embedded demo database serves one connection. In production the worker runs
 * beside the app instead: `npm run worker`.
 */
export async function register() {
  // NEXT_RUNTIME is Next's own marker of the runtime, not configuration (lib/env.ts).
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (!env.JOBS_IN_PROCESS) return;
  const { startInProcessWorker } = await import("@/lib/jobs/in-process");
  await startInProcessWorker();
}
