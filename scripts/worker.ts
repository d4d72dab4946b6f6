/**
 * `npm run worker`: the background worker as a process of its own, started beside the app in
 * production (one or more; they share the queues without running a job twice). It sends e-mail,
 * runs the nightly checks and the digests (lib/jobs). SIGTERM or SIGINT lets running jobs finish
 * (up to 10 s), then exits.
 */
import { pool, prisma } from "@/lib/db/client";
import { startWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";

async function main() {
  const worker = await startWorker({ pool });
  logger.info("background worker started", { pid: process.pid });

  let stopping = false;
  async function stop(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info("background worker stopping", { signal });
    await worker.stop();
    await prisma.$disconnect();
    process.exit(0);
  }
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  logger.error("background worker failed to start", { error: String(error) });
  process.exit(1);
});
