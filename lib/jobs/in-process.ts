import "server-only";
import { pool } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { startWorker, type TWorker } from "./worker";

const globalForWorker = globalThis as unknown as { owesWorker?: Promise<TWorker> };

/** Starts the worker in the app's process, once (a hot reload in development does not start another). */
export function startInProcessWorker(): Promise<TWorker> {
  globalForWorker.owesWorker ??= startWorker({ pool }).then((worker) => {
    logger.info("background worker started in the app process");
    process.once("SIGTERM", () => void worker.stop());
    return worker;
  });
  return globalForWorker.owesWorker;
}
