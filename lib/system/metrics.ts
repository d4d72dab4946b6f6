import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { Counter, Gauge, type Registry } from "prom-client";
import { pool, prisma } from "@/lib/db/client";
import { QUEUES } from "@/lib/jobs/queues";
import { logger } from "@/lib/logger";
import { metricsRegistry } from "./metrics-registry.mjs";

/** pg-boss states of a job that is still to do: waiting, waiting to be retried, running. */
const PENDING_JOB_STATES = ["created", "retry", "active"] as const;

type TAppMetrics = { signInFailures: Counter<"reason"> };

/**
 * The app's own metrics, registered once per process. Next.js may evaluate this module once per
 * chunk (the sign-in and the metrics route are bundled apart), so the handle lives on globalThis,
 * like the registry itself (lib/system/metrics-registry.mjs) and the database pool.
 */
const APP_METRICS = Symbol.for("owes.appMetrics");

function registerAppMetrics(registry: Registry): TAppMetrics {
  // Pool and queue figures are read when Prometheus scrapes, so they are never stale.
  new Gauge({
    name: "owes_db_pool_connections",
    help: "Connections the app's database pool holds open (in use and idle)",
    registers: [registry],
    collect() {
      this.set(pool.totalCount);
    },
  });
  new Gauge({
    name: "owes_db_pool_idle_connections",
    help: "Open connections of the app's database pool not in use",
    registers: [registry],
    collect() {
      this.set(pool.idleCount);
    },
  });
  new Gauge({
    name: "owes_db_pool_waiting_requests",
    help: "Queries waiting for a connection because every connection of the pool is in use",
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
  new Gauge({
    name: "owes_job_queue_depth",
    help: "Background jobs still to do (pgboss.job), by queue and state (created, retry, active)",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      let rows: { queue: string; state: string; jobs: number }[];
      try {
        rows = await prisma.$queryRaw<{ queue: string; state: string; jobs: number }[]>`
          SELECT name AS queue, state::text AS state, count(*)::int AS jobs
          FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`;
      } catch (error) {
        // The rest of the scrape (the pool shows why) is worth more than an all-or-nothing failure.
        logger.warn("Metrics: job queue depth unavailable", { error: error instanceof Error ? error.message : String(error) });
        return;
      }
      // Every known queue reports, also at zero: a series that vanishes when a queue drains breaks alerts.
      for (const queue of Object.values(QUEUES)) for (const state of PENDING_JOB_STATES) this.set({ queue, state }, 0);
      for (const row of rows) this.set({ queue: row.queue, state: row.state }, row.jobs);
    },
  });
  const signInFailures = new Counter({
    name: "owes_sign_in_failures_total",
    help: "Refused sign-ins (password or second-factor step), by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  return { signInFailures };
}

function appMetrics(): TAppMetrics {
  const holder = globalThis as unknown as Record<symbol, TAppMetrics | undefined>;
  return (holder[APP_METRICS] ??= registerAppMetrics(metricsRegistry()));
}

/**
 * Counts one refused sign-in. `reason` is one of the sign-in's fixed failure codes
 * (lib/domain/sessions/sign-in.ts), never user input: every value is a time series, and no e-mail
 * or address belongs in a metric.
 */
export function countSignInFailure(reason: string): void {
  appMetrics().signInFailures.inc({ reason });
}

/** `off`: no METRICS_TOKEN is configured, metrics are not served; `refused`: a missing or wrong token. */
export type TScrapeAccess = "ok" | "off" | "refused";

function sha256(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Whether a request's `Authorization` header may read the metrics. The comparison takes the same
 * time however much of the token is right (digests of equal length, compared in constant time).
 */
export function authorizeScrape(authorization: string | null, token: string | undefined): TScrapeAccess {
  if (!token) return "off";
  const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
  if (!presented) return "refused";
  return timingSafeEqual(sha256(presented), sha256(token)) ? "ok" : "refused";
}

/** Every metric of the process in Prometheus's text format, with the pool and queue figures read now. */
export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  appMetrics();
  const registry = metricsRegistry();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
