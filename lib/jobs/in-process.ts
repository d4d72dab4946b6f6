import "server-only";
import { closeOnShutdown, pool } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { startWorker, type TWorker } from "./worker";

const globalForWorker = globalThis as unknown as { owesWorker?: Promise<TWorker> };

/** Starts the worker in the app's process, once (a hot reload in development does not start another). */
export function startInProcessWorker(): Promise<TWorker> {
  globalForWorker.owesWorker ??= startWorker({ pool }).then((worker) => {
    logger.info("background worker started in the app process");
    // One stop, whoever asks first. SIGTERM starts it at once, so no new job is fetched while the
    // server lets its open requests finish; the server then waits for it before it closes the pool
    // the worker uses (a second pg-boss stop() would return before the first had finished).
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= worker.stop());
    process.once("SIGTERM", () => void stop().catch((error: unknown) => logger.error("background worker did not stop cleanly", { error: String(error) })));
    closeOnShutdown("background worker", stop);
    return { ...worker, stop };
  });
  return globalForWorker.owesWorker;
}
